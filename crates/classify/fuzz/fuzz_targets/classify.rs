//! Any bytes: read as a text and as a whole message, assess with every context, and
//! build the report email. The classifier must never panic, and its answers keep their
//! invariants.
#![no_main]

use classify::report::{build_email, Contacts, ReportFields, MAX_MAILTO};
use classify::{Context, Scope, Snds, Volume};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte, when there is one, picks a context.
    let (ctx, text) = match data.split_first() {
        Some((&k, rest)) => (
            Context {
                rate: Some(f64::from(k) / 2.55),
                scope: [
                    None,
                    Some(Scope::One),
                    Some(Scope::Several),
                    Some(Scope::All),
                ][usize::from(k & 3)],
                volume: if k & 4 != 0 {
                    Volume::Few
                } else {
                    Volume::Many
                },
                powermta_down: k & 8 != 0,
                mailwizz_down: false,
                full_outage: false,
                snds: [None, Some(Snds::Green), Some(Snds::Yellow), Some(Snds::Red)]
                    [usize::from((k >> 4) & 3)],
                complaint_spike: k & 64 != 0,
            },
            rest,
        ),
        None => (Context::default(), data),
    };
    let c = classify::classify_bytes(text, &ctx);
    if let Some(b) = c.basic {
        assert!((200..600).contains(&b));
    }
    assert!(!c.reasons.is_empty() && !c.next_steps.is_empty());
    let fields = ReportFields {
        bounce: String::from_utf8_lossy(text).into_owned(),
        ..ReportFields::default()
    };
    let e = build_email(&c, &fields, &Contacts::example());
    assert!(e.mailto.is_ascii());
    assert!(!e.shortened || e.mailto.len() <= MAX_MAILTO);

    // The same bytes as a whole message (`.eml`): at least one answer; a message that
    // is not a bounce has one answer and no severity.
    let answers = classify::classify_message(text, &ctx);
    assert!(!answers.is_empty());
    for a in &answers {
        if a.not_a_bounce.is_some() {
            assert_eq!(answers.len(), 1);
        }
        if let Some(r) = &a.recipient {
            assert!(r.contains('@'));
        }
        if let Some(b) = a.classification.basic {
            assert!((200..600).contains(&b));
        }
    }
});
