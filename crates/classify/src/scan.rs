//! Phrase matching without regular expressions.
//!
//! The text is normalised once (ASCII lower case, reply-code prefixes of multi-line
//! replies removed, whitespace runs collapsed) and then scanned once. At each position
//! the next two bytes select a small bucket of patterns (a precomputed index), and only
//! those are compared. The work per position is bounded by a constant that depends on
//! the tables, never on the text: the whole scan is linear.

use std::sync::OnceLock;

use crate::codes::Reply;
use crate::rules::{Sig, PATTERNS};

/// A set of signals.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Sigs(u128);

impl Sigs {
    pub fn has(self, s: Sig) -> bool {
        self.0 & (1u128 << s as u32) != 0
    }
    pub fn any(self, list: &[Sig]) -> bool {
        list.iter().any(|&s| self.has(s))
    }
    fn set(&mut self, s: Sig) {
        self.0 |= 1u128 << s as u32;
    }
}

/// The signals of the whole text and those of the innermost reply only.
#[derive(Debug, Default, Clone, Copy)]
pub struct Found {
    pub all: Sigs,
    pub inner: Sigs,
    /// Orange's reason number (`OFR004_102 [102]`), when present.
    pub ofr: Option<u16>,
}

struct Pat {
    bytes: &'static [u8],
    sig: Sig,
    /// May start inside a word (pattern written with a leading `*`).
    mid: bool,
    /// Must end at a word end (pattern written with a trailing `$`).
    end: bool,
    /// A host name: does not count inside an e-mail address (`a@icloud.com`).
    host: bool,
}

struct Index {
    pats: Vec<Pat>,
    /// Bucket offsets into `ids`, keyed by the class of the first two bytes.
    offsets: Vec<u16>,
    ids: Vec<u16>,
}

const CLASSES: usize = 40;

/// Maps a (lower-case) byte to one of 40 classes: a-z, 0-9, and 4 catch-alls.
fn class(b: u8) -> usize {
    match b {
        b'a'..=b'z' => (b - b'a') as usize,
        b'0'..=b'9' => 26 + (b - b'0') as usize,
        b' ' => 36,
        b'.' | b'-' | b'_' => 37,
        b'[' | b'(' | b'#' | b':' | b'/' => 38,
        _ => 39,
    }
}

fn key(b0: u8, b1: u8) -> usize {
    class(b0) * CLASSES + class(b1)
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let pats: Vec<Pat> = PATTERNS
            .iter()
            .map(|&(raw, sig)| {
                let mid = raw.starts_with('*');
                let end = raw.ends_with('$');
                let s = raw.trim_start_matches('*').trim_end_matches('$');
                let host = (s.contains('.')
                    && !s.contains(' ')
                    && s.bytes().any(|c| c.is_ascii_alphabetic()))
                    || sig.is_isp();
                Pat {
                    bytes: s.as_bytes(),
                    sig,
                    mid,
                    end,
                    host,
                }
            })
            .collect();
        let mut buckets: Vec<Vec<u16>> = vec![Vec::new(); CLASSES * CLASSES];
        for (id, p) in pats.iter().enumerate() {
            buckets[key(p.bytes[0], p.bytes[1])].push(id as u16);
        }
        let mut offsets = Vec::with_capacity(buckets.len() + 1);
        let mut ids = Vec::with_capacity(pats.len());
        for b in &buckets {
            offsets.push(ids.len() as u16);
            ids.extend_from_slice(b);
        }
        offsets.push(ids.len() as u16);
        Index { pats, offsets, ids }
    })
}

/// Whether the byte at `pos - 1` makes `pos` the start of a word.
fn word_start(t: &[u8], pos: usize) -> bool {
    pos == 0 || !t[pos - 1].is_ascii_alphanumeric()
}

/// Whether a host name starting at `pos` is the domain part of an e-mail address.
fn in_address(t: &[u8], pos: usize) -> bool {
    let mut i = pos;
    // Walk back over the host name (bounded: host labels are short).
    let stop = pos.saturating_sub(64);
    while i > stop {
        let c = t[i - 1];
        if c == b'@' {
            return true;
        }
        if !(c.is_ascii_alphanumeric() || c == b'.' || c == b'-') {
            return false;
        }
        i -= 1;
    }
    false
}

/// Lower-cases `src`, replaces the code prefixes of replies (`550-5.7.26 `) by a space,
/// collapses whitespace, and returns the text and where `region_start` landed.
pub fn normalise(
    src: &[u8],
    replies: &[Reply],
    region_start: usize,
    work: &mut u64,
) -> (Vec<u8>, usize, usize) {
    let mut out = Vec::with_capacity(src.len() + 1);
    let mut region = None;
    let mut region_end = None;
    let mut newlines = 0;
    let mut next = 0; // index into replies (sorted by position)
    let mut i = 0;
    while i < src.len() {
        if region.is_none() && i >= region_start {
            region = Some(out.len());
        }
        if next < replies.len() && replies[next].pos == i {
            let r = replies[next];
            next += 1;
            if out.last().is_some_and(|&c| c != b' ') {
                out.push(b' ');
            }
            i = r.end.max(i + 1);
            continue;
        }
        while next < replies.len() && replies[next].pos < i {
            next += 1;
        }
        let c = src[i];
        if c.is_ascii_whitespace() {
            if c == b'\n' {
                newlines += 1;
                // A blank line ends the innermost reply (what follows in a pasted DSN is
                // the next MIME part or the original message's headers).
                if newlines == 2 && region.is_some() && region_end.is_none() {
                    region_end = Some(out.len());
                }
            }
            if out.last().is_some_and(|&c| c != b' ') {
                out.push(b' ');
            }
        } else {
            newlines = 0;
            out.push(c.to_ascii_lowercase());
        }
        i += 1;
    }
    *work += src.len() as u64;
    let region = region.unwrap_or(out.len());
    let region_end = region_end.unwrap_or(out.len()).max(region);
    (out, region, region_end)
}

/// Scans the normalised text for every pattern of the tables.
pub fn find(t: &[u8], region: (usize, usize), work: &mut u64) -> Found {
    let idx = index();
    let mut found = Found::default();
    if t.len() < 2 {
        return found;
    }
    for pos in 0..t.len() - 1 {
        let k = key(t[pos], t[pos + 1]);
        let (a, b) = (idx.offsets[k] as usize, idx.offsets[k + 1] as usize);
        *work += 1 + (b - a) as u64;
        if a == b {
            continue;
        }
        let start = word_start(t, pos);
        for &id in &idx.ids[a..b] {
            let p = &idx.pats[id as usize];
            if !(p.mid || start) || !t[pos..].starts_with(p.bytes) {
                continue;
            }
            let after = pos + p.bytes.len();
            if p.end && t.get(after).is_some_and(u8::is_ascii_alphanumeric) {
                continue;
            }
            if p.host && in_address(t, pos) {
                continue;
            }
            if p.sig == Sig::OrangeOfr && found.ofr.is_none() {
                found.ofr = ofr_reason(t, after);
            }
            found.all.set(p.sig);
            if pos >= region.0 && pos < region.1 {
                found.inner.set(p.sig);
            }
        }
    }
    found
}

/// Orange: `OFR004_102 [102]`, `ofr_506 [506]`: the reason is the bracketed number,
/// else the digits after the underscore.
fn ofr_reason(t: &[u8], mut i: usize) -> Option<u16> {
    let limit = (i + 24).min(t.len());
    let mut underscore = None;
    while i < limit {
        match t[i] {
            b'[' => return number(t, i + 1).or(underscore),
            b'_' if underscore.is_none() => underscore = number(t, i + 1),
            _ => {}
        }
        i += 1;
    }
    underscore
}

fn number(t: &[u8], i: usize) -> Option<u16> {
    let digits = t
        .get(i..)?
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .take(4)
        .count();
    if digits == 0 || digits > 3 {
        return None;
    }
    t[i..i + digits]
        .iter()
        .try_fold(0u16, |n, c| Some(n * 10 + u16::from(c - b'0')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sigs(text: &str) -> Sigs {
        let mut w = 0;
        let (t, r, e) = normalise(text.as_bytes(), &[], 0, &mut w);
        find(&t, (r, e), &mut w).all
    }

    #[test]
    fn every_pattern_is_lower_case_and_at_least_two_bytes() {
        for (raw, _) in PATTERNS {
            let s = raw.trim_start_matches('*').trim_end_matches('$');
            assert!(s.len() >= 2, "{raw}");
            assert_eq!(s, s.to_ascii_lowercase(), "{raw}");
        }
    }

    #[test]
    fn patterns_match_at_word_starts_across_line_breaks() {
        assert!(sigs("Recipient address rejected: USER\n   UNKNOWN").has(Sig::RcptStrong));
        assert!(!sigs("xspamhaus").has(Sig::Spamhaus));
        assert!(sigs("zen.spamhaus.org").has(Sig::Spamhaus));
    }

    #[test]
    fn hosts_inside_addresses_do_not_count() {
        assert!(!sigs("<someone@icloud.com>: user does not exist").has(Sig::AppleHost));
        assert!(sigs("mx01.mail.icloud.com said").has(Sig::AppleHost));
    }

    #[test]
    fn orange_reason_numbers() {
        let mut w = 0;
        let (t, r, e) = normalise(
            b"Client host blocked. OFR006_102 Ref http://x [102]",
            &[],
            0,
            &mut w,
        );
        assert_eq!(find(&t, (r, e), &mut w).ofr, Some(102));
        let (t, r, e) = normalise(b"Mail rejected. ofr_506", &[], 0, &mut w);
        assert_eq!(find(&t, (r, e), &mut w).ofr, Some(506));
    }
}
