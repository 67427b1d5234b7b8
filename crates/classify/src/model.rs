//! The classifier's data model: what it reads from a text, what the customer tells it,
//! and what it answers. Field names and enum spellings are the stable JSON contract.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// What caused the bounce (`docs/contracts.md` lists the meaning of each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Blocklist,
    Auth,
    RateLimit,
    Reputation,
    Content,
    Recipient,
    MailboxFull,
    Greylist,
    Dns,
    Tls,
    Connection,
    Relay,
    #[default]
    Other,
}

/// The receiving mailbox provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Isp {
    Gmail,
    Outlook,
    Yahoo,
    Apple,
    Gmx,
    Orange,
    Comcast,
    Other,
}

/// The blocklist a rejection cites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Blocklist {
    Spamhaus,
    Barracuda,
    Spamcop,
    Sorbs,
    Uceprotect,
    Invaluement,
    Microsoft,
    Proofpoint,
    Cloudmark,
    Mimecast,
    Other,
}

/// How MailWizz should count the bounce: `internal` bounces (the sender's
/// infrastructure or reputation) must never blacklist good subscribers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BounceKind {
    Hard,
    #[default]
    Soft,
    Internal,
}

/// The guide's severity levels.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub enum Severity {
    P1,
    P2,
    P3,
    #[default]
    P4,
}

/// What was read from one bounce text.
///
/// The texts are nearly always the classifier's own fixed sentences: `Cow::Borrowed`
/// (no allocation); deserialised ones are `Cow::Owned`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Diagnosis {
    /// 3-digit SMTP reply code of the innermost remote reply.
    pub basic: Option<u16>,
    /// RFC 3463 `class.subject.detail`.
    pub enhanced: Option<String>,
    pub category: Category,
    pub isp: Option<Isp>,
    pub blocklist: Option<Blocklist>,
    pub bounce_kind: BounceKind,
    /// `true` for a 4xx (temporary) reply or a deferral.
    pub temporary: bool,
    /// One line from the provider's published documentation for a known code, if any.
    pub meaning: Option<Cow<'static, str>>,
    /// A hint that changes how to read the bounce (e.g. Spamhaus open-resolver replies).
    pub hint: Option<Cow<'static, str>>,
    /// Identifier of the rule that decided the category (for support staff).
    pub rule: Cow<'static, str>,
}

/// Scope of the problem across receiving ISPs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    One,
    Several,
    All,
}

/// Whether the problem happens at volume. A bounce alone counts as `Many`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Volume {
    #[default]
    Many,
    Few,
}

/// Microsoft SNDS colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Snds {
    Green,
    Yellow,
    Red,
}

/// What the customer knows beyond the bounce text. Every field is optional.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Context {
    /// Deferral or error rate in percent (0-100).
    pub rate: Option<f64>,
    pub scope: Option<Scope>,
    pub volume: Volume,
    pub powermta_down: bool,
    pub mailwizz_down: bool,
    pub full_outage: bool,
    pub snds: Option<Snds>,
    pub complaint_spike: bool,
}

/// The suggested severity and why. Reasons and next steps are mostly fixed sentences
/// (`Cow::Borrowed`); those that name an ISP, a list or a rate are `Cow::Owned`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Assessment {
    pub severity: Severity,
    pub title: String,
    pub reasons: Vec<Cow<'static, str>>,
    pub next_steps: Vec<Cow<'static, str>>,
}

/// The flat JSON object of `guide classify` and the widget.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(from = "wire::Classification")]
pub struct Classification {
    pub basic: Option<u16>,
    pub enhanced: Option<String>,
    pub category: Category,
    pub isp: Option<Isp>,
    pub blocklist: Option<Blocklist>,
    pub bounce_kind: BounceKind,
    pub meaning: Option<Cow<'static, str>>,
    pub hint: Option<Cow<'static, str>>,
    pub rule: Cow<'static, str>,
    pub severity: Severity,
    pub title: String,
    pub reasons: Vec<Cow<'static, str>>,
    pub next_steps: Vec<Cow<'static, str>>,
}

impl Classification {
    pub fn new(d: Diagnosis, a: Assessment) -> Self {
        Classification {
            basic: d.basic,
            enhanced: d.enhanced,
            category: d.category,
            isp: d.isp,
            blocklist: d.blocklist,
            bounce_kind: d.bounce_kind,
            meaning: d.meaning,
            hint: d.hint,
            rule: d.rule,
            severity: a.severity,
            title: a.title,
            reasons: a.reasons,
            next_steps: a.next_steps,
        }
    }
}

/// The answer for one recipient of a whole message (`.eml`): the [`Classification`]
/// of what the receiver said, with the recipient's address; or, for a message that is
/// not a bounce, what it is instead.
///
/// Its JSON is the classification's object with two more fields first, `recipient`
/// (the address or `null`) and `not_a_bounce` (`null` for a bounce, else
/// `auto_reply`, `feedback_report`, `receipt` or `ordinary_mail`). A message that is not
/// a bounce has no severity and no bounce kind (`null`: nothing to report), category
/// `other`, rule `not-a-bounce`, and a title and reason that say what it is.
#[derive(Debug, Clone, PartialEq)]
pub struct MessageAnswer {
    pub recipient: Option<String>,
    pub not_a_bounce: Option<crate::mail::NotABounce>,
    pub classification: Classification,
}

impl Serialize for MessageAnswer {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        // Every field of `Classification`, named, so that a new one cannot be forgotten.
        let Classification {
            basic,
            enhanced,
            category,
            isp,
            blocklist,
            bounce_kind,
            meaning,
            hint,
            rule,
            severity,
            title,
            reasons,
            next_steps,
        } = &self.classification;
        let bounce = self.not_a_bounce.is_none();
        let mut m = s.serialize_struct("MessageAnswer", 15)?;
        m.serialize_field("recipient", &self.recipient)?;
        m.serialize_field("not_a_bounce", &self.not_a_bounce)?;
        m.serialize_field("basic", basic)?;
        m.serialize_field("enhanced", enhanced)?;
        m.serialize_field("category", category)?;
        m.serialize_field("isp", isp)?;
        m.serialize_field("blocklist", blocklist)?;
        m.serialize_field("bounce_kind", &bounce.then_some(bounce_kind))?;
        m.serialize_field("meaning", meaning)?;
        m.serialize_field("hint", hint)?;
        m.serialize_field("rule", rule)?;
        m.serialize_field("severity", &bounce.then_some(severity))?;
        m.serialize_field("title", title)?;
        m.serialize_field("reasons", reasons)?;
        m.serialize_field("next_steps", next_steps)?;
        m.end()
    }
}

/// A classification as read back (the widget's report email takes one as JSON): the
/// same fields with `String` texts, so the WebAssembly module reuses serde's code for
/// them; deriving it for the `Cow` fields cost the widget about 1.5 KB more code.
mod wire {
    use super::*;

    #[derive(Deserialize)]
    pub struct Classification {
        basic: Option<u16>,
        enhanced: Option<String>,
        category: Category,
        isp: Option<Isp>,
        blocklist: Option<Blocklist>,
        bounce_kind: BounceKind,
        meaning: Option<String>,
        hint: Option<String>,
        rule: String,
        severity: Severity,
        title: String,
        reasons: Vec<String>,
        next_steps: Vec<String>,
    }

    impl From<Classification> for super::Classification {
        fn from(c: Classification) -> Self {
            fn owned(texts: Vec<String>) -> Vec<Cow<'static, str>> {
                let mut out = Vec::with_capacity(texts.len());
                for t in texts {
                    out.push(Cow::Owned(t));
                }
                out
            }
            super::Classification {
                basic: c.basic,
                enhanced: c.enhanced,
                category: c.category,
                isp: c.isp,
                blocklist: c.blocklist,
                bounce_kind: c.bounce_kind,
                meaning: c.meaning.map(Cow::Owned),
                hint: c.hint.map(Cow::Owned),
                rule: Cow::Owned(c.rule),
                severity: c.severity,
                title: c.title,
                reasons: owned(c.reasons),
                next_steps: owned(c.next_steps),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_classification_reads_back_from_its_json() {
        let ctx = Context {
            volume: Volume::Few,
            complaint_spike: true,
            ..Context::default()
        };
        for text in [
            "550 5.7.1 blocked using zen.spamhaus.org",
            "421 4.7.28 gmail.com",
            "",
        ] {
            let c = crate::classify(text, &ctx);
            let back: Classification =
                serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
            assert_eq!(back, c);
            assert!(matches!(back.rule, Cow::Owned(_)));
        }
        assert!(serde_json::from_str::<Classification>(r#"{"basic": 550}"#)
            .unwrap_err()
            .to_string()
            .contains("missing field"));
    }

    #[test]
    fn isps_are_listed_in_discriminant_order() {
        // The accounting reader indexes per-ISP tallies by `isp as usize`.
        for (i, isp) in Isp::ALL.iter().enumerate() {
            assert_eq!(*isp as usize, i);
        }
    }
}
