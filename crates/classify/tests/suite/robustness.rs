//! No panic on any input, and work linear in the input length (counted, not timed).

use classify::report::{build_email, Contacts, ReportFields, MAX_MAILTO};
use classify::{
    assess, classify_bytes, diagnose_bytes, diagnose_counted, Context, Scope, Snds, Volume,
};
use proptest::prelude::*;

/// Fragments that exercise every pass: reply codes, enhanced codes and look-alikes,
/// multi-line prefixes, escapes, hosts, addresses, URLs, list names, Orange numbers.
const FRAGMENTS: &[&str] = &[
    "550",
    "550-",
    "550 ",
    "5.7.26",
    "4.16.55.1",
    "(#5.1.1)",
    "dsn=4.4.1",
    "Status: 5.0.0",
    "\\n",
    "\r\n",
    "\n\n",
    " ",
    "smtp;",
    "said: ",
    "host ",
    "mx1.example.net",
    "[192.0.2.1]",
    "@",
    "a@b.c",
    "http://",
    "www.",
    ".",
    "-",
    "spamhaus",
    "blocked using ",
    "open resolver",
    "cuda_nsu",
    "OFR_",
    "[102]",
    "_",
    "gsmtp",
    "user unknown",
    "try again later",
    "(508)",
    "421, ",
    "\u{e9}",
    "\u{fffd}",
    "remote-mta: dns;",
    "*.",
    "x.xx.xx.xx",
    "relay=",
    ",",
    "),",
    "0",
    "9",
    "ab",
    "554-",
    "451 4.7.1 ",
];

fn fragments() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..400).prop_map(|v| v.concat())
}

fn any_context() -> impl Strategy<Value = Context> {
    (
        prop::option::of(prop_oneof![any::<f64>(), 0.0..100.0f64]),
        prop::option::of(prop_oneof![
            Just(Scope::One),
            Just(Scope::Several),
            Just(Scope::All)
        ]),
        any::<bool>(),
        any::<[bool; 4]>(),
        prop::option::of(prop_oneof![
            Just(Snds::Green),
            Just(Snds::Yellow),
            Just(Snds::Red)
        ]),
    )
        .prop_map(|(rate, scope, few, flags, snds)| Context {
            rate,
            scope,
            volume: if few { Volume::Few } else { Volume::Many },
            powermta_down: flags[0],
            mailwizz_down: flags[1],
            full_outage: flags[2],
            snds,
            complaint_spike: flags[3],
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096), ctx in any_context()) {
        let c = classify_bytes(&bytes, &ctx);
        if let Some(b) = c.basic {
            prop_assert!((200..600).contains(&b));
        }
        if let Some(e) = &c.enhanced {
            prop_assert!(matches!(e.as_bytes()[0], b'2' | b'4' | b'5'));
        }
        prop_assert!(!c.reasons.is_empty());
    }

    #[test]
    fn bounce_like_texts_never_panic(text in fragments(), ctx in any_context()) {
        let d = diagnose_bytes(text.as_bytes());
        let a = assess(&d, &ctx);
        prop_assert!(!a.title.is_empty());
        let fields = ReportFields { bounce: text.clone(), domains: text.clone(), ..ReportFields::default() };
        let c = classify_bytes(text.as_bytes(), &ctx);
        let e = build_email(&c, &fields, &Contacts::example());
        prop_assert!(e.mailto.is_ascii());
        prop_assert!(e.mailto.len() <= MAX_MAILTO || !e.shortened);
        prop_assert!(!e.mailto.contains('\n') && !e.mailto.contains(' '));
    }

    #[test]
    fn work_is_linear_on_bounce_like_texts(text in fragments()) {
        let (_, work) = diagnose_counted(text.as_bytes());
        prop_assert!(work <= 64 * text.len() as u64 + 64, "{} steps for {} bytes", work, text.len());
    }
}

/// Steps per input byte, for a text made of `unit` repeated to about `len` bytes.
fn steps_per_byte(unit: &str, len: usize) -> f64 {
    let text = unit.repeat(len / unit.len().max(1) + 1);
    let (_, work) = diagnose_counted(text.as_bytes());
    work as f64 / text.len() as f64
}

#[test]
fn work_per_byte_does_not_grow_with_the_input() {
    // Texts built to hurt: many reply codes, many continuation lines, many hosts and
    // addresses, one long word, long runs of one byte, many patterns at every position.
    let units = [
        "550-5.7.26 ",
        "550-a.b.c ",
        "host mx.example.net said: ",
        "a@",
        "spamspamhaus",
        "blocked using zen.spamhaus.org ",
        "(#5.1.1) dsn=4.4.1 ",
        "a",
        ".",
        "\\n",
        "OFR_ofr[",
        "4.16.55.1.",
        "451-4.4.0 554-x ",
        "re",
    ];
    for unit in units {
        let small = steps_per_byte(unit, 1_000);
        let large = steps_per_byte(unit, 200_000);
        assert!(
            large <= small * 1.1 + 1.0,
            "{unit:?}: {small:.2} steps/byte at 1 KB, {large:.2} at 200 KB"
        );
        assert!(large < 64.0, "{unit:?}: {large:.2} steps/byte");
    }
}

#[test]
fn long_inputs_are_read() {
    let mut text = "x".repeat(2_000_000);
    text.push_str(" 550 5.1.1 user unknown");
    let d = diagnose_bytes(text.as_bytes());
    assert_eq!(d.basic, Some(550));
    assert_eq!(d.category, classify::Category::Recipient);
    // One huge "word" with a dot every few bytes (host-name scanning).
    let dotted = "ab.".repeat(500_000);
    let _ = diagnose_bytes(dotted.as_bytes());
}
