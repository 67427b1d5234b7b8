//! Any bytes: read as a text and as a whole message, assess with every context, and
//! build the report email. The classifier must never panic, and its answers keep their
//! invariants. With the first byte's high bit set, the bytes also follow a sender-side
//! address or domain (picked by the second byte): swapping a provider's domain there
//! for another one must not change the receiving ISP (the recipient-address reading
//! never takes the sender's).
#![no_main]

use classify::report::{build_email, Contacts, ReportFields, MAX_MAILTO};
use classify::{Context, Isp, Scope, Snds, Volume};
use libfuzzer_sys::fuzz_target;

/// Places where bounces show the sender's address (`{}` is the domain).
const SENDER_PLACES: &[&str] = &[
    "MAIL FROM:<someone@{}>",
    "from=<someone@{}>, ",
    "550 5.1.0 <someone@{}>: Sender address rejected: ",
    "X-Postfix-Sender: rfc822; someone@{}",
    "Return-Path: <someone@{}>",
    "From: Some One <someone@{}>",
    "Unauthenticated email from {} is not accepted. ",
    "Email rejected per DMARC policy for {} ",
    "on behalf of ({}) ",
];

/// The ISP of `rest` after the sender place `k` filled with `domain`.
fn isp_after_sender(k: u8, domain: &str, rest: &[u8]) -> Option<Isp> {
    let place = SENDER_PLACES[usize::from(k) % SENDER_PLACES.len()];
    let mut text = place.replace("{}", domain).into_bytes();
    text.push(b'\n');
    text.extend_from_slice(rest);
    classify::diagnose_bytes(&text).isp
}

fn sender_side_never_names_the_isp(data: &[u8]) {
    let Some((&k, rest)) = data.split_first() else {
        return;
    };
    for domain in ["gmail.com", "icloud.com", "yahoo.co.uk", "comcast.net"] {
        assert_eq!(
            isp_after_sender(k, domain, rest),
            isp_after_sender(k, "example.org", rest),
            "{domain}"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    if data.first().is_some_and(|&k| k & 0x80 != 0) {
        sender_side_never_names_the_isp(&data[1..]);
    }
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
