//! Content transfer encodings (quoted-printable, base64), charsets and HTML, so that the
//! text of a part reads as the receiver wrote it.
//!
//! Lenient and linear: invalid sequences are kept or skipped, never an error. A part's
//! decoded text is capped at [`MAX_TEXT`] bytes (a bounce's report is a few kilobytes;
//! a 100 MB attachment is not read).

use super::phrases;
use std::borrow::Cow;

/// The most bytes of one part's text that are decoded and read.
pub(crate) const MAX_TEXT: usize = 1 << 20;

/// A `Content-Transfer-Encoding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Transfer {
    Identity,
    QuotedPrintable,
    Base64,
}

impl Transfer {
    pub fn of(value: Option<&[u8]>) -> Transfer {
        let v = value.unwrap_or_default().trim_ascii();
        if v.eq_ignore_ascii_case(b"quoted-printable") {
            Transfer::QuotedPrintable
        } else if v.eq_ignore_ascii_case(b"base64") {
            Transfer::Base64
        } else {
            Transfer::Identity
        }
    }
}

/// The body decoded from its transfer encoding (at most [`MAX_TEXT`] bytes out).
pub(crate) fn transfer(body: &[u8], encoding: Transfer) -> Cow<'_, [u8]> {
    match encoding {
        Transfer::Identity => Cow::Borrowed(&body[..body.len().min(MAX_TEXT)]),
        Transfer::QuotedPrintable => Cow::Owned(quoted_printable(body)),
        Transfer::Base64 => Cow::Owned(base64(body)),
    }
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Quoted-printable (RFC 2045 6.7): `=XX` is a byte, `=` at a line end joins lines;
/// anything else is kept as it is.
pub(crate) fn quoted_printable(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len().min(MAX_TEXT));
    let mut i = 0;
    while i < body.len() && out.len() < MAX_TEXT {
        let b = body[i];
        if b != b'=' {
            out.push(b);
            i += 1;
            continue;
        }
        let rest = &body[i + 1..];
        // A soft line break: `=` then optional spaces, then the line end.
        let spaces = rest
            .iter()
            .take_while(|&&c| c == b' ' || c == b'\t')
            .count();
        match rest.get(spaces) {
            Some(b'\n') => i += spaces + 2,
            Some(b'\r') if rest.get(spaces + 1) == Some(&b'\n') => i += spaces + 3,
            None => i = body.len(),
            _ => match (
                rest.first().and_then(|&c| hex(c)),
                rest.get(1).and_then(|&c| hex(c)),
            ) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 3;
                }
                _ => {
                    out.push(b'=');
                    i += 1;
                }
            },
        }
    }
    out
}

fn sextet(b: u8) -> Option<u8> {
    match b {
        b'A'..=b'Z' => Some(b - b'A'),
        b'a'..=b'z' => Some(b - b'a' + 26),
        b'0'..=b'9' => Some(b - b'0' + 52),
        b'+' | b'-' => Some(62),
        b'/' | b'_' => Some(63),
        _ => None,
    }
}

/// Base64 (also the URL-safe alphabet); bytes outside the alphabet (line breaks,
/// padding, garbage) are skipped.
pub(crate) fn base64(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity((body.len() / 4 * 3).min(MAX_TEXT));
    let mut acc = 0u32;
    let mut bits = 0;
    for &b in body {
        if out.len() >= MAX_TEXT {
            break;
        }
        let Some(v) = sextet(b) else { continue };
        acc = acc << 6 | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

/// Windows-1252's characters for the bytes 0x80-0x9f (ISO-8859-1 has control codes there,
/// which no text uses; mail labelled Latin-1 is often Windows-1252).
const CP1252_HIGH: [u16; 32] = [
    0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x8d, 0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
    0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

/// The text in UTF-8. Latin-1, Latin-9 and Windows-1252 are converted, ISO-2022-JP as
/// far as [`super::jis`] goes; UTF-8 and ASCII are kept; other charsets (Shift_JIS...)
/// are kept as bytes: their ASCII parts, where the codes and the English of a bounce
/// are, read the same.
pub(crate) fn to_utf8<'t>(text: Cow<'t, [u8]>, charset: &[u8]) -> Cow<'t, [u8]> {
    let jis = charset.len() >= 11 && charset[..11].eq_ignore_ascii_case(b"iso-2022-jp");
    if jis && text.contains(&0x1b) {
        return Cow::Owned(super::jis::to_utf8(&text));
    }
    let single_byte = [
        &b"iso-8859-1"[..],
        b"iso8859-1",
        b"latin1",
        b"iso-8859-15",
        b"windows-1252",
        b"cp1252",
    ]
    .iter()
    .any(|c| charset.eq_ignore_ascii_case(c));
    if !single_byte || text.is_ascii() {
        return text;
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for &b in text.iter() {
        let c = match b {
            0x80..=0x9f => CP1252_HIGH[usize::from(b - 0x80)],
            _ => u16::from(b),
        };
        out.push(char::from_u32(u32::from(c)).unwrap_or('?'));
    }
    Cow::Owned(out.into_bytes())
}

/// Wordings an MTA writes in a translation, with the English it writes otherwise (the
/// classifier's phrases are English): Lotus Notes in Japanese.
const LOCALISED: [(&str, &str); 1] = [(
    "ディレクトリのリストにありません",
    "User not listed in public Name & Address Book",
)];

/// The text with the English original after the first localised wording it holds.
pub(crate) fn with_english(text: Cow<'_, [u8]>) -> Cow<'_, [u8]> {
    for (local, english) in LOCALISED {
        let local = local.as_bytes();
        // Only texts with such bytes can hold one: most bounces are ASCII.
        if text.is_ascii() {
            break;
        }
        if let Some(at) = text.windows(local.len()).position(|w| w == local) {
            let end = at + local.len();
            let mut out = Vec::with_capacity(text.len() + english.len() + 3);
            out.extend_from_slice(&text[..end]);
            out.extend_from_slice(b" (");
            out.extend_from_slice(english.as_bytes());
            out.push(b')');
            out.extend_from_slice(&text[end..]);
            return Cow::Owned(out);
        }
    }
    text
}

/// Tags whose contents are not text (until the same tag closes).
const SKIPPED: &str = phrase_list!["style", "script", "head"];
/// Tags that end a line of the text.
const BLOCK_ENDS: &str = phrase_list![
    "br", "br/", "/p", "/div", "/tr", "/li", "/h1", "/h2", "/h3", "/table", "p", "div", "tr",
];
/// Tags between two cells of a table row.
const CELLS: &str = phrase_list!["td", "/td", "th"];

/// The text of an HTML part: tags dropped (a line break for block ends), `<style>`,
/// `<script>` and `<head>` contents dropped, the common entities decoded.
pub(crate) fn html_text(html: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len() / 2);
    let mut i = 0;
    // The tag whose contents are being skipped.
    let mut skip_until: Option<&[u8]> = None;
    while i < html.len() {
        let b = html[i];
        if b == b'<' {
            // Without a closing `>` the rest is text (searching again from every
            // later `<` would not be linear).
            let Some(close) = html[i..].iter().position(|&c| c == b'>') else {
                out.extend_from_slice(&html[i..]);
                break;
            };
            let end = i + close + 1;
            let tag = &html[i + 1..end - 1];
            let name: Vec<u8> = tag
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'/')
                .map(u8::to_ascii_lowercase)
                .take(8)
                .collect();
            let is = |list| phrases(list).find(|t| name == t.as_bytes());
            match skip_until {
                Some(open) if name.strip_prefix(b"/") == Some(open) => skip_until = None,
                Some(_) => {}
                None => {
                    skip_until = is(SKIPPED).map(str::as_bytes);
                    if is(BLOCK_ENDS).is_some() {
                        out.push(b'\n');
                    } else if is(CELLS).is_some() {
                        out.push(b' ');
                    }
                }
            }
            i = end;
            continue;
        }
        if skip_until.is_some() {
            i += 1;
            continue;
        }
        if b == b'&' {
            if let Some((text, used)) = entity(&html[i..]) {
                out.extend_from_slice(text);
                i += used;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    out
}

/// A character reference at the start of `s`: its text and length.
fn entity(s: &[u8]) -> Option<(&'static [u8], usize)> {
    const NAMED: [(&[u8], &[u8]); 7] = [
        (b"&nbsp;", b" "),
        (b"&amp;", b"&"),
        (b"&lt;", b"<"),
        (b"&gt;", b">"),
        (b"&quot;", b"\""),
        (b"&#39;", b"'"),
        (b"&#160;", b" "),
    ];
    NAMED
        .iter()
        .find(|(name, _)| s.len() >= name.len() && s[..name.len()].eq_ignore_ascii_case(name))
        .map(|(name, text)| (*text, name.len()))
}

/// An RFC 2047 encoded word's text (`=?charset?Q|B?text?=`) in a header value, decoded;
/// other text kept. Used for the subject only.
pub(crate) fn encoded_words(value: &[u8]) -> Cow<'_, [u8]> {
    if !value.windows(2).any(|w| w == b"=?") {
        return Cow::Borrowed(value);
    }
    let mut out = Vec::with_capacity(value.len());
    let mut i = 0;
    while i < value.len() {
        if let Some((text, used)) = encoded_word(&value[i..]) {
            out.extend_from_slice(&text);
            i += used;
            // Whitespace between two encoded words is not text.
            let ws = value[i..]
                .iter()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
            if encoded_word(&value[i + ws..]).is_some() {
                i += ws;
            }
            continue;
        }
        out.push(value[i]);
        i += 1;
    }
    Cow::Owned(out)
}

fn encoded_word(s: &[u8]) -> Option<(Vec<u8>, usize)> {
    let rest = s.strip_prefix(b"=?")?;
    // An encoded word is at most 75 bytes long (RFC 2047 2): the search is bounded.
    let window = &rest[..rest.len().min(75)];
    let q1 = window.iter().position(|&b| b == b'?')?;
    let charset = &window[..q1];
    let enc = *window.get(q1 + 1)?;
    if window.get(q1 + 2) != Some(&b'?') {
        return None;
    }
    let text_start = q1 + 3;
    let text_len = window[text_start..].windows(2).position(|w| w == b"?=")?;
    let text = &window[text_start..text_start + text_len];
    let bytes = match enc.to_ascii_lowercase() {
        b'b' => base64(text),
        b'q' => {
            let spaced: Vec<u8> = text
                .iter()
                .map(|&b| if b == b'_' { b' ' } else { b })
                .collect();
            quoted_printable(&spaced)
        }
        _ => return None,
    };
    Some((
        to_utf8(Cow::Owned(bytes), charset).into_owned(),
        2 + text_start + text_len + 2,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_printable_soft_breaks_and_bytes() {
        assert_eq!(quoted_printable(b"42=\n2f =3D x=\r\ny"), b"422f = xy");
        assert_eq!(quoted_printable(b"a=zz="), b"a=zz");
        assert_eq!(quoted_printable(b"=C3=A9t=C3=A9"), "été".as_bytes());
    }

    #[test]
    fn base64_skips_what_is_not_in_the_alphabet() {
        assert_eq!(base64(b"NTUw\nIDUu\r\nMS4x IHVzZXI="), b"550 5.1.1 user");
        assert_eq!(base64(b"!!"), b"");
    }

    #[test]
    fn latin1_becomes_utf8_and_others_stay_bytes() {
        let t = to_utf8(Cow::Borrowed(b"bo\xeete \x80"), b"ISO-8859-1");
        assert_eq!(&*t, "boîte €".as_bytes());
        let t = to_utf8(Cow::Borrowed(b"\x1b$B%j\x1b(B 550"), b"ISO-2022-JP");
        assert_eq!(&*t, "リ 550".as_bytes());
        let t = to_utf8(Cow::Borrowed(b"\x83\x8a 550"), b"shift_jis");
        assert_eq!(&*t, b"\x83\x8a 550");
    }

    #[test]
    fn a_localised_wording_gets_its_english_original() {
        let t = with_english(Cow::Borrowed(
            "ディレクトリのリストにありません\na@b".as_bytes(),
        ));
        assert_eq!(
            &*t,
            "ディレクトリのリストにありません (User not listed in public Name & Address Book)\na@b"
                .as_bytes()
        );
        let t = with_english(Cow::Borrowed(b"550 5.1.1 user unknown"));
        assert!(matches!(t, Cow::Borrowed(_)));
    }

    #[test]
    fn html_becomes_lines_of_text() {
        let t = html_text(b"<html><head><style>p{}</style></head><body><p>550&nbsp;5.1.1<br>User &lt;x&gt;</p></body>");
        assert_eq!(t, b"\n550 5.1.1\nUser <x>\n");
    }

    #[test]
    fn encoded_words_in_a_subject() {
        assert_eq!(
            &*encoded_words(b"=?iso-8859-1?Q?Non_remis_=E0?= =?UTF-8?B?w6k=?= x"),
            "Non remis àé x".as_bytes()
        );
        assert_eq!(&*encoded_words(b"=?bad"), b"=?bad");
    }
}
