//! The incident-report email: recipients, subject and body from the guide's contact
//! data (passed in, never hard-coded), and an RFC 6068 `mailto:` URI.

use serde::{Deserialize, Serialize};

use crate::{Classification, Severity};

/// Contact data of the guide, deserialised from `content/data/incident.toml`
/// (`[contact]` and `[[levels]]`), passed in by the build tool or the page.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Contacts {
    pub contact: Contact,
    pub levels: Vec<Level>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Contact {
    pub email: String,
    /// As displayed, e.g. `+372 602-7190`.
    pub phone: String,
    /// For `tel:` links, e.g. `+3726027190`.
    pub phone_tel: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Level {
    /// `P1`..`P4`.
    pub id: String,
    /// `Critical`, `High`, `Medium`, `Low`.
    pub name: String,
    pub definition: Vec<String>,
    /// The contact method as the guide words it.
    pub contact_method: String,
    /// Subject tag, e.g. `URGENT`, `P2 INCIDENT`; empty for none.
    pub subject_tag: String,
    /// Whether the level asks the customer to call the phone number.
    pub call: bool,
    /// `24/7`, `24/7 monitoring`, `business hours`.
    pub coverage: String,
}

/// What the customer fills in (the guide's "What to include in an incident report").
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportFields {
    pub domains: String,
    pub started: String,
    pub changes: String,
    pub isps: String,
    pub rate: String,
    pub bounce: String,
}

/// A ready report email.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// RFC 6068 URI; the bounce is shortened in it when the URI would be too long.
    pub mailto: String,
    /// `tel:` URI when the level asks for a call.
    pub tel: Option<String>,
    /// `true` when the bounce was shortened in `mailto` (the full text is in `body`).
    pub shortened: bool,
}

/// Builds the report email for a classification.
pub fn build_email(c: &Classification, fields: &ReportFields, contacts: &Contacts) -> Email {
    let _ = (c, fields, contacts, Severity::P1);
    Email::default()
}
