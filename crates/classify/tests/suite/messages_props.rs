//! Whole messages built to hurt: no panic on any bytes, and work linear in the input
//! (counted with `classify_message_counted`, not timed).

use classify::{classify_message, classify_message_counted, Context};
use proptest::prelude::*;

/// Pieces of messages: header fields, MIME boundaries and types, encodings, DSN
/// fields, original-message markers, recipient lines, HTML, forwarded quotes.
const PIECES: &[&str] = &[
    "From: MAILER-DAEMON@example.org\n",
    "Subject: Undeliverable: hi\n",
    "To: a@example.org\n",
    "Received: from x by y\n",
    "Auto-Submitted: auto-replied\n",
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n",
    "Content-Type: multipart/mixed; boundary=c\n",
    "Content-Type: message/delivery-status\n",
    "Content-Type: message/rfc822\n",
    "Content-Type: text/html; charset=iso-8859-1\n",
    "Content-Type: text/plain; charset=\"utf-8\"\n",
    "Content-Transfer-Encoding: base64\n",
    "Content-Transfer-Encoding: quoted-printable\n",
    "Content-Disposition: attachment\n",
    "\n",
    "--b\n",
    "--b--\n",
    "--c\n",
    "--",
    "Final-Recipient: rfc822; a@example.org\n",
    "Original-Recipient: rfc822;@x:a@y\n",
    "Action: failed\n",
    "Action: delivered\n",
    "Status: 5.1.1\n",
    "Diagnostic-Code: smtp; 550 5.1.1 user unknown\n",
    "Diagnostic-Code: X-Unix; 255\n",
    "  continued\n",
    "<a@example.org>:\n",
    "  b@example.net\n",
    "--- Below this line is a copy of the message.\n",
    "----- Original message -----\n",
    "Begin forwarded message:\n",
    "> From: x\n> Subject: y\n>\n",
    "NTUwIDUuMS4xIHVzZXIgdW5rbm93bg==\n",
    "=3D=\n",
    "=?utf-8?B?w6k=?=",
    "<p>550&nbsp;<b>",
    "<",
    "RCPT TO:<c@example.com>\n",
    "{\"notificationType\":\"Bounce\",\"bouncedRecipients\":[{\"emailAddress\":\"d@e.fr\"",
    "\u{e9}",
    "\r\n",
    "x",
];

fn message() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(PIECES), 0..40),
        prop::collection::vec(prop::sample::select(PIECES), 0..300),
    )
        .prop_map(|(head, body)| {
            format!(
                "From: a@b.c\nSubject: x\n{}\n{}",
                head.concat(),
                body.concat()
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        let answers = classify_message(&bytes, &Context::default());
        prop_assert!(!answers.is_empty());
    }

    #[test]
    fn message_like_inputs_keep_the_invariants(text in message()) {
        let (answers, work) = classify_message_counted(text.as_bytes(), &Context::default());
        prop_assert!(!answers.is_empty());
        for a in &answers {
            let json = serde_json::to_value(a).expect("an answer serialises");
            if a.not_a_bounce.is_some() {
                prop_assert_eq!(answers.len(), 1);
                prop_assert!(json["severity"].is_null());
                prop_assert_eq!(&json["category"], "other");
            } else {
                prop_assert!(json["severity"].is_string());
            }
            if let Some(r) = &a.recipient {
                prop_assert!(r.contains('@'));
            }
        }
        prop_assert!(work <= 800 * text.len() as u64 + 8_000_000, "{} steps for {} bytes", work, text.len());
    }
}

/// Steps per input byte for a message whose body is `unit` repeated to about `len`
/// bytes, after `head` (header fields and the start of the body).
fn steps_per_byte(head: &str, unit: &str, len: usize) -> f64 {
    let text = format!("{head}{}", unit.repeat(len / unit.len().max(1) + 1));
    let (_, work) = classify_message_counted(text.as_bytes(), &Context::default());
    work as f64 / text.len() as f64
}

const BOUNCE: &str = "From: MAILER-DAEMON@example.org\nSubject: Undelivered Mail\n";

#[test]
fn work_per_byte_does_not_grow_with_the_message() {
    // A deep nesting: 100 multiparts, each the first part of the one around it, the
    // innermost holding the bulk of the message.
    let nested: String = (0..100)
        .map(|l| {
            format!(
                "--l{l}\nContent-Type: multipart/mixed; boundary=l{}\n\n",
                l + 1
            )
        })
        .collect();
    let shapes: [(String, &str); 10] = [
        (
            format!("{BOUNCE}Content-Type: multipart/mixed; boundary=l0\n\n{nested}"),
            "550 5.1.1 user unknown\n",
        ),
        // A boundary that never closes, and lines that almost are one.
        (
            format!("{BOUNCE}Content-Type: multipart/report; boundary=zz\n\n--zz\n\n"),
            "--z\n--zzz\n",
        ),
        // One large base64 text part.
        (
            format!("{BOUNCE}Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n"),
            "NTUwIDUuMS4xIHVzZXIgdW5rbm93bg==\n",
        ),
        // Many recipients with no reason of their own, and general lines to share.
        (
            format!("{BOUNCE}\n"),
            "<a@example.org>:\n\nThe mail system could not deliver this.\n",
        ),
        // Many DSN recipients without a diagnostic.
        (
            format!("{BOUNCE}Content-Type: message/delivery-status\n\n"),
            "Final-Recipient: rfc822; a@x.org\nAction: failed\n\n",
        ),
        // Many `<` without a `>`, and many header-like lines.
        (format!("{BOUNCE}\n"), "<a@b < From: x\n"),
        (format!("{BOUNCE}\n"), "  Subject: x\n  Date: y\nz\n"),
        // HTML with unclosed tags.
        (format!("{BOUNCE}Content-Type: text/html\n\n"), "<p 550 <br"),
        // Forwarded markers and quoted lines.
        (
            String::from("From: a@b.c\nSubject: Fwd: x\n\n"),
            "Begin forwarded message:\n> From: x\n> Subject: y\n>\n",
        ),
        // A quoted-printable part of soft breaks.
        (
            format!("{BOUNCE}Content-Transfer-Encoding: quoted-printable\n\n"),
            "=\n=3D",
        ),
    ];
    for (head, unit) in &shapes {
        let mid = steps_per_byte(head, unit, 50_000);
        let large = steps_per_byte(head, unit, 400_000);
        assert!(
            large <= mid * 1.1 + 1.0,
            "{unit:?}: {mid:.1} steps/byte at 50 KB, {large:.1} at 400 KB"
        );
        assert!(large < 800.0, "{unit:?}: {large:.1} steps/byte");
    }
}

#[test]
fn a_huge_base64_part_is_read_up_to_its_cap() {
    // 100 MB of base64 in a text part: the report is its first megabyte, still read.
    let line = "NTUwIDUuMS4xIHVzZXIgdW5rbm93bg==\n";
    let text = format!(
        "{BOUNCE}Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n{}",
        line.repeat(100_000_000 / line.len())
    );
    let (answers, work) = classify_message_counted(text.as_bytes(), &Context::default());
    assert_eq!(answers[0].classification.basic, Some(550));
    assert!(work < 200 * text.len() as u64, "{work} steps");
}

#[test]
fn a_very_deep_nesting_is_read_without_recursion_to_its_depth() {
    // 100,000 multiparts, each the first part of the one around it (about 5 MB), then a
    // report: the reader stops descending at its depth limit, neither the stack nor the
    // work grows with the nesting.
    let nested: String = (0..100_000)
        .map(|l| {
            format!(
                "--l{l}\nContent-Type: multipart/mixed; boundary=l{}\n\n",
                l + 1
            )
        })
        .collect();
    let text = format!(
        "{BOUNCE}Content-Type: multipart/mixed; boundary=l0\n\n{nested}550 5.1.1 user unknown\n"
    );
    let (answers, work) = classify_message_counted(text.as_bytes(), &Context::default());
    assert!(!answers.is_empty());
    assert!(
        work < 800 * text.len() as u64,
        "{work} steps for {} bytes",
        text.len()
    );
}
