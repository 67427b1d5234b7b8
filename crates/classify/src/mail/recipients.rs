//! Each failed recipient and what the receiver said about it: its DSN fields after the
//! report's lines about it, or, without a DSN, the report's lines under its address.

use std::borrow::Cow;

use super::contents::Contents;
use super::header::{self, Header};
use super::mime::Part;
use super::{append, dsn, lossy, prose, Reader, Recipient, MAX_COMMON, MAX_RECIPIENTS};

impl Reader {
    /// A DSN recipient: the report's lines about it, then its fields (the report's
    /// general lines first when the DSN quotes no SMTP reply).
    pub(super) fn dsn_recipient(
        &mut self,
        r: &dsn::Recipient,
        report: &[u8],
        split: &prose::Split,
    ) -> Recipient {
        let mut text = Vec::new();
        // A session transcript says more than `X-Unix; 77` or `X-Postfix; ...`.
        let (d, work) = crate::diagnose_counted(&r.text);
        self.work += work;
        if !(r.diagnostic && d.basic.is_some()) {
            self.common(report, split, &mut text);
        }
        if let Some(block) = r
            .address
            .as_ref()
            .and_then(|a| split.blocks.iter().find(|b| &b.address == a))
        {
            prose::gather(report, &block.ranges, &mut text);
        } else if !r.diagnostic && split.blocks.len() == 1 {
            prose::gather(report, &split.blocks[0].ranges, &mut text);
        }
        append(&mut text, &r.text);
        // A DSN without a usable address: the report's one recipient.
        let address = r.address.as_deref().or(match &split.blocks[..] {
            [only] => Some(&only.address[..]),
            _ => None,
        });
        self.work += text.len() as u64;
        Recipient {
            address: address.map(lossy),
            text,
        }
    }

    /// Recipients from the report alone: one per address found at the start of a
    /// line, or one for the whole report (its address from `X-Failed-Recipients`, a
    /// transcript's `RCPT TO`, an address in the report, or the original's `To`).
    pub(super) fn report_recipients(
        &mut self,
        c: &Contents,
        split: &prose::Split,
        top: &Header<'_>,
        parts: &[Part<'_>],
    ) -> Vec<Recipient> {
        if split.blocks.is_empty() {
            self.work += 3 * c.report.len() as u64;
            let address = top
                .text("x-failed-recipients")
                .and_then(|v| first_address(&v))
                .or_else(|| rcpt_to(&c.report))
                .or_else(|| angle_address(&c.report))
                .or_else(|| labelled_address(&c.report))
                .or_else(|| self.original_to(c, parts));
            return vec![Recipient {
                address,
                text: c.report.clone(),
            }];
        }
        let mut out = Vec::new();
        for block in split.blocks.iter().take(MAX_RECIPIENTS) {
            let mut text = Vec::new();
            let mut own = Vec::new();
            prose::gather(&c.report, &block.ranges, &mut own);
            if !self.has_reply_code(&own) {
                self.common(&c.report, split, &mut text);
            }
            append(&mut text, &own);
            self.work += text.len() as u64;
            out.push(Recipient {
                address: Some(lossy(&block.address)),
                text,
            });
        }
        out
    }

    /// The report's lines of no recipient, up to [`MAX_COMMON`] bytes, while the
    /// message's budget ([`super::MAX_COMMON_TOTAL`]) lasts.
    fn common(&mut self, report: &[u8], split: &prose::Split, out: &mut Vec<u8>) {
        let mut budget = MAX_COMMON.min(self.common_left);
        for r in &split.common {
            if budget == 0 {
                break;
            }
            let Some(part) = report.get(r.start..r.end.min(r.start + budget)) else {
                continue;
            };
            budget -= part.len();
            self.common_left -= part.len();
            append(out, part);
        }
    }

    /// The first address of the returned original's `To` field (attached or inline).
    fn original_to(&mut self, c: &Contents, parts: &[Part<'_>]) -> Option<String> {
        let attached = parts.iter().find(|p| p.media.is_original());
        let text: Cow<'_, [u8]> = match attached {
            Some(p) => self.text_of(p),
            None => Cow::Borrowed(&c.inline_original),
        };
        self.work += text.len() as u64;
        // The inline original starts at its first field (after its marker line).
        let mut from = 0;
        for line in text.split(|&b| b == b'\n') {
            if header::field_name(line).is_some() {
                break;
            }
            from += line.len() + 1;
        }
        let (h, _) = header::split(text.get(from..).unwrap_or_default());
        h.text("to").and_then(|v| first_address(&v))
    }
}

/// The address of the first `RCPT TO:<...>` in a session transcript.
fn rcpt_to(report: &[u8]) -> Option<String> {
    let at = report
        .windows(8)
        .position(|w| w.eq_ignore_ascii_case(b"rcpt to:"))?;
    let rest = &report[at + 8..];
    let line = rest.split(|&b| b == b'\n').next().unwrap_or_default();
    first_address(line)
}

/// The first `<a@b>` of the report that is not the sender's (`MAIL FROM:<...>`).
fn angle_address(report: &[u8]) -> Option<String> {
    let mut rest = report;
    while let Some(open) = rest.iter().position(|&b| b == b'<') {
        let before = rest[..open].trim_ascii_end();
        let sender = before.len() >= 5 && before[before.len() - 5..].eq_ignore_ascii_case(b"from:");
        rest = &rest[open + 1..];
        if sender {
            continue;
        }
        let close = rest
            .iter()
            .position(|&b| b == b'>' || b == b'\n' || b == b'<')?;
        if rest[close] == b'>' {
            if let Some(a) = first_address(&rest[..close]) {
                return Some(a);
            }
        }
    }
    None
}

/// The first address of the report written after a label or "to" (`Undeliverable
/// Address: a@b`, `Delivery failed 20 attempts: a@b`, `Error-for: a@b`, `undeliverable
/// to a@b`, `(Originally addressed to a@b)`), in a line that names no sender or contact
/// (`contact postmaster@b`, `from a@b`).
pub(super) fn labelled_address(report: &[u8]) -> Option<String> {
    let head = &report[..report.len().min(MAX_COMMON)];
    head.split(|&b| b == b'\n').find_map(|line| {
        let at = line.iter().position(|&b| b == b'@')?;
        let start = line[..at]
            .iter()
            .rposition(|b| b.is_ascii_whitespace() || b"<>\"',;:()[]".contains(b))
            .map_or(0, |s| s + 1);
        let before = line[..start].trim_ascii_end();
        // `to 'a@b'`, `to <a@b>` (Cisco's "The following message to <a@b> was
        // undeliverable.").
        let before = before
            .strip_suffix(b"'")
            .or_else(|| before.strip_suffix(b"<"))
            .unwrap_or(before)
            .trim_ascii_end();
        let labelled = before.ends_with(b":")
            || (before.len() >= 3 && before[before.len() - 3..].eq_ignore_ascii_case(b" to"));
        let names_other = ["from", "contact", "postmaster", "sender"]
            .iter()
            .any(|w| super::kind::contains_ci(before, w));
        // The quote or full stop closing the sentence is not the address's.
        let end = line[start..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || b"'>\",;)".contains(b))
            .map_or(line.len(), |e| start + e);
        let address = line[start..end]
            .strip_suffix(b".")
            .unwrap_or(&line[start..end]);
        (labelled && !names_other)
            .then(|| first_address(address))
            .flatten()
    })
}

/// The first e-mail address in a field value, lower case.
pub(super) fn first_address(value: &[u8]) -> Option<String> {
    let at = value.iter().position(|&b| b == b'@')?;
    let is_addr = |b: &u8| !b.is_ascii_whitespace() && !b"<>\",;:()[]".contains(b);
    let start = value[..at]
        .iter()
        .rposition(|b| !is_addr(b))
        .map_or(0, |s| s + 1);
    let end = value[at..]
        .iter()
        .position(|b| !is_addr(b))
        .map_or(value.len(), |e| at + e);
    let addr = &value[start..end];
    (at > start && end > at + 1).then(|| lossy(&addr.to_ascii_lowercase()))
}
