//! The vocabulary of errors that mail-sending code prints
//! (`tests/corpus/vocabulary-clients.toml`): PHPMailer's language file and SMTP class,
//! nodemailer's SMTP connection, Symfony Mailer's transports, Python's smtplib, .NET's
//! System.Net.Mail resource strings, curl's SMTP client, Ruby's Net::SMTP, JavaMail's
//! connect exception and msmtp, one row per distinct message taken from the sources, with
//! a plausible server reply where the library wraps one. This test prints the per-field
//! table and the misses, and fails below the floors (the figures reached;
//! `tests/corpus/README.md` has the first-sight and after figures and what was left out).
//!
//! Run with `cargo test -p classify --test suite vocabulary_clients -- --nocapture`.

use crate::corpus::assert_vocabulary;

/// The file must never fall below this many messages.
const MIN_CASES: usize = 106;

/// The floors, in percent of the cases that carry the field (basic, enhanced, category,
/// isp, blocklist, severity).
const FLOORS: [f64; 6] = [99.0, 100.0, 96.2, 98.1, 100.0, 98.0];

#[test]
fn client_errors_vocabulary_matches_its_labels() {
    assert_vocabulary(
        "vocabulary-clients.toml",
        MIN_CASES,
        FLOORS,
        "mail-sending code's vocabulary",
    );
}
