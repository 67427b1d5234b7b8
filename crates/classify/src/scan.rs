//! Phrase matching without regular expressions.
//!
//! The text is normalised once (ASCII lower case, reply-code prefixes of multi-line
//! replies removed, whitespace runs collapsed) and then scanned once. At each position
//! where a pattern may start, a hash of the next three bytes selects a small bucket of
//! patterns (a precomputed index), and only those are compared, eight bytes at a time. The work per position is bounded by a constant that depends on
//! the tables, never on the text: the whole scan is linear.

mod addr;
mod hosts;
mod norm;

use std::sync::OnceLock;

use crate::rules::{patterns, Sig};

pub use addr::{recipients, Recipients};
pub use hosts::{greeting_host, visible_host};
pub use norm::{normalise, Norm};

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
    /// These signals and `s`.
    pub fn with(mut self, s: Sig) -> Sigs {
        self.set(s);
        self
    }
    /// These signals but `s`.
    pub fn without(mut self, s: Sig) -> Sigs {
        self.0 &= !(1u128 << s as u32);
        self
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
    /// Where the last `Reporting-MTA:` field's value starts (its host is the sender's).
    pub reporting: Option<usize>,
    /// The provider of the first host read as the reporting server's (see
    /// `Sig::ExResolver`).
    reported: Option<Sig>,
    /// Where the last clause of advice to the sender ends (see `Sig::Advice`).
    advice_end: usize,
    /// Where the first go-ahead for a transcript's message and the first heading of a
    /// returned message are (see [`find`]).
    go_ahead: Option<usize>,
    original: Option<usize>,
}

struct Pat {
    /// The first eight bytes (zero-padded) and a mask of the valid ones: one compare
    /// decides most candidates, and the whole pattern when it is this short.
    head: u64,
    mask: u64,
    /// The pattern's further eight-byte words: `Index::words[rest..rest + nrest]`.
    rest: u16,
    nrest: u16,
    len: u16,
    sig: Sig,
    /// Must end at a word end (pattern written with a trailing `$`).
    end: bool,
    /// A host name or the provider's wording: does not count inside an e-mail address
    /// (`a@icloud.com`) nor as the sender's domain (`email from icloud.com`).
    host: bool,
    /// Has a dot (a domain name).
    dotted: bool,
}

struct Index {
    /// The patterns, grouped by bucket.
    pats: Vec<Pat>,
    /// The words after the first eight bytes of the longer patterns, with their masks.
    words: Vec<(u64, u64)>,
    /// By the bucket of the first three bytes: the patterns shorter than eight bytes
    /// with them (`pats[start..end]`), and whether longer ones start with them.
    rows: Box<[Row; BUCKETS]>,
    /// By the bucket of the first eight bytes: the patterns of eight bytes or more
    /// (`pats[start..end]`).
    long: Box<[(u16, u16); BUCKETS]>,
}

/// A row of [`Index::rows`] in one word, zero when no pattern starts with the row's
/// bytes (one compare rejects most candidates): the short patterns' `start` and `end`
/// in the low and next fifteen bits, and the top bit set when long patterns start there.
#[derive(Clone, Copy, Default, PartialEq)]
struct Row(u32);

impl Row {
    const LONG: u32 = 1 << 31;

    fn new(start: u16, end: u16, long: bool) -> Row {
        let (start, end) = if start == end { (0, 0) } else { (start, end) };
        Row(u32::from(start) | u32::from(end) << 16 | if long { Row::LONG } else { 0 })
    }

    /// The short patterns: `pats[start..end]`.
    fn short(self) -> (u16, u16) {
        (self.0 as u16, (self.0 >> 16) as u16 & 0x7fff)
    }

    fn long(self) -> bool {
        self.0 & Row::LONG != 0
    }
}

impl Index {
    /// Whether the pattern's words after its first eight bytes are at `pos + 8` in `buf`
    /// (the normalised text and its zero padding, which no pattern contains: a pattern
    /// running past the text never matches).
    fn rest_matches(&self, p: &Pat, buf: &[u8], pos: usize) -> bool {
        let from = usize::from(p.rest);
        let words = self
            .words
            .get(from..from + usize::from(p.nrest))
            .unwrap_or_default();
        let mut at = pos;
        words.iter().all(|&(word, mask)| {
            at += 8;
            load8(buf, at) & mask == word
        })
    }
}

/// The bucket indexes have `1 << BUCKET_BITS` rows: most words fall in an empty one.
const BUCKET_BITS: u32 = 13;
const BUCKETS: usize = 1 << BUCKET_BITS;

/// The bucket of the first three bytes of a little-endian word (every pattern has at
/// least three bytes): a multiplicative hash.
fn bucket(word: u64) -> usize {
    ((word as u32 & 0x00ff_ffff).wrapping_mul(0x9e37_79b1) >> (32 - BUCKET_BITS)) as usize
}

/// The bucket of all eight bytes of a word, for the patterns of eight bytes or more.
/// Common words start many of them (45 patterns start "not", 32 "mai" and "con"): this
/// second index spares trying each of them wherever the word is.
fn long_bucket(word: u64) -> usize {
    (word.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - BUCKET_BITS)) as usize
}

/// Byte-wise equality of two short slices of equal length (cheaper than a `memcmp`
/// call for the few bytes of a host name's suffix).
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

/// The eight bytes at `i` as a little-endian word (`b` is padded: see [`norm::PAD`]; past
/// its end, zero).
fn load8(b: &[u8], i: usize) -> u64 {
    b.get(i..i + 8)
        .and_then(|w| <[u8; 8]>::try_from(w).ok())
        .map_or(0, u64::from_le_bytes)
}

/// The first `byte` at or after `from` in the first `len` bytes of `padded` (the
/// normalised text and its zero padding), sixteen bytes a step.
#[cfg(not(target_arch = "wasm32"))]
fn next_byte(padded: &[u8], from: usize, len: usize, byte: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let pat = ONES * u64::from(byte);
    // The high bit of the lowest byte of `w` that is `byte` is exact (borrows only
    // disturb the bytes above it).
    let hits = |w: u64| {
        let v = w ^ pat;
        v.wrapping_sub(ONES) & !v & (ONES << 7)
    };
    let word = |c: &[u8]| c.try_into().map_or(0, u64::from_le_bytes);
    let found = |at: usize, h: u64| {
        let hit = at + (h.trailing_zeros() / 8) as usize;
        (hit < len).then_some(hit)
    };
    let hay = padded.get(from..len).unwrap_or_default();
    let mut chunks = hay.chunks_exact(16);
    let mut at = from;
    for c in &mut chunks {
        let (a, b) = (hits(word(&c[..8])), hits(word(&c[8..])));
        if a | b != 0 {
            return if a != 0 {
                found(at, a)
            } else {
                found(at + 8, b)
            };
        }
        at += 16;
    }
    // Fewer than sixteen bytes left: at most two words (the padding is read as zeros).
    while at < len {
        let h = hits(load8(padded, at));
        if h != 0 {
            return found(at, h);
        }
        at += 8;
    }
    None
}

/// [`next_byte`] in WebAssembly, where size matters more than speed: byte by byte.
#[cfg(target_arch = "wasm32")]
fn next_byte(padded: &[u8], from: usize, len: usize, byte: u8) -> Option<usize> {
    let hay = padded.get(from..len).unwrap_or_default();
    hay.iter().position(|&c| c == byte).map(|p| from + p)
}

/// Whether a pattern is a host name or a provider's wording (see `Pat::host`).
fn is_host(s: &str, sig: Sig) -> bool {
    (s.contains('.') && !s.contains(' ') && s.bytes().any(|c| c.is_ascii_alphabetic()))
        || sig.is_isp()
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut words = Vec::new();
        let mut pat = |&(raw, sig): &(&'static str, Sig)| {
            let end = raw.ends_with('$');
            let s = raw.trim_end_matches('$');
            let dotted = s.contains('.');
            let host = is_host(s, sig);
            let (head, mask) = head8(s.as_bytes());
            let rest = words.len();
            words.extend(s.as_bytes().chunks(8).skip(1).map(head8));
            // The tables are ours and short (a test checks they fit).
            let narrow = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
            Pat {
                head,
                mask,
                rest: narrow(rest),
                nrest: narrow(words.len() - rest),
                len: narrow(s.len()),
                sig,
                end,
                host,
                dotted,
            }
        };
        let all: Vec<(&'static str, Sig)> = patterns().collect();
        let heads: Vec<(u64, bool)> = all
            .iter()
            .map(|&(raw, _)| {
                let s = raw.trim_end_matches('$').as_bytes();
                (head8(s).0, s.len() >= 8)
            })
            .collect();
        // The short patterns' rows, then the long ones'.
        let keys: Vec<usize> = heads
            .iter()
            .map(|&(head, long)| {
                if long {
                    BUCKETS + long_bucket(head)
                } else {
                    bucket(head)
                }
            })
            .collect();
        // Grouped by bucket: a counting sort (the table order stays inside a bucket).
        let mut offsets = vec![0u16; 2 * BUCKETS + 1];
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
        let pats = order.iter().map(|&id| pat(&all[id])).collect();
        let mut long_rows = vec![false; BUCKETS];
        for &(head, _) in heads.iter().filter(|&&(_, long)| long) {
            long_rows[bucket(head)] = true;
        }
        let mut rows = Box::new([Row::default(); BUCKETS]);
        for (h, row) in rows.iter_mut().enumerate() {
            *row = Row::new(offsets[h], offsets[h + 1], long_rows[h]);
        }
        let mut long = Box::new([(0u16, 0u16); BUCKETS]);
        for (h, span) in long.iter_mut().enumerate() {
            *span = (offsets[BUCKETS + h], offsets[BUCKETS + h + 1]);
        }
        Index {
            pats,
            words,
            rows,
            long,
        }
    })
}

/// What a byte is when walking back over a host name: part of it, the `@` of an e-mail
/// address, or neither (the name's start).
const NAME: u8 = 1;
const AT: u8 = 2;
const WALK: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || c == b'.' || c == b'-' {
            t[b] = NAME;
        } else if c == b'@' {
            t[b] = AT;
        }
        b += 1;
    }
    t
};

/// Whether the host name or provider word matched at `pos..after` does not name the
/// receiver: the domain part of an e-mail address (`a@icloud.com`: the address is read
/// on its own), the host of a DSN's `Reporting-MTA:` field (whose value starts at
/// `reporting`: the sender's own server wrote the report), or a registered domain on its
/// own (`icloud.com`, `comcast.net`, `yahoo.co.uk`; not a server such as
/// `mx.icloud.com`) named as the sender's (`email from icloud.com`, `DMARC policy for
/// comcast.net`). `Some(true)` for the reporting server's host, `Some(false)` for the
/// others, `None` when it may name the receiver. One walk back over the name, bounded.
fn not_the_receiver(
    t: &[u8],
    pos: usize,
    after: usize,
    dotted: bool,
    reporting: Option<usize>,
) -> Option<bool> {
    let before = t.get(pos.saturating_sub(64)..pos).unwrap_or_default();
    let mut start = pos;
    for &c in before.iter().rev() {
        match WALK[usize::from(c)] {
            NAME => start -= 1,
            AT => return Some(false),
            _ => break,
        }
    }
    // Postfix's client restrictions quote the connecting client: "554 5.7.1
    // <mail-pg1-f174.google.com[209.85.216.174]>: Client host rejected: ..." (the
    // sender's host, not the receiver).
    if start > 0 && t[start - 1] == b'<' {
        let ahead = t.get(after..(after + 48).min(t.len())).unwrap_or_default();
        if let Some(close) = ahead.iter().position(|&c| c == b'>') {
            if ahead[close + 1..].starts_with(b": client host rejected") {
                return Some(false);
            }
        }
    }
    // The name a client gives itself in its greeting ("SMTP Command: EHLO smtp.gmail.com",
    // Postfix's `helo=<mail.example.org>`): the sending client, never the receiver.
    {
        let before = &t[..start];
        // A receiver's log names its connecting client (Postgrey's `client_name=`,
        // Postfix's `client=`): the sender's host.
        if [
            &b"ehlo "[..],
            b"helo ",
            b"helo=",
            b"helo=<",
            b"client_name=",
            b"client=",
        ]
        .iter()
        .any(|c| before.ends_with(c))
        {
            return Some(false);
        }
        // Gmail's sender line, "a@b.example via tenant.onmicrosoft.com": the domain after
        // an address and "via" is the one that signed for the sender.
        if let Some(head) = before.strip_suffix(b" via ") {
            let head = &head[head.len().saturating_sub(64)..];
            let word = head.rsplit(|&c| c == b' ').next().unwrap_or_default();
            if word.contains(&b'@') {
                return Some(false);
            }
        }
    }
    // A quoted original's `Received:` header names the hosts the message came through
    // ("Received: from mail-yk0-f172.google.com (...) by mx.example.org"): the path of
    // the original, not the receiver that refused it. The clause ends at the `;` before
    // its date.
    if t[..start].ends_with(b"from ") || t[..start].ends_with(b"by ") || t[..start].ends_with(b"(")
    {
        let window = t.get(start.saturating_sub(128)..start).unwrap_or_default();
        const FIELD: &[u8] = b"received: ";
        if let Some(r) = window.windows(FIELD.len()).rposition(|w| w == FIELD) {
            if !window[r..].contains(&b';') {
                return Some(false);
            }
        }
    }
    if reporting.is_some_and(|r| r < start && start - r < 16) {
        let value = t.get(reporting.unwrap_or(start)..start).unwrap_or_default();
        // A table's cell separator before the value: "DSN generated by: | host".
        let value = value.trim_ascii();
        let value = value.strip_prefix(b"|").unwrap_or(value).trim_ascii();
        // `Reporting-MTA: dns; host`, `Generating server: host`.
        if value
            .strip_prefix(b"dns;")
            .unwrap_or(value)
            .trim_ascii()
            .is_empty()
        {
            return Some(true);
        }
    }
    // NiX Spam's listing names the host that caught the spam, not the receiver: "Your
    // e-mail service was detected by mx-ha.web.de (NiX Spam) as spamming".
    if t.get(after..)
        .is_some_and(|r| r.starts_with(b" (nix spam)"))
    {
        return Some(false);
    }
    let ends = |c: &u8| matches!(c, b'.' | b' ' | b']' | b')' | b'\'' | b'"' | b',' | b';');
    // A domain: the pattern's own (`icloud.com`) or the one it starts (`comcast` in
    // `comcast.net`).
    let domain = dotted || t.get(after) == Some(&b'.');
    (start == pos && domain && t.get(after).is_none_or(ends) && sender_domain(t, pos))
        .then_some(false)
}

/// Whether the word matched at `pos..after` is part of an e-mail address (`<dmarc@a.example>`,
/// `noreply-dmarc-support@google.com`, `a@spam.example`): an address names a mailbox,
/// it states no cause. A bounded look at each side; `..` ends an address (sendmail's
/// `a@b.example...User unknown`).
fn in_address(t: &[u8], pos: usize, after: usize) -> bool {
    fn reaches_at<'a>(bytes: impl Iterator<Item = &'a u8>) -> bool {
        let mut dot = false;
        for &c in bytes {
            match c {
                b'@' => return true,
                b'.' if dot => return false,
                b'.' => dot = true,
                b'-' | b'_' | b'+' => dot = false,
                c if c.is_ascii_alphanumeric() => dot = false,
                _ => return false,
            }
        }
        false
    }
    // Most words stand between spaces or punctuation: no address can reach them.
    let part = |c: &u8| c.is_ascii_alphanumeric() || matches!(c, b'@' | b'.' | b'-' | b'_' | b'+');
    let before_part = pos > 0 && t.get(pos - 1).is_some_and(part);
    if !before_part && !t.get(after).is_some_and(part) {
        return false;
    }
    let ahead = t.get(after..(after + 64).min(t.len())).unwrap_or_default();
    let before = t.get(pos.saturating_sub(64)..pos).unwrap_or_default();
    reaches_at(ahead.iter()) || reaches_at(before.iter().rev())
}

/// Whether the name at `pos` (the start of a word) is a registered domain on its own,
/// two labels or three with a short second one (`co.uk`), named as the sender's.
#[cold]
fn sender_domain(t: &[u8], pos: usize) -> bool {
    let name_byte = |i: usize| t.get(i).is_some_and(|&c| WALK[usize::from(c)] == NAME);
    let (mut dots, mut second, mut i) = (0, 0, pos);
    while i - pos < 64 && name_byte(i) {
        if t.get(i) == Some(&b'.') && name_byte(i + 1) {
            dots += 1;
        } else if dots == 1 {
            second += 1;
        }
        i += 1;
    }
    (dots == 1 || (dots == 2 && second <= 3)) && addr::sender_domain(t, pos)
}

/// Scans the normalised text for every pattern of the tables.
pub fn find(norm: &Norm, work: &mut u64) -> Found {
    let cands = norm.cands();
    let mut steps = cands.len() as u64;
    let mut found = Found::default();
    each_match(norm, cands, &mut steps, |p, pos| {
        matched(p, pos, norm, &mut found);
        true
    });
    // Parts of some texts are no words of the reply. They are rare: such a text is read
    // again without them, rather than a test at every candidate of the loop above (which
    // cost every bounce about 800 instructions):
    // - the returned message after a report's own heading for it ("Original message
    //   headers:", Exim's "This is a copy of the message, including all the headers",
    //   qmail's "Below this line is a copy of the message"): the original's words and
    //   hosts, not the refusal's (a quoted `Received:` header's "(TLS)" is no TLS failure);
    // - a transcript's message, from the server's go-ahead for it (`354 End data with
    //   <CR><LF>.<CR><LF>`) to its lone "." line: the sender's words (its subject, its body);
    // - Ruby's backtrace: each frame's file path and method name
    //   (`/vendor/plugins/action_mailer_optional_tls/lib/smtp_tls.rb:18:in `send'`,
    //   `smtp.rb:410:in `authenticate'`) are code.
    if found
        .all
        .any(&[Sig::OriginalFollows, Sig::DataGoAhead, Sig::RubyFrame])
    {
        let leave = Leave {
            original: found.original,
            message: found
                .go_ahead
                .and_then(|at| data_end(norm, at, &mut steps).map(|end| (at, end))),
            frames: found.all.has(Sig::RubyFrame),
        };
        found = Found::default();
        read_again(norm, cands, &mut steps, leave, &mut found);
        if leave.original.is_some() {
            found.all.set(Sig::OriginalFollows);
        }
    }
    *work += steps;
    // Exchange's resolver refused inside the reporting server's own organisation.
    if let Some(sig) = found.reported.filter(|_| found.all.has(Sig::ExResolver)) {
        found.all.set(sig);
        found.inner.set(sig);
    }
    found
}

/// Calls `f` with every pattern whose bytes are at one of the candidates `cands`, in
/// text order, until `f` returns false. Always inlined, so that each caller's loop is
/// compiled with its own `f` (a single shared copy measured slower, and larger in wasm).
#[inline(always)]
fn each_match(norm: &Norm, cands: &[u32], steps: &mut u64, mut f: impl FnMut(&Pat, usize) -> bool) {
    let idx = index();
    let buf = norm.padded();
    // Candidates near the end read the zero padding, which no pattern matches.
    for &pos in cands {
        let pos = pos as usize;
        let word = load8(buf, pos);
        let row = idx.rows[bucket(word)];
        if row == Row::default() {
            continue;
        }
        // The long patterns, then the short ones, whatever their order in the table: no
        // two found at one place read what the other sets (a test checks it).
        let (a, b) = if row.long() {
            idx.long[long_bucket(word)]
        } else {
            (0, 0)
        };
        for (a, b) in [(a, b), row.short()] {
            *steps += u64::from(b - a);
            for p in idx.pats.get(a as usize..b as usize).unwrap_or_default() {
                if word & p.mask == p.head
                    && (p.nrest == 0 || idx.rest_matches(p, buf, pos))
                    && !f(p, pos)
                {
                    return;
                }
            }
        }
    }
}

/// Whether `pos` is in a frame of Ruby's backtrace (`path/smtp.rb:576:in `auth_plain'`):
/// the method's name right after "in `", or the file path, a token that runs without a
/// space up to the frame's ":in `" (line breaks are spaces here). A bounded look ahead.
fn in_ruby_frame(t: &[u8], pos: usize) -> bool {
    let rest = t.get(pos..).unwrap_or_default();
    let token = &rest[..rest.iter().take(200).position(|&c| c == b' ').unwrap_or(0)];
    t[..pos].ends_with(b"in `")
        || (token.ends_with(b":in")
            && rest
                .get(token.len()..)
                .is_some_and(|r| r.starts_with(b" `")))
}

/// What a second reading of a rare text leaves out (see [`find`]): the returned message
/// from `original` on, the transcript's `message` (between its go-ahead and its end) and
/// Ruby's backtrace `frames`.
#[derive(Clone, Copy)]
struct Leave {
    original: Option<usize>,
    message: Option<(usize, usize)>,
    frames: bool,
}

/// Reads `cands` again into `found`, leaving out what `leave` says.
fn read_again(norm: &Norm, cands: &[u32], steps: &mut u64, leave: Leave, found: &mut Found) {
    let t = norm.text();
    each_match(norm, cands, steps, |p, pos| {
        if leave.original.is_some_and(|at| pos >= at) {
            return false;
        }
        let in_message = leave.message.is_some_and(|(at, end)| pos > at && pos < end);
        let in_frame = leave.frames && p.sig != Sig::RubyFrame && in_ruby_frame(t, pos);
        if !in_message && !in_frame {
            matched(p, pos, norm, found);
        }
        true
    });
}

/// A pattern's bytes are at `pos`: the checks of its context, then its signal. Kept out
/// of [`find`]'s loop, which it would slow down (not in the size-optimised wasm build,
/// where a separate function costs half a kilobyte).
#[cfg_attr(not(target_arch = "wasm32"), inline(never))]
fn matched(p: &Pat, pos: usize, norm: &Norm, found: &mut Found) {
    let t = norm.text();
    let after = pos + usize::from(p.len);
    if p.end && t.get(after).is_some_and(u8::is_ascii_alphanumeric) {
        return;
    }
    if p.host {
        match not_the_receiver(t, pos, after, p.dotted, found.reporting) {
            Some(true) => {
                found.reported = found.reported.or(Some(p.sig));
                return;
            }
            Some(false) => return,
            None => {}
        }
    }
    // Exchange Online's `AS(1440)`: a code only with its digits (`AS(xxxxxxx)` is a
    // documentation placeholder).
    if t[after - 1] == b'(' && !t.get(after).is_some_and(u8::is_ascii_digit) {
        return;
    }
    if !p.host && in_address(t, pos, after) {
        return;
    }
    // Cisco's (IronPort's) bounce reason "5.1.0 - Unknown address error 554-'...'" labels
    // any refusal by the remote server, whose own reply follows and states the cause.
    if p.sig == Sig::RcptStrong && t[after..].starts_with(b" error") && t[..pos].ends_with(b"- ") {
        return;
    }
    // Outlook's error report names its connection setting, "Secure (SSL): No" in every
    // language ("Sécurisé (SSL) : Non", "Secure(SSL): Não"): a setting, no TLS failure;
    // nor is a client's URL scheme ("(ssl://smtphz.qiye.163.com:994) DATA - 554 ...").
    // Nor is the value of a log's session field: sendmail's `STARTTLS=client, ...,
    // version=TLSv1.3, verify=FAIL, cipher=TLS_AES_256_GCM_SHA384`, Exim's
    // `X=TLS1.2:ECDHE_RSA_AES_128_GCM_SHA256:128` and `X=TLS1.3:TLS_AES_256_GCM_SHA384:256`
    // name the protocol and cipher used.
    // Nor is a JSON key: SendGrid's events carry `"tls": 0` or `"tls": 1`.
    if p.sig == Sig::Tls
        && (settings_field(t, pos, after)
            || t[after..].starts_with(b"://")
            || t[after..].starts_with(b"\":")
            || crate::codes::in_field_value(t, pos)
            || go_ahead(t, pos, after))
    {
        return;
    }
    // An authentication word inside a dotted name (a scanner's signature,
    // `Heuristics.Phishing.Email.SpoofedDomain`) names no failed check.
    if p.sig == Sig::Auth && pos >= 2 && t[pos - 1] == b'.' && t[pos - 2].is_ascii_alphabetic() {
        return;
    }
    // A quoted original's `DKIM-Signature: v=1; ...` header is a signature, no failed
    // check.
    if p.sig == Sig::Auth
        && t.get(after..)
            .is_some_and(|r| r.starts_with(b"-signature: v="))
    {
        return;
    }
    // PowerMTA's bounce categories (`spam-related`, `policy-related`, `virus-related`) are
    // read by their own patterns: their first word states no cause of its own.
    if matches!(p.sig, Sig::Reputation | Sig::Content)
        && t.get(after..).is_some_and(|r| r.starts_with(b"-related"))
    {
        return;
    }
    // "Message Not Accepted" is bare only where its reply ends with it.
    if p.sig == Sig::BareRefusal && !reply_ends(t, after) {
        return;
    }
    let sig = match p.sig {
        Sig::Advice => {
            found.advice_end = clause_end(t, after);
            Sig::Advice
        }
        Sig::Auth if pos < found.advice_end => Sig::AuthAdvised,
        Sig::Dns if pos < found.advice_end => Sig::DnsAdvised,
        sig => sig,
    };
    if p.sig == Sig::ReportingMta {
        found.reporting = Some(after);
    }
    if p.sig == Sig::DiagField && found.diag.is_none() {
        found.diag = Some(pos);
    }
    if p.sig == Sig::OrangeOfr && found.ofr.is_none() {
        found.ofr = ofr_reason(t, after);
    }
    // Where a rare text's parts to leave out start (the first of each kind counts).
    if p.sig == Sig::DataGoAhead {
        found.go_ahead.get_or_insert(pos);
    } else if p.sig == Sig::OriginalFollows {
        found.original.get_or_insert(pos);
    }
    found.all.set(sig);
    if pos >= norm.region.0 && pos < norm.region.1 {
        found.inner.set(sig);
    }
}

/// Where the message that follows a `354` reply at `from` ends: its lone "." line, right
/// before the server's next reply (a bounded look: the message only).
fn data_end(norm: &Norm, from: usize, work: &mut u64) -> Option<usize> {
    let t = norm.text();
    let mut i = from;
    while let Some(k) = t
        .get(i..)
        .and_then(|r| r.windows(3).position(|w| w == b" . "))
    {
        *work += (k + 3) as u64;
        let dot = i + k + 1;
        if norm.reply_starts.binary_search(&(dot + 2)).is_ok() {
            return Some(dot);
        }
        i = dot + 1;
    }
    None
}

/// Whether a reply ends at `i`: at most a full stop, closing quotes and spaces, then the
/// end of the line or of the text, or a field's comma.
fn reply_ends(t: &[u8], i: usize) -> bool {
    let rest = t.get(i..).unwrap_or_default();
    let n = rest
        .iter()
        .take(4)
        .take_while(|&&c| matches!(c, b'.' | b'"' | b'\'' | b' '))
        .count();
    rest.get(n).is_none_or(|c| matches!(c, b'\n' | b','))
}

/// Whether the TLS word at `pos..after` is in the server's go-ahead for the handshake
/// (Exim's `220 TLS go ahead`, Postfix's and sendmail's `220 2.0.0 Ready to start TLS`):
/// the server agreed, no TLS failure.
fn go_ahead(t: &[u8], pos: usize, after: usize) -> bool {
    t[after..].starts_with(b" go ahead") || t[..pos].ends_with(b"ready to start ")
}

/// Whether the word at `pos..after` is a field's name in parentheses before its value
/// (`(ssl): no`, `(ssl) : non`).
fn settings_field(t: &[u8], pos: usize, after: usize) -> bool {
    let rest = t.get(after..).unwrap_or_default();
    pos > 0
        && t.get(pos - 1) == Some(&b'(')
        && (rest.starts_with(b"):") || rest.starts_with(b") :"))
}

/// The end of the sentence that starts before `from`: its full stop (followed by a space
/// or the end), or at most 160 bytes on.
fn clause_end(t: &[u8], from: usize) -> usize {
    let limit = (from + 160).min(t.len());
    let rest = t.get(from..limit).unwrap_or_default();
    rest.windows(2)
        .position(|w| w[0] == b'.' && w[1] == b' ')
        .map_or(limit, |i| from + i + 1)
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
        for (raw, _) in patterns() {
            let s = raw.trim_end_matches('$');
            assert!(s.len() >= 3, "{raw}");
            assert_eq!(s, s.to_ascii_lowercase(), "{raw}");
        }
    }

    #[test]
    fn patterns_found_at_one_place_do_not_depend_on_their_order() {
        // `find` tries a place's long patterns (eight bytes or more) before its short
        // ones: a short pattern starting a long one may not set what the other's checks
        // read (`matched`: the advice's end, the reporting server, the first receiving
        // host, Orange's reason).
        let all: Vec<(&str, Sig)> = patterns()
            .map(|(raw, sig)| (raw.trim_end_matches('$'), sig))
            .collect();
        let advice = |a: Sig, b: Sig| a == Sig::Advice && matches!(b, Sig::Auth | Sig::Dns);
        for &(short, a) in all.iter().filter(|(s, _)| s.len() < 8) {
            for &(long, b) in all.iter().filter(|(l, _)| l.len() >= 8) {
                if !long.starts_with(short) {
                    continue;
                }
                let (ha, hb) = (is_host(short, a), is_host(long, b));
                let reporting = |s: Sig, host: bool| s == Sig::ReportingMta && host;
                let dependent = advice(a, b)
                    || advice(b, a)
                    || reporting(a, hb)
                    || reporting(b, ha)
                    || (ha && hb && a != b)
                    || (a == Sig::OrangeOfr && b == Sig::OrangeOfr);
                assert!(!dependent, "{short} and {long}");
            }
        }
    }

    #[test]
    fn the_index_holds_every_pattern_whole() {
        let idx = index();
        assert_eq!(idx.pats.len(), patterns().count());
        assert!(idx.words.len() < usize::from(u16::MAX));
        // A row holds its short patterns' end in fifteen bits.
        assert!(idx.pats.len() < 1 << 15);
        for (raw, sig) in patterns() {
            let s = raw.trim_end_matches('$');
            assert!(s.len() < usize::from(u16::MAX), "{raw}");
            // Found alone and among words, whatever its length (a code's opening
            // parenthesis with a digit after it)...
            let whole = if s.ends_with('(') {
                format!("{s}1")
            } else {
                s.to_string()
            };
            assert!(sigs(&whole).has(sig), "{raw}");
            // (A bare refusal is read only where its reply ends: after words, not before.)
            let among = if sig == Sig::BareRefusal {
                format!("x {whole}")
            } else {
                format!("x {whole} y")
            };
            assert!(sigs(&among).has(sig), "{raw}");
            // ...and not without its last character (unless a shorter pattern gives the
            // signal).
            let cut = &s[..s.char_indices().last().map_or(0, |(i, _)| i)];
            let shorter =
                patterns().any(|(r, g)| g == sig && cut.contains(r.trim_end_matches('$')));
            assert!(
                !sigs(cut).has(sig) || shorter,
                "{raw} without its last character"
            );
        }
    }

    #[test]
    fn exchange_online_codes_need_their_digits() {
        assert!(sigs("blocked using Spamhaus. AS(1440)").has(Sig::OutlookHost));
        assert!(!sigs("Access denied. AS(xxxxxxx)").has(Sig::OutlookHost));
    }

    #[test]
    fn only_notes_name_and_address_book_names_a_missing_recipient() {
        let notes = "User  not listed in public Name & Address Book";
        assert!(sigs(notes).has(Sig::RcptStrong));
        // A virus notice's advice names the sender's own address book.
        let advice = "please warn the other users in your address book about the virus";
        assert!(!sigs(advice).has(Sig::RcptStrong));
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

    #[test]
    fn cause_words_inside_addresses_do_not_count() {
        assert!(!sigs("550 5.1.1 <dmarc@example.org>: User unknown").has(Sig::Auth));
        assert!(!sigs("from=<noreply-dmarc-support@google.com>").has(Sig::Auth));
        assert!(!sigs("to=<a@spamcop.example>").has(Sig::Spamcop));
        assert!(sigs("550 5.7.1 Rejected by DMARC policy").has(Sig::Auth));
        // Sendmail's `a@b...User unknown`: `..` ends the address.
        assert!(sigs("550 a@earthlink.net...User unknown").has(Sig::RcptStrong));
    }

    #[test]
    fn patterns_in_chinese_and_japanese_match_between_characters() {
        let netease = "421HL:ICC 该IP同时并发连接数过大,超过了网易的限制,被临时禁止连接。";
        assert!(sigs(netease).has(Sig::Rate));
        assert!(sigs(netease).has(Sig::OtherHost));
        let dti = "原因:  <a@b.example> のユーザーは登録されていません";
        assert!(sigs(dti).has(Sig::RcptStrong));
    }

    #[test]
    fn auth_words_inside_a_dotted_name_are_no_check() {
        let scanner =
            "550 Message contained unsafe content (Heuristics.Phishing.Email.SpoofedDomain)";
        assert!(!sigs(scanner).has(Sig::Auth));
        assert!(sigs("550 5.7.1 Sender address is spoofed").has(Sig::Auth));
    }

    #[test]
    fn an_error_reports_ssl_setting_is_no_tls_failure() {
        for text in [
            "server response: \"550 5.1.1 unknown\", port: 25, security (SSL): no",
            "Réponse du serveur : '550 inconnu', Port : 25, Sécurisé (SSL) : Non",
            "Resposta do Servidor: '550 x', Porta: 25, Secure(SSL): Não",
        ] {
            assert!(!sigs(text).has(Sig::Tls), "{text}");
        }
        // The values of a log's TLS session fields name the protocol and cipher used.
        for text in [
            "STARTTLS=client, relay=mx.example.org., version=TLSv1.3, verify=FAIL, cipher=TLS_AES_256_GCM_SHA384, bits=256/256",
            "** a@example.org R=dnslookup T=remote_smtp X=TLS1.2:ECDHE_RSA_AES_128_GCM_SHA256:128 CV=yes",
            "H=mx.example.org [192.0.2.1] X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no F=<a@example.org>",
        ] {
            assert!(!sigs(text).has(Sig::Tls), "{text}");
        }
        assert!(sigs("454 4.7.0 TLS not available due to local problem").has(Sig::Tls));
        assert!(sigs("SSL handshake failed").has(Sig::Tls));
    }

    #[test]
    fn authentication_and_dns_words_in_advice_are_advice() {
        let s = sigs("Rejected due to spam classification. Set up SPF records if you have not.");
        assert!(s.has(Sig::AuthAdvised) && !s.has(Sig::Auth));
        let s = sigs("Please be sure your mailserver is configured correctly (spf, HELO, PTR)");
        assert!(s.has(Sig::AuthAdvised) && !s.has(Sig::Auth));
        // The advice ends at its full stop: a cause stated after it counts.
        let s = sigs("Please make sure you are a customer. Rejected: SPF check failed.");
        assert!(s.has(Sig::Auth));
    }

    #[test]
    fn powermta_bounce_categories_state_no_cause_of_their_own() {
        let s = sigs("smtp;550 5.1.1 <a@b.example>: Recipient address rejected,policy-related");
        assert!(s.has(Sig::BcReputation) && !s.has(Sig::Reputation));
        assert!(!sigs("virus-related").has(Sig::Content));
        assert!(sigs("policy related").has(Sig::Reputation));
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
        visible_host(&norm, &found, listed, &mut w).is_some()
    }

    #[test]
    fn receiving_hosts_are_seen_in_their_contexts_only() {
        assert!(host(
            "host mx1.forwardemail.net[138.197.213.185] said:",
            false
        ));
        assert!(host("remote-mta: dns; mx.***", false));
        assert!(host(
            "[(10) mx.example.org. [192.0.2.1]:25: socket error]",
            false
        ));
        assert!(host(
            "connect to pb-mx10.pobox.com[64.147.108.51]:25: timed out",
            false
        ));
        // Stalwart's and Postal's own reports name the host they talked to.
        assert!(host(
            "TLS error from 'mx.example.org': Handshake failed",
            false
        ));
        assert!(host(
            "delivery error when sending to 192.0.2.1:25 (mx.example.org)",
            false
        ));
        assert!(host(
            "Permanent SMTP delivery error when sending to mx.example.org (192.0.2.1)",
            false
        ));
        // Postfix's failed lookup of the recipient's domain; MailEnable's delay notice.
        assert!(host(
            "Host or domain name not found. Name service error for name=example.org type=MX: Host not found, try again",
            false
        ));
        assert!(host(
            "Message is waiting at mx1.sender.example for delivery to mail.example.org",
            false
        ));
        // Exchange's wrapper: the remote host before the status it gave.
        assert!(host(
            "Remote Server returned '554 5.0.0 <mx.example.org #5.0.0 smtp; 554 no>'",
            false
        ));
        assert!(!host("Remote Server returned '<mx.example.org> no'", false));
        assert!(!host(
            "Unexpected response from 'user@mx.example.org'",
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
        // The sending service's own guide (Amazon SES's suppression-list refusal).
        assert!(!host(
            "see the Amazon SES Developer Guide: http://docs.aws.amazon.com/ses/latest/DeveloperGuide/remove-from-suppressionlist.html",
            false
        ));
        assert!(!host(
            "client host [bl11-253-215.dsl.telepac.pt] blocked using",
            false
        ));
        // Postfix's lost connection and Exim's delivery log (H= after the SMTP
        // transport) name the remote host; H= of an arrival (`<=`) is the client.
        assert!(host(
            "lost connection with mx.example.org[192.0.2.1] while receiving the initial server greeting",
            false
        ));
        assert!(host(
            "** a@b.example R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.1]: SMTP error",
            false
        ));
        assert!(!host(
            "<= a@b.example H=mail.sender.net [192.0.2.1] P=esmtpa S=1103",
            false
        ));
        // Postfix's timed-out conversation; KumoMTA's own failure printing the address
        // it tried; sendmail's relay with its final dot (one label when a poster hid it),
        // but not the sending host's own localhost nor Gmail's "any hosts".
        assert!(host(
            "conversation with mx.example.org[192.0.2.1] timed out while sending MAIL FROM",
            false
        ));
        assert!(host(
            "TLS handshake with ResolvedAddress { name: \"mx.example.org.\", addr: 192.0.2.1 } failed",
            false
        ));
        assert!(host(
            "mailer=esmtp, relay=MAILSERVER. [192.0.2.1], dsn=4.0.0",
            false
        ));
        assert!(!host("relay=localhost. [127.0.0.1], dsn=4.0.0", false));
        assert!(!host("relay=MAILSERVER., dsn=4.0.0", false));
        assert!(!host(
            "Could not initiate SMTP conversation with any hosts",
            false
        ));
        // A placeholder in the receiver's place still names another receiver.
        assert!(host("host example.com[x.xx.xx.xx] said:", false));
        assert!(!host(
            "<user@mail.example.org> blocked using zen.spamhaus.org",
            false
        ));
        assert!(!host("host x.xx.xx.xx said", false));
        // A client's or report's name for the server it used, in plain or typographic
        // quotes; Gmail's report names the recipient's domain and its host.
        assert!(host(
            "Mail delivery failed via SMTP server 'smtp.yandex.com'.",
            false
        ));
        assert!(!host(
            "Mail delivery failed via SMTP server 'localhost'.",
            false
        ));
        assert!(host(
            "Server: \u{2018}smtp.email.it\u{2019}, Protocollo: SMTP",
            false
        ));
        assert!(host(
            "rejected by the server for the recipient domain sansad.nic.in by mailgw.nic.in.",
            false
        ));
    }
}
