//! The timeline of an accounting file: delivered, deferred and bounced records per ISP per
//! time interval, in bounded memory whatever the file's length, span or order.
//!
//! Intervals are aligned on Unix time and taken from a ladder (1, 5, 15, 30 minutes, 1, 3,
//! 6, 12 hours, 1 day, then doubling) in which each interval divides the next. A grid
//! starts at one minute; when its records span more than [`MAX_POINTS`] intervals it moves
//! up the ladder by adding neighbouring intervals together, which is exact: nothing is
//! re-read, and a record may come at any time, in any order.
//!
//! A record far in time from every grid so far (more than [`JUMP`] and more than the
//! grid's own span away: a wrong clock, files of different weeks joined) starts a grid of
//! its own, up to [`MAX_GRIDS`]. The chart is the grid with the most records; the records
//! of the others are counted as outside it, so one wrong timestamp cannot squeeze a day's
//! chart into a single interval.

use super::report::{IspTimeline, TimePoint, Timeline};
use super::tally::Kind;
use super::time::rfc3339;
use crate::Isp;

/// Most intervals in a timeline (points per ISP).
pub const MAX_POINTS: i64 = 400;
/// Interval lengths in seconds; past the last one, the interval doubles.
const LADDER: [i64; 9] = [60, 300, 900, 1800, 3600, 10_800, 21_600, 43_200, 86_400];
/// A record at least this far (and farther than a grid's span) from a grid is a jump.
pub(crate) const JUMP: i64 = 7 * 86_400;
/// Grids kept at most; past this, a far record joins the nearest grid.
const MAX_GRIDS: usize = 4;
const ISPS: usize = Isp::ALL.len();

/// Delivered, deferred, bounced (in [`Kind`]'s order).
pub(crate) type Counts = [u64; 3];
/// One interval's counts, per ISP (indexed by `isp as usize`).
type Bucket = [Counts; ISPS];
const EMPTY: Bucket = [[0; 3]; ISPS];

fn next_interval(interval: i64) -> i64 {
    LADDER
        .iter()
        .copied()
        .find(|l| *l > interval)
        .unwrap_or(interval.saturating_mul(2))
}

/// Counts per interval over a contiguous run of at most [`MAX_POINTS`] intervals.
#[derive(Debug, Clone)]
pub(crate) struct Grid {
    pub interval: i64,
    /// Interval number (`time / interval`) of `buckets[0]`.
    pub first: i64,
    buckets: Vec<Bucket>,
    /// Earliest and latest time placed, to tell growth from a jump.
    pub lo: i64,
    pub hi: i64,
    records: u64,
    by_isp: [u64; ISPS],
}

impl Grid {
    fn new(t: i64) -> Grid {
        Grid {
            interval: LADDER[0],
            first: t.div_euclid(LADDER[0]),
            buckets: vec![EMPTY],
            lo: t,
            hi: t,
            records: 0,
            by_isp: [0; ISPS],
        }
    }

    /// Seconds from the grid's records to `t` (0 inside their range).
    fn distance(&self, t: i64) -> i64 {
        if t < self.lo {
            self.lo - t
        } else {
            t.saturating_sub(self.hi).max(0)
        }
    }

    /// Whether `t` belongs with this grid's records rather than in a grid of its own.
    fn near(&self, t: i64) -> bool {
        self.distance(t) <= JUMP.max(self.hi - self.lo)
    }

    fn add(&mut self, t: i64, isp: Isp, kind: Kind) {
        let mut b = t.div_euclid(self.interval);
        if b < self.first || b - self.first >= self.buckets.len() as i64 {
            self.cover(t);
            b = t.div_euclid(self.interval);
        }
        self.buckets[(b - self.first) as usize][isp as usize][kind as usize] += 1;
        self.lo = self.lo.min(t);
        self.hi = self.hi.max(t);
        self.records += 1;
        self.by_isp[isp as usize] += 1;
    }

    /// Grows the grid (coarser if need be) so that `t` falls in it.
    fn cover(&mut self, t: i64) {
        loop {
            let b = t.div_euclid(self.interval);
            let last = self.first + self.buckets.len() as i64 - 1;
            let (lo, hi) = (b.min(self.first), b.max(last));
            if hi - lo < MAX_POINTS {
                if lo < self.first {
                    let more = (self.first - lo) as usize;
                    self.buckets.splice(0..0, std::iter::repeat_n(EMPTY, more));
                    self.first = lo;
                }
                self.buckets.resize((hi - self.first + 1) as usize, EMPTY);
                return;
            }
            self.coarsen();
        }
    }

    /// Moves one step up the ladder, adding the intervals that merge.
    fn coarsen(&mut self) {
        let next = next_interval(self.interval);
        let ratio = next / self.interval;
        let first = self.first.div_euclid(ratio);
        let last = (self.first + self.buckets.len() as i64 - 1).div_euclid(ratio);
        let mut merged = vec![EMPTY; (last - first + 1) as usize];
        for (i, bucket) in self.buckets.iter().enumerate() {
            let to = &mut merged[((self.first + i as i64).div_euclid(ratio) - first) as usize];
            for (to, from) in to.iter_mut().zip(bucket) {
                for (a, b) in to.iter_mut().zip(from) {
                    *a += b;
                }
            }
        }
        self.interval = next;
        self.first = first;
        self.buckets = merged;
    }

    /// Adds another grid's counts (made coarser first if `other` is).
    fn absorb(&mut self, other: &Grid) {
        while self.interval < other.interval {
            self.coarsen();
        }
        self.cover(other.lo);
        self.cover(other.hi);
        for (i, bucket) in other.buckets.iter().enumerate() {
            let b = other.time_of(i).div_euclid(self.interval) - self.first;
            for (to, from) in self.buckets[b as usize].iter_mut().zip(bucket) {
                for (a, n) in to.iter_mut().zip(from) {
                    *a += n;
                }
            }
        }
        self.lo = self.lo.min(other.lo);
        self.hi = self.hi.max(other.hi);
        self.records += other.records;
        for (a, n) in self.by_isp.iter_mut().zip(other.by_isp) {
            *a += n;
        }
    }

    /// Number of intervals.
    pub fn len(&self) -> usize {
        self.buckets.len()
    }

    /// Start time (Unix seconds) of the interval at `index`.
    pub fn time_of(&self, index: usize) -> i64 {
        (self.first + index as i64).saturating_mul(self.interval)
    }

    /// One ISP's counts per interval, as (interval start, counts), intervals without its
    /// records left out.
    pub fn series(&self, isp: Isp) -> Vec<(i64, Counts)> {
        self.buckets
            .iter()
            .enumerate()
            .map(|(i, b)| (self.time_of(i), b[isp as usize]))
            .filter(|(_, c)| c.iter().any(|n| *n > 0))
            .collect()
    }
}

/// Collects the timeline while the file is read.
#[derive(Debug, Default)]
pub(crate) struct TimelineTally {
    grids: Vec<Grid>,
    /// The grid the last record went to (records mostly come in time order).
    current: usize,
    /// Records with no readable time, per ISP.
    untimed: [u64; ISPS],
    /// Latest time read so far, in file order.
    latest: Option<i64>,
    out_of_order: u64,
    max_step_back: i64,
    /// The minute held times count from (see [`TimelineTally::hold`]).
    hold_base: Option<i64>,
}

/// The timeline at the end of the file.
#[derive(Debug)]
pub(crate) struct Chart {
    /// The grid with the most records; `None` when no record had a readable time.
    pub grid: Option<Grid>,
    /// Records per ISP not in `grid`: no readable time, or far from the grid's records.
    pub unplaced: [u64; ISPS],
    pub untimed: u64,
    /// Records in the other grids, and their earliest and latest times.
    pub outside: u64,
    pub outside_range: Option<(i64, i64)>,
    pub out_of_order: u64,
    pub max_step_back: i64,
}

impl TimelineTally {
    /// Notes a record's time in file order (only to count records out of order).
    pub(crate) fn note_order(&mut self, t: i64) {
        match self.latest {
            Some(latest) if t < latest => {
                self.out_of_order += 1;
                self.max_step_back = self.max_step_back.max(latest.saturating_sub(t));
            }
            _ => self.latest = Some(t),
        }
    }

    /// Counts one record of `isp` logged at `t` (`None`: no readable time).
    pub(crate) fn add(&mut self, isp: Isp, t: Option<i64>, kind: Kind) {
        let Some(t) = t else {
            self.untimed[isp as usize] += 1;
            return;
        };
        let i = self.grid_for(t);
        self.grids[i].add(t, isp, kind);
    }

    fn grid_for(&mut self, t: i64) -> usize {
        if self.grids.get(self.current).is_some_and(|g| g.near(t)) {
            return self.current;
        }
        let nearest = self
            .grids
            .iter()
            .enumerate()
            .min_by_key(|(_, g)| g.distance(t))
            .map(|(i, g)| (i, g.near(t)));
        self.current = match nearest {
            Some((i, near)) if near || self.grids.len() >= MAX_GRIDS => i,
            _ => {
                self.grids.push(Grid::new(t));
                self.grids.len() - 1
            }
        };
        self.current
    }

    pub(crate) fn finish(mut self) -> Chart {
        let main = (0..self.grids.len()).max_by_key(|i| (self.grids[*i].records, usize::MAX - i));
        let mut grid = main.map(|i| self.grids.swap_remove(i));
        // Grids that the main one has grown close to (sparse records early on looked like
        // jumps) join it.
        if let Some(main) = &mut grid {
            while let Some(i) = self
                .grids
                .iter()
                .position(|g| main.near(g.lo) || main.near(g.hi))
            {
                main.absorb(&self.grids.swap_remove(i));
            }
        }
        let mut unplaced = self.untimed;
        let mut outside = 0;
        let mut outside_range: Option<(i64, i64)> = None;
        for g in &self.grids {
            outside += g.records;
            for (u, n) in unplaced.iter_mut().zip(g.by_isp) {
                *u += n;
            }
            outside_range = Some(match outside_range {
                Some((lo, hi)) => (lo.min(g.lo), hi.max(g.hi)),
                None => (g.lo, g.hi),
            });
        }
        Chart {
            grid,
            unplaced,
            untimed: self.untimed.iter().sum(),
            outside,
            outside_range,
            out_of_order: self.out_of_order,
            max_step_back: self.max_step_back,
        }
    }
}

impl Chart {
    /// The timeline of the report, its ISPs in the order given.
    pub fn report(&self, isps: &[Isp]) -> Option<Timeline> {
        let grid = self.grid.as_ref()?;
        let isps = isps
            .iter()
            .map(|isp| IspTimeline {
                isp: *isp,
                points: grid
                    .series(*isp)
                    .into_iter()
                    .map(|(t, [delivered, deferred, bounced])| TimePoint {
                        t: rfc3339(t),
                        delivered,
                        deferred,
                        bounced,
                    })
                    .collect(),
                unplaced: self.unplaced[*isp as usize],
            })
            .collect();
        Some(Timeline {
            interval_seconds: grid.interval,
            start: rfc3339(grid.time_of(0)),
            end: rfc3339(grid.time_of(grid.len())),
            isps,
            out_of_order: self.out_of_order,
            untimed: self.untimed,
            outside: self.outside,
        })
    }

    /// What the reader of the chart should know about the times of the file.
    pub fn warnings(&self) -> Vec<String> {
        let mut w = Vec::new();
        if self.max_step_back > 60 {
            w.push(format!(
                "{} records are logged earlier than a record before them in the file (up to \
                 {} earlier); each is counted in the interval of its own time",
                self.out_of_order,
                span(self.max_step_back)
            ));
        }
        if let (Some((lo, hi)), Some(grid)) = (self.outside_range, &self.grid) {
            w.push(format!(
                "{} records logged between {} and {} are far in time from the other records \
                 ({} .. {}) and are not in the timeline: check the sending server's clock, or \
                 whether files of different weeks were joined",
                self.outside,
                rfc3339(lo),
                rfc3339(hi),
                rfc3339(grid.lo),
                rfc3339(grid.hi)
            ));
        }
        if let Some(grid) = self.grid.as_ref().filter(|g| g.interval >= 86_400) {
            w.push(format!(
                "the records span {} ({} .. {}): the timeline's intervals are {} long",
                span(grid.hi - grid.lo),
                rfc3339(grid.lo),
                rfc3339(grid.hi),
                span(grid.interval)
            ));
        }
        w
    }
}

/// `3 d 4 h`, `2 h 5 min`, `7 min`, `45 s`: a duration for people.
pub(crate) fn span(seconds: i64) -> String {
    let (d, h, m) = (
        seconds / 86_400,
        seconds % 86_400 / 3600,
        seconds % 3600 / 60,
    );
    match (d, h, m) {
        (0, 0, 0) => format!("{seconds} s"),
        (0, 0, _) => format!("{m} min"),
        (0, _, _) => format!("{h} h {m} min"),
        _ => format!("{d} d {h} h"),
    }
}

/// Minutes a held record may lie from the first held time (about 1,000 years).
const HOLD_RANGE: i64 = 1 << 29;
/// The held code of a record with no readable time.
const HOLD_NO_TIME: u32 = u32::MAX >> 2;

impl TimelineTally {
    /// A record of a domain whose ISP is not known yet, to keep until it is, in 4 bytes:
    /// its minute (from the first held one; the finest interval is a minute, so it lands
    /// in the same interval) and its kind. `None` when its time is too far from the first
    /// held time to be kept this way.
    pub(crate) fn hold(&mut self, t: Option<i64>, kind: Kind) -> Option<u32> {
        let code = match t {
            None => HOLD_NO_TIME,
            Some(t) => {
                let minute = t.div_euclid(60);
                let offset = minute - *self.hold_base.get_or_insert(minute) + HOLD_RANGE;
                if !(0..2 * HOLD_RANGE).contains(&offset) {
                    return None;
                }
                offset as u32
            }
        };
        Some(code << 2 | kind as u32)
    }

    /// The time and kind of a [`hold`](Self::hold) code.
    pub(crate) fn unhold(&self, held: u32) -> (Option<i64>, Kind) {
        let kind = match held & 3 {
            0 => Kind::Delivered,
            1 => Kind::Deferred,
            _ => Kind::Bounced,
        };
        let code = held >> 2;
        let t = (code != HOLD_NO_TIME)
            .then(|| (self.hold_base.unwrap_or(0) + i64::from(code) - HOLD_RANGE) * 60);
        (t, kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sums(grid: &Grid, isp: Isp) -> Counts {
        grid.series(isp).iter().fold([0; 3], |mut acc, (_, c)| {
            for (a, b) in acc.iter_mut().zip(c) {
                *a += b;
            }
            acc
        })
    }

    #[test]
    fn held_records_keep_their_minute_and_kind() {
        let mut tally = TimelineTally::default();
        let base: i64 = 1_790_000_000;
        for (t, kept) in [
            (None, None),
            (Some(base), Some(base / 60 * 60)),
            (Some(base - 61), Some((base - 61).div_euclid(60) * 60)),
            (
                Some(base + 900 * 365 * 86_400),
                Some((base / 60 + 900 * 525_600) * 60),
            ),
        ] {
            for kind in [Kind::Delivered, Kind::Deferred, Kind::Bounced] {
                let held = tally.hold(t, kind);
                assert_eq!(held.map(|h| tally.unhold(h)), Some((kept, kind)), "{t:?}");
            }
        }
        // Years 1 and 9999 are more than 1,000 years from the first held time.
        assert_eq!(tally.hold(Some(-62_135_596_800), Kind::Delivered), None);
        assert_eq!(tally.hold(Some(253_402_300_799), Kind::Delivered), None);
    }

    #[test]
    fn the_ladder_divides_and_grows() {
        let mut i = LADDER[0];
        for _ in 0..40 {
            let next = next_interval(i);
            assert!(next > i && next % i == 0, "{i} -> {next}");
            i = next;
        }
    }

    #[test]
    fn a_day_at_one_record_a_minute_becomes_five_minute_intervals() {
        let mut t = TimelineTally::default();
        let start = 1_790_000_000 / 86_400 * 86_400;
        for m in 0..1440 {
            t.note_order(start + m * 60);
            t.add(Isp::Gmail, Some(start + m * 60), Kind::Delivered);
        }
        let chart = t.finish();
        let grid = chart.grid.unwrap();
        assert_eq!((grid.interval, grid.len()), (300, 288));
        assert_eq!(grid.time_of(0), start);
        assert_eq!(sums(&grid, Isp::Gmail), [1440, 0, 0]);
        assert_eq!((chart.out_of_order, chart.outside), (0, 0));
    }

    #[test]
    fn records_out_of_order_are_placed_and_counted() {
        let mut t = TimelineTally::default();
        for (s, kind) in [
            (7200, Kind::Deferred),
            (0, Kind::Bounced),
            (3600, Kind::Delivered),
            (9000, Kind::Delivered),
        ] {
            t.note_order(s);
            t.add(Isp::Yahoo, Some(s), kind);
        }
        let chart = t.finish();
        assert_eq!((chart.out_of_order, chart.max_step_back), (2, 7200));
        let grid = chart.grid.unwrap();
        assert_eq!(grid.interval, 60);
        let series = grid.series(Isp::Yahoo);
        assert_eq!(series.first(), Some(&(0, [0, 0, 1])));
        assert_eq!(series.last(), Some(&(9000, [1, 0, 0])));
        assert_eq!(sums(&grid, Isp::Yahoo), [2, 1, 1]);
    }

    #[test]
    fn a_wrong_clock_does_not_squeeze_the_chart() {
        let mut t = TimelineTally::default();
        let day = 1_790_000_000;
        // The first record says 1970; the rest are a day's file.
        t.add(Isp::Gmail, Some(0), Kind::Deferred);
        for m in 0..600 {
            t.add(Isp::Gmail, Some(day + m * 60), Kind::Delivered);
        }
        t.add(Isp::Outlook, Some(day + 40 * 365 * 86_400), Kind::Delivered);
        t.add(Isp::Outlook, None, Kind::Delivered);
        let chart = t.finish();
        let grid = chart.grid.unwrap();
        assert_eq!(grid.interval, 300);
        assert_eq!(sums(&grid, Isp::Gmail), [600, 0, 0]);
        assert_eq!((chart.outside, chart.untimed), (2, 1));
        assert_eq!(chart.outside_range, Some((0, day + 40 * 365 * 86_400)));
        assert_eq!(chart.unplaced[Isp::Gmail as usize], 1);
        assert_eq!(chart.unplaced[Isp::Outlook as usize], 2);
    }

    #[test]
    fn years_of_records_stay_within_the_bound() {
        let mut t = TimelineTally::default();
        // One record a week for 30 years: no jump, the grid grows coarser.
        for w in 0..(30 * 52) {
            t.add(Isp::Apple, Some(w * 7 * 86_400 - 86_400), Kind::Delivered);
        }
        let grid = t.finish().grid.unwrap();
        assert!(grid.len() as i64 <= MAX_POINTS);
        assert_eq!(sums(&grid, Isp::Apple), [30 * 52, 0, 0]);
    }
}
