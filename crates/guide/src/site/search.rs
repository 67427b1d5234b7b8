//! `search-index.json`: `[{"t": title, "u": url, "d": description, "h": [[heading, url#id]]}]`.
use serde::Serialize;

#[derive(Debug, Serialize)]
pub(crate) struct Entry<'a> {
    pub(crate) t: &'a str,
    pub(crate) u: &'a str,
    pub(crate) d: &'a str,
    pub(crate) h: Vec<(&'a str, String)>,
}

/// Compact JSON of the entries.
pub(crate) fn to_json(entries: &[Entry]) -> Vec<u8> {
    serde_json::to_vec(entries).unwrap_or_else(|_| b"[]".to_vec())
}
