//! `guide classify --acct`: the table, the JSON, progress and errors.

use std::io::Cursor;
use std::path::PathBuf;

use guide::cli::acct::{analyse_reader, render_table, run_to, Progress, Terminals, EXIT_TRUNCATED};

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

/// `--json` on a file holding `content`: the exit code, the JSON, what went to stderr.
fn json_of(name: &str, content: &str) -> (std::process::ExitCode, serde_json::Value, Vec<u8>) {
    let path = temp_file(name, content);
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run_to(
        path.to_str().unwrap(),
        true,
        Terminals::default(),
        &mut out,
        &mut err,
    )
    .unwrap();
    std::fs::remove_file(&path).unwrap();
    (code, serde_json::from_slice(&out).unwrap(), err)
}

#[test]
fn json_output_has_the_counts_rates_and_severity() {
    let (_, json, err) = json_of("json.csv", &sample());
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
    let table = render_table(&report, "acct.csv", false);
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
        .find(|l| l.starts_with("Gmail "))
        .expect("gmail row");
    assert_eq!(
        gmail.split_whitespace().collect::<Vec<_>>(),
        ["Gmail", "100", "78", "22", "0", "22.0", "0.0"]
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
            "Suggested severity: P3\n  - P3: Gmail: deferral rate 22.0% (22 of 100 records)"
        ),
        "{table}"
    );
    assert!(
        table.contains("  line 152: 2 fields where the header has 7"),
        "{table}"
    );
    assert!(table.contains("Blocklists cited: none"), "{table}");
    // Causes by their display names, as in the page.
    let cause = lines
        .iter()
        .skip_while(|l| !l.starts_with("Top causes"))
        .nth(1)
        .expect("a cause line");
    let label = classify::Category::RateLimit.label();
    assert!(
        cause.trim_start().starts_with("Gmail") && cause.contains(&format!(" {label} ")),
        "{table}"
    );
    assert!(!table.contains("rate_limit"), "{table}");
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
        Terminals::default(),
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
    let table = render_table(&report, "x.csv", false);
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
    assert!(!render_table(&plain, "x.csv", false).contains("Per VirtualMTA"));
}

/// Gmail's deferrals rise from 2% to 40% at 10:30 and stay there; Yahoo stays at 1%.
fn incident() -> String {
    let mut s = String::from("type,timeLogged,rcpt,dsnStatus,dsnDiag\n");
    for m in 0..60 {
        for i in 0..50 {
            let failed = if m < 30 { i < 1 } else { i < 20 };
            let kind = if failed { "t" } else { "d" };
            s.push_str(&format!(
                "{kind},2026-09-21 10:{m:02}:{i:02}+0000,u{i}@gmail.com,4.7.28,smtp;421 4.7.28 rate limited\n"
            ));
            if i < 20 {
                let kind = if m % 5 == 0 && i == 0 { "t" } else { "d" };
                s.push_str(&format!(
                    "{kind},2026-09-21 10:{m:02}:{i:02}+0000,y{i}@yahoo.com,4.7.0,smtp;421 4.7.0 later\n"
                ));
            }
        }
    }
    s
}

#[test]
fn the_json_has_the_timeline_and_each_isps_start_and_trend() {
    let (code, json, _) = json_of("timeline.csv", &incident());
    assert_eq!(code, std::process::ExitCode::SUCCESS);
    let t = &json["timeline"];
    assert_eq!(t["interval_seconds"], 60);
    assert_eq!(t["start"], "2026-09-21T10:00:00Z");
    assert_eq!(t["end"], "2026-09-21T11:00:00Z");
    assert_eq!(t["isps"][0]["isp"], "gmail");
    let points = t["isps"][0]["points"].as_array().unwrap();
    assert_eq!(points.len(), 60);
    assert_eq!(points[30]["t"], "2026-09-21T10:30:00Z");
    assert_eq!(
        (
            &points[30]["delivered"],
            &points[30]["deferred"],
            &points[30]["bounced"]
        ),
        (
            &serde_json::json!(30),
            &serde_json::json!(20),
            &serde_json::json!(0)
        )
    );
    let gmail = &json["isps"][0];
    assert_eq!(gmail["started_at"], "2026-09-21T10:30:00Z");
    assert_eq!(gmail["trend"], "flat");
    assert_eq!(gmail["affected"], true);
    assert_eq!(json["isps"][1]["isp"], "yahoo");
    assert_eq!(json["isps"][1]["started_at"], serde_json::Value::Null);
    assert_eq!(json["truncated"], false);
}

#[test]
fn the_text_gives_start_and_trend_and_a_sparkline_on_a_terminal() {
    let report = analyse_reader(
        Cursor::new(incident()),
        None,
        Progress::None,
        &mut Vec::new(),
    )
    .unwrap();
    let text = render_table(&report, "x.csv", false);
    assert!(
        text.contains(
            "Timeline: 2026-09-21 10:00 UTC to 2026-09-21 11:00 UTC in intervals of 1 min\n  \
             Gmail: started 2026-09-21 10:30 UTC; peak 40.0% at 2026-09-21 10:32 UTC\n    \
             steady since 2026-09-21 10:30 UTC (40.0% deferred or bounced at the end of the file)\n"
        ),
        "{text}"
    );
    assert!(!text.contains("Yahoo / AOL: started"), "{text}");
    assert!(!text.contains('█'), "no sparkline off a terminal");
    let text = render_table(&report, "x.csv", true);
    let spark = text
        .lines()
        .find(|l| l.contains("deferred or bounced, ▁ 0% to █ 40%"))
        .expect("a sparkline");
    // Half the file at 2%, half at 40%.
    let bars: Vec<char> = spark.trim().chars().take(60).collect();
    assert!(bars[..30].iter().all(|c| *c == '▁'), "{spark}");
    assert!(bars[30..].iter().all(|c| *c == '█'), "{spark}");
    assert!(
        text.contains("When it started:"),
        "the rule is in the rules"
    );
}

/// The sample, gzipped, then cut, damaged or followed by other bytes.
fn damaged(how: &str) -> Vec<u8> {
    let mut big = String::new();
    for _ in 0..40 {
        big.push_str(&sample());
    }
    let mut gz = gzip(&big);
    match how {
        "cut" => gz.truncate(gz.len() / 2),
        "corrupt" => {
            let mid = gz.len() / 2;
            for b in &mut gz[mid..mid + 64] {
                *b ^= 0x5a;
            }
        }
        _ => gz.extend_from_slice(b"this is not gzip\n"),
    }
    gz
}

#[test]
fn a_cut_damaged_or_trailing_gzip_file_still_gives_its_report() {
    for how in ["cut", "corrupt", "trailing"] {
        let report = analyse_reader(
            Cursor::new(damaged(how)),
            None,
            Progress::None,
            &mut Vec::new(),
        )
        .unwrap();
        assert!(report.truncated, "{how}");
        assert!(
            report.records > 0,
            "{how}: the rows before the damage count"
        );
        assert!(
            report.warnings[0].starts_with("the file ends early: the gzip data is cut off"),
            "{how}: {:?}",
            report.warnings
        );
        assert!(
            report.warnings[0].contains(" unpacked bytes, in line "),
            "{how}"
        );
        let text = render_table(&report, "x.csv.gz", false);
        assert!(
            text.lines()
                .nth(1)
                .unwrap()
                .starts_with("WARNING: the file ends early"),
            "{how}: {text}"
        );
    }
    // Trailing bytes come after the whole file: every record is there.
    let report = analyse_reader(
        Cursor::new(damaged("trailing")),
        None,
        Progress::None,
        &mut Vec::new(),
    )
    .unwrap();
    assert_eq!(report.records, 40 * 150);
}

#[test]
fn the_binary_exits_3_with_the_report_when_the_file_ends_early() {
    for how in ["cut", "corrupt", "trailing"] {
        let path = std::env::temp_dir().join(format!(
            "guide-cli-acct-{}-{how}.csv.gz",
            std::process::id()
        ));
        std::fs::write(&path, damaged(how)).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_guide"))
            .args(["classify", "--acct", path.to_str().unwrap(), "--json"])
            .output()
            .unwrap();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(out.status.code(), Some(i32::from(EXIT_TRUNCATED)), "{how}");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["truncated"], true, "{how}");
        assert!(json["records"].as_u64().unwrap() > 0, "{how}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with("warning: the file ends early"),
            "{how}: {err}"
        );
    }
}
