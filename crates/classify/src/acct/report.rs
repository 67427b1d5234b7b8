//! The analysis result: per-ISP and overall counts, rates, categories, blocklists, the
//! time window, bad rows and the suggested severity. Serialises to the JSON of
//! `guide classify --acct --json` and of the widget.

use std::collections::BTreeMap;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

pub use super::onset::Trend;
use super::tally::Tally;
use crate::{Blocklist, Category, Isp, Severity};

/// How the rates are defined (printed by the CLI and the widget, and in the JSON).
pub const RATE_DEFINITION: &str = "Rates are percentages of the accounting records of type d \
(delivered), b (bounced) and t (deferred: a transient failure that PowerMTA retries) of that \
ISP: deferral rate = t / (d + b + t), bounce rate = b / (d + b + t). A message deferred three \
times and then delivered counts as three t records and one d record. Other record types \
(rb, f, ...) are counted apart and not in the rates.";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AcctReport {
    /// The guide's severity suggested by the rates, blocklists and permanent blocks.
    pub severity: Severity,
    /// Why, most severe first; every rule that fired is listed.
    pub reasons: Vec<String>,
    /// d + b + t records.
    pub records: u64,
    pub delivered: u64,
    pub deferred: u64,
    pub bounced: u64,
    pub deferral_rate: f64,
    pub bounce_rate: f64,
    /// Lines that could not be read as records (never fatal).
    pub bad_rows: u64,
    /// The first bad rows with their 1-based line numbers.
    pub bad_row_samples: Vec<BadRow>,
    /// Records of other types (`rb`, `f`, ...) by type.
    pub other_records: BTreeMap<String, u64>,
    /// Physical lines read, header rows included.
    pub lines: u64,
    /// Earliest and latest `timeLogged` of the d/b/t records.
    pub time_window: Option<TimeWindow>,
    pub rate_definition: String,
    /// How the severity is chosen from the rates, with the numbers used.
    pub rules: Vec<String>,
    /// The ISP the most severe ISP-specific reason is about, if any.
    pub focus_isp: Option<Isp>,
    /// One entry per ISP with records, most records first.
    pub isps: Vec<IspStats>,
    /// Per PowerMTA VirtualMTA (`vmta` column; a sending IP or pool), most records first,
    /// at most [`super::MAX_VMTAS`].
    pub vmtas: Vec<VmtaStats>,
    /// All ISPs together.
    pub categories: Categories,
    pub blocklists: Vec<BlocklistSeen>,
    /// Notes about the input (no header row, missing columns, unreadable times...).
    pub warnings: Vec<String>,
    /// Records per ISP per interval; `None` when no record has a readable `timeLogged`.
    pub timeline: Option<Timeline>,
    /// The input ended early (a cut-off or corrupt gzip file, a failed read): the report
    /// holds the rows read before that, and a warning says where it ended.
    pub truncated: bool,
}

/// Delivered, deferred and bounced records per ISP per interval (see
/// `acct::timeline`): at most [`super::MAX_POINTS`] intervals whatever the file's span.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    /// 60, 300, 900, 1800, 3600... seconds.
    pub interval_seconds: i64,
    /// Start of the first interval and end of the last one, RFC 3339 UTC.
    pub start: String,
    pub end: String,
    /// In the order of [`AcctReport::isps`].
    pub isps: Vec<IspTimeline>,
    /// Records logged earlier than a record before them in the file (placed in their own
    /// interval all the same).
    pub out_of_order: u64,
    /// Records with no readable `timeLogged` (in no interval).
    pub untimed: u64,
    /// Records far in time from the rest (a wrong clock, files of different weeks
    /// joined), left out of the intervals; the warnings say when they were logged.
    pub outside: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IspTimeline {
    pub isp: Isp,
    /// Intervals with records of this ISP, in time order.
    pub points: Vec<TimePoint>,
    /// This ISP's records in no interval (untimed or outside); with the points' counts
    /// they add up to the ISP's totals.
    pub unplaced: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimePoint {
    /// Start of the interval, RFC 3339 UTC.
    pub t: String,
    pub delivered: u64,
    pub deferred: u64,
    pub bounced: u64,
}

impl Timeline {
    /// One ISP's share of records deferred or bounced (percent) over the timeline, in at
    /// most `width` columns of equal length (neighbouring intervals pooled); `None` for a
    /// column without records. For sparklines.
    pub fn rate_columns(&self, line: &IspTimeline, width: usize) -> Vec<Option<f64>> {
        let start = super::time::parse(self.start.as_bytes()).unwrap_or(0);
        let end = super::time::parse(self.end.as_bytes()).unwrap_or(start);
        let intervals = ((end - start) / self.interval_seconds.max(1)).max(1) as usize;
        let per = intervals.div_ceil(width.max(1));
        let mut columns = vec![(0u64, 0u64); intervals.div_ceil(per)];
        for p in &line.points {
            let t = super::time::parse(p.t.as_bytes()).unwrap_or(start);
            let i = ((t - start) / self.interval_seconds.max(1)) as usize / per;
            if let Some(c) = columns.get_mut(i) {
                c.0 += p.deferred + p.bounced;
                c.1 += p.delivered + p.deferred + p.bounced;
            }
        }
        columns
            .into_iter()
            .map(|(failed, records)| (records > 0).then(|| percent(failed, records)))
            .collect()
    }
}

/// The worst stretch of an ISP's timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Peak {
    /// Start of the stretch, RFC 3339 UTC.
    pub t: String,
    /// Percent of its records deferred or bounced.
    pub rate: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IspStats {
    pub isp: Isp,
    pub records: u64,
    pub delivered: u64,
    pub deferred: u64,
    pub bounced: u64,
    pub deferral_rate: f64,
    pub bounce_rate: f64,
    pub categories: Categories,
    pub blocklists: Vec<BlocklistSeen>,
    /// PowerMTA's own `bounceCat` of the deferrals and bounces.
    pub bounce_cats: BTreeMap<String, u64>,
    /// At or above the guide's lower boundary: enough records and that share of them
    /// deferred or bounced over the file, or a start found in its timeline.
    pub affected: bool,
    /// When its deferrals and bounces rose to the boundary and stayed there (RFC 3339
    /// UTC); `None` when they never did (the rule: [`super::ONSET_RULE`]).
    pub started_at: Option<String>,
    /// Its worst stretch in the timeline.
    pub peak: Option<Peak>,
    /// Where its rate is heading at the end of the file; `None` with too few records.
    pub trend: Option<Trend>,
    /// Percent deferred or bounced in the last stretch the trend looks at.
    pub latest_rate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VmtaStats {
    /// As logged; `(others)` sums the VirtualMTAs past the tracked number.
    pub vmta: String,
    pub records: u64,
    pub delivered: u64,
    pub deferred: u64,
    pub bounced: u64,
    pub deferral_rate: f64,
    pub bounce_rate: f64,
}

/// Categories of the deferrals and bounces, most frequent first; serialised as a JSON
/// object `{"rate_limit": {"count": 2, "deferred": 2, "bounced": 0, "example": "..."}}`
/// whose key order is that order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Categories(pub Vec<CategoryStats>);

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryStats {
    #[serde(skip)]
    pub category: Category,
    pub count: u64,
    pub deferred: u64,
    pub bounced: u64,
    /// One `dsnDiag` (or `dsnStatus`) of this category, as logged (cut at 300 characters).
    pub example: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BlocklistSeen {
    pub blocklist: Blocklist,
    /// Deferrals and bounces citing it.
    pub count: u64,
    pub example: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BadRow {
    pub line: u64,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimeWindow {
    /// As logged.
    pub first: String,
    pub last: String,
    pub seconds: i64,
}

impl Serialize for Categories {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for c in &self.0 {
            map.serialize_entry(&c.category, c)?;
        }
        map.end()
    }
}

impl Categories {
    pub fn get(&self, category: Category) -> Option<&CategoryStats> {
        self.0.iter().find(|c| c.category == category)
    }

    pub(crate) fn from_tally(tally: &Tally) -> Categories {
        let mut list: Vec<CategoryStats> = tally
            .categories
            .iter()
            .map(|c| CategoryStats {
                category: c.category,
                count: c.deferred + c.bounced,
                deferred: c.deferred,
                bounced: c.bounced,
                example: c.example.clone(),
            })
            .collect();
        // Stable: ties keep the order of first appearance.
        list.sort_by_key(|c| std::cmp::Reverse(c.count));
        Categories(list)
    }
}

pub(crate) fn blocklists_of(tally: &Tally) -> Vec<BlocklistSeen> {
    let mut list: Vec<BlocklistSeen> = tally
        .blocklists
        .iter()
        .map(|l| BlocklistSeen {
            blocklist: l.blocklist,
            count: l.count,
            example: l.example.clone(),
        })
        .collect();
    list.sort_by_key(|c| std::cmp::Reverse(c.count));
    list
}

/// `part` in percent of `total`, rounded to 2 decimals; 0 when `total` is 0.
pub(crate) fn percent(part: u64, total: u64) -> f64 {
    if total == 0 {
        return 0.0;
    }
    (part as f64 * 10_000.0 / total as f64).round() / 100.0
}

impl IspStats {
    pub(crate) fn from_tally(isp: Isp, tally: &Tally) -> IspStats {
        let records = tally.records();
        IspStats {
            isp,
            records,
            delivered: tally.delivered,
            deferred: tally.deferred,
            bounced: tally.bounced,
            deferral_rate: percent(tally.deferred, records),
            bounce_rate: percent(tally.bounced, records),
            categories: Categories::from_tally(tally),
            blocklists: blocklists_of(tally),
            bounce_cats: tally.bounce_cats.iter().cloned().collect(),
            affected: false,
            started_at: None,
            peak: None,
            trend: None,
            latest_rate: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_to_two_decimals() {
        assert_eq!(percent(22, 100), 22.0);
        assert_eq!(percent(1, 3), 33.33);
        assert_eq!(percent(2, 3), 66.67);
        assert_eq!(percent(5, 0), 0.0);
    }
}
