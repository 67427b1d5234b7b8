//! The words of the search index, the same rules as `search-index.js` in the theme (the
//! browser tokenizes the query and the excerpts with them): a page word and a query word
//! must give the same keys, or the query finds nothing.
//!
//! - A word is a run of letters, digits and marks, with single connectors inside it
//!   (`.` `-` `_` `@` `'` `’`): `5.7.26`, `zen.spamhaus.org`, `rate-limiting`, `don't`.
//! - Folding: NFKD, combining marks dropped, lower case (`Zürich` -> `zurich`).
//! - Keys of a plain word: its English stem when it is all ASCII letters (Snowball,
//!   `throttled` and `throttling` -> `throttl`), else the word itself (`s3150`, `550`).
//! - A word with connectors is split at `-` `_` `@` into pieces and each piece at `.` into
//!   parts. A dotted piece is indexed whole without its dots (`5.7.26` -> `5726`,
//!   `zen.spamhaus.org` -> `zenspamhausorg`); unless it is all digits (an SMTP code) also
//!   every run of its parts (`spamhausorg`, `zenspamhaus`) and every part alone, stemmed.
//!   Several pieces are also indexed as one word (`rate-limiting` -> `ratelimiting`).
//! - A query word gives one key per piece: the stem of a plain part, the dotless whole
//!   of a dotted piece, so `5.7.26` and `5726` both look up `5726`.
use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Keys longer than this (in characters) are not indexed: hashes, base64, long URLs.
pub(crate) const MAX_KEY_CHARS: usize = 64;
/// Parts of a dotted piece beyond which its runs are not indexed (only whole and parts).
const MAX_RUN_PARTS: usize = 8;

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_combining_mark(c)
    }
}

fn is_connector(c: char) -> bool {
    matches!(c, '.' | '-' | '_' | '@' | '\'' | '\u{2019}')
}

/// The words of `text` as byte ranges, in order.
pub(crate) fn words(text: &str) -> Words<'_> {
    Words { text, pos: 0 }
}

pub(crate) struct Words<'a> {
    text: &'a str,
    pos: usize,
}

impl Words<'_> {
    /// The character at byte `i` and its length (ASCII without decoding).
    fn char_at(&self, i: usize) -> Option<(char, usize)> {
        let b = *self.text.as_bytes().get(i)?;
        if b < 0x80 {
            return Some((b as char, 1));
        }
        let c = self.text.get(i..)?.chars().next()?;
        Some((c, c.len_utf8()))
    }
}

/// ASCII letters and digits: the common case of [`is_word_char`], one lookup a byte.
const ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

impl Iterator for Words<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        let n = bytes.len();
        let mut i = self.pos;
        // Up to the first word character.
        while i < n {
            let b = bytes[i];
            if ASCII_WORD[b as usize] {
                break;
            }
            if b < 0x80 {
                i += 1;
                continue;
            }
            let (c, len) = self.char_at(i)?;
            if is_word_char(c) {
                break;
            }
            i += len;
        }
        if i >= n {
            self.pos = n;
            return None;
        }
        let start = i;
        loop {
            // A run of word characters.
            while i < n {
                let b = bytes[i];
                if ASCII_WORD[b as usize] {
                    i += 1;
                } else if b >= 0x80 {
                    match self.char_at(i) {
                        Some((c, len)) if is_word_char(c) => i += len,
                        _ => break,
                    }
                } else {
                    break;
                }
            }
            // A connector goes on the word only before another word character.
            match self.char_at(i) {
                Some((c, len))
                    if is_connector(c)
                        && self
                            .char_at(i + len)
                            .is_some_and(|(next, _)| is_word_char(next)) =>
                {
                    i += len;
                }
                _ => break,
            }
        }
        self.pos = i;
        Some((start, i))
    }
}

/// Folds a word into `out`: NFKD without combining marks, `’` as `'`, lower case; only
/// word characters and connectors are kept.
pub(crate) fn fold_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        if !out
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || is_connector(b as char))
        {
            out.retain(|c| c.is_ascii_alphanumeric() || is_connector(c));
        }
        return;
    }
    let decomposed: String = word
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
        .collect();
    out.extend(
        decomposed
            .to_lowercase()
            .chars()
            .filter(|c| is_word_char(*c) || is_connector(*c)),
    );
}

/// A folded word without its possessive `'s` and its other apostrophes (`don't` -> `dont`).
fn without_apostrophes(word: &str) -> std::borrow::Cow<'_, str> {
    let word = word.strip_suffix("'s").unwrap_or(word);
    if word.contains('\'') {
        word.replace('\'', "").into()
    } else {
        word.into()
    }
}

fn is_piece_separator(c: char) -> bool {
    matches!(c, '-' | '_' | '@')
}

fn too_long(key: &str) -> bool {
    key.len() > MAX_KEY_CHARS && key.chars().count() > MAX_KEY_CHARS
}

/// English stems, remembered: a site uses a few thousand words a great many times.
pub(crate) struct Stems {
    stemmer: Stemmer,
    known: HashMap<Box<str>, Box<str>>,
}

impl Default for Stems {
    fn default() -> Self {
        Stems {
            stemmer: Stemmer::create(Algorithm::English),
            known: HashMap::new(),
        }
    }
}

impl Stems {
    /// The key of one part: its stem when it is all ASCII letters, else itself.
    pub(crate) fn key<'a>(&'a mut self, part: &'a str) -> &'a str {
        if part.len() < 3 || !part.bytes().all(|b| b.is_ascii_lowercase()) {
            return part;
        }
        if !self.known.contains_key(part) {
            let stem = self.stemmer.stem(part).into_owned().into_boxed_str();
            self.known.insert(part.into(), stem);
        }
        self.known.get(part).map_or(part, |s| s)
    }
}

/// Calls `emit` with every index key of one folded word (a key may come more than once).
pub(crate) fn index_keys(folded: &str, stems: &mut Stems, emit: &mut dyn FnMut(&str)) {
    let word = without_apostrophes(folded);
    let word = word.as_ref();
    let mut send = |key: &str| {
        if !key.is_empty() && !too_long(key) {
            emit(key);
        }
    };
    if !word.contains(['.', '-', '_', '@']) {
        send(stems.key(word));
        return;
    }
    let mut joined = String::new();
    let mut pieces = 0;
    for piece in word.split(is_piece_separator).filter(|p| !p.is_empty()) {
        pieces += 1;
        let parts: Vec<&str> = piece.split('.').filter(|p| !p.is_empty()).collect();
        let whole: String = parts.concat();
        joined.push_str(&whole);
        if parts.len() == 1 {
            send(stems.key(&whole));
            continue;
        }
        send(&whole);
        if parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
            continue;
        }
        if parts.len() <= MAX_RUN_PARTS {
            for from in 0..parts.len() {
                for to in from + 2..=parts.len() {
                    if to - from < parts.len() {
                        send(&parts[from..to].concat());
                    }
                }
            }
        }
        for part in &parts {
            send(stems.key(part));
        }
    }
    if pieces > 1 {
        send(&joined);
    }
}

/// The keys a query word looks up, one per piece (all must match).
#[cfg(test)]
pub(crate) fn query_keys(folded: &str, stems: &mut Stems) -> Vec<String> {
    let word = without_apostrophes(folded);
    let mut keys = Vec::new();
    for piece in word.split(is_piece_separator) {
        let parts: Vec<&str> = piece.split('.').filter(|p| !p.is_empty()).collect();
        let key = match parts.as_slice() {
            [] => continue,
            [one] => stems.key(one).to_string(),
            _ => parts.concat(),
        };
        if !too_long(&key) {
            keys.push(key);
        }
    }
    keys
}

/// The keys of a search typed as `text`: for each word, its pieces' keys.
#[cfg(test)]
pub(crate) fn query(text: &str) -> Vec<String> {
    let mut stems = Stems::default();
    let mut folded = String::new();
    let mut keys = Vec::new();
    for (start, end) in words(text) {
        fold_into(&text[start..end], &mut folded);
        keys.extend(query_keys(&folded, &mut stems));
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(word: &str) -> Vec<String> {
        let mut folded = String::new();
        fold_into(word, &mut folded);
        let mut out = Vec::new();
        index_keys(&folded, &mut Stems::default(), &mut |k| {
            out.push(k.to_string())
        });
        out.sort();
        out.dedup();
        out
    }

    fn spans(text: &str) -> Vec<&str> {
        words(text).map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn words_keep_inner_connectors_only() {
        assert_eq!(
            spans("Reply 550-5.7.26 from zen.spamhaus.org. (S3150) rate-limiting, don't."),
            [
                "Reply",
                "550-5.7.26",
                "from",
                "zen.spamhaus.org",
                "S3150",
                "rate-limiting",
                "don't"
            ]
        );
        assert_eq!(spans("a..b -c- 'd' e--f"), ["a", "b", "c", "d", "e", "f"]);
        assert_eq!(spans("…"), Vec::<&str>::new());
    }

    #[test]
    fn codes_are_one_key_with_or_without_dots() {
        assert_eq!(keys("5.7.26"), ["5726"]);
        assert_eq!(keys("4.7.28"), ["4728"]);
        assert_eq!(query("5.7.26"), query("5726"));
        assert_eq!(query("4.7.28"), ["4728"]);
        assert_eq!(keys("550"), ["550"]);
        assert_eq!(keys("S3150"), ["s3150"]);
        assert_eq!(query("S3150"), ["s3150"]);
    }

    #[test]
    fn a_multiline_reply_code_is_its_parts() {
        let k = keys("550-5.7.26");
        for want in ["550", "5726", "5505726"] {
            assert!(k.contains(&want.to_string()), "{want} in {k:?}");
        }
        assert_eq!(query("550-5.7.26"), ["550", "5726"]);
    }

    #[test]
    fn host_names_match_whole_and_in_parts() {
        let k = keys("zen.spamhaus.org");
        for want in [
            "zenspamhausorg",
            "spamhausorg",
            "zenspamhaus",
            "zen",
            "spamhaus",
            "org",
        ] {
            assert!(k.contains(&want.to_string()), "{want} in {k:?}");
        }
        for q in ["zen.spamhaus.org", "spamhaus.org", "spamhaus", "zen"] {
            let found = query(q);
            assert!(found.iter().all(|key| k.contains(key)), "{q}: {found:?}");
        }
    }

    #[test]
    fn english_words_are_stemmed() {
        assert_eq!(query("throttled"), query("throttling"));
        assert_eq!(query("Throttles"), keys("throttle"));
        assert_eq!(query("rejections"), keys("rejected"));
        assert_ne!(query("bounce"), query("bound"));
    }

    #[test]
    fn accents_and_case_fold() {
        assert_eq!(keys("Zürich"), keys("zurich"));
        assert_eq!(query("ÉCHEC"), query("echec"));
        // Decomposed input (e + combining acute) is one word, folded the same way.
        assert_eq!(spans("cafe\u{301} noir"), ["cafe\u{301}", "noir"]);
        assert_eq!(query("cafe\u{301}"), query("café"));
    }

    #[test]
    fn apostrophes_join_and_possessives_go() {
        assert_eq!(keys("recipient's"), keys("recipient"));
        assert_eq!(keys("recipient’s"), keys("recipient"));
        assert_eq!(keys("don't"), ["dont"]);
    }

    #[test]
    fn hyphenated_words_are_their_parts_and_the_whole() {
        let k = keys("rate-limiting");
        for want in ["rate", "limit", "ratelimiting"] {
            assert!(k.contains(&want.to_string()), "{want} in {k:?}");
        }
        assert_eq!(query("rate-limiting"), ["rate", "limit"]);
        assert_eq!(keys("postmaster@example.com").len(), 5);
    }

    #[test]
    fn long_tokens_are_not_keys() {
        let long = "a".repeat(MAX_KEY_CHARS + 1);
        assert!(keys(&long).is_empty());
        assert!(query(&long).is_empty());
        assert_eq!(keys(&"b".repeat(MAX_KEY_CHARS)).len(), 1);
    }

    #[test]
    fn no_panic_on_odd_text() {
        for text in ["", "...", "'s", "-", "@@", "\u{301}", "ǅ.ß-İ", "a'", "'"] {
            let _ = query(text);
            for (s, e) in words(text) {
                let _ = keys(&text[s..e]);
            }
        }
    }
}
