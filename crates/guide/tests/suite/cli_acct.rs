//! `guide classify --acct`: the table, the JSON, progress and errors.

use std::io::Cursor;
use std::path::PathBuf;

use guide::cli::acct::{analyse_reader, render_table, run_to, Progress};

/// 100 Gmail records with 22 deferrals, 50 Yahoo records with 1 bounce, one bad row.
fn sample() -> String {
    let mut s = String::from("type,timeLogged,rcpt,dsnStatus,dsnDiag,dsnMta,bounceCat\n");
    for i in 0..100 {
        if i < 22 {
            s.push_str(&format!(
                "t,2026-09-21 10:{:02}:00+0000,u{i}@gmail.com,4.7.28,\"smtp;421 4.7.28 unusual rate, rate limited\",gmail-smtp-in.l.google.com (1.2.3.4),\n",
                i
            ));
        } else {
            s.push_str(&format!("d,2026-09-21 11:00:00+0000,u{i}@gmail.com,2.0.0,smtp;250 ok,gmail-smtp-in.l.google.com,\n"));
        }
    }
    for i in 0..50 {
        if i == 7 {
            s.push_str("b,2026-09-21 11:30:00+0000,y@yahoo.com,5.1.1,smtp;554 delivery error: dd This user doesn't have a yahoo.com account,mta5.am0.yahoodns.net,bad-mailbox\n");
        } else {
            s.push_str(&format!("d,2026-09-21 11:00:00+0000,y{i}@yahoo.com,2.0.0,smtp;250 ok,mta5.am0.yahoodns.net,\n"));
        }
    }
    s.push_str("d,broken row\n");
    s
}

fn temp_file(name: &str, content: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("guide-cli-acct-{}-{name}", std::process::id()));
    std::fs::write(&path, content).unwrap();
    path
}

#[test]
fn json_output_has_the_counts_rates_and_severity() {
    let path = temp_file("json.csv", &sample());
    let (mut out, mut err) = (Vec::new(), Vec::new());
    run_to(path.to_str().unwrap(), true, false, &mut out, &mut err).unwrap();
    std::fs::remove_file(&path).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["severity"], "P3");
    assert_eq!(json["records"], 150);
    assert_eq!(json["bad_rows"], 1);
    assert_eq!(json["bad_row_samples"][0]["line"], 152);
    assert_eq!(json["isps"][0]["isp"], "gmail");
    assert_eq!(json["isps"][0]["deferred"], 22);
    assert_eq!(json["isps"][0]["deferral_rate"], 22.0);
    assert_eq!(json["isps"][1]["isp"], "yahoo");
    assert_eq!(json["isps"][1]["bounce_rate"], 2.0);
    assert!(err.is_empty(), "no progress for a small file");
}

#[test]
fn the_table_lists_each_isp_the_severity_and_the_rate_definition() {
    let report =
        analyse_reader(Cursor::new(sample()), None, Progress::None, &mut Vec::new()).unwrap();
    let table = render_table(&report, "acct.csv");
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines[0], "PowerMTA accounting file: acct.csv");
    assert_eq!(
        lines[1],
        "150 records (127 delivered, 22 deferred, 1 bounced) in 152 lines; 1 bad rows"
    );
    assert_eq!(
        lines[2],
        "time window: 2026-09-21 10:00:00+0000 .. 2026-09-21 11:30:00+0000 (1 h 30 min)"
    );
    let gmail = lines
        .iter()
        .find(|l| l.starts_with("gmail "))
        .expect("gmail row");
    assert_eq!(
        gmail.split_whitespace().collect::<Vec<_>>(),
        ["gmail", "100", "78", "22", "0", "22.0", "0.0"]
    );
    let all = lines
        .iter()
        .find(|l| l.starts_with("all "))
        .expect("total row");
    assert_eq!(
        all.split_whitespace().collect::<Vec<_>>(),
        ["all", "150", "127", "22", "1", "14.7", "0.7"]
    );
    assert!(
        table.contains(
            "Suggested severity: P3\n  - P3: gmail: deferral rate 22.0% (22 of 100 records)"
        ),
        "{table}"
    );
    assert!(
        table.contains("  line 152: 2 fields where the header has 7"),
        "{table}"
    );
    assert!(table.contains("Blocklists cited: none"), "{table}");
    assert!(table.contains("deferral rate = t / (d + b + t)"), "{table}");
    assert!(
        table.contains("How the level is chosen:\n  P2: more than 30% of all records"),
        "{table}"
    );
}

#[test]
fn large_files_report_progress_in_steps() {
    let mut file = String::from("type,rcpt\n");
    while file.len() < 3 << 20 {
        file.push_str("d,someone@gmail.com\n");
    }
    let size = file.len() as u64;
    let mut err = Vec::new();
    let report = analyse_reader(Cursor::new(file), Some(size), Progress::Steps, &mut err).unwrap();
    let err = String::from_utf8(err).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert!(lines.len() >= 2, "{err}");
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with("read ") && l.contains(" records, ")),
        "{err}"
    );
    assert!(lines.last().unwrap().contains("(100%)"), "{err}");
    assert_eq!(report.records, (size - 10) / 20);
}

#[test]
fn progress_only_for_terminals_or_large_files() {
    assert_eq!(Progress::choose(Some(1 << 20), true), Progress::None);
    assert_eq!(Progress::choose(Some(100 << 20), true), Progress::Live);
    assert_eq!(Progress::choose(None, true), Progress::Live);
    assert_eq!(Progress::choose(None, false), Progress::None);
    assert_eq!(Progress::choose(Some(100 << 20), false), Progress::None);
    assert_eq!(Progress::choose(Some(300 << 20), false), Progress::Steps);
}

#[test]
fn a_missing_file_is_an_error_naming_it() {
    let err = run_to(
        "/nonexistent/acct.csv",
        false,
        false,
        &mut Vec::new(),
        &mut Vec::new(),
    )
    .unwrap_err();
    assert!(
        format!("{err:#}").contains("/nonexistent/acct.csv"),
        "{err:#}"
    );
}

#[test]
fn the_binary_reads_a_file_or_stdin() {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let path = temp_file("bin.csv", &sample());
    let out = Command::new(env!("CARGO_BIN_EXE_guide"))
        .args(["classify", "--acct", path.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    std::fs::remove_file(&path).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (json["severity"].as_str(), json["records"].as_u64()),
        (Some("P3"), Some(150))
    );

    let mut child = Command::new(env!("CARGO_BIN_EXE_guide"))
        .args(["classify", "--acct", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(sample().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.starts_with("PowerMTA accounting file: stdin\n150 records"),
        "{table}"
    );
}

fn gzip(text: &str) -> Vec<u8> {
    use std::io::Write as _;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(text.as_bytes()).unwrap();
    enc.finish().unwrap()
}

#[test]
fn gzipped_files_are_read_as_they_are_even_concatenated() {
    let plain =
        analyse_reader(Cursor::new(sample()), None, Progress::None, &mut Vec::new()).unwrap();
    let packed = analyse_reader(
        Cursor::new(gzip(&sample())),
        None,
        Progress::None,
        &mut Vec::new(),
    )
    .unwrap();
    assert_eq!(packed, plain);
    // `cat acct-1.csv.gz acct-2.csv.gz`: two members, each with its header row.
    let mut two = gzip(&sample());
    two.extend(gzip("type,rcpt\nd,x@orange.fr\n"));
    let report = analyse_reader(Cursor::new(two), None, Progress::None, &mut Vec::new()).unwrap();
    assert_eq!((report.records, report.bad_rows), (151, 1));
    assert!(report
        .isps
        .iter()
        .any(|s| s.isp == classify::Isp::Orange && s.delivered == 1));
}

#[test]
fn the_table_has_a_row_per_virtual_mta() {
    let file = "type,rcpt,vmta\nd,a@gmail.com,pool-a\nt,b@gmail.com,pool-b\nd,c@gmail.com,pool-b\n";
    let report = analyse_reader(Cursor::new(file), None, Progress::None, &mut Vec::new()).unwrap();
    let table = render_table(&report, "x.csv");
    let rows: Vec<Vec<&str>> = table
        .lines()
        .skip_while(|l| !l.starts_with("Per VirtualMTA"))
        .skip(2)
        .take(2)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        rows,
        [
            ["pool-b", "2", "1", "1", "0", "50.0", "0.0"],
            ["pool-a", "1", "1", "0", "0", "0.0", "0.0"]
        ]
    );
    let plain =
        analyse_reader(Cursor::new(sample()), None, Progress::None, &mut Vec::new()).unwrap();
    assert!(!render_table(&plain, "x.csv").contains("Per VirtualMTA"));
}
