//! The vocabulary of sisimai's reason and provider tables (`tests/corpus/vocabulary.toml`):
//! one bare reply per distinct phrase of sisimai's lists, with a plain three-digit code and
//! no enhanced code, so that the words alone decide the category (and the receiver where
//! the wording is the provider's own). This test prints the per-field table and the
//! misses, and fails below the floors (the figures reached; `tests/corpus/README.md` has
//! the first-sight and after figures and the phrases left out).
//!
//! Run with `cargo test -p classify --test suite corpus_vocabulary -- --nocapture`.

use std::path::PathBuf;

use crate::corpus::score_checked;

/// The file must never fall below this many phrases.
const MIN_CASES: usize = 700;

/// The floors, in percent of the cases that carry the field (basic, enhanced, category,
/// isp, blocklist, severity).
const FLOORS: [f64; 6] = [100.0, 100.0, 90.2, 98.6, 100.0, 93.8];

#[test]
fn sisimai_vocabulary_matches_its_labels() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/vocabulary.toml");
    let score = score_checked(&path, MIN_CASES, "sisimai's vocabulary");
    let short = score.below(FLOORS);
    assert!(short.is_empty(), "vocabulary below its floors: {short:?}");
}
