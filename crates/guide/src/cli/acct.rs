//! `guide classify --acct FILE|-`: a PowerMTA accounting file (CSV) -> per-ISP deferral and
//! bounce rates with the guide's severity, as a table or JSON (`--json`).
//!
//! The file (plain, or gzipped as rotated logs are) is streamed through
//! [`classify::acct::AcctReader`] in 1 MB chunks, so memory
//! stays flat whatever its size. Progress goes to stderr: a live line when stderr is a
//! terminal, one line per 10% for large files otherwise.
//!
//! A file that ends early (a cut-off or damaged gzip file, trailing bytes that are not
//! gzip, a failed read) still gives its report of the rows read so far, with a warning
//! that says where it ended, `truncated: true` in the JSON and exit code
//! [`EXIT_TRUNCATED`].

use std::cell::Cell;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::process::ExitCode;
use std::rc::Rc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use classify::acct::{
    utc_minute, AcctReader, AcctReport, CategoryStats, IspStats, RATE_DEFINITION,
};
use flate2::read::MultiGzDecoder;

/// Help text of the `--acct` option (the rate definition is part of it).
pub const HELP: &str = "Analyse a PowerMTA accounting file (CSV with a header row, plain or \
gzipped; `-` reads stdin): delivered (d), deferred (t) and bounced (b) records per ISP, deferral and bounce \
rates, top causes with an example, blocklists cited, the time window, and the guide's \
severity for those rates. Rates are percentages of each ISP's d + b + t records: deferral \
rate = t / (d + b + t), bounce rate = b / (d + b + t). Bad rows are counted and listed by \
line number, never fatal. The timeline (records per ISP per interval) gives when each ISP's \
problem started and its trend; on a terminal, a sparkline per affected ISP. A file that ends \
early (cut-off or damaged gzip) is still reported, with a warning and exit code 3.";

/// Exit code when the report was printed but the input ended early.
pub const EXIT_TRUNCATED: u8 = 3;
/// Columns of a sparkline.
const SPARK_WIDTH: usize = 60;

const CHUNK: usize = 1 << 20;
/// VirtualMTAs in the table (all of them, up to 50, are in the JSON).
const VMTAS_SHOWN: usize = 10;
/// Files at least this large report progress even when stderr is not a terminal.
const LARGE_FILE: u64 = 256 << 20;
/// Below this size, progress is not shown on a terminal either.
const SMALL_FILE: u64 = 16 << 20;

/// How progress is reported on stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    None,
    /// A line rewritten in place (`\r`), a few times per second.
    Live,
    /// A line at every 10% of a file of known size.
    Steps,
}

impl Progress {
    /// The mode for a file of `size` bytes (`None`: stdin, size unknown).
    pub fn choose(size: Option<u64>, stderr_is_tty: bool) -> Progress {
        match size {
            _ if stderr_is_tty && size.is_none_or(|s| s >= SMALL_FILE) => Progress::Live,
            Some(s) if s >= LARGE_FILE => Progress::Steps,
            _ => Progress::None,
        }
    }
}

/// Entry point of `guide classify --acct PATH [--json]`.
pub fn run(path: &str, json: bool) -> anyhow::Result<ExitCode> {
    let stdout = io::stdout();
    let stderr = io::stderr();
    let terminals = Terminals {
        stdout: stdout.is_terminal(),
        stderr: stderr.is_terminal(),
    };
    run_to(
        path,
        json,
        terminals,
        &mut stdout.lock(),
        &mut stderr.lock(),
    )
}

/// Which outputs are terminals: stderr gets a live progress line, stdout sparklines.
#[derive(Debug, Clone, Copy, Default)]
pub struct Terminals {
    pub stdout: bool,
    pub stderr: bool,
}

/// [`run`] with its outputs passed in (for tests).
pub fn run_to(
    path: &str,
    json: bool,
    terminals: Terminals,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let stderr_is_tty = terminals.stderr;
    let report = if path == "-" {
        let progress = Progress::choose(None, stderr_is_tty);
        analyse_reader(io::stdin().lock(), None, progress, err).context("reading stdin")?
    } else {
        let file = File::open(path).with_context(|| format!("cannot open {path}"))?;
        let size = file.metadata().ok().map(|m| m.len());
        let progress = Progress::choose(size, stderr_is_tty);
        analyse_reader(file, size, progress, err).with_context(|| format!("reading {path}"))?
    };
    if json {
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
    } else {
        let source = if path == "-" { "stdin" } else { path };
        out.write_all(render_table(&report, source, terminals.stdout).as_bytes())?;
    }
    if report.truncated {
        let _ = writeln!(err, "warning: {}", report.warnings[0]);
        return Ok(ExitCode::from(EXIT_TRUNCATED));
    }
    Ok(ExitCode::SUCCESS)
}

/// Counts the bytes read through it (the compressed bytes of a gzipped file), for progress.
struct Counting<R> {
    inner: R,
    count: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

/// Streams `input` through the accounting reader; gzip input (rotated logs, found by its
/// magic bytes) is decompressed on the way. `size` is the size of `input` as stored.
pub fn analyse_reader(
    input: impl Read,
    size: Option<u64>,
    progress: Progress,
    err: &mut dyn Write,
) -> io::Result<AcctReport> {
    let consumed = Rc::new(Cell::new(0u64));
    let mut buffered = BufReader::with_capacity(
        CHUNK,
        Counting {
            inner: input,
            count: Rc::clone(&consumed),
        },
    );
    let gzip = buffered.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    let ended_early = |reader: &mut AcctReader, e: io::Error| {
        let what = if gzip {
            "the gzip data is cut off, damaged or followed by bytes that are not gzip"
        } else {
            "reading failed"
        };
        reader.ended_early(&format!("{what} ({e})"));
    };
    let mut input: Box<dyn Read> = if gzip {
        Box::new(MultiGzDecoder::new(buffered))
    } else {
        Box::new(buffered)
    };
    let mut reader = AcctReader::new();
    let mut buf = vec![0u8; CHUNK];
    let start = Instant::now();
    let mut shown = Instant::now();
    let mut next_step = 1u64;
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            // A plain file that cannot be read at all is an error; anything read is reported.
            Err(e) if !gzip && reader.bytes() == 0 => return Err(e),
            Err(e) => {
                ended_early(&mut reader, e);
                break;
            }
        };
        reader.push(&buf[..n]);
        match progress {
            Progress::None => {}
            Progress::Live if shown.elapsed() >= Duration::from_millis(250) => {
                shown = Instant::now();
                let _ = write!(
                    err,
                    "\r{}",
                    progress_line(&reader, consumed.get(), size, start)
                );
                let _ = err.flush();
            }
            Progress::Live => {}
            Progress::Steps => {
                if let Some(total) = size.filter(|t| *t > 0) {
                    let done = consumed.get();
                    if done * 10 >= next_step * total && next_step < 10 {
                        next_step = done * 10 / total + 1;
                        let _ = writeln!(err, "{}", progress_line(&reader, done, size, start));
                    }
                }
            }
        }
    }
    if progress == Progress::Live {
        let _ = writeln!(
            err,
            "\r{}",
            progress_line(&reader, consumed.get(), size, start)
        );
    }
    Ok(reader.finish())
}

/// `consumed`: bytes of the input as stored (compressed, for a gzipped file).
fn progress_line(reader: &AcctReader, consumed: u64, size: Option<u64>, start: Instant) -> String {
    let mb = reader.bytes() as f64 / 1e6;
    let secs = start.elapsed().as_secs_f64().max(1e-3);
    let share = size
        .filter(|s| *s > 0)
        .map(|s| format!(" ({:.0}%)", consumed as f64 * 100.0 / s as f64))
        .unwrap_or_default();
    format!(
        "read {mb:.0} MB{share}, {} records, {:.0} MB/s",
        reader.records(),
        mb / secs
    )
}

/// The report as a plain-text table.
/// The report as plain text; `sparklines`: draw each affected ISP's rate over time (for a
/// terminal).
pub fn render_table(r: &AcctReport, source: &str, sparklines: bool) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "PowerMTA accounting file: {source}");
    if r.truncated {
        let _ = writeln!(s, "WARNING: {}", r.warnings[0]);
    }
    let _ = writeln!(
        s,
        "{} records ({} delivered, {} deferred, {} bounced) in {} lines; {} bad rows",
        r.records, r.delivered, r.deferred, r.bounced, r.lines, r.bad_rows
    );
    if !r.other_records.is_empty() {
        let other: Vec<String> = r
            .other_records
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        let _ = writeln!(
            s,
            "other record types, not in the rates: {}",
            other.join(", ")
        );
    }
    if let Some(w) = &r.time_window {
        let _ = writeln!(
            s,
            "time window: {} .. {} ({})",
            w.first,
            w.last,
            duration(w.seconds)
        );
    }
    let _ = writeln!(s);
    let width = name_width(r);
    table_header(&mut s, "ISP", width);
    for i in &r.isps {
        let counts = [i.records, i.delivered, i.deferred, i.bounced];
        table_row(
            &mut s,
            i.isp.label(),
            width,
            counts,
            [i.deferral_rate, i.bounce_rate],
        );
    }
    let counts = [r.records, r.delivered, r.deferred, r.bounced];
    table_row(
        &mut s,
        "all",
        width,
        counts,
        [r.deferral_rate, r.bounce_rate],
    );
    render_timeline(&mut s, r, sparklines);
    if !r.vmtas.is_empty() {
        let _ = writeln!(
            s,
            "\nPer VirtualMTA (vmta: sending IP or pool), most records first:"
        );
        let width = r
            .vmtas
            .iter()
            .take(VMTAS_SHOWN)
            .map(|v| v.vmta.chars().count())
            .max()
            .unwrap_or(0)
            .max(NAME_WIDTH);
        table_header(&mut s, "vmta", width);
        for v in r.vmtas.iter().take(VMTAS_SHOWN) {
            let counts = [v.records, v.delivered, v.deferred, v.bounced];
            table_row(
                &mut s,
                &v.vmta,
                width,
                counts,
                [v.deferral_rate, v.bounce_rate],
            );
        }
        if r.vmtas.len() > VMTAS_SHOWN {
            let _ = writeln!(s, "({} more in the JSON)", r.vmtas.len() - VMTAS_SHOWN);
        }
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "Suggested severity: {}", r.severity.as_str());
    for reason in &r.reasons {
        let _ = writeln!(s, "  - {reason}");
    }
    render_causes(&mut s, r);
    if r.bad_rows > 0 {
        let shown = r.bad_row_samples.len() as u64;
        let _ = writeln!(
            s,
            "\nBad rows: {}{}",
            r.bad_rows,
            if shown < r.bad_rows {
                format!(" (the first {shown} below)")
            } else {
                String::new()
            }
        );
        for b in &r.bad_row_samples {
            let _ = writeln!(s, "  line {}: {}", b.line, b.reason);
        }
    }
    if !r.warnings.is_empty() {
        let _ = writeln!(s, "\nWarnings:");
        for w in &r.warnings {
            let _ = writeln!(s, "  - {w}");
        }
    }
    let _ = writeln!(s, "\nHow the level is chosen:");
    for rule in &r.rules {
        let _ = writeln!(s, "  {rule}");
    }
    let _ = writeln!(s, "\n{RATE_DEFINITION}");
    s
}

/// Narrowest name column of the rate tables.
const NAME_WIDTH: usize = 9;

/// The name column's width: the longest ISP name of the report fits.
fn name_width(r: &AcctReport) -> usize {
    r.isps
        .iter()
        .map(|i| i.isp.label().chars().count())
        .max()
        .unwrap_or(0)
        .max(NAME_WIDTH)
}

/// The top causes and the blocklists cited, per ISP, each with an example reply.
fn render_causes(s: &mut String, r: &AcctReport) {
    let width = name_width(r);
    // The cause column fits the longest display name shown.
    fn top(i: &IspStats) -> impl Iterator<Item = &CategoryStats> {
        i.categories.0.iter().take(3)
    }
    let cause = r
        .isps
        .iter()
        .flat_map(top)
        .map(|c| c.category.label().chars().count())
        .max()
        .unwrap_or(0);
    let mut causes = r.isps.iter().flat_map(|i| {
        top(i).map(move |c| {
            format!(
                "  {:<width$} {:<cause$} {:>8} (t {}, b {})  e.g. {}",
                i.isp.label(),
                c.category.label(),
                c.count,
                c.deferred,
                c.bounced,
                clip(&c.example, 100)
            )
        })
    });
    if let Some(first) = causes.next() {
        let _ = writeln!(s, "\nTop causes of deferrals and bounces per ISP:\n{first}");
        for c in causes {
            let _ = writeln!(s, "{c}");
        }
    }
    let lists: Vec<String> = r
        .isps
        .iter()
        .flat_map(|i| {
            i.blocklists.iter().map(move |l| {
                format!(
                    "  {:<width$} {:<13} {:>8}  e.g. {}",
                    i.isp.label(),
                    l.blocklist.label(),
                    l.count,
                    clip(&l.example, 100)
                )
            })
        })
        .collect();
    let _ = writeln!(
        s,
        "\nBlocklists cited:{}",
        if lists.is_empty() { " none" } else { "" }
    );
    for l in lists {
        let _ = writeln!(s, "{l}");
    }
}

/// When each affected ISP's problem started, its peak and trend, and on a terminal a
/// sparkline of its rate over the file.
fn render_timeline(s: &mut String, r: &AcctReport, sparklines: bool) {
    let Some(t) = &r.timeline else {
        return;
    };
    let _ = writeln!(
        s,
        "\nTimeline: {} to {} in intervals of {}",
        utc_minute(&t.start),
        utc_minute(&t.end),
        duration(t.interval_seconds)
    );
    let mut affected = r
        .isps
        .iter()
        .zip(&t.isps)
        .filter(|(i, _)| i.affected)
        .peekable();
    if affected.peek().is_none() {
        let _ = writeln!(
            s,
            "  no ISP rose to the boundary (see How the level is chosen)"
        );
    }
    for (i, line) in affected {
        let started = i
            .started_at
            .as_deref()
            .map_or("no lasting start found".to_owned(), |t| {
                format!("started {}", utc_minute(t))
            });
        let peak = i.peak.as_ref().map_or(String::new(), |p| {
            format!("; peak {:.1}% at {}", p.rate, utc_minute(&p.t))
        });
        let _ = writeln!(s, "  {}: {started}{peak}", i.isp.label());
        if let Some(words) = i.trend_words() {
            let _ = writeln!(s, "    {words}");
        }
        if sparklines {
            let columns = t.rate_columns(line, SPARK_WIDTH);
            let _ = writeln!(s, "    {}", sparkline(&columns));
        }
    }
}

/// One character per column: `▁` (0%) to `█` (the highest column), `·` for no records;
/// the scale is given after it.
fn sparkline(columns: &[Option<f64>]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let top = columns.iter().flatten().fold(0.0f64, |a, b| a.max(*b));
    let mut line: String = columns
        .iter()
        .map(|c| match c {
            None => '·',
            Some(_) if top <= 0.0 => BARS[0],
            Some(rate) => BARS[((rate / top * 8.0) as usize).min(7)],
        })
        .collect();
    let _ = write!(line, "  deferred or bounced, ▁ 0% to █ {top:.0}%");
    line
}

/// The header of a rate table (per ISP or per VirtualMTA) whose first column is `name`.
fn table_header(s: &mut String, name: &str, width: usize) {
    let _ = writeln!(
        s,
        "{name:<width$} {:>10} {:>10} {:>9} {:>8} {:>10} {:>8}",
        "records", "delivered", "deferred", "bounced", "deferral%", "bounce%"
    );
}

/// One row of a rate table: records, delivered, deferred, bounced; deferral and bounce rates.
fn table_row(s: &mut String, name: &str, width: usize, counts: [u64; 4], rates: [f64; 2]) {
    let [records, delivered, deferred, bounced] = counts;
    let [deferral, bounce] = rates;
    let _ = writeln!(
        s,
        "{name:<width$} {records:>10} {delivered:>10} {deferred:>9} {bounced:>8} {deferral:>10.1} {bounce:>8.1}"
    );
}

fn clip(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

fn duration(seconds: i64) -> String {
    let (d, h, m) = (
        seconds / 86_400,
        seconds % 86_400 / 3600,
        seconds % 3600 / 60,
    );
    match (d, h) {
        (0, 0) => format!("{m} min"),
        (0, _) => format!("{h} h {m} min"),
        _ => format!("{d} d {h} h"),
    }
}
