//! Real single replies held out (`tests/corpus/replies-heldout.toml`): bounce and
//! deferral texts, log lines and client errors labelled like `bounces.toml` but added in
//! batches, each scored before the classifier was changed for it. This test prints the
//! per-field table for all the cases and for each batch, and the misses, and fails below
//! the floors (the figures reached; `tests/corpus/README.md` has the before and after
//! figures of each batch).
//!
//! Run with `cargo test -p classify --test suite corpus_heldout -- --nocapture`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::corpus::{load_checked, Score};

/// The file must never fall below this many cases.
const MIN_CASES: usize = 100;

/// The floors, in percent of the cases that carry the field, in the order of [`FIELDS`].
const FLOORS: [f64; 6] = [99.6, 99.7, 98.1, 97.4, 100.0, 99.5];

fn path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/replies-heldout.toml")
}

#[test]
fn held_out_replies_match_their_labels() {
    let cases = load_checked(&path(), MIN_CASES);
    let unbatched: Vec<&str> = cases
        .iter()
        .filter(|c| c.batch.is_none())
        .map(|c| c.id.as_str())
        .collect();
    assert!(unbatched.is_empty(), "cases without a batch: {unbatched:?}");

    let mut all = Score::default();
    let mut batches: BTreeMap<u32, Score> = BTreeMap::new();
    for c in &cases {
        all.add(c);
        batches
            .entry(c.batch.unwrap_or_default())
            .or_default()
            .add(c);
    }
    for (batch, score) in &batches {
        println!(
            "{}",
            score.table(&format!("held-out replies, batch {batch}"))
        );
    }
    println!("{}", all.table("held-out replies, all batches"));
    all.print_failures();

    let short = all.below(FLOORS);
    assert!(
        short.is_empty(),
        "held-out replies below their floors: {}",
        short.join(", ")
    );
}
