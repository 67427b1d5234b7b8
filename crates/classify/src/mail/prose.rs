//! The human-readable report of a bounce: where the quoted original starts, and which
//! lines speak of which recipient.
//!
//! MTAs that send no delivery-status part (qmail, Exim, old Sendmail, Exchange, many
//! gateways) write the failed addresses at the start of a line (`<a@b>:`, `  a@b`,
//! `a@b on <date>`), the reason under it, and then a copy of the message after a marker
//! line (`--- Below this line is a copy of the message.`) or simply its header lines.
//! Both are found line by line in one pass.

use std::ops::Range;

use super::header::field_name;
use super::{is_one_of, phrases};

/// Marker lines after which the returned original follows (compared in lower case, with
/// the decoration of dashes, stars, bars and the like trimmed).
const ORIGINAL_MARKERS: &str = phrase_list![
    "this is a copy of the message",
    "this is a copy of your message",
    "this is a copy of the message's headers",
    "below this line is a copy of the message",
    "below is a copy of the original message",
    "a copy of the original message below this line",
    "original message follows",
    "original message headers",
    "original message",
    "original mail info",
    "the original message headers",
    "the header of the original message is following",
    "message headers follow",
    "returned message",
    "unsent message follows",
    "message text follows",
    "intestazioni originali del messaggio",
    "here is a copy of the first part of the message",
    "the non-delivered message is attached",
    "undelivered message attached",
    "header of original message",
    "original message header",
    "message header follows",
];

/// Header fields that only a message's header has (not a DSN, not a reply). A run of
/// header lines with one of the transport's fields and another message field is the
/// quoted original's header.
const TRANSPORT_FIELDS: &str = phrase_list![
    "return-path",
    "received",
    "message-id",
    "mime-version",
    "content-type",
    "delivered-to",
    "dkim-signature",
    "x-mailer",
];

/// The fields a report may show to describe the original (`Subject:`, `Date:`...).
const SUMMARY_FIELDS: &str = phrase_list!["from", "to", "cc", "subject", "date", "reply-to"];

/// The line without its decoration (dashes, stars, bars and the like around it).
fn undecorated(line: &[u8]) -> &[u8] {
    let decoration = |b: &u8| {
        b.is_ascii_whitespace()
            || matches!(
                b,
                b'-' | b'=' | b'*' | b'_' | b'|' | b'#' | b'[' | b']' | b'<' | b'>' | b'.' | b':'
            )
    };
    let start = line
        .iter()
        .position(|b| !decoration(b))
        .unwrap_or(line.len());
    let end = line
        .iter()
        .rposition(|b| !decoration(b))
        .map_or(start, |e| e + 1);
    &line[start..end.max(start)]
}

/// Whether `text` starts with `prefix`, ASCII case-insensitively.
pub(crate) fn starts_with_ci(text: &[u8], prefix: &[u8]) -> bool {
    text.len() >= prefix.len() && text[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Whether the line announces the original message.
fn is_marker(line: &[u8]) -> bool {
    if line.len() > 120 {
        return false;
    }
    let t = undecorated(line);
    phrases(ORIGINAL_MARKERS).any(|m| starts_with_ci(t, m.as_bytes()))
}

/// A header field line: whether it is one, and whether its name is a transport or a
/// summary field of a message header.
fn field_kind(line: &[u8]) -> Option<(bool, bool)> {
    let (name, _) = field_name(line)?;
    if name.contains(&b' ') {
        return None;
    }
    Some((
        is_one_of(name, TRANSPORT_FIELDS),
        is_one_of(name, SUMMARY_FIELDS),
    ))
}

/// A run of header lines in the report.
#[derive(Clone, Copy)]
struct Run {
    /// Where it starts in the output and in the text.
    out: usize,
    text: usize,
    indented: bool,
    transport: usize,
    summary: usize,
}

/// The report without the returned original: cut where a run of header lines has a
/// transport field (`Received`, `Return-Path`, `Message-ID`...) and another message
/// field, or at a marker line. Runs of two or more summary fields (`Subject:`, `Date:`,
/// also indented, under "This report relates to a message you sent with the following
/// header fields") describe the original: those lines are left out, the report goes
/// on. Also returns where the original starts in `text`.
pub(crate) fn without_original(text: &[u8]) -> (Vec<u8>, usize) {
    let mut out = Vec::with_capacity(text.len());
    let mut pos = 0;
    let mut run: Option<Run> = None;
    while pos < text.len() {
        let end = text[pos..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(text.len(), |i| pos + i);
        let line = &text[pos..end];
        if is_marker(line) {
            return (out, pos);
        }
        let indented = matches!(line.first(), Some(b' ' | b'\t'));
        match (field_kind(line.trim_ascii_start()), run.as_mut()) {
            (Some((t, s)), Some(r)) if r.indented == indented => {
                r.transport += usize::from(t);
                r.summary += usize::from(s);
            }
            // A continuation line of an unindented run.
            (_, Some(r)) if !r.indented && indented && !line.trim_ascii().is_empty() => {}
            (kind, _) => {
                end_run(&mut out, run.take());
                run = kind.map(|(t, s)| Run {
                    out: out.len(),
                    text: pos,
                    indented,
                    transport: usize::from(t),
                    summary: usize::from(s),
                });
            }
        }
        if let Some(r) =
            run.filter(|r| !r.indented && r.transport >= 1 && r.transport + r.summary >= 2)
        {
            out.truncate(r.out);
            return (out, r.text);
        }
        out.extend_from_slice(line);
        out.push(b'\n');
        pos = end + 1;
    }
    end_run(&mut out, run);
    (out, text.len())
}

/// Leaves out a run that describes the original.
fn end_run(out: &mut Vec<u8>, run: Option<Run>) {
    if let Some(r) = run.filter(|r| r.transport + r.summary >= 2) {
        out.truncate(r.out);
    }
}

/// Lines that introduce a forwarded message.
const FORWARD_MARKERS: [&str; 4] = [
    "begin forwarded message",
    "forwarded message",
    "original message",
    "message transféré",
];

/// The message forwarded in a text, after its marker line: one level of `>` quoting
/// removed when most of its lines are quoted, leading blank lines skipped.
pub(crate) fn forwarded(text: &[u8]) -> Option<Vec<u8>> {
    let mut pos = 0;
    let start = loop {
        if pos >= text.len() {
            return None;
        }
        let end = text[pos..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(text.len(), |i| pos + i);
        let line = &text[pos..end];
        let t = undecorated(line);
        // The marker is the whole line (`-----Original Message-----`, `Begin forwarded
        // message:`); "Original message follows." introduces a returned original.
        let whole = |m: &str| {
            starts_with_ci(t, m.as_bytes()) && matches!(t[m.len()..].trim_ascii(), b"" | b":")
        };
        if line.len() < 120 && FORWARD_MARKERS.iter().any(|m| whole(m)) {
            break (end + 1).min(text.len());
        }
        pos = end + 1;
    };
    let rest = &text[start..];
    let lines = rest.split(|&b| b == b'\n');
    let (quoted, filled) = lines.fold((0, 0), |(q, f), l| {
        (
            q + usize::from(l.starts_with(b">")),
            f + usize::from(!l.trim_ascii().is_empty()),
        )
    });
    let mut out = Vec::with_capacity(rest.len());
    for line in rest.split(|&b| b == b'\n') {
        let line = if quoted * 2 > filled {
            let l = line.strip_prefix(b">").unwrap_or(line);
            l.strip_prefix(b" ").unwrap_or(l)
        } else {
            line
        };
        if out.is_empty() && line.trim_ascii().is_empty() {
            continue;
        }
        out.extend_from_slice(line);
        out.push(b'\n');
    }
    Some(out)
}

/// A recipient's lines in the report.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    /// Lower case.
    pub address: Vec<u8>,
    pub ranges: Vec<Range<usize>>,
}

/// The report split by recipient: each recipient's lines (from a line that starts with
/// its address to a blank line or the next recipient) and the lines of no recipient.
#[derive(Debug, Default)]
pub(crate) struct Split {
    pub blocks: Vec<Block>,
    pub common: Vec<Range<usize>>,
}

/// Most recipients read from one report.
const MAX_BLOCKS: usize = 256;

pub(crate) fn split(text: &[u8]) -> Split {
    let mut split = Split::default();
    let mut current: Option<usize> = None; // index into blocks
    let mut start = 0; // start of the current range
    let mut pos = 0;
    let mut prev: &[u8] = b""; // the last line that is not blank
    while pos < text.len() {
        let end = text[pos..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(text.len(), |i| pos + i);
        let line = &text[pos..end];
        let blank = line.trim_ascii().is_empty();
        // Exim names the sender on its own line after "A message sent by": no recipient.
        let address = leading_address(line).filter(|_| !ends_with_ci(prev, b"sent by"));
        if !blank {
            prev = line.trim_ascii();
        }
        if address.is_some() || (blank && current.is_some()) {
            // The current range ends before this line.
            close(&mut split, current, start..pos);
            start = pos;
            current = match address {
                Some(a) if split.blocks.len() < MAX_BLOCKS || find(&split, &a).is_some() => {
                    Some(find(&split, &a).unwrap_or_else(|| {
                        split.blocks.push(Block {
                            address: a,
                            ranges: Vec::new(),
                        });
                        split.blocks.len() - 1
                    }))
                }
                _ => None,
            };
        }
        pos = end + 1;
    }
    close(&mut split, current, start..text.len());
    split
}

fn ends_with_ci(text: &[u8], suffix: &[u8]) -> bool {
    text.len() >= suffix.len() && text[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

fn find(split: &Split, address: &[u8]) -> Option<usize> {
    // The last block is the usual match (an address written twice in a row).
    split.blocks.iter().rposition(|b| b.address == address)
}

fn close(split: &mut Split, block: Option<usize>, range: Range<usize>) {
    if range.is_empty() {
        return;
    }
    match block.and_then(|i| split.blocks.get_mut(i)) {
        Some(b) => b.ranges.push(range),
        None => split.common.push(range),
    }
}

/// The address a line starts with (`<a@b>:`, `  a@b`, `a@b on ...`, `<a@b>... User
/// unknown`), lower case; `None` when the line starts with anything else.
pub(crate) fn leading_address(line: &[u8]) -> Option<Vec<u8>> {
    let t = line.trim_ascii_start();
    let t = t.strip_prefix(b"* ").unwrap_or(t);
    let t = t
        .strip_prefix(b"<")
        .or_else(|| t.strip_prefix(b"\""))
        .or_else(|| t.strip_prefix(b"["))
        .unwrap_or(t);
    let at = t.iter().position(|&b| b == b'@')?;
    let local = &t[..at];
    if local.is_empty()
        || !local
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b"._%+-=/!#$&'*?^`{|}~".contains(&b))
    {
        return None;
    }
    let domain_len = t[at + 1..]
        .iter()
        .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        .count();
    let domain = &t[at + 1..at + 1 + domain_len];
    let domain = domain.strip_suffix(b".").unwrap_or(domain);
    if domain.is_empty() || !domain.contains(&b'.') {
        return None;
    }
    let after = &t[at + 1 + domain_len..];
    let after = after
        .strip_prefix(b">")
        .or_else(|| after.strip_prefix(b"\""))
        .or_else(|| after.strip_prefix(b"]"))
        .unwrap_or(after);
    // What may follow the address on its line: nothing, a colon, `...`, a space.
    let ok = after.is_empty()
        || matches!(after[0], b':' | b' ' | b'\t' | b'\r' | b',' | b';' | b'(')
        || after.starts_with(b"...");
    ok.then(|| t[..at + 1 + domain.len()].to_ascii_lowercase())
}

/// The text of some ranges of `text`, one after another on their own lines.
pub(crate) fn gather(text: &[u8], ranges: &[Range<usize>], out: &mut Vec<u8>) {
    for r in ranges {
        if let Some(part) = text.get(r.clone()) {
            if !out.is_empty() && !out.ends_with(b"\n") {
                out.push(b'\n');
            }
            out.extend_from_slice(part);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_original_is_cut_at_a_marker_or_at_its_header() {
        let qmail = b"Hi.\n<a@b.jp>:\n550 no\n\n--- Below this line is a copy of the message.\n\nReturn-Path: <x@y.jp>\n";
        assert_eq!(without_original(qmail).0, b"Hi.\n<a@b.jp>:\n550 no\n\n");
        let quoted = b"550 5.1.1 unknown\n\nReceived: from x\n  by y\nFrom: a@b.jp\nSubject: hi\n";
        assert_eq!(without_original(quoted).0, b"550 5.1.1 unknown\n\n");
        let dsn = b"Final-Recipient: rfc822; a@b.jp\nStatus: 5.1.1\nFrom: someone\n";
        assert_eq!(without_original(dsn).0, &dsn[..]);
        let summary = b"About your message:\n  Date: today\n  Subject: Message-ID check\n\nReason: user unknown\n";
        assert_eq!(
            without_original(summary).0,
            b"About your message:\n\nReason: user unknown\n"
        );
        let x6 =
            b"Full details follow:\n\nSubject: 'Nyaan'\nDate: 'today'\n\n550 5.1.1 User unknown\n";
        assert_eq!(
            without_original(x6).0,
            b"Full details follow:\n\n\n550 5.1.1 User unknown\n"
        );
        assert!(is_marker(
            b"------ This is a copy of the message, including all the headers. ------"
        ));
        assert!(is_marker(b"   ----- Original message -----"));
        assert!(!is_marker(
            b"The original message was received at Wed, 16 Oct 2013"
        ));
    }

    #[test]
    fn lines_that_start_with_an_address() {
        for (line, want) in [
            ("<Kiji@Example.JP>:", Some("kiji@example.jp")),
            ("  kijitora@example.ed.jp", Some("kijitora@example.ed.jp")),
            ("a@b.jp on 2012/08/30", Some("a@b.jp")),
            ("<a@b.jp>... User unknown", Some("a@b.jp")),
            ("550 5.1.1 <a@b.jp>... User unknown", None),
            ("To: a@b.jp", None),
            ("a@localhost", None),
            ("a@b.jp.", Some("a@b.jp")),
            ("\"a@b.jp\":", Some("a@b.jp")),
            ("  * a@b.jp", Some("a@b.jp")),
            ("* [a@b.jp]: 550 over quota", Some("a@b.jp")),
        ] {
            let got = leading_address(line.as_bytes());
            assert_eq!(got.as_deref(), want.map(str::as_bytes), "{line}");
        }
    }

    #[test]
    fn each_recipient_gets_its_lines() {
        let text =
            b"intro\n\n<a@x.jp>:\n550 unknown\n\n<b@x.jp>:\n552 full\n\nfooter\n<a@x.jp>: again\n";
        let s = split(text);
        assert_eq!(s.blocks.len(), 2);
        let mut a = Vec::new();
        gather(text, &s.blocks[0].ranges, &mut a);
        assert_eq!(a, b"<a@x.jp>:\n550 unknown\n<a@x.jp>: again\n");
        let mut common = Vec::new();
        gather(text, &s.common, &mut common);
        assert_eq!(common, b"intro\n\n\n\nfooter\n");
    }

    #[test]
    fn the_sender_exim_names_is_no_recipient() {
        let text = b"A message sent by\n\n  <s@y.jp>\n\ncould not be delivered. The following\naddress(es) failed:\n\n  a@x.jp\n    all hosts have been failing\n";
        let s = split(text);
        assert_eq!(s.blocks.len(), 1);
        assert_eq!(s.blocks[0].address, b"a@x.jp");
    }
}
