//! The timeline of an accounting file: its points add up to the per-ISP totals and stay
//! under the bound for any span and order (property tests), and the start of an incident
//! is found where `tests/acct/gen-acct.py --incident` put it.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use classify::acct::{analyse, AcctReader, AcctReport, TimePoint, Trend, MAX_POINTS};
use classify::Isp;
use proptest::prelude::*;
use serde_json::Value;

/// Every ISP's points plus its unplaced records add up to its totals (kind by kind when
/// none is unplaced); the points are in time order, at most [`MAX_POINTS`], inside the
/// timeline's range. RFC 3339 UTC times of years 0000-9999 sort as text.
fn check_timeline(r: &AcctReport) -> Result<(), TestCaseError> {
    let Some(t) = &r.timeline else {
        prop_assert!(r.isps.iter().all(|s| s.started_at.is_none()));
        return Ok(());
    };
    prop_assert!(t.interval_seconds >= 60 && t.interval_seconds % 60 == 0);
    prop_assert!(t.start < t.end);
    prop_assert_eq!(t.isps.len(), r.isps.len());
    for (line, stats) in t.isps.iter().zip(&r.isps) {
        prop_assert_eq!(line.isp, stats.isp);
        prop_assert!(line.points.len() as i64 <= MAX_POINTS);
        prop_assert!(line.points.windows(2).all(|w| w[0].t < w[1].t));
        prop_assert!(line.points.iter().all(|p| p.t >= t.start && p.t < t.end));
        let sum = |f: fn(&TimePoint) -> u64| line.points.iter().map(f).sum::<u64>();
        let placed = (
            sum(|p| p.delivered),
            sum(|p| p.deferred),
            sum(|p| p.bounced),
        );
        prop_assert_eq!(
            placed.0 + placed.1 + placed.2 + line.unplaced,
            stats.records,
            "{:?}",
            stats.isp
        );
        if line.unplaced == 0 {
            prop_assert_eq!(placed, (stats.delivered, stats.deferred, stats.bounced));
        }
    }
    let unplaced: u64 = t.isps.iter().map(|l| l.unplaced).sum();
    prop_assert_eq!(unplaced, t.untimed + t.outside);
    Ok(())
}

/// A record's time within a span of `scale` (0: an hour, 1: a day, 2: a month, 3: a
/// century), or one in twenty unreadable.
fn time(scale: u8) -> impl Strategy<Value = String> {
    (
        0..20u8,
        1970..2100i32,
        1..=12u8,
        1..=28u8,
        0..24u8,
        0..60u8,
        0..60u8,
    )
        .prop_map(move |(bad, y, mo, d, h, mi, s)| {
            let (y, mo, d, h) = match scale {
                0 => (2026, 9, 21, 12),
                1 => (2026, 9, 21, h),
                2 => (2026, 9, d, h),
                _ => (y, mo, d, h),
            };
            if bad == 0 {
                "yesterday".to_owned()
            } else {
                format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}+0000")
            }
        })
}

/// Recipients at the big ISPs and at company domains (whose ISP is found from `dsnMta`
/// or never), with and without a receiving host.
const RCPTS: &[(&str, &str)] = &[
    ("a@gmail.com", "gmail-smtp-in.l.google.com (1.2.3.4)"),
    ("b@yahoo.com", ""),
    (
        "c@corp.example",
        "corp-example.mail.protection.outlook.com (52.1.1.1)",
    ),
    ("d@corp.example", ""),
    ("e@shop.example", "mx.shop.example (5.6.7.8)"),
    ("f@late.example", ""),
    ("g@late.example", "aspmx.l.google.com (1.2.3.4)"),
];

fn file() -> impl Strategy<Value = Vec<u8>> {
    (0..4u8).prop_flat_map(|scale| {
        prop::collection::vec(
            (
                prop::sample::select(&["d", "t", "b"][..]),
                time(scale),
                prop::sample::select(RCPTS),
            ),
            0..400,
        )
        .prop_map(|rows| {
            let mut f = String::from("type,timeLogged,rcpt,dsnMta,dsnDiag\n");
            for (kind, time, (rcpt, mta)) in rows {
                f.push_str(&format!("{kind},{time},{rcpt},{mta},smtp;421 try later\n"));
            }
            f.into_bytes()
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_points_add_up_and_stay_bounded(bytes in file()) {
        check_timeline(&analyse(&bytes))?;
    }

    #[test]
    fn chunking_never_changes_the_timeline(bytes in file(), cut in 1usize..97) {
        let mut reader = AcctReader::new();
        for chunk in bytes.chunks(cut) {
            reader.push(chunk);
        }
        prop_assert_eq!(reader.finish(), analyse(&bytes));
    }
}

#[test]
fn a_file_that_spans_years_has_a_bounded_timeline_and_a_warning() {
    let mut f = String::from("type,timeLogged,rcpt\n");
    for y in 1970..2100 {
        for m in [1, 7] {
            f.push_str(&format!("d,{y}-{m:02}-01 00:00:00+0000,u@gmail.com\n"));
        }
    }
    let r = analyse(f.as_bytes());
    check_timeline(&r).unwrap();
    let t = r.timeline.as_ref().unwrap();
    assert!(t.interval_seconds >= 86_400 * 64, "{}", t.interval_seconds);
    assert_eq!((t.outside, t.untimed), (0, 0));
    assert!(
        r.warnings.iter().any(|w| w.starts_with("the records span")),
        "{:?}",
        r.warnings
    );
}

#[test]
fn a_record_with_a_wrong_clock_is_left_out_and_named() {
    let mut f = String::from("type,timeLogged,rcpt\n");
    f.push_str("t,1970-01-01 00:00:00+0000,u@gmail.com\n");
    for m in 0..300 {
        f.push_str(&format!(
            "d,2026-09-21 {:02}:{:02}:00+0000,u@gmail.com\n",
            m / 60,
            m % 60
        ));
    }
    let r = analyse(f.as_bytes());
    check_timeline(&r).unwrap();
    let t = r.timeline.as_ref().unwrap();
    assert_eq!(t.interval_seconds, 60);
    assert_eq!((t.outside, t.isps[0].unplaced), (1, 1));
    assert_eq!(t.isps[0].points.len(), 300);
    assert!(
        r.warnings.iter().any(|w| {
            w.starts_with(
            "1 records logged between 1970-01-01T00:00:00Z and 1970-01-01T00:00:00Z are far in time"
        )
        }),
        "{:?}",
        r.warnings
    );
}

/// Runs `tests/acct/gen-acct.py` with `args`; the file and the generator's expectations.
fn generate(name: &str, args: &[&str]) -> (Vec<u8>, Value) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    // A folder per call: tests run on several threads of one process, and each call
    // removes its folder when done (one folder per process let a test remove another's
    // files while its generator was writing them).
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("acct-timeline-{}-{call}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (csv, json) = (
        dir.join(format!("{name}.csv")),
        dir.join(format!("{name}.json")),
    );
    let status = Command::new("python3")
        .arg(root.join("tests/acct/gen-acct.py"))
        .args(args)
        .arg("-o")
        .arg(&csv)
        .arg("--expect")
        .arg(&json)
        .status()
        .expect("python3 runs tests/acct/gen-acct.py");
    assert!(status.success(), "gen-acct.py {args:?}");
    let out = (
        std::fs::read(&csv).unwrap(),
        serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap(),
    );
    let _ = std::fs::remove_dir_all(&dir);
    out
}

/// The ISPs whose start was found, with the time.
fn starts(r: &AcctReport) -> Vec<(Isp, String)> {
    r.isps
        .iter()
        .filter_map(|s| Some((s.isp, s.started_at.clone()?)))
        .collect()
}

/// Seconds between two RFC 3339 UTC times of the same day.
fn seconds_between(a: &str, b: &str) -> i64 {
    let secs = |t: &str| {
        assert_eq!(a[..10], t[..10], "{a} {t}");
        let n = |r: std::ops::Range<usize>| t[r].parse::<i64>().unwrap();
        n(11..13) * 3600 + n(14..16) * 60 + n(17..19)
    };
    secs(b) - secs(a)
}

#[test]
fn the_start_of_a_generated_incident_is_found_within_an_interval() {
    for (seed, isp, spec) in [
        ("1", Isp::Gmail, "gmail=35:1@2h20m"),
        ("2", Isp::Gmail, "gmail=25:0@1h"),
        ("3", Isp::Yahoo, "yahoo=30:0@2h47m"),
    ] {
        let (bytes, expect) = generate(
            "incident",
            &[
                "--records",
                "20000",
                "--span",
                "4h",
                "--seed",
                seed,
                "--incident",
                spec,
            ],
        );
        let r = analyse(&bytes);
        check_timeline(&r).unwrap();
        let interval = r.timeline.as_ref().unwrap().interval_seconds;
        assert_eq!(interval, 60);
        let found = starts(&r);
        assert_eq!(found.len(), 1, "{spec}: {found:?}");
        assert_eq!(found[0].0, isp, "{spec}");
        let off = seconds_between(expect["incident"]["start"].as_str().unwrap(), &found[0].1);
        assert!((-interval..=interval).contains(&off), "{spec}: {off} s off");
        let stats = r.isps.iter().find(|s| s.isp == isp).unwrap();
        assert!(stats.affected);
        assert_eq!(stats.trend, Some(Trend::Flat), "{spec}");
        assert!(r.isps.iter().filter(|s| s.affected).count() == 1, "{spec}");
    }
}

#[test]
fn an_incident_near_the_end_is_rising_and_none_is_no_start() {
    let (bytes, _) = generate(
        "rising",
        &[
            "--records",
            "20000",
            "--span",
            "4h",
            "--incident",
            "outlook=3:20@3h45m",
        ],
    );
    let r = analyse(&bytes);
    let outlook = r.isps.iter().find(|s| s.isp == Isp::Outlook).unwrap();
    assert_eq!(outlook.trend, Some(Trend::Rising));
    assert!(outlook.started_at.is_some());
    for seed in ["1", "2"] {
        let (bytes, _) = generate(
            "calm",
            &["--records", "20000", "--span", "1d", "--seed", seed],
        );
        let r = analyse(&bytes);
        check_timeline(&r).unwrap();
        assert_eq!(starts(&r), [], "seed {seed}");
        assert_eq!(r.timeline.unwrap().interval_seconds, 300);
    }
}
