//! The first normaliser of runs: eight bytes at a time when they hold no control byte
//! and no space after a space, byte by byte otherwise. WebAssembly (where it is smaller)
//! and hosts without SSE2 keep it; on x86_64 it is the reference `sse2.rs` is tested
//! against (same text, candidate positions, region, reply starts and work on any bytes).

use super::{State, AFTER_ALNUM, AFTER_OTHER, AFTER_SPACE};

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
        // UTF-8 continuation bytes (`10xxxxxx`) start no pattern; a lead byte may (a
        // pattern in Chinese or Korean).
        let cont = x & !(x << 1);
        let mut cand = !(alnum & (alnum << 8 | prev_alnum)) & !space & !cont & HIGH;
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
pub fn run(seg: &[u8], buf: &mut [u8], cands: &mut [u32], st: &mut State, watch: bool) {
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
                // A UTF-8 continuation byte starts no pattern; a lead byte may.
                let continuation = (0x80..0xc0).contains(&l);
                if !(continuation || alnum && st.last == AFTER_ALNUM) {
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
