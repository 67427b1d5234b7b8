//! PowerMTA accounting files (CSV) -> per-ISP delivery, deferral and bounce rates and the
//! guide's severity.
//!
//! Streaming and pure: feed the bytes in chunks of any size with [`AcctReader::push`] (a
//! file read 1 MB at a time by the CLI, `File.slice()` chunks in the browser), then call
//! [`AcctReader::finish`]. Memory does not grow with the file: only counters, one example
//! text per category, a bounded cache of classified texts and a bounded table of
//! recipient domains are kept.
//!
//! Input: a header row names the fields (PowerMTA's `type,timeLogged,...,rcpt,...`), in
//! any order; only `type` is required. Records of type `d` (delivered), `b` (bounced) and
//! `t` (deferred) are counted; other types are counted apart. Fields follow RFC 4180
//! quoting (`"a, b"`, `""`); lines may end in CRLF. A line that is not a readable record
//! is a bad row: counted, its line number kept (the first [`MAX_BAD_SAMPLES`]), never
//! fatal. A repeated header row (files concatenated) takes effect from there on.
//!
//! ISPs: the recipient's domain names the ISP (`gmail.com`, `hotmail.co.uk`...); for any
//! other domain the receiving host logged in `dsnMta` (Google, Microsoft 365...) or the
//! provider the classifier recognises in the reply decides, for all of that domain's
//! records; otherwise the domain counts as `other`. A domain whose ISP is still unknown
//! after [`MAX_HELD_PER_DOMAIN`] records (or when [`MAX_HELD`] such records wait in all)
//! counts as `other` from then on. Rates: see [`RATE_DEFINITION`].
//!
//! Timeline: the records per ISP per interval (`timeline.rs`, at most [`MAX_POINTS`]
//! intervals whatever the span), and per ISP when its deferrals and bounces started, their
//! peak and their trend at the end of the file (`onset.rs`, the rule in [`ONSET_RULE`]).

mod columns;
mod csv;
mod diag;
mod email;
mod held;
mod isp;
mod lines;
mod onset;
mod policy;
mod report;
mod tally;
mod time;
mod timeline;
mod vmta;

use std::collections::{BTreeMap, HashMap};

use crate::Isp;

pub use email::utc_minute;
pub use isp::{isp_of_domain, isp_of_host};
pub use onset::ONSET_RULE;
pub use policy::{Policy, Verdict};
pub use report::{
    AcctReport, BadRow, BlocklistSeen, Categories, CategoryStats, IspStats, IspTimeline, Peak,
    TimePoint, TimeWindow, Timeline, Trend, VmtaStats, RATE_DEFINITION,
};
pub use timeline::MAX_POINTS;
/// VirtualMTAs listed in [`AcctReport::vmtas`] (the others are summed).
pub use vmta::MAX_LISTED as MAX_VMTAS;

use columns::Columns;
use csv::Span;
use diag::DiagCache;
use held::{HeldList, HeldPool};
use lines::{Line, LineAssembler};
use tally::{Kind, Tally};
use timeline::TimelineTally;

/// Lines longer than this are bad rows (and are not buffered).
pub const MAX_LINE: usize = 64 * 1024;
/// Bad rows whose line numbers and reasons are kept.
pub const MAX_BAD_SAMPLES: usize = 20;
/// Recipient domains whose records wait for the end to be attributed to an ISP (so a
/// company domain hosted at Google counts as Gmail from its first record). Past this
/// many, a new domain's records are attributed one by one, from their own `dsnMta`.
pub const MAX_DOMAINS: usize = 50_000;
/// Example texts kept for not-yet-attributed domains, in bytes in total.
const MAX_PENDING_EXAMPLE_BYTES: usize = 4 << 20;
/// Distinct record types other than d/b/t that are counted by name.
const MAX_OTHER_TYPES: usize = 16;
/// A domain's `dsnMta` is looked at this many times at most to find its ISP.
const MAX_HOST_TRIES: u8 = 16;
/// Records of a domain whose ISP is not known yet are held (time and kind, for the
/// timeline) until it is; past this many, the domain counts as `other`.
pub const MAX_HELD_PER_DOMAIN: usize = 64;
/// Records held for all such domains together (8 bytes each).
pub const MAX_HELD: usize = 128 * 1024;

/// Reads a PowerMTA accounting file fed in chunks.
#[derive(Debug)]
pub struct AcctReader {
    lines: LineAssembler,
    state: State,
}

impl Default for AcctReader {
    fn default() -> Self {
        AcctReader::new()
    }
}

impl AcctReader {
    pub fn new() -> Self {
        AcctReader {
            lines: LineAssembler::new(MAX_LINE),
            state: State::default(),
        }
    }

    /// Feeds the next bytes of the file. Chunk boundaries may fall anywhere.
    pub fn push(&mut self, chunk: &[u8]) {
        let state = &mut self.state;
        state.bytes += chunk.len() as u64;
        self.lines.push(chunk, |no, line| state.line(no, line));
    }

    /// Bytes fed so far.
    pub fn bytes(&self) -> u64 {
        self.state.bytes
    }

    /// d/b/t records counted so far.
    pub fn records(&self) -> u64 {
        self.state.records
    }

    /// Lines completed so far.
    pub fn lines(&self) -> u64 {
        self.lines.lines()
    }

    /// Says that the input ended early (a cut-off or corrupt compressed file, a failed
    /// read; `why` says how): the report is marked [`AcctReport::truncated`] and its first
    /// warning says so and where (bytes and line). Call it before [`finish`](Self::finish).
    pub fn ended_early(&mut self, why: &str) {
        let warning = format!(
            "the file ends early: {why} after {} unpacked bytes, in line {}; the report covers \
             the rows read before that",
            self.bytes(),
            self.lines() + 1
        );
        self.state.truncated = true;
        self.state.warnings.insert(0, warning);
    }

    /// Ends the input and reports, with the default [`Policy`].
    pub fn finish(self) -> AcctReport {
        self.finish_with(&Policy::default())
    }

    pub fn finish_with(mut self, policy: &Policy) -> AcctReport {
        let state = &mut self.state;
        self.lines.finish(|no, line| state.line(no, line));
        let lines = self.lines.lines();
        self.state.report(lines, policy)
    }
}

/// Analyses a whole file held in memory.
pub fn analyse(bytes: &[u8]) -> AcctReport {
    let mut reader = AcctReader::new();
    reader.push(bytes);
    reader.finish()
}

/// Where a record counts.
#[derive(Debug, Clone, Copy)]
enum Target {
    Isp(Isp),
    /// Index into `State::pending`.
    Pending(usize),
}

/// A recipient domain seen so far.
#[derive(Debug)]
enum Slot {
    Known(Isp),
    /// Index into `State::pending`.
    Pending(usize),
}

#[derive(Debug, Default)]
struct PendingDomain {
    hint: Option<Isp>,
    host_tries: u8,
    tally: Tally,
    /// Its records while its ISP is unknown, for the timeline (`TimelineTally::hold`).
    held: HeldList,
}

#[derive(Debug, Default)]
struct State {
    bytes: u64,
    columns: Option<Columns>,
    spans: Vec<Span>,
    domain: String,
    // Indexed by `isp as usize` (Isp::ALL is in discriminant order, tested in model.rs).
    by_isp: [Tally; Isp::ALL.len()],
    domains: HashMap<String, Slot>,
    pending: Vec<PendingDomain>,
    pending_example_bytes: std::cell::Cell<usize>,
    /// The records of all `pending[..].held`.
    held: HeldPool,
    timeline: TimelineTally,
    truncated: bool,
    diags: DiagCache,
    vmtas: vmta::VmtaTally,
    records: u64,
    other_records: BTreeMap<String, u64>,
    bad_rows: u64,
    bad_samples: Vec<BadRow>,
    first: Option<(i64, String)>,
    last: Option<(i64, String)>,
    unreadable_times: u64,
    warnings: Vec<String>,
}

impl State {
    fn bad(&mut self, line: u64, reason: impl Into<String>) {
        self.bad_rows += 1;
        if self.bad_samples.len() < MAX_BAD_SAMPLES {
            self.bad_samples.push(BadRow {
                line,
                reason: reason.into(),
            });
        }
    }

    fn line(&mut self, no: u64, line: Line<'_>) {
        match line {
            Line::TooLong => self.bad(no, format!("line longer than {MAX_LINE} bytes")),
            Line::Text(text) => self.text(no, text),
        }
    }

    fn text(&mut self, no: u64, mut line: &[u8]) {
        if no == 1 {
            line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
        }
        line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.trim_ascii().is_empty() {
            return;
        }
        let mut spans = std::mem::take(&mut self.spans);
        match csv::split(line, &mut spans) {
            Ok(()) => self.record(no, line, &spans),
            Err(e) => self.bad(no, e.message()),
        }
        self.spans = spans;
    }

    fn record(&mut self, no: u64, line: &[u8], spans: &[Span]) {
        if let Some(columns) = Columns::from_header(line, spans) {
            self.header(no, columns);
            return;
        }
        let columns = match &self.columns {
            Some(c) => c,
            None => {
                let kind = csv::raw(line, spans[0]).trim_ascii();
                if !is_record_type(kind) {
                    self.bad(no, "no header row (with a `type` field) before this line");
                    return;
                }
                self.warnings.push(format!(
                    "no header row: line {no} and the following are read in PowerMTA's default field order"
                ));
                self.columns.insert(Columns::assumed())
            }
        };
        if let Some(count) = columns.count {
            if spans.len() != count {
                let found = spans.len();
                self.bad(no, format!("{found} fields where the header has {count}"));
                return;
            }
        } else if spans.len() <= columns.needed {
            let found = spans.len();
            self.bad(
                no,
                format!("{found} fields, too few for PowerMTA's default field order"),
            );
            return;
        }
        let columns = columns.clone();
        self.data(no, line, spans, &columns);
    }

    fn header(&mut self, no: u64, columns: Columns) {
        let missing = columns.missing();
        if !missing.is_empty() {
            self.warnings.push(format!(
                "header row at line {no} has no {} column{}",
                missing.join(", "),
                if missing.len() > 1 { "s" } else { "" }
            ));
        }
        self.columns = Some(columns);
    }

    fn data(&mut self, no: u64, line: &[u8], spans: &[Span], columns: &Columns) {
        let field =
            |col: Option<usize>| col.map_or(&b""[..], |c| csv::raw(line, spans[c]).trim_ascii());
        let kind = match field(Some(columns.kind)) {
            b"d" | b"D" => Kind::Delivered,
            b"b" | b"B" => Kind::Bounced,
            b"t" | b"T" => Kind::Deferred,
            other if is_record_type(other) => {
                let name = String::from_utf8_lossy(other).to_ascii_lowercase();
                if self.other_records.contains_key(&name)
                    || self.other_records.len() < MAX_OTHER_TYPES
                {
                    *self.other_records.entry(name).or_default() += 1;
                } else {
                    *self.other_records.entry("other".to_owned()).or_default() += 1;
                }
                return;
            }
            b"" => return self.bad(no, "empty record type"),
            _ => return self.bad(no, "unknown record type"),
        };
        let has_domain = match columns.rcpt {
            Some(c) => {
                let rcpt = csv::raw(line, spans[c]).trim_ascii();
                let domain = rcpt
                    .iter()
                    .rposition(|&b| b == b'@')
                    .map(|at| {
                        rcpt[at + 1..]
                            .trim_ascii_end()
                            .strip_suffix(b">")
                            .unwrap_or(&rcpt[at + 1..])
                    })
                    .filter(|d| !d.is_empty() && !d.contains(&b' '));
                let Some(domain) = domain else {
                    return self.bad(no, "recipient (rcpt) without a domain");
                };
                self.domain.clear();
                self.domain.push_str(&String::from_utf8_lossy(domain));
                self.domain.make_ascii_lowercase();
                true
            }
            None => false,
        };
        let t = columns
            .time_logged
            .and_then(|c| self.time(csv::raw(line, spans[c]).trim_ascii()));
        self.records += 1;
        if let Some(c) = columns.vmta {
            self.vmtas
                .count(csv::raw(line, spans[c]).trim_ascii(), kind);
        }
        let mta = field(columns.dsn_mta);
        if kind == Kind::Delivered {
            let mta = std::str::from_utf8(mta).unwrap_or("");
            let target = self.target(has_domain, mta, None);
            match target {
                Target::Isp(isp) => self.by_isp[isp as usize].add_delivered(),
                Target::Pending(i) => self.pending[i].tally.add_delivered(),
            }
            self.place(target, t, kind);
            return;
        }
        let text = |col: Option<usize>| col.map_or(String::new(), |c| csv::text(line, spans[c]));
        let diag_text = text(columns.dsn_diag);
        let status = text(columns.dsn_status);
        let bounce_cat = text(columns.bounce_cat);
        let bounce_cat = bounce_cat.trim();
        let row = self.diags.get(&diag_text, &status, bounce_cat);
        let mta = String::from_utf8_lossy(mta);
        let target = self.target(has_domain, &mta, row.isp);
        let (tally, budget) = match target {
            Target::Isp(isp) => (&mut self.by_isp[isp as usize], None),
            Target::Pending(i) => (
                &mut self.pending[i].tally,
                Some(&self.pending_example_bytes),
            ),
        };
        let example = || {
            let text = match diag_text.trim() {
                "" => status.trim(),
                diag => diag,
            };
            // Examples of not-yet-attributed domains are bounded in total (many domains).
            if let Some(used) = budget {
                if used.get() + text.len() > MAX_PENDING_EXAMPLE_BYTES {
                    return String::new();
                }
                used.set(used.get() + text.len());
            }
            text.to_owned()
        };
        tally.add_failure(kind, row, bounce_cat, &example);
        self.place(target, t, kind);
    }

    /// Counts the record in the timeline of its ISP; a record of a domain whose ISP is not
    /// known yet is held until it is (or until the domain is settled as `other`).
    fn place(&mut self, target: Target, t: Option<i64>, kind: Kind) {
        let isp = match target {
            Target::Isp(isp) => isp,
            Target::Pending(i) => match self.pending[i].hint {
                Some(isp) => {
                    self.release(i, isp);
                    isp
                }
                None if self.pending[i].held.len() < MAX_HELD_PER_DOMAIN
                    && self.held.used() < MAX_HELD =>
                {
                    if let Some(held) = self.timeline.hold(t, kind) {
                        self.held.push(&mut self.pending[i].held, held);
                        return;
                    }
                    self.settle(i)
                }
                None => self.settle(i),
            },
        };
        self.timeline.add(isp, t, kind);
    }

    /// Settles a domain whose ISP is still unknown as `other`, for good.
    fn settle(&mut self, i: usize) -> Isp {
        self.pending[i].hint = Some(Isp::Other);
        self.release(i, Isp::Other);
        Isp::Other
    }

    /// Moves the held records of `pending[i]` into the timeline of `isp`.
    fn release(&mut self, i: usize, isp: Isp) {
        let timeline = &mut self.timeline;
        self.held.drain(&mut self.pending[i].held, |h| {
            let (t, kind) = timeline.unhold(h);
            timeline.add(isp, t, kind);
        });
    }

    /// Where this record counts: its domain's ISP, or the domain's pending tally.
    fn target(&mut self, has_domain: bool, mta: &str, reply_isp: Option<Isp>) -> Target {
        if !has_domain {
            let isp = isp_of_host(mta).or(reply_isp).unwrap_or(Isp::Other);
            return Target::Isp(isp);
        }
        let slot = match self.domains.get(self.domain.as_str()) {
            Some(Slot::Known(isp)) => return Target::Isp(*isp),
            Some(Slot::Pending(i)) => *i,
            None => match isp_of_domain(&self.domain) {
                Some(isp) => {
                    self.domains.insert(self.domain.clone(), Slot::Known(isp));
                    return Target::Isp(isp);
                }
                None if self.pending.len() < MAX_DOMAINS => {
                    let i = self.pending.len();
                    self.pending.push(PendingDomain::default());
                    self.domains.insert(self.domain.clone(), Slot::Pending(i));
                    i
                }
                None => {
                    let isp = isp_of_host(mta).or(reply_isp).unwrap_or(Isp::Other);
                    return Target::Isp(isp);
                }
            },
        };
        let pending = &mut self.pending[slot];
        if pending.hint.is_none() && !mta.is_empty() && pending.host_tries < MAX_HOST_TRIES {
            pending.host_tries += 1;
            pending.hint = isp_of_host(mta);
        }
        if pending.hint.is_none() {
            pending.hint = reply_isp;
        }
        Target::Pending(slot)
    }

    /// Reads a record's `timeLogged`: the time window, the order, and the time itself.
    fn time(&mut self, raw: &[u8]) -> Option<i64> {
        let Some(t) = time::parse(raw) else {
            self.unreadable_times += 1;
            return None;
        };
        self.timeline.note_order(t);
        let text = || String::from_utf8_lossy(raw).into_owned();
        if self.first.as_ref().is_none_or(|(f, _)| t < *f) {
            self.first = Some((t, text()));
        }
        match &mut self.last {
            Some((l, s)) if t > *l => {
                *l = t;
                s.clear();
                s.push_str(&String::from_utf8_lossy(raw));
            }
            None => self.last = Some((t, text())),
            _ => {}
        }
        Some(t)
    }

    fn report(mut self, lines: u64, policy: &Policy) -> AcctReport {
        for i in 0..self.pending.len() {
            let isp = self.pending[i].hint.unwrap_or(Isp::Other);
            self.by_isp[isp as usize].merge(&self.pending[i].tally);
            self.release(i, isp);
        }
        self.pending = Vec::new();
        let mut all = Tally::default();
        for tally in &self.by_isp {
            all.merge(tally);
        }
        let mut isps: Vec<IspStats> = Isp::ALL
            .iter()
            .filter(|isp| self.by_isp[**isp as usize].records() > 0)
            .map(|isp| IspStats::from_tally(*isp, &self.by_isp[*isp as usize]))
            .collect();
        isps.sort_by_key(|s| std::cmp::Reverse(s.records));
        let chart = std::mem::take(&mut self.timeline).finish();
        for stats in &mut isps {
            let series = chart.grid.as_ref().map(|g| g.series(stats.isp));
            onset::describe(stats, series.as_deref().unwrap_or_default(), policy);
        }
        let order: Vec<Isp> = isps.iter().map(|s| s.isp).collect();
        let timeline = chart.report(&order);
        if self.columns.is_none() && self.bad_rows == 0 && lines > 0 {
            self.warnings
                .push("no header row and no records found".to_owned());
        }
        if self.unreadable_times > 0 {
            self.warnings.push(format!(
                "{} records with an unreadable timeLogged (not in the time window or the timeline)",
                self.unreadable_times
            ));
        }
        self.warnings.extend(chart.warnings());
        let mut rules = policy.rules();
        rules.push(onset::onset_rule(policy.min_records, policy.band_low));
        let records = all.records();
        let mut report = AcctReport {
            severity: crate::Severity::P4,
            reasons: Vec::new(),
            records,
            delivered: all.delivered,
            deferred: all.deferred,
            bounced: all.bounced,
            deferral_rate: report::percent(all.deferred, records),
            bounce_rate: report::percent(all.bounced, records),
            bad_rows: self.bad_rows,
            bad_row_samples: self.bad_samples,
            other_records: self.other_records,
            lines,
            time_window: match (self.first, self.last) {
                (Some((f, first)), Some((l, last))) => Some(TimeWindow {
                    first,
                    last,
                    seconds: l - f,
                }),
                _ => None,
            },
            rate_definition: RATE_DEFINITION.to_owned(),
            rules,
            focus_isp: None,
            isps,
            vmtas: self.vmtas.report(),
            categories: Categories::from_tally(&all),
            blocklists: report::blocklists_of(&all),
            warnings: self.warnings,
            timeline,
            truncated: self.truncated,
        };
        let verdict = policy.assess(&report);
        report.severity = verdict.severity;
        report.reasons = verdict.reasons;
        report.focus_isp = verdict.focus;
        report
    }
}

/// `d`, `rb`, `f`, `tq`...: a short alphabetic record type.
fn is_record_type(kind: &[u8]) -> bool {
    (1..=4).contains(&kind.len()) && kind.iter().all(u8::is_ascii_alphabetic)
}
