//! The vocabulary of other open-source bounce handlers' phrase tables
//! (`tests/corpus/vocabulary-others.toml`): ZoneMTA's bounce rules, PHPMailer-BMH's,
//! Mautic's, KumoMTA's community rules, PHP Bounce Handler's responses, CiviCRM's bounce
//! patterns and the bounce_email gem's status wordings, one row per
//! distinct phrase, each wrapped as a bare reply with a plain three-digit code and no
//! enhanced code, so that the words alone decide. This test prints the per-field table
//! and the misses, and fails below the floors (the figures reached;
//! `tests/corpus/README.md` has the first-sight and after figures and the phrases left
//! out).
//!
//! Run with `cargo test -p classify --test suite vocabulary_others -- --nocapture`.

use crate::corpus::assert_vocabulary;

/// The file must never fall below this many phrases.
const MIN_CASES: usize = 609;

/// The floors, in percent of the cases that carry the field (basic, enhanced, category,
/// isp, blocklist, severity).
const FLOORS: [f64; 6] = [100.0, 100.0, 83.9, 98.3, 99.8, 100.0];

#[test]
fn other_handlers_vocabulary_matches_its_labels() {
    assert_vocabulary(
        "vocabulary-others.toml",
        MIN_CASES,
        FLOORS,
        "other bounce handlers' vocabulary",
    );
}
