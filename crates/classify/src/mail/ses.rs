//! Amazon SES notifications sent by mail (through SNS): a JSON object, sometimes
//! wrapped as an escaped string in SNS's own JSON. Its `bouncedRecipients` carry what a
//! DSN carries (`emailAddress`, `action`, `status`, `diagnosticCode`); they are written
//! out as DSN fields for the classifier.

use super::dsn;
use super::kind::contains_ci;

/// What a notification reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Notification {
    Bounce,
    Complaint,
    Delivery,
}

/// How far into the report the notification type is looked for.
const HEAD: usize = 600;

/// The notification's type, if the report is an SES notification.
pub(crate) fn notification(report: &[u8]) -> Option<Notification> {
    let head = &report[..report.len().min(HEAD)];
    if !contains_ci(head, "notificationType") {
        return None;
    }
    let value = value_after(head, b"notificationType")?;
    [
        (&b"Bounce"[..], Notification::Bounce),
        (b"Complaint", Notification::Complaint),
        (b"Delivery", Notification::Delivery),
    ]
    .into_iter()
    .find(|(name, _)| value.eq_ignore_ascii_case(name))
    .map(|(_, n)| n)
}

/// The bounced recipients of a notification, as DSN recipients.
pub(crate) fn recipients(report: &[u8]) -> Vec<dsn::Recipient> {
    let Some(start) = find(report, b"bouncedRecipients") else {
        return Vec::new();
    };
    let list = &report[start..];
    let end = find(list, b"]").unwrap_or(list.len());
    let list = &list[..end];
    let mut out = Vec::new();
    // Each recipient is one `{...}` object of the list.
    for object in list.split(|&b| b == b'}').take(super::MAX_RECIPIENTS) {
        let Some(address) = value_after(object, b"emailAddress") else {
            continue;
        };
        let mut text = b"Final-Recipient: rfc822; ".to_vec();
        text.extend_from_slice(address);
        let mut diagnostic = false;
        for (name, key) in [
            ("Action", &b"action"[..]),
            ("Status", b"status"),
            ("Diagnostic-Code", b"diagnosticCode"),
        ] {
            if let Some(v) = value_after(object, key) {
                text.push(b'\n');
                text.extend_from_slice(name.as_bytes());
                text.extend_from_slice(b": ");
                text.extend_from_slice(v);
                diagnostic |= key == b"diagnosticCode";
            }
        }
        let r = dsn::Recipient {
            address: Some(address.to_ascii_lowercase()),
            action: value_after(object, b"action").map(<[u8]>::to_ascii_lowercase),
            diagnostic,
            text,
        };
        out.push(r);
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    // `max(1)`: windows of a length the compiler knows is not zero, so that the panic
    // message for zero, and with it core's string formatting, stays out of the wasm.
    hay.windows(needle.len().max(1)).position(|w| w == needle)
}

/// The string value of a JSON key in `text` (quotes escaped or not): the bytes between
/// the quotes after the key's colon.
fn value_after<'t>(text: &'t [u8], key: &[u8]) -> Option<&'t [u8]> {
    let at = find(text, key)? + key.len();
    let rest = &text[at..];
    let colon = rest.iter().position(|&b| b == b':')?;
    // Between the key and its colon only its closing quote (maybe escaped) may stand.
    if rest[..colon]
        .iter()
        .any(|&b| !matches!(b, b'"' | b'\\' | b' '))
    {
        return None;
    }
    let rest = &rest[colon + 1..];
    let open = rest.iter().position(|&b| b == b'"')?;
    if rest[..open].iter().any(|&b| !matches!(b, b'\\' | b' ')) {
        return None;
    }
    let value = &rest[open + 1..];
    let close = value.iter().position(|&b| b == b'"').unwrap_or(value.len());
    Some(
        value[..close]
            .strip_suffix(b"\\")
            .unwrap_or(&value[..close]),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bounce_wrapped_in_sns_json() {
        let text = br#"{"Type" : "Notification", "Message" : "{\"notificationType\":\"Bounce\",\"bounce\":{\"bouncedRecipients\":[{\"emailAddress\":\"Bounce@simulator.amazonses.com\",\"action\":\"failed\",\"status\":\"5.1.1\",\"diagnosticCode\":\"smtp; 550 5.1.1 user unknown\"}]}}"}"#;
        assert_eq!(notification(text), Some(Notification::Bounce));
        let r = recipients(text);
        assert_eq!(r.len(), 1);
        assert_eq!(
            String::from_utf8_lossy(&r[0].text),
            "Final-Recipient: rfc822; Bounce@simulator.amazonses.com\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 user unknown"
        );
        assert!(r[0].diagnostic);
    }

    #[test]
    fn other_notifications_and_plain_text() {
        assert_eq!(
            notification(br#"{"notificationType":"Delivery","mail":{}}"#),
            Some(Notification::Delivery)
        );
        assert_eq!(notification(b"notificationType is a word"), None);
        assert!(recipients(b"no list").is_empty());
    }
}
