//! Markdown to HTML (pulldown-cmark): heading ids and anchors, table of contents,
//! internal `@/` links recorded for checking, relative asset links rewritten, `bounce`
//! code blocks handed to a renderer.
use std::collections::{HashMap, HashSet};

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

use crate::errors::{LineIndex, Problem};
use crate::html::escape_attr;
use crate::paths::join_rel;
use crate::site::config::zola::{InsertAnchor, Strategy};
use crate::site::config::Markdown;
use crate::site::highlight::{self, Highlighter};
use crate::site::search::{SectionText, TextCollector};

/// A heading of a page, in document order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Heading {
    pub(crate) level: u32,
    pub(crate) id: String,
    pub(crate) title: String,
}

/// An internal link `@/path.md#anchor` found in a body, with its position in the file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct InternalLink {
    pub(crate) target: String,
    pub(crate) line: usize,
    pub(crate) col: usize,
}

/// A fenced ```` ```bounce ... ```` block.
#[derive(Debug, Clone)]
pub(crate) struct BounceBlock<'a> {
    pub(crate) text: &'a str,
    /// The info string after `bounce` (e.g. `expect="P2 blocklist"`).
    pub(crate) args: &'a str,
    pub(crate) line: usize,
}

/// Renders a bounce block to HTML; `Err` is a build problem (already located).
pub(crate) type BounceRenderer<'r> = dyn Fn(&BounceBlock) -> Result<String, Problem> + 'r;

/// What the renderer needs to know about the file being rendered.
pub(crate) struct MdInput<'a> {
    /// The markdown text (the body, maybe after body templating).
    pub(crate) text: &'a str,
    /// Path of the file relative to the site root (for messages).
    pub(crate) file: &'a str,
    /// Line of the file where `text` starts.
    pub(crate) first_line: usize,
    /// Folder of the file under `content/` (relative links resolve against it).
    pub(crate) dir: &'a str,
    /// Asset files under `content/` (relative paths).
    pub(crate) assets: &'a HashSet<String>,
    pub(crate) bounce: &'a BounceRenderer<'a>,
    /// The site's highlighter; `None`: code blocks are only escaped.
    pub(crate) highlighter: Option<&'a Highlighter>,
    /// Collect the page's plain text for the search index.
    pub(crate) search_text: bool,
    /// The configuration's `[markdown]` options.
    pub(crate) markdown: &'a Markdown,
    /// The links on the headings.
    pub(crate) anchors: Anchors,
    /// For a Zola site, the permalink of the page: relative links (co-located files)
    /// and `#anchor` links are made absolute with it, as Zola does. `None` for our own
    /// `site.toml` (a link to a co-located file becomes its path).
    pub(crate) permalink: Option<&'a str>,
    /// The site's or theme's own `anchor-link.html`, rendered for a heading id and
    /// level: Zola's heading links use it instead of its built-in one.
    pub(crate) anchor_link: Option<&'a AnchorLink<'a>>,
    /// How a heading's text becomes its id: Zola's `[slugify] anchors` for a Zola
    /// site; `None`: ours (a slug, `section` for an empty one).
    pub(crate) anchor_slugs: Option<Strategy>,
}

/// Renders the anchor link of a heading (its id, its level); `Err` is the message.
pub(crate) type AnchorLink<'r> = dyn Fn(&str, u32) -> Result<String, String> + 'r;

/// The links on a body's headings: ours (`site.toml`'s default: `#` after the title), or
/// Zola's `insert_anchor_links` with its markup (`🔗` before or after the title, or the
/// whole title as the link, or none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Anchors {
    Guide,
    Zola(InsertAnchor),
}

/// A page's body once parsed (kept between builds by `serve`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Parsed {
    pub(crate) html: String,
    pub(crate) headings: Vec<Heading>,
    /// The body's internal links, with their place in the file, for the links stage.
    pub(crate) links: Vec<InternalLink>,
    pub(crate) word_count: usize,
    /// The plain text by section, for the search index (empty when the site has none).
    pub(crate) sections: Vec<SectionText>,
    /// The body could not be parsed (its problems are reported): its headings are not
    /// known, so links to its anchors are not checked.
    pub(crate) failed: bool,
    /// The site's `summary-cutoff.html` as rendered for the summary, when the summary
    /// needs one (a Zola site that has the template).
    pub(crate) summary_cutoff: Option<String>,
}

#[derive(Debug, Default)]
pub(crate) struct Rendered {
    pub(crate) html: String,
    pub(crate) headings: Vec<Heading>,
    pub(crate) links: Vec<InternalLink>,
    pub(crate) word_count: usize,
    pub(crate) problems: Vec<Problem>,
    /// The plain text by section, when [`MdInput::search_text`] asks for it.
    pub(crate) text: Option<TextCollector>,
}

/// The markdown extensions every body gets (smart punctuation is the configuration's).
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The extensions of a body rendered with the `[markdown]` options `md`.
fn options_for(md: &Markdown) -> Options {
    let mut opts = options();
    if md.smart_punctuation {
        opts |= Options::ENABLE_SMART_PUNCTUATION;
    }
    if md.definition_list {
        opts |= Options::ENABLE_DEFINITION_LIST;
    }
    if md.github_alerts {
        // (GitHub's alerts: `> [!NOTE]` blockquotes with a class.)
        opts |= Options::ENABLE_GFM;
    }
    opts
}

/// `:smile:` -> 😄 (`render_emoji`), with GitHub's names, as Zola replaces them.
static EMOJI: std::sync::LazyLock<gh_emoji::Replacer> =
    std::sync::LazyLock::new(gh_emoji::Replacer::new);

/// A heading being read: level, custom id, classes, inner events.
type OpenHeading<'e> = (HeadingLevel, Option<String>, Vec<String>, Vec<Event<'e>>);

fn level_num(level: HeadingLevel) -> u32 {
    level as u32
}

/// Turns `text` into HTML, collecting headings, internal links and problems.
pub(crate) fn render(input: &MdInput) -> Rendered {
    let mut out = Rendered {
        text: input.search_text.then(TextCollector::default),
        ..Rendered::default()
    };
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut events: Vec<Event> = Vec::new();
    // Heading in progress: level, custom id, classes, buffered inner events.
    let mut heading: Option<OpenHeading> = None;
    // Code block in progress (its text is gathered, then rendered whole).
    let mut block: Option<OpenBlock> = None;
    // Inside a `lazy_async_image` image: its alt text is written into an attribute.
    let mut lazy_image = false;
    // Zola marks only the first `<!-- more -->`; later ones stay comments.
    let mut more_seen = false;
    // Built at the first internal link or bounce block (a page without either needs none).
    let lines = std::cell::OnceCell::new();
    let line_of = |pos: usize| {
        let (l, c) = lines
            .get_or_init(|| LineIndex::new(input.text))
            .line_col(pos);
        (l + input.first_line - 1, c)
    };

    for (event, range) in
        Parser::new_ext(input.text, options_for(input.markdown)).into_offset_iter()
    {
        if block.is_some() {
            feed_block(event, &mut block, input, &line_of, &mut out, &mut events);
            continue;
        }
        let event = match event {
            Event::Start(Tag::CodeBlock(kind)) if heading.is_none() || is_bounce(&kind) => {
                block = Some(OpenBlock::start(kind, range.start, &line_of));
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
                if let Some(open) = heading.take() {
                    let at = || line_of(range.start).0;
                    let html = close_heading(open, input, &at, &mut ids, &mut out);
                    events.push(Event::Html(html.into()));
                }
                continue;
            }
            Event::Start(link @ Tag::Link { .. }) => {
                link_start(link, input, range.start, &mut out, &line_of)
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url =
                    rewrite_dest(input, dest_url, range.start, &mut out, &line_of, false);
                match input.markdown.lazy_async_image {
                    true => {
                        lazy_image = true;
                        Event::Html(lazy_image_start(&dest_url, &title).into())
                    }
                    false => Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }),
                }
            }
            Event::End(TagEnd::Image) if lazy_image => {
                lazy_image = false;
                Event::Html("\" loading=\"lazy\" decoding=\"async\" />".into())
            }
            Event::Text(t) => {
                out.word_count += t.split_whitespace().count();
                text_event(t, input.markdown, lazy_image)
            }
            // `<!-- more -->` ends the summary: Zola marks the place with an anchor.
            Event::Html(t) | Event::InlineHtml(t) if !more_seen && is_more(&t) => {
                more_seen = true;
                // (Zola's anchor has no line of its own: the next block follows it.)
                let zola = input.permalink.is_some();
                let end = if t.ends_with('\n') && !zola { "\n" } else { "" };
                Event::Html(format!("{CONTINUE_READING}{end}").into())
            }
            other => other,
        };
        match heading.as_mut() {
            Some((_, _, _, inner)) => inner.push(event),
            None => {
                if let Some(text) = out.text.as_mut() {
                    text.event(&event);
                }
                events.push(event);
            }
        }
    }
    if input.markdown.bottom_footnotes {
        events = footnotes_at_the_bottom(events);
    }
    out.html.reserve(input.text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    out
}

/// A link's start: an external link with the configured attributes, or the link with
/// its destination rewritten (`@/` links recorded, co-located files); a mail address as
/// it is.
fn link_start<'a>(
    link: Tag<'a>,
    input: &MdInput,
    pos: usize,
    out: &mut Rendered,
    line_of: &dyn Fn(usize) -> (usize, usize),
) -> Event<'a> {
    let Tag::Link {
        link_type,
        dest_url,
        title,
        id,
    } = link
    else {
        return Event::Start(link);
    };
    if input.markdown.has_external_link_tweaks() && is_external(&dest_url) {
        return Event::Html(external_link(input.markdown, &dest_url, &title).into());
    }
    let dest_url = match link_type {
        // (`<a@b.c>`: not a path.)
        LinkType::Email => dest_url,
        _ => rewrite_dest(input, dest_url, pos, out, line_of, true),
    };
    Event::Start(Tag::Link {
        link_type,
        dest_url,
        title,
        id,
    })
}

/// A ```` ```bounce ```` block: an example bounce, checked by the classifier.
fn is_bounce(kind: &CodeBlockKind) -> bool {
    matches!(kind, CodeBlockKind::Fenced(info) if is_bounce_info(info))
}

fn is_bounce_info(info: &str) -> bool {
    info.split_whitespace().next() == Some("bounce")
}

/// The heading's HTML, with its anchor link (the site's `anchor-link.html` when it has
/// one: a failure is a problem at the heading's line, `at`); the heading is recorded
/// in `out` (and starts a section of the search text).
fn close_heading(
    open: OpenHeading,
    input: &MdInput,
    at: &dyn Fn() -> usize,
    ids: &mut HashMap<String, usize>,
    out: &mut Rendered,
) -> String {
    let problems = &mut out.problems;
    let mut link = |id: &str, level: u32| -> Option<String> {
        let render = input.anchor_link?;
        render(id, level)
            .map_err(|msg| {
                let msg = format!("template error in anchor-link.html: {msg}");
                problems.push(Problem::at(input.file, at(), msg));
            })
            .ok()
    };
    let (h, html) = finish_heading(open, ids, input, &mut link);
    if let Some(text) = out.text.as_mut() {
        text.heading(&h.id, &h.title);
    }
    out.headings.push(h);
    html
}

/// The start of a `lazy_async_image` image, in Zola's markup (the title before the alt
/// text, which follows inside the attribute).
fn lazy_image_start(dest_url: &str, title: &str) -> String {
    let mut html = String::from("<img src=\"");
    let _ = pulldown_cmark_escape::escape_href(&mut html, dest_url);
    if !title.is_empty() {
        html.push_str("\" title=\"");
        let _ = pulldown_cmark_escape::escape_href(&mut html, title);
    }
    html.push_str("\" alt=\"");
    html
}

/// A text event: emoji shortcodes replaced when `render_emoji` asks for it; inside a
/// lazy image, the alt text, written into its attribute.
fn text_event<'a>(t: CowStr<'a>, md: &Markdown, in_lazy_image: bool) -> Event<'a> {
    let t = match md.render_emoji {
        true => match EMOJI.replace_all(&t) {
            std::borrow::Cow::Owned(replaced) => CowStr::from(replaced),
            std::borrow::Cow::Borrowed(_) => t,
        },
        false => t,
    };
    match in_lazy_image {
        true => Event::Html(escape_attr(&t).into()),
        false => Event::Text(t),
    }
}

/// `bottom_footnotes`: the footnotes gathered in a list at the end, numbered in the
/// order they are first referenced, each with links back to its references, as Zola
/// writes them (GitHub's way). Definitions nobody references are left out.
fn footnotes_at_the_bottom(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    // Definitions being read (a footnote may hold another), and those read.
    let mut open: Vec<Vec<Event>> = Vec::new();
    let mut footnotes: Vec<Vec<Event>> = Vec::new();
    // Name -> (its number, how many references so far).
    let mut numbers: HashMap<String, (usize, usize)> = HashMap::new();
    let mut out = Vec::with_capacity(events.len());
    for event in events {
        match event {
            Event::Start(Tag::FootnoteDefinition(_)) => open.push(vec![event]),
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some(mut body) = open.pop() {
                    body.push(event);
                    footnotes.push(body);
                }
            }
            Event::FootnoteReference(name) => {
                let next = numbers.len() + 1;
                let (n, refs) = numbers.entry(name.to_string()).or_insert((next, 0));
                *refs += 1;
                let html = format!(
                    "<sup class=\"footnote-reference\" id=\"fr-{name}-{refs}\"><a \
                     href=\"#fn-{name}\">{n}</a></sup>"
                );
                match open.last_mut() {
                    Some(body) => body.push(Event::Html(html.into())),
                    None => out.push(Event::Html(html.into())),
                }
            }
            other => match open.last_mut() {
                Some(body) => body.push(other),
                None => out.push(other),
            },
        }
    }
    if footnotes.is_empty() {
        return out;
    }
    let name_of = |f: &[Event]| match f.first() {
        Some(Event::Start(Tag::FootnoteDefinition(name))) => name.to_string(),
        _ => String::new(),
    };
    footnotes.retain(|f| numbers.get(&name_of(f)).is_some_and(|n| n.1 > 0));
    footnotes.sort_by_cached_key(|f| numbers.get(&name_of(f)).map_or(0, |n| n.0));
    out.push(Event::Html(
        "<section class=\"footnotes\">\n<ol class=\"footnotes-list\">\n".into(),
    ));
    for f in footnotes {
        let name = name_of(&f);
        let refs = numbers.get(&name).map_or(0, |n| n.1);
        let len = f.len();
        let mut backrefs_written = false;
        for (i, e) in f.into_iter().enumerate() {
            let last_paragraph_or_end = matches!(
                e,
                Event::End(TagEnd::FootnoteDefinition) | Event::End(TagEnd::Paragraph)
            ) && !backrefs_written
                && i + 2 >= len;
            let event = match e {
                Event::Start(Tag::FootnoteDefinition(_)) => {
                    Event::Html(format!("<li id=\"fn-{name}\">").into())
                }
                Event::End(end) if last_paragraph_or_end => {
                    let mut html = String::new();
                    for usage in 1..=refs {
                        match usage {
                            1 => html.push_str(&format!(" <a href=\"#fr-{name}-1\">↩</a>")),
                            _ => html
                                .push_str(&format!(" <a href=\"#fr-{name}-{usage}\">↩{usage}</a>")),
                        }
                    }
                    backrefs_written = true;
                    html.push_str(match end {
                        TagEnd::FootnoteDefinition => "</li>\n",
                        _ => "</p>\n",
                    });
                    Event::Html(html.into())
                }
                Event::End(TagEnd::FootnoteDefinition) => Event::Html("</li>\n".into()),
                other => other,
            };
            out.push(event);
        }
    }
    out.push(Event::Html("</ol>\n</section>\n".into()));
    out
}

/// A link to another site (`http:` or `https:`), as Zola tells them.
fn is_external(url: &str) -> bool {
    url.starts_with("http:") || url.starts_with("https:")
}

/// The opening tag of an external link with the `external_links_*` options, as Zola
/// writes it: `<a class="c" rel="noopener nofollow noreferrer external" target="_blank"
/// title="t" href="...">`.
fn external_link(md: &Markdown, url: &str, title: &str) -> String {
    let mut rel = Vec::new();
    let mut target = "";
    if md.external_links_target_blank {
        // A new tab without `noopener` could reach back into this page.
        rel.push("noopener");
        target = "target=\"_blank\" ";
    }
    if md.external_links_no_follow {
        rel.push("nofollow");
    }
    if md.external_links_no_referrer {
        rel.push("noreferrer");
    }
    if md.external_links_external {
        rel.push("external");
    }
    let class = match &md.external_links_class {
        Some(c) => format!("class=\"{}\" ", escape_attr(c)),
        None => String::new(),
    };
    let rel = match rel.is_empty() {
        true => String::new(),
        false => format!("rel=\"{}\" ", rel.join(" ")),
    };
    let title = match title.is_empty() {
        true => String::new(),
        false => format!("title=\"{}\" ", escape_attr(title)),
    };
    // The URL escaped as pulldown-cmark writes an href (`[` as `%5B`, `<` as `%3C`).
    let mut href = String::with_capacity(url.len());
    let _ = pulldown_cmark_escape::escape_href(&mut href, url);
    format!("<a {class}{rel}{target}{title}href=\"{href}\">")
}

/// What replaces `<!-- more -->` in a body: the summary is the HTML before it.
pub(crate) const CONTINUE_READING: &str = "<span id=\"continue-reading\"></span>";

/// `<!-- more -->`, with any spaces inside.
fn is_more(html: &str) -> bool {
    html.trim()
        .strip_prefix("<!--")
        .and_then(|r| r.strip_suffix("-->"))
        .is_some_and(|inner| inner.trim() == "more")
}

/// The summary of a page's HTML: what comes before `<!-- more -->`, if it has one.
pub(crate) fn summary(html: &str) -> Option<&str> {
    html.find(CONTINUE_READING).map(|i| html[..i].trim_end())
}

/// The summary of a Zola page's HTML as Zola makes it: what comes before `<!-- more -->`,
/// without footnote references; when elements are still open there (the marker was in
/// a paragraph), the cutoff (the site's `summary-cutoff.html` as rendered, `cutoff`;
/// else Zola's: an ellipsis after a last character that is no punctuation) and the
/// closing tags.
pub(crate) fn zola_summary(html: &str, cutoff: Option<&str>) -> Option<String> {
    let (mut summary, open) = zola_summary_start(html)?;
    if !open.is_empty() {
        match cutoff {
            Some(text) => summary.push_str(text),
            None if !summary.chars().last().is_some_and(is_punctuation) => {
                summary.push_str("&hellip;\n")
            }
            None => {}
        }
    }
    for name in open.iter().rev() {
        summary.push_str(&format!("</{name}>"));
        if CLOSED_WITH_NEWLINE.contains(&name.as_str()) {
            summary.push('\n');
        }
    }
    Some(summary)
}

/// The elements whose closing tag pulldown-cmark ends with a newline (so Zola's summary
/// closes them so too).
const CLOSED_WITH_NEWLINE: &[&str] = &[
    "p",
    "li",
    "ul",
    "ol",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "dl",
    "dt",
    "dd",
];

/// A Zola page's summary before its cutoff (without footnote references, trailing
/// white space trimmed, as the cutoff template gets it), and the elements still open
/// there; `None` without `<!-- more -->`.
pub(crate) fn zola_summary_start(html: &str) -> Option<(String, Vec<String>)> {
    let summary = summary(html)?;
    // Footnote references: `<sup class="footnote-reference"...>...</sup>`.
    let mut out = String::with_capacity(summary.len());
    let mut rest = summary;
    while let Some(i) = rest.find("<sup class=\"footnote-reference\"") {
        out.push_str(&rest[..i]);
        match rest[i..].find("</sup>") {
            Some(end) => rest = &rest[i + end + "</sup>".len()..],
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    out.push_str(rest);
    let summary = out.trim_end().to_string();
    let open = open_elements(&summary);
    Some((summary, open))
}

/// Unicode punctuation (`\p{P}`), for the characters a text ends with: ASCII's (not its
/// symbols `$+<=>^`|~`) and the common quotes, dashes and ellipsis.
fn is_punctuation(c: char) -> bool {
    matches!(
        c,
        '!' | '"'
            | '#'
            | '%'
            | '&'
            | '\''
            | '('
            | ')'
            | '*'
            | ','
            | '-'
            | '.'
            | '/'
            | ':'
            | ';'
            | '?'
            | '@'
            | '['
            | '\\'
            | ']'
            | '_'
            | '{'
            | '}'
            | '¡'
            | '§'
            | '«'
            | '¶'
            | '·'
            | '»'
            | '¿'
            | '‐'
            | '‑'
            | '‒'
            | '–'
            | '—'
            | '‘'
            | '’'
            | '‚'
            | '“'
            | '”'
            | '„'
            | '…'
            | '‹'
            | '›'
            | '。'
            | '、'
            | '「'
            | '」'
    )
}

/// The elements left open at the end of `html` (void elements never are), outermost
/// first.
fn open_elements(html: &str) -> Vec<String> {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];
    let mut open: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let Some(end) = rest.find('>') else { break };
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') || tag.starts_with('?') || tag.ends_with('/') {
            continue;
        }
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || VOID.contains(&name.as_str()) {
            continue;
        }
        match closing {
            false => open.push(name),
            true => {
                if let Some(at) = open.iter().rposition(|n| *n == name) {
                    open.truncate(at);
                }
            }
        }
    }
    open
}

/// One event inside a code block being read: its text is gathered, and at its end the
/// block is rendered whole (highlighted, or checked and shown as a bounce example).
fn feed_block<'a>(
    event: Event<'a>,
    block: &mut Option<OpenBlock>,
    input: &MdInput,
    line_of: &dyn Fn(usize) -> (usize, usize),
    out: &mut Rendered,
    events: &mut Vec<Event<'a>>,
) {
    match event {
        Event::Text(t) => {
            if let Some(open) = block.as_mut() {
                open.text.push_str(&t);
            }
        }
        Event::End(TagEnd::CodeBlock) => {
            if let Some(open) = block.take() {
                if let Some(text) = out.text.as_mut() {
                    text.push(&open.text);
                    text.push(" ");
                }
                match open.render(input, line_of) {
                    Ok(html) => events.push(Event::Html(html.into())),
                    Err(p) => out.problems.push(p),
                }
            }
        }
        _ => {}
    }
}

/// A code block being read.
struct OpenBlock {
    kind: BlockKind,
    text: String,
}

enum BlockKind {
    /// ```` ```bounce ARGS ````, at `line` of the file.
    Bounce { args: String, line: usize },
    /// Any other code block: its fence info, and its byte offset (its line is only
    /// needed for an error).
    Code { info: String, pos: usize },
}

impl OpenBlock {
    /// The block that a code block's start opens, at byte `pos` of the body.
    fn start(kind: CodeBlockKind, pos: usize, line_of: &dyn Fn(usize) -> (usize, usize)) -> Self {
        let kind = match kind {
            CodeBlockKind::Fenced(info) if is_bounce_info(&info) => BlockKind::Bounce {
                args: info.trim_start()["bounce".len()..].trim().to_string(),
                line: line_of(pos).0,
            },
            CodeBlockKind::Fenced(info) => BlockKind::Code {
                info: info.to_string(),
                pos,
            },
            CodeBlockKind::Indented => BlockKind::Code {
                info: String::new(),
                pos,
            },
        };
        OpenBlock {
            kind,
            text: String::new(),
        }
    }

    /// The block's HTML: the bounce renderer's, or the highlighted code.
    fn render(
        self,
        input: &MdInput,
        line_of: &dyn Fn(usize) -> (usize, usize),
    ) -> Result<String, Problem> {
        match self.kind {
            BlockKind::Bounce { args, line } => (input.bounce)(&BounceBlock {
                text: self.text.trim_end_matches('\n'),
                args: &args,
                line,
            }),
            BlockKind::Code { info, pos } => {
                let zola = input.permalink.is_some();
                highlight::code_block(input.highlighter, &info, &self.text, zola)
                    .map_err(|msg| Problem::at(input.file, line_of(pos).0, msg))
            }
        }
    }
}

/// The heading of a finished `open` heading (its id made unique among `ids`), and its
/// HTML with the anchor link.
fn finish_heading(
    open: OpenHeading,
    ids: &mut HashMap<String, usize>,
    input: &MdInput,
    anchor_link: &mut dyn FnMut(&str, u32) -> Option<String>,
) -> (Heading, String) {
    let anchors = input.anchors;
    let (level, custom, classes, inner) = open;
    let title = plain_text(&inner);
    let base = custom.unwrap_or_else(|| heading_id(&title, input.anchor_slugs));
    let id = unique_id(ids, base);
    let mut inner_html = String::new();
    pulldown_cmark::html::push_html(&mut inner_html, inner.into_iter());
    let n = level_num(level);
    let class_attr = if classes.is_empty() {
        String::new()
    } else {
        format!(" class=\"{}\"", escape_attr(&classes.join(" ")))
    };
    let attr_id = escape_attr(&id);
    // The site's `anchor-link.html`, else Zola's built-in one as Zola 0.22 inserts it
    // (no newline after it).
    let zola_link = match anchors {
        Anchors::Zola(InsertAnchor::None) | Anchors::Guide => String::new(),
        Anchors::Zola(_) => anchor_link(&id, n).unwrap_or_else(|| {
            format!(
                "<a class=\"zola-anchor\" href=\"#{attr_id}\" aria-label=\"Anchor link for: \
                 {attr_id}\">🔗</a>"
            )
        }),
    };
    let inner = match anchors {
        Anchors::Guide => format!(
            "{inner_html} <a class=\"anchor\" href=\"#{attr_id}\" aria-label=\"Link to this \
             section: {label}\">#</a>",
            label = escape_attr(&title),
        ),
        Anchors::Zola(InsertAnchor::None) => inner_html,
        Anchors::Zola(InsertAnchor::Left) => format!("{zola_link}{inner_html}"),
        Anchors::Zola(InsertAnchor::Right) => format!("{inner_html}{zola_link}"),
        // The link's opening tag around the heading's text, as Zola takes it.
        Anchors::Zola(InsertAnchor::Heading) => {
            let open = zola_link
                .find("<a")
                .and_then(|i| Some(&zola_link[i..i + zola_link[i..].find('>')? + 1]))
                .unwrap_or_default();
            match open.is_empty() {
                true => inner_html,
                false => format!("{open}{inner_html}</a>"),
            }
        }
    };
    let html = format!("<h{n} id=\"{attr_id}\"{class_attr}>{inner}</h{n}>\n");
    let heading = Heading {
        level: n,
        id,
        title,
    };
    (heading, html)
}

fn rewrite_dest<'a>(
    input: &MdInput,
    dest: CowStr<'a>,
    pos: usize,
    out: &mut Rendered,
    line_of: &dyn Fn(usize) -> (usize, usize),
    is_link: bool,
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
    if let Some(permalink) = input.permalink {
        // Zola's rules: a relative link is to a co-located file, an anchor is on this
        // page; both are made absolute.
        let anchor = is_link && dest.len() > 1 && dest.starts_with('#');
        return match zola_relative(&dest) || anchor {
            true => format!("{permalink}{dest}").into(),
            false => dest,
        };
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

/// A link Zola takes for one to a co-located file: not absolute, not up (`..`), not an
/// anchor, and without a scheme (`mailto:`, `x-custom:`).
fn zola_relative(dest: &str) -> bool {
    let scheme = dest.find(':').is_some_and(|i| {
        i > 0
            && dest[..i]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    });
    !(dest.starts_with('/') || dest.starts_with("..") || dest.starts_with('#') || scheme)
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

/// The id of a heading of text `title` (before it is made unique).
fn heading_id(title: &str, zola: Option<Strategy>) -> String {
    match zola {
        // An empty heading's id is empty, as Zola makes it.
        Some(Strategy::On) => slug::slugify(title),
        // Zola's `safe` and `off` only turn ASCII spaces into `_`.
        Some(Strategy::Safe | Strategy::Off) => {
            title.replace(|c: char| c.is_ascii_whitespace(), "_")
        }
        None => match slug::slugify(title) {
            s if s.is_empty() => "section".to_string(),
            s => s,
        },
    }
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
            search_text: false,
            markdown: &Markdown::defaults(crate::site::config::Flavour::Guide),
            anchors: Anchors::Guide,
            permalink: None,
            anchor_link: None,
            anchor_slugs: None,
        })
    }

    #[test]
    fn external_links_take_the_configured_attributes() {
        let md = Markdown {
            external_links_target_blank: true,
            external_links_no_follow: true,
            external_links_no_referrer: true,
            ..Markdown::default()
        };
        let assets = HashSet::new();
        let bounce = |_: &BounceBlock| Ok(String::new());
        let r = render(&MdInput {
            text: "[out](https://x.test/a) and [in](/b/)",
            file: "content/p.md",
            first_line: 1,
            dir: "",
            assets: &assets,
            bounce: &bounce,
            highlighter: None,
            search_text: false,
            markdown: &md,
            anchors: Anchors::Zola(InsertAnchor::None),
            permalink: None,
            anchor_link: None,
            anchor_slugs: None,
        });
        assert_eq!(
            r.html,
            "<p><a rel=\"noopener nofollow noreferrer external\" target=\"_blank\" \
             href=\"https://x.test/a\">out</a> and <a href=\"/b/\">in</a></p>\n"
        );
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
    fn a_zola_summary_closes_its_elements_and_drops_footnote_references() {
        let html = format!(
            "<ul>\n<li>one<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup> \
             {CONTINUE_READING}two</li>\n</ul>\n"
        );
        assert_eq!(
            zola_summary(&html, None).unwrap(),
            "<ul>\n<li>one&hellip;\n</li>\n</ul>\n"
        );
        assert_eq!(
            zola_summary(&html, Some("[cut]")).unwrap(),
            "<ul>\n<li>one[cut]</li>\n</ul>\n"
        );
        let html = format!("<p>Done. {CONTINUE_READING}<em>more</em></p>\n");
        assert_eq!(zola_summary(&html, None).unwrap(), "<p>Done.</p>\n");
        let html = format!("<p>Block</p>\n{CONTINUE_READING}\n<p>more</p>\n");
        assert_eq!(zola_summary(&html, Some("[cut]")).unwrap(), "<p>Block</p>");
        assert_eq!(zola_summary("<p>no marker</p>", None), None);
    }

    #[test]
    fn links_are_recorded_and_assets_rewritten() {
        let r = md("x\n\n[a](@/b.md#c) ![p](pic.png)\n");
        assert_eq!(r.links[0].target, "@/b.md#c");
        assert_eq!((r.links[0].line, r.links[0].col), (3, 1));
        assert!(r.html.contains("src=\"/a/pic.png\""));
    }
}
