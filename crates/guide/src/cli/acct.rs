//! `guide classify --acct FILE|-`: a PowerMTA accounting file (CSV) -> per-ISP deferral and
//! bounce rates with the guide's severity, as a table or JSON (`--json`).
//!
//! The file (plain, or gzipped as rotated logs are) is streamed through
//! [`classify::acct::AcctReader`] in 1 MB chunks, so memory
//! stays flat whatever its size. Progress goes to stderr: a live line when stderr is a
//! terminal, one line per 10% for large files otherwise.

use std::cell::Cell;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::process::ExitCode;
use std::rc::Rc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use classify::acct::{AcctReader, AcctReport, RATE_DEFINITION};
use flate2::read::MultiGzDecoder;

/// Help text of the `--acct` option (the rate definition is part of it).
pub const HELP: &str = "Analyse a PowerMTA accounting file (CSV with a header row, plain or \
gzipped; `-` reads stdin): delivered (d), deferred (t) and bounced (b) records per ISP, deferral and bounce \
rates, top causes with an example, blocklists cited, the time window, and the guide's \
severity for those rates. Rates are percentages of each ISP's d + b + t records: deferral \
rate = t / (d + b + t), bounce rate = b / (d + b + t). Bad rows are counted and listed by \
line number, never fatal.";

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
    let tty = stderr.is_terminal();
    run_to(path, json, tty, &mut stdout.lock(), &mut stderr.lock())
}

/// [`run`] with its outputs passed in (for tests).
pub fn run_to(
    path: &str,
    json: bool,
    stderr_is_tty: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
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
        out.write_all(render_table(&report, source).as_bytes())?;
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
            Err(e) => return Err(e),
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
pub fn render_table(r: &AcctReport, source: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "PowerMTA accounting file: {source}");
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
    table_header(&mut s, "ISP", NAME_WIDTH);
    for i in &r.isps {
        let counts = [i.records, i.delivered, i.deferred, i.bounced];
        table_row(
            &mut s,
            i.isp.as_str(),
            NAME_WIDTH,
            counts,
            [i.deferral_rate, i.bounce_rate],
        );
    }
    let counts = [r.records, r.delivered, r.deferred, r.bounced];
    table_row(
        &mut s,
        "all",
        NAME_WIDTH,
        counts,
        [r.deferral_rate, r.bounce_rate],
    );
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
    let causes: Vec<String> = r
        .isps
        .iter()
        .flat_map(|i| {
            i.categories.0.iter().take(3).map(move |c| {
                format!(
                    "  {:<9} {:<13} {:>8} (t {}, b {})  e.g. {}",
                    i.isp.as_str(),
                    c.category.as_str(),
                    c.count,
                    c.deferred,
                    c.bounced,
                    clip(&c.example, 100)
                )
            })
        })
        .collect();
    if !causes.is_empty() {
        let _ = writeln!(s, "\nTop causes of deferrals and bounces per ISP:");
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
                    "  {:<9} {:<13} {:>8}  e.g. {}",
                    i.isp.as_str(),
                    l.blocklist.as_str(),
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

/// Width of the name column of the rate tables (an ISP's name fits).
const NAME_WIDTH: usize = 9;

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
