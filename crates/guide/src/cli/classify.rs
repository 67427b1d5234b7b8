//! `guide classify`: one text (stdin or --text) to one JSON object; a whole message
//! (`.eml`) to one object per failed recipient; `--lines` to JSON Lines; `--acct FILE` to
//! a report of a PowerMTA accounting file (see [`crate::cli::acct`]); `--mail PATH...` to
//! JSON Lines for whole messages (see [`crate::cli::mail`]).
//!
//! Bad options (an unknown scope, `--deferral-rate 140`) are clap errors: a clear message
//! and exit status 2. Any text, even empty or binary, is classified and exits 0.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

use anyhow::Context as _;
use classify::{Context, Diagnosis, Scope, Snds, Volume};

#[derive(clap::Args, Debug, Default)]
pub struct ClassifyArgs {
    /// The bounce text (default: read stdin). It may start with `-` (an Exchange report
    /// starts `- These recipients of your message...`).
    #[arg(long, allow_hyphen_values = true, conflicts_with_all = ["lines", "acct", "mail"])]
    pub(crate) text: Option<String>,
    /// Classify each line of stdin on its own and print JSON Lines (one per input line).
    #[arg(long, conflicts_with_all = ["acct", "mail"])]
    pub(crate) lines: bool,
    /// Read whole bounce messages: .eml files, maildir folders, mbox files.
    #[arg(long, value_name = "PATH", num_args = 1.., conflicts_with = "acct", long_help = crate::cli::mail::HELP)]
    pub(crate) mail: Vec<std::path::PathBuf>,
    /// Report on a PowerMTA accounting CSV file (`-` for stdin) instead of classifying a text.
    #[arg(long, value_name = "FILE", long_help = crate::cli::acct::HELP)]
    pub(crate) acct: Option<String>,
    /// With --acct: print the report as JSON.
    #[arg(long)]
    pub(crate) json: bool,
    /// Deferral or error rate in percent (0-100), e.g. from MailWizz statistics.
    #[arg(long, visible_alias = "deferral-rate", visible_alias = "error-rate", value_name = "PERCENT", value_parser = parse_rate)]
    pub(crate) rate: Option<f64>,
    /// How many receiving ISPs are affected.
    #[arg(long, value_enum)]
    pub(crate) scope: Option<ScopeArg>,
    /// Only a handful of messages are affected (lowers the level by one).
    #[arg(long)]
    pub(crate) few: bool,
    /// PowerMTA is not delivering (P1).
    #[arg(long)]
    pub(crate) powermta_down: bool,
    /// MailWizz is inaccessible (P1).
    #[arg(long)]
    pub(crate) mailwizz_down: bool,
    /// Full service outage (P1).
    #[arg(long, visible_alias = "full-outage")]
    pub(crate) outage: bool,
    /// Microsoft SNDS colour of the sending IPs.
    #[arg(long, value_enum)]
    pub(crate) snds: Option<SndsArg>,
    /// A spike in spam complaints.
    #[arg(long)]
    pub(crate) complaint_spike: bool,
    /// Pretty-print the JSON object(s) (not with --lines or --mail).
    #[arg(long, conflicts_with_all = ["lines", "mail"])]
    pub(crate) pretty: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ScopeArg {
    One,
    Several,
    All,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SndsArg {
    Green,
    Yellow,
    Red,
}

/// A percentage from 0 to 100 (a trailing `%` is allowed).
fn parse_rate(s: &str) -> Result<f64, String> {
    let t = s.trim().trim_end_matches('%').trim();
    let v: f64 = t
        .parse()
        .map_err(|_| format!("`{s}` is not a number: give the rate in percent, e.g. 12.5"))?;
    if !v.is_finite() || !(0.0..=100.0).contains(&v) {
        return Err(format!(
            "{s} is not a percentage: the rate must be from 0 to 100"
        ));
    }
    Ok(v)
}

impl ClassifyArgs {
    /// The classifier context from the options.
    pub(crate) fn context(&self) -> Context {
        Context {
            rate: self.rate,
            scope: self.scope.map(|s| match s {
                ScopeArg::One => Scope::One,
                ScopeArg::Several => Scope::Several,
                ScopeArg::All => Scope::All,
            }),
            volume: if self.few { Volume::Few } else { Volume::Many },
            powermta_down: self.powermta_down,
            mailwizz_down: self.mailwizz_down,
            full_outage: self.outage,
            snds: self.snds.map(|s| match s {
                SndsArg::Green => Snds::Green,
                SndsArg::Yellow => Snds::Yellow,
                SndsArg::Red => Snds::Red,
            }),
            complaint_spike: self.complaint_spike,
        }
    }
}

/// Entry point of `guide classify`. A reader that closes the output early ends it
/// quietly (`guide classify --lines | head -1`).
pub fn run(args: ClassifyArgs) -> anyhow::Result<ExitCode> {
    crate::cli::end_quietly_on_closed_pipe(classify_input(args))
}

fn classify_input(args: ClassifyArgs) -> anyhow::Result<ExitCode> {
    if let Some(path) = &args.acct {
        return crate::cli::acct::run(path, args.json);
    }
    if args.json {
        eprintln!("error: --json goes with --acct FILE (a text is always classified to JSON)");
        return Ok(ExitCode::from(2));
    }
    let ctx = args.context();
    if !args.mail.is_empty() {
        return crate::cli::mail::run(&args.mail, &ctx);
    }
    let stdin = io::stdin();
    let stdout = io::stdout();
    if args.lines {
        classify_lines(stdin.lock(), stdout.lock(), &ctx).context("classifying lines")?;
        return Ok(ExitCode::SUCCESS);
    }
    let text: Vec<u8> = match args.text {
        Some(t) => t.into_bytes(),
        None => {
            let mut buf = Vec::new();
            stdin
                .lock()
                .read_to_end(&mut buf)
                .context("reading stdin")?;
            buf
        }
    };
    let mut out = stdout.lock();
    if classify::mail::is_message(&text) {
        // A whole message: one object per failed recipient.
        for answer in classify::classify_message(&text, &ctx) {
            write_json(&mut out, &answer, args.pretty)?;
        }
    } else {
        write_json(
            &mut out,
            &classify::classify_bytes(&text, &ctx),
            args.pretty,
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// One JSON value on its own line(s).
fn write_json<T: serde::Serialize>(
    out: &mut impl Write,
    value: &T,
    pretty: bool,
) -> anyhow::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut *out, value)?;
    } else {
        serde_json::to_writer(&mut *out, value)?;
    }
    out.write_all(b"\n")?;
    Ok(())
}

/// A diagnosis as a cache key: hashed by its short fields only (the long ones, meaning
/// and hint, follow from them), compared in full.
struct Key(Diagnosis);

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        // Every field, named, so that a new one cannot be forgotten here.
        let Diagnosis {
            basic,
            enhanced,
            category,
            isp,
            blocklist,
            bounce_kind,
            temporary,
            meaning,
            hint,
            rule,
        } = &self.0;
        let o = &other.0;
        *basic == o.basic
            && *category == o.category
            && *isp == o.isp
            && *blocklist == o.blocklist
            && *bounce_kind == o.bounce_kind
            && *temporary == o.temporary
            && *enhanced == o.enhanced
            && same_text(rule, &o.rule)
            && match (meaning, &o.meaning) {
                (Some(a), Some(b)) => same_text(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
            && match (hint, &o.hint) {
                (Some(a), Some(b)) => same_text(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
    }
}

impl Eq for Key {}

/// Equal texts; the classifier's are mostly the same static sentences, so the same
/// pointer answers without comparing the bytes.
fn same_text(a: &str, b: &str) -> bool {
    (a.as_ptr() == b.as_ptr() && a.len() == b.len()) || a == b
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, h: &mut H) {
        let d = &self.0;
        (
            d.basic,
            &d.enhanced,
            d.category,
            d.isp,
            d.blocklist,
            &d.rule,
        )
            .hash(h);
    }
}

/// A fast hasher for the cache key (a few short fields of our own diagnosis, so no
/// flooding concern): the default SipHash cost as much as a third of diagnosing a line.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut w = [0u8; 8];
            w[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(w));
        }
    }
    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }
    fn write_u16(&mut self, n: u16) {
        self.write_u64(u64::from(n));
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn write_isize(&mut self, n: isize) {
        self.write_u64(n as u64);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type Cache = HashMap<Key, Vec<u8>, BuildHasherDefault<KeyHasher>>;

/// Most distinct answers kept per worker: a log yields few distinct diagnoses, and the
/// cache is cleared when full, so memory stays bounded whatever the input.
const CACHE_LIMIT: usize = 4096;

/// Lines are read in blocks of about this many bytes, one block per worker thread.
const BLOCK: usize = 1 << 20;

/// Classifies every line of `input` (lossy UTF-8, `\r\n` or `\n`) and writes one JSON
/// object per line, in input order. Blocks of lines are classified on all cores while
/// the next blocks are read; memory stays constant (two blocks and one output per worker,
/// a bounded cache of answers per worker: the JSON of a line depends only on its
/// diagnosis and the fixed context). A single line longer than a block is still read
/// whole.
pub fn classify_lines<R: Read, W: Write>(
    mut input: R,
    output: W,
    ctx: &Context,
) -> io::Result<u64> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let mut out = BufWriter::with_capacity(1 << 16, output);
    // Two sets of blocks: the workers classify one while this thread reads the next.
    let mut reader = BlockReader::default();
    let mut cur = Blocks::new(workers);
    let mut next = Blocks::new(workers);
    let mut outs: Vec<Vec<u8>> = (0..workers).map(|_| Vec::new()).collect();
    let mut caches: Vec<Cache> = (0..workers).map(|_| Cache::default()).collect();
    let mut count = 0u64;
    cur.fill(&mut reader, &mut input)?;
    while cur.filled > 0 {
        let jobs = cur.blocks[..cur.filled]
            .iter()
            .zip(outs.iter_mut())
            .zip(caches.iter_mut());
        let (counts, read) = std::thread::scope(|s| {
            let handles: Vec<_> = jobs
                .map(|((block, o), cache)| s.spawn(move || classify_block(block, o, cache, ctx)))
                .collect();
            let read = next.fill(&mut reader, &mut input);
            let counts = handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(io::Error::other("a worker panicked")))
                })
                .collect::<io::Result<Vec<u64>>>();
            (counts, read)
        });
        count += counts?.iter().sum::<u64>();
        read?;
        for o in &outs[..cur.filled] {
            out.write_all(o)?;
        }
        std::mem::swap(&mut cur, &mut next);
    }
    out.flush()?;
    Ok(count)
}

/// Blocks of whole lines, one per worker.
struct Blocks {
    blocks: Vec<Vec<u8>>,
    /// How many blocks hold lines.
    filled: usize,
}

impl Blocks {
    fn new(workers: usize) -> Self {
        Blocks {
            blocks: (0..workers).map(|_| Vec::new()).collect(),
            filled: 0,
        }
    }

    /// Reads up to one block per worker.
    fn fill<R: Read>(&mut self, reader: &mut BlockReader, input: &mut R) -> io::Result<()> {
        self.filled = 0;
        for block in &mut self.blocks {
            if !reader.next_block(input, block)? {
                break;
            }
            self.filled += 1;
        }
        Ok(())
    }
}

/// Reads the input in large pieces and cuts them after their last line break; the
/// partial line after it starts the next block. (The workers split blocks into lines:
/// the reading thread only copies and looks for one line break per block.)
#[derive(Default)]
struct BlockReader {
    /// The start of a line read with the previous block.
    carry: Vec<u8>,
    eof: bool,
}

impl BlockReader {
    /// Fills `block` with about [`BLOCK`] bytes of whole lines (the last line of the
    /// input may lack its line break); false when the input is exhausted.
    fn next_block<R: Read>(&mut self, input: &mut R, block: &mut Vec<u8>) -> io::Result<bool> {
        block.clear();
        block.append(&mut self.carry);
        let mut searched = 0;
        loop {
            self.read_upto(input, block, searched + BLOCK)?;
            if self.eof {
                return Ok(!block.is_empty());
            }
            // Cut after the last line break; a line longer than a block is read on.
            match memchr::memrchr(b'\n', &block[searched..]) {
                Some(i) => {
                    let cut = searched + i + 1;
                    self.carry.extend_from_slice(&block[cut..]);
                    block.truncate(cut);
                    return Ok(true);
                }
                None => searched = block.len(),
            }
        }
    }

    /// Reads until `block` holds `upto` bytes or the input ends (into the block's spare
    /// capacity: nothing is zeroed first).
    fn read_upto<R: Read>(
        &mut self,
        input: &mut R,
        block: &mut Vec<u8>,
        upto: usize,
    ) -> io::Result<()> {
        let Some(want) = upto.checked_sub(block.len()).filter(|&w| w > 0) else {
            return Ok(());
        };
        block.reserve(want);
        let got = input.by_ref().take(want as u64).read_to_end(block)?;
        if got < want {
            self.eof = true;
        }
        Ok(())
    }
}

/// Classifies the lines of one block (whole lines; the last may lack its line break)
/// into `out` (cleared first); returns the line count.
fn classify_block(
    block: &[u8],
    out: &mut Vec<u8>,
    cache: &mut Cache,
    ctx: &Context,
) -> io::Result<u64> {
    out.clear();
    let mut count = 0;
    if block.is_empty() {
        return Ok(0);
    }
    let body = block.strip_suffix(b"\n").unwrap_or(block);
    // The line breaks by memchr's vector search (a byte-by-byte split cost 5% of the time).
    let mut start = 0;
    let breaks = memchr::memchr_iter(b'\n', body).chain(std::iter::once(body.len()));
    for end in breaks {
        let line = &body[start..end];
        start = end + 1;
        let text = line.strip_suffix(b"\r").unwrap_or(line);
        let key = Key(classify::diagnose_bytes(text));
        if let Some(json) = cache.get(&key) {
            out.extend_from_slice(json);
        } else {
            let a = classify::assess(&key.0, ctx);
            let c = classify::Classification::new(key.0.clone(), a);
            let mut json = serde_json::to_vec(&c).map_err(io::Error::other)?;
            json.push(b'\n');
            out.extend_from_slice(&json);
            if cache.len() >= CACHE_LIMIT {
                cache.clear();
            }
            cache.insert(key, json);
        }
        count += 1;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_percentages() {
        assert_eq!(parse_rate("12.5"), Ok(12.5));
        assert_eq!(parse_rate("30%"), Ok(30.0));
        assert_eq!(parse_rate("0"), Ok(0.0));
        assert_eq!(parse_rate("100"), Ok(100.0));
        assert!(parse_rate("140").unwrap_err().contains("from 0 to 100"));
        assert!(parse_rate("-1").is_err());
        assert!(parse_rate("NaN").is_err());
        assert!(parse_rate("lots").unwrap_err().contains("not a number"));
    }

    #[test]
    fn lines_become_json_lines_in_order() {
        let input = b"550 5.1.1 user unknown\r\n\n421 4.7.0 [TSS04] deferred due to user complaints\n550 5.1.1 user unknown";
        let mut out = Vec::new();
        let n = classify_lines(&input[..], &mut out, &Context::default()).unwrap();
        assert_eq!(n, 4);
        let rows: Vec<serde_json::Value> = out
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| serde_json::from_slice(l).unwrap())
            .collect();
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0]["category"], "recipient");
        assert_eq!(rows[1]["category"], "other");
        assert_eq!(rows[2]["category"], "rate_limit");
        assert_eq!(rows[2]["isp"], "yahoo");
        assert_eq!(rows[3], rows[0]);
    }

    #[test]
    fn many_blocks_keep_the_input_order() {
        let mut input = Vec::new();
        let texts = [
            "550 5.1.1 user unknown",
            "421 4.7.0 [TSS04] deferred due to user complaints",
            "garbage",
        ];
        let n = 3 * BLOCK / 40;
        for i in 0..n {
            input.extend_from_slice(texts[i % 3].as_bytes());
            input.push(b'\n');
        }
        let mut out = Vec::new();
        assert_eq!(
            classify_lines(&input[..], &mut out, &Context::default()).unwrap(),
            n as u64
        );
        let cats: Vec<String> = out
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| {
                serde_json::from_slice::<serde_json::Value>(l).unwrap()["category"].to_string()
            })
            .collect();
        assert_eq!(cats.len(), n);
        for (i, c) in cats.iter().enumerate() {
            let want = ["\"recipient\"", "\"rate_limit\"", "\"other\""][i % 3];
            assert_eq!(c, want, "line {i}");
        }
    }

    /// Gives its bytes a few at a time, as a pipe may.
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            // Chunk sizes cycle through 1..=4093 bytes so that they cut lines anywhere.
            self.step = self.step * 31 % 4093 + 1;
            let n = self.step.min(buf.len()).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    #[test]
    fn lines_cut_anywhere_by_reads_and_longer_than_a_block_stay_whole() {
        let texts = [
            "550 5.1.1 user unknown",
            "",
            "421 4.7.0 [TSS04] deferred due to user complaints\r",
            "452 4.2.2 mailbox full",
        ];
        let mut input = Vec::new();
        for i in 0..3 * BLOCK / 40 {
            if i == BLOCK / 40 {
                // One line longer than a block, citing a blocklist at its very end.
                input.extend_from_slice(&vec![b'x'; BLOCK + BLOCK / 2]);
                input.extend_from_slice(b" 554 5.7.1 listed in zen.spamhaus.org\n");
            }
            input.extend_from_slice(texts[i % texts.len()].as_bytes());
            input.push(b'\n');
        }
        input.extend_from_slice(b"550 5.7.26 unauthenticated (no final line break)");
        let lines: Vec<&[u8]> = input.split(|&b| b == b'\n').collect();
        let mut out = Vec::new();
        let reader = Trickle {
            data: &input,
            step: 1,
        };
        let n = classify_lines(reader, &mut out, &Context::default()).unwrap();
        assert_eq!(n as usize, lines.len());
        let rows: Vec<&[u8]> = out
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(rows.len(), lines.len());
        for (i, (row, line)) in rows.iter().zip(&lines).enumerate() {
            let text = line.strip_suffix(b"\r").unwrap_or(line);
            let want =
                serde_json::to_vec(&classify::classify_bytes(text, &Context::default())).unwrap();
            assert_eq!(*row, &want[..], "line {i}");
        }
    }

    #[test]
    fn no_input_no_lines() {
        let mut out = Vec::new();
        assert_eq!(
            classify_lines(&b""[..], &mut out, &Context::default()).unwrap(),
            0
        );
        assert!(out.is_empty());
        assert_eq!(
            classify_lines(&b"\n"[..], &mut out, &Context::default()).unwrap(),
            1
        );
    }

    #[test]
    fn invalid_utf8_lines_are_read_lossily() {
        let input = b"550 5.1.1 \xff\xfe user unknown\n";
        let mut out = Vec::new();
        classify_lines(&input[..], &mut out, &Context::default()).unwrap();
        let v: serde_json::Value = serde_json::from_slice(out.trim_ascii_end()).unwrap();
        assert_eq!(v["enhanced"], "5.1.1");
    }
}
