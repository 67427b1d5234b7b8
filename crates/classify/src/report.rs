//! The incident-report email: recipients, subject and body from the guide's contact
//! data (passed in, never hard-coded), and an RFC 6068 `mailto:` URI.

use serde::{Deserialize, Serialize};

use crate::Classification;

/// Contact data of the guide, deserialised from `content/data/incident.toml`
/// (`[contact]` and `[[levels]]`), passed in by the build tool or the page.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Contacts {
    pub contact: Contact,
    pub levels: Vec<Level>,
    /// The guide's "What to include in an incident report" items, in order. When empty
    /// (older data files), the guide's own wording is used.
    #[serde(default)]
    pub report_items: Vec<ReportItem>,
}

/// One "What to include" item and the [`ReportFields`] field that fills it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportItem {
    pub text: String,
    /// `domains`, `started`, `bounce`, `changes`, `isps` or `rate`.
    pub field: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Contact {
    pub email: String,
    /// As displayed, e.g. `+372 602-7190`.
    pub phone: String,
    /// For `tel:` links, e.g. `+3726027190`.
    pub phone_tel: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Level {
    /// `P1`..`P4`.
    pub id: String,
    /// `Critical`, `High`, `Medium`, `Low`.
    pub name: String,
    pub definition: Vec<String>,
    /// The contact method as the guide words it.
    pub contact_method: String,
    /// Subject tag, e.g. `URGENT`, `P2 INCIDENT`; empty for none.
    pub subject_tag: String,
    /// Whether the level asks the customer to call the phone number.
    pub call: bool,
    /// `24/7`, `24/7 monitoring`, `business hours`.
    pub coverage: String,
}

impl Contacts {
    /// Made-up contact data (example.net, a 555 number) with the guide's four levels, for
    /// tests, fuzzing and examples; the site passes `content/data/incident.toml`'s.
    #[doc(hidden)]
    pub fn example() -> Self {
        let level = |id: &str, name: &str, tag: &str, call: bool| Level {
            id: id.into(),
            name: name.into(),
            subject_tag: tag.into(),
            call,
            ..Level::default()
        };
        Contacts {
            contact: Contact {
                email: "ops@example.net".into(),
                phone: "+1 555-0100".into(),
                phone_tel: "+15550100".into(),
            },
            levels: vec![
                level("P1", "Critical", "URGENT", true),
                level("P2", "High", "P2 INCIDENT", false),
                level("P3", "Medium", "", false),
                level("P4", "Low", "", false),
            ],
            report_items: vec![],
        }
    }
}

/// What the customer fills in (the guide's "What to include in an incident report").
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportFields {
    pub domains: String,
    pub started: String,
    pub changes: String,
    pub isps: String,
    pub rate: String,
    pub bounce: String,
}

/// A ready report email.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// RFC 6068 URI; the bounce is shortened in it when the URI would be too long.
    pub mailto: String,
    /// `tel:` URI when the level asks for a call.
    pub tel: Option<String>,
    /// `true` when the bounce was shortened in `mailto` (the full text is in `body`).
    pub shortened: bool,
}

/// Longest `mailto:` URI we produce: mail clients and browsers truncate longer ones
/// (some at about 2,000 characters), so the bounce is shortened in the URI beyond this.
pub const MAX_MAILTO: usize = 1800;

/// Said in the URI's body when the bounce was shortened there.
pub const SHORTENED_NOTE: &str =
    "[bounce shortened for this mail link: paste the full text from the page]";

/// The guide's six items, used when the contact data has none.
const DEFAULT_ITEMS: [(&str, &str); 6] = [
    ("Your sending domain(s) affected", "domains"),
    ("Approximate time the problem started", "started"),
    (
        "Exact bounce message text or error (copy-paste, not screenshot if possible)",
        "bounce",
    ),
    (
        "Recent changes: new campaign, list change, configuration change?",
        "changes",
    ),
    ("Which ISPs are affected (Gmail only? All ISPs?)", "isps"),
    (
        "Current deferral rate or error rate from MailWizz statistics",
        "rate",
    ),
];

fn field<'a>(fields: &'a ReportFields, name: &str) -> &'a str {
    match name {
        "domains" => &fields.domains,
        "started" => &fields.started,
        "changes" => &fields.changes,
        "isps" => &fields.isps,
        "rate" => &fields.rate,
        "bounce" => &fields.bounce,
        _ => "",
    }
}

/// Builds the report email for a classification.
pub fn build_email(c: &Classification, fields: &ReportFields, contacts: &Contacts) -> Email {
    let id = c.severity.as_str();
    let level = contacts.levels.iter().find(|l| l.id == id);
    // A char pattern and `get`, here and below, not a `&str` pattern or `&s[..i]`: their
    // panic paths would bring core's string formatting into the widget's WebAssembly.
    let what = c
        .title
        .split_once(':')
        .map_or(c.title.as_str(), |(_, w)| w.trim_start());
    let mut subject = String::new();
    match level
        .map(|l| l.subject_tag.trim())
        .filter(|t| !t.is_empty())
    {
        Some(tag) => {
            subject.push_str(tag);
            subject.push_str(": ");
        }
        None => {
            subject.push_str(id);
            subject.push_str(" incident report: ");
        }
    }
    subject.push_str(what);
    let call = level.is_some_and(|l| l.call) && !contacts.contact.phone_tel.is_empty();
    let tel = call.then(|| String::from("tel:") + &contacts.contact.phone_tel);
    let to = contacts.contact.email.clone();

    let body = body(c, fields, contacts, level, call, &fields.bounce);
    let mut mailto = uri(&to, &subject, &body);
    let mut shortened = false;
    if mailto.len() > MAX_MAILTO {
        shortened = true;
        // Everything but the bounce, with the note in its place, then as much of the
        // bounce as still fits (cut at a character boundary).
        let note_only = uri(
            &to,
            &subject,
            &self::body(c, fields, contacts, level, call, SHORTENED_NOTE),
        );
        let budget = MAX_MAILTO.saturating_sub(note_only.len() + 6);
        let mut used = 0;
        let mut cut = 0;
        for (i, ch) in fields.bounce.char_indices() {
            let mut buf = [0u8; 4];
            used += encoded_len(ch.encode_utf8(&mut buf));
            if used > budget {
                break;
            }
            cut = i + ch.len_utf8();
        }
        let short =
            String::from(fields.bounce.get(..cut).unwrap_or_default()) + "\n" + SHORTENED_NOTE;
        mailto = uri(
            &to,
            &subject,
            &self::body(c, fields, contacts, level, call, &short),
        );
        if mailto.len() > MAX_MAILTO {
            // The other fields alone are too long: cut the URI at an escape boundary.
            let mut end = MAX_MAILTO;
            while end > 0
                && (!mailto.is_char_boundary(end)
                    || mailto.as_bytes()[end - 1] == b'%'
                    || mailto.as_bytes().get(end.wrapping_sub(2)) == Some(&b'%'))
            {
                end -= 1;
            }
            mailto.truncate(end);
        }
    }
    Email {
        to,
        subject,
        body,
        mailto,
        tel,
        shortened,
    }
}

fn body(
    c: &Classification,
    fields: &ReportFields,
    contacts: &Contacts,
    level: Option<&Level>,
    call: bool,
    bounce: &str,
) -> String {
    // Written piece by piece: no temporary strings.
    let mut b = String::new();
    b.push_str("Hello,\n\nIncident report, suggested severity ");
    b.push_str(c.severity.as_str());
    if let Some(n) = level.map(|l| l.name.as_str()).filter(|n| !n.is_empty()) {
        b.push_str(" (");
        b.push_str(n);
        b.push(')');
    }
    b.push_str(": ");
    b.push_str(&c.title);
    b.push('\n');
    if call {
        b.push_str("I am also calling ");
        b.push_str(&contacts.contact.phone);
        b.push_str(" now.\n");
    }
    for r in &c.reasons {
        b.push_str("- ");
        b.push_str(r);
        b.push('\n');
    }
    b.push('\n');
    let items: Vec<(&str, &str)> = if contacts.report_items.is_empty() {
        DEFAULT_ITEMS.to_vec()
    } else {
        contacts
            .report_items
            .iter()
            .map(|i| (i.text.as_str(), i.field.as_str()))
            .collect()
    };
    for (n, (text, name)) in items.iter().enumerate() {
        let value = if *name == "bounce" {
            bounce
        } else {
            field(fields, name)
        };
        let value = value.trim();
        let value = if value.is_empty() {
            "(not given)"
        } else {
            value
        };
        crate::decimal::push_decimal(&mut b, n + 1);
        b.push_str(". ");
        b.push_str(text);
        b.push_str(if value.contains('\n') || *name == "bounce" {
            ":\n"
        } else {
            ": "
        });
        b.push_str(value);
        b.push_str("\n\n");
    }
    b.push_str("Classifier: category ");
    b.push_str(c.category.as_str());
    if let Some(i) = c.isp {
        b.push_str(", ISP ");
        b.push_str(i.as_str());
    }
    if let Some(l) = c.blocklist {
        b.push_str(", blocklist ");
        b.push_str(l.as_str());
    }
    if let Some(e) = &c.enhanced {
        b.push_str(", code ");
        b.push_str(e);
    } else if let Some(basic) = c.basic {
        b.push_str(", code ");
        crate::decimal::push_decimal(&mut b, usize::from(basic));
    }
    b.push_str(".\n");
    b
}

/// RFC 6068 `mailto:` URI. Every byte outside the unreserved set is percent-encoded
/// (UTF-8), so `&`, `=`, `?`, `#`, `%` and spaces in the fields are safe; line breaks
/// become `%0D%0A`.
pub fn uri(to: &str, subject: &str, body: &str) -> String {
    let mut u = String::with_capacity(16 + to.len() + subject.len() + body.len() * 2);
    u.push_str("mailto:");
    for b in to.bytes() {
        if b == b'@' || is_unreserved(b) {
            u.push(b as char);
        } else {
            push_escape(&mut u, b);
        }
    }
    u.push_str("?subject=");
    encode_into(&mut u, subject);
    u.push_str("&body=");
    encode_into(&mut u, body);
    u
}

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

fn push_escape(u: &mut String, b: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    u.push('%');
    u.push(HEX[(b >> 4) as usize] as char);
    u.push(HEX[(b & 15) as usize] as char);
}

/// Percent-encodes a header value, turning every line break (LF, CRLF or CR) into CRLF.
fn encode_into(u: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\r' | b'\n' => {
                u.push_str("%0D%0A");
                if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            }
            b if is_unreserved(b) => u.push(b as char),
            b => push_escape(u, b),
        }
        i += 1;
    }
}

fn encoded_len(s: &str) -> usize {
    s.bytes()
        .map(|b| {
            if is_unreserved(b) {
                1
            } else if b == b'\n' {
                6
            } else {
                3
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{classify, Context, Severity};

    fn contacts() -> Contacts {
        Contacts::example()
    }

    fn decode(s: &str) -> String {
        let b = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'%' {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).expect("hex"));
                i += 3;
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
        String::from_utf8(out).expect("utf-8")
    }

    fn query(mailto: &str, key: &str) -> String {
        let q = mailto.split_once('?').expect("query").1;
        let part = q
            .split('&')
            .find(|p| p.starts_with(&format!("{key}=")))
            .expect("key");
        decode(&part[key.len() + 1..])
    }

    const BLOCK: &str =
        "550 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org";

    #[test]
    fn p2_subject_and_address_come_from_the_contact_data() {
        let c = classify(BLOCK, &Context::default());
        assert_eq!(c.severity, Severity::P2);
        let fields = ReportFields {
            bounce: BLOCK.into(),
            domains: "example.org".into(),
            ..Default::default()
        };
        let e = build_email(&c, &fields, &contacts());
        assert_eq!(e.to, "ops@example.net");
        assert!(e.subject.starts_with("P2 INCIDENT: "), "{}", e.subject);
        assert!(e
            .mailto
            .starts_with("mailto:ops@example.net?subject=P2%20INCIDENT%3A%20"));
        assert_eq!(e.tel, None);
        assert!(!e.shortened);
        assert!(e.body.contains(BLOCK));
        assert!(e
            .body
            .contains("1. Your sending domain(s) affected: example.org"));
        assert!(e.body.contains(
            "6. Current deferral rate or error rate from MailWizz statistics: (not given)"
        ));
        assert_eq!(query(&e.mailto, "body").replace("\r\n", "\n"), e.body);
    }

    #[test]
    fn p1_asks_for_a_call() {
        let ctx = Context {
            powermta_down: true,
            ..Context::default()
        };
        let c = classify("421 4.4.2 connection timed out", &ctx);
        assert_eq!(c.severity, Severity::P1);
        let e = build_email(&c, &ReportFields::default(), &contacts());
        assert!(e.subject.starts_with("URGENT: "));
        assert_eq!(e.tel.as_deref(), Some("tel:+15550100"));
        assert!(e.body.contains("calling +1 555-0100"));
    }

    #[test]
    fn p3_and_p4_go_to_the_address_without_a_tag() {
        let c = classify("550 5.1.1 user unknown", &Context::default());
        assert_eq!(c.severity, Severity::P4);
        let e = build_email(&c, &ReportFields::default(), &contacts());
        assert!(
            e.subject.starts_with("P4 incident report: "),
            "{}",
            e.subject
        );
        assert_eq!(e.tel, None);
    }

    #[test]
    fn line_breaks_are_crlf_and_specials_are_escaped() {
        let u = uri("a b@x.org", "a&b=c?d#e%f", "one\ntwo\r\nthree é");
        assert_eq!(u, "mailto:a%20b@x.org?subject=a%26b%3Dc%3Fd%23e%25f&body=one%0D%0Atwo%0D%0Athree%20%C3%A9");
    }

    #[test]
    fn a_long_bounce_is_shortened_in_the_uri_only() {
        let long = format!("{BLOCK} {}", "é and more text; ".repeat(400));
        let c = classify(&long, &Context::default());
        let fields = ReportFields {
            bounce: long.clone(),
            ..Default::default()
        };
        let e = build_email(&c, &fields, &contacts());
        assert!(e.shortened);
        assert!(e.mailto.len() <= MAX_MAILTO, "{}", e.mailto.len());
        assert!(e.body.contains(long.trim()));
        let body = query(&e.mailto, "body");
        assert!(body.contains(SHORTENED_NOTE));
        assert!(body.contains("blocked using zen.spamhaus.org"));
    }

    #[test]
    fn report_items_from_the_data_file_are_used_in_order() {
        let mut k = contacts();
        k.report_items = vec![
            ReportItem {
                text: "Bounce".into(),
                field: "bounce".into(),
            },
            ReportItem {
                text: "Domains".into(),
                field: "domains".into(),
            },
        ];
        let c = classify(BLOCK, &Context::default());
        let f = ReportFields {
            bounce: "B".into(),
            domains: "D".into(),
            ..Default::default()
        };
        let e = build_email(&c, &f, &k);
        let b = e.body.find("1. Bounce:\nB").expect("bounce first");
        let d = e.body.find("2. Domains: D").expect("domains second");
        assert!(b < d);
    }
}
