//! Phrase matching without regular expressions.
//!
//! The text is normalised once (ASCII lower case, reply-code prefixes of multi-line
//! replies removed, whitespace runs collapsed) and then scanned once. At each position
//! where a pattern may start, a hash of the next three bytes selects a small bucket of
//! patterns (a precomputed index), and only those are compared, eight bytes at a time. The work per position is bounded by a constant that depends on
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
    #[cfg(test)]
    fn is_empty_for_test(self) -> bool {
        self.0 == 0
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
    /// Where the first `smtp;` diagnostic field starts (PowerMTA accounting, DSNs).
    pub diag: Option<usize>,
}

struct Pat {
    bytes: &'static [u8],
    /// The first eight bytes (zero-padded) and a mask of the valid ones: one compare
    /// decides most candidates, and the whole pattern when it is this short.
    head: u64,
    mask: u64,
    sig: Sig,
    /// Must end at a word end (pattern written with a trailing `$`).
    end: bool,
    /// A host name: does not count inside an e-mail address (`a@icloud.com`).
    host: bool,
}

struct Index {
    /// The patterns, grouped by bucket.
    pats: Vec<Pat>,
    /// Where each bucket's patterns start in `pats` (one more entry at the end).
    offsets: Vec<u16>,
}

/// The bucket index has `1 << BUCKET_BITS` rows: most words fall in an empty one.
const BUCKET_BITS: u32 = 10;

/// The bucket of the first three bytes of a little-endian word (every pattern has at
/// least three bytes): a multiplicative hash.
fn bucket(word: u64) -> usize {
    ((word as u32 & 0x00ff_ffff).wrapping_mul(0x9e37_79b1) >> (32 - BUCKET_BITS)) as usize
}

/// Byte-wise equality of two short slices of equal length (cheaper than a `memcmp`
/// call for the few bytes left after the eight-byte head).
fn same(a: &[u8], b: &[u8]) -> bool {
    a.iter().zip(b).all(|(x, y)| x == y)
}

/// Up to eight bytes as a little-endian word, and the mask of the bytes present.
fn head8(b: &[u8]) -> (u64, u64) {
    let mut head = 0u64;
    let mut mask = 0u64;
    for (i, &c) in b.iter().take(8).enumerate() {
        head |= u64::from(c) << (8 * i);
        mask |= 0xff << (8 * i);
    }
    (head, mask)
}

/// The eight bytes at `i` as a little-endian word (`b` is padded: see [`PAD`]).
fn load8(b: &[u8], i: usize) -> u64 {
    b.get(i..i + 8)
        .and_then(|w| <[u8; 8]>::try_from(w).ok())
        .map_or(0, u64::from_le_bytes)
}

const ALNUM_BIT: u8 = 1;
const START_BIT: u8 = 2;
const SPACE: u8 = 4;

/// Per (normalised) byte: alphanumeric, starts some pattern, is a space.
const FLAGS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        if (b as u8).is_ascii_alphanumeric() {
            t[b] |= ALNUM_BIT;
        }
        b += 1;
    }
    t[b' ' as usize] |= SPACE;
    let mut i = 0;
    while i < PATTERNS.len() {
        let first = PATTERNS[i].0.as_bytes()[0] as usize;
        t[first] |= START_BIT;
        i += 1;
    }
    t[b'.' as usize] |= START_BIT;
    t
};

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let pats: Vec<Pat> = PATTERNS
            .iter()
            .map(|&(raw, sig)| {
                let end = raw.ends_with('$');
                let s = raw.trim_end_matches('$');
                let host = (s.contains('.')
                    && !s.contains(' ')
                    && s.bytes().any(|c| c.is_ascii_alphabetic()))
                    || sig.is_isp();
                let (head, mask) = head8(s.as_bytes());
                Pat {
                    bytes: s.as_bytes(),
                    head,
                    mask,
                    sig,
                    end,
                    host,
                }
            })
            .collect();
        // Grouped by bucket: a counting sort (the table order stays inside a bucket).
        let mut offsets = vec![0u16; (1 << BUCKET_BITS) + 1];
        for p in &pats {
            offsets[bucket(p.head) + 1] += 1;
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let mut fill = offsets.clone();
        let mut order = vec![0u16; pats.len()];
        for (id, p) in pats.iter().enumerate() {
            let f = &mut fill[bucket(p.head)];
            order[*f as usize] = id as u16;
            *f += 1;
        }
        let mut slots: Vec<Option<Pat>> = pats.into_iter().map(Some).collect();
        let pats = order
            .iter()
            .filter_map(|&id| slots[id as usize].take())
            .collect();
        Index { pats, offsets }
    })
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

/// The normaliser's byte classes (the state of its loop: the class of the last byte
/// written).
const AFTER_SPACE: u8 = 0;
const AFTER_ALNUM: u8 = 1;
const AFTER_OTHER: u8 = 2;

/// The normaliser's step for (state, source byte), indexed by `state << 8 | byte`: the
/// normalised byte (ASCII lower case, every whitespace byte a space) in bits 0-7; in
/// bit 8, whether a pattern may start here (a byte some pattern starts with, not inside
/// a word); in bit 9, whether the byte is kept (not a space after a space); in bits
/// 10-11, the next state. The fourth state is unused (a copy of the first).
const STEP: [u16; 1024] = {
    let mut t = [0u16; 1024];
    let mut i = 0;
    while i < 1024 {
        let state = ((i >> 8) % 3) as u8;
        let c = (i & 0xff) as u8;
        let l = match c {
            b'A'..=b'Z' => c + 32,
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => b' ',
            _ => c,
        };
        let f = FLAGS[l as usize];
        let space = f & SPACE != 0;
        let alnum = f & ALNUM_BIT != 0;
        let cand = f & START_BIT != 0 && !(alnum && state == AFTER_ALNUM);
        let keep = !(space && state == AFTER_SPACE);
        let next = if space {
            AFTER_SPACE
        } else if alnum {
            AFTER_ALNUM
        } else {
            AFTER_OTHER
        };
        t[i] = l as u16 | (cand as u16) << 8 | (keep as u16) << 9 | (next as u16) << 10;
        i += 1;
    }
    t
};

/// Zero bytes after the normalised text, so that eight bytes can be read at any of its
/// positions.
const PAD: usize = 8;

/// The normalised text and what the normaliser noticed on the way.
#[derive(Debug, Default)]
pub struct Norm {
    /// Lower case, whitespace runs collapsed to one space, reply-code prefixes removed;
    /// followed by [`PAD`] zero bytes.
    buf: Vec<u8>,
    /// Where the innermost reply starts and ends (it ends at the first blank line: what
    /// follows in a pasted DSN is the next MIME part or the original message's headers).
    pub region: (usize, usize),
    /// Where reply texts start (sorted).
    pub reply_starts: Vec<usize>,
    /// Positions where a pattern may start: word starts and pattern-starting punctuation
    /// (dots among them: `.yahoo.com` starts with one, and host names have them).
    cands: Vec<u32>,
}

impl Norm {
    /// The normalised text.
    pub fn text(&self) -> &[u8] {
        &self.buf[..self.buf.len().saturating_sub(PAD)]
    }
}

/// Lower-cases `src`, replaces the code prefixes of replies (`550-5.7.26 `) by a space,
/// collapses whitespace, and notes where patterns may start and where dots are, so that
/// the later passes visit only those positions. One pass.
pub fn normalise(src: &[u8], replies: &[Reply], region_start: usize, work: &mut u64) -> Norm {
    // Line breaks matter only for finding a blank line (a fast byte search first).
    let lines = src.contains(&b'\n');
    let mut buf = vec![0u8; src.len() + PAD];
    // At most one candidate per output byte: written by index, cut to size at the end.
    let mut cands = vec![0u32; src.len() + 1];
    let mut nc = 0usize;
    let mut reply_starts = Vec::new();
    let mut w = 0usize;
    let mut last = AFTER_SPACE;
    let mut newlines = 0u32;
    let mut region = None;
    let mut region_end = None;
    let mut next = 0; // index into replies (sorted by position)
    let mut i = 0;
    while i < src.len() {
        if region.is_none() && i >= region_start {
            region = Some(w);
        }
        while next < replies.len() && replies[next].pos < i {
            next += 1;
        }
        if next < replies.len() && replies[next].pos == i {
            let r = replies[next];
            next += 1;
            if last != AFTER_SPACE {
                buf[w] = b' ';
                w += 1;
                last = AFTER_SPACE;
            }
            reply_starts.push(w);
            i = r.end.max(i + 1);
            continue;
        }
        // A tight run up to the next event (reply code, region start).
        let mut stop = src.len();
        if next < replies.len() {
            stop = stop.min(replies[next].pos);
        }
        if region.is_none() {
            stop = stop.min(region_start);
        }
        let stop = stop.max(i + 1);
        let seg = &src[i..stop];
        let out = &mut buf[w..w + seg.len()];
        let cout = &mut cands[nc..nc + seg.len()];
        let (o, k) = if lines {
            // A blank line ends the innermost reply: only look for one inside it.
            let watch = region.is_some() && region_end.is_none();
            let mut blank = None;
            let ok = run_lines(
                seg,
                out,
                cout,
                w,
                &mut last,
                &mut newlines,
                watch,
                &mut blank,
            );
            if let Some(b) = blank {
                region_end = Some(b);
            }
            ok
        } else {
            // One line (most bounces): the same without looking for blank lines.
            run(seg, out, cout, w, &mut last)
        };
        w += o;
        nc += k;
        i = stop;
    }
    cands.truncate(nc);
    *work += 2 * src.len() as u64;
    buf.truncate(w + PAD);
    buf[w..].fill(0);
    let region = region.unwrap_or(w);
    let region_end = region_end.unwrap_or(w).max(region);
    Norm {
        buf,
        region: (region, region_end),
        reply_starts,
        cands,
    }
}

/// The normaliser's inner loop over a run of bytes without reply codes: writes the
/// normalised bytes to `out` and the candidate positions (`base` + offset) to `cout`;
/// returns how many of each were written. `state` is the class of the last byte written.
/// Branch-free: every byte is written, and the write position advances unless the byte
/// is a space after a space.
fn run(
    seg: &[u8],
    out: &mut [u8],
    cout: &mut [u32],
    base: usize,
    state: &mut u8,
) -> (usize, usize) {
    let mut st = usize::from(*state);
    let mut o = 0;
    let mut k = 0;
    let n = seg.len().min(out.len()).min(cout.len());
    let (seg, out, cout) = (&seg[..n], &mut out[..n], &mut cout[..n]);
    for i in 0..n {
        let c = seg[i];
        let e = STEP[(st & 3) << 8 | usize::from(c)];
        // `o` and `k` never pass `i`: these are in bounds.
        out[o.min(i)] = e as u8;
        cout[k.min(i)] = (base + o) as u32;
        k += usize::from(e >> 8 & 1);
        o += usize::from(e >> 9 & 1);
        st = usize::from(e >> 10);
    }
    *state = st as u8;
    (o, k)
}

/// [`run`] that also counts line breaks, to note where the first blank line is (in
/// `blank`, when `watch`).
#[allow(clippy::too_many_arguments)]
fn run_lines(
    seg: &[u8],
    out: &mut [u8],
    cout: &mut [u32],
    base: usize,
    state: &mut u8,
    newlines: &mut u32,
    watch: bool,
    blank: &mut Option<usize>,
) -> (usize, usize) {
    let mut st = usize::from(*state);
    let mut nl = *newlines;
    let mut watch = watch;
    let mut o = 0;
    let mut k = 0;
    let n = seg.len().min(out.len()).min(cout.len());
    let (seg, out, cout) = (&seg[..n], &mut out[..n], &mut cout[..n]);
    for i in 0..n {
        let c = seg[i];
        let e = STEP[(st & 3) << 8 | usize::from(c)];
        if e & 0xff == u16::from(b' ') {
            nl += u32::from(c == b'\n');
            if nl >= 2 && watch {
                *blank = Some(base + o);
                watch = false;
            }
        } else {
            nl = 0;
        }
        out[o.min(i)] = e as u8;
        cout[k.min(i)] = (base + o) as u32;
        k += usize::from(e >> 8 & 1);
        o += usize::from(e >> 9 & 1);
        st = usize::from(e >> 10);
    }
    *state = st as u8;
    *newlines = nl;
    (o, k)
}

/// Scans the normalised text for every pattern of the tables.
pub fn find(norm: &Norm, work: &mut u64) -> Found {
    let idx = index();
    let buf = &norm.buf[..];
    let t = norm.text();
    let region = norm.region;
    let mut found = Found::default();
    *work += norm.cands.len() as u64;
    for &pos in &norm.cands {
        let pos = pos as usize;
        if pos + 3 > t.len() {
            break;
        }
        let word = load8(buf, pos);
        let h = bucket(word);
        let (a, b) = (idx.offsets[h] as usize, idx.offsets[h + 1] as usize);
        if a == b {
            continue;
        }
        *work += (b - a) as u64;
        for p in &idx.pats[a..b] {
            if word & p.mask != p.head {
                continue;
            }
            // The head compare covered patterns of up to eight bytes (the padding
            // after the text is zero, which no pattern contains).
            let n = p.bytes.len();
            if n > 8 && (pos + n > t.len() || !same(&t[pos + 8..pos + n], &p.bytes[8..])) {
                continue;
            }
            let after = pos + n;
            if p.end && t.get(after).is_some_and(u8::is_ascii_alphanumeric) {
                continue;
            }
            if p.host && in_address(t, pos) {
                continue;
            }
            if p.sig == Sig::DiagField && found.diag.is_none() {
                found.diag = Some(pos);
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
const HOST: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_' | b'*');
        b += 1;
    }
    t
};

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
pub fn visible_host(norm: &Norm, found: &Found, listed: bool, work: &mut u64) -> bool {
    let t = norm.text();
    let reply_starts = &norm.reply_starts[..];
    let diag = found.diag;
    let mut i = 0;
    // Only names with a dot matter: visit the dots and take the name around each.
    for &dot in &norm.cands {
        let dot = dot as usize;
        if dot < i || t[dot] != b'.' {
            continue;
        }
        let mut start = dot;
        while start > i && HOST[t[start - 1] as usize] {
            start -= 1;
        }
        let mut end = dot + 1;
        while end < t.len() && HOST[t[end] as usize] {
            end += 1;
        }
        *work += (end - start) as u64 + 1;
        i = end;
        let after_diag = diag.is_some_and(|p| p < start);
        let mut tok = &t[start..end];
        while let Some(rest) = tok.strip_suffix(b".") {
            tok = rest;
        }
        if (start > 0 && t[start - 1] == b'@') || t.get(end) == Some(&b'@') || !tok.contains(&b'.')
        {
            continue;
        }
        let before = &t[..start];
        // Every context ends with one of these bytes (or the name starts a reply).
        let prev = before.last().copied().unwrap_or(b' ');
        if !matches!(
            prev,
            b' ' | b';' | b'=' | b'\'' | b'/' | b',' | b'-' | b'(' | b'[' | b'<' | b'"' | b':'
        ) && start != 0
        {
            continue;
        }
        let tld = tok.rsplit(|&c| c == b'.').next().unwrap_or(&[]);
        let named = tok.split(|&c| c == b'.').count() >= 3
            && tld.len() >= 2
            && tld.iter().all(u8::is_ascii_alphabetic);
        // Compare the last byte first: most names follow none of the contexts.
        let ends = |c: &[u8]| c.last() == before.last() && before.ends_with(c);
        let in_context = HOST_CONTEXTS.iter().any(|c| ends(c))
            || (ends(b"host ") && !ends(b"client host ") && !ends(b"connecting host "));
        let csv_field = (ends(b",") || ends(b", "))
            && (after_diag
                || before
                    .trim_ascii_end()
                    .strip_suffix(b",")
                    .is_some_and(|b| b.ends_with(b")")));
        // `reply_starts` is sorted: a binary search keeps this pass linear.
        let at_reply = |p: usize| reply_starts.binary_search(&p).is_ok();
        let greeting = named
            && (at_reply(start) || (start > 0 && at_reply(start - 1) && t[start - 1] == b'-'));
        let url = named && !listed && (ends(b"//") || tok.starts_with(b"www."));
        if !(in_context || csv_field || greeting || url) {
            continue;
        }
        // Only now the (longer) checks of what the name is.
        *work += tok.len() as u64 * (LIST_HOSTS.len() + PLACEHOLDERS.len()) as u64;
        if tok.iter().all(|&c| matches!(c, b'x' | b'.' | b'0'..=b'9')) {
            continue;
        }
        if LIST_HOSTS.iter().any(|p| contains(tok, p))
            || NOT_HOSTS.iter().any(|p| tok.starts_with(p))
        {
            continue;
        }
        // Barracuda's lookup page, not its ESS receiving hosts.
        if tok.ends_with(b"barracudanetworks.com") && t[end..].starts_with(b"/reputation") {
            continue;
        }
        // A bare placeholder domain (`host example.com[...]`) is the recipient's domain.
        if matches!(
            tok,
            b"example.com" | b"example.net" | b"example.org" | b"domain.com"
        ) {
            continue;
        }
        let placeholder = PLACEHOLDERS.iter().any(|p| contains(tok, p));
        if in_context || csv_field || !placeholder {
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
        found(text).all
    }

    #[test]
    fn every_pattern_is_lower_case_and_at_least_three_bytes() {
        for (raw, _) in PATTERNS {
            let s = raw.trim_end_matches('$');
            assert!(s.len() >= 3, "{raw}");
            assert_eq!(s, s.to_ascii_lowercase(), "{raw}");
        }
    }

    #[test]
    fn patterns_match_at_word_starts_across_line_breaks() {
        assert!(sigs("Recipient address rejected: USER\n   UNKNOWN").has(Sig::RcptStrong));
        assert!(!sigs("xspamhaus").has(Sig::Spamhaus));
        assert!(sigs("zen.spamhaus.org").has(Sig::Spamhaus));
        assert!(sigs("- mta7.example.yahoo.com").has(Sig::YahooHost));
        assert!(sigs("abc").is_empty_for_test());
    }

    #[test]
    fn hosts_inside_addresses_do_not_count() {
        assert!(!sigs("<someone@icloud.com>: user does not exist").has(Sig::AppleHost));
        assert!(sigs("mx01.mail.icloud.com said").has(Sig::AppleHost));
    }

    fn found(text: &str) -> Found {
        let mut w = 0;
        let norm = normalise(text.as_bytes(), &[], 0, &mut w);
        find(&norm, &mut w)
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
        let norm = normalise(text.as_bytes(), &[], 0, &mut w);
        let found = find(&norm, &mut w);
        visible_host(&norm, &found, listed, &mut w)
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
