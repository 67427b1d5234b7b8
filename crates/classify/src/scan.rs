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
const BUCKET_BITS: u32 = 12;

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

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let pat = |&(raw, sig): &(&'static str, Sig)| {
            let end = raw.ends_with('$');
            let s = raw.trim_end_matches('$');
            let host =
                (s.contains('.') && !s.contains(' ') && s.bytes().any(|c| c.is_ascii_alphabetic()))
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
        };
        let keys: Vec<usize> = PATTERNS.iter().map(|p| bucket(pat(p).head)).collect();
        // Grouped by bucket: a counting sort (the table order stays inside a bucket).
        let mut offsets = vec![0u16; (1 << BUCKET_BITS) + 1];
        for &k in &keys {
            offsets[k + 1] += 1;
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let mut fill = offsets.clone();
        let mut order = vec![0usize; keys.len()];
        for (id, &k) in keys.iter().enumerate() {
            order[fill[k] as usize] = id;
            fill[k] += 1;
        }
        let pats = order.iter().map(|&id| pat(&PATTERNS[id])).collect();
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

/// Zero bytes after the normalised text, so that eight bytes can be read at any of its
/// positions.
const PAD: usize = 8;

/// The normalised text and what the normaliser noticed on the way.
#[derive(Debug, Default)]
pub struct Norm {
    /// Lower case, whitespace runs collapsed to one space, reply-code prefixes removed:
    /// `len` bytes followed by [`PAD`] zero bytes (then what an earlier text left: the
    /// buffers are reused and never cleared).
    buf: Vec<u8>,
    len: usize,
    /// Where the innermost reply starts and ends (it ends at the first blank line: what
    /// follows in a pasted DSN is the next MIME part or the original message's headers).
    pub region: (usize, usize),
    /// Where reply texts start (sorted).
    pub reply_starts: Vec<usize>,
    /// Positions where a pattern may start: word starts and pattern-starting punctuation
    /// (dots among them: `.yahoo.com` starts with one, and host names have them).
    /// The first `nc` entries.
    cands: Vec<u32>,
    nc: usize,
}

impl Norm {
    /// Whether the buffers are small enough to keep for the next text.
    pub fn worth_keeping(&self) -> bool {
        self.buf.capacity() <= 1 << 16
    }

    /// The normalised text.
    pub fn text(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or_default()
    }

    /// Where patterns may start (sorted).
    fn cands(&self) -> &[u32] {
        self.cands.get(..self.nc).unwrap_or_default()
    }
}

/// Lower-cases `src`, replaces the code prefixes of replies (`550-5.7.26 `) by a space,
/// collapses whitespace, and notes where patterns may start and where dots are, so that
/// the later passes visit only those positions. One pass.
///
/// A pattern may start at any byte that is not a space, not outside ASCII and not inside a
/// word (an alphanumeric byte after another): a superset of the bytes patterns start
/// with, cheap to compute eight bytes at a time. `reuse` lends its buffers (the answer is
/// written into them).
pub fn normalise(
    src: &[u8],
    replies: &[Reply],
    region_start: usize,
    work: &mut u64,
    reuse: Norm,
) -> Norm {
    let Norm {
        mut buf,
        mut reply_starts,
        mut cands,
        ..
    } = reuse;
    // At most one byte and one candidate per source byte, written by index (what the
    // buffers hold past that is never read).
    if buf.len() < src.len() + PAD {
        buf.resize(src.len() + PAD, 0);
    }
    if cands.len() < src.len() {
        cands.resize(src.len(), 0);
    }
    reply_starts.clear();
    let mut st = State {
        last: AFTER_SPACE,
        newlines: 0,
        w: 0,
        nc: 0,
        region_end: None,
    };
    let mut region = None;
    let mut next = 0; // index into replies (sorted by position)
    let mut i = 0;
    while i < src.len() {
        if region.is_none() && i >= region_start {
            region = Some(st.w);
        }
        while next < replies.len() && replies[next].pos < i {
            next += 1;
        }
        if next < replies.len() && replies[next].pos == i {
            let r = replies[next];
            next += 1;
            if st.last != AFTER_SPACE {
                buf[st.w] = b' ';
                st.w += 1;
                st.last = AFTER_SPACE;
            }
            reply_starts.push(st.w);
            i = r.end.max(i + 1);
            continue;
        }
        // A run up to the next event (reply code, region start).
        let mut stop = src.len();
        if next < replies.len() {
            stop = stop.min(replies[next].pos);
        }
        if region.is_none() {
            stop = stop.min(region_start);
        }
        let stop = stop.max(i + 1);
        // A blank line ends the innermost reply: only look for one inside it.
        let watch = region.is_some() && st.region_end.is_none();
        run(&src[i..stop], &mut buf, &mut cands, &mut st, watch);
        i = stop;
    }
    let w = st.w;
    *work += 2 * src.len() as u64;
    buf[w..w + PAD].fill(0);
    let region = region.unwrap_or(w);
    let region_end = st.region_end.unwrap_or(w).max(region);
    Norm {
        buf,
        len: w,
        region: (region, region_end),
        reply_starts,
        cands,
        nc: st.nc,
    }
}

/// The class of the last byte written (the normaliser's state).
const AFTER_SPACE: u8 = 0;
const AFTER_ALNUM: u8 = 1;
const AFTER_OTHER: u8 = 2;

/// Where the normaliser is.
struct State {
    last: u8,
    /// Line breaks since the last byte that is not whitespace.
    newlines: u32,
    /// Bytes written.
    w: usize,
    /// Candidates written.
    nc: usize,
    /// The first blank line inside the innermost reply.
    region_end: Option<usize>,
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// The high bit of each byte of `x` that equals `c`.
fn eq_mask(x: u64, c: u8) -> u64 {
    let v = x ^ (ONES * u64::from(c));
    !(((v & LOW7) + LOW7) | v) & HIGH
}

/// The high bit of each byte of `x` from `lo` to `hi` (ASCII bounds; no carry crosses a
/// byte: each byte's low seven bits plus at most 0x80).
fn range_mask(x: u64, lo: u8, hi: u8) -> u64 {
    let h = x & LOW7;
    let ge = h + ONES * u64::from(0x80 - lo);
    let gt = h + ONES * u64::from(0x7f - hi);
    ge & !gt & !x & HIGH
}

/// The eight-byte path of [`run`]: from the start of `seg`, as long as its chunks hold
/// no control byte and no space after a space. Returns how many bytes it took.
fn fast(seg: &[u8], buf: &mut [u8], cands: &mut [u32], st: &mut State) -> usize {
    let (mut w, mut nc) = (st.w, st.nc);
    // The high bit of the last byte written when it is a space / alphanumeric.
    let mut prev_space: u64 = if st.last == AFTER_SPACE { 0x80 } else { 0 };
    let mut prev_alnum: u64 = if st.last == AFTER_ALNUM { 0x80 } else { 0 };
    let mut used = 0;
    for c in seg.chunks_exact(8) {
        let x = c.try_into().map_or(0, u64::from_le_bytes);
        let space = eq_mask(x, b' ');
        let control = range_mask(x, 0, 0x1f);
        if control | (space & (space << 8 | prev_space)) != 0 {
            break;
        }
        let lower = x | range_mask(x, b'A', b'Z') >> 2;
        let alnum = range_mask(lower, b'a', b'z') | range_mask(x, b'0', b'9');
        let mut cand = !(alnum & (alnum << 8 | prev_alnum)) & !space & !x & HIGH;
        if let Some(out) = buf.get_mut(w..w + 8) {
            out.copy_from_slice(&lower.to_le_bytes());
        }
        while cand != 0 {
            if let Some(slot) = cands.get_mut(nc) {
                *slot = (w + (cand.trailing_zeros() >> 3) as usize) as u32;
            }
            nc += 1;
            cand &= cand - 1;
        }
        w += 8;
        used += 8;
        prev_space = space >> 56;
        prev_alnum = alnum >> 56;
    }
    if used > 0 {
        st.w = w;
        st.nc = nc;
        st.last = if prev_space != 0 {
            AFTER_SPACE
        } else if prev_alnum != 0 {
            AFTER_ALNUM
        } else {
            AFTER_OTHER
        };
        // Not whitespace only (no space after a space): a line break count starts again.
        st.newlines = 0;
    }
    used
}

/// Normalises one run of `src` without reply codes into `buf` and `cands` (both long
/// enough: at most one byte and one candidate per source byte). Eight bytes at a time
/// when they hold no control byte and no space after a space (most of a text); byte by
/// byte otherwise, counting line breaks to find a blank line (when `watch`).
fn run(seg: &[u8], buf: &mut [u8], cands: &mut [u32], st: &mut State, watch: bool) {
    let mut watch = watch;
    let mut i = 0;
    while i < seg.len() {
        i += fast(seg.get(i..).unwrap_or_default(), buf, cands, st);
        if i >= seg.len() {
            break;
        }
        // Byte by byte: up to the next eight-byte boundary of the run.
        let end = (i + 8).min(seg.len());
        for &c in &seg[i..end] {
            let l = match c {
                b'A'..=b'Z' => c + 32,
                b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => b' ',
                _ => c,
            };
            if l == b' ' {
                st.newlines += u32::from(c == b'\n');
                if st.newlines >= 2 && watch {
                    st.region_end = Some(st.w);
                    watch = false;
                }
                if st.last == AFTER_SPACE {
                    continue;
                }
                st.last = AFTER_SPACE;
            } else {
                st.newlines = 0;
                let alnum = l.is_ascii_alphanumeric();
                if l < 0x80 && !(alnum && st.last == AFTER_ALNUM) {
                    if let Some(slot) = cands.get_mut(st.nc) {
                        *slot = st.w as u32;
                    }
                    st.nc += 1;
                }
                st.last = if alnum { AFTER_ALNUM } else { AFTER_OTHER };
            }
            if let Some(slot) = buf.get_mut(st.w) {
                *slot = l;
            }
            st.w += 1;
        }
        i = end;
    }
}

/// Scans the normalised text for every pattern of the tables.
pub fn find(norm: &Norm, work: &mut u64) -> Found {
    let idx = index();
    let buf = &norm.buf[..];
    let len = norm.len;
    let mut found = Found::default();
    let cands = norm.cands();
    let mut steps = cands.len() as u64;
    for &pos in cands {
        let pos = pos as usize;
        if pos + 3 > len {
            break;
        }
        let word = load8(buf, pos);
        let h = bucket(word);
        let (a, b) = (idx.offsets[h] as usize, idx.offsets[h + 1] as usize);
        if a == b {
            continue;
        }
        steps += (b - a) as u64;
        for p in idx.pats.get(a..b).unwrap_or_default() {
            if word & p.mask == p.head {
                matched(p, pos, norm, &mut found);
            }
        }
    }
    *work += steps;
    found
}

/// The rest of a match whose first eight bytes (or fewer: all of it) are equal: kept
/// out of [`find`]'s loop, which it would slow down (not in the size-optimised wasm
/// build, where a separate function costs half a kilobyte).
#[cfg_attr(not(target_arch = "wasm32"), inline(never))]
fn matched(p: &Pat, pos: usize, norm: &Norm, found: &mut Found) {
    let t = norm.text();
    // The head compare covered patterns of up to eight bytes (the padding after the
    // text is zero, which no pattern contains).
    let n = p.bytes.len();
    if n > 8 && (pos + n > t.len() || !same(&t[pos + 8..pos + n], &p.bytes[8..])) {
        return;
    }
    let after = pos + n;
    if p.end && t.get(after).is_some_and(u8::is_ascii_alphanumeric) {
        return;
    }
    if p.host && in_address(t, pos) {
        return;
    }
    if p.sig == Sig::DiagField && found.diag.is_none() {
        found.diag = Some(pos);
    }
    if p.sig == Sig::OrangeOfr && found.ofr.is_none() {
        found.ofr = ofr_reason(t, after);
    }
    found.all.set(p.sig);
    if pos >= norm.region.0 && pos < norm.region.1 {
        found.inner.set(p.sig);
    }
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

/// `hay.ends_with(suffix)`, compared from the end (most candidates differ in the last
/// byte or two: cheaper than a `memcmp` call).
fn ends_with(hay: &[u8], suffix: &[u8]) -> bool {
    hay.len() >= suffix.len()
        && hay
            .iter()
            .rev()
            .zip(suffix.iter().rev())
            .all(|(a, b)| a == b)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    // The first byte first: most windows differ there (a `memcmp` call per window
    // costs more than the whole check).
    let first = needle.first().copied();
    hay.windows(needle.len())
        .any(|w| w.first().copied() == first && same(w, needle))
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
    for &dot in norm.cands() {
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
        let ends = |c: &[u8]| ends_with(before, c);
        let in_context = HOST_CONTEXTS.iter().any(|c| ends(c))
            || (ends(b"host ") && !ends(b"client host ") && !ends(b"connecting host "));
        let csv_field = (prev == b',' && start != 0 || ends(b", "))
            && (after_diag
                || before
                    .trim_ascii_end()
                    .strip_suffix(b",")
                    .is_some_and(|b| b.ends_with(b")")));
        // A greeting host or a help URL: only a name of three labels or more, with an
        // alphabetic top-level domain (looked at only when the rest did not decide).
        let named = || {
            let tld = tok.rsplit(|&c| c == b'.').next().unwrap_or(&[]);
            tok.split(|&c| c == b'.').count() >= 3
                && tld.len() >= 2
                && tld.iter().all(u8::is_ascii_alphabetic)
        };
        // `reply_starts` is sorted: a binary search keeps this pass linear.
        let at_reply = |p: usize| reply_starts.binary_search(&p).is_ok();
        let greeting = || {
            (at_reply(start) || (start > 0 && at_reply(start - 1) && t[start - 1] == b'-'))
                && named()
        };
        let url = || !listed && (ends(b"//") || tok.starts_with(b"www.")) && named();
        let (greeting, url) = if in_context || csv_field {
            (false, false)
        } else {
            (greeting(), url())
        };
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
        let norm = normalise(text.as_bytes(), &[], 0, &mut w, Norm::default());
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
        let norm = normalise(text.as_bytes(), &[], 0, &mut w, Norm::default());
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
