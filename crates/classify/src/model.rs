//! The classifier's data model: what it reads from a text, what the customer tells it,
//! and what it answers. Field names and enum spellings are the stable JSON contract.

use serde::{Deserialize, Serialize};

/// What caused the bounce (DESIGN.md lists the meaning of each).
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
    pub meaning: Option<String>,
    /// A hint that changes how to read the bounce (e.g. Spamhaus open-resolver replies).
    pub hint: Option<String>,
    /// Identifier of the rule that decided the category (for support staff).
    pub rule: String,
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

/// The suggested severity and why.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Assessment {
    pub severity: Severity,
    pub title: String,
    pub reasons: Vec<String>,
    pub next_steps: Vec<String>,
}

/// The flat JSON object of `guide classify` and the widget.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Classification {
    pub basic: Option<u16>,
    pub enhanced: Option<String>,
    pub category: Category,
    pub isp: Option<Isp>,
    pub blocklist: Option<Blocklist>,
    pub bounce_kind: BounceKind,
    pub meaning: Option<String>,
    pub hint: Option<String>,
    pub rule: String,
    pub severity: Severity,
    pub title: String,
    pub reasons: Vec<String>,
    pub next_steps: Vec<String>,
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

/// The JSON spelling of each value (for texts and for callers without serde_json), and
/// the list of all values.
macro_rules! as_str {
    ($t:ty { $($v:ident => $s:literal),* $(,)? }) => {
        impl $t {
            /// Every value, in declaration order.
            pub const ALL: &'static [$t] = &[$(<$t>::$v),*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(<$t>::$v => $s,)*
                }
            }
        }
    };
}

as_str!(Category {
    Blocklist => "blocklist", Auth => "auth", RateLimit => "rate_limit", Reputation => "reputation",
    Content => "content", Recipient => "recipient", MailboxFull => "mailbox_full", Greylist => "greylist",
    Dns => "dns", Tls => "tls", Connection => "connection", Relay => "relay", Other => "other",
});
as_str!(Isp {
    Gmail => "gmail", Outlook => "outlook", Yahoo => "yahoo", Apple => "apple", Gmx => "gmx",
    Orange => "orange", Comcast => "comcast", Other => "other",
});
as_str!(Blocklist {
    Spamhaus => "spamhaus", Barracuda => "barracuda", Spamcop => "spamcop", Sorbs => "sorbs",
    Uceprotect => "uceprotect", Invaluement => "invaluement", Microsoft => "microsoft",
    Proofpoint => "proofpoint", Cloudmark => "cloudmark", Mimecast => "mimecast", Other => "other",
});
as_str!(BounceKind { Hard => "hard", Soft => "soft", Internal => "internal" });
as_str!(Severity { P1 => "P1", P2 => "P2", P3 => "P3", P4 => "P4" });

#[cfg(test)]
mod tests {
    use super::*;

    fn json<T: Serialize>(v: T) -> String {
        serde_json::to_value(v)
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned()
    }

    #[test]
    fn as_str_is_the_json_spelling_of_every_value() {
        for v in Category::ALL {
            assert_eq!(v.as_str(), json(v));
        }
        for v in Isp::ALL {
            assert_eq!(v.as_str(), json(v));
        }
        for v in Blocklist::ALL {
            assert_eq!(v.as_str(), json(v));
        }
        for v in BounceKind::ALL {
            assert_eq!(v.as_str(), json(v));
        }
        for v in Severity::ALL {
            assert_eq!(v.as_str(), json(v));
        }
        assert_eq!(Category::ALL.len(), 13);
        assert_eq!(Blocklist::ALL.len(), 11);
    }

    #[test]
    fn isps_are_listed_in_discriminant_order() {
        // The accounting reader indexes per-ISP tallies by `isp as usize`.
        for (i, isp) in Isp::ALL.iter().enumerate() {
            assert_eq!(*isp as usize, i);
        }
    }
}
