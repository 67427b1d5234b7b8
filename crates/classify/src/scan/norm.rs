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
    /// (dots among them: `.yahoo.com` starts with one, and host names have them), and the
    /// first byte of every character that is not ASCII.
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
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    return normalise_with(src, replies, region_start, work, reuse, sse2::run);
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    normalise_with(src, replies, region_start, work, reuse, reference_run)
}

/// The reference normaliser of runs, with the arguments of the SSE2 one.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
fn reference_run(
    src: &[u8],
    start: usize,
    stop: usize,
    buf: &mut [u8],
    cands: &mut [u32],
    st: &mut State,
    watch: bool,
) {
    let seg = src.get(start..stop).unwrap_or_default();
    reference::run(seg, buf, cands, st, watch);
}

/// [`normalise`] with the given normaliser of runs without reply codes (the reference one
/// in tests).
fn normalise_with(
    src: &[u8],
    replies: &[Reply],
    region_start: usize,
    work: &mut u64,
    reuse: Norm,
    run: impl Fn(&[u8], usize, usize, &mut [u8], &mut [u32], &mut State, bool),
) -> Norm {
    let Norm {
        mut buf,
        mut reply_starts,
        mut cands,
        ..
    } = reuse;
    // At most one byte and one candidate per source byte, written by index, up to sixteen
    // at a time (what the buffers hold past that is never read).
    if buf.len() < src.len() + 16 {
        buf.resize(src.len() + 16, 0);
    }
    if cands.len() < src.len() + 16 {
        cands.resize(src.len() + 16, 0);
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
            // A later "too many recipients" reply (which `codes::choose` passes over)
            // ends the innermost reply: its words are about the remaining recipients.
            if region.is_some() && i > region_start && r.too_many_recipients() {
                st.region_end.get_or_insert(st.w);
            }
            if st.last != AFTER_SPACE {
                buf[st.w] = b' ';
                st.w += 1;
                st.last = AFTER_SPACE;
            }
            reply_starts.push(st.w);
            // The dash of a continuation prefix without an enhanced code (`550-or domain`,
            // a multi-line reply re-wrapped mid-sentence) is part of the prefix.
            let dash = usize::from(r.cont && r.enhanced.is_none() && src.get(r.end) == Some(&b'-'));
            i = (r.end + dash).max(i + 1);
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
        run(src, i, stop, &mut buf, &mut cands, &mut st, watch);
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

// x86_64 has SSE2: sixteen bytes a step with vector compares. WebAssembly (where it is
// the smaller) and other hosts keep the first normaliser, which is also the reference
// the SSE2 one is tested against.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
mod reference;
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod sse2;

#[cfg(test)]
mod tests;
