//! The MIME structure of a message: its parts, in order, each with its header, media
//! type and raw body.
//!
//! Multipart bodies are cut at their boundary lines in one pass per level; nesting is
//! read [`MAX_DEPTH`] levels deep and at most [`MAX_PARTS`] parts are kept, so the work
//! stays linear in the message whatever its shape (a boundary that never closes simply
//! runs to the end). A returned original (`message/rfc822`, `text/rfc822-headers`) is one
//! part, never opened: nothing in it is what the receiver said.

use super::header::{self, Header};

/// Deeper multiparts are read as one opaque part. sisimai's samples nest a Postfix
/// report twenty multiparts deep (`BOUNDARY-DEPTH-20`); each level costs one pass over
/// its body, so the work stays linear.
pub(crate) const MAX_DEPTH: usize = 24;
/// Parts kept per message; a bounce has three or four.
pub(crate) const MAX_PARTS: usize = 256;

/// The media types the reader tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Media {
    /// `text/plain` (the default), `text/enriched`.
    Text,
    Html,
    /// `message/delivery-status` (also the `global` one of RFC 6533).
    DeliveryStatus,
    FeedbackReport,
    /// `message/disposition-notification`: a read receipt.
    Disposition,
    /// A whole returned or attached message (`message/rfc822`, `message/global`).
    Message,
    /// A returned original's header only (`text/rfc822-headers`), or a fragment.
    Headers,
    Multipart,
    Other,
}

/// The media types by name (lower case). A table, not a `match` on byte strings: the
/// match compiled to about 2.8 KB of WebAssembly, the table to a loop and its strings.
const TYPES: [(&[u8], Media); 14] = [
    (b"", Media::Text),
    (b"text/plain", Media::Text),
    (b"text/enriched", Media::Text),
    (b"text/html", Media::Html),
    (b"message/delivery-status", Media::DeliveryStatus),
    (b"message/global-delivery-status", Media::DeliveryStatus),
    (b"message/feedback-report", Media::FeedbackReport),
    (b"message/disposition-notification", Media::Disposition),
    (b"message/rfc822", Media::Message),
    (b"message/global", Media::Message),
    (b"text/rfc822-headers", Media::Headers),
    (b"message/rfc822-headers", Media::Headers),
    (b"message/global-headers", Media::Headers),
    (b"message/partial", Media::Headers),
];

impl Media {
    /// The type of a `Content-Type` value (`text/plain` when absent, RFC 2045).
    pub fn of(value: Option<&[u8]>) -> Media {
        // The type ends at `;` or at whitespace (a parameter folded without its `;`).
        let v = value.unwrap_or_default().trim_ascii_start();
        let end = v
            .iter()
            .position(|&b| b == b';' || b.is_ascii_whitespace())
            .unwrap_or(v.len());
        let t = v[..end].to_ascii_lowercase();
        match TYPES.iter().find(|(name, _)| t == *name) {
            Some(&(_, media)) => media,
            None if t.starts_with(b"multipart/") => Media::Multipart,
            None => Media::Other,
        }
    }

    /// Holds the returned original message or its header.
    pub fn is_original(self) -> bool {
        matches!(self, Media::Message | Media::Headers)
    }
}

/// One part (a leaf, or a multipart container before its children).
#[derive(Debug)]
pub(crate) struct Part<'a> {
    pub media: Media,
    pub header: Header<'a>,
    /// The body, still transfer-encoded.
    pub body: &'a [u8],
    /// The part is a returned original or inside one.
    pub original: bool,
}

/// The parts of a message whose header is already split off, depth first, and the bytes
/// read to find them (each multipart level reads its body once).
pub(crate) fn parts<'a>(header: Header<'a>, body: &'a [u8]) -> (Vec<Part<'a>>, u64) {
    let mut out = Vec::new();
    let mut work = 0;
    walk(header, body, 0, &mut out, &mut work);
    (out, work)
}

fn walk<'a>(
    header: Header<'a>,
    body: &'a [u8],
    depth: usize,
    out: &mut Vec<Part<'a>>,
    work: &mut u64,
) {
    if out.len() >= MAX_PARTS {
        return;
    }
    let mut media = Media::of(header.get("content-type"));
    // A part with a message's header and no type of its own is a returned original
    // whose MIME header was left out.
    if header.get("content-type").is_none()
        && depth > 0
        && ["received", "return-path", "message-id"]
            .iter()
            .any(|f| header.has(f))
    {
        media = Media::Message;
    }
    let original = media.is_original();
    let boundary = header
        .get("content-type")
        .and_then(|ct| header::param(ct, "boundary"))
        .filter(|b| !b.is_empty())
        .map(|b| b.into_owned());
    let multipart = media == Media::Multipart && depth < MAX_DEPTH;
    if multipart {
        // The boundary search below, and the fallback search for another one.
        *work += 2 * body.len() as u64;
    }
    let mut children = match (&boundary, multipart) {
        (Some(b), true) => split_multipart(body, b),
        _ => Vec::new(),
    };
    if multipart && children.is_empty() {
        // The declared boundary is nowhere (a gateway or an anonymiser changed one of
        // them): the first `--` line of the body is the boundary its parts use.
        if let Some(b) = first_delimiter(body) {
            children = split_multipart(body, b);
        }
    }
    if multipart && children.is_empty() {
        // No boundary line at all: read the body as text.
        out.push(Part {
            media: Media::Text,
            header,
            body,
            original,
        });
        return;
    }
    // Courier writes a report's human-readable text in the preamble, before the first
    // boundary, and no text part: that preamble is the report.
    let report_preamble = match &boundary {
        Some(b) if multipart && !children.iter().any(|c| is_text(c)) => preamble(body, b),
        _ => None,
    };
    out.push(Part {
        media,
        header,
        body,
        original,
    });
    if let Some(text) = report_preamble {
        out.push(Part {
            media: Media::Text,
            header: header::split(b"").0,
            body: text,
            original,
        });
    }
    for child in children {
        let (h, b) = header::split(child);
        *work += (child.len() - b.len()) as u64;
        walk(h, b, depth + 1, out, work);
    }
}

/// Whether a part (its header and body) is text for people: typed `text/plain` or
/// `text/html`, or untyped.
fn is_text(part: &[u8]) -> bool {
    let (h, _) = header::split(part);
    matches!(Media::of(h.get("content-type")), Media::Text | Media::Html)
}

/// The preamble of a multipart body when it says something: the text before the first
/// boundary line, unless it is only MIME's note for old readers.
fn preamble<'a>(body: &'a [u8], boundary: &[u8]) -> Option<&'a [u8]> {
    let mut pos = 0;
    for line in body.split(|&b| b == b'\n') {
        if line
            .strip_prefix(b"--")
            .is_some_and(|l| l.starts_with(boundary))
        {
            break;
        }
        pos += line.len() + 1;
    }
    let text = &body[..pos.min(body.len())];
    let says_something = text
        .split(|&b| b == b'\n')
        .filter(|l| !l.trim_ascii().is_empty())
        .nth(2)
        .is_some();
    says_something.then_some(text)
}

/// The boundary of the first line that looks like a delimiter (`--` and a token).
fn first_delimiter(body: &[u8]) -> Option<&[u8]> {
    body.split(|&b| b == b'\n')
        .take(200)
        .filter_map(|l| l.strip_prefix(b"--"))
        .map(|b| b.trim_ascii_end())
        .find(|b| b.len() >= 8 && !b.contains(&b' '))
}

/// The bodies between the boundary lines of a multipart body (preamble and epilogue
/// left out). The line break before a boundary line belongs to the boundary.
fn split_multipart<'a>(body: &'a [u8], boundary: &[u8]) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    let mut start: Option<usize> = None;
    let mut pos = 0;
    while pos < body.len() && parts.len() < MAX_PARTS {
        let line_end = header::memchr(b'\n', &body[pos..]).map_or(body.len(), |i| pos + i);
        let line = &body[pos..line_end];
        let next = (line_end + 1).min(body.len());
        if let Some(after) = line
            .strip_prefix(b"--")
            .and_then(|l| l.strip_prefix(boundary))
            .filter(|after| after.starts_with(b"--") || after.trim_ascii().is_empty())
        {
            if let Some(s) = start.take() {
                let end = pos.saturating_sub(1).max(s);
                parts.push(&body[s..end]);
            }
            if after.starts_with(b"--") {
                return parts;
            }
            start = Some(next);
        }
        pos = next;
    }
    // A boundary that never closes: the last part runs to the end.
    if let Some(s) = start {
        parts.push(&body[s..]);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(m: &[u8]) -> Vec<Part<'_>> {
        let (h, b) = header::split(m);
        parts(h, b).0
    }

    #[test]
    fn a_report_with_its_three_parts() {
        let m = b"Content-Type: multipart/report; boundary=\"XX\"\n\npreamble\n--XX\n\nHuman text\n--XX\nContent-Type: message/delivery-status\n\nStatus: 5.1.1\n\n--XX\nContent-Type: message/rfc822\n\nSubject: hi\n\n--XX--\nepilogue";
        let p = read(m);
        let media: Vec<Media> = p.iter().map(|p| p.media).collect();
        assert_eq!(
            media,
            [
                Media::Multipart,
                Media::Text,
                Media::DeliveryStatus,
                Media::Message
            ]
        );
        assert_eq!(p[1].body, b"Human text");
        assert_eq!(p[2].body, b"Status: 5.1.1\n");
        assert!(p[3].original && !p[2].original);
    }

    #[test]
    fn a_report_written_in_the_preamble_is_a_text_part() {
        let m = b"Content-Type: multipart/report; boundary=\"XX\"\n\nA delivery status notification.\n\n<a@b.jp>:\n<<< 450 4.1.7 unverified address\n\n--XX\nContent-Type: message/delivery-status\n\nStatus: 4.0.0\n\n--XX--\n";
        let p = read(m);
        assert_eq!(p[1].media, Media::Text);
        assert!(p[1].body.ends_with(b"unverified address\n\n"));
        // A one-line note for old readers is no report.
        let m = b"Content-Type: multipart/report; boundary=\"XX\"\n\nThis is a MIME-encapsulated message.\n\n--XX\nContent-Type: message/delivery-status\n\nStatus: 4.0.0\n\n--XX--\n";
        assert_eq!(read(m)[1].media, Media::DeliveryStatus);
    }

    #[test]
    fn an_unclosed_boundary_runs_to_the_end_and_a_missing_one_is_text() {
        let p = read(b"Content-Type: multipart/mixed; boundary=b\n\n--b\n\n550 user unknown\n");
        assert_eq!(p.last().unwrap().body, b"550 user unknown\n");
        let p = read(b"Content-Type: multipart/mixed; boundary=b\n\n550 user unknown\n");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].media, Media::Text);
        assert_eq!(Media::of(Some(b"Text/Plain\n   charset=x")), Media::Text);
        assert_eq!(Media::of(None), Media::Text);
        // A declared boundary that the delimiters do not use.
        let p = read(b"Content-Type: multipart/report; boundary=\"abc/x.example\"\n\n--abc/xx.example\n\n550 user unknown\n--abc/xx.example--\n");
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].body, b"550 user unknown");
    }

    #[test]
    fn deep_nesting_stops_at_the_limit() {
        let mut m = Vec::new();
        for level in 0..100 {
            let b = format!("Content-Type: multipart/mixed; boundary=l{level}x\n\n--l{level}x\n");
            m.extend_from_slice(b.as_bytes());
        }
        m.extend_from_slice(b"\ninnermost");
        let p = read(&m);
        assert!(p.len() <= MAX_DEPTH + 2, "{}", p.len());
    }
}
