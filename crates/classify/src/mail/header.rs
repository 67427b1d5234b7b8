//! RFC 5322 header blocks: fields, folded values, MIME parameters.
//!
//! The reader is lenient (real bounces break the rules) and linear: a header block is
//! read once, values are unfolded only when asked for.

use std::borrow::Cow;

use super::is_one_of;

/// One header field: its name and its raw value (folded lines still in it).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field<'a> {
    pub name: &'a [u8],
    pub value: &'a [u8],
}

/// A header block.
#[derive(Debug, Default)]
pub(crate) struct Header<'a> {
    pub fields: Vec<Field<'a>>,
}

/// Most fields kept from one header block (a bounce has a few dozen; the rest of a
/// hostile header is skipped, still in linear time).
const MAX_FIELDS: usize = 512;

impl<'a> Header<'a> {
    /// The first field of that name (ASCII case-insensitive).
    pub fn get(&self, name: &str) -> Option<&'a [u8]> {
        self.fields
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name.as_bytes()))
            .map(|f| f.value)
    }

    /// Whether a field of that name is present.
    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The first field of that name, unfolded and trimmed.
    pub fn text(&self, name: &str) -> Option<Cow<'a, [u8]>> {
        self.get(name).map(unfold)
    }
}

/// The name of a header field at the start of `line`, if the line is one (`Name:` with
/// printable ASCII and no space in the name; a space before the colon is tolerated).
pub(crate) fn field_name(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let colon = line.iter().position(|&b| b == b':')?;
    let name = line[..colon].trim_ascii_end();
    let ok = !name.is_empty()
        && name.len() <= 76
        && name.iter().all(|&b| b.is_ascii_graphic() && b != b':');
    ok.then(|| (name, &line[colon + 1..]))
}

/// Splits a message or MIME part into its header block and its body (LF line ends).
///
/// The header ends at the first empty line; a line that is neither a field nor a
/// continuation also ends it (the body starts there), so a part without a header is
/// all body. An mbox `From ` line before the header is skipped. A long value wrapped
/// without the folding space (a copy of the message re-wrapped by an editor or a mail
/// client) is read as folded when a message's own field (`From:`, `Subject:`...) still
/// follows before the empty line: the header has not ended there.
pub(crate) fn split(bytes: &[u8]) -> (Header<'_>, &[u8]) {
    let mut header = Header::default();
    let mut pos = if bytes.starts_with(b"From ") {
        bytes.len() - after_line(bytes).len()
    } else {
        0
    };
    // The field being read: its name and where its value starts.
    let mut open: Option<(&[u8], usize)> = None;
    // Up to where unfolded continuation lines are read as folded (looked ahead once).
    let mut wrapped_until = 0;
    while pos < bytes.len() {
        let line = line_at(bytes, pos);
        let next = (pos + line.len() + 1).min(bytes.len());
        if line.is_empty() || line == b"\r" {
            close(&mut header, bytes, open.take(), pos);
            return (header, &bytes[next..]);
        }
        let folded = matches!(line[0], b' ' | b'\t');
        if !(folded && open.is_some()) {
            let field = field_name(line);
            if field.is_none() && open.is_some() && pos >= wrapped_until {
                wrapped_until = wrapped_end(bytes, pos);
            }
            if field.is_none() && open.is_some() && pos < wrapped_until {
                pos = next;
                continue;
            }
            close(&mut header, bytes, open.take(), pos);
            let Some((name, value)) = field else {
                // Not a header line: the body starts here.
                return (header, &bytes[pos..]);
            };
            open = Some((name, pos + line.len() - value.len()));
        }
        pos = next;
    }
    close(&mut header, bytes, open.take(), bytes.len());
    (header, &[])
}

/// Fields that only a message's own header has: one of them after a line that is no
/// field shows that the header goes on.
const MESSAGE_FIELDS: &str = phrase_list![
    "from",
    "to",
    "subject",
    "date",
    "message-id",
    "received",
    "mime-version",
    "content-type",
];

/// Where the run of unfolded lines starting at `pos` ends, if a message's own field
/// follows it before the empty line that ends the header (else `pos`: the body starts).
fn wrapped_end(bytes: &[u8], pos: usize) -> usize {
    let mut at = pos;
    while at < bytes.len() {
        let line = line_at(bytes, at);
        if line.is_empty() || line == b"\r" {
            return pos;
        }
        if let Some((name, _)) = field_name(line) {
            let known = is_one_of(name, MESSAGE_FIELDS);
            return if known { at } else { pos };
        }
        at += line.len() + 1;
    }
    pos
}

/// Ends the field whose value started at `start`, just before `end`.
fn close<'a>(
    header: &mut Header<'a>,
    bytes: &'a [u8],
    open: Option<(&'a [u8], usize)>,
    end: usize,
) {
    let Some((name, start)) = open else {
        return;
    };
    if header.fields.len() < MAX_FIELDS {
        let value = bytes.get(start..end.max(start)).unwrap_or_default();
        header.fields.push(Field { name, value });
    }
}

/// The line starting at `pos` (without its `\n`).
fn line_at(bytes: &[u8], pos: usize) -> &[u8] {
    let rest = bytes.get(pos..).unwrap_or_default();
    match memchr(b'\n', rest) {
        Some(i) => &rest[..i],
        None => rest,
    }
}

/// What follows the first line break.
fn after_line(bytes: &[u8]) -> &[u8] {
    match memchr(b'\n', bytes) {
        Some(i) => &bytes[i + 1..],
        None => &[],
    }
}

pub(crate) fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

/// A folded value on one line: line breaks (and a `\r` before them) removed, the value
/// trimmed.
pub(crate) fn unfold(value: &[u8]) -> Cow<'_, [u8]> {
    let v = value.trim_ascii();
    if !v.contains(&b'\n') {
        return Cow::Borrowed(v);
    }
    Cow::Owned(
        v.iter()
            .copied()
            .filter(|&b| b != b'\n' && b != b'\r')
            .collect(),
    )
}

/// A parameter of a structured value (`boundary`, `charset`, `report-type`), unquoted.
/// Names are matched case-insensitively after a `;`.
pub(crate) fn param<'v>(value: &'v [u8], name: &str) -> Option<Cow<'v, [u8]>> {
    let mut i = 0;
    while let Some(semi) = value[i..].iter().position(|&b| b == b';') {
        i += semi + 1;
        let rest = &value[i..];
        let start = rest.iter().position(|b| !b.is_ascii_whitespace())?;
        let rest = &rest[start..];
        let Some(eq) = rest.iter().position(|&b| b == b'=' || b == b';') else {
            continue;
        };
        if rest[eq] != b'='
            || !rest[..eq]
                .trim_ascii()
                .eq_ignore_ascii_case(name.as_bytes())
        {
            continue;
        }
        let v = rest[eq + 1..].trim_ascii_start();
        return Some(match v.first() {
            Some(b'"') => {
                let body = &v[1..];
                let end = body.iter().position(|&b| b == b'"').unwrap_or(body.len());
                unfold(&body[..end])
            }
            _ => {
                let end = v
                    .iter()
                    .position(|&b| b == b';' || b.is_ascii_whitespace())
                    .unwrap_or(v.len());
                Cow::Borrowed(&v[..end])
            }
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_folds_and_body() {
        let m = b"From MAILER-DAEMON Sat Oct  4 08:00:09 2025\nSubject: Returned\n  mail\nContent-Type: multipart/report;\n\tboundary=\"b 1\"\n\nbody\n";
        let (h, body) = split(m);
        assert_eq!(h.fields.len(), 2);
        assert_eq!(&*h.text("subject").unwrap(), b"Returned  mail");
        let ct = h.get("content-type").unwrap();
        assert_eq!(&*param(ct, "boundary").unwrap(), b"b 1");
        assert_eq!(body, b"body\n");
    }

    #[test]
    fn a_text_without_a_header_is_all_body() {
        let (h, body) = split(b"550 5.1.1 user unknown\nmore");
        assert!(h.fields.is_empty());
        assert_eq!(body, b"550 5.1.1 user unknown\nmore");
        let (h, body) = split(b"Subject: x");
        assert_eq!(h.fields.len(), 1);
        assert!(body.is_empty());
        assert_eq!(split(b"").1, b"");
    }

    #[test]
    fn a_value_wrapped_without_folding_space_stays_in_the_header() {
        let m = b"Received-SPF: pass (mx: domain of b.example designates\n192.0.2.1 as permitted sender)\nReceived: from b.example\nby mx.example\nFrom: Mail Delivery System <mailer-daemon@b.example>\nSubject: Mail delivery failed\n\nbody\n";
        let (h, body) = split(m);
        assert_eq!(h.fields.len(), 4);
        assert!(h.has("from") && h.has("subject"));
        assert_eq!(body, b"body\n");
        // Without a message's own field after it, such a line still starts the body.
        let (h, body) = split(b"X-Note: a\nno field follows\nx-y: z\n\nrest");
        assert_eq!(h.fields.len(), 1);
        assert_eq!(body, b"no field follows\nx-y: z\n\nrest");
    }

    #[test]
    fn parameters_quoted_or_not() {
        let v = b"text/plain; charset=ISO-8859-1; format=flowed";
        assert_eq!(&*param(v, "charset").unwrap(), b"ISO-8859-1");
        assert_eq!(&*param(v, "FORMAT").unwrap(), b"flowed");
        assert!(param(v, "boundary").is_none());
        assert!(param(b"x; =; boundary", "boundary").is_none());
    }
}
