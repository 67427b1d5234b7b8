//! A section's pages in the order its `sort_by` says, as Zola sorts them: `date` and
//! `update_date` newest first, `title` (natural: `a2` before `a10`, case ignored),
//! `title_bytes`, `weight` (lightest first) and `slug`; ties by URL. A page without the
//! field sorted by (no `date`, no `title`, no `weight`) is left out of the section's
//! `pages` (Zola's "ignored" pages). Without `sort_by` (or `none`) pages keep the
//! navigation's order: weight, then title. (Zola 0.22 has no order there: its pages
//! come in the order of its hash map of pages, which changes from one build to the
//! next; like Zola, such pages have no `lower` and `higher`.)
use std::cmp::Ordering;

use chrono::NaiveDateTime;

use crate::site::content::Source;

/// Zola's `sort_by` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SortBy {
    Date,
    UpdateDate,
    Title,
    TitleBytes,
    Weight,
    Slug,
    None,
}

impl SortBy {
    pub(crate) fn of(section: &Source) -> SortBy {
        match section.front.sort_by.as_deref() {
            Some("date") => SortBy::Date,
            Some("update_date") => SortBy::UpdateDate,
            Some("title") => SortBy::Title,
            Some("title_bytes") => SortBy::TitleBytes,
            Some("weight") => SortBy::Weight,
            Some("slug") => SortBy::Slug,
            _ => SortBy::None,
        }
    }
}

/// A front matter date (`2026-11-28`, or a date and time) as a sortable value.
pub(crate) fn date_of(value: Option<&toml::Value>) -> Option<NaiveDateTime> {
    let text = match value? {
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::String(s) => s.clone(),
        _ => return None,
    };
    let t = text.trim();
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(t) {
        return Some(d.naive_utc());
    }
    [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S%.f",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
    .or_else(|| {
        chrono::NaiveDate::parse_from_str(t.get(..10)?, "%Y-%m-%d")
            .ok()?
            .and_hms_opt(0, 0, 0)
    })
}

fn slug(s: &Source) -> &str {
    s.path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("")
}

/// Sorts `pages` (indexes into `sources`) by `sort_by`; returns the pages that cannot
/// be sorted so (taken out of `pages`). `SortBy::None` leaves `pages` as they are.
pub(crate) fn sort(pages: &mut Vec<usize>, sources: &[Source], sort_by: SortBy) -> Vec<usize> {
    if sort_by == SortBy::None {
        return Vec::new();
    }
    let page = |i: &usize| &sources[*i];
    let sortable = |s: &Source| match sort_by {
        SortBy::Date => date_of(s.front.date.as_ref()).is_some(),
        SortBy::UpdateDate => {
            date_of(s.front.date.as_ref()).is_some() || date_of(s.front.updated.as_ref()).is_some()
        }
        SortBy::Title | SortBy::TitleBytes => s.front.title.is_some(),
        SortBy::Weight => s.front.weight.is_some(),
        SortBy::Slug | SortBy::None => true,
    };
    let (mut sorted, ignored): (Vec<usize>, Vec<usize>) =
        pages.iter().partition(|i| sortable(page(i)));
    let updated =
        |s: &Source| date_of(s.front.date.as_ref()).max(date_of(s.front.updated.as_ref()));
    sorted.sort_by(|a, b| {
        let (a, b) = (page(a), page(b));
        let ord = match sort_by {
            SortBy::Date => date_of(b.front.date.as_ref()).cmp(&date_of(a.front.date.as_ref())),
            SortBy::UpdateDate => updated(b).cmp(&updated(a)),
            SortBy::Title => natural_cmp(
                a.front.title.as_deref().unwrap_or_default(),
                b.front.title.as_deref().unwrap_or_default(),
            ),
            SortBy::TitleBytes => a.front.title.cmp(&b.front.title),
            SortBy::Weight => a.front.weight.cmp(&b.front.weight),
            SortBy::Slug => natural_cmp(slug(a), slug(b)),
            SortBy::None => Ordering::Equal,
        };
        ord.then_with(|| a.path.cmp(&b.path))
    });
    *pages = sorted;
    ignored
}

/// Natural order, case ignored: runs of digits compare by their value (`a2` < `a10`).
pub(crate) fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.chars().peekable(), b.chars().peekable());
    loop {
        match (a.peek().copied(), b.peek().copied()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let number = |it: &mut std::iter::Peekable<std::str::Chars>| {
                    let mut digits = String::new();
                    while let Some(c) = it.peek().copied().filter(char::is_ascii_digit) {
                        digits.push(c);
                        it.next();
                    }
                    digits.trim_start_matches('0').to_string()
                };
                let (x, y) = (number(&mut a), number(&mut b));
                let ord = x.len().cmp(&y.len()).then_with(|| x.cmp(&y));
                if ord != Ordering::Equal {
                    return ord;
                }
            }
            (Some(x), Some(y)) => {
                let ord = x.to_lowercase().cmp(y.to_lowercase());
                if ord != Ordering::Equal {
                    return ord;
                }
                a.next();
                b.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order() {
        let mut v = vec!["a10", "A2", "b", "a1"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(v, ["a1", "A2", "a10", "b"]);
    }

    #[test]
    fn dates_with_or_without_time() {
        let d = |s: &str| date_of(Some(&toml::Value::String(s.into())));
        assert!(d("2018-01-02") > d("2018-01-01T10:00:00Z"));
        assert_eq!(d("nope"), None);
        let parsed: toml::Table = toml::from_str("date = 2016-10-08").unwrap();
        assert!(date_of(parsed.get("date")).is_some());
    }
}
