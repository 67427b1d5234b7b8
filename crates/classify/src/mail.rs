//! Whole messages: a bounce as a mail client saves it (`.eml`, "show original"), read by
//! its structure.
//!
//! What the receiver said is found in the `message/delivery-status` part (one group of
//! fields per recipient) and in the human-readable report (quoted-printable or base64,
//! any charset, plain or HTML), cut before the returned original. The classifier then
//! reads only that, never the bounce's own header nor the original message: their
//! `Authentication-Results`, `DKIM-Signature` or `Content-Type` say nothing about why
//! the message bounced. Messages that are not bounces (automatic replies, feedback-loop
//! reports, receipts, ordinary mail) are said to be so.
//!
//! No I/O, no panics, linear time: every pass reads the bytes once (a multipart level
//! once more, [`mime::MAX_DEPTH`] levels at most), a part's text is decoded up to
//! [`decode::MAX_TEXT`] bytes.

/// A list of phrases written as one string, each ended by a line break (read it with
/// [`phrases`]): a `[&str; N]` also keeps each phrase's address and length, eight bytes of
/// the WebAssembly module's data a phrase.
macro_rules! phrase_list {
    ($($phrase:literal),* $(,)?) => {
        concat!($($phrase, "\n"),*)
    };
}

mod contents;
mod decode;
mod dsn;
mod header;
mod jis;
mod kind;
mod mime;
mod pasted;
mod prose;
mod recipients;
mod ses;

use std::borrow::Cow;

pub(crate) use kind::answer as not_a_bounce_answer;
pub use kind::NotABounce;
pub(crate) use pasted::recipient_counted as pasted_recipient_counted;

use contents::Contents;
use mime::Part;

/// The phrases of a [`phrase_list!`], in order.
fn phrases(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.split_terminator('\n')
}

/// Whether `word` is one of the phrases of `list` (a [`phrase_list!`]), ASCII
/// case-insensitively.
fn is_one_of(word: &[u8], list: &'static str) -> bool {
    phrases(list).any(|p| word.eq_ignore_ascii_case(p.as_bytes()))
}

/// Most recipients read from one message (a bounce names one to a few dozen).
const MAX_RECIPIENTS: usize = 500;
/// The most bytes of the report's general lines (its introduction, a session
/// transcript) given with each recipient that has no reason of its own, and with all of
/// them together (so that many recipients cost a bounded amount of work).
const MAX_COMMON: usize = 4096;
const MAX_COMMON_TOTAL: usize = 64 * 1024;

/// What a whole message holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// `None` for a bounce (or a delay notice); what the message is otherwise.
    pub not_a_bounce: Option<NotABounce>,
    /// The failed (or delayed) recipients, each with what the receiver said about it.
    /// Empty when the message is not a bounce.
    pub recipients: Vec<Recipient>,
}

/// One recipient of a bounce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// The recipient's address (lower case), when the bounce names it.
    pub address: Option<String>,
    /// What the receiver said about it: the DSN fields of this recipient
    /// (`Final-Recipient`, `Action`, `Status`, `Remote-MTA`, `Diagnostic-Code`) after the
    /// lines of the report that speak of it. This is the text the classifier reads.
    pub text: Vec<u8>,
}

/// Header fields that only a whole message has at its top (a pasted DSN or reply has
/// none of them).
const MESSAGE_FIELDS: &str = phrase_list![
    "from",
    "to",
    "subject",
    "date",
    "received",
    "return-path",
    "message-id",
    "mime-version",
    "content-type",
    "delivered-to",
    "x-failed-recipients",
    "auto-submitted",
];

/// Whether the bytes are a whole message: a header block ending at a blank line, with at
/// least two fields of a message's header (`From`, `Subject`, `Received`...). A pasted
/// DSN (`Reporting-MTA:`, `Final-Recipient:`...) or reply text is not.
pub fn is_message(bytes: &[u8]) -> bool {
    let text = lf(bytes);
    is_message_header(&text)
}

fn is_message_header(text: &[u8]) -> bool {
    let (header, body) = header::split(text);
    let ended_by_blank = body.len() < text.len() && {
        let head = &text[..text.len() - body.len()];
        head.ends_with(b"\n\n") || head.ends_with(b"\n") && body.is_empty()
    };
    let known = header
        .fields
        .iter()
        .filter(|f| is_one_of(f.name, MESSAGE_FIELDS))
        .count();
    ended_by_blank && known >= 2
}

/// The text from its first line that is not blank: a message saved or pasted with empty
/// (or space-filled) lines before its header is still that message.
fn after_blank_lines(text: &[u8]) -> &[u8] {
    let first = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(text.len());
    let line_start = text[..first]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    &text[line_start..]
}

/// CRLF and lone CR line ends as LF (no copy when there are none).
fn lf(bytes: &[u8]) -> Cow<'_, [u8]> {
    if !bytes.contains(&b'\r') {
        return Cow::Borrowed(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\r' => {
                out.push(b'\n');
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    Cow::Owned(out)
}

/// Reads a whole message; `None` when the bytes are not one ([`is_message`]): a pasted
/// bounce text is then classified as it is.
pub fn read(bytes: &[u8]) -> Option<Message> {
    read_counted(bytes).0
}

/// [`read`] plus a count of the elementary steps taken (bytes visited by each pass,
/// including the classifier's reading of the report). Tests use it to show the work is
/// linear in the input.
#[doc(hidden)]
pub fn read_counted(bytes: &[u8]) -> (Option<Message>, u64) {
    let text = lf(bytes);
    let text = after_blank_lines(&text);
    let mut reader = Reader {
        work: 2 * bytes.len() as u64,
        common_left: MAX_COMMON_TOTAL,
    };
    let message = is_message_header(text).then(|| reader.read_text(text, true));
    (message, reader.work)
}

/// One reading of a message: the steps it took so far, and how much of the report's
/// general lines may still be given to recipients.
struct Reader {
    work: u64,
    common_left: usize,
}

impl Reader {
    /// Reads a whole message (LF line ends); `forwards`: also look for a bounce
    /// forwarded in it (only at the top: a forwarded message is not searched again).
    fn read_text(&mut self, text: &[u8], forwards: bool) -> Message {
        let (header, body) = header::split(text);
        let (parts, work) = mime::parts(header, body);
        self.work += work + text.len() as u64;
        self.read_parts(&parts, forwards)
    }

    fn read_parts(&mut self, parts: &[Part<'_>], forwards: bool) -> Message {
        let Some(top) = parts.first() else {
            return not_a_bounce(NotABounce::OrdinaryMail);
        };
        let subject = top
            .header
            .text("subject")
            .map(|s| decode::encoded_words(&s).into_owned())
            .unwrap_or_default();
        let signs = kind::signs(&top.header, &subject);
        let mut c = self.contents(parts);
        let notification = ses::notification(&c.report);
        self.work += c.report.len() as u64;
        if notification == Some(ses::Notification::Bounce) {
            c.dsn = ses::recipients(&c.report);
        } else if c.dsn.is_empty() && dsn::has_fields(&c.report) {
            // The delivery-status fields written in the text part.
            c.dsn = dsn::recipients(&c.report);
        }
        if c.feedback
            || signs.complaint_subject
            || notification == Some(ses::Notification::Complaint)
        {
            return not_a_bounce(NotABounce::FeedbackReport);
        }
        let failed: Vec<&dsn::Recipient> = c
            .dsn
            .iter()
            .filter(|r| !delivered(r))
            .take(MAX_RECIPIENTS)
            .collect();
        if (!c.dsn.is_empty() && failed.is_empty())
            || (c.disposition && c.dsn.is_empty())
            || notification == Some(ses::Notification::Delivery)
        {
            return not_a_bounce(NotABounce::Receipt);
        }
        let split = prose::split(&c.report);
        self.work += c.report.len() as u64;
        let report_shape = !split.blocks.is_empty() && self.has_reply_code(&c.report);
        let bounce = !failed.is_empty()
            || signs.bounce_header
            || report_shape
            || notification == Some(ses::Notification::Bounce);
        // A bounce forwarded by someone ("Fwd: Undeliverable: ...") is read as that bounce.
        if forwards && failed.is_empty() && !report_shape {
            if let Some(m) = self.forwarded(&c, parts) {
                return m;
            }
        }
        // An automatic reply that a mail system passed on under its own name (an ESP
        // relays its senders' replies with its MAILER-DAEMON as the author) is still a
        // reply: the reply's own markers, no failed recipient, no reply code and no
        // word of a failure.
        if bounce
            && failed.is_empty()
            && !report_shape
            && notification.is_none()
            && signs.auto_reply_marker
            && !kind::says_undelivered(&c.report)
        {
            return not_a_bounce(NotABounce::AutoReply);
        }
        if !bounce {
            if signs.auto_reply_header {
                return not_a_bounce(NotABounce::AutoReply);
            }
            if !kind::says_undelivered(&c.report) {
                return not_a_bounce(NotABounce::OrdinaryMail);
            }
        }
        let recipients = if failed.is_empty() {
            self.report_recipients(&c, &split, &top.header, parts)
        } else {
            failed
                .iter()
                .map(|r| self.dsn_recipient(r, &c.report, &split))
                .collect()
        };
        Message {
            not_a_bounce: None,
            recipients,
        }
    }

    /// A bounce forwarded in the message: quoted in its text after a "Begin forwarded
    /// message" or "Original Message" line, returned inside this bounce, or attached
    /// (`message/rfc822`).
    fn forwarded(&mut self, c: &Contents, parts: &[Part<'_>]) -> Option<Message> {
        let bounce = |m: Message| m.not_a_bounce.is_none().then_some(m);
        self.work += (c.full.len() + c.inline_original.len()) as u64;
        if let Some(quoted) = prose::forwarded(&c.full) {
            if is_message_header(&quoted) {
                if let Some(m) = bounce(self.read_text(&quoted, false)) {
                    return Some(m);
                }
            }
        }
        // A bounce returned inside a bounce (a relay's report around the first one):
        // the original starts after its marker line, or at its first field.
        let inline = c.inline_original.as_slice();
        let inline = inline
            .iter()
            .position(|&b| b == b'\n')
            .filter(|_| header::field_name(inline).is_none())
            .map_or(inline, |i| &inline[i + 1..]);
        if is_message_header(inline) {
            if let Some(m) = bounce(self.read_text(inline, false)) {
                return Some(m);
            }
        }
        let attached = parts.iter().find(|p| p.media == mime::Media::Message)?;
        let text = self.text_of(attached);
        if !is_message_header(&text) {
            return None;
        }
        bounce(self.read_text(&text, false))
    }

    /// Whether the text holds an SMTP reply code or an enhanced status code.
    fn has_reply_code(&mut self, text: &[u8]) -> bool {
        let (d, work) = crate::diagnose_counted(text);
        self.work += work;
        d.basic.is_some() || d.enhanced.is_some()
    }
}

fn not_a_bounce(kind: NotABounce) -> Message {
    Message {
        not_a_bounce: Some(kind),
        recipients: Vec::new(),
    }
}

/// A DSN recipient that did not fail (delivered, relayed to a system without DSNs,
/// expanded to a list, or found deliverable by Postfix's address verification: "Mail
/// Delivery Status Report ... Action: deliverable").
fn delivered(r: &dsn::Recipient) -> bool {
    const NOT_FAILED: &str = phrase_list!["delivered", "relayed", "expanded", "deliverable"];
    r.action
        .as_deref()
        .is_some_and(|a| phrases(NOT_FAILED).any(|p| a == p.as_bytes()))
}

/// Appends `text` on a line of its own.
fn append(out: &mut Vec<u8>, text: &[u8]) {
    if !out.is_empty() && !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    out.extend_from_slice(text);
}

/// The bytes as text, each invalid sequence replaced by U+FFFD exactly as
/// `String::from_utf8_lossy` replaces it: the longest start of a valid sequence is one
/// replacement, a byte that starts none is one. Core's version (`Utf8Chunks`, with its
/// fast paths) was about 1 KB of the message module's code; a recipient's address and
/// text are short and read once.
pub fn lossy(b: &[u8]) -> String {
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    while let Some(&lead) = b.get(i) {
        // The sequence's length, the bits of the lead byte it keeps and the range of its
        // second byte (no overlong forms, surrogates or code points beyond U+10FFFF).
        let (len, bits, second) = match lead {
            0x00..=0x7f => (1, 0x7f, 0x80..=0xbf),
            0xc2..=0xdf => (2, 0x1f, 0x80..=0xbf),
            0xe0 => (3, 0x0f, 0xa0..=0xbf),
            0xed => (3, 0x0f, 0x80..=0x9f),
            0xe1..=0xef => (3, 0x0f, 0x80..=0xbf),
            0xf0 => (4, 0x07, 0x90..=0xbf),
            0xf1..=0xf3 => (4, 0x07, 0x80..=0xbf),
            0xf4 => (4, 0x07, 0x80..=0x8f),
            _ => (0, 0, 0x80..=0xbf),
        };
        let mut code = u32::from(lead & bits);
        let mut n = 1;
        while n < len {
            let range = if n == 1 { second.clone() } else { 0x80..=0xbf };
            match b.get(i + n) {
                Some(&c) if range.contains(&c) => code = code << 6 | u32::from(c & 0x3f),
                _ => break,
            }
            n += 1;
        }
        let whole = n == len;
        out.push(char::from_u32(code).filter(|_| whole).unwrap_or('\u{fffd}'));
        i += n;
    }
    out
}

#[cfg(test)]
mod tests;
