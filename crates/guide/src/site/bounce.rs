//! ```` ```bounce expect="P2 blocklist" ```` blocks: classified at build time with the
//! shared classifier, checked against `expect`, rendered through the theme's
//! `shortcodes/bounce.html` (or a built-in markup).
use serde_json::{json, Value};
use tera::{Context, Tera};

use crate::errors::{describe_template_error as describe, Problem};
use crate::html::escape_attr;
use crate::site::markdown::BounceBlock;

pub(crate) const TEMPLATE: &str = "shortcodes/bounce.html";

/// What `expect` asks for.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Expect {
    pub(crate) severity: Option<String>,
    pub(crate) category: Option<String>,
    pub(crate) isp: Option<String>,
    pub(crate) blocklist: Option<String>,
}

/// Reads `key="value"` pairs of the info string; returns the `expect` value.
fn expect_arg(args: &str) -> Result<Option<String>, String> {
    let mut rest = args.trim();
    let mut expect = None;
    while !rest.is_empty() {
        let (key, after) = rest
            .split_once('=')
            .ok_or_else(|| format!("bounce block: cannot read `{rest}` (use expect=\"...\")"))?;
        let after = after.trim_start();
        let (value, next) = if let Some(q) = after.strip_prefix('"') {
            let end = q
                .find('"')
                .ok_or_else(|| "bounce block: unclosed quote in the info string".to_string())?;
            (&q[..end], &q[end + 1..])
        } else {
            let end = after.find(char::is_whitespace).unwrap_or(after.len());
            (&after[..end], &after[end..])
        };
        match key.trim() {
            "expect" => expect = Some(value.to_string()),
            other => return Err(format!("bounce block: unknown argument `{other}`")),
        }
        rest = next.trim_start();
    }
    Ok(expect)
}

pub(crate) fn parse_expect(text: &str) -> Result<Expect, String> {
    use classify::{Blocklist, Category, Isp, Severity};
    let mut e = Expect::default();
    for token in text.split_whitespace() {
        if let Some(v) = token.strip_prefix("isp=") {
            e.isp = Some(known_value("isp", v, Isp::ALL.iter().map(|i| i.as_str()))?);
        } else if let Some(v) = token.strip_prefix("blocklist=") {
            let names = Blocklist::ALL.iter().map(|b| b.as_str());
            e.blocklist = Some(known_value("blocklist", v, names)?);
        } else if Severity::ALL.iter().any(|s| s.as_str() == token) {
            e.severity = Some(token.to_string());
        } else if Category::ALL.iter().any(|c| c.as_str() == token) {
            e.category = Some(token.to_string());
        } else {
            return Err(format!(
                "bounce block: unknown expectation `{token}` (a severity P1-P4, a category, \
                 isp=<name> or blocklist=<name>)"
            ));
        }
    }
    Ok(e)
}

/// `value` when it is one of the classifier's names for `key`, or `none`.
fn known_value<'a>(
    key: &str,
    value: &str,
    mut names: impl Iterator<Item = &'a str>,
) -> Result<String, String> {
    if value == "none" || names.any(|n| n == value) {
        Ok(value.to_string())
    } else {
        Err(format!(
            "bounce block: unknown {key} `{value}` (one of the classifier's names, or none)"
        ))
    }
}

fn field(result: &Value, key: &str) -> String {
    match result.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => "none".to_string(),
        Some(v) => v.to_string(),
    }
}

/// Classifies `text` and checks it against `expect` (the words of a bounce block's
/// `expect`): the classifier's JSON object, or the message saying what differs.
pub(crate) fn check(text: &str, expect: &str) -> Result<(classify::Classification, Value), String> {
    let expect = parse_expect(expect)?;
    let classification = classify::classify(text, &classify::Context::default());
    let result = serde_json::to_value(&classification).unwrap_or(Value::Null);

    let checks = [
        ("severity", &expect.severity),
        ("category", &expect.category),
        ("isp", &expect.isp),
        ("blocklist", &expect.blocklist),
    ];
    let mut wanted = Vec::new();
    let mut got = Vec::new();
    let mut mismatch = false;
    for (key, want) in checks {
        if let Some(want) = want {
            let have = field(&result, key);
            mismatch |= &have != want;
            let show = |v: &str| match key {
                "isp" | "blocklist" => format!("{key}={v}"),
                _ => v.to_string(),
            };
            wanted.push(show(want));
            got.push(show(&have));
        }
    }
    if mismatch {
        return Err(format!(
            "bounce example: expected {}, got {}",
            wanted.join(" "),
            got.join(" ")
        ));
    }
    Ok((classification, result))
}

/// Classifies and checks one block; renders it.
pub(crate) fn render(
    block: &BounceBlock,
    file: &str,
    theme: Option<&Tera>,
) -> Result<String, Problem> {
    let problem = |msg: String| Problem::at(file, block.line, msg);
    let expect_text = expect_arg(block.args).map_err(problem)?.unwrap_or_default();
    let (classification, result) = check(block.text, &expect_text).map_err(problem)?;

    let value = json!({ "text": block.text, "expect": expect_text, "result": result });
    match theme.filter(|t| t.get_template_names().any(|n| n == TEMPLATE)) {
        Some(tera) => {
            let mut ctx = Context::new();
            ctx.insert("bounce", &value);
            ctx.insert("labels", &classify::labels::Labels);
            tera.render(TEMPLATE, &ctx).map_err(|e| {
                let (msg, _) = describe(&e);
                problem(format!("template error in {TEMPLATE}: {msg}"))
            })
        }
        None => Ok(default_markup(block.text, &classification)),
    }
}

fn default_markup(text: &str, c: &classify::Classification) -> String {
    let sev = c.severity.as_str();
    let category = c.category.as_str();
    format!(
        "<figure class=\"bounce\" data-severity=\"{sev}\"><pre><code>{}</code></pre>\
         <figcaption><strong>{sev}</strong> <span class=\"bounce-category\">{}</span> {}</figcaption></figure>\n",
        escape_attr(text),
        escape_attr(category),
        escape_attr(&c.title),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_expectations() {
        let e = parse_expect("P2 blocklist blocklist=spamhaus").unwrap();
        assert_eq!(e.severity.as_deref(), Some("P2"));
        assert_eq!(e.category.as_deref(), Some("blocklist"));
        assert_eq!(e.blocklist.as_deref(), Some("spamhaus"));
        assert!(parse_expect("P9").is_err());
        assert_eq!(
            parse_expect("isp=none").unwrap().isp.as_deref(),
            Some("none")
        );
        let typo = parse_expect("P2 isp=gmial").unwrap_err();
        assert!(typo.contains("unknown isp `gmial`"), "{typo}");
        assert!(parse_expect("blocklist=zen").is_err());
        assert_eq!(
            expect_arg(r#"expect="P2 blocklist""#).unwrap().as_deref(),
            Some("P2 blocklist")
        );
    }
}
