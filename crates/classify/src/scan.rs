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
    reply_starts: &mut Vec<usize>,
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
            reply_starts.push(out.len());
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

/// Host-name characters (`*.terra.com` counts: a redacted host).
fn host_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_' | b'*')
}

/// Names that make a host a blocklist's zone or lookup site, not a receiver.
const LIST_HOSTS: &[&[u8]] = &[
    b"spamhaus",
    b"spamcop",
    b"sorbs",
    b"uceprotect",
    b"barracudacentral",
    b"cloudmark",
    b"proofpoint.com",
    b"invaluement",
    b"mailspike",
    b"abusix",
    b"surbl",
    b"uribl",
    b"senderscore",
    b"spamrats",
    b"psbl",
    b"manitu",
    b"backscatterer",
    b"mail-abuse",
    b"junkemailfilter",
    b"postgrey",
];

/// Documentation placeholders: they name no real receiver.
const PLACEHOLDERS: &[&[u8]] = &[b"example.", b"recipient.com", b"domain.com"];

/// Internal names of Exchange and other mail systems that look like host names.
const NOT_HOSTS: &[&[u8]] = &[
    b"resolver.",
    b"storedrv.",
    b"queue.",
    b"routing.",
    b"smtpsend.",
];

/// Text right before a host name that says "this is the receiving server".
const HOST_CONTEXTS: &[&[u8]] = &[
    b"remote-mta: dns; ",
    b"remote-mta: dns;",
    b"connect to ",
    b"relay=",
    b"remote mailserver ",
    b"remote server at ",
    b"remote server: ",
    b"server: '",
    b"servidor: '",
];

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Whether a host name of another receiver is visible: after `host ` (Postfix/Exim, not
/// `client host`), `Remote-MTA: dns;`, `connect to`, `relay=`..., as the PowerMTA
/// accounting `dsnMta` field, as the first word of the reply (its greeting host), or in
/// a URL when no blocklist is cited (the receiver's help page). Names inside e-mail
/// addresses, blocklist zones and lookup sites, IPs and redactions do not count.
/// `reply_starts` are the positions where reply texts start in `t`.
pub fn visible_host(t: &[u8], reply_starts: &[usize], listed: bool, work: &mut u64) -> bool {
    let mut i = 0;
    let mut after_diag = false;
    while i < t.len() {
        if !host_byte(t[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < t.len() && host_byte(t[i]) {
            i += 1;
        }
        *work += (i - start) as u64 * (LIST_HOSTS.len() as u64 + 1);
        let mut tok = &t[start..i];
        if tok == b"smtp" && t.get(i) == Some(&b';') {
            after_diag = true;
        }
        while let Some(rest) = tok.strip_suffix(b".") {
            tok = rest;
        }
        if !tok.contains(&b'.') || (start > 0 && t[start - 1] == b'@') || t.get(i) == Some(&b'@') {
            continue;
        }
        if tok.iter().all(|&c| matches!(c, b'x' | b'.' | b'0'..=b'9')) {
            continue;
        }
        if LIST_HOSTS.iter().any(|p| contains(tok, p))
            || NOT_HOSTS.iter().any(|p| tok.starts_with(p))
        {
            continue;
        }
        // Barracuda's lookup page, not its ESS receiving hosts.
        if tok.ends_with(b"barracudanetworks.com") && t[i..].starts_with(b"/reputation") {
            continue;
        }
        // A bare placeholder domain (`host example.com[...]`) is the recipient's domain.
        if matches!(
            tok,
            b"example.com" | b"example.net" | b"example.org" | b"domain.com"
        ) {
            continue;
        }
        let before = &t[..start];
        let tld = tok.rsplit(|&c| c == b'.').next().unwrap_or(&[]);
        let named = tok.split(|&c| c == b'.').count() >= 3
            && tld.len() >= 2
            && tld.iter().all(u8::is_ascii_alphabetic);
        let placeholder = PLACEHOLDERS.iter().any(|p| contains(tok, p));
        let in_context = HOST_CONTEXTS.iter().any(|c| before.ends_with(c))
            || (before.ends_with(b"host ")
                && !before.ends_with(b"client host ")
                && !before.ends_with(b"connecting host "));
        let csv_field = (before.ends_with(b",") || before.ends_with(b", "))
            && (after_diag
                || before
                    .trim_ascii_end()
                    .strip_suffix(b",")
                    .is_some_and(|b| b.ends_with(b")")));
        // `reply_starts` is sorted: a binary search keeps this pass linear.
        let at_reply = |p: usize| reply_starts.binary_search(&p).is_ok();
        let greeting = (at_reply(start)
            || (start > 0 && at_reply(start - 1) && t[start - 1] == b'-'))
            && named
            && !placeholder;
        let url = (before.ends_with(b"//") || tok.starts_with(b"www.")) && named && !listed;
        if in_context || csv_field || greeting || url {
            return true;
        }
    }
    false
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
        let (t, r, e) = normalise(text.as_bytes(), &[], 0, &mut Vec::new(), &mut w);
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

    fn found(text: &str) -> Found {
        let mut w = 0;
        let (t, r, e) = normalise(text.as_bytes(), &[], 0, &mut Vec::new(), &mut w);
        find(&t, (r, e), &mut w)
    }

    #[test]
    fn orange_reason_numbers() {
        assert_eq!(
            found("Client host blocked. OFR006_102 Ref http://x [102]").ofr,
            Some(102)
        );
        assert_eq!(found("Mail rejected. ofr_506").ofr, Some(506));
        assert_eq!(found("OFR004_104 trop de connexions").ofr, Some(104));
    }

    fn host(text: &str, listed: bool) -> bool {
        let mut w = 0;
        visible_host(text.as_bytes(), &[], listed, &mut w)
    }

    #[test]
    fn receiving_hosts_are_seen_in_their_contexts_only() {
        assert!(host(
            "host mx1.forwardemail.net[138.197.213.185] said:",
            false
        ));
        assert!(host("remote-mta: dns; mx.***", false));
        assert!(host(
            "connect to pb-mx10.pobox.com[64.147.108.51]:25: timed out",
            false
        ));
        assert!(host(
            "see http://www.symanteccloud.com/troubleshooting",
            false
        ));
        assert!(!host(
            "see http://www.symanteccloud.com/troubleshooting",
            true
        ));
        assert!(!host(
            "client host [bl11-253-215.dsl.telepac.pt] blocked using",
            false
        ));
        assert!(!host("host example.com[x.xx.xx.xx] said:", false));
        assert!(!host(
            "<user@mail.example.org> blocked using zen.spamhaus.org",
            false
        ));
        assert!(!host("host x.xx.xx.xx said", false));
    }
}
