//! Properties of the accounting reader on generated input: chunk boundaries never change
//! the report, and every line is either a header, a blank line, a counted record, a
//! record of another type or a bad row.

use classify::acct::{analyse, AcctReader};
use proptest::prelude::*;

/// Pieces of accounting lines: types, addresses, quoting, separators, line ends.
const PIECES: &[&str] = &[
    "d,",
    "t,",
    "b,",
    "rb,",
    "type,rcpt,dsnDiag,dsnMta\n",
    "rcpt,type\n",
    "a@gmail.com,",
    "x@corp.example,",
    "nobody,",
    "\"smtp;421 4.7.0 try, later\",",
    "\"say \"\"hi\"\"\",",
    "\"open,",
    "smtp;550 5.1.1 unknown,",
    "gmail-smtp-in.l.google.com (1.2.3.4)",
    "mx.example.org",
    ",",
    "\"",
    "\r\n",
    "\n",
    "\n",
    "\n",
    " ",
    "\u{feff}",
    "é",
];

fn file() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(prop::sample::select(PIECES), 0..300)
        .prop_map(|p| p.concat().into_bytes())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn chunking_never_changes_the_report(bytes in file(), cuts in prop::collection::vec(1usize..64, 1..40)) {
        let whole = analyse(&bytes);
        let mut reader = AcctReader::new();
        let mut rest = &bytes[..];
        for cut in cuts.iter().cycle() {
            if rest.is_empty() {
                break;
            }
            let (chunk, tail) = rest.split_at((*cut).min(rest.len()));
            reader.push(chunk);
            rest = tail;
        }
        prop_assert_eq!(reader.finish(), whole);
    }

    #[test]
    fn every_line_is_accounted_for(bytes in file()) {
        let r = analyse(&bytes);
        let text = String::from_utf8_lossy(&bytes);
        let lines = text.split('\n').count() as u64 - u64::from(text.ends_with('\n') || text.is_empty());
        prop_assert_eq!(r.lines, lines);
        let other: u64 = r.other_records.values().sum();
        prop_assert!(r.records + other + r.bad_rows <= r.lines);
        prop_assert_eq!(r.records, r.delivered + r.deferred + r.bounced);
        prop_assert_eq!(r.records, r.isps.iter().map(|s| s.records).sum::<u64>());
        prop_assert!(r.bad_row_samples.windows(2).all(|w| w[0].line < w[1].line));
        prop_assert!(r.bad_row_samples.iter().all(|b| b.line >= 1 && b.line <= r.lines));
    }
}
