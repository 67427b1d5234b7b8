//! Zola's shortcodes in page bodies: `{{ name(key=value, ...) }}` and
//! `{% name(...) %}body{% end %}` call the template `shortcodes/name.html` (or `.md`)
//! of the site or its theme, with the arguments, `body` and `nth` (the how-manieth call of
//! that shortcode in the page) beside what every body template sees. `{{/* ... */}}` and
//! `{%/* ... */%}` are printed without the comment markers, as Zola does, so a page can
//! show the syntax. A call of a name that is no shortcode is left to the body's own
//! templating (`{{ url(path=...) }}`, `{{ data.x }}`).
//!
//! [`extract`] swaps each call and each escaped tag for a token that keeps the line
//! count (the body's own templating cannot see into them); [`Extracted::finish`] puts
//! the rendered shortcodes and the escaped text back once that templating is done.
use serde_json::{Map, Value};
use tera::{Context, Tera};

use crate::errors::describe_template_error as describe;

const CALL: &str = "GUIDESC";
const LITERAL: &str = "GUIDELIT";

/// One shortcode call of a body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Call {
    pub(crate) name: String,
    /// Its template (`shortcodes/name.md` or `.html`).
    pub(crate) template: String,
    pub(crate) args: Map<String, Value>,
    /// The text between `{% name() %}` and its `{% end %}`, trimmed.
    pub(crate) body: Option<String>,
    /// The shortcodes called in the body (Zola 0.20 and later render them into the
    /// body before the call that holds them): the body with tokens for them.
    inner: Option<Box<Extracted>>,
    pub(crate) nth: usize,
    /// Byte offset of the call in the body.
    pub(crate) at: usize,
    /// Newlines the call spanned (its token is followed by as many).
    newlines: usize,
}

/// A body with its shortcode calls and escaped tags swapped for tokens.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Extracted {
    pub(crate) text: String,
    pub(crate) calls: Vec<Call>,
    /// The escaped tags, without their markers, and the newlines they spanned.
    literals: Vec<(String, usize)>,
}

/// A body's shortcode syntax is wrong: where (byte offset in the body) and what.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SyntaxError {
    pub(crate) at: usize,
    pub(crate) message: String,
}

/// The template of shortcode `name` in `tera`: `shortcodes/name.md`, else `.html`.
pub(crate) fn template_of(tera: &Tera, name: &str) -> Option<String> {
    ["md", "html"]
        .iter()
        .map(|ext| format!("shortcodes/{name}.{ext}"))
        .find(|t| tera.get_template_names().any(|n| n == t))
}

/// Finds the shortcode calls of `body` (names that `template` knows) and its escaped
/// tags. Linear in the body.
pub(crate) fn extract(
    body: &str,
    template: impl Fn(&str) -> Option<String>,
) -> Result<Extracted, SyntaxError> {
    let mut nths = std::collections::HashMap::new();
    extract_in(body, 0, &template, &mut nths)
}

/// [`extract`] of `body`, which starts at byte `offset` of the page body; `nths` counts
/// the calls of each name so far, in the order they start (an outer call before the
/// calls in its body), as Zola numbers them.
fn extract_in(
    body: &str,
    offset: usize,
    template: &impl Fn(&str) -> Option<String>,
    nths: &mut std::collections::HashMap<String, usize>,
) -> Result<Extracted, SyntaxError> {
    let mut out = Extracted::default();
    let mut last = 0;
    let mut from = 0;
    let bytes = body.as_bytes();
    while let Some(i) = memchr::memchr(b'{', &bytes[from..]).map(|i| from + i) {
        from = i + 1;
        let rest = &body[i..];
        let (token, end) = if let Some(esc) = escaped(rest) {
            let text = esc.0;
            let newlines = body[i..i + esc.1].matches('\n').count();
            out.literals.push((text, newlines));
            (token(LITERAL, out.literals.len() - 1, newlines), i + esc.1)
        } else if let Some(found) = call(rest, template, offset + i)? {
            let (mut c, len, body_at) = found;
            let n = nths.entry(c.name.clone()).or_default();
            *n += 1;
            c.nth = *n;
            c.newlines = body[i..i + len].matches('\n').count();
            if let Some(inner) = c.body.as_deref().filter(|b| b.contains('{')) {
                let extracted = extract_in(inner, offset + i + body_at, template, nths)?;
                if !extracted.calls.is_empty() || !extracted.literals.is_empty() {
                    c.inner = Some(Box::new(extracted));
                }
            }
            let t = token(CALL, out.calls.len(), c.newlines);
            out.calls.push(c);
            (t, i + len)
        } else {
            continue;
        };
        out.text.push_str(&body[last..i]);
        out.text.push_str(&token);
        last = end;
        from = end;
    }
    out.text.push_str(&body[last..]);
    Ok(out)
}

fn token(prefix: &str, n: usize, newlines: usize) -> String {
    format!("{prefix}{n}Z{}", "\n".repeat(newlines))
}

/// `{{/* x */}}` -> `{{ x }}`, `{%/* x */%}` -> `{% x %}`: the text and the length read.
fn escaped(rest: &str) -> Option<(String, usize)> {
    let (open, close, plain_open, plain_close) = if rest.starts_with("{{/*") {
        ("{{/*", "*/}}", "{{", "}}")
    } else if rest.starts_with("{%/*") {
        ("{%/*", "*/%}", "{%", "%}")
    } else {
        return None;
    };
    let end = rest[open.len()..].find(close)? + open.len();
    let inner = &rest[open.len()..end];
    // Zola's grammar escapes only what would be a call (`name(...)`, or `end` in
    // `{%/* */%}`): any other text between the markers stays as written.
    let is_end = open == "{%/*" && inner.trim() == "end";
    if !is_end && !looks_like_call(inner.trim()) {
        return None;
    }
    let len = end + close.len();
    Some((format!("{plain_open}{inner}{plain_close}"), len))
}

/// `name(...)`: an identifier, then arguments in parentheses.
fn looks_like_call(text: &str) -> bool {
    let name_len = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    let rest = text[name_len..].trim_start();
    name_len > 0
        && !text.starts_with(|c: char| c.is_ascii_digit())
        && rest.starts_with('(')
        && rest.ends_with(')')
}

/// A call at the start of `rest` (`at` in the body): `{{ name(...) }}` or
/// `{% name(...) %}...{% end %}` of a known shortcode, its length and where its body
/// starts in `rest` (its trimmed text). `None` when it is no shortcode call (the body's
/// own templating gets it). A body ends at the `{% end %}` that matches its call: the
/// calls with bodies inside it have theirs.
fn call(
    rest: &str,
    template: &impl Fn(&str) -> Option<String>,
    at: usize,
) -> Result<Option<(Call, usize, usize)>, SyntaxError> {
    let (close, bodied) = match rest.as_bytes().get(1) {
        Some(b'{') => ("}}", false),
        Some(b'%') => ("%}", true),
        _ => return Ok(None),
    };
    let mut p = Cursor {
        text: rest,
        pos: 2,
        at,
    };
    p.skip_ws();
    let name = p.ident();
    if name.is_empty() || !p.eat("(") {
        return Ok(None);
    }
    let Some(template_name) = template(name) else {
        return Ok(None);
    };
    let name = name.to_string();
    let args = p.kwargs()?;
    p.skip_ws();
    if !p.eat(close) {
        return Err(p.error(format!(
            "shortcode `{name}`: `{close}` expected after its arguments"
        )));
    }
    let mut call = Call {
        name,
        template: template_name,
        args,
        body: None,
        inner: None,
        nth: 0,
        at,
        newlines: 0,
    };
    if !bodied {
        return Ok(Some((call, p.pos, 0)));
    }
    let Some((body_end, after)) = end_tag(&rest[p.pos..], template) else {
        return Err(p.error(format!(
            "shortcode `{}` with a body is not closed by `{{% end %}}`",
            call.name
        )));
    };
    let raw = &rest[p.pos..p.pos + body_end];
    let trimmed = raw.trim();
    let body_at = p.pos + (raw.len() - raw.trim_start().len());
    call.body = Some(trimmed.to_string());
    Ok(Some((call, p.pos + after, body_at)))
}

/// The `{% end %}` of `text` that closes the body it starts: where it starts and ends.
/// The calls with bodies of known shortcodes (`template`) in it have their own.
fn end_tag(text: &str, template: &impl Fn(&str) -> Option<String>) -> Option<(usize, usize)> {
    let mut from = 0;
    let mut depth = 0usize;
    while let Some(i) = text[from..].find("{%").map(|i| from + i) {
        let inner = &text[i + 2..];
        let trimmed = inner.trim_start();
        if let Some(after) = trimmed.strip_prefix("end") {
            let after_ws = after.trim_start();
            if after_ws.starts_with("%}") {
                let end = text.len() - after_ws.len() + 2;
                if depth == 0 {
                    return Some((i, end));
                }
                depth -= 1;
                from = end;
                continue;
            }
        }
        // An inner call with a body: `{% name(`.
        let name_len = trimmed
            .char_indices()
            .find(|&(k, c)| !(c == '_' || c.is_ascii_alphabetic() || (k > 0 && c.is_ascii_digit())))
            .map_or(trimmed.len(), |(k, _)| k);
        let name = &trimmed[..name_len];
        if !name.is_empty()
            && trimmed[name_len..].trim_start().starts_with('(')
            && template(name).is_some()
        {
            depth += 1;
        }
        from = i + 2;
    }
    None
}

/// Reads a shortcode's arguments.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
    /// Offset of `text` in the body.
    at: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, s: &str) -> bool {
        self.skip_ws();
        if self.rest().starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    fn ident(&mut self) -> &'a str {
        let rest = self.rest();
        let len = rest
            .char_indices()
            .find(|&(i, c)| !(c == '_' || c.is_ascii_alphabetic() || (i > 0 && c.is_ascii_digit())))
            .map_or(rest.len(), |(i, _)| i);
        self.pos += len;
        &rest[..len]
    }

    fn error(&self, message: String) -> SyntaxError {
        SyntaxError {
            at: self.at + self.pos,
            message,
        }
    }

    /// `key=value, ...)`: the arguments up to and with the closing parenthesis.
    fn kwargs(&mut self) -> Result<Map<String, Value>, SyntaxError> {
        let mut args = Map::new();
        loop {
            if self.eat(")") {
                return Ok(args);
            }
            self.skip_ws();
            let key = self.ident().to_string();
            if key.is_empty() || !self.eat("=") {
                return Err(self.error("a keyword argument (`name=value`) expected".into()));
            }
            self.skip_ws();
            let value = self.literal()?;
            args.insert(key, value);
            if !self.eat(",") && !self.rest().trim_start().starts_with(')') {
                return Err(self.error("`,` or `)` expected after an argument".into()));
            }
        }
    }

    /// A string (`"`, `'` or `` ` ``), number, boolean or array of those.
    fn literal(&mut self) -> Result<Value, SyntaxError> {
        let rest = self.rest();
        let first = rest.chars().next().unwrap_or(' ');
        if matches!(first, '"' | '\'' | '`') {
            let Some(end) = rest[1..].find(first) else {
                return Err(self.error("a string is not closed".into()));
            };
            self.pos += end + 2;
            return Ok(Value::String(rest[1..end + 1].to_string()));
        }
        if first == '[' {
            self.pos += 1;
            let mut items = Vec::new();
            loop {
                if self.eat("]") {
                    return Ok(Value::Array(items));
                }
                self.skip_ws();
                items.push(self.literal()?);
                if !self.eat(",") && !self.rest().trim_start().starts_with(']') {
                    return Err(self.error("`,` or `]` expected in an array".into()));
                }
            }
        }
        for (word, value) in [("true", true), ("false", false)] {
            if rest.starts_with(word) {
                self.pos += word.len();
                return Ok(Value::Bool(value));
            }
        }
        let len = rest
            .char_indices()
            .find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || (i == 0 && matches!(c, '-' | '+'))))
            .map_or(rest.len(), |(i, _)| i);
        let number = &rest[..len];
        let value = match number.contains('.') {
            false => number.parse::<i64>().ok().map(Value::from),
            true => number.parse::<f64>().ok().map(Value::from),
        };
        match value {
            Some(v) => {
                self.pos += len;
                Ok(v)
            }
            None => Err(self.error(
                "a literal (a string, number, boolean or array) expected as argument value".into(),
            )),
        }
    }
}

/// A shortcode call that failed: the call and the message.
#[derive(Debug)]
pub(crate) struct Failed<'c> {
    pub(crate) call: &'c Call,
    /// The template's own line of the error, when Tera says it.
    pub(crate) message: String,
}

/// A rendered shortcode: Markdown goes into the body's text, HTML is kept out of
/// Markdown's way.
pub(crate) enum Output {
    Markdown(String),
    Html(String),
}

impl Call {
    /// Renders the call with `context` (what a body sees) plus its arguments, `body` and
    /// `nth`.
    pub(crate) fn render(&self, tera: &Tera, context: &Context) -> Result<Output, Failed<'_>> {
        let mut ctx = context.clone();
        for (k, v) in &self.args {
            ctx.insert(k, v);
        }
        if let Some(body) = &self.body {
            match &self.inner {
                // The shortcodes in the body first, their output (Markdown or HTML)
                // put in its place, as Zola does.
                Some(inner) => {
                    let mut failed = None;
                    let flat = inner.finish(&inner.text, |n| {
                        match inner.calls[n].render(tera, context) {
                            Ok(Output::Markdown(t) | Output::Html(t)) => t,
                            Err(f) => {
                                failed.get_or_insert((n, f.message));
                                String::new()
                            }
                        }
                    });
                    if let Some((n, message)) = failed {
                        return Err(Failed {
                            call: &inner.calls[n],
                            message,
                        });
                    }
                    ctx.insert("body", flat.trim_end());
                }
                None => ctx.insert("body", body.trim_end()),
            }
        }
        ctx.insert("nth", &self.nth);
        let text = tera
            .render(&self.template, &ctx)
            .map_err(|e| Failed {
                call: self,
                message: describe(&e).0,
            })?
            .replace("\r\n", "\n");
        Ok(match self.template.ends_with(".md") {
            true => Output::Markdown(text),
            false => Output::Html(text),
        })
    }
}

impl Extracted {
    /// Puts the escaped tags back into `text` (the body's text after its own
    /// templating) and each call's output as `with` gives it, consuming the newlines
    /// each token kept.
    pub(crate) fn finish(&self, text: &str, mut with: impl FnMut(usize) -> String) -> String {
        if self.calls.is_empty() && self.literals.is_empty() {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(i) = rest.find("GUIDE") {
            out.push_str(&rest[..i]);
            let after = &rest[i..];
            let found =
                [(CALL, true), (LITERAL, false)]
                    .into_iter()
                    .find_map(|(prefix, is_call)| {
                        let digits_at = after.strip_prefix(prefix)?;
                        let digits = digits_at.len()
                            - digits_at
                                .trim_start_matches(|c: char| c.is_ascii_digit())
                                .len();
                        let n: usize = digits_at[..digits].parse().ok()?;
                        digits_at[digits..].starts_with('Z').then_some(())?;
                        Some((is_call, n, prefix.len() + digits + 1))
                    });
            let Some((is_call, n, len)) = found else {
                out.push_str("GUIDE");
                rest = &after["GUIDE".len()..];
                continue;
            };
            let (replacement, newlines) = match is_call {
                true => match self.calls.get(n) {
                    Some(c) => (with(n), c.newlines),
                    None => (String::new(), 0),
                },
                false => match self.literals.get(n) {
                    Some((t, newlines)) => (t.clone(), *newlines),
                    None => (String::new(), 0),
                },
            };
            out.push_str(&replacement);
            let tail = &after[len..];
            let kept = tail.len() - tail.trim_start_matches('\n').len();
            rest = &tail[kept.min(newlines)..];
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(name: &str) -> Option<String> {
        ["youtube", "quote", "md"]
            .contains(&name)
            .then(|| format!("shortcodes/{name}.html"))
    }

    #[test]
    fn finds_calls_with_their_arguments() {
        let ex = extract(
            "a {{ youtube(id=\"x\", n=2, f=1.5, ok=true, list=[1, 'b']) }} b {{ url(path='@/a.md') }}",
            known,
        )
        .unwrap();
        assert_eq!(ex.text, "a GUIDESC0Z b {{ url(path='@/a.md') }}");
        let c = &ex.calls[0];
        assert_eq!(c.name, "youtube");
        assert_eq!(
            Value::Object(c.args.clone()),
            serde_json::json!({"id": "x", "n": 2, "f": 1.5, "ok": true, "list": [1, "b"]})
        );
        assert_eq!((c.nth, c.at), (1, 2));
    }

    #[test]
    fn bodies_and_counts() {
        let ex = extract(
            "{% quote(by='A') %}\n  Hi *there*\n{% end %}\n{{ quote() }}",
            known,
        )
        .unwrap();
        assert_eq!(ex.text, "GUIDESC0Z\n\n\nGUIDESC1Z");
        assert_eq!(ex.calls[0].body.as_deref(), Some("Hi *there*"));
        assert_eq!(ex.calls[1].nth, 2);
        let done = ex.finish(&ex.text, |n| format!("<{n}>"));
        assert_eq!(done, "<0>\n<1>");
    }

    #[test]
    fn escapes_lose_their_markers() {
        let ex = extract(
            "`{{/* youtube(id=1) */}}` {%/* quote() */%}x{%/* end */%}",
            known,
        )
        .unwrap();
        let done = ex.finish(&ex.text, |_| String::new());
        assert_eq!(done, "`{{ youtube(id=1) }}` {% quote() %}x{% end %}");
        // Not a call: the markers stay, as in Zola.
        let ex = extract("{{/* templates */}} {%/* if x */%}", known).unwrap();
        assert_eq!(
            ex.finish(&ex.text, |_| String::new()),
            "{{/* templates */}} {%/* if x */%}"
        );
    }

    #[test]
    fn bad_syntax_is_an_error_at_its_place() {
        let e = extract("ab {{ youtube(id=) }}", known).unwrap_err();
        assert_eq!(e.at, 17);
        assert!(e.message.contains("literal"), "{e:?}");
        let e = extract("{% quote() %} never closed", known).unwrap_err();
        assert!(e.message.contains("{% end %}"), "{e:?}");
    }
}
