//! The shipped normaliser (SSE2 on x86_64) against the reference one: the same text, candidate positions, region, reply starts and work on
//! arbitrary bytes and on bounce-like texts.

use proptest::prelude::*;

use super::{normalise, normalise_with, reference_run, Norm};
use crate::codes::{self, Reply};

/// Everything the normaliser promises, for comparison.
type Seen = (Vec<u8>, Vec<u32>, (usize, usize), Vec<usize>, u64);

fn seen(norm: &Norm, work: u64) -> Seen {
    (
        norm.text().to_vec(),
        norm.cands().to_vec(),
        norm.region,
        norm.reply_starts.clone(),
        work,
    )
}

/// Both normalisers on the same input; the new one also with buffers left dirty by an
/// earlier text (`dirty`), as they are reused between texts.
fn both(src: &[u8], replies: &[Reply], region_start: usize, dirty: &[u8]) -> (Seen, Seen) {
    let mut w0 = 0;
    let want = normalise_with(
        src,
        replies,
        region_start,
        &mut w0,
        Norm::default(),
        reference_run,
    );
    let mut w1 = 0;
    let got = normalise(src, replies, region_start, &mut w1, Norm::default());
    let want = seen(&want, w0);
    assert_eq!(seen(&got, w1), want);
    let mut scratch = 0;
    let reuse = normalise(dirty, &[], 0, &mut scratch, Norm::default());
    let mut w2 = 0;
    let got = normalise(src, replies, region_start, &mut w2, reuse);
    (seen(&got, w2), want)
}

/// The replies and region the classifier would pass for `text`.
fn as_classified(text: &[u8]) -> (Vec<u8>, Vec<Reply>, usize) {
    let src = codes::decode(text).into_owned();
    let found = codes::scan(&src);
    let region = codes::choose(&found).region_start;
    (src, found.replies, region)
}

/// Fragments of bounces with every kind of byte the normaliser treats specially.
const FRAGMENTS: &[&str] = &[
    "550",
    "550-",
    "550 ",
    "550-5.7.26 ",
    "421 4.7.0 ",
    "5.1.1",
    "smtp; ",
    " ",
    "  ",
    "    ",
    "\t",
    "\n",
    "\r\n",
    "\n\n",
    "\r\n\r\n",
    "\n   ",
    "\r",
    "\x0b",
    "\x0c",
    "\0",
    "\x1f",
    "\x7f",
    "\u{e9}",
    "\u{fffd}",
    "User Unknown",
    "MAILBOX FULL",
    "gmail.com",
    "a@b.c",
    ".",
    "-",
    "_",
    "(#5.1.1)",
    "[192.0.2.1]",
    "Status: 5.0.0",
    "Diagnostic-Code: smtp;",
    "x",
    "Z",
    "09",
    "@[`{",
];

fn bounce_like() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..120)
        .prop_map(|v| v.concat().into_bytes())
}

/// Sorted reply prefixes anywhere in a text of `len` bytes (ends may fall before their
/// start: the normaliser skips at least one byte).
fn replies_in(len: usize, picks: &[(usize, usize)]) -> Vec<Reply> {
    let mut pos: Vec<(usize, usize)> = picks
        .iter()
        .map(|&(p, l)| (p % (len + 1), l % 12))
        .collect();
    pos.sort_unstable();
    pos.iter()
        .map(|&(p, l)| Reply {
            pos: p,
            basic: 550,
            cont: false,
            enhanced: None,
            end: p + l,
            deferred_elsewhere: false,
            about_address: false,
            summary: false,
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn same_as_the_reference_on_arbitrary_bytes(
        bytes in prop::collection::vec(any::<u8>(), 0..300),
        picks in prop::collection::vec((any::<usize>(), any::<usize>()), 0..6),
        region in any::<usize>(),
        dirty in prop::collection::vec(any::<u8>(), 0..400),
    ) {
        let replies = replies_in(bytes.len(), &picks);
        let region = region % (bytes.len() + 2);
        let (got, want) = both(&bytes, &replies, region, &dirty);
        prop_assert_eq!(got, want);
    }

    #[test]
    fn same_as_the_reference_on_bounce_like_texts(
        text in bounce_like(),
        dirty in bounce_like(),
    ) {
        let (src, replies, region) = as_classified(&text);
        let (got, want) = both(&src, &replies, region, &dirty);
        prop_assert_eq!(got, want);
    }

    #[test]
    fn same_as_the_reference_with_any_region(
        text in bounce_like(),
        region in any::<usize>(),
        picks in prop::collection::vec((any::<usize>(), any::<usize>()), 0..6),
    ) {
        let region = region % (text.len() + 2);
        let (got, want) = both(&text, &replies_in(text.len(), &picks), region, b"");
        prop_assert_eq!(got, want);
    }
}

#[test]
fn same_as_the_reference_on_known_texts() {
    for text in [
        &b""[..],
        b" ",
        b"a",
        b"\n\n",
        b"550-5.7.26 This mail\r\n550-5.7.26 is blocked.\r\n\r\n550 5.7.26 more",
        b"foo\n\n550 5.7.1 blah\n\nnext part",
        b"Remote-MTA: dns; mx.example.co.uk\r\nDiagnostic-Code: smtp; 554 5.7.1 rejected\r\n\r\nnext",
        b"  leading   spaces\t\ttabs \x0c form\x0bfeed \0 nul \xe9\xff end  ",
        b"\n        indented\n        lines\n\n        after the blank line",
    ] {
        let (src, replies, region) = as_classified(text);
        let (got, want) = both(&src, &replies, region, b"ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789");
        assert_eq!(got, want, "{:?}", String::from_utf8_lossy(text));
    }
}
