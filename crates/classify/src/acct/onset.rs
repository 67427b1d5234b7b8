//! When an ISP's problem started, its worst moment and where it is heading, from that ISP's
//! timeline. The rule ([`ONSET_RULE`], also in `tests/acct/README.md` and the page):
//!
//! - the rate is the share of records deferred or bounced, `(t + b) / (d + b + t)`;
//! - the ISP's intervals are taken in time order and pooled into groups of at least
//!   `min_records` records (a busy interval is its own group; quiet ones are joined with
//!   the next; a short remainder joins the last group), so a handful of records is never
//!   judged alone;
//! - the start is the first group that begins a run of at least 3 groups at or above the
//!   boundary (2 are enough when the run lasts to the end of the file, 1 when it is the
//!   whole file), so one noisy group is not a start, and whose records together are above
//!   the boundary by more than twice their noise (two standard errors), so a run of
//!   chance highs at a quiet ISP is not one either; the time given is that of the group's
//!   first interval whose own rate is at or above the boundary;
//! - the peak is the stretch of groups (as long as the trend's) with the highest rate;
//! - the trend compares the last stretch of groups (a twelfth of them, at least 2) with
//!   the stretch before: rising or recovering when the rate moved by at least 2 points and
//!   by more than twice the noise expected from the number of records (two standard
//!   errors of the difference), flat otherwise.

use serde::Serialize;

use super::policy::Policy;
use super::report::{percent, IspStats, Peak};
use super::time::rfc3339;
use super::timeline::Counts;

/// Groups in a row at or above the boundary that make a start.
const RUN: usize = 3;
/// A trend needs a change of at least this many percentage points, and more than twice
/// its standard error.
const TREND_POINTS: f64 = 2.0;

/// The rule in words (the numbers are filled in by [`onset_rule`]).
pub const ONSET_RULE: &str =
    "When it started: an ISP's rate here is the share of its records deferred or \
bounced. Its intervals are pooled, in time order, into groups of at least {min} records, so a \
few records are never judged alone. The start is the first group from which at least 3 groups \
in a row are at or above {low}% (2 when they last to the end of the file), together clearly \
above it (by more than twice the noise expected from their number of records), so one noisy \
interval or a few chance highs are not a start; the time shown is that group's first interval \
at or above {low}%. \
The trend compares the last twelfth of the groups (at least 2) with the twelfth before: rising \
or recovering when the rate moved by at least 2 points and by more than twice the noise \
expected from the number of records, flat otherwise. The peak is the stretch of that length \
with the highest rate.";

/// [`ONSET_RULE`] with the policy's numbers.
pub(crate) fn onset_rule(min_records: u64, band_low: f64) -> String {
    ONSET_RULE
        .replace("{min}", &min_records.to_string())
        .replace("{low}", &band_low.to_string())
}

/// Where the rate is heading at the end of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    Rising,
    Flat,
    Recovering,
}

impl Trend {
    pub fn as_str(self) -> &'static str {
        match self {
            Trend::Rising => "rising",
            Trend::Flat => "flat",
            Trend::Recovering => "recovering",
        }
    }
}

/// What [`detect`] finds in one ISP's timeline (times in Unix seconds).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Onset {
    pub start: Option<i64>,
    /// The stretch of groups (as long as the trend's) with the highest rate: the first
    /// interval of its middle group, and the rate.
    pub peak: Option<(i64, f64)>,
    pub trend: Option<Trend>,
    /// The rate of the last stretch the trend looks at.
    pub latest_rate: Option<f64>,
}

#[derive(Debug, Clone, Copy)]
struct Group {
    /// Index of its first interval in the series.
    from: usize,
    to: usize,
    records: u64,
    failed: u64,
}

fn failed(c: &Counts) -> u64 {
    c[1] + c[2]
}

fn is_above(failed: u64, records: u64, band: f64) -> bool {
    records > 0 && failed as f64 * 100.0 >= band * records as f64
}

/// `series`: one ISP's (interval start, counts) in time order, empty intervals left out.
pub(crate) fn detect(series: &[(i64, Counts)], min_records: u64, band: f64) -> Onset {
    let groups = pool(series, min_records.max(1));
    if groups.is_empty() {
        return Onset::default();
    }
    let start = start_group(&groups, band).map(|g| {
        series[g.from..g.to]
            .iter()
            .find(|(_, c)| is_above(failed(c), c.iter().sum(), band))
            .map_or(series[g.from].0, |(t, _)| *t)
    });
    let peak = peak(&groups).map(|(g, rate)| (series[g.from].0, rate));
    let (trend, latest_rate) = trend(&groups);
    Onset {
        start,
        peak,
        trend,
        latest_rate,
    }
}

/// Fills in `stats`' start, peak, trend and whether it is affected, from its `series`
/// (see [`detect`]).
pub(crate) fn describe(stats: &mut IspStats, series: &[(i64, Counts)], policy: &Policy) {
    let onset = detect(series, policy.min_records, policy.band_low);
    stats.started_at = onset.start.map(rfc3339);
    stats.peak = onset.peak.map(|(t, rate)| Peak {
        t: rfc3339(t),
        rate,
    });
    stats.trend = onset.trend;
    stats.latest_rate = onset.latest_rate;
    stats.affected = onset.start.is_some()
        || (stats.records >= policy.min_records
            && is_above(
                stats.deferred + stats.bounced,
                stats.records,
                policy.band_low,
            ));
}

/// Consecutive intervals pooled into groups of at least `min` records.
fn pool(series: &[(i64, Counts)], min: u64) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut open: Option<Group> = None;
    for (i, (_, c)) in series.iter().enumerate() {
        let g = open.get_or_insert(Group {
            from: i,
            to: i,
            records: 0,
            failed: 0,
        });
        g.to = i + 1;
        g.records += c.iter().sum::<u64>();
        g.failed += failed(c);
        if g.records >= min {
            groups.extend(open.take());
        }
    }
    // A short remainder joins the last group; with fewer than `min` records in all,
    // there is no group and nothing is judged.
    if let (Some(rest), Some(last)) = (open, groups.last_mut()) {
        last.to = rest.to;
        last.records += rest.records;
        last.failed += rest.failed;
    }
    groups
}

fn start_group(groups: &[Group], band: f64) -> Option<&Group> {
    let above = |g: &Group| is_above(g.failed, g.records, band);
    let n = groups.len();
    let mut i = 0;
    while i < n {
        if !above(&groups[i]) {
            i += 1;
            continue;
        }
        let run = groups[i..].iter().take_while(|g| above(g)).count();
        let to_the_end = i + run == n;
        let long = run >= RUN || (to_the_end && (run >= 2 || i == 0));
        if long && clearly_above(&groups[i..i + run], band) {
            return Some(&groups[i]);
        }
        i += run;
    }
    None
}

/// Whether the groups' records together are above `band` percent by more than two
/// standard errors of their rate.
fn clearly_above(groups: &[Group], band: f64) -> bool {
    let (failed, records) = groups
        .iter()
        .fold((0, 0), |(f, r), g| (f + g.failed, r + g.records));
    let p = failed as f64 / records as f64;
    let noise = 100.0 * (p * (1.0 - p) / records as f64).sqrt();
    100.0 * p - 2.0 * noise >= band
}

/// Groups in a stretch the trend and the peak look at: a twelfth, at least 2, at most
/// half (1 when there is only one group).
fn stretch(n: usize) -> usize {
    (n / 12).max(2).min(n / 2).max(1)
}

/// Failed and all records of some groups together.
fn pooled(groups: &[Group]) -> (u64, u64) {
    groups
        .iter()
        .fold((0, 0), |(f, r), g| (f + g.failed, r + g.records))
}

/// The middle group of the stretch with the highest rate (the earliest of equals), and
/// that rate: a stretch, not one group, so one noisy group is not the peak.
fn peak(groups: &[Group]) -> Option<(&Group, f64)> {
    let w = stretch(groups.len());
    let mut best: Option<(&Group, f64)> = None;
    for (i, window) in groups.windows(w).enumerate() {
        let (failed, records) = pooled(window);
        let rate = percent(failed, records);
        if best.is_none_or(|(_, b)| rate > b) {
            best = Some((&groups[i + w / 2], rate));
        }
    }
    best
}

fn trend(groups: &[Group]) -> (Option<Trend>, Option<f64>) {
    let n = groups.len();
    if n < 4 {
        return (None, None);
    }
    let w = stretch(n);
    let (before, last) = (pooled(&groups[n - 2 * w..n - w]), pooled(&groups[n - w..]));
    let share = |(failed, records): (u64, u64)| failed as f64 / records as f64;
    let (p1, p2) = (share(before), share(last));
    // Standard error of the difference of two proportions, in percentage points.
    let noise =
        100.0 * (p1 * (1.0 - p1) / before.1 as f64 + p2 * (1.0 - p2) / last.1 as f64).sqrt();
    let change = (p2 - p1) * 100.0;
    let trend = if change.abs() < TREND_POINTS || change.abs() <= 2.0 * noise {
        Trend::Flat
    } else if change > 0.0 {
        Trend::Rising
    } else {
        Trend::Recovering
    };
    (Some(trend), Some(percent(last.0, last.1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One interval a minute, `records` each, `failed` of them deferred.
    fn series(rates: &[(u64, u64)]) -> Vec<(i64, Counts)> {
        rates
            .iter()
            .enumerate()
            .map(|(i, (records, failed))| (i as i64 * 60, [records - failed, *failed, 0]))
            .collect()
    }

    fn flat_then(before: usize, after: &[(u64, u64)]) -> Vec<(i64, Counts)> {
        let mut r = vec![(100, 2); before];
        r.extend_from_slice(after);
        series(&r)
    }

    #[test]
    fn a_sustained_rise_starts_at_its_first_interval() {
        let s = flat_then(30, &[(100, 25); 20]);
        let o = detect(&s, 20, 10.0);
        assert_eq!(o.start, Some(30 * 60));
        // The first stretch of 4 groups all at 25%, by its middle group.
        assert_eq!(o.peak, Some((32 * 60, 25.0)));
        assert_eq!(o.trend, Some(Trend::Flat));
    }

    #[test]
    fn one_or_two_noisy_intervals_are_not_a_start() {
        let mut r = vec![(100, 2); 20];
        r[5] = (100, 50);
        r[10] = (100, 40);
        r[11] = (100, 40);
        assert_eq!(detect(&series(&r), 20, 10.0).start, None);
        // ...but a rise that lasts to the end of the file needs only two.
        r[18] = (100, 40);
        r[19] = (100, 40);
        assert_eq!(detect(&series(&r), 20, 10.0).start, Some(18 * 60));
    }

    #[test]
    fn quiet_intervals_are_pooled_before_they_are_judged() {
        // Three records a minute: one failure in a minute is 33%, but pooled (7 minutes,
        // 21 records, 1 failure) it is 4.8%.
        let mut r = vec![(3, 0); 60];
        for i in (0..60).step_by(7) {
            r[i] = (3, 1);
        }
        assert_eq!(detect(&series(&r), 20, 10.0).start, None);
        // From minute 35 on, one in three fails: the start is the first failing minute
        // of the first group at or above 10%.
        for item in r.iter_mut().skip(35) {
            *item = (3, 1);
        }
        let o = detect(&series(&r), 20, 10.0);
        assert_eq!(o.start, Some(35 * 60));
    }

    #[test]
    fn a_file_that_is_bad_throughout_starts_at_its_first_interval() {
        assert_eq!(detect(&series(&[(30, 10)]), 20, 10.0).start, Some(0));
        assert_eq!(detect(&series(&[(10, 5)]), 20, 10.0), Onset::default());
    }

    #[test]
    fn trends_at_the_end() {
        // One point a minute, windows of 4 minutes of 1,000 records each.
        let rising: Vec<(u64, u64)> = (0..48).map(|i| (1000, 100 + 10 * i)).collect();
        assert_eq!(
            detect(&series(&rising), 20, 10.0).trend,
            Some(Trend::Rising)
        );
        let falling: Vec<(u64, u64)> = (0..48).map(|i| (1000, 600 - 10 * i)).collect();
        let o = detect(&series(&falling), 20, 10.0);
        assert_eq!(o.trend, Some(Trend::Recovering));
        // 60, 59, 58, 57%: 58.5% around the third minute.
        assert_eq!(o.peak, Some((2 * 60, 58.5)));
        // 15% then 20% in the last 4 minutes: rising on 1,000 records a minute, within
        // the noise on 20.
        let step = |n: u64| {
            let mut r = vec![(n, n * 15 / 100); 44];
            r.extend([(n, n / 5); 4]);
            detect(&series(&r), 20, 10.0).trend
        };
        assert_eq!(step(1000), Some(Trend::Rising));
        assert_eq!(step(20), Some(Trend::Flat));
        let calm = flat_then(48, &[]);
        let o = detect(&calm, 20, 10.0);
        assert_eq!((o.trend, o.latest_rate), (Some(Trend::Flat), Some(2.0)));
        assert_eq!(detect(&series(&[(100, 1); 3]), 20, 10.0).trend, None);
    }

    #[test]
    fn the_rule_carries_the_numbers() {
        let rule = onset_rule(20, 10.0);
        assert!(rule.contains("at least 20 records"), "{rule}");
        assert!(rule.contains("at or above 10%"), "{rule}");
        assert!(!rule.contains('{'), "{rule}");
    }
}
