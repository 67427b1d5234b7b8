//! The shared bounce/severity classifier.
//!
//! Three pure steps, each usable on its own (host and `wasm32-unknown-unknown`):
//!
//! 1. [`diagnose`]: bounce text -> [`Diagnosis`] (codes, category, ISP, blocklist, ...).
//! 2. [`assess`]: [`Diagnosis`] + [`Context`] (what the customer knows) -> [`Assessment`]
//!    (severity P1-P4 with reasons and next steps).
//! 3. [`report::build_email`]: assessment + report fields + contact data -> report email.
//!
//! [`classify`] runs 1 and 2 and returns the flat [`Classification`] that is the JSON
//! contract of `guide classify` and of the widget (see `DESIGN.md`).

pub mod acct;
pub mod model;
pub mod report;

pub use model::*;

/// Reads one bounce/deferral text. Never panics, linear in the input length.
pub fn diagnose(text: &str) -> Diagnosis {
    let _ = text;
    Diagnosis::default()
}

/// Suggests the guide's severity from a diagnosis and the customer's context.
pub fn assess(diagnosis: &Diagnosis, context: &Context) -> Assessment {
    let _ = (diagnosis, context);
    Assessment::default()
}

/// [`diagnose`] + [`assess`], flattened into the stable JSON contract.
pub fn classify(text: &str, context: &Context) -> Classification {
    let diagnosis = diagnose(text);
    let assessment = assess(&diagnosis, context);
    Classification::new(diagnosis, assessment)
}
