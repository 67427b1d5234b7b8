//! wasm-bindgen facade over `classify` for the self-diagnosis widget. Thin: JSON in,
//! JSON out; errors become JavaScript `Error`s with a clear message, never a panic.
//! The logic lives in [`facade`] so host tests can run it.

#[cfg(feature = "acct")]
pub mod acct;
// The message module alone (`mail`) reads only a context and writes only its answers:
// the readers and writers of the page's other JSON are left out of it, unused.
#[cfg_attr(
    not(any(feature = "page", feature = "acct")),
    allow(dead_code, unused_imports)
)]
pub mod facade;
#[cfg_attr(not(any(feature = "page", feature = "acct")), allow(dead_code))]
mod input;
mod json;
#[cfg(feature = "mail")]
pub mod mail;
#[cfg_attr(not(any(feature = "page", feature = "acct")), allow(dead_code))]
mod output;

#[cfg(any(feature = "page", feature = "mail"))]
use wasm_bindgen::prelude::*;

// The WebAssembly modules' heap: talc instead of std's dlmalloc, for size (see
// Cargo.toml). Rust names its allocator only through such a static; it holds no data of
// ours. Host builds and tests keep the system allocator.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Classifies a bounce text; `context_json` is a `classify::Context` (`{}` for none).
/// Returns the `Classification` as JSON (the contract of `docs/contracts.md`).
#[cfg(feature = "page")]
#[wasm_bindgen]
pub fn classify(text: &str, context_json: &str) -> Result<String, JsError> {
    facade::classify_json(text, context_json).map_err(|e| JsError::new(&e.message()))
}

/// Builds the report email (`{to, subject, body, mailto, tel, shortened}` as JSON) from
/// a classification (as returned by [`classify`]), the report fields and the page's
/// contact data (`content/data/incident.toml` as JSON).
#[cfg(feature = "page")]
#[wasm_bindgen(js_name = reportEmail)]
pub fn report_email(
    classification_json: &str,
    fields_json: &str,
    contacts_json: &str,
) -> Result<String, JsError> {
    facade::report_email_json(classification_json, fields_json, contacts_json)
        .map_err(|e| JsError::new(&e.message()))
}

// Whether a text is a whole message (an `.eml`: a message's header, then its body), to
// be read by the message module (`classifyMessage`) rather than by `classify`.
#[cfg(feature = "page")]
#[wasm_bindgen(js_name = isMessage)]
pub fn is_message(text: &str) -> bool {
    classify::mail::is_message(text.as_bytes())
}

// The largest whole message (UTF-8 bytes) that `classifyMessage` accepts.
#[cfg(feature = "page")]
#[wasm_bindgen(js_name = maxMessageBytes)]
pub fn max_message_bytes() -> usize {
    facade::MAX_MESSAGE_BYTES
}

/// The largest bounce text (UTF-8 bytes) that [`classify`] accepts.
#[cfg(feature = "page")]
#[wasm_bindgen(js_name = maxInputBytes)]
pub fn max_input_bytes() -> usize {
    facade::MAX_INPUT_BYTES
}

// The display names of categories, ISPs and blocklists as one JSON object,
// `{"category": {"auth": "..."}, "isp": {...}, "blocklist": {...}}`, from the
// classifier's table (`classify::labels`), so the page holds no copy of them. (A `//`
// comment: a doc comment would be copied into the glue every page loads.)
#[cfg(feature = "page")]
#[wasm_bindgen]
pub fn labels() -> String {
    String::from(classify::labels::JSON)
}

/// Reads a whole message (an `.eml`) by its structure; `context_json` as for
/// [`classify`]. Returns a JSON array: one answer per failed recipient (the classifier's
/// `MessageAnswer`, see `docs/contracts.md`, "Whole messages") with `text`, what the
/// receiver said about that recipient; one answer with `not_a_bounce` set for a
/// message that is not a bounce.
#[cfg(feature = "mail")]
#[wasm_bindgen(js_name = classifyMessage)]
pub fn classify_message(text: &str, context_json: &str) -> Result<String, JsError> {
    mail::classify_message_json(text, context_json).map_err(|e| JsError::new(&e.message()))
}

#[cfg(all(test, feature = "page"))]
mod tests {
    use classify::{Blocklist, Category, Isp};
    use serde_json::Value;

    #[test]
    fn labels_are_the_classifiers_table_as_json() {
        let labels: Value = serde_json::from_str(&super::labels()).unwrap();
        assert_eq!(labels["category"]["auth"], Category::Auth.label());
        assert_eq!(labels["isp"]["outlook"], Isp::Outlook.label());
        assert_eq!(
            labels["blocklist"]["microsoft"],
            Blocklist::Microsoft.label()
        );
        assert_eq!(
            labels["blocklist"].as_object().unwrap().len(),
            Blocklist::ALL.len()
        );
    }
}
