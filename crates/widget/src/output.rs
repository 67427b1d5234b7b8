//! The facade's JSON answers (a classification, a message's answers, the report email)
//! written field by field. serde_json's serialiser with the derives cost about 2.5 KB of
//! the gzipped wasm; the tests compare every answer with serde_json's, byte for byte, so
//! a field added to the classifier's structs fails them until it is written here too.

use std::borrow::Cow;

use classify::report::Email;
use classify::Classification;
#[cfg(any(feature = "mail", test))]
use classify::MessageAnswer;

use crate::input::spelling;

/// One JSON object being written.
struct Object {
    out: String,
    first: bool,
}

impl Object {
    fn new() -> Self {
        Object {
            out: String::from("{"),
            first: true,
        }
    }

    fn key(&mut self, name: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        self.out.push('"');
        self.out.push_str(name);
        self.out.push_str("\":");
        &mut self.out
    }

    fn text(&mut self, name: &str, value: &str) {
        string(self.key(name), value);
    }

    fn opt_text(&mut self, name: &str, value: Option<&str>) {
        match value {
            Some(v) => self.text(name, v),
            None => self.key(name).push_str("null"),
        }
    }

    fn texts(&mut self, name: &str, values: &[Cow<'_, str>]) {
        let out = self.key(name);
        out.push('[');
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            string(out, v);
        }
        out.push(']');
    }

    fn finish(mut self) -> String {
        self.out.push('}');
        self.out
    }
}

/// `value` as a JSON string, escaped as serde_json escapes it.
fn string(out: &mut String, value: &str) {
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\0'..='\u{1f}' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[(c as usize) >> 4]));
                out.push(char::from(HEX[(c as usize) & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The fields of a classification, in the contract's order; `bounce` false writes a
/// message that is not a bounce (no bounce kind, no severity).
fn classification_fields(o: &mut Object, c: &Classification, bounce: bool) {
    let basic = o.key("basic");
    match c.basic {
        Some(b) => push_decimal(basic, usize::from(b)),
        None => basic.push_str("null"),
    }
    o.opt_text("enhanced", c.enhanced.as_deref());
    o.text("category", c.category.as_str());
    o.opt_text("isp", c.isp.map(|i| i.as_str()));
    o.opt_text("blocklist", c.blocklist.map(|b| b.as_str()));
    o.opt_text("bounce_kind", bounce.then(|| spelling::kind(c.bounce_kind)));
    o.opt_text("meaning", c.meaning.as_deref());
    o.opt_text("hint", c.hint.as_deref());
    o.text("rule", &c.rule);
    o.opt_text("severity", bounce.then(|| spelling::severity(c.severity)));
    o.text("title", &c.title);
    o.texts("reasons", &c.reasons);
    o.texts("next_steps", &c.next_steps);
}

/// `n` in decimal, as `to_string` writes it.
fn push_decimal(out: &mut String, n: usize) {
    if n >= 10 {
        push_decimal(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// The pieces one after the other, for error messages: `[..].concat()` without its
/// length-overflow `expect`, whose panic message would keep core's string formatting in
/// the WebAssembly.
pub(crate) fn join(pieces: &[&str]) -> String {
    let mut out = String::new();
    for piece in pieces {
        out.push_str(piece);
    }
    out
}

/// `n` in decimal, for error messages.
pub(crate) fn decimal(n: usize) -> String {
    let mut out = String::new();
    push_decimal(&mut out, n);
    out
}

/// A classification as `serde_json::to_string` writes it.
pub(crate) fn classification(c: &Classification) -> String {
    let mut o = Object::new();
    classification_fields(&mut o, c, true);
    o.finish()
}

/// One answer of a whole message, with `text` (what the receiver said) first.
#[cfg(any(feature = "mail", test))]
pub(crate) fn message_answer(text: &str, a: &MessageAnswer) -> String {
    let mut o = Object::new();
    o.text("text", text);
    o.opt_text("recipient", a.recipient.as_deref());
    o.opt_text("not_a_bounce", a.not_a_bounce.map(|k| k.as_str()));
    classification_fields(&mut o, &a.classification, a.not_a_bounce.is_none());
    o.finish()
}

/// The report email as `serde_json::to_string` writes it.
pub(crate) fn email(e: &Email) -> String {
    let mut o = Object::new();
    o.text("to", &e.to);
    o.text("subject", &e.subject);
    o.text("body", &e.body);
    o.text("mailto", &e.mailto);
    o.opt_text("tel", e.tel.as_deref());
    o.key("shortened")
        .push_str(if e.shortened { "true" } else { "false" });
    o.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use classify::report::{build_email, Contacts, ReportFields};
    use classify::{classify_message, Context};

    const TEXTS: &[&str] = &[
        "550 5.7.1 blocked using zen.spamhaus.org; see https://www.spamhaus.org/query/ip/1.2.3.4",
        "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred - 4.16.55.1",
        "550 5.1.1 <a@gmail.com>: \"user\" unknown\t\\ tab \u{1} \u{7f} é ✓ 😀",
        "smtp; 554 5.7.26 Unauthenticated email from example.com is not accepted - gsmtp",
        "",
    ];

    #[test]
    fn classifications_and_emails_are_serde_jsons_bytes() {
        let ctx = Context {
            rate: Some(12.5),
            ..Context::default()
        };
        for text in TEXTS {
            let c = classify::classify(text, &ctx);
            assert_eq!(classification(&c), serde_json::to_string(&c).unwrap());
            let fields = ReportFields {
                bounce: (*text).to_owned(),
                domains: "a\"b\r\n\u{c}\u{8}".to_owned(),
                ..ReportFields::default()
            };
            for contacts in [Contacts::example(), Contacts::default()] {
                let e = build_email(&c, &fields, &contacts);
                assert_eq!(email(&e), serde_json::to_string(&e).unwrap());
            }
        }
    }

    #[test]
    fn message_answers_are_serde_jsons_bytes_after_the_text() {
        for message in [
            "From: MAILER-DAEMON@example.net\nSubject: Undelivered Mail\n\n<a@example.org>: host mx.example.org said: 550 5.1.1 user unknown\n",
            "From: a@example.org\nSubject: Automatic reply: hi\n\nAway.\n",
            "550 5.1.1 user unknown",
        ] {
            for a in classify_message(message.as_bytes(), &Context::default()) {
                let want = serde_json::to_string(&a).unwrap();
                let got = message_answer("said \"x\"", &a);
                assert_eq!(got, format!("{{\"text\":\"said \\\"x\\\"\",{}", &want[1..]));
            }
        }
    }
}
