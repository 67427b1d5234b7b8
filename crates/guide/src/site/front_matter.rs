//! Front matter as Zola 0.22 reads it: TOML between `+++` lines or YAML between `---`
//! lines, after any blank lines (and a byte-order mark); every key of a page or a
//! section, typed; dates checked. A key a section does not know is an error, as in Zola;
//! one a page does not know is a warning (Zola ignores it, so a Zola site still builds).
use std::collections::BTreeMap;

use serde::Deserialize;

use crate::errors::{line_col, Problem};

/// The front matter of a page or a section (the keys of both; [`check_keys`] tells
/// which belong to which).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct FrontMatter {
    pub(crate) title: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) weight: Option<i64>,
    pub(crate) draft: bool,
    pub(crate) template: Option<String>,
    pub(crate) slug: Option<String>,
    /// A TOML date or datetime, or a string holding one (checked by [`check_dates`]).
    pub(crate) updated: Option<toml::Value>,
    pub(crate) date: Option<toml::Value>,
    /// `false` leaves the page out of the search index.
    pub(crate) in_search_index: Option<bool>,
    /// The page's URL path, replacing the one its file gives (`path = "a/b"` -> `/a/b/`).
    pub(crate) path: Option<String>,
    /// Old URLs that redirect to this one.
    pub(crate) aliases: Vec<String>,
    pub(crate) taxonomies: BTreeMap<String, Vec<String>>,
    pub(crate) authors: Vec<String>,
    /// `false`: not written (still listed in its section).
    pub(crate) render: Option<bool>,
    // Sections only.
    pub(crate) sort_by: Option<String>,
    pub(crate) paginate_by: Option<usize>,
    pub(crate) paginate_reversed: bool,
    pub(crate) paginate_path: Option<String>,
    /// `left`, `right`, `heading` or `none`: anchor links on the headings.
    pub(crate) insert_anchor_links: Option<String>,
    /// The section's page only redirects there.
    pub(crate) redirect_to: Option<String>,
    /// The section's pages are also its parent's.
    pub(crate) transparent: bool,
    pub(crate) page_template: Option<String>,
    /// A data list (`classify.codes`: a dotted path under `data`) that makes one page
    /// per item (see `pages_from`).
    pub(crate) pages_from: Option<String>,
    pub(crate) generate_feeds: bool,
    pub(crate) extra: toml::Table,
}

/// The keys of a page's front matter (Zola's).
pub(crate) const PAGE_KEYS: &[&str] = &[
    "title",
    "description",
    "updated",
    "date",
    "draft",
    "render",
    "slug",
    "path",
    "taxonomies",
    "weight",
    "authors",
    "aliases",
    "template",
    "in_search_index",
    "extra",
];

/// The keys of a section's front matter (Zola's).
pub(crate) const SECTION_KEYS: &[&str] = &[
    "title",
    "description",
    "sort_by",
    "weight",
    "draft",
    "template",
    "paginate_by",
    "paginate_reversed",
    "paginate_path",
    "insert_anchor_links",
    "render",
    "redirect_to",
    "in_search_index",
    "transparent",
    "page_template",
    "pages_from",
    "aliases",
    "generate_feeds",
    "extra",
];

/// How a front matter is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Toml,
    Yaml,
}

/// A markdown file split: its front matter text, the body, and where each starts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Split<'a> {
    pub(crate) format: Format,
    pub(crate) front: &'a str,
    /// 1-based line of the file where the front matter's text starts.
    pub(crate) front_line: usize,
    pub(crate) body: &'a str,
    /// 1-based line of the file where the body starts.
    pub(crate) body_line: usize,
}

/// Why a text's front matter could not be split off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SplitError {
    /// It opens a front matter (`+++` or `---`) at this line and never closes it.
    NotClosed(usize, &'static str),
}

/// Splits the front matter off a markdown text. `Ok(None)`: the text has none (blank
/// lines and a byte-order mark before the opening line are allowed).
pub(crate) fn split(text: &str) -> Result<Option<Split<'_>>, SplitError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut pos = 0;
    let mut line = 1;
    // Blank lines first.
    loop {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if !text[pos..end].trim().is_empty() || end == text.len() {
            break;
        }
        pos = end + 1;
        line += 1;
    }
    let first_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
    let (format, fence) = match text[pos..first_end].trim() {
        "+++" => (Format::Toml, "+++"),
        "---" => (Format::Yaml, "---"),
        _ => return Ok(None),
    };
    let open_line = line;
    let front_start = (first_end + 1).min(text.len());
    let mut cur = front_start;
    line += 1;
    while cur < text.len() {
        let end = text[cur..].find('\n').map_or(text.len(), |i| cur + i);
        if text[cur..end].trim_end() == fence {
            let body_start = (end + 1).min(text.len());
            return Ok(Some(Split {
                format,
                front: &text[front_start..cur],
                front_line: open_line + 1,
                body: &text[body_start..],
                body_line: line + 1,
            }));
        }
        cur = end + 1;
        line += 1;
    }
    Err(SplitError::NotClosed(open_line, fence))
}

/// Parses a front matter's text; problems name `file` and the line.
pub(crate) fn parse(split: &Split, file: &str) -> Result<FrontMatter, Problem> {
    match split.format {
        Format::Toml => toml::from_str(split.front).map_err(|e| {
            let (line, col) = e.span().map_or((1, 1), |s| line_col(split.front, s.start));
            Problem::at_col(
                file,
                line + split.front_line - 1,
                col,
                format!("invalid front matter: {}", e.message()),
            )
        }),
        Format::Yaml => {
            if split.front.trim().is_empty() {
                return Ok(FrontMatter::default());
            }
            serde_norway::from_str(split.front).map_err(|e| {
                let (line, col) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
                let message = e.to_string();
                let message = message.split(" at line ").next().unwrap_or(&message);
                Problem::at_col(
                    file,
                    line + split.front_line - 1,
                    col,
                    format!("invalid front matter: {message}"),
                )
            })
        }
    }
}

/// The keys written at the top level of a front matter, each with its line in the file
/// (keys inside tables, `[extra]` or `[taxonomies]`, are not: the table is).
pub(crate) fn top_keys(split: &Split) -> Vec<(String, usize)> {
    let mut keys: Vec<(String, usize)> = Vec::new();
    let mut in_table = false;
    for (i, raw) in split.front.lines().enumerate() {
        let key = match split.format {
            Format::Toml if raw.trim_start().starts_with('[') => {
                in_table = true;
                toml_key(raw)
            }
            Format::Toml if in_table => None,
            Format::Toml => toml_key(raw),
            Format::Yaml => yaml_key(raw),
        };
        if let Some(k) = key {
            if !keys.iter().any(|(seen, _)| *seen == k) {
                keys.push((k, i + split.front_line));
            }
        }
    }
    keys
}

/// The top-level key a TOML line sets or opens (`a = 1`, `[a]`, `[a.b]`, `[[a]]`).
fn toml_key(raw: &str) -> Option<String> {
    let l = raw.trim();
    if let Some(rest) = l.strip_prefix('[') {
        let rest = rest.trim_start_matches('[');
        let name = rest.split(['.', ']']).next()?.trim();
        return Some(name.trim_matches('"').to_string());
    }
    let (name, _) = l.split_once('=')?;
    let name = name.split('.').next()?.trim().trim_matches('"');
    if name.is_empty() || name.starts_with('#') {
        return None;
    }
    Some(name.to_string())
}

/// The top-level key of a YAML line (`key: value` at column 0).
fn yaml_key(raw: &str) -> Option<String> {
    if raw.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    let (name, _) = raw.split_once(':')?;
    let name = name.trim().trim_matches(['"', '\'']);
    (!name.is_empty()).then(|| name.to_string())
}

/// The top-level keys that are not keys of a page (`section: false`) or a section, each
/// with its line.
pub(crate) fn unknown_keys(split: &Split, section: bool) -> Vec<(String, usize)> {
    let known = if section { SECTION_KEYS } else { PAGE_KEYS };
    top_keys(split)
        .into_iter()
        .filter(|(k, _)| !known.contains(&k.as_str()))
        .collect()
}

/// `date` and `updated` must be dates: a TOML date or datetime, or a string holding one
/// (`2026-11-28`, `2026-11-28T08:00:00Z`, `2026-11-28 08:00:00`, with or without an
/// offset), as Zola reads them.
pub(crate) fn check_dates(front: &FrontMatter, split: &Split, file: &str) -> Result<(), Problem> {
    for (key, value) in [("date", &front.date), ("updated", &front.updated)] {
        let ok = match value {
            None | Some(toml::Value::Datetime(_)) => true,
            Some(toml::Value::String(d)) => is_date(d),
            Some(_) => false,
        };
        if !ok {
            let shown = value.as_ref().map(|v| v.to_string()).unwrap_or_default();
            let line = key_line(split, key).unwrap_or(split.front_line);
            return Err(Problem::at(
                file,
                line,
                format!(
                    "`{key} = {shown}` is not a date: write it as 2026-11-28 (or an RFC 3339 \
                     date and time)"
                ),
            ));
        }
    }
    Ok(())
}

/// 1-based line of the file where the top-level `key` is set.
pub(crate) fn key_line(split: &Split, key: &str) -> Option<usize> {
    top_keys(split)
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, l)| l)
}

/// A date as Zola accepts it in a string: what TOML accepts as a date or datetime, and
/// YAML's spellings (a space before the time, a short offset).
pub(crate) fn is_date(text: &str) -> bool {
    let t = text.trim();
    if t.parse::<toml::value::Datetime>()
        .is_ok_and(|d| d.date.is_some())
    {
        return true;
    }
    chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").is_ok()
        || chrono::DateTime::parse_from_rfc3339(t).is_ok()
        || chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S%.f").is_ok()
        || chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S%.f").is_ok()
        || chrono::DateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S%.f %#z").is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_toml_and_yaml_after_blank_lines_and_a_bom() {
        let s = split("\u{feff}\n\n+++\ntitle = \"A\"\n+++\nHello\n")
            .unwrap()
            .unwrap();
        assert_eq!(
            (s.format, s.front, s.front_line),
            (Format::Toml, "title = \"A\"\n", 4)
        );
        assert_eq!((s.body, s.body_line), ("Hello\n", 6));
        let y = split("---\ntitle: A\n---\nHi").unwrap().unwrap();
        assert_eq!(
            (y.format, y.front, y.body, y.body_line),
            (Format::Yaml, "title: A\n", "Hi", 4)
        );
        assert!(split("no front matter").unwrap().is_none());
        assert_eq!(
            split("+++\ntitle = 1\n").err(),
            Some(SplitError::NotClosed(1, "+++"))
        );
    }

    #[test]
    fn yaml_front_matter_is_parsed() {
        let s = split("---\ntitle: Hello\ndate: 2002-10-02\nextra:\n  a: 1\n---\n")
            .unwrap()
            .unwrap();
        let f = parse(&s, "x.md").unwrap();
        assert_eq!(f.title.as_deref(), Some("Hello"));
        assert!(check_dates(&f, &s, "x.md").is_ok());
        assert_eq!(f.extra["a"].as_integer(), Some(1));
    }

    #[test]
    fn unknown_keys_are_found_with_their_lines() {
        let s = split("+++\ntitle = \"a\"\nsort_by = \"date\"\n[extra]\nanything = 1\n+++\n")
            .unwrap()
            .unwrap();
        assert_eq!(unknown_keys(&s, false), [("sort_by".to_string(), 3)]);
        assert!(unknown_keys(&s, true).is_empty());
    }

    #[test]
    fn dates_as_zola_reads_them() {
        for ok in [
            "2016-10-10",
            "2002-10-02T15:00:00Z",
            "2002-10-02T15:00:00",
            "2002-10-02 15:00:00+02:00",
            "2002-10-02 15:00:00",
            "2002-10-02T15:00:00.123456Z",
        ] {
            assert!(is_date(ok), "{ok}");
        }
        for bad in ["not a date", "2002/10/12", "2002-14-01"] {
            assert!(!is_date(bad), "{bad}");
        }
    }
}
