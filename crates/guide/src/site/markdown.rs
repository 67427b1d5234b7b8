//! Markdown to HTML (pulldown-cmark): heading ids and anchors, table of contents,
//! internal `@/` links recorded for checking, relative asset links rewritten, `bounce`
//! code blocks handed to a renderer.
use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::errors::{LineIndex, Problem};

/// A heading of a page, in document order.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub level: u32,
    pub id: String,
    pub title: String,
}

/// An internal link `@/path.md#anchor` found in a body, with its position in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct InternalLink {
    pub target: String,
    pub line: usize,
    pub col: usize,
}

/// A fenced ```` ```bounce ... ```` block.
#[derive(Debug, Clone)]
pub struct BounceBlock<'a> {
    pub text: &'a str,
    /// The info string after `bounce` (e.g. `expect="P2 blocklist"`).
    pub args: &'a str,
    pub line: usize,
}

/// Renders a bounce block to HTML; `Err` is a build problem (already located).
pub type BounceRenderer<'r> = dyn Fn(&BounceBlock) -> Result<String, Problem> + Sync + 'r;

/// What the renderer needs to know about the file being rendered.
pub struct MdInput<'a> {
    /// The markdown text (the body, maybe after body templating).
    pub text: &'a str,
    /// Path of the file relative to the site root (for messages).
    pub file: &'a str,
    /// Line of the file where `text` starts.
    pub first_line: usize,
    /// Folder of the file under `content/` (relative links resolve against it).
    pub dir: &'a str,
    /// Asset files under `content/` (relative paths).
    pub assets: &'a HashSet<String>,
    pub bounce: &'a BounceRenderer<'a>,
    /// The site's highlighter; `None`: code blocks are only escaped.
    pub highlighter: Option<&'a crate::site::highlight::Highlighter>,
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub links: Vec<InternalLink>,
    pub word_count: usize,
    pub problems: Vec<Problem>,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// A heading being read: level, custom id, classes, inner events.
type OpenHeading<'e> = (HeadingLevel, Option<String>, Vec<String>, Vec<Event<'e>>);

fn level_num(level: HeadingLevel) -> u32 {
    level as u32
}

/// Turns `text` into HTML, collecting headings, internal links and problems.
pub fn render(input: &MdInput) -> Rendered {
    let mut out = Rendered::default();
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut events: Vec<Event> = Vec::new();
    // Heading in progress: level, custom id, classes, buffered inner events.
    let mut heading: Option<OpenHeading> = None;
    // Bounce block in progress: args, text, line.
    let mut bounce: Option<(String, String, usize)> = None;
    // Other code block in progress: fence info, text, byte offset (its line is only
    // needed for an error).
    let mut code: Option<(String, String, usize)> = None;
    // Built at the first internal link or bounce block (a page without either needs none).
    let lines = std::cell::OnceCell::new();
    let line_of = |pos: usize| {
        let (l, c) = lines
            .get_or_init(|| LineIndex::new(input.text))
            .line_col(pos);
        (l + input.first_line - 1, c)
    };

    for (event, range) in Parser::new_ext(input.text, options()).into_offset_iter() {
        if let Some((_, text, _)) = bounce.as_mut() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (args, text, line) = bounce.take().unwrap_or_default();
                    let block = BounceBlock {
                        text: text.trim_end_matches('\n'),
                        args: &args,
                        line,
                    };
                    match (input.bounce)(&block) {
                        Ok(html) => events.push(Event::Html(html.into())),
                        Err(p) => out.problems.push(p),
                    }
                }
                _ => {}
            }
            continue;
        }
        if let Some((_, text, _)) = code.as_mut() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (info, text, pos) = code.take().unwrap_or_default();
                    match crate::site::highlight::code_block(input.highlighter, &info, &text) {
                        Ok(html) => events.push(Event::Html(html.into())),
                        Err(msg) => {
                            let line = line_of(pos).0;
                            out.problems.push(Problem::at(input.file, line, msg));
                        }
                    }
                }
                _ => {}
            }
            continue;
        }
        let event = match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if info.split_whitespace().next() == Some("bounce") =>
            {
                let args = info.trim_start()["bounce".len()..].trim().to_string();
                bounce = Some((args, String::new(), line_of(range.start).0));
                continue;
            }
            Event::Start(Tag::CodeBlock(kind)) if heading.is_none() => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((info, String::new(), range.start));
                continue;
            }
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                heading = Some((
                    level,
                    id.map(|s| s.to_string()),
                    classes.iter().map(|c| c.to_string()).collect(),
                    Vec::new(),
                ));
                continue;
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((level, custom, classes, inner)) = heading.take() else {
                    continue;
                };
                let title = plain_text(&inner);
                let base = custom.unwrap_or_else(|| {
                    let s = slug::slugify(&title);
                    if s.is_empty() {
                        "section".to_string()
                    } else {
                        s
                    }
                });
                let id = unique_id(&mut ids, base);
                let mut inner_html = String::new();
                pulldown_cmark::html::push_html(&mut inner_html, inner.into_iter());
                let n = level_num(level);
                let class_attr = if classes.is_empty() {
                    String::new()
                } else {
                    format!(" class=\"{}\"", escape_attr(&classes.join(" ")))
                };
                let html = format!(
                    "<h{n} id=\"{id}\"{class_attr}>{inner_html} <a class=\"anchor\" href=\"#{id}\" \
                     aria-label=\"Link to this section: {label}\">#</a></h{n}>\n",
                    id = escape_attr(&id),
                    label = escape_attr(&title),
                );
                out.headings.push(Heading {
                    level: n,
                    id,
                    title,
                });
                events.push(Event::Html(html.into()));
                continue;
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: rewrite_dest(input, dest_url, range.start, &mut out, &line_of),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: rewrite_dest(input, dest_url, range.start, &mut out, &line_of),
                title,
                id,
            }),
            Event::Text(t) => {
                out.word_count += t.split_whitespace().count();
                Event::Text(t)
            }
            other => other,
        };
        match heading.as_mut() {
            Some((_, _, _, inner)) => inner.push(event),
            None => events.push(event),
        }
    }
    out.html.reserve(input.text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    out
}

fn rewrite_dest<'a>(
    input: &MdInput,
    dest: CowStr<'a>,
    pos: usize,
    out: &mut Rendered,
    line_of: &dyn Fn(usize) -> (usize, usize),
) -> CowStr<'a> {
    if dest.starts_with("@/") {
        let (line, col) = line_of(pos);
        out.links.push(InternalLink {
            target: dest.to_string(),
            line,
            col,
        });
        return dest;
    }
    if is_relative(&dest) {
        let (path, frag) = match dest.find(['#', '?']) {
            Some(i) => (&dest[..i], &dest[i..]),
            None => (&dest[..], ""),
        };
        if let Some(rel) = join_rel(input.dir, path) {
            if input.assets.contains(&rel) {
                return format!("/{rel}{frag}").into();
            }
        }
    }
    dest
}

fn is_relative(dest: &str) -> bool {
    !(dest.is_empty()
        || dest.starts_with('/')
        || dest.starts_with('#')
        || dest.contains("://")
        || dest.starts_with("mailto:")
        || dest.starts_with("tel:")
        || dest.starts_with("data:"))
}

/// `dir` + `path` with `.` and `..` resolved; `None` when it leaves `content/`.
pub fn join_rel(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

fn unique_id(ids: &mut HashMap<String, usize>, base: String) -> String {
    let Some(&start) = ids.get(&base) else {
        ids.insert(base.clone(), 0);
        return base;
    };
    let mut n = start;
    loop {
        n += 1;
        let candidate = format!("{base}-{n}");
        if !ids.contains_key(&candidate) {
            ids.insert(base, n);
            ids.insert(candidate.clone(), 0);
            return candidate;
        }
    }
}

fn plain_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s.trim().to_string()
}

pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A table of contents entry (nested by heading level).
#[derive(Debug, Clone, serde::Serialize, PartialEq)]
pub struct TocEntry {
    pub level: u32,
    pub id: String,
    pub title: String,
    pub permalink: String,
    pub children: Vec<TocEntry>,
}

/// Nests the flat heading list: each heading holds the deeper ones that follow it.
pub fn toc(headings: &[Heading], page_permalink: &str) -> Vec<TocEntry> {
    fn build(items: &[Heading], i: &mut usize, level: u32, base: &str) -> Vec<TocEntry> {
        let mut out = Vec::new();
        while *i < items.len() && items[*i].level >= level {
            let h = &items[*i];
            *i += 1;
            let children = build(items, i, h.level + 1, base);
            out.push(TocEntry {
                level: h.level,
                id: h.id.clone(),
                title: h.title.clone(),
                permalink: format!("{base}#{}", h.id),
                children,
            });
        }
        out
    }
    let min = headings.iter().map(|h| h.level).min().unwrap_or(1);
    let mut i = 0;
    let mut out = Vec::new();
    while i < headings.len() {
        out.extend(build(headings, &mut i, min, page_permalink));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> Rendered {
        let assets = HashSet::from(["a/pic.png".to_string()]);
        let bounce = |_: &BounceBlock| Ok(String::from("<div>bounce</div>"));
        render(&MdInput {
            text,
            file: "content/a/p.md",
            first_line: 1,
            dir: "a",
            assets: &assets,
            bounce: &bounce,
            highlighter: None,
        })
    }

    #[test]
    fn heading_ids_are_unique_slugs() {
        let r = md("# Hello World\n\n## Hello World\n\n## Other {#custom}\n");
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["hello-world", "hello-world-1", "custom"]);
        assert!(r
            .html
            .contains("<h2 id=\"custom\">Other <a class=\"anchor\" href=\"#custom\""));
    }

    #[test]
    fn toc_nests_by_level() {
        let r = md("## A\n\n### B\n\n## C\n");
        let t = toc(&r.headings, "/p/");
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].children[0].permalink, "/p/#b");
    }

    #[test]
    fn code_blocks_keep_only_the_language_in_their_class() {
        let r = md("```rust,linenos,hl_lines=2\nlet a = 1;\n```\n\n    indented <x>\n");
        assert!(r
            .html
            .contains("<pre><code class=\"language-rust\" data-lang=\"rust\">let a = 1;\n"));
        assert!(r
            .html
            .contains("<pre><code>indented &lt;x&gt;\n</code></pre>"));
    }

    #[test]
    fn links_are_recorded_and_assets_rewritten() {
        let r = md("x\n\n[a](@/b.md#c) ![p](pic.png)\n");
        assert_eq!(r.links[0].target, "@/b.md#c");
        assert_eq!((r.links[0].line, r.links[0].col), (3, 1));
        assert!(r.html.contains("src=\"/a/pic.png\""));
    }
}
