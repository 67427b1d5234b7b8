//! The parts of a message that say something: the human-readable report (decoded, cut
//! before the returned original) and the delivery-status fields.

use std::borrow::Cow;

use super::decode::{self, Transfer};
use super::mime::{Media, Part};
use super::{append, dsn, header, kind, prose, Reader};

/// What the parts of a message hold.
pub(super) struct Contents {
    /// The human-readable report, decoded, without the returned original.
    pub report: Vec<u8>,
    /// What follows the report's cut: a quoted original, when it is inline.
    pub inline_original: Vec<u8>,
    /// The report's text before the cut.
    pub full: Vec<u8>,
    pub dsn: Vec<dsn::Recipient>,
    /// A feedback-loop report (`report-type=feedback-report`, `message/feedback-report`).
    pub feedback: bool,
    /// A read receipt (`message/disposition-notification`).
    pub disposition: bool,
}

/// Whether the first line that is not blank is a header field.
fn starts_with_field(text: &[u8]) -> bool {
    text.split(|&b| b == b'\n')
        .find(|l| !l.trim_ascii().is_empty())
        .is_some_and(|l| header::field_name(l).is_some())
}

/// Whether a disposition notification reports a refusal rather than a receipt: a mail
/// delivery agent's automatic rejection (Dovecot's and Sieve's `reject`: "Disposition:
/// automatic-action/MDN-sent-automatically; deleted"), or a `denied` or `failed`
/// disposition. A person deleting a message unread (`manual-action ...; deleted`) is
/// still no bounce. Its `Final-Recipient` then names the refused recipient.
fn refused(text: &[u8]) -> bool {
    text.split(|&b| b == b'\n')
        .filter_map(header::field_name)
        .find(|(name, _)| name.eq_ignore_ascii_case(b"disposition"))
        .is_some_and(|(_, value)| {
            let (mode, kind) = match value.iter().position(|&b| b == b';') {
                Some(i) => (&value[..i], &value[i + 1..]),
                None => (value, &b""[..]),
            };
            let starts = |w: &[u8]| prose::starts_with_ci(kind.trim_ascii(), w);
            starts(b"denied")
                || starts(b"failed")
                || (starts(b"deleted") && kind::contains_ci(mode, "automatic-action"))
        })
}

impl Reader {
    pub(super) fn contents(&mut self, parts: &[Part<'_>]) -> Contents {
        let mut c = Contents {
            report: Vec::new(),
            inline_original: Vec::new(),
            full: Vec::new(),
            dsn: Vec::new(),
            feedback: parts
                .first()
                .and_then(|p| p.header.get("content-type"))
                .and_then(|ct| header::param(ct, "report-type"))
                .is_some_and(|t| t.eq_ignore_ascii_case(b"feedback-report")),
            disposition: false,
        };
        let mut html = Vec::new();
        let mut attached = Vec::new();
        for part in parts.iter().filter(|p| !p.original) {
            match part.media {
                Media::DeliveryStatus => {
                    let text = self.text_of(part);
                    let recipients = dsn::recipients(&text);
                    // A report written as prose but labelled delivery-status (an
                    // InterMail gateway's "This Message was undeliverable due to the
                    // following reason: ...") is the human-readable report.
                    if recipients.is_empty() && !starts_with_field(&text) {
                        append(&mut c.report, &text);
                    }
                    c.dsn.extend(recipients);
                }
                Media::FeedbackReport => c.feedback = true,
                Media::Disposition => {
                    let text = self.text_of(part);
                    if refused(&text) {
                        c.dsn.extend(dsn::recipients(&text));
                    } else {
                        c.disposition = true;
                    }
                }
                Media::Text if is_attachment(part) => append(&mut attached, &self.text_of(part)),
                Media::Text => append(&mut c.report, &self.text_of(part)),
                Media::Html => {
                    let text = self.text_of(part);
                    append(&mut html, &decode::html_text(&text));
                }
                _ => {}
            }
        }
        // The report is the plain text; else its HTML version; else a text attachment.
        for other in [html, attached] {
            if c.report.trim_ascii().is_empty() {
                c.report = other;
            }
        }
        let (report, cut) = prose::without_original(&c.report);
        self.work += 2 * c.report.len() as u64;
        c.inline_original = c.report.get(cut..).unwrap_or_default().to_vec();
        c.full = std::mem::replace(&mut c.report, report);
        c
    }

    /// A part's body decoded: transfer encoding, then charset.
    pub(super) fn text_of<'a>(&mut self, part: &Part<'a>) -> Cow<'a, [u8]> {
        let ct = part.header.get("content-type").unwrap_or_default();
        let encoding = Transfer::of(part.header.get("content-transfer-encoding"));
        let text = decode::transfer(part.body, encoding);
        let charset = header::param(ct, "charset").unwrap_or_default();
        let text = decode::with_english(decode::to_utf8(text, &charset));
        self.work += (part.body.len().min(4 * decode::MAX_TEXT) + 2 * text.len()) as u64;
        text
    }
}

/// A part sent as a file (`Content-Disposition: attachment`): a copy of the original's
/// header, more often than the report.
fn is_attachment(part: &Part<'_>) -> bool {
    part.header
        .get("content-disposition")
        .is_some_and(|d| kind::contains_ci(&d[..d.len().min(40)], "attachment"))
}
