//! A committed accounting file made by `tests/acct/gen-acct.py` (400 records, CRLF,
//! PowerMTA's default fields, two truncated rows, Spamhaus bounces at company domains)
//! against the counts the generator wrote next to it: the reader and the generator agree,
//! which is also what `tests/acct/bench.sh` relies on for large files.

use classify::acct::{analyse, AcctReader};
use classify::{Blocklist, Isp, Severity};
use serde_json::Value;

const FILE: &[u8] = include_bytes!("../../../../tests/acct/fixtures/acct-400.csv");
const EXPECT: &str = include_str!("../../../../tests/acct/fixtures/acct-400.expect.json");

fn isp_key(isp: Isp) -> &'static str {
    isp.as_str()
}

#[test]
fn the_reader_counts_what_the_generator_wrote() {
    let expect: Value = serde_json::from_str(EXPECT).unwrap();
    let report = analyse(FILE);
    assert_eq!(report.records, expect["records"].as_u64().unwrap());
    assert_eq!(report.bad_rows, expect["bad_rows"].as_u64().unwrap());
    let lines: Vec<u64> = report.bad_row_samples.iter().map(|b| b.line).collect();
    let want: Vec<u64> = expect["bad_lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert_eq!(lines, want);
    let with_records = expect["isps"].as_object().unwrap().values().filter(|v| {
        ["delivered", "deferred", "bounced"]
            .iter()
            .map(|k| v[k].as_u64().unwrap())
            .sum::<u64>()
            > 0
    });
    assert_eq!(report.isps.len(), with_records.count());
    for s in &report.isps {
        let e = &expect["isps"][isp_key(s.isp)];
        let got = (s.delivered, s.deferred, s.bounced);
        let want = (
            e["delivered"].as_u64().unwrap(),
            e["deferred"].as_u64().unwrap(),
            e["bounced"].as_u64().unwrap(),
        );
        assert_eq!(got, want, "{:?}", s.isp);
        let listed = s
            .blocklists
            .iter()
            .filter(|l| l.blocklist == Blocklist::Spamhaus)
            .map(|l| l.count)
            .sum::<u64>();
        assert_eq!(listed, e["blocklisted"].as_u64().unwrap(), "{:?}", s.isp);
    }
}

#[test]
fn the_generators_four_vmtas_share_the_records() {
    let report = analyse(FILE);
    let mut names: Vec<&str> = report.vmtas.iter().map(|v| v.vmta.as_str()).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        ["vmta-news-0", "vmta-news-1", "vmta-news-2", "vmta-news-3"]
    );
    assert_eq!(report.vmtas.iter().map(|v| v.records).sum::<u64>(), 400);
    assert!(
        report.vmtas.iter().all(|v| v.records == 100),
        "{:?}",
        report.vmtas
    );
}

#[test]
fn spamhaus_at_volume_is_p2_and_gmail_deferrals_p3() {
    let report = analyse(FILE);
    assert_eq!(report.severity, Severity::P2);
    assert!(
        report.reasons[0].starts_with("P2: Other provider: blocklist Spamhaus cited in 13"),
        "{:?}",
        report.reasons
    );
    assert!(
        report
            .reasons
            .iter()
            .any(|r| r.starts_with("P3: Gmail: deferral rate 21.7% (33 of 152 records)")),
        "{:?}",
        report.reasons
    );
}

#[test]
fn the_fixture_read_in_4_kb_chunks_gives_the_same_report() {
    let mut reader = AcctReader::new();
    for chunk in FILE.chunks(4096) {
        reader.push(chunk);
    }
    assert_eq!(reader.finish(), analyse(FILE));
}
