//! The normaliser of runs with SSE2 (x86_64, where SSE2 is part of the base instruction
//! set): sixteen bytes per step as byte-wise vector compares, turned into 16-bit masks
//! (one bit a byte, `pmovmskb`). Sixteen lowered bytes are stored at once when they hold
//! no control byte and no space after a space (most of a text); otherwise [`any`] turns
//! tabs and line breaks into spaces, counts line breaks and removes spaces after a space.
//!
//! The only `unsafe` is the call into [`run_sse2`] (the intrinsics need the target
//! feature to be enabled on the function that uses them); inside, every vector is built
//! from and stored to byte arrays by value, and every index is checked.

use core::arch::x86_64::{
    __m128i, _mm_add_epi8, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_cvtsi128_si64,
    _mm_max_epu8, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8, _mm_set_epi64x,
    _mm_unpackhi_epi64,
};

use super::{State, AFTER_ALNUM, AFTER_OTHER, AFTER_SPACE};

/// Normalises `src[start..stop]`, a run without reply codes, into `buf` and `cands`
/// (long enough: at most one byte and one candidate per source byte, plus sixteen).
#[allow(unsafe_code)]
pub fn run(
    src: &[u8],
    start: usize,
    stop: usize,
    buf: &mut [u8],
    cands: &mut [u32],
    st: &mut State,
    watch: bool,
) {
    // SAFETY: `run_sse2` only needs SSE2, which this module is compiled for only when it
    // is statically enabled (`cfg(target_feature = "sse2")`, part of x86_64's base
    // instruction set): every CPU this binary runs on has it.
    unsafe { run_sse2(src, start, stop, buf, cands, st, watch) }
}

#[target_feature(enable = "sse2")]
fn run_sse2(
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
        prev_space: u32::from(st.last == AFTER_SPACE),
        prev_alnum: u32::from(st.last == AFTER_ALNUM),
        newlines: st.newlines,
    };
    let mut lines = Lines {
        watch,
        region_end: st.region_end,
    };
    let mut i = start;
    while i < stop {
        // The common case, without calls (the constants stay in registers): sixteen
        // bytes at a time while they are plain.
        while let Some(b) = src.get(i..stop).and_then(|s| s.first_chunk::<16>()) {
            let m = masks(load(b), 0xffff);
            let drop = m.space & (m.space << 1 | c.prev_space);
            // A space after a space in the first byte only: it is written over the space
            // written before (not after a line break: it may end the region).
            let lead = drop & 1;
            if m.control | (drop ^ lead) != 0 || (lead != 0 && (c.w == 0 || c.newlines != 0)) {
                break;
            }
            let w = c.w - lead as usize;
            let Some(out) = buf
                .get_mut(w..w + 16)
                .and_then(|s| s.first_chunk_mut::<16>())
            else {
                return;
            };
            store(m.lower, out);
            let cand = 0xffff & !m.skip & !(m.alnum & (m.alnum << 1 | c.prev_alnum));
            c.nc = extract(cand, w, cands, c.nc);
            c.w = w + 16;
            // Sixteen bytes without a space after a space: not all whitespace.
            c.newlines = 0;
            c.prev_space = m.space >> 15;
            c.prev_alnum = m.alnum >> 15;
            i += 16;
        }
        if i < stop {
            // The last bytes of the run, or sixteen that are not plain.
            i = any(src, i, stop, buf, cands, &mut c, &mut lines);
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
    (st.w, st.nc, st.newlines, st.region_end) = (c.w, c.nc, c.newlines, lines.region_end);
}

/// Where [`run_sse2`] is between chunks.
#[derive(Clone, Copy)]
struct Cursor {
    /// Bytes and candidates written.
    w: usize,
    nc: usize,
    /// 1 when the last byte (written or dropped) is whitespace / alphanumeric. When it is
    /// whitespace, the last byte written is a space (or none is).
    prev_space: u32,
    prev_alnum: u32,
    /// Line breaks since the last byte that is not whitespace (only whitespace follows a
    /// line break: `prev_space` is 1 when this is not 0).
    newlines: u32,
}

/// Whether the region's end is still looked for, and where it is.
struct Lines {
    watch: bool,
    region_end: Option<usize>,
}

/// Sixteen bytes as a vector (one unaligned load).
#[target_feature(enable = "sse2")]
#[inline]
fn load(b: &[u8; 16]) -> __m128i {
    let v = u128::from_le_bytes(*b);
    _mm_set_epi64x((v >> 64) as i64, v as i64)
}

/// The sixteen bytes of `src` at `i`, those past its end zero.
#[target_feature(enable = "sse2")]
#[inline(never)]
fn load_at(src: &[u8], i: usize) -> __m128i {
    if let Some(b) = src.get(i..).and_then(|s| s.first_chunk::<16>()) {
        return load(b);
    }
    let mut b = [0u8; 16];
    if let Some(last) = src.last_chunk::<16>() {
        // The last sixteen bytes, shifted down to start at `i` (fewer remain).
        let v = u128::from_le_bytes(*last)
            .checked_shr(8 * (i + 16).saturating_sub(src.len()) as u32)
            .unwrap_or(0);
        b = v.to_le_bytes();
    } else if let Some(tail) = src.get(i..) {
        if let Some(d) = b.get_mut(..tail.len()) {
            d.copy_from_slice(tail);
        }
    }
    load(&b)
}

/// Stores `v` at `out` (one unaligned store).
#[target_feature(enable = "sse2")]
#[inline]
fn store(v: __m128i, out: &mut [u8; 16]) {
    let lo = _mm_cvtsi128_si64(v) as u64;
    let hi = _mm_cvtsi128_si64(_mm_unpackhi_epi64(v, v)) as u64;
    *out = (u128::from(hi) << 64 | u128::from(lo)).to_le_bytes();
}

#[target_feature(enable = "sse2")]
#[inline]
fn splat(b: u8) -> __m128i {
    _mm_set1_epi8(b as i8)
}

/// 0xff in the bytes of `x` from `lo` to `hi` (one add and one signed compare: the bytes
/// in range are moved to the bottom of the signed range).
#[target_feature(enable = "sse2")]
#[inline]
fn in_range(x: __m128i, lo: u8, hi: u8) -> __m128i {
    let t = _mm_add_epi8(x, splat(0x80u8.wrapping_sub(lo)));
    _mm_cmplt_epi8(t, splat(0x80u8.wrapping_add(hi - lo + 1)))
}

/// The bit of each byte (16 bits).
#[target_feature(enable = "sse2")]
#[inline]
fn bits(m: __m128i) -> u32 {
    _mm_movemask_epi8(m) as u32
}

/// The masks of sixteen bytes (one bit a byte, those of `valid` only).
struct Masks {
    /// Lower case (ASCII letters).
    lower: __m128i,
    space: u32,
    alnum: u32,
    /// Not candidates: spaces and bytes outside ASCII.
    skip: u32,
    control: u32,
}

#[target_feature(enable = "sse2")]
#[inline]
fn masks(x: __m128i, valid: u32) -> Masks {
    let space = _mm_cmpeq_epi8(x, splat(b' '));
    let control = _mm_cmpeq_epi8(_mm_min_epu8(x, splat(0x1f)), x);
    let alpha = in_range(_mm_or_si128(x, splat(0x20)), b'a', b'z');
    let digit = in_range(x, b'0', b'9');
    Masks {
        lower: _mm_or_si128(x, _mm_and_si128(alpha, splat(0x20))),
        space: bits(space) & valid,
        alnum: bits(_mm_or_si128(alpha, digit)) & valid,
        // Spaces and UTF-8 continuation bytes (`10xxxxxx`: high bit set, the next clear)
        // start no pattern; a lead byte may.
        skip: bits(space) | (bits(x) & !bits(_mm_add_epi8(x, x))),
        control: bits(control) & valid,
    }
}

/// Writes the candidates of `cand` (one bit a byte), bytes from `w`, into `cands` from
/// `nc`; returns how many there are then. (The loop is unrolled: six instructions a
/// candidate.)
#[inline(always)]
fn extract(mut cand: u32, w: usize, cands: &mut [u32], nc: usize) -> usize {
    let Some(out) = cands.get_mut(nc..).and_then(|s| s.first_chunk_mut::<16>()) else {
        return nc;
    };
    let w = w as u32;
    for (k, slot) in out.iter_mut().enumerate() {
        if cand == 0 {
            return nc + k;
        }
        *slot = w + cand.trailing_zeros();
        cand &= cand - 1;
    }
    nc + 16
}

/// One chunk of any bytes from `i` (sixteen, or the last ones of the run): tabs and line
/// breaks become spaces, line breaks are counted (two end the region when watched),
/// spaces after a space are removed. Returns where it stopped.
#[target_feature(enable = "sse2")]
#[inline(never)]
fn any(
    src: &[u8],
    i: usize,
    stop: usize,
    buf: &mut [u8],
    cands: &mut [u32],
    c: &mut Cursor,
    lines: &mut Lines,
) -> usize {
    let n = (stop - i).min(16);
    let valid = 0xffff_u32 >> (16 - n);
    let x = load_at(src, i);
    // Whitespace: tabs, line breaks, vertical tabs, form feeds, CR and spaces.
    let ws_control = in_range(x, b'\t', b'\r');
    let m = masks(x, valid);
    // Those control bytes become spaces (they are below 0x20).
    let lower = _mm_max_epu8(m.lower, _mm_and_si128(ws_control, splat(b' ')));
    let ws = m.space | (bits(ws_control) & valid);
    let newline = bits(_mm_cmpeq_epi8(x, splat(b'\n'))) & valid;
    let drop = ws & (ws << 1 | c.prev_space);
    let other = valid & !ws;
    if newline != 0 || c.newlines != 0 {
        c.newlines = count_lines(c.newlines, lines, newline, other, drop, c.w);
    }
    let mut cand = other & !m.skip & !(m.alnum & (m.alnum << 1 | c.prev_alnum));
    let lo = _mm_cvtsi128_si64(lower) as u64;
    let hi = _mm_cvtsi128_si64(_mm_unpackhi_epi64(lower, lower)) as u64;
    let mut bytes = u128::from(hi) << 64 | u128::from(lo);
    let mut kept = n;
    let mut d = drop;
    while d != 0 {
        // Remove the run of `len` dropped bytes at `at`, shifting the rest down.
        let at = d.trailing_zeros();
        let len = (!(d >> at)).trailing_zeros();
        let below = (1u32 << at) - 1;
        let cut = |v: u32| v & below | v.checked_shr(at + len).unwrap_or(0) << at;
        cand = cut(cand);
        d = cut(d);
        let below = (1u128 << (8 * at)) - 1;
        bytes = bytes & below | bytes.checked_shr(8 * (at + len)).unwrap_or(0) << (8 * at);
        kept -= len as usize;
    }
    let Some(out) = buf.get_mut(c.w..).and_then(|s| s.first_chunk_mut::<16>()) else {
        return stop;
    };
    *out = bytes.to_le_bytes();
    c.nc = extract(cand, c.w, cands, c.nc);
    c.w += kept;
    c.prev_space = ws >> (n - 1) & 1;
    c.prev_alnum = m.alnum >> (n - 1) & 1;
    i + n
}

/// The line breaks of a chunk (`newline`, one bit a byte; `other`: its bytes that are not
/// whitespace; `drop`: its bytes not written, from `w`): returns how many there are since
/// the last byte that is not whitespace (`newlines` before the chunk), and notes where the
/// region ends when two meet in it.
fn count_lines(
    mut newlines: u32,
    l: &mut Lines,
    mut newline: u32,
    other: u32,
    drop: u32,
    w: usize,
) -> u32 {
    if newlines >= 2 && l.watch && other & 1 == 0 {
        // Whitespace after a blank line: the region ends there.
        l.region_end = Some(w);
        l.watch = false;
    }
    // The byte after the last line break (or the chunk's start).
    let mut from = 0;
    while newline != 0 {
        let at = newline.trailing_zeros();
        // Not whitespace since the last line break: count again.
        if other & ((1 << at) - 1) >> from << from != 0 {
            newlines = 0;
        }
        newlines = newlines.wrapping_add(1);
        if newlines >= 2 && l.watch {
            let kept = !drop & ((1 << at) - 1);
            l.region_end = Some(w + kept.count_ones() as usize);
            l.watch = false;
        }
        from = at + 1;
        newline &= newline - 1;
    }
    if other.checked_shr(from).unwrap_or(0) != 0 {
        newlines = 0;
    }
    newlines
}
