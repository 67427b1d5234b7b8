//! The facade's logic as plain Rust (host-testable): JSON strings in, JSON strings or a
//! typed error out. `lib.rs` only maps these to wasm-bindgen exports.

use classify::report::{build_email, Contacts, ReportFields};
use classify::{Classification, Context};

use std::fmt;

use crate::output::{decimal, join};
use crate::{input, output};

/// Largest bounce text the widget classifies, in UTF-8 bytes (64 KiB). A whole DSN with
/// headers fits; a pasted mailbox does not, and gets a clear message instead.
pub const MAX_INPUT_BYTES: usize = 64 * 1024;

/// Largest whole message (`.eml`) the widget reads, in bytes (10 MiB): a bounce with the
/// original's attachments; its report is read in a few milliseconds whatever the size.
pub const MAX_MESSAGE_BYTES: usize = 10 * 1024 * 1024;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum FacadeError {
    // Only the page's and the accounting modules read bounce texts: without the
    // variant the message module carries neither its message nor the code writing it.
    #[cfg(any(feature = "page", feature = "acct"))]
    TooLong {
        len: usize,
        max: usize,
    },
    MessageTooLong {
        len: usize,
        max: usize,
    },
    Json {
        what: &'static str,
        message: String,
    },
}

impl FacadeError {
    /// The message the page shows. Joined from its pieces rather than `format!`ted, as
    /// are the JSON readers' errors: core's formatting of strings (padding, counting
    /// characters) was otherwise kept in the WebAssembly for these messages alone.
    pub fn message(&self) -> String {
        match self {
            #[cfg(any(feature = "page", feature = "acct"))]
            FacadeError::TooLong { len, max } => join(&[
                "the bounce text is ",
                &decimal(*len),
                " bytes long; the widget reads at most ",
                &decimal(*max),
                " bytes (64 KB): paste only the bounce message",
            ]),
            FacadeError::MessageTooLong { len, max } => join(&[
                "the message is ",
                &decimal(*len),
                " bytes long; the widget reads messages of at most ",
                &decimal(*max),
                " bytes (10 MB)",
            ]),
            FacadeError::Json { what, message } => join(&["invalid ", what, " JSON: ", message]),
        }
    }
}

impl fmt::Display for FacadeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// Reads `json` with `build` (one of `input.rs`'s readers); errors name `what`.
fn parse<T>(
    what: &'static str,
    json: &str,
    build: impl FnOnce(&input::Object) -> Result<T, String>,
) -> Result<T, FacadeError> {
    input::read(json, build).map_err(|message| FacadeError::Json { what, message })
}

#[cfg(any(feature = "page", feature = "acct"))]
fn check_len(what: usize) -> Result<(), FacadeError> {
    if what > MAX_INPUT_BYTES {
        return Err(FacadeError::TooLong {
            len: what,
            max: MAX_INPUT_BYTES,
        });
    }
    Ok(())
}

/// The classifier's context from JSON (`{}` or empty for none).
pub(crate) fn context(context_json: &str) -> Result<Context, FacadeError> {
    // The same test as `trim().is_empty()`, without trim's searchers from both ends.
    if context_json.chars().all(white_space) {
        Ok(Context::default())
    } else {
        parse("context", context_json, input::context)
    }
}

/// `char::is_whitespace` (Unicode's White_Space), its characters written out: core's
/// table lookup for the characters beyond ASCII was larger than this list.
fn white_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | ' '
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// `classify::classify` with the context given as JSON (`{}` or empty for none).
#[cfg(any(feature = "page", feature = "acct"))]
pub fn classify_json(text: &str, context_json: &str) -> Result<String, FacadeError> {
    check_len(text.len())?;
    Ok(output::classification(&classify::classify(
        text,
        &context(context_json)?,
    )))
}

/// `classify::report::build_email` from JSON: a classification (as returned by
/// [`classify_json`]), the report fields and the page's contact data.
#[cfg(any(feature = "page", feature = "acct"))]
pub fn report_email_json(
    classification_json: &str,
    fields_json: &str,
    contacts_json: &str,
) -> Result<String, FacadeError> {
    let classification: Classification =
        parse("classification", classification_json, input::classification)?;
    let fields: ReportFields = parse("report fields", fields_json, input::report_fields)?;
    check_len(fields.bounce.len())?;
    let contacts: Contacts = parse("contact data", contacts_json, input::contacts)?;
    Ok(output::email(&build_email(
        &classification,
        &fields,
        &contacts,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_is_chars_is_whitespace() {
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            assert_eq!(white_space(c), c.is_whitespace(), "{c:?}");
        }
    }
    use serde_json::Value;

    const CONTACTS: &str = r#"{
        "contact": {"company": "X", "email": "help@example.net", "phone": "+1 555-0100", "phone_tel": "+15550100"},
        "levels": [
            {"id": "P1", "name": "Critical", "contact_method": "call", "subject_tag": "URGENT", "call": true, "coverage": "24/7"},
            {"id": "P2", "name": "High", "subject_tag": "P2 INCIDENT", "coverage": "24/7 monitoring"},
            {"id": "P3", "name": "Medium", "coverage": "business hours"},
            {"id": "P4", "name": "Low", "coverage": "business hours"}
        ],
        "report_items": [{"text": "ignored by the facade", "field": "domains"}]
    }"#;

    #[test]
    fn classify_returns_the_contract_fields() {
        let out: Value =
            serde_json::from_str(&classify_json("550 5.1.1 user unknown", "{}").unwrap()).unwrap();
        for key in [
            "basic",
            "enhanced",
            "category",
            "isp",
            "blocklist",
            "severity",
            "title",
            "reasons",
            "next_steps",
            "meaning",
        ] {
            assert!(out.get(key).is_some(), "missing {key} in {out}");
        }
        assert!(["P1", "P2", "P3", "P4"].contains(&out["severity"].as_str().unwrap()));
    }

    #[test]
    fn the_context_json_reaches_the_classifier() {
        let ctx = r#"{"powermta_down": true, "volume": "few", "snds": "red", "rate": 42.5, "scope": "all"}"#;
        let got = classify_json("", ctx).unwrap();
        let want = classify::classify(
            "",
            &Context {
                powermta_down: true,
                volume: classify::Volume::Few,
                snds: Some(classify::Snds::Red),
                rate: Some(42.5),
                scope: Some(classify::Scope::All),
                ..Context::default()
            },
        );
        assert_eq!(got, serde_json::to_string(&want).unwrap());
    }

    #[test]
    fn an_empty_context_is_the_default_context() {
        assert_eq!(
            classify_json("421 try later", "").unwrap(),
            classify_json("421 try later", "{}").unwrap()
        );
    }

    #[test]
    fn bad_context_json_is_a_clear_error_not_a_panic() {
        let err = classify_json("550", "{\"volume\": \"lots\"}").unwrap_err();
        assert!(
            matches!(
                err,
                FacadeError::Json {
                    what: "context",
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(
            err.to_string()
                .starts_with("invalid context JSON: volume: unknown variant `lots`"),
            "{err}"
        );
        assert!(classify_json("550", "not json").is_err());
    }

    #[test]
    fn over_long_text_is_refused_with_its_size() {
        let text = "x".repeat(MAX_INPUT_BYTES + 1);
        let err = classify_json(&text, "{}").unwrap_err();
        assert_eq!(
            err,
            FacadeError::TooLong {
                len: MAX_INPUT_BYTES + 1,
                max: MAX_INPUT_BYTES
            }
        );
        assert!(err.to_string().contains("65537 bytes"));
        assert!(classify_json(&"x".repeat(MAX_INPUT_BYTES), "{}").is_ok());
    }

    #[test]
    fn error_messages_are_whole_sentences_with_their_numbers() {
        // Joined from pieces (not `format!`): each piece and number in its place.
        let too_long = FacadeError::TooLong {
            len: 70_000,
            max: MAX_INPUT_BYTES,
        };
        assert_eq!(
            too_long.message(),
            "the bounce text is 70000 bytes long; the widget reads at most 65536 bytes (64 KB): paste only the bounce message"
        );
        assert_eq!(too_long.to_string(), too_long.message());
        let message = FacadeError::MessageTooLong {
            len: 10_485_761,
            max: MAX_MESSAGE_BYTES,
        };
        assert_eq!(
            message.to_string(),
            "the message is 10485761 bytes long; the widget reads messages of at most 10485760 bytes (10 MB)"
        );
        let json = |ctx: &str| classify_json("", ctx).unwrap_err().to_string();
        assert_eq!(
            json("[1,]"),
            "invalid context JSON: expected a value at byte 3"
        );
        assert_eq!(
            json("3"),
            "invalid context JSON: expected an object, found a number"
        );
        assert_eq!(
            json(r#"{"rate": 1, "rate": 2}"#),
            "invalid context JSON: duplicate field `rate`"
        );
        assert_eq!(
            json(r#"{"rate": 1e999}"#),
            "invalid context JSON: rate: number out of range: 1e999"
        );
        assert_eq!(
            json(r#"{"snds": 0}"#),
            "invalid context JSON: snds: expected a string, found a number"
        );
        let c = classify_json("", "{}").unwrap();
        let err = report_email_json(&c, "{}", "{}").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid contact data JSON: missing field `contact`"
        );
        let bad_code = c.replacen("\"basic\":null", "\"basic\":550.5", 1);
        let err = report_email_json(&bad_code, "{}", CONTACTS).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid classification JSON: basic: 550.5 is not an integer from 0 to 65535"
        );
    }

    #[test]
    fn report_email_round_trips_through_json() {
        let classification = classify_json("550 5.7.1 listed at zen.spamhaus.org", "{}").unwrap();
        let fields = r#"{"domains": "news.example.com", "bounce": "550 5.7.1 listed at zen.spamhaus.org", "rate": "35%"}"#;
        let got: Value =
            serde_json::from_str(&report_email_json(&classification, fields, CONTACTS).unwrap())
                .unwrap();
        let c: Classification = serde_json::from_str(&classification).unwrap();
        let f: ReportFields = serde_json::from_str(fields).unwrap();
        let contacts: Contacts = serde_json::from_str(CONTACTS).unwrap();
        let want = serde_json::to_value(build_email(&c, &f, &contacts)).unwrap();
        assert_eq!(got, want);
        for key in ["to", "subject", "body", "mailto", "tel", "shortened"] {
            assert!(got.get(key).is_some(), "missing {key}");
        }
    }

    #[test]
    fn report_email_names_the_bad_argument() {
        let c = classify_json("", "{}").unwrap();
        let err = report_email_json(&c, "{}", "{\"contact\": 3}").unwrap_err();
        assert!(
            err.to_string().starts_with("invalid contact data JSON"),
            "{err}"
        );
        let err = report_email_json("[]", "{}", CONTACTS).unwrap_err();
        assert!(
            err.to_string().starts_with("invalid classification JSON"),
            "{err}"
        );
        let err = report_email_json(&c, "{\"bounce\": 5}", CONTACTS).unwrap_err();
        assert!(
            err.to_string().starts_with("invalid report fields JSON"),
            "{err}"
        );
    }
}
