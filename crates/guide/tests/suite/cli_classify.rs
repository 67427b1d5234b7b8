//! `guide classify` end to end: the real binary, its stdin, stdout and exit status.

use std::io::Write;
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

fn json(out: &Output) -> serde_json::Value {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

const GMAIL_AUTH: &str = "550-5.7.26 This mail has been blocked because the sender is unauthenticated.\n550-5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM.\n550 5.7.26 Authentication results: DKIM = did not pass - gsmtp";

#[test]
fn text_option_prints_the_contract_fields() {
    let v = json(&guide(&["--text", GMAIL_AUTH], b""));
    assert_eq!(v["basic"], 550);
    assert_eq!(v["enhanced"], "5.7.26");
    assert_eq!(v["category"], "auth");
    assert_eq!(v["isp"], "gmail");
    assert_eq!(v["blocklist"], serde_json::Value::Null);
    assert_eq!(v["severity"], "P2");
    assert_eq!(v["bounce_kind"], "internal");
    assert!(v["title"].as_str().unwrap().contains("Gmail"));
    assert!(!v["reasons"].as_array().unwrap().is_empty());
    assert!(v["next_steps"][0].as_str().unwrap().contains("Forward"));
    assert!(v["meaning"].as_str().unwrap().contains("unauthenticated"));
}

#[test]
fn a_text_may_start_with_a_hyphen() {
    // An Exchange delivery report as pasted from a mail client starts with "- ".
    let report = "- These recipients of your message have been processed by the mail server:\n\
                  someone@example.org; Failed; 5.1.1 (bad destination mailbox address)";
    let v = json(&guide(&["--text", report], b""));
    assert_eq!(v["enhanced"], "5.1.1");
    assert_eq!(v["category"], "recipient");
    assert_eq!(v["isp"], "other");
    let v = json(&guide(
        &["--text", "-550 5.7.1 blocked using zen.spamhaus.org"],
        b"",
    ));
    assert_eq!(v["blocklist"], "spamhaus");
}

#[test]
fn stdin_is_read_when_there_is_no_text_option() {
    let v = json(&guide(&[], GMAIL_AUTH.as_bytes()));
    assert_eq!(v["enhanced"], "5.7.26");
}

#[test]
fn context_options_change_the_severity() {
    let throttle = "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to user complaints - 4.16.55.1";
    assert_eq!(json(&guide(&["--text", throttle], b""))["severity"], "P3");
    assert_eq!(
        json(&guide(&["--text", throttle, "--few"], b""))["severity"],
        "P4"
    );
    assert_eq!(
        json(&guide(
            &["--text", throttle, "--deferral-rate", "30.1"],
            b""
        ))["severity"],
        "P2"
    );
    assert_eq!(
        json(&guide(&["--text", throttle, "--rate", "30"], b""))["severity"],
        "P3"
    );
    assert_eq!(
        json(&guide(&["--text", throttle, "--scope", "all"], b""))["severity"],
        "P2"
    );
    assert_eq!(
        json(&guide(&["--text", throttle, "--powermta-down"], b""))["severity"],
        "P1"
    );
    assert_eq!(
        json(&guide(&["--text", throttle, "--mailwizz-down"], b""))["severity"],
        "P1"
    );
    assert_eq!(
        json(&guide(&["--text", throttle, "--outage"], b""))["severity"],
        "P1"
    );
    let unknown = "550 5.1.1 user unknown";
    assert_eq!(json(&guide(&["--text", unknown], b""))["severity"], "P4");
    assert_eq!(
        json(&guide(&["--text", unknown, "--snds", "red"], b""))["severity"],
        "P2"
    );
    assert_eq!(
        json(&guide(&["--text", unknown, "--snds", "yellow"], b""))["severity"],
        "P3"
    );
    assert_eq!(
        json(&guide(&["--text", unknown, "--complaint-spike"], b""))["severity"],
        "P3"
    );
    assert_eq!(
        json(&guide(&["--text", unknown, "--error-rate", "9.9"], b""))["severity"],
        "P4"
    );
}

#[test]
fn any_text_exits_zero() {
    for input in [&b""[..], b"   \n", b"\xff\xfe\x00garbage", b"hello world"] {
        let v = json(&guide(&[], input));
        assert_eq!(v["category"], "other");
        assert_eq!(v["severity"], "P4");
    }
}

#[test]
fn bad_options_exit_2_with_a_clear_message() {
    let out = guide(&["--deferral-rate", "140", "--text", "x"], b"");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("from 0 to 100"), "{err}");
    assert!(out.stdout.is_empty());

    let out = guide(&["--scope", "everywhere"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("one"));

    let out = guide(&["--snds", "purple"], b"");
    assert_eq!(out.status.code(), Some(2));

    let out = guide(&["--rate", "many"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a number"));

    let out = guide(&["--text", "x", "--lines"], b"");
    assert_eq!(out.status.code(), Some(2));

    let out = guide(&["--json", "--text", "x"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--acct"));
}

#[test]
fn lines_prints_one_json_object_per_input_line() {
    let input = "550 5.1.1 <a@example.org>: Recipient address rejected: User unknown\r\n\
                 554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org\n\
                 \n\
                 451 4.7.650 The mail server [192.0.2.1] has been temporarily rate limited due to IP reputation. (S775) [x.prod.protection.outlook.com]\n";
    let out = guide(&["--lines", "--scope", "one"], input.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let rows: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["category"], "recipient");
    assert_eq!(rows[0]["bounce_kind"], "hard");
    assert_eq!(rows[1]["blocklist"], "spamhaus");
    assert_eq!(rows[1]["severity"], "P2");
    assert_eq!(rows[2]["category"], "other");
    assert_eq!(rows[3]["isp"], "outlook");
    assert_eq!(rows[3]["category"], "rate_limit");
}

#[test]
fn lines_survive_binary_input() {
    let mut input = Vec::new();
    for i in 0..2000u32 {
        input.extend_from_slice(&i.to_le_bytes());
        input.extend_from_slice(b"\xc3\x28 550 5.1.1 \xff user unknown\n");
    }
    let out = guide(&["--lines"], &input);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("JSON output is UTF-8");
    assert_eq!(
        text.lines().count(),
        input.iter().filter(|&&b| b == b'\n').count()
    );
}

#[test]
fn pretty_prints_one_object() {
    let out = guide(&["--pretty", "--text", "550 5.1.1 user unknown"], b"");
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(text.lines().count() > 5);
    assert_eq!(json(&out)["category"], "recipient");
}
