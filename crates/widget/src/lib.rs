//! wasm-bindgen facade over `classify` for the self-diagnosis widget. Thin: JSON in,
//! JSON out; errors become JavaScript `Error`s with a clear message, never a panic.
//! The logic lives in [`facade`] so host tests can run it.

#[cfg(feature = "acct")]
pub mod acct;
pub mod facade;

use wasm_bindgen::prelude::*;

/// Classifies a bounce text; `context_json` is a `classify::Context` (`{}` for none).
/// Returns the `Classification` as JSON (the contract of `docs/contracts.md`).
#[wasm_bindgen]
pub fn classify(text: &str, context_json: &str) -> Result<String, JsError> {
    facade::classify_json(text, context_json).map_err(|e| JsError::new(&e.to_string()))
}

/// Builds the report email (`{to, subject, body, mailto, tel, shortened}` as JSON) from
/// a classification (as returned by [`classify`]), the report fields and the page's
/// contact data (`content/data/incident.toml` as JSON).
#[wasm_bindgen(js_name = reportEmail)]
pub fn report_email(
    classification_json: &str,
    fields_json: &str,
    contacts_json: &str,
) -> Result<String, JsError> {
    facade::report_email_json(classification_json, fields_json, contacts_json)
        .map_err(|e| JsError::new(&e.to_string()))
}

/// The largest bounce text (UTF-8 bytes) that [`classify`] accepts.
#[wasm_bindgen(js_name = maxInputBytes)]
pub fn max_input_bytes() -> usize {
    facade::MAX_INPUT_BYTES
}
