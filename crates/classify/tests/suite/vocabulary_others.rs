//! The vocabulary of other open-source bounce handlers' phrase tables
//! (`tests/corpus/vocabulary-others.toml`): ZoneMTA's bounce rules, PHPMailer-BMH's,
//! Mautic's, KumoMTA's community rules and PHP Bounce Handler's responses, one row per
//! distinct phrase, each wrapped as a bare reply with a plain three-digit code and no
//! enhanced code, so that the words alone decide. This test prints the per-field table
//! and the misses, and fails below the floors (the figures reached;
//! `tests/corpus/README.md` has the first-sight and after figures).
//!
//! Run with `cargo test -p classify --test suite vocabulary_others -- --nocapture`.

use std::path::PathBuf;

use crate::corpus::{load_from, validate, Score};

/// The file must never fall below this many phrases.
const MIN_CASES: usize = 300;

/// The floors, in percent of the cases that carry the field, in the order of
/// [`crate::corpus::FIELDS`].
const FLOORS: [f64; 6] = [100.0, 100.0, 88.0, 97.7, 100.0, 100.0];

fn path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/vocabulary-others.toml")
}

#[test]
fn other_handlers_vocabulary_matches_its_labels() {
    let cases = load_from(&path());
    let problems = validate(&cases);
    assert!(problems.is_empty(), "bad labels:\n{}", problems.join("\n"));
    assert!(
        cases.len() >= MIN_CASES,
        "{} phrases, fewer than {MIN_CASES}",
        cases.len()
    );

    let mut score = Score::default();
    for c in &cases {
        score.add(c);
    }
    println!("{}", score.table("other bounce handlers' vocabulary"));
    score.print_failures();

    let short = score.below(FLOORS);
    assert!(
        short.is_empty(),
        "the other handlers' vocabulary below its floors: {}",
        short.join(", ")
    );
}
