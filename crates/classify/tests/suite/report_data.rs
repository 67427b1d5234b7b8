//! The report email built from the real contact data of the guide
//! (`content/data/incident.toml`): addresses, phone, subject tags and the "What to
//! include" items come from there, never from code.

use classify::report::{build_email, Contacts, ReportFields};
use classify::{classify, Context, Severity};

fn contacts() -> Contacts {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../content/data/incident.toml"
    );
    let raw = std::fs::read_to_string(path).expect("the guide's contact data");
    // Other tables of the file ([[process]], [[incident_types]], [emergency]) are ignored.
    toml::from_str(&raw).expect("Contacts deserialises from incident.toml")
}

#[test]
fn every_level_has_its_contact_method() {
    let k = contacts();
    assert!(k.contact.email.contains('@'));
    assert!(!k.contact.phone_tel.is_empty());
    assert_eq!(k.levels.len(), 4);
    assert_eq!(k.report_items.len(), 6);

    let cases = [
        (
            "421 4.4.2 connect to mx.example.net[192.0.2.9]:25: Connection timed out",
            Context {
                powermta_down: true,
                ..Context::default()
            },
            Severity::P1,
        ),
        (
            "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org",
            Context::default(),
            Severity::P2,
        ),
        (
            "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to user complaints",
            Context::default(),
            Severity::P3,
        ),
        ("550 5.1.1 user unknown", Context::default(), Severity::P4),
    ];
    for (text, ctx, want) in cases {
        let c = classify(text, &ctx);
        assert_eq!(c.severity, want, "{text}");
        let level = k
            .levels
            .iter()
            .find(|l| l.id == format!("{want:?}"))
            .expect("a level per severity");
        let fields = ReportFields {
            bounce: text.into(),
            domains: "example.org".into(),
            ..ReportFields::default()
        };
        let e = build_email(&c, &fields, &k);
        assert_eq!(e.to, k.contact.email);
        if level.subject_tag.is_empty() {
            assert!(
                e.subject.starts_with(&format!("{want:?} ")),
                "{}",
                e.subject
            );
        } else {
            assert!(
                e.subject.starts_with(&format!("{}: ", level.subject_tag)),
                "{}",
                e.subject
            );
        }
        assert_eq!(e.tel.is_some(), level.call);
        if level.call {
            assert_eq!(
                e.tel.as_deref(),
                Some(format!("tel:{}", k.contact.phone_tel).as_str())
            );
            assert!(e.body.contains(&k.contact.phone));
        }
        // The six items, in the guide's order, with the exact bounce.
        let mut at = 0;
        for (n, item) in k.report_items.iter().enumerate() {
            let label = format!("{}. {}", n + 1, item.text);
            let found = e.body[at..]
                .find(&label)
                .unwrap_or_else(|| panic!("{label} in order"));
            at += found + label.len();
        }
        assert!(e.body.contains(text));
        assert!(e
            .mailto
            .starts_with(&format!("mailto:{}?subject=", k.contact.email)));
    }
}
