//! `guide classify --mail PATH...`: whole bounce messages from `.eml` files, maildir
//! folders and mbox files, one JSON line per recipient (see
//! `classify::classify_message`), each with the file it came from.
//!
//! Streamed: an mbox is read one message at a time, never whole. A path that cannot be
//! read is reported on stderr by name and skipped; the others are still read, and the
//! exit status is then 1.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use classify::{classify_message, Context, MessageAnswer};

/// What `--mail` reads, for `--help`.
pub(crate) const HELP: &str = "Read whole bounce messages instead of a text: .eml files, maildir \
folders (their cur/ and new/), other folders (every .eml file in them) and mbox files \
(messages split at their `From ` lines, read one at a time). Prints one JSON line per \
failed recipient with `file` (and `message`, the message's number in an mbox), \
`recipient` and `not_a_bounce` before the classifier's fields. Unreadable paths are \
named on stderr and skipped (exit status 1).";

/// Reads every path and writes the JSON lines to `out`; the paths that failed are
/// named on `err`.
pub(crate) fn run_paths<W: Write, E: Write>(
    paths: &[PathBuf],
    ctx: &Context,
    out: W,
    mut err: E,
) -> io::Result<ExitCode> {
    let mut out = io::BufWriter::new(out);
    let mut failed = false;
    for path in paths {
        for file in files(path, &mut err, &mut failed) {
            match read_file(&file, ctx, &mut out) {
                Ok(()) => {}
                // The output failing (a closed pipe) ends the command.
                Err(Failure::Write(e)) => return Err(e),
                Err(Failure::Read(e)) => {
                    writeln!(err, "guide: {}: {e}", file.display())?;
                    failed = true;
                }
            }
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// `guide classify --mail`: the paths to stdout, problems to stderr.
pub(crate) fn run(paths: &[PathBuf], ctx: &Context) -> anyhow::Result<ExitCode> {
    run_paths(paths, ctx, io::stdout().lock(), io::stderr().lock()).context("writing the answers")
}

/// The message files of a path: itself, a maildir's `cur/` and `new/`, or a folder's
/// `.eml` files (recursively), in name order.
fn files<E: Write>(path: &Path, err: &mut E, failed: &mut bool) -> Vec<PathBuf> {
    if !path.is_dir() {
        return vec![path.to_path_buf()];
    }
    let maildir = path.join("cur").is_dir() || path.join("new").is_dir();
    let roots = if maildir {
        vec![path.join("cur"), path.join("new")]
    } else {
        vec![path.to_path_buf()]
    };
    let mut out = Vec::new();
    for root in roots.iter().filter(|r| r.is_dir()) {
        let walk = walkdir::WalkDir::new(root)
            .max_depth(if maildir { 1 } else { usize::MAX })
            .sort_by_file_name();
        for entry in walk {
            match entry {
                Ok(e) if e.file_type().is_file() && (maildir || is_eml(e.path())) => {
                    out.push(e.into_path());
                }
                Ok(_) => {}
                Err(e) => {
                    let _ = writeln!(err, "guide: {}: {e}", path.display());
                    *failed = true;
                }
            }
        }
    }
    out
}

fn is_eml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("eml"))
}

/// What went wrong with a file: reading it (reported, the next file is read) or writing
/// its answers (the end of the command).
enum Failure {
    Read(io::Error),
    Write(io::Error),
}

/// Reads one file: an mbox (it starts with a `From ` line) message by message, else one
/// message.
fn read_file<W: Write>(path: &Path, ctx: &Context, out: &mut W) -> Result<(), Failure> {
    let mut input = BufReader::with_capacity(1 << 16, File::open(path).map_err(Failure::Read)?);
    let name = path.display().to_string();
    if !input
        .fill_buf()
        .map_err(Failure::Read)?
        .starts_with(b"From ")
    {
        let mut message = Vec::new();
        input.read_to_end(&mut message).map_err(Failure::Read)?;
        return write_answers(&name, None, &classify_message(&message, ctx), out)
            .map_err(Failure::Write);
    }
    let mut number = 0;
    let mut message = Vec::new();
    let mut line = Vec::new();
    let mut blank_before = true;
    loop {
        line.clear();
        let eof = input.read_until(b'\n', &mut line).map_err(Failure::Read)? == 0;
        // A message ends at the next `From ` line after a blank line, or at the end.
        if eof || (blank_before && line.starts_with(b"From ") && !message.is_empty()) {
            if !message.is_empty() {
                number += 1;
                let answers = classify_message(&message, ctx);
                write_answers(&name, Some(number), &answers, out).map_err(Failure::Write)?;
                message.clear();
            }
            if eof {
                return Ok(());
            }
        }
        blank_before = line == b"\n" || line == b"\r\n";
        // mboxrd quoting: `>From ` (any number of `>`) in a body loses one `>`.
        let quoted = line.iter().position(|&b| b != b'>').filter(|&n| n > 0);
        match quoted {
            Some(n) if line[n..].starts_with(b"From ") => message.extend_from_slice(&line[1..]),
            _ => message.extend_from_slice(&line),
        }
    }
}

/// One JSON line per answer: `file` (and `message` in an mbox) before the answer's
/// fields.
fn write_answers<W: Write>(
    file: &str,
    message: Option<u64>,
    answers: &[MessageAnswer],
    out: &mut W,
) -> io::Result<()> {
    let name = serde_json::to_string(file).map_err(io::Error::other)?;
    for a in answers {
        let json = serde_json::to_vec(a).map_err(io::Error::other)?;
        write!(out, "{{\"file\":{name},")?;
        if let Some(n) = message {
            write!(out, "\"message\":{n},")?;
        }
        out.write_all(json.get(1..).unwrap_or_default())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOUNCE: &str = "From: MAILER-DAEMON@example.net\nSubject: Undelivered Mail\n\n<a@example.org>: host mx.example.org said: 550 5.1.1 user unknown\n";

    fn lines(out: &[u8]) -> Vec<serde_json::Value> {
        out.split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| serde_json::from_slice(l).expect("a JSON line"))
            .collect()
    }

    #[test]
    fn an_mbox_is_read_message_by_message() {
        let dir = tempfile::tempdir().unwrap();
        let mbox = dir.path().join("box");
        let second = BOUNCE
            .replace("a@example.org", "b@example.org")
            .replace("user unknown", "user unknown\n>From the original: quoted");
        std::fs::write(
            &mbox,
            format!("From MAILER-DAEMON Sat Oct  4 08:00:09 2025\n{BOUNCE}\nFrom x Sat Oct  4 08:00:10 2025\n{second}"),
        )
        .unwrap();
        let mut out = Vec::new();
        let mut err = Vec::new();
        let code = run_paths(
            std::slice::from_ref(&mbox),
            &Context::default(),
            &mut out,
            &mut err,
        )
        .unwrap();
        assert_eq!(code, ExitCode::SUCCESS, "{}", String::from_utf8_lossy(&err));
        let rows = lines(&out);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0]["message"], 1);
        assert_eq!(rows[1]["message"], 2);
        assert_eq!(rows[1]["recipient"], "b@example.org");
        assert_eq!(rows[0]["file"], mbox.display().to_string());
    }
}
