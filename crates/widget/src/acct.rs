//! PowerMTA accounting files in the browser: the page (or its worker) reads the file in
//! `File.slice()` chunks and feeds them to an [`AcctSession`]; nothing leaves the browser.
//! The logic is in [`Session`] (host-testable); [`AcctSession`] only maps it to JS.

use classify::acct::{AcctReader, AcctReport};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A value as JSON (serde_json: the accounting module reports large nested structs).
fn to_json<T: Serialize>(value: &T) -> String {
    // Serialising these plain structs (strings, numbers, enums) cannot fail.
    serde_json::to_string(value).unwrap_or_else(|_| String::from("null"))
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SessionError {
    #[error("the accounting file was already read to the end; start a new session")]
    Finished,
    #[error("the accounting file is not read to the end yet")]
    NotFinished,
}

/// Chunks in, report out.
#[derive(Debug, Default)]
pub struct Session {
    reader: Option<AcctReader>,
    report: Option<AcctReport>,
}

#[derive(Serialize)]
struct EmailInputs<'a> {
    classification: &'a classify::Classification,
    fields: &'a classify::report::ReportFields,
}

impl Session {
    pub fn new() -> Session {
        Session {
            reader: Some(AcctReader::new()),
            report: None,
        }
    }

    pub fn push(&mut self, chunk: &[u8]) -> Result<(), SessionError> {
        self.reader
            .as_mut()
            .ok_or(SessionError::Finished)?
            .push(chunk);
        Ok(())
    }

    pub fn bytes(&self) -> u64 {
        self.reader.as_ref().map_or(0, AcctReader::bytes)
    }

    /// Says the file ended early (`why`: where and how); [`finish`](Session::finish) then
    /// reports the rows read so far, marked `truncated`.
    pub fn ended_early(&mut self, why: &str) -> Result<(), SessionError> {
        self.reader
            .as_mut()
            .ok_or(SessionError::Finished)?
            .ended_early(why);
        Ok(())
    }

    pub fn records(&self) -> u64 {
        match (&self.reader, &self.report) {
            (Some(r), _) => r.records(),
            (None, Some(report)) => report.records,
            (None, None) => 0,
        }
    }

    /// Ends the input; the report as JSON (the `guide classify --acct --json` object).
    pub fn finish(&mut self) -> Result<String, SessionError> {
        let reader = self.reader.take().ok_or(SessionError::Finished)?;
        let report = reader.finish();
        let json = to_json(&report);
        self.report = Some(report);
        Ok(json)
    }

    /// `{"classification": {...}, "fields": {...}}` for `reportEmail` after [`finish`].
    ///
    /// [`finish`]: Session::finish
    pub fn email_inputs(&self) -> Result<String, SessionError> {
        let report = self.report.as_ref().ok_or(SessionError::NotFinished)?;
        let (classification, fields) = report.email_inputs();
        let inputs = EmailInputs {
            classification: &classification,
            fields: &fields,
        };
        Ok(to_json(&inputs))
    }
}

/// A PowerMTA accounting file being read in the browser.
#[wasm_bindgen]
pub struct AcctSession(Session);

#[wasm_bindgen]
impl AcctSession {
    #[wasm_bindgen(constructor)]
    #[allow(clippy::new_without_default)] // a JS constructor
    pub fn new() -> AcctSession {
        AcctSession(Session::new())
    }

    /// Feeds the next bytes (any chunk size; boundaries may fall anywhere).
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), JsError> {
        self.0.push(chunk).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Bytes fed so far.
    pub fn bytes(&self) -> f64 {
        self.0.bytes() as f64
    }

    /// d/b/t records counted so far.
    pub fn records(&self) -> f64 {
        self.0.records() as f64
    }

    /// Says the file ended early (`why`: what the browser reported), before `finish`.
    #[wasm_bindgen(js_name = endedEarly)]
    pub fn ended_early(&mut self, why: &str) -> Result<(), JsError> {
        self.0
            .ended_early(why)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Ends the input and returns the report as JSON.
    pub fn finish(&mut self) -> Result<String, JsError> {
        self.0.finish().map_err(|e| JsError::new(&e.to_string()))
    }

    /// The classification and report fields for `reportEmail`, as JSON.
    #[wasm_bindgen(js_name = emailInputs)]
    pub fn email_inputs(&self) -> Result<String, JsError> {
        self.0
            .email_inputs()
            .map_err(|e| JsError::new(&e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    const FILE: &str = "type,rcpt,dsnDiag\nd,a@gmail.com,ok\nt,b@gmail.com,\"421 4.7.0 try, later\"\nd,c@yahoo.com,ok\n";

    #[test]
    fn chunks_in_report_out() {
        let mut s = Session::new();
        for chunk in FILE.as_bytes().chunks(5) {
            s.push(chunk).unwrap();
        }
        assert_eq!(s.bytes(), FILE.len() as u64);
        assert_eq!(s.email_inputs(), Err(SessionError::NotFinished));
        let report: Value = serde_json::from_str(&s.finish().unwrap()).unwrap();
        assert_eq!(report["records"], 3);
        assert_eq!(report["isps"][0]["isp"], "gmail");
        assert_eq!(report["isps"][0]["deferred"], 1);
        assert_eq!(s.records(), 3);
        assert_eq!(s.push(b"x"), Err(SessionError::Finished));
        assert_eq!(s.finish(), Err(SessionError::Finished));
        let inputs: Value = serde_json::from_str(&s.email_inputs().unwrap()).unwrap();
        assert_eq!(inputs["classification"]["severity"], report["severity"]);
        assert!(inputs["fields"]["rate"]
            .as_str()
            .unwrap()
            .contains("of 3 PowerMTA accounting records"));
    }

    #[test]
    fn a_file_that_ends_early_is_reported_as_truncated() {
        let mut s = Session::new();
        s.push(&FILE.as_bytes()[..FILE.len() - 10]).unwrap();
        s.ended_early("the gzip data is cut off (unexpected end)")
            .unwrap();
        let report: Value = serde_json::from_str(&s.finish().unwrap()).unwrap();
        assert_eq!(report["truncated"], true);
        assert_eq!(
            report["warnings"][0],
            format!(
                "the file ends early: the gzip data is cut off (unexpected end) after {} \
                 unpacked bytes, in line 4; the report covers the rows read before that",
                FILE.len() - 10
            )
        );
        assert_eq!(report["records"], 2, "the cut last row is a bad row");
        assert_eq!(s.ended_early("again"), Err(SessionError::Finished));
    }

    #[test]
    fn the_inputs_go_through_the_widgets_report_email() {
        let mut s = Session::new();
        s.push(FILE.as_bytes()).unwrap();
        s.finish().unwrap();
        let inputs: Value = serde_json::from_str(&s.email_inputs().unwrap()).unwrap();
        let contacts = r#"{"contact": {"email": "help@example.net", "phone": "+1 555-0100", "phone_tel": "+15550100"},
            "levels": [{"id": "P4", "name": "Low"}, {"id": "P3", "name": "Medium"}]}"#;
        let email: Value = serde_json::from_str(
            &crate::facade::report_email_json(
                &inputs["classification"].to_string(),
                &inputs["fields"].to_string(),
                contacts,
            )
            .unwrap(),
        )
        .unwrap();
        assert!(
            email["body"]
                .as_str()
                .unwrap()
                .contains("Gmail 50.0% deferred"),
            "{email}"
        );
        assert!(email["mailto"].as_str().unwrap().starts_with("mailto:"));
    }
}
