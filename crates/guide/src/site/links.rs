//! Internal links: `@/path.md#anchor` -> URL path, with page and anchor checks.
use std::collections::{HashMap, HashSet};
use std::sync::RwLock;

/// Pages by their path under `content/`, and (once parsed) their heading ids.
#[derive(Debug, Default)]
pub struct LinkTable {
    paths: HashMap<String, String>,
    anchors: RwLock<Option<HashMap<String, HashSet<String>>>>,
}

impl LinkTable {
    pub fn new(paths: HashMap<String, String>) -> Self {
        LinkTable {
            paths,
            anchors: RwLock::new(None),
        }
    }

    /// Called once every page is parsed: anchors are checked from then on.
    pub fn set_anchors(&self, anchors: HashMap<String, HashSet<String>>) {
        *self.anchors.write().unwrap_or_else(|e| e.into_inner()) = Some(anchors);
    }

    /// `@/a/b.md#x` -> `/a/b/#x`; the error is the message for the writer.
    pub fn resolve(&self, target: &str) -> Result<String, String> {
        let Some(rest) = target.strip_prefix("@/") else {
            return Err(format!(
                "internal link `{target}` must start with `@/` (a path under content/)"
            ));
        };
        let (page, anchor) = match rest.split_once('#') {
            Some((p, a)) => (p, Some(a)),
            None => (rest, None),
        };
        let Some(path) = self.paths.get(page) else {
            return Err(format!(
                "broken link `{target}`: there is no page content/{page}"
            ));
        };
        let Some(anchor) = anchor.filter(|a| !a.is_empty()) else {
            return Ok(path.clone());
        };
        let anchors = self.anchors.read().unwrap_or_else(|e| e.into_inner());
        if let Some(ids) = anchors.as_ref().and_then(|a| a.get(page)) {
            if !ids.contains(anchor) {
                return Err(format!(
                    "broken anchor `{target}`: content/{page} has no heading with id `{anchor}`"
                ));
            }
        }
        Ok(format!("{path}#{anchor}"))
    }
}

const NEEDLE: &str = "href=\"@/";

/// Whether `html` holds an `href="@/..."`.
pub fn has_internal_links(html: &str) -> bool {
    memchr::memmem::find(html.as_bytes(), NEEDLE.as_bytes()).is_some()
}

/// Replaces every `href="@/..."` in `html` by its resolved URL (the targets were checked
/// before; an unresolvable one is left as is).
pub fn replace_in_html(html: &str, table: &LinkTable) -> String {
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
            Ok(url) => out.push_str(&crate::site::markdown::escape_attr(&url)),
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
        let t = LinkTable::new(HashMap::from([("a.md".to_string(), "/a/".to_string())]));
        t.set_anchors(HashMap::from([(
            "a.md".to_string(),
            HashSet::from(["x".to_string()]),
        )]));
        t
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
    fn rewrites_hrefs() {
        let html = replace_in_html("<a href=\"@/a.md#x\">a</a>", &table());
        assert_eq!(html, "<a href=\"/a/#x\">a</a>");
    }
}
