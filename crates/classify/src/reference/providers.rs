//! What the reference says about each receiving provider beyond its codes: its postmaster
//! pages and feedback loop, each fact with the provider's own page that states it.

use crate::model::Isp;

/// One fact with its link (the page a reader goes to) and its source (the page that
/// says so; often the same).
pub(crate) struct Fact {
    pub topic: &'static str,
    pub text: &'static str,
    pub link: &'static str,
    pub source: &'static str,
}

pub(super) const fn fact(
    topic: &'static str,
    text: &'static str,
    link: &'static str,
    source: &'static str,
) -> Fact {
    Fact {
        topic,
        text,
        link,
        source,
    }
}

/// The facts of one provider.
pub(crate) struct ProviderRow {
    pub isp: Isp,
    /// A line under the title: who the provider is and which domains it receives.
    pub summary: &'static str,
    pub facts: &'static [Fact],
}

const GOOGLE_FBL: &str = "https://support.google.com/mail/answer/6254652";
const MS_SERVICES: &str = "http://postmaster.msn.com/Services.aspx";
const APPLE: &str = "https://support.apple.com/102322";

/// Every provider the classifier names (not `other`).
pub(crate) const PROVIDERS: &[ProviderRow] = &[
    ProviderRow {
        isp: Isp::Gmail,
        summary: "Google's Gmail, including Google Workspace domains (replies end in `gsmtp`).",
        facts: &[
            fact("Postmaster", "Postmaster Tools shows a verified sending domain's spam rate, reputation and authentication results.", "https://postmaster.google.com/", GOOGLE_FBL),
            fact("Feedback loop", "The Gmail feedback loop reports campaigns with unusually many spam reports from @gmail.com users, by the identifiers of a `Feedback-ID: a:b:c:SenderId` header; the data appears in Postmaster Tools, only for traffic DKIM-signed by a domain verified there.", GOOGLE_FBL, GOOGLE_FBL),
            fact("Error codes", "Google publishes the meaning of every Gmail SMTP error code.", "https://support.google.com/a/answer/3726730", "https://support.google.com/a/answer/3726730"),
            fact("Sender guidelines", "The email sender guidelines: authentication (SPF, DKIM, DMARC for bulk senders), PTR records, TLS, one-click unsubscribe.", "https://support.google.com/mail/answer/81126", "https://support.google.com/mail/answer/81126"),
        ],
    },
    ProviderRow {
        isp: Isp::Outlook,
        summary: "Microsoft's Outlook.com (hotmail.com, live.com, msn.com) and Microsoft 365 / Exchange Online (replies name `protection.outlook.com` hosts).",
        facts: &[
            fact("Postmaster", "Smart Network Data Services (SNDS) gives insight into how Outlook.com users rate the mail of your IP addresses and how many complained.", "https://sendersupport.olc.protection.outlook.com/snds/", MS_SERVICES),
            fact("Feedback loop", "The Junk Email Reporting Program (JMRP) sends you the full message, with headers, of mail that Outlook.com users mark as junk or phishing.", "https://sendersupport.olc.protection.outlook.com/snds/JMRP.aspx", MS_SERVICES),
            fact("Delisting (Microsoft 365)", "A bounce 550 5.7.606-649 \"banned sending IP\" names the delist portal: request removal at sender.office.com and follow the directions.", "https://sender.office.com/", "https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online"),
        ],
    },
    ProviderRow {
        isp: Isp::Yahoo,
        summary: "Yahoo Mail and AOL (replies name `yahoodns.net` hosts and codes such as [TSS04]).",
        facts: &[
            fact("Postmaster", "Sender Hub is Yahoo's portal for its sender services (Yahoo Mail and AOL).", "https://senders.yahooinc.com/", "https://senders.yahooinc.com/"),
            fact("Feedback loop", "The Complaint Feedback Loop sends a report (ARF) when recipients mark your mail as spam; it is domain based and works only for DKIM-signed mail: you enroll your DKIM domain in Sender Hub.", "https://senders.yahooinc.com/", "https://senders.yahooinc.com/"),
            fact("Error codes", "Yahoo publishes its SMTP error codes, with what to do for each.", "https://senders.yahooinc.com/smtp-error-codes/", "https://senders.yahooinc.com/smtp-error-codes/"),
        ],
    },
    ProviderRow {
        isp: Isp::Apple,
        summary: "Apple's iCloud Mail (icloud.com, me.com, mac.com).",
        facts: &[
            fact("Postmaster", "Apple's postmaster page gives its best practices for bulk mail (SPF and DKIM, reverse DNS, consistent sending IPs, RFC 5322 compliance).", APPLE, APPLE),
            fact("Feedback loop", "iCloud Mail offers no feedback loop and no allow list for bulk senders: it filters on IP and domain reputation, content checks and user feedback.", APPLE, APPLE),
        ],
    },
    ProviderRow {
        isp: Isp::Gmx,
        summary: "GMX and WEB.DE (United Internet; replies name `gmx.net` or `web.de` hosts and link postmaster.gmx.net).",
        facts: &[
            fact("Error codes", "GMX publishes what each of its error messages means and what to do.", "https://postmaster.gmx.net/en/error-messages", "https://postmaster.gmx.net/en/error-messages"),
            fact("Error codes (WEB.DE)", "WEB.DE publishes the same for its servers.", "https://postmaster.web.de/en/error-messages", "https://postmaster.web.de/en/error-messages"),
        ],
    },
    ProviderRow {
        isp: Isp::Orange,
        summary: "Orange (orange.fr, wanadoo.fr; replies carry an OFR code with the reason number in brackets, such as [101]).",
        facts: &[
            fact("Postmaster", "Orange's postmaster site explains its OFR reason numbers.", "https://postmaster.orange.fr/", "https://postmaster.orange.fr/"),
        ],
    },
    ProviderRow {
        isp: Isp::Comcast,
        summary: "Comcast / Xfinity (comcast.net; the reply's link anchor, such as #BL000010, is the reason).",
        facts: &[
            fact("Error codes", "Comcast's postmaster site lists its SMTP error codes by anchor (BL: blocked, RL: rate limited, DM: DMARC).", "http://postmaster.comcast.net/smtp-error-codes.php", "http://postmaster.comcast.net/smtp-error-codes.php"),
        ],
    },
];
