//! Whole bounce messages in the widget (its own wasm, `pkg/mail_bg.wasm`, loaded when a
//! message is dropped or pasted): the classifier's message reader, with what the receiver
//! said about each recipient, for the report email.

use classify::{classify_message, mail};

use crate::facade::{context, FacadeError, MAX_MESSAGE_BYTES};
use crate::output;

/// `classify::classify_message` as a JSON array; each answer also has `text`, what the
/// receiver said about its recipient (the report email quotes that, not the whole
/// message with its original), or the text itself when it is not a whole message.
pub fn classify_message_json(text: &str, context_json: &str) -> Result<String, FacadeError> {
    if text.len() > MAX_MESSAGE_BYTES {
        return Err(FacadeError::MessageTooLong {
            len: text.len(),
            max: MAX_MESSAGE_BYTES,
        });
    }
    let answers = classify_message(text.as_bytes(), &context(context_json)?);
    // The recipients' texts, in the answers' order (a bounce's only).
    let texts: Vec<String> = match mail::read(text.as_bytes()) {
        Some(m) => m
            .recipients
            .into_iter()
            .map(|r| mail::lossy(&r.text))
            .collect(),
        None => vec![text.to_owned()],
    };
    let mut out = String::from("[");
    for (i, answer) in answers.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let said = texts.get(i).map_or("", String::as_str);
        out.push_str(&output::message_answer(said, answer));
    }
    out.push(']');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    const BOUNCE: &str = "From: MAILER-DAEMON@example.net\nSubject: Undelivered Mail\nAuthentication-Results: x; dkim=fail; spf=fail\n\n<a@example.org>: host mx.example.org said: 550 5.1.1 user unknown\n\n<b@gmail.com>: host gmail-smtp-in.l.google.com said: 452 4.2.2 The email account that you tried to reach is over quota\n\n--- Below this line is a copy of the message.\n\nSubject: DMARC and spam\n";

    fn answers(text: &str) -> Vec<Value> {
        serde_json::from_str::<Value>(&classify_message_json(text, "{}").unwrap())
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }

    #[test]
    fn each_recipient_comes_with_what_the_receiver_said() {
        let a = answers(BOUNCE);
        assert_eq!(a.len(), 2);
        assert_eq!(a[0]["recipient"], "a@example.org");
        assert_eq!(a[0]["category"], "recipient");
        assert_eq!(a[1]["recipient"], "b@gmail.com");
        assert_eq!(a[1]["category"], "mailbox_full");
        assert_eq!(a[1]["isp"], "gmail");
        let said = a[1]["text"].as_str().unwrap();
        assert!(said.contains("over quota") && !said.contains("DMARC") && !said.contains("dkim"));
        // The answer reads back as a classification (the report email takes it).
        let c: classify::Classification = serde_json::from_value(a[0].clone()).unwrap();
        assert_eq!(c.enhanced.as_deref(), Some("5.1.1"));
    }

    #[test]
    fn texts_and_non_bounces_and_limits() {
        let a = answers("550 5.1.1 user unknown");
        assert_eq!(a.len(), 1);
        assert_eq!(a[0]["recipient"], Value::Null);
        assert_eq!(a[0]["text"], "550 5.1.1 user unknown");
        let a = answers("From: a@example.org\nSubject: Automatic reply: hi\n\nAway.\n");
        assert_eq!(a[0]["not_a_bounce"], "auto_reply");
        assert_eq!(a[0]["severity"], Value::Null);
        let big = "x".repeat(MAX_MESSAGE_BYTES + 1);
        assert!(matches!(
            classify_message_json(&big, "{}"),
            Err(FacadeError::MessageTooLong { .. })
        ));
        assert!(classify_message_json(BOUNCE, "{\"volume\": 3}").is_err());
    }
}
