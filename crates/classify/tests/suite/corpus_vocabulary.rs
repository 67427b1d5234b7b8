//! The vocabulary of sisimai's reason and provider tables (`tests/corpus/vocabulary.toml`):
//! one bare reply per distinct phrase of sisimai's lists, with a plain three-digit code and
//! no enhanced code, so that the words alone decide the category (and the receiver where
//! the wording is the provider's own). This test prints the per-field table and the
//! misses, and fails below the floors (the figures reached; `tests/corpus/README.md` has
//! the first-sight and after figures and the phrases left out).
//!
//! Run with `cargo test -p classify --test suite corpus_vocabulary -- --nocapture`.

use crate::corpus::assert_vocabulary;

/// The file must never fall below this many phrases.
const MIN_CASES: usize = 700;

/// The floors, in percent of the cases that carry the field (basic, enhanced, category,
/// isp, blocklist, severity).
const FLOORS: [f64; 6] = [100.0, 100.0, 90.2, 98.6, 100.0, 93.8];

#[test]
fn sisimai_vocabulary_matches_its_labels() {
    assert_vocabulary("vocabulary.toml", MIN_CASES, FLOORS, "sisimai's vocabulary");
}
