//! `search-index.json`: `[{"t": title, "u": url, "d": description, "h": [[heading, url#id]]}]`.
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Entry<'a> {
    pub t: &'a str,
    pub u: &'a str,
    pub d: &'a str,
    pub h: Vec<(&'a str, String)>,
}

/// Compact JSON of the entries.
pub fn to_json(entries: &[Entry]) -> Vec<u8> {
    serde_json::to_vec(entries).unwrap_or_else(|_| b"[]".to_vec())
}
