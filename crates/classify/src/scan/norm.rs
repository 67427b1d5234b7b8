//! The normaliser: one pass that lower-cases a text, collapses whitespace, removes the
//! code prefixes of multi-line replies and notes where patterns may start.

use crate::codes::Reply;

/// Zero bytes after the normalised text, so that eight bytes can be read at any of its
/// positions.
pub const PAD: usize = 8;

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

    /// The normalised text followed by [`PAD`] zero bytes (eight bytes can be read at
    /// any position of the text).
    pub fn padded(&self) -> &[u8] {
        self.buf.get(..self.len + PAD).unwrap_or_default()
    }

    /// Where patterns may start (sorted).
    pub fn cands(&self) -> &[u32] {
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
