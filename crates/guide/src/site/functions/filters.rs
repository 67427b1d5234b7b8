//! Zola's filters: `markdown(inline=false)`, `base64_encode`, `base64_decode`,
//! `num_format(locale)` and `regex_replace(pattern, rep)`, with Zola's messages.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use base64::Engine;
use num_format::{Locale, ToFormattedString};
use regex::Regex;
use tera::{Filter, Tera, Value};

pub(crate) fn register(tera: &mut Tera, default_language: &str, markdown: MarkdownSettings) {
    tera.register_filter("markdown", Markdown(markdown));
    tera.register_filter("base64_encode", base64_encode);
    tera.register_filter("base64_decode", base64_decode);
    tera.register_filter("num_format", NumFormat(default_language.to_string()));
    tera.register_filter("regex_replace", RegexReplace::default());
}

fn string(filter: &str, arg: &str, value: &Value) -> tera::Result<String> {
    value.as_str().map(str::to_string).ok_or_else(|| {
        tera::Error::msg(format!(
            "Filter `{filter}` was called on an incorrect value: got `{value}` but expected a \
             String for `{arg}`"
        ))
    })
}

/// What the `markdown` filter renders with.
#[derive(Clone)]
pub(crate) struct MarkdownSettings {
    /// The site's `[markdown]` options (smart punctuation, emoji, external links,
    /// footnotes, alerts...).
    pub(crate) options: Arc<crate::site::config::Markdown>,
    pub(crate) highlighter: Option<Arc<crate::site::highlight::Highlighter>>,
    /// A Zola site: `@/` links become permalinks (else URL paths, as in our pages).
    pub(crate) zola: bool,
    pub(crate) base_url: String,
    /// `@/a.md#x` -> `/a/#x`.
    pub(crate) resolve: super::Resolve,
    /// How heading ids are made (`[slugify] anchors`).
    pub(crate) anchor_slugs: Option<crate::site::config::zola::Strategy>,
}

/// `markdown(inline=false)`: the text rendered as a page body is, with the site's
/// `[markdown]` options and highlighting, headings with ids and no anchor links, `@/`
/// links resolved, as Zola's filter does; `inline=true` takes off the `<p>` a single
/// paragraph starts with and the `</p>` it ends with.
struct Markdown(MarkdownSettings);

impl Filter for Markdown {
    fn filter(&self, value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let text = string("markdown", "value", value)?;
        let inline = match args.get("inline") {
            Some(v) => tera::from_value::<bool>(v.clone())?,
            None => false,
        };
        let settings = &self.0;
        let assets = std::collections::HashSet::new();
        let bounce = |b: &crate::site::markdown::BounceBlock| {
            Ok(format!(
                "<pre><code class=\"language-bounce\" data-lang=\"bounce\">{}</code></pre>\n",
                crate::html::escape_attr(b.text)
            ))
        };
        // (No anchor links on the headings, as in Zola's filter.)
        let anchors =
            crate::site::markdown::Anchors::Zola(crate::site::config::zola::InsertAnchor::None);
        let rendered = crate::site::markdown::render(&crate::site::markdown::MdInput {
            text: &text,
            file: "markdown filter",
            first_line: 1,
            dir: "",
            assets: &assets,
            bounce: &bounce,
            highlighter: settings.highlighter.as_deref(),
            search_text: false,
            markdown: &settings.options,
            anchors,
            // (No page: relative links stay as written.)
            permalink: settings.zola.then_some(""),
            anchor_link: None,
            anchor_slugs: settings.anchor_slugs,
        });
        if let Some(p) = rendered.problems.first() {
            return Err(tera::Error::msg(format!(
                "Failed to render markdown filter: {}",
                p.message
            )));
        }
        let mut html = rendered.html;
        for link in &rendered.links {
            let url = (settings.resolve)(&link.target)
                .map_err(|e| tera::Error::msg(format!("Failed to render markdown filter: {e}")))?;
            let url = match settings.zola {
                true => format!("{}{url}", settings.base_url),
                false => url,
            };
            let mut written = String::new();
            let _ = pulldown_cmark_escape::escape_href(&mut written, &link.target);
            html = html.replace(
                &format!("href=\"{written}\""),
                &format!("href=\"{}\"", crate::html::escape_attr(&url)),
            );
        }
        if inline {
            // (As Zola: pulldown-cmark ends a paragraph with `</p>\n`.)
            html = html
                .trim_start_matches("<p>")
                .trim_end_matches("</p>\n")
                .to_string();
        }
        Ok(Value::String(html))
    }
}

fn base64_encode(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    let s = string("base64_encode", "value", value)?;
    Ok(Value::String(
        base64::engine::general_purpose::STANDARD.encode(s.as_bytes()),
    ))
}

fn base64_decode(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    let s = string("base64_decode", "value", value)?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(s.as_bytes())
        .map_err(|e| format!("`base64_decode`: failed to decode: {e}"))?;
    let text = String::from_utf8(bytes)
        .map_err(|e| format!("`base64_decode`: value is not UTF-8: {e}"))?;
    Ok(Value::String(text))
}

/// An integer with the locale's digit grouping (`1000000 | num_format` -> `1,000,000`).
struct NumFormat(String);

impl Filter for NumFormat {
    fn filter(&self, value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let num = value.as_i64().ok_or_else(|| {
            tera::Error::msg(format!(
                "Filter `num_format` was called on an incorrect value: got `{value}` but \
                 expected a i64"
            ))
        })?;
        let locale = match args.get("locale") {
            Some(l) => string("num_format", "locale", l)?,
            None => self.0.clone(),
        };
        let parsed = Locale::from_name(&locale).map_err(|_| {
            tera::Error::msg(format!(
                "Filter `num_format` was called with an invalid `locale` argument: `{locale}`."
            ))
        })?;
        Ok(Value::String(num.to_formatted_string(&parsed)))
    }
}

/// `regex_replace(pattern, rep)`: every match replaced (`$1` names a group); each
/// pattern is compiled once per build.
#[derive(Default)]
struct RegexReplace(Arc<Mutex<HashMap<String, Regex>>>);

impl Filter for RegexReplace {
    fn filter(&self, value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let text = string("regex_replace", "value", value)?;
        let pattern = match args.get("pattern") {
            Some(p) => string("regex_replace", "pattern", p)?,
            None => return Err("Filter `regex_replace` expected an arg called `pattern`".into()),
        };
        let rep = match args.get("rep") {
            Some(r) => string("regex_replace", "rep", r)?,
            None => return Err("Filter `regex_replace` expected an arg called `rep`".into()),
        };
        let mut cache = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if !cache.contains_key(&pattern) {
            let re = Regex::new(&pattern)
                .map_err(|e| format!("`regex_replace`: failed to compile regex: {e}"))?;
            cache.insert(pattern.clone(), re);
        }
        let re = &cache[&pattern];
        Ok(Value::String(
            re.replace_all(&text, rep.as_str()).into_owned(),
        ))
    }
}
