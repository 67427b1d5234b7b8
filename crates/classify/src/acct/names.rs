//! The JSON spellings of the model's enums, for text output (reasons, tables).

use crate::{Blocklist, Category, Isp};

pub fn isp_name(isp: Isp) -> &'static str {
    match isp {
        Isp::Gmail => "gmail",
        Isp::Outlook => "outlook",
        Isp::Yahoo => "yahoo",
        Isp::Apple => "apple",
        Isp::Gmx => "gmx",
        Isp::Orange => "orange",
        Isp::Comcast => "comcast",
        Isp::Other => "other",
    }
}

pub fn category_name(category: Category) -> &'static str {
    match category {
        Category::Blocklist => "blocklist",
        Category::Auth => "auth",
        Category::RateLimit => "rate_limit",
        Category::Reputation => "reputation",
        Category::Content => "content",
        Category::Recipient => "recipient",
        Category::MailboxFull => "mailbox_full",
        Category::Greylist => "greylist",
        Category::Dns => "dns",
        Category::Tls => "tls",
        Category::Connection => "connection",
        Category::Relay => "relay",
        Category::Other => "other",
    }
}

pub fn blocklist_name(blocklist: Blocklist) -> &'static str {
    match blocklist {
        Blocklist::Spamhaus => "spamhaus",
        Blocklist::Barracuda => "barracuda",
        Blocklist::Spamcop => "spamcop",
        Blocklist::Sorbs => "sorbs",
        Blocklist::Uceprotect => "uceprotect",
        Blocklist::Invaluement => "invaluement",
        Blocklist::Microsoft => "microsoft",
        Blocklist::Proofpoint => "proofpoint",
        Blocklist::Cloudmark => "cloudmark",
        Blocklist::Mimecast => "mimecast",
        Blocklist::Other => "other",
    }
}

/// All ISPs, in the order of [`Isp`]'s variants.
pub(crate) const ISPS: [Isp; 8] = [
    Isp::Gmail,
    Isp::Outlook,
    Isp::Yahoo,
    Isp::Apple,
    Isp::Gmx,
    Isp::Orange,
    Isp::Comcast,
    Isp::Other,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn json<T: serde::Serialize>(v: T) -> String {
        serde_json::to_value(v)
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned()
    }

    #[test]
    fn isps_are_in_discriminant_order() {
        for (i, isp) in ISPS.iter().enumerate() {
            assert_eq!(*isp as usize, i);
        }
    }

    #[test]
    fn names_match_the_json_contract() {
        for isp in ISPS {
            assert_eq!(isp_name(isp), json(isp));
        }
        for c in [
            Category::Blocklist,
            Category::Auth,
            Category::RateLimit,
            Category::Reputation,
            Category::Content,
            Category::Recipient,
            Category::MailboxFull,
            Category::Greylist,
            Category::Dns,
            Category::Tls,
            Category::Connection,
            Category::Relay,
            Category::Other,
        ] {
            assert_eq!(category_name(c), json(c));
        }
        for b in [
            Blocklist::Spamhaus,
            Blocklist::Barracuda,
            Blocklist::Spamcop,
            Blocklist::Sorbs,
            Blocklist::Uceprotect,
            Blocklist::Invaluement,
            Blocklist::Microsoft,
            Blocklist::Proofpoint,
            Blocklist::Cloudmark,
            Blocklist::Mimecast,
            Blocklist::Other,
        ] {
            assert_eq!(blocklist_name(b), json(b));
        }
    }
}
