//! ISO-2022-JP (RFC 1468), the 7-bit Japanese of mail: escape sequences switch between
//! ASCII and two-byte JIS X 0208 characters. Japanese MTAs (Lotus Notes, carriers)
//! write their bounces in it.
//!
//! Decoded here without the JIS X 0208 kanji table (about 7,000 characters, more than
//! the widget's whole size budget left; `encoding_rs` carries it with every other
//! encoding): kana, punctuation and full-width letters and digits, which the phrases of
//! bounces are mostly written in, become UTF-8; each kanji becomes U+FFFD.

/// JIS X 0208 row 1 (punctuation and symbols), cells 1-94, as Unicode.
const ROW1: [u16; 94] = [
    0x3000, 0x3001, 0x3002, 0xff0c, 0xff0e, 0x30fb, 0xff1a, 0xff1b, 0xff1f, 0xff01, 0x309b, 0x309c,
    0x00b4, 0xff40, 0x00a8, 0xff3e, 0xffe3, 0xff3f, 0x30fd, 0x30fe, 0x309d, 0x309e, 0x3003, 0x4edd,
    0x3005, 0x3006, 0x3007, 0x30fc, 0x2015, 0x2010, 0xff0f, 0xff3c, 0x301c, 0x2016, 0xff5c, 0x2026,
    0x2025, 0x2018, 0x2019, 0x201c, 0x201d, 0xff08, 0xff09, 0x3014, 0x3015, 0xff3b, 0xff3d, 0xff5b,
    0xff5d, 0x3008, 0x3009, 0x300a, 0x300b, 0x300c, 0x300d, 0x300e, 0x300f, 0x3010, 0x3011, 0xff0b,
    0x2212, 0x00b1, 0x00d7, 0x00f7, 0xff1d, 0x2260, 0xff1c, 0xff1e, 0x2266, 0x2267, 0x221e, 0x2234,
    0x2642, 0x2640, 0x00b0, 0x2032, 0x2033, 0x2103, 0xffe5, 0xff04, 0x00a2, 0x00a3, 0xff05, 0xff03,
    0xff06, 0xff0a, 0xff20, 0x00a7, 0x2606, 0x2605, 0x25cb, 0x25cf, 0x25ce, 0x25c7,
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Ascii,
    /// JIS X 0208 (`ESC $ @`, `ESC $ B`): two bytes a character.
    Double,
    /// JIS X 0201 katakana (`ESC ( I`): half-width katakana, one byte each.
    HalfKana,
}

/// One JIS X 0208 character (row and cell 1-94) as Unicode.
fn double(row: u8, cell: u8) -> char {
    let code = match row {
        1 => u32::from(ROW1[usize::from(cell - 1)]),
        // Full-width digits and Latin letters: their ASCII forms, so that codes and
        // English words written in them read as such.
        3 if cell + 0x20 <= 0x7e && (cell + 0x20).is_ascii_alphanumeric() => u32::from(cell + 0x20),
        4 if cell <= 83 => 0x3041 + u32::from(cell - 1),
        5 if cell <= 86 => 0x30a1 + u32::from(cell - 1),
        _ => 0xfffd,
    };
    char::from_u32(code).unwrap_or('\u{fffd}')
}

/// The text in UTF-8. Bytes outside the escapes' ranges (line breaks, 8-bit bytes of a
/// mislabelled text) are kept as they are, as is an unknown escape.
pub(crate) fn to_utf8(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + text.len() / 2);
    let mut mode = Mode::Ascii;
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        if b == 0x1b {
            let next = (text.get(i + 1).copied(), text.get(i + 2).copied());
            let switch = match next {
                (Some(b'$'), Some(b'@' | b'B')) => Some(Mode::Double),
                (Some(b'('), Some(b'B' | b'J')) => Some(Mode::Ascii),
                (Some(b'('), Some(b'I')) => Some(Mode::HalfKana),
                _ => None,
            };
            if let Some(m) = switch {
                mode = m;
                i += 3;
                continue;
            }
        }
        // Control bytes and spaces end no mode but are written as they are; a line
        // break without an escape back to ASCII (a broken text) returns to ASCII.
        if !(0x21..=0x7e).contains(&b) {
            if b == b'\n' {
                mode = Mode::Ascii;
            }
            out.push(b);
            i += 1;
            continue;
        }
        match mode {
            Mode::Ascii => {
                out.push(b);
                i += 1;
            }
            Mode::HalfKana => {
                let c = if b <= 0x5f {
                    char::from_u32(0xff61 + u32::from(b - 0x21)).unwrap_or('\u{fffd}')
                } else {
                    '\u{fffd}'
                };
                push(&mut out, c);
                i += 1;
            }
            Mode::Double => match text.get(i + 1) {
                Some(&c) if (0x21..=0x7e).contains(&c) => {
                    push(&mut out, double(b - 0x20, c - 0x20));
                    i += 2;
                }
                _ => {
                    push(&mut out, '\u{fffd}');
                    i += 1;
                }
            },
        }
    }
    out
}

fn push(out: &mut Vec<u8>, c: char) {
    let mut buf = [0; 4];
    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf8(b: &[u8]) -> String {
        String::from_utf8(to_utf8(b)).unwrap()
    }

    #[test]
    fn kana_punctuation_and_full_width_letters_are_decoded() {
        // Lotus Notes' "not in the directory's list", as a Japanese server writes it.
        let notes = b"\x1b$B%G%#%l%/%H%j$N%j%9%H$K$\"$j$^$;$s\x1b(B\nkijitora@example.jp";
        assert_eq!(
            utf8(notes),
            "ディレクトリのリストにありません\nkijitora@example.jp"
        );
        assert_eq!(utf8(b"\x1b$B!!!\"!<#5#1\x1b(B"), "\u{3000}、ー51");
    }

    #[test]
    fn kanji_half_width_kana_and_broken_sequences_never_fail() {
        // Two kanji (減在), then half-width katakana, then ASCII.
        assert_eq!(utf8(b"\x1b$B8::_\x1b(I1\x1b(B ok"), "\u{fffd}\u{fffd}ｱ ok");
        // An odd byte at the end, an escape cut short, a line break in double mode.
        assert_eq!(utf8(b"\x1b$B%"), "\u{fffd}");
        assert_eq!(utf8(b"a\x1b$"), "a\x1b$");
        assert_eq!(utf8(b"\x1b$B%\"\n550"), "ア\n550");
        for bytes in [&b"\x1b$B\xff\xfe~~"[..], b"\x1b(I\x7e\x60", b"\x1b"] {
            let _ = to_utf8(bytes);
        }
    }
}
