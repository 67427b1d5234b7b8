//! The `message/delivery-status` part (RFC 3464): one group of fields per recipient.
//!
//! Each recipient's fields are kept as written (folded lines included): the classifier
//! reads `Diagnostic-Code`, `Status`, `Remote-MTA` and `Final-Recipient` lines as it
//! reads a pasted DSN. The per-message fields (`Reporting-MTA`, `Arrival-Date`...) name
//! the sender's own server and are left out.

use super::header::field_name;
use super::is_one_of;

/// The fields of one recipient.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Recipient {
    /// The address of `Final-Recipient` (else `Original-Recipient`), lower case.
    pub address: Option<Vec<u8>>,
    /// `Action`, lower case (`failed`, `delayed`, `delivered`, `relayed`, `expanded`).
    pub action: Option<Vec<u8>>,
    /// Whether a `Diagnostic-Code` (or an MTA's own diagnostic field) is present.
    pub diagnostic: bool,
    /// The recipient's fields, one per line (continuation lines kept).
    pub text: Vec<u8>,
}

/// Fields of a recipient group that say what happened and where; the others (dates,
/// queue ids, retry times) say nothing about the cause.
const KEPT: &str = phrase_list![
    "final-recipient",
    "original-recipient",
    "x-actual-recipient",
    "action",
    "status",
    "remote-mta",
    "diagnostic-code",
    "x-supplementary-info",
    "x-remote-mta",
];

/// Fields that start a recipient's group.
const RECIPIENT: &str = phrase_list!["final-recipient", "original-recipient"];

/// Fields only a recipient's group has.
const PER_RECIPIENT: &str = phrase_list!["action", "status", "diagnostic-code", "remote-mta"];

/// The recipients of a delivery-status body, in order. A group starts at a
/// `Final-Recipient` or `Original-Recipient` field (after a blank line, or when the group
/// already has one of that kind) or at the first per-recipient field.
pub(crate) fn recipients(body: &[u8]) -> Vec<Recipient> {
    let mut out: Vec<Recipient> = Vec::new();
    // Whether the current group is a recipient's, and which recipient fields it has.
    let mut open = false;
    let mut seen_final = false;
    let mut seen_original = false;
    let mut blank = false;
    // Whether the previous field is kept (its continuation lines follow it).
    let mut keeping = false;
    for line in body.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.trim_ascii().is_empty() {
            blank = true;
            keeping = false;
            continue;
        }
        if matches!(line[0], b' ' | b'\t') {
            if keeping {
                if let Some(r) = out.last_mut() {
                    r.text.push(b'\n');
                    r.text.extend_from_slice(line);
                }
            }
            continue;
        }
        let Some((name, value)) = field_name(line) else {
            // A long value cut at a fixed width without the folding space (Gmail's
            // `message/global-delivery-status`: "...content judged to b" then "e spam by
            // the internet community IB212..."): the line still belongs to the field.
            if keeping {
                if let Some(r) = out.last_mut() {
                    r.text.push(b'\n');
                    r.text.extend_from_slice(line);
                }
            }
            continue;
        };
        let starts = is_one_of(name, RECIPIENT);
        let is_final = name.eq_ignore_ascii_case(b"final-recipient");
        let new_group = if starts {
            !open || blank || (is_final && seen_final) || (!is_final && seen_original)
        } else {
            !open && is_one_of(name, PER_RECIPIENT)
        };
        blank = false;
        if new_group {
            out.push(Recipient::default());
            open = true;
            seen_final = false;
            seen_original = false;
        }
        let Some(r) = out.last_mut().filter(|_| open) else {
            keeping = false;
            continue;
        };
        seen_final |= is_final;
        seen_original |= starts && !is_final;
        // The final recipient's address, unless it is a bare host's (`user@server`) and
        // the original recipient's is a domain's (a site's internal name, like
        // `user@mailcluster.local`, counts as a bare host's).
        if let Some(a) = address(value).filter(|_| starts) {
            let better = match &r.address {
                None => true,
                Some(old) => {
                    (is_final && (public(&a) || !public(old))) || (!public(old) && public(&a))
                }
            };
            if better {
                r.address = Some(a);
            }
        }
        if name.eq_ignore_ascii_case(b"action") {
            let word = value.trim_ascii().split(|b| b.is_ascii_whitespace()).next();
            r.action = word.map(<[u8]>::to_ascii_lowercase);
        }
        r.diagnostic |= name.eq_ignore_ascii_case(b"diagnostic-code")
            || name.eq_ignore_ascii_case(b"x-supplementary-info");
        keeping = is_one_of(name, KEPT);
        if keeping {
            if !r.text.is_empty() {
                r.text.push(b'\n');
            }
            match exit_status(name, value) {
                // A local program's exit status (`X-Unix; 255`) is not an SMTP reply: `#`
                // keeps the code scan from reading it as one.
                Some(n) => {
                    r.text
                        .extend_from_slice(b"Diagnostic-Code: X-Unix; (exit status #");
                    r.text.extend_from_slice(n);
                    r.text.push(b')');
                }
                None => r.text.extend_from_slice(line),
            }
        }
    }
    out.retain(|r| !r.text.is_empty());
    out
}

/// Last labels of names that only exist inside a site.
const INTERNAL_SUFFIXES: &str = phrase_list![
    "local",
    "localdomain",
    "lan",
    "intern",
    "internal",
    "localhost",
];

/// Whether an address's domain names a place on the Internet: dotted, and not a site's
/// internal name.
fn public(address: &[u8]) -> bool {
    let domain = address
        .iter()
        .position(|&b| b == b'@')
        .map_or(&address[..0], |i| &address[i + 1..]);
    let last = domain.rsplit(|&b| b == b'.').next().unwrap_or_default();
    domain.contains(&b'.') && !is_one_of(last, INTERNAL_SUFFIXES)
}

/// The number of a `Diagnostic-Code: X-Unix; <number>` field.
fn exit_status<'v>(name: &[u8], value: &'v [u8]) -> Option<&'v [u8]> {
    if !name.eq_ignore_ascii_case(b"diagnostic-code") {
        return None;
    }
    let (kind, rest) = value.split_at(value.iter().position(|&b| b == b';')?);
    let n = rest[1..].trim_ascii();
    (kind.trim_ascii().eq_ignore_ascii_case(b"x-unix")
        && !n.is_empty()
        && n.iter().all(u8::is_ascii_digit))
    .then_some(n)
}

/// Whether a text holds a recipient's delivery-status fields at line starts (a
/// `Final-Recipient` or `Original-Recipient` and a `Status` or `Action`).
pub(crate) fn has_fields(text: &[u8]) -> bool {
    let mut recipient = false;
    let mut status = false;
    for line in text.split(|&b| b == b'\n') {
        if let Some((name, _)) = field_name(line) {
            recipient |= is_one_of(name, RECIPIENT);
            status |= name.eq_ignore_ascii_case(b"status") || name.eq_ignore_ascii_case(b"action");
        }
    }
    recipient && status
}

/// The address of a recipient field's value (`rfc822; <a@b>` -> `a@b`), lower case: its
/// first word with an `@` (Exim names a pipe's address after the command:
/// `rfc822;|/usr/bin/prog a@b /home/a`).
fn address(value: &[u8]) -> Option<Vec<u8>> {
    let v = value.trim_ascii();
    let v = match v.iter().position(|&b| b == b';') {
        Some(i) => &v[i + 1..],
        None => v,
    };
    let v = v
        .trim_ascii()
        .split(|b| b.is_ascii_whitespace() || matches!(b, b'<' | b'>' | b'"'))
        .find(|w| w.contains(&b'@'))
        .unwrap_or_default();
    // A local part and a domain around the `@` (not `@mx.example.org`, not a source
    // route's `@relay:user@server`).
    let at = v.iter().position(|&b| b == b'@')?;
    (at > 0 && at + 1 < v.len() && !v.contains(&b':')).then(|| v.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_message_fields_are_left_out_and_each_recipient_kept() {
        let body = b"Reporting-MTA: dns; mx.sender.example\nArrival-Date: today\n\nFinal-Recipient: rfc822; A@aol.com\nAction: failed\nStatus: 5.1.1\nRemote-MTA: dns; mx.aol.com\nDiagnostic-Code: smtp; 550 5.1.1 user unknown\n  (continued)\nLast-Attempt-Date: today\n\nFinal-Recipient: rfc822;<b@example.org>\nAction: delayed\nStatus: 4.4.1\n";
        let r = recipients(body);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].address.as_deref(), Some(&b"a@aol.com"[..]));
        assert_eq!(r[0].action.as_deref(), Some(&b"failed"[..]));
        assert!(r[0].diagnostic && !r[1].diagnostic);
        let text = String::from_utf8_lossy(&r[0].text);
        assert!(text.contains("Remote-MTA: dns; mx.aol.com"), "{text}");
        assert!(text.contains("user unknown\n  (continued)"), "{text}");
        assert!(!text.contains("Reporting-MTA") && !text.contains("Last-Attempt"));
        assert_eq!(r[1].address.as_deref(), Some(&b"b@example.org"[..]));
    }

    #[test]
    fn a_value_cut_without_the_folding_space_stays_with_its_field() {
        let body = b"Final-Recipient: rfc822; bob@example.com\nAction: failed\nStatus: 5.2.0\nDiagnostic-Code: smtp; 552 5.2.0 content judged to b\ne spam by the community IB212\nLast-Attempt-Date: today\nnot a field after a dropped one\n";
        let r = recipients(body);
        let text = String::from_utf8_lossy(&r[0].text);
        assert!(
            text.ends_with("judged to b\ne spam by the community IB212"),
            "{text}"
        );
        assert!(!text.contains("dropped"), "{text}");
    }

    #[test]
    fn groups_without_blank_lines_and_without_a_recipient() {
        let r = recipients(b"Final-Recipient: rfc822; a@x.org\nStatus: 5.0.0\nFinal-Recipient: rfc822; b@x.org\nStatus: 5.0.0\n");
        assert_eq!(r.len(), 2);
        let r = recipients(b"Status: 5.2.2\nDiagnostic-Code: smtp; 552 full\n");
        assert_eq!(r.len(), 1);
        assert!(r[0].address.is_none());
        let r = recipients(b"Original-Recipient: rfc822;a@x.org\nFinal-Recipient: rfc822;b@x.org\nAction: failed\n");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].address.as_deref(), Some(&b"b@x.org"[..]));
        let r = recipients(b"Original-recipient: rfc822;a@x.org\nFinal-recipient: rfc822;@smtp.x.org:a@server\nAction: failed\n");
        assert_eq!(r[0].address.as_deref(), Some(&b"a@x.org"[..]));
        let r = recipients(b"Final-recipient: rfc822;a@server\nOriginal-recipient: rfc822;b@x.org\nAction: failed\n");
        assert_eq!(r[0].address.as_deref(), Some(&b"b@x.org"[..]));
        let r = recipients(b"Final-Recipient: rfc822; a@cluster.local\nOriginal-Recipient: rfc822;a@x.org\nAction: failed\n");
        assert_eq!(r[0].address.as_deref(), Some(&b"a@x.org"[..]));
        let r = recipients(b"Final-recipient: rfc822;a@mailhub\nAction: failed\n");
        assert_eq!(r[0].address.as_deref(), Some(&b"a@mailhub"[..]));
        assert!(recipients(b"Reporting-MTA: dns; x\n").is_empty());
        let r = recipients(b"Final-Recipient: rfc822; a@x.org\nDiagnostic-Code: X-Unix; 255\n");
        assert_eq!(
            String::from_utf8_lossy(&r[0].text),
            "Final-Recipient: rfc822; a@x.org\nDiagnostic-Code: X-Unix; (exit status #255)"
        );
    }
}
