//! `guide classify` on whole bounce messages: a message on stdin, and `--mail` over
//! `.eml` files, maildir folders, mbox files and unreadable paths.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn guide(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_guide"))
        .arg("classify")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("guide runs");
    let mut pipe = child.stdin.take().expect("stdin");
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().expect("guide finishes");
    writer.join().expect("writer");
    out
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    out.stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).expect("a JSON line"))
        .collect()
}

/// A Postfix bounce for two recipients, signed and authenticated: the header must not
/// decide anything.
const TWO: &str = "Return-Path: <>\r
From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\r
Subject: Undelivered Mail Returned to Sender\r
Authentication-Results: mx.example.net; spf=fail; dkim=fail; dmarc=fail\r
DKIM-Signature: v=1; a=rsa-sha256; d=example.net; b=AAAA\r
Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r
\r
--B\r
Content-Type: text/plain\r
\r
<a@example.org>: host mx.example.org said: 550 5.1.1 user unknown\r
\r
<b@example.org>: host mx.example.org said: 552 5.2.2 mailbox full\r
--B\r
Content-Type: message/delivery-status\r
\r
Final-Recipient: rfc822; a@example.org\r
Action: failed\r
Status: 5.1.1\r
Diagnostic-Code: smtp; 550 5.1.1 user unknown\r
\r
Final-Recipient: rfc822; b@example.org\r
Action: failed\r
Status: 5.2.2\r
Diagnostic-Code: smtp; 552 5.2.2 mailbox full\r
--B--\r
";

const AUTO_REPLY: &str =
    "From: someone@example.org\nAuto-Submitted: auto-replied\nSubject: Out of office\n\nI am away.\n";

#[test]
fn a_message_on_stdin_gives_one_object_per_recipient() {
    let out = guide(&[], TWO.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let rows = lines(&out);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["recipient"], "a@example.org");
    assert_eq!(rows[0]["category"], "recipient");
    assert_eq!(rows[1]["recipient"], "b@example.org");
    assert_eq!(rows[1]["category"], "mailbox_full");
    for r in &rows {
        assert_eq!(r["not_a_bounce"], serde_json::Value::Null);
        assert_eq!(r["severity"], "P4");
    }
}

#[test]
fn a_message_that_is_not_a_bounce_says_so_without_a_severity() {
    let rows = lines(&guide(&[], AUTO_REPLY.as_bytes()));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["not_a_bounce"], "auto_reply");
    assert_eq!(rows[0]["category"], "other");
    assert_eq!(rows[0]["severity"], serde_json::Value::Null);
    assert!(rows[0]["title"]
        .as_str()
        .unwrap()
        .starts_with("Not a bounce"));
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(path, text).unwrap();
}

#[test]
fn mail_reads_files_maildirs_and_mboxes_and_names_what_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    let eml = dir.path().join("bounce.eml");
    write(&eml, TWO);
    let maildir = dir.path().join("Maildir");
    write(&maildir.join("cur/1.host:2,S"), AUTO_REPLY);
    write(&maildir.join("new/2.host"), TWO);
    std::fs::create_dir_all(maildir.join("tmp")).unwrap();
    let mbox = dir.path().join("bounces.mbox");
    write(
        &mbox,
        &format!("From MAILER-DAEMON Sat Oct  4 08:00:09 2025\n{}\nFrom x Sat Oct  4 08:00:10 2025\n{AUTO_REPLY}", TWO.replace('\r', "")),
    );
    let missing = dir.path().join("missing.eml");
    let paths = [&eml, &missing, &maildir, &mbox].map(|p| p.display().to_string());
    let args: Vec<&str> = std::iter::once("--mail")
        .chain(paths.iter().map(String::as_str))
        .collect();
    let out = guide(&args, b"");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&paths[1]) && err.lines().count() == 1, "{err}");
    let rows = lines(&out);
    let files: Vec<(&str, Option<u64>, &str)> = rows
        .iter()
        .map(|r| {
            let name = r["file"].as_str().unwrap();
            let short = &name[name.rfind('/').unwrap() + 1..];
            (
                short,
                r["message"].as_u64(),
                r["recipient"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        files,
        [
            ("bounce.eml", None, "a@example.org"),
            ("bounce.eml", None, "b@example.org"),
            ("1.host:2,S", None, "-"),
            ("2.host", None, "a@example.org"),
            ("2.host", None, "b@example.org"),
            ("bounces.mbox", Some(1), "a@example.org"),
            ("bounces.mbox", Some(1), "b@example.org"),
            ("bounces.mbox", Some(2), "-"),
        ]
    );
    assert_eq!(rows[2]["not_a_bounce"], "auto_reply");
    assert_eq!(rows[6]["category"], "mailbox_full");
}

#[test]
fn mail_into_a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let mbox = dir.path().join("many.mbox");
    let one = format!(
        "From MAILER-DAEMON Sat Oct  4 08:00:09 2025\n{}\n",
        TWO.replace('\r', "")
    );
    // About 6,000 JSON lines: far more than a pipe holds.
    write(&mbox, &one.repeat(3_000));
    let mut child = Command::new(env!("CARGO_BIN_EXE_guide"))
        .args(["classify", "--mail"])
        .arg(&mbox)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("guide runs");
    let mut first = String::new();
    {
        use std::io::BufRead;
        let mut out = std::io::BufReader::new(child.stdout.take().expect("stdout"));
        out.read_line(&mut first).unwrap();
    }
    let done = child.wait_with_output().expect("guide finishes");
    assert!(first.contains("\"message\":1"), "{first}");
    assert_eq!(done.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&done.stderr), "");
}
