//! The vocabulary of self-hosted mail servers' and filters' refusals
//! (`tests/corpus/vocabulary-servers.toml`): the reply texts and bounce reasons of
//! Postfix, Exim, sendmail, qmail and its patches, OpenSMTPD, Haraka, rspamd, spamass-milter,
//! the greylisting and SPF/DMARC policy daemons, Dovecot, Cyrus, Courier, Apache James,
//! hMailServer, maddy and Stalwart, quoted from their sources (each row checked against
//! the file its `source` names), one row per distinct message. This test prints the
//! per-field table and the misses, and fails below the floors (the figures reached;
//! `tests/corpus/README.md` has the first-sight, after and checked-rows figures and the
//! messages left out).
//!
//! Run with `cargo test -p classify --test suite vocabulary_servers -- --nocapture`.

use crate::corpus::assert_vocabulary;

/// The file must never fall below this many phrases.
const MIN_CASES: usize = 191;

/// The floors, in percent of the cases that carry the field (basic, enhanced, category,
/// isp, blocklist, severity).
const FLOORS: [f64; 6] = [98.4, 100.0, 94.2, 97.9, 100.0, 97.5];

#[test]
fn servers_vocabulary_matches_its_labels() {
    assert_vocabulary(
        "vocabulary-servers.toml",
        MIN_CASES,
        FLOORS,
        "self-hosted servers' vocabulary",
    );
}
