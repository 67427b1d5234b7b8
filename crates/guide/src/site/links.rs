//! Internal links: `@/path.md#anchor` -> URL path. The load stage knows the pages
//! ([`PagePaths`]); the links stage, once every page is parsed, checks every `@/` link
//! of the bodies and every `url()` of the page bodies against the pages and their
//! headings ([`LinkTable`]), then puts the URLs into the bodies' HTML.
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::errors::{Problem, Problems};
use crate::html::escape_attr;
use crate::site::content::Source;
use crate::site::markdown::{Heading, Parsed};
use crate::site::search::SectionText;

/// Output paths of the pages by their path under `content/` (the key of `@/` links).
/// A file that could not be read as a page has an empty path: links to it are not
/// reported on top of its own problem.
#[derive(Debug, Default)]
pub(crate) struct PagePaths(HashMap<String, String>);

impl PagePaths {
    pub(crate) fn new(paths: HashMap<String, String>) -> Self {
        PagePaths(paths)
    }

    /// `@/a/b.md#x` -> (`a/b.md`, `/a/b/`, `x`); the error is the message for the writer.
    fn split<'t>(&self, target: &'t str) -> Result<(&'t str, &str, Option<&'t str>), String> {
        let Some(rest) = target.strip_prefix("@/") else {
            return Err(format!(
                "internal link `{target}` must start with `@/` (a path under content/)"
            ));
        };
        let (page, anchor) = match rest.split_once('#') {
            Some((p, a)) => (p, Some(a)),
            None => (rest, None),
        };
        let Some(path) = self.0.get(page) else {
            return Err(format!(
                "broken link `{target}`: there is no page content/{page}"
            ));
        };
        Ok((page, path, anchor.filter(|a| !a.is_empty())))
    }

    /// `@/a/b.md#x` -> `/a/b/#x`. The anchor is not checked: that is the links stage's
    /// job, once every heading is known.
    pub(crate) fn resolve_page(&self, target: &str) -> Result<String, String> {
        let (_, path, anchor) = self.split(target)?;
        Ok(match anchor {
            Some(anchor) => format!("{path}#{anchor}"),
            None => path.to_string(),
        })
    }
}

/// Pages by their path under `content/` and their heading ids: every link is checked
/// against both.
#[derive(Debug, Default)]
pub(crate) struct LinkTable {
    paths: Arc<PagePaths>,
    anchors: HashMap<String, HashSet<String>>,
}

impl LinkTable {
    pub(crate) fn new(paths: Arc<PagePaths>, anchors: HashMap<String, HashSet<String>>) -> Self {
        LinkTable { paths, anchors }
    }

    /// `@/a/b.md#x` -> `/a/b/#x`; the error is the message for the writer.
    pub(crate) fn resolve(&self, target: &str) -> Result<String, String> {
        let (page, path, anchor) = self.paths.split(target)?;
        let Some(anchor) = anchor else {
            return Ok(path.to_string());
        };
        if let Some(ids) = self.anchors.get(page) {
            if !ids.contains(anchor) {
                return Err(format!(
                    "broken anchor `{target}`: content/{page} has no heading with id `{anchor}`"
                ));
            }
        }
        Ok(format!("{path}#{anchor}"))
    }
}

/// A page's body once its links are resolved: what the index and the templates use.
#[derive(Debug, Default)]
pub(crate) struct Body {
    pub(crate) html: String,
    pub(crate) headings: Vec<Heading>,
    pub(crate) word_count: usize,
    /// The plain text by section, for the search index.
    pub(crate) sections: Vec<SectionText>,
    /// The site's `summary-cutoff.html` as rendered (see [`Parsed`]).
    pub(crate) summary_cutoff: Option<String>,
}

/// What the links stage gives: the complete link table (for `url()` in the theme) and
/// every page's body with its `@/` hrefs replaced by URLs.
pub(crate) struct Linked {
    pub(crate) table: Arc<LinkTable>,
    pub(crate) bodies: Vec<Body>,
    /// For each source, the sources whose bodies link to it (`page.backlinks`), each
    /// once, in file order.
    pub(crate) backlinks: Vec<Vec<usize>>,
}

/// The links stage: checks every internal link of `parsed` (one per source), then
/// resolves them in the HTML, each URL path after `prefix` (a Zola site's `base_url`:
/// Zola writes permalinks; ours writes paths).
pub(crate) fn link(
    sources: &[Source],
    paths: Arc<PagePaths>,
    parsed: Vec<Arc<Parsed>>,
    prefix: &str,
    problems: &mut Problems,
) -> Linked {
    // (A body that failed has no known headings: links to it are checked to the page.)
    let anchors = sources
        .iter()
        .zip(&parsed)
        .filter(|(_, p)| !p.failed)
        .map(|(s, p)| {
            let ids = p.headings.iter().map(|h| h.id.clone()).collect();
            (s.rel.clone(), ids)
        })
        .collect();
    let table = Arc::new(LinkTable::new(paths, anchors));
    for (s, p) in sources.iter().zip(&parsed) {
        for l in &p.links {
            if let Err(msg) = table.resolve(&l.target) {
                problems.push(Problem::at_col(&s.file, l.line, l.col, msg));
            }
        }
    }
    let backlinks = backlinks(sources, &parsed);
    let bodies = parsed
        .into_par_iter()
        .map(|p| resolve_body(p, &table, prefix))
        .collect();
    Linked {
        table,
        bodies,
        backlinks,
    }
}

/// For each source, the sources that link to it with `@/` (see [`Linked::backlinks`]).
fn backlinks(sources: &[Source], parsed: &[Arc<Parsed>]) -> Vec<Vec<usize>> {
    let by_rel: HashMap<&str, usize> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.rel.as_str(), i))
        .collect();
    let mut out = vec![Vec::new(); sources.len()];
    for (from, p) in parsed.iter().enumerate() {
        for l in &p.links {
            let Some(rest) = l.target.strip_prefix("@/") else {
                continue;
            };
            let page = rest.split('#').next().unwrap_or(rest);
            if let Some(&to) = by_rel.get(page) {
                if out[to].last() != Some(&from) {
                    out[to].push(from);
                }
            }
        }
    }
    out
}

fn resolve_body(parsed: Arc<Parsed>, table: &LinkTable, prefix: &str) -> Body {
    // A body kept by `serve`'s cache is shared: its parts are copied.
    let parsed = Arc::try_unwrap(parsed).unwrap_or_else(|shared| (*shared).clone());
    let html = if has_internal_links(&parsed.html) {
        replace_in_html(&parsed.html, table, prefix)
    } else {
        parsed.html
    };
    Body {
        html,
        headings: parsed.headings,
        word_count: parsed.word_count,
        sections: parsed.sections,
        summary_cutoff: parsed.summary_cutoff,
    }
}

const NEEDLE: &str = "href=\"@/";

/// Whether `html` holds an `href="@/..."`.
fn has_internal_links(html: &str) -> bool {
    memchr::memmem::find(html.as_bytes(), NEEDLE.as_bytes()).is_some()
}

/// Replaces every `href="@/..."` in `html` by its resolved URL (the targets were checked
/// before; an unresolvable one is left as is).
fn replace_in_html(html: &str, table: &LinkTable, prefix: &str) -> String {
    let finder = memchr::memmem::Finder::new(NEEDLE);
    if finder.find(html.as_bytes()).is_none() {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = finder.find(rest.as_bytes()) {
        out.push_str(&rest[..i + "href=\"".len()]);
        let after = &rest[i + "href=\"".len()..];
        let end = after.find('"').unwrap_or(after.len());
        let raw = &after[..end];
        let target = unescape_href(raw);
        match table.resolve(&target) {
            Ok(url) => out.push_str(&escape_attr(&format!("{prefix}{url}"))),
            Err(_) => out.push_str(raw),
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// pulldown-cmark percent-encodes some characters of an href; undo it for lookups.
fn unescape_href(raw: &str) -> String {
    percent_encoding::percent_decode_str(&raw.replace("&amp;", "&"))
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> LinkTable {
        let paths = PagePaths::new(HashMap::from([("a.md".to_string(), "/a/".to_string())]));
        LinkTable::new(
            Arc::new(paths),
            HashMap::from([("a.md".to_string(), HashSet::from(["x".to_string()]))]),
        )
    }

    #[test]
    fn resolves_pages_and_anchors() {
        let t = table();
        assert_eq!(t.resolve("@/a.md#x").unwrap(), "/a/#x");
        assert!(t
            .resolve("@/a.md#y")
            .unwrap_err()
            .contains("no heading with id `y`"));
        assert!(t
            .resolve("@/b.md")
            .unwrap_err()
            .contains("no page content/b.md"));
    }

    #[test]
    fn before_the_headings_are_known_only_the_page_is_checked() {
        let paths = PagePaths::new(HashMap::from([("a.md".to_string(), "/a/".to_string())]));
        assert_eq!(paths.resolve_page("@/a.md#y").unwrap(), "/a/#y");
        assert!(paths.resolve_page("@/b.md").is_err());
        assert!(paths.resolve_page("a.md").is_err());
    }

    #[test]
    fn rewrites_hrefs() {
        let html = replace_in_html("<a href=\"@/a.md#x\">a</a>", &table(), "");
        assert_eq!(html, "<a href=\"/a/#x\">a</a>");
        let html = replace_in_html("<a href=\"@/a.md\">a</a>", &table(), "https://x.test");
        assert_eq!(html, "<a href=\"https://x.test/a/\">a</a>");
    }
}
