//! The normaliser of runs without reply codes, a word (eight bytes) at a time, sixteen
//! bytes per step in the common case (not in WebAssembly: it is larger than the
//! reference path of `reference.rs`, which the widget keeps).

use super::{State, AFTER_ALNUM, AFTER_OTHER, AFTER_SPACE};

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// Added to the low seven bits of every byte, sets its high bit when the byte is `c` or
/// more (no carry crosses a byte: at most 0x7f + 0x80).
const fn at_least(c: u8) -> u64 {
    ONES * (0x80 - c as u64)
}

/// Minus the low seven bits of every byte, leaves its high bit set when the byte is
/// below `c` (no borrow crosses a byte: 0x80 + c - 1 minus at most 0x7f).
const fn below(c: u8) -> u64 {
    ONES * (0x7f + c as u64)
}

/// Where [`run`] is between words.
struct Cursor {
    w: usize,
    nc: usize,
    newlines: u32,
    /// The high bit of byte 0 when the byte before the word is a space / alphanumeric.
    prev_space: u64,
    prev_alnum: u64,
    /// Looking for the blank line that ends the region.
    watch: bool,
    /// `watch` and two line breaks already seen: the next whitespace byte ends the region.
    pending: bool,
}

/// Normalises `src[start..stop]`, a run without reply codes, into `buf` and `cands`
/// (long enough: at most one byte and one candidate per source byte, plus sixteen).
///
/// Sixteen bytes at a time as word-wide bit operations (masks hold the high bit of each
/// byte) while they are ASCII without control bytes (most of a text; spaces after a space
/// are removed by [`squeezed`]); a word that is not, one at a time by [`word`], which
/// handles everything.
pub fn run(
    src: &[u8],
    start: usize,
    stop: usize,
    buf: &mut [u8],
    cands: &mut [u32],
    st: &mut State,
    watch: bool,
) {
    let mut c = Cursor {
        w: st.w,
        nc: st.nc,
        newlines: st.newlines,
        prev_space: if st.last == AFTER_SPACE { 0x80 } else { 0 },
        prev_alnum: if st.last == AFTER_ALNUM { 0x80 } else { 0 },
        watch,
        pending: watch && st.newlines >= 2,
    };
    let mut i = start;
    while i < stop {
        i = sixteen(src, i, stop, buf, cands, &mut c);
        if i < stop {
            i = word(src, i, stop, buf, cands, &mut c, &mut st.region_end);
        }
    }
    if stop > start {
        st.last = if c.prev_space != 0 {
            AFTER_SPACE
        } else if c.prev_alnum != 0 {
            AFTER_ALNUM
        } else {
            AFTER_OTHER
        };
    }
    (st.w, st.nc, st.newlines) = (c.w, c.nc, c.newlines);
}

/// The masks of eight bytes: lower case (ASCII letters), alphanumeric bytes, spaces, and
/// the bytes that are not that simple (outside ASCII, control bytes; the other masks are
/// meaningless when there are any: borrows and carries only move up, so bytes below the
/// first such byte are right).
fn plain(x: u64) -> (u64, u64, u64, u64) {
    let odd = ((below(b' ').wrapping_sub(x)) | x) & HIGH;
    let space = below(b' ' + 1).wrapping_sub(x) & HIGH;
    let folded = x | (ONES * 0x20);
    let alpha = folded.wrapping_add(at_least(b'a')) & below(b'z' + 1).wrapping_sub(folded) & HIGH;
    let digit = x.wrapping_add(at_least(b'0')) & below(b'9' + 1).wrapping_sub(x) & HIGH;
    (x | alpha >> 2, alpha | digit, space, odd)
}

/// Writes the candidates of `cand` (high bits), bytes from `w`, into `cands` from `nc`;
/// returns how many there are then.
#[inline(always)]
fn extract(mut cand: u64, w: usize, cands: &mut [u32], mut nc: usize) -> usize {
    while cand != 0 {
        if let Some(slot) = cands.get_mut(nc) {
            *slot = (w + (cand.trailing_zeros() >> 3) as usize) as u32;
        }
        nc += 1;
        cand &= cand - 1;
    }
    nc
}

/// The sixteen bytes at `i` as two little-endian words, bytes past the end of `src` zero.
fn sixteen_at(src: &[u8], i: usize) -> (u64, u64) {
    match src.get(i..i + 16) {
        Some(c) => (
            c[..8].try_into().map_or(0, u64::from_le_bytes),
            c[8..].try_into().map_or(0, u64::from_le_bytes),
        ),
        None => (word_at(src, i), word_at(src, i + 8)),
    }
}

/// The common case of [`run`]: sixteen bytes at a time from `i` (the last ones of the run
/// too, masked) while they are plain (see [`plain`]). Returns where it stopped.
fn sixteen(
    src: &[u8],
    mut i: usize,
    stop: usize,
    buf: &mut [u8],
    cands: &mut [u32],
    c: &mut Cursor,
) -> usize {
    if c.pending {
        return i;
    }
    let mut at = (c.w, c.nc, c.prev_space, c.prev_alnum);
    // Whether a byte that is not a space was seen (the line-break count starts again).
    let mut other = false;
    let mut plain_so_far = true;
    while let Some(chunk) = src.get(i..stop).and_then(|s| s.get(..16)) {
        let x0 = chunk[..8].try_into().map_or(0, u64::from_le_bytes);
        let x1 = chunk[8..].try_into().map_or(0, u64::from_le_bytes);
        if !chunk16(x0, x1, (HIGH, HIGH), 16, buf, cands, &mut at, &mut other) {
            plain_so_far = false;
            break;
        }
        i += 16;
    }
    if plain_so_far && i < stop {
        // The last bytes of the run.
        let n = stop - i;
        let (x0, x1) = sixteen_at(src, i);
        let valid = if n > 8 {
            (HIGH, HIGH >> (128 - 8 * n).min(64))
        } else {
            (HIGH >> (64 - 8 * n), 0)
        };
        if chunk16(x0, x1, valid, n, buf, cands, &mut at, &mut other) {
            i = stop;
        }
    }
    if other {
        c.newlines = 0;
    }
    (c.w, c.nc, c.prev_space, c.prev_alnum) = at;
    i
}

/// Removes the bytes of `drop` (high bits) from the eight bytes of `bytes` and the mask
/// `cand`, shifting the rest down over each run of them; returns both and how many bytes
/// of `n` are left.
#[inline(always)]
fn squeeze(mut bytes: u64, mut cand: u64, mut drop: u64, mut n: usize) -> (u64, u64, usize) {
    while drop != 0 {
        let at = drop.trailing_zeros() & !7;
        let len = (!(drop >> at) & HIGH).trailing_zeros() & !7;
        let below = (1u64 << at) - 1;
        let cut = |v: u64| v & below | v.checked_shr(at + len).unwrap_or(0) << at;
        bytes = cut(bytes);
        cand = cut(cand);
        drop = cut(drop);
        n -= (len / 8) as usize;
    }
    (bytes, cand, n)
}

/// One chunk of [`sixteen`]: `n` bytes (up to sixteen, `valid` lanes) as two words. Writes
/// them and their candidates and moves `at` (bytes written, candidates written, the last
/// byte's space and alphanumeric bits) on when they are plain; returns whether they were.
/// Sets `other` when they hold a byte that is not a space.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn chunk16(
    x0: u64,
    x1: u64,
    (valid0, valid1): (u64, u64),
    n: usize,
    buf: &mut [u8],
    cands: &mut [u32],
    at: &mut (usize, usize, u64, u64),
    other: &mut bool,
) -> bool {
    let (w, nc, prev_space, prev_alnum) = *at;
    let (lower0, alnum0, space0, odd0) = plain(x0);
    let (lower1, alnum1, space1, odd1) = plain(x1);
    let (space0, space1) = (space0 & valid0, space1 & valid1);
    // Spaces after a space are dropped.
    let drop0 = space0 & (space0 << 8 | prev_space);
    let drop1 = space1 & (space1 << 8 | space0 >> 56);
    if (odd0 & valid0) | (odd1 & valid1) | drop0 | drop1 != 0 {
        return (odd0 & valid0) | (odd1 & valid1) == 0
            && squeezed(x0, x1, (valid0, valid1), n, buf, cands, at, other);
    }
    let Some(out) = buf.get_mut(w..w + 16) else {
        return false;
    };
    out[..8].copy_from_slice(&lower0.to_le_bytes());
    out[8..].copy_from_slice(&lower1.to_le_bytes());
    let (alnum0, alnum1) = (alnum0 & valid0, alnum1 & valid1);
    // Not a space, and not an alphanumeric byte after another.
    let cand0 = (valid0 ^ space0) ^ (alnum0 & (alnum0 << 8 | prev_alnum));
    let cand1 = (valid1 ^ space1) ^ (alnum1 & (alnum1 << 8 | alnum0 >> 56));
    let nc = extract(cand0, w, cands, nc);
    let nc = extract(cand1, w + 8, cands, nc);
    // Two bytes or more without a space after a space: one is not a space.
    *other |= n > 1 || space0 == 0;
    *at = (w + n, nc, last(space0, space1, n), last(alnum0, alnum1, n));
    true
}

/// The high bit of the last of `n` lanes of two words, in the high bit of byte 0.
#[inline(always)]
fn last(lo: u64, hi: u64, n: usize) -> u64 {
    if n == 16 {
        hi >> 56
    } else {
        ((u128::from(hi) << 64 | u128::from(lo)) >> (8 * n - 8)) as u64 & 0x80
    }
}

/// [`chunk16`] for plain bytes with spaces after a space: those are removed.
#[allow(clippy::too_many_arguments)]
#[inline(never)]
fn squeezed(
    x0: u64,
    x1: u64,
    (valid0, valid1): (u64, u64),
    n: usize,
    buf: &mut [u8],
    cands: &mut [u32],
    at: &mut (usize, usize, u64, u64),
    other: &mut bool,
) -> bool {
    let (w, nc, prev_space, prev_alnum) = *at;
    let (lower0, alnum0, space0, _) = plain(x0);
    let (lower1, alnum1, space1, _) = plain(x1);
    let (alnum0, space0) = (alnum0 & valid0, space0 & valid0);
    let (alnum1, space1) = (alnum1 & valid1, space1 & valid1);
    let drop0 = space0 & (space0 << 8 | prev_space);
    let drop1 = space1 & (space1 << 8 | space0 >> 56);
    let Some(out) = buf.get_mut(w..w + 16) else {
        return false;
    };
    let cand0 = (valid0 ^ space0) ^ (alnum0 & (alnum0 << 8 | prev_alnum));
    let cand1 = (valid1 ^ space1) ^ (alnum1 & (alnum1 << 8 | alnum0 >> 56));
    let (n0, n1) = if n > 8 { (8, n - 8) } else { (n, 0) };
    let (lower0, cand0, n0) = squeeze(lower0, cand0, drop0, n0);
    let (lower1, cand1, n1) = squeeze(lower1, cand1, drop1, n1);
    out[..8].copy_from_slice(&lower0.to_le_bytes());
    if let Some(out) = out.get_mut(n0..n0 + 8) {
        out.copy_from_slice(&lower1.to_le_bytes());
    }
    let nc = extract(cand0, w, cands, nc);
    let nc = extract(cand1, w + n0, cands, nc);
    *other |= (valid0 ^ space0) | (valid1 ^ space1) != 0;
    *at = (
        w + n0 + n1,
        nc,
        last(space0, space1, n),
        last(alnum0, alnum1, n),
    );
    true
}

/// The eight bytes at `i` as a little-endian word, bytes past the end of `src` zero.
fn word_at(src: &[u8], i: usize) -> u64 {
    if let Some(c) = src.get(i..i + 8) {
        return c.try_into().map_or(0, u64::from_le_bytes);
    }
    if i >= src.len() {
        return 0;
    }
    if let Some(c) = src.len().checked_sub(8).and_then(|s| src.get(s..)) {
        // The last eight bytes, shifted down to start at `i` (fewer than eight remain).
        let last = c.try_into().map_or(0, u64::from_le_bytes);
        return last
            .checked_shr(8 * (i + 8 - src.len()) as u32)
            .unwrap_or(0);
    }
    let mut b = [0u8; 8];
    let tail = src.get(i..).unwrap_or_default();
    if let Some(d) = b.get_mut(..tail.len()) {
        d.copy_from_slice(tail);
    }
    u64::from_le_bytes(b)
}

/// One word of [`run`] from `i` (eight bytes, or what is left of the run), whatever it
/// holds: bytes outside ASCII, control bytes (tabs and line breaks become spaces, two
/// line breaks end the region), spaces after a space (dropped: the rest of the word is
/// shifted down over them). Returns where it stopped.
#[inline(never)]
fn word(
    src: &[u8],
    i: usize,
    stop: usize,
    buf: &mut [u8],
    cands: &mut [u32],
    c: &mut Cursor,
    region_end: &mut Option<usize>,
) -> usize {
    let n = (stop - i).min(8);
    let x = word_at(src, i);
    // The high bits of the bytes of the run (the word may reach past it).
    let valid = HIGH >> (64 - 8 * n as u32);
    let t = x & LOW7;
    let ascii = !x & valid;
    let folded = t | (ONES * 0x20);
    let alpha = (folded + at_least(b'a')) & !(folded + at_least(b'z' + 1));
    let digit = (t + at_least(b'0')) & !(t + at_least(b'9' + 1));
    let alnum = (alpha | digit) & ascii;
    let mut lower = x | (alpha & ascii) >> 2;
    // Bytes up to the space: spaces when no byte is below it.
    let mut space = !(t + at_least(b' ' + 1)) & ascii;
    let control = !(t + at_least(b' ')) & ascii;
    let mut newline = 0;
    if control != 0 {
        let ws = (t + at_least(b'\t')) & !(t + at_least(b'\r' + 1)) & ascii;
        space = (space & !control) | ws;
        // Tabs, line breaks, vertical tabs, form feeds, CR become spaces.
        lower ^= (lower ^ (ONES * 0x20)) & ((ws >> 7) * 0xff);
        newline = !((t ^ (ONES * u64::from(b'\n'))) + LOW7) & ascii;
    }
    let drop = space & (space << 8 | c.prev_space);
    let other = valid & !space;
    if c.watch && (newline != 0 || c.pending) {
        // Byte by byte: where two line breaks meet inside the region.
        let mut at = c.w;
        for lane in 0..n {
            let bit = 0x80u64 << (8 * lane);
            if other & bit != 0 {
                c.newlines = 0;
            } else {
                c.newlines = c.newlines.wrapping_add(u32::from(newline & bit != 0));
                if c.newlines >= 2 && c.watch {
                    *region_end = Some(at);
                    c.watch = false;
                }
            }
            at += usize::from(drop & bit == 0);
        }
        c.pending = c.watch && c.newlines >= 2;
    } else {
        // The line breaks after the last byte that is not whitespace.
        let after = match other.leading_zeros() {
            64 => newline,
            z => newline.checked_shr(64 - z).unwrap_or(0),
        };
        let count = ((after >> 7).wrapping_mul(ONES) >> 56) as u32;
        c.newlines = if other == 0 {
            c.newlines.wrapping_add(count)
        } else {
            count
        };
    }
    let cand = !(alnum & (alnum << 8 | c.prev_alnum)) & !space & ascii;
    let (lower, cand, kept) = squeeze(lower, cand, drop, n);
    if let Some(out) = buf.get_mut(c.w..c.w + 8) {
        out.copy_from_slice(&lower.to_le_bytes());
    }
    c.nc = extract(cand, c.w, cands, c.nc);
    c.w += kept;
    let top = 8 * (n as u32 - 1);
    c.prev_space = space >> top & 0x80;
    c.prev_alnum = alnum >> top & 0x80;
    i + n
}
