//! `guide classify --lines | head -1` and `guide classify --acct FILE | head -1`: a reader
//! that closes the output early ends the command quietly, with success.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

/// Runs `guide classify ARGS` with stdin from `input`, reads the first line of its
/// output, closes the pipe and returns (exit code, stderr).
fn first_line_then_close(args: &[&str], input: &Path) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_guide"))
        .arg("classify")
        .args(args)
        .stdin(std::fs::File::open(input).unwrap())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("guide runs");
    let mut first = String::new();
    {
        let mut out = BufReader::new(child.stdout.take().expect("stdout"));
        out.read_line(&mut first).unwrap();
    } // The read end closes here, long before the output is all written.
    let done = child.wait_with_output().expect("guide finishes");
    let stderr = String::from_utf8_lossy(&done.stderr).into_owned();
    (done.status.code(), stderr, first)
}

#[test]
fn classify_lines_into_a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bounces.log");
    // About 20 MB of JSON out: far more than a pipe holds.
    let line =
        "550 5.7.1 Service unavailable; client host [192.0.2.1] blocked using zen.spamhaus.org\n";
    std::fs::write(&input, line.repeat(40_000)).unwrap();
    let (code, stderr, first) = first_line_then_close(&["--lines"], &input);
    assert!(first.contains("\"blocklist\":\"spamhaus\""), "{first}");
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
}

#[test]
fn classify_acct_into_a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("acct.csv");
    // One VirtualMTA per record: the JSON lists them all (far more than a pipe holds).
    let mut text = String::from("type,timeLogged,rcpt,dsnStatus,dsnDiag,dsnMta,vmta\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "d,2026-09-21 11:00:00+0000,u{i}@gmail.com,2.0.0,smtp;250 ok,gmail-smtp-in.l.google.com,vmta-{i}\n"
        ));
    }
    std::fs::write(&csv, text).unwrap();
    let csv = csv.to_str().unwrap();
    let empty = dir.path().join("empty");
    std::fs::write(&empty, "").unwrap();
    for args in [vec!["--acct", csv, "--json"], vec!["--acct", csv]] {
        let (code, stderr, first) = first_line_then_close(&args, &empty);
        assert!(!first.is_empty(), "{args:?}: some output came");
        assert_eq!((code, stderr.as_str()), (Some(0), ""), "{args:?}");
    }
}
