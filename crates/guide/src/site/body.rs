//! Page bodies that hold `{{` or `{%` are rendered through Tera before markdown, with
//! the site's context and the theme's templates (so `{% include "shortcodes/x.html" %}`
//! works). Code (fenced, indented, inline) is not templated. HTML produced by a tag is
//! swapped for a placeholder during markdown and put back afterwards, so blank lines in
//! an include cannot break it.
use pulldown_cmark::{Event, Parser, Tag};
use tera::{Context, Tera};

use crate::errors::{describe_template_error as describe, Problem};
use crate::site::content::needs_templating;
use crate::site::shortcodes::{self, Extracted, Output};
use crate::site::template_limits;
use crate::site::templates::Theme;

const OPEN: char = '\u{1}';
const CLOSE: char = '\u{2}';

/// A templated body: markdown with `GUIDEHTML<n>Z` placeholders for `blocks`.
#[derive(Debug, Default, Clone)]
pub(crate) struct Templated {
    pub(crate) text: String,
    pub(crate) blocks: Vec<String>,
    /// The blocks from here on are shortcodes' HTML (the others, the body's own tags').
    pub(crate) first_shortcode: usize,
}

fn placeholder(prefix: &str, n: usize) -> String {
    format!("{prefix}{n}Z")
}

/// Renders `body` (line `first_line` of `file`): its shortcodes (see [`shortcodes`]) and,
/// unless `zola` (a Zola site, whose bodies are not templates: any other `{{` is text,
/// a call of an unknown shortcode an error), its own tags through `tera` (the theme's
/// templates and functions; the body is added to it as a template named `file`) with
/// `context`. `theme` (where the templates come from) names the shortcode template of
/// an error.
pub(crate) fn render(
    body: &str,
    file: &str,
    first_line: usize,
    tera: &mut Tera,
    context: &Context,
    theme: Option<&Theme>,
    zola: bool,
) -> Result<Templated, Problem> {
    let line_of = |at: usize| body[..at.min(body.len())].matches('\n').count() + first_line;
    let extracted =
        shortcodes::extract(body, |name| shortcodes::template_of(tera, name)).map_err(|e| {
            Problem::at(
                file,
                line_of(e.at),
                format!("shortcode error: {}", e.message),
            )
        })?;
    let mut out = match needs_templating(&extracted.text) {
        true => match render_tags(&extracted.text, file, first_line, tera, context) {
            Ok(out) => out,
            // A Zola site's body is no template: `{{ x }}` or `{% if %}` in its text is
            // text for Zola. (Its calls of functions work here too, and a call of an
            // unknown name is still the error Zola makes of it.)
            Err(p) if zola && is_text_for_zola(&p.message) => Templated {
                text: extracted.text.clone(),
                ..Templated::default()
            },
            Err(p) => return Err(p),
        },
        false => Templated {
            text: extracted.text.clone(),
            ..Templated::default()
        },
    };
    out.first_shortcode = out.blocks.len();
    let in_code = code_ranges(body);
    let in_code = |at: usize| in_code.iter().any(|r| r.contains(&at));
    out.text = insert_shortcodes(&extracted, &mut out, tera, context, theme, &in_code)
        .map_err(|(at, msg)| Problem::at(file, line_of(at), msg))?;
    Ok(out)
}

/// The byte ranges of `body` that are code (blocks and spans).
fn code_ranges(body: &str) -> Vec<std::ops::Range<usize>> {
    Parser::new_ext(body, crate::site::markdown::options())
        .into_offset_iter()
        .filter(|(e, _)| matches!(e, Event::Start(Tag::CodeBlock(_)) | Event::Code(_)))
        .map(|(_, r)| r)
        .collect()
}

/// Renders the shortcode calls of `extracted` into `out.text` (the body after its own
/// templating): Markdown output in place, HTML as a block placeholder; in code (`in_code`
/// of the call's offset) either is the code's text, as Zola puts it there. The error:
/// the call's offset in the body and the message.
fn insert_shortcodes(
    extracted: &Extracted,
    out: &mut Templated,
    tera: &Tera,
    context: &Context,
    theme: Option<&Theme>,
    in_code: &dyn Fn(usize) -> bool,
) -> Result<String, (usize, String)> {
    let mut failed = None;
    let text = extracted.finish(&out.text, |n| {
        let call = &extracted.calls[n];
        match call.render(tera, context) {
            Ok(Output::Markdown(text)) => text,
            Ok(Output::Html(text)) if in_code(call.at) => text,
            Ok(Output::Html(html)) => {
                out.blocks.push(html);
                placeholder("GUIDEHTML", out.blocks.len() - 1)
            }
            Err(f) => {
                // The shortcode's file (and line, when the message names what failed).
                let template = &f.call.template;
                let place = match theme.map(|t| (t, t.locate(template, &f.message))) {
                    Some((t, Some((name, line)))) => format!("{}:{line}", t.file_of(&name)),
                    Some((t, None)) => t.file_of(template),
                    None => template.clone(),
                };
                let msg = format!(
                    "template error in shortcode `{}` ({place}): {}",
                    f.call.name, f.message
                );
                failed.get_or_insert((call.at, msg));
                String::new()
            }
        }
    });
    match failed {
        Some(f) => Err(f),
        None => Ok(text),
    }
}

/// Whether a body's templating failed because its `{{`, `{%` are no template at all (it
/// does not parse, or names a variable nobody set): text, for Zola.
fn is_text_for_zola(message: &str) -> bool {
    message.contains("Failed to parse") || message.contains("not found in context")
}

/// Renders the body's own tags (`{{ ... }}`, `{% ... %}`) through `tera`.
fn render_tags(
    body: &str,
    file: &str,
    first_line: usize,
    tera: &mut Tera,
    context: &Context,
) -> Result<Templated, Problem> {
    // 1. Protect code: replace it by tokens that keep its line count.
    let mut code = Vec::new();
    let mut protected = String::with_capacity(body.len());
    let mut last = 0;
    let mut skip_until = 0;
    for (event, range) in Parser::new_ext(body, crate::site::markdown::options()).into_offset_iter()
    {
        let is_code = matches!(event, Event::Start(Tag::CodeBlock(_)) | Event::Code(_));
        if !is_code || range.start < skip_until || range.start < last {
            continue;
        }
        let original = &body[range.clone()];
        protected.push_str(&body[last..range.start]);
        protected.push_str(&placeholder("GUIDERAW", code.len()));
        protected.push_str(&"\n".repeat(original.matches('\n').count()));
        code.push(original.to_string());
        last = range.end;
        skip_until = range.end;
    }
    protected.push_str(&body[last..]);

    // 2. Mark the output of `{{ ... }}` and `{% include %}`.
    let marked = mark_outputs(&protected);

    // 3. Render (not parsed when it nests too deep for Tera's parser; guarded against
    // endless recursion, as the theme's templates are).
    if let Err(n) = template_limits::check_nesting(&marked) {
        return Err(Problem::at(
            file,
            n.line + first_line - 1,
            format!("template error in page body: {}", n.message),
        ));
    }
    let rendered = tera
        .add_raw_template(file, &marked)
        .and_then(|_| {
            template_limits::guard_template(tera, file);
            tera.render(file, context)
        })
        .map_err(|e| {
            if let Some(deep) = template_limits::too_deep(&e) {
                return Problem::at(
                    file,
                    first_line,
                    format!("template error in page body: {deep}"),
                );
            }
            let (msg, pos) = describe(&e);
            let line = match pos {
                Some((l, _)) => l + first_line - 1,
                None => guess_line(body, &msg) + first_line - 1,
            };
            // A call of a name that is neither a function nor a shortcode: Zola's words.
            let unknown = msg
                .split("Function '")
                .nth(1)
                .and_then(|rest| rest.split_once("' not found"))
                .map(|(name, _)| name);
            match unknown {
                Some(name) => Problem::at(
                    file,
                    line,
                    format!(
                        "Found usage of a shortcode named `{name}` but we do not know about \
                         it (no templates/shortcodes/{name}.html or .md, and no function of \
                         that name)"
                    ),
                ),
                None => Problem::at(file, line, format!("template error in page body: {msg}")),
            }
        })?;

    // 4. Tag outputs: block HTML becomes a placeholder, inline text stays.
    let mut out = Templated::default();
    let mut text = String::with_capacity(rendered.len());
    let mut rest = rendered.as_str();
    while let Some(i) = rest.find(OPEN) {
        text.push_str(&rest[..i]);
        let after = &rest[i + OPEN.len_utf8()..];
        let end = after.find(CLOSE).unwrap_or(after.len());
        let segment = &after[..end];
        if segment.contains('\n') || segment.trim_start().starts_with('<') {
            text.push_str(&placeholder("GUIDEHTML", out.blocks.len()));
            out.blocks.push(segment.to_string());
        } else {
            text.push_str(segment);
        }
        rest = after.get(end + CLOSE.len_utf8()..).unwrap_or("");
    }
    text.push_str(rest);
    let text = text.replace([OPEN, CLOSE], "");

    // 5. Put the code back (with the newlines its token kept, when they are still there).
    let restored = replace_tokens(&text, "GUIDERAW", |n, after| {
        let original = code.get(n)?;
        let lines = original.matches('\n').count();
        let kept = after.len() - after.trim_start_matches('\n').len();
        Some((original.clone(), lines.min(kept), None))
    });
    out.text = restored;
    Ok(out)
}

/// Replaces each `<prefix><n>Z` token of `text` in one pass (linear, whatever the
/// number of tokens): `with(n, text after the token)` gives the replacement, how many
/// bytes after the token it also replaces, and whether a `<p>` and `</p>` right around
/// the token go too. A token `with` does not know stays.
fn replace_tokens(
    text: &str,
    prefix: &str,
    with: impl Fn(usize, &str) -> Option<(String, usize, Option<bool>)>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(prefix) {
        let after_prefix = &rest[i + prefix.len()..];
        let digits = after_prefix.len()
            - after_prefix
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .len();
        let token_end = i + prefix.len() + digits + 1;
        let known = (digits > 0 && after_prefix[digits..].starts_with('Z'))
            .then(|| after_prefix[..digits].parse::<usize>().ok())
            .flatten()
            .and_then(|n| with(n, &rest[token_end..]));
        let Some((replacement, consumed, paragraph)) = known else {
            out.push_str(&rest[..i + prefix.len()]);
            rest = after_prefix;
            continue;
        };
        out.push_str(&rest[..i]);
        let mut next = token_end + consumed;
        if let Some(tight) = paragraph {
            if out.ends_with("<p>") && rest[next..].starts_with("</p>") {
                out.truncate(out.len() - "<p>".len());
                next += "</p>".len();
                // (As Zola writes a shortcode alone in its paragraph: no line break
                // after one that ends with its own.)
                if tight && replacement.ends_with('\n') && rest[next..].starts_with('\n') {
                    next += 1;
                }
            }
        }
        out.push_str(&replacement);
        rest = &rest[next..];
    }
    out.push_str(rest);
    out
}

/// Byte offset of the next `{{` or `{%` (a linear scan, however many tags follow).
fn next_tag(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memchr(b'{', &bytes[from..]).map(|i| from + i) {
        if matches!(bytes.get(i + 1), Some(b'{' | b'%')) {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

fn mark_outputs(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(next) = next_tag(rest) {
        out.push_str(&rest[..next]);
        let tag = &rest[next..];
        let is_expr = tag.starts_with("{{");
        let close = if is_expr { "}}" } else { "%}" };
        // The closer is searched after the opener: in `{%}` they overlap.
        let Some(end) = tag[2..].find(close).map(|e| e + 4) else {
            out.push_str(tag);
            rest = "";
            break;
        };
        let inner = tag[2..end - 2].trim_matches(|c: char| c == '-' || c.is_whitespace());
        let wrap = is_expr || inner.starts_with("include ");
        if wrap {
            out.push(OPEN);
        }
        out.push_str(&tag[..end]);
        if wrap {
            out.push(CLOSE);
        }
        rest = &tag[end..];
    }
    out.push_str(rest);
    out
}

/// Best guess of the body line (1-based) an error without position is about: the line
/// naming the variable in backticks, else the first line with a tag.
fn guess_line(body: &str, msg: &str) -> usize {
    let name = msg.split('`').nth(1).filter(|n| !n.is_empty());
    let find = |needle: &str| body.lines().position(|l| l.contains(needle));
    name.and_then(find)
        .or_else(|| find("{{"))
        .or_else(|| find("{%"))
        .map_or(1, |i| i + 1)
}

/// Replaces the placeholders in the markdown output by their HTML (a placeholder alone
/// in its paragraph replaces the paragraph).
pub(crate) fn restore(html: String, templated: &Templated) -> String {
    let blocks = &templated.blocks;
    if blocks.is_empty() {
        return html;
    }
    replace_tokens(&html, "GUIDEHTML", |n, _| {
        let tight = n >= templated.first_shortcode;
        Some((blocks.get(n)?.clone(), 0, Some(tight)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(body: &str) -> Templated {
        let mut tera = Tera::default();
        tera.add_raw_template("inc.html", "<div>\n\n<p>in</p>\n\n</div>")
            .unwrap();
        let mut ctx = Context::new();
        ctx.insert("x", "X");
        render(body, "content/p.md", 1, &mut tera, &ctx, None, false).unwrap()
    }

    #[test]
    fn code_is_not_templated() {
        let t = run("a {{ x }} `{{ y }}`\n\n```\n{{ z }}\n```\n");
        assert_eq!(t.text, "a X `{{ y }}`\n\n```\n{{ z }}\n```\n");
    }

    #[test]
    fn includes_become_placeholders() {
        let t = run("before\n\n{% include \"inc.html\" %}\n\nafter\n");
        assert_eq!(t.blocks, ["<div>\n\n<p>in</p>\n\n</div>"]);
        assert_eq!(t.text, "before\n\nGUIDEHTML0Z\n\nafter\n");
        let html = restore("<p>GUIDEHTML0Z</p>".into(), &t);
        assert_eq!(html, t.blocks[0]);
    }

    #[test]
    fn errors_name_the_file_line() {
        let mut tera = Tera::default();
        let e = render(
            "a\n\nb {{ nope.x }}\n",
            "content/p.md",
            5,
            &mut tera,
            &Context::new(),
            None,
            false,
        )
        .unwrap_err();
        assert_eq!(e.line, Some(7), "{e}");
    }

    #[test]
    fn tags_that_are_no_template_are_text_in_a_zola_body() {
        let mut tera = Tera::default();
        let ctx = Context::new();
        for text in ["a {{ x }} b\n", "a {% if y %} b\n"] {
            let t = render(text, "content/p.md", 1, &mut tera, &ctx, None, true).unwrap();
            assert_eq!(t.text, text);
            assert!(render(text, "content/p.md", 1, &mut tera, &ctx, None, false).is_err());
        }
        let e = render(
            "a\n{{ nope(a=1) }}\n",
            "content/p.md",
            3,
            &mut tera,
            &ctx,
            None,
            true,
        )
        .unwrap_err();
        assert_eq!(e.line, Some(4), "{e}");
        assert!(e.message.contains("shortcode named `nope`"), "{e}");
    }

    #[test]
    fn a_tag_closed_by_its_own_opener_is_an_error_not_a_panic() {
        // `{%}`: the `%}` that closes it overlaps the `{%` that opens it.
        for body in ["a {%} b\n", "a {%}\n", "{{}"] {
            let problem = render(
                body,
                "content/p.md",
                1,
                &mut Tera::default(),
                &Context::new(),
                None,
                false,
            )
            .unwrap_err();
            assert_eq!(problem.file, "content/p.md", "{problem}");
            assert!(problem.message.contains("template error"), "{problem}");
        }
    }
}
