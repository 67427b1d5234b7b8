//! How each value of the classifier is spelled in JSON and named for people: the one
//! table of display names. The classifier's own sentences (`policy.rs`), the site's
//! templates (through the build's template context, `labels.category.auth`) and the
//! widget (through its wasm facade, [`JSON`]) all read it, so a list is never called
//! two names.
//!
//! Names follow what the providers call themselves and their lists (Microsoft's
//! Outlook replies say "our block list"). Severity levels have no name here: their names
//! (`Critical`, `High`...) are facts of the guide, kept with its other facts in
//! `content/data/incident.toml`.

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::model::{Blocklist, BounceKind, Category, Isp, Severity};

/// `ALL` and `as_str` (the JSON spelling) for an enum.
macro_rules! spelled {
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

/// `label` (the display name) for an enum whose entries are `Value => "spelling" "Label"`.
macro_rules! labelled {
    ($t:ident { $($v:ident => $s:literal $l:literal),* $(,)? }) => {
        spelled!($t { $($v => $s),* });

        impl $t {
            /// The display name of this value.
            pub fn label(self) -> &'static str {
                match self {
                    $($t::$v => $l,)*
                }
            }
        }
    };
}

/// The JSON object `{"spelling": "Label", ...}` of one table, as a literal.
macro_rules! json_object {
    ($v1:ident => $s1:literal $l1:literal $(, $v:ident => $s:literal $l:literal)* $(,)?) => {
        concat!("{\"", $s1, "\":\"", $l1, "\"", $(",\"", $s, "\":\"", $l, "\"",)* "}")
    };
}

/// The tables: `label` for each type, and [`JSON`], every table as one object built at
/// compile time (the widget hands it to the page as is, with no serialising code in the
/// wasm). The labels hold no `"` or `\`, so they need no escaping.
macro_rules! labels {
    ($k1:literal => $t1:ident { $($b1:tt)* } $(, $k:literal => $t:ident { $($b:tt)* })* $(,)?) => {
        labelled!($t1 { $($b1)* });
        $(labelled!($t { $($b)* });)*

        /// Every display name as one JSON object, `{"category": {"auth": "Authentication
        /// (SPF, DKIM, DMARC)", ...}, "isp": {...}, "blocklist": {...}}`: what the widget
        /// hands to the page, and what [`Labels`] serialises to.
        pub const JSON: &str = concat!(
            "{\"", $k1, "\":", json_object!($($b1)*),
            $(",\"", $k, "\":", json_object!($($b)*),)*
            "}"
        );

        /// The display names for a template context (`labels.category.auth`): serialises
        /// to the object of [`JSON`].
        #[derive(Debug, Clone, Copy, Default)]
        pub struct Labels;

        impl Serialize for Labels {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(None)?;
                map.serialize_entry($k1, &Table($t1::ALL, $t1::as_str, $t1::label))?;
                $(map.serialize_entry($k, &Table($t::ALL, $t::as_str, $t::label))?;)*
                map.end()
            }
        }
    };
}

labels! {
    "category" => Category {
        Blocklist => "blocklist" "Blocklisting",
        Auth => "auth" "Authentication (SPF, DKIM, DMARC)",
        RateLimit => "rate_limit" "Rate limiting",
        Reputation => "reputation" "Reputation or policy",
        Content => "content" "Content",
        Recipient => "recipient" "Recipient address",
        MailboxFull => "mailbox_full" "Mailbox full",
        Greylist => "greylist" "Greylisting",
        Dns => "dns" "Sender DNS (PTR, HELO, domain)",
        Tls => "tls" "TLS",
        Connection => "connection" "Connection",
        Relay => "relay" "Relaying",
        Other => "other" "Other",
    },
    "isp" => Isp {
        Gmail => "gmail" "Gmail",
        Outlook => "outlook" "Outlook / Microsoft 365",
        Yahoo => "yahoo" "Yahoo / AOL",
        Apple => "apple" "Apple iCloud",
        Gmx => "gmx" "GMX / WEB.DE",
        Orange => "orange" "Orange",
        Comcast => "comcast" "Comcast",
        Other => "other" "Other provider",
    },
    "blocklist" => Blocklist {
        Spamhaus => "spamhaus" "Spamhaus",
        Barracuda => "barracuda" "Barracuda",
        Spamcop => "spamcop" "SpamCop",
        Sorbs => "sorbs" "SORBS",
        Uceprotect => "uceprotect" "UCEPROTECT",
        Invaluement => "invaluement" "Invaluement",
        Microsoft => "microsoft" "Microsoft's block list",
        Proofpoint => "proofpoint" "Proofpoint",
        Cloudmark => "cloudmark" "Cloudmark",
        Mimecast => "mimecast" "Mimecast",
        Other => "other" "Other blocklist",
    },
}
spelled!(BounceKind { Hard => "hard", Soft => "soft", Internal => "internal" });
spelled!(Severity { P1 => "P1", P2 => "P2", P3 => "P3", P4 => "P4" });

/// One table as a JSON object: spelling -> label, in declaration order.
struct Table<T: 'static>(&'static [T], fn(T) -> &'static str, fn(T) -> &'static str);

impl<T: Copy> Serialize for Table<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for v in self.0 {
            map.serialize_entry((self.1)(*v), (self.2)(*v))?;
        }
        map.end()
    }
}
