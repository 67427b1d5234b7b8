//! Whole bounce messages kept in the repository (`tests/corpus/set-of-emails-rest/`):
//! messages of sisimai's `set-of-emails` that are not among those the team keeps beside
//! the repository, each labelled in `answers.tsv` with sisimai 4.25's answer and the
//! fields we expect (the kind of message, the delivery status, the reply code, the failed
//! recipient's domain, and our category, receiving ISP and severity). The expected
//! fields are sisimai's where the message bears them out; where the message says
//! otherwise, the row's `note` says why (see the folder's README).
//!
//! The test prints a per-field table and the disagreements, and fails below the goals.
//!
//! Run with `cargo test -p classify --test suite messages_rest -- --nocapture`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use classify::{classify_message, Context};

use crate::messages::{ours, Tally};

/// The goals, in percent of the rows that carry the field.
const GOALS: [(&str, f64); 7] = [
    ("kind", 100.0),
    ("status", 95.0),
    ("reply", 95.0),
    ("domain", 95.0),
    ("category", 98.0),
    ("isp", 95.0),
    ("severity", 97.0),
];

/// The corpus must keep at least this many messages.
const MIN_MESSAGES: usize = 100;

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/set-of-emails-rest")
}

/// One labelled message: the file, then (after sisimai's four answers, kept for
/// reference) the expected fields; an empty field is not checked.
struct Row {
    file: String,
    sisimai_reason: String,
    expected: [String; 7],
}

fn rows() -> Vec<Row> {
    let path = folder().join("answers.tsv");
    let tsv = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = tsv.lines();
    let header: Vec<&str> = lines.next().expect("a header").split('\t').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("answers.tsv has no column {name}"))
    };
    let fields = GOALS.map(|(f, _)| col(f));
    let (file, reason) = (col("file"), col("sisimai_reason"));
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(
                f.len(),
                header.len(),
                "answers.tsv: a row of {} fields: {l}",
                f.len()
            );
            Row {
                file: f[file].to_owned(),
                sisimai_reason: f[reason].to_owned(),
                expected: fields.map(|i| f[i].to_owned()),
            }
        })
        .collect()
}

#[test]
fn messages_kept_in_the_repository_match_their_labels() {
    let rows = rows();
    let mut tally: BTreeMap<&str, Tally> =
        GOALS.iter().map(|(f, _)| (*f, Tally::default())).collect();
    let mut disagreements = Vec::new();
    let ctx = Context::default();
    for row in &rows {
        let path = folder().join(&row.file);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let answers = classify_message(&bytes, &ctx);
        let [_, status, _, domain, ..] = &row.expected;
        let got = ours(&answers, domain, status);
        let have = [
            &got.kind,
            &got.status,
            &got.reply,
            &got.domain,
            &got.category,
            &got.isp,
            &got.severity,
        ];
        for ((field, _), (want, have)) in GOALS.iter().zip(row.expected.iter().zip(have)) {
            if want.is_empty() {
                continue;
            }
            let t = tally.get_mut(field).expect("a field");
            t.checked += 1;
            if want == have {
                t.right += 1;
            } else {
                disagreements.push(format!(
                    "{} {field}: want {want}, ours {have} (sisimai {}) [{}]",
                    row.file, row.sisimai_reason, got.rule
                ));
            }
        }
    }
    let mut table = format!("{} messages of set-of-emails-rest:\n", rows.len());
    for (f, _) in GOALS {
        let _ = writeln!(table, "{}", tally[f].line(f));
    }
    println!("{table}");
    println!("{} disagreements:", disagreements.len());
    for d in &disagreements {
        println!("  {d}");
    }
    let short: Vec<String> = GOALS
        .iter()
        .filter(|(f, goal)| tally[f].pct() < *goal)
        .map(|(f, goal)| format!("{f} {:.1}% < {goal}%", tally[f].pct()))
        .collect();
    assert!(short.is_empty(), "below the goals: {}", short.join(", "));
    assert!(rows.len() >= MIN_MESSAGES, "only {} messages", rows.len());
}
