//! What known codes mean, one line each, from the providers' own published pages:
//! Google "Gmail SMTP errors and codes" (support.google.com/a/answer/3726730), Microsoft
//! Learn "Email non-delivery reports and SMTP errors in Exchange Online" and the
//! Outlook.com sender support / SNDS pages, Yahoo "SMTP error codes"
//! (senders.yahooinc.com/smtp-error-codes) and help article SLN7253, Apple iCloud
//! postmaster (support.apple.com/102322), Comcast postmaster error codes, Orange
//! postmaster, and RFC 3463 / RFC 7372 / the IANA enhanced status code registry.
//!
//! A code entry may also *decide* the category: provider codes that mean one thing
//! whatever the wording (Gmail's 5.7.26, Microsoft's 5.7.606-649...). Codes that mean
//! many things (5.7.1, 5.7.0...) only give a fallback category in [`generic`].

use crate::codes::Enhanced;
use crate::model::{Blocklist, Category, Isp};

/// One known enhanced code (or range of details).
pub struct CodeRule {
    /// 4, 5, or 0 for both.
    pub class: u8,
    pub subject: u8,
    pub details: (u16, u16),
    /// Only at this provider (`None`: anywhere).
    pub isp: Option<Isp>,
    /// The category the code decides on its own, if any.
    pub decides: Option<Category>,
    pub meaning: &'static str,
}

const fn rule(
    class: u8,
    subject: u8,
    details: (u16, u16),
    isp: Option<Isp>,
    decides: Option<Category>,
    meaning: &'static str,
) -> CodeRule {
    CodeRule {
        class,
        subject,
        details,
        isp,
        decides,
        meaning,
    }
}

use Category as C;
const G: Option<Isp> = Some(Isp::Gmail);
const M: Option<Isp> = Some(Isp::Outlook);
const Y: Option<Isp> = Some(Isp::Yahoo);

/// Provider codes, most specific first (the first matching row wins).
pub const CODES: &[CodeRule] = &[
    // Gmail (support.google.com/a/answer/3726730).
    rule(0, 7, (26, 26), G, Some(C::Auth), "Gmail: the message is unauthenticated (SPF and DKIM both fail or do not align), or the sender domain's DMARC policy rejects it."),
    rule(0, 7, (26, 26), None, Some(C::Auth), "Multiple authentication checks (SPF, DKIM, DMARC) failed."),
    rule(0, 7, (27, 27), G, Some(C::Auth), "Gmail: SPF did not pass for the sending domain; bulk senders must pass SPF."),
    // RFC 7505's own meaning, which Postfix sends (`Sender address rejected: Domain ... does
    // not accept mail`): the sender's domain, not the recipient's.
    rule(0, 7, (27, 27), None, Some(C::Dns), "The sender address's domain publishes a null MX (RFC 7505): it declares that it accepts no mail, so receivers refuse mail from it."),
    rule(0, 7, (28, 28), None, Some(C::RateLimit), "Gmail: an unusual rate of unsolicited mail from your IP, network, DKIM, SPF or link domain; mail is rate-limited or blocked (a volume and complaint signal, not an SPF failure)."),
    rule(0, 7, (29, 29), G, Some(C::Tls), "Gmail: this sender must use TLS; the connection was not encrypted."),
    rule(0, 7, (30, 30), G, Some(C::Auth), "Gmail: DKIM did not pass; bulk senders must sign with DKIM."),
    rule(0, 7, (32, 32), G, Some(C::Auth), "Gmail: the From: domain is not aligned with the SPF or DKIM domain (DMARC alignment)."),
    rule(0, 7, (40, 40), G, Some(C::Auth), "Gmail: the sending domain has no DMARC record; bulk senders must publish one."),
    rule(0, 7, (23, 23), G, Some(C::Dns), "Gmail: the sending IP has no PTR (reverse DNS) record, or it does not match."),
    rule(0, 7, (25, 25), None, Some(C::Dns), "The sending IP has no PTR (reverse DNS) record, or its forward lookup does not match the IP."),
    rule(0, 7, (24, 24), None, Some(C::Auth), "The sending domain's SPF record is invalid or suspicious."),
    rule(0, 7, (23, 23), None, Some(C::Auth), "SPF validation failed."),
    rule(0, 7, (20, 22), None, Some(C::Auth), "DKIM validation failed (no valid or acceptable DKIM signature)."),
    // Microsoft (Outlook.com, Exchange Online Protection).
    rule(5, 7, (515, 515), None, Some(C::Auth), "Outlook.com: the sending domain does not meet the required authentication level (SPF, DKIM and DMARC, aligned) for high-volume senders."),
    rule(5, 7, (510, 512), None, Some(C::Blocklist), "Microsoft: access denied, the sender (IP or domain) is banned; request delisting as the reply says."),
    rule(5, 7, (509, 509), None, Some(C::Auth), "Microsoft: the sender domain's DMARC policy rejected the message."),
    rule(5, 7, (606, 649), None, Some(C::Blocklist), "Microsoft: the sending IP is on Microsoft's banned list; request delisting at sender.office.com."),
    rule(4, 7, (650, 651), None, Some(C::RateLimit), "Outlook.com: the IP is temporarily rate-limited because of its reputation (the SNDS yellow/red territory)."),
    rule(4, 7, (500, 699), None, Some(C::RateLimit), "Microsoft: access temporarily denied to a new or suspicious IP (throttling); retry slowly."),
    rule(5, 7, (350, 350), None, None, "Microsoft: the remote server rejected the message; its own reply follows."),
    rule(5, 7, (64, 64), None, Some(C::Relay), "Microsoft: TenantAttribution, relay access denied."),
    rule(5, 7, (703, 703), None, Some(C::Reputation), "Microsoft: the recipient's organisation blocks the sender (an entry of its Tenant Allow/Block List)."),
    rule(5, 7, (60, 60), M, Some(C::Auth), "Microsoft: the signed-in account may not send as the From address."),
    rule(5, 4, (1, 1), M, None, "Microsoft: access denied, the recipient does not exist (directory-based edge blocking)."),
    rule(5, 2, (122, 122), M, Some(C::RateLimit), "Microsoft: the recipient has exceeded the number of messages they can receive per hour."),
    rule(4, 4, (7, 7), M, None, "Microsoft: the message expired in the queue after repeated failures."),
    // Yahoo (help.yahoo.com SLN7253).
    rule(5, 7, (9, 9), Y, Some(C::Auth), "Yahoo: not accepted for policy reasons: the message failed DMARC, DKIM or SPF."),
    rule(5, 7, (9, 9), None, Some(C::Auth), "The authentication of the message is missing or too weak (Yahoo: DMARC, DKIM or SPF failed)."),
];

/// RFC 3463 meanings by subject and detail, with the fallback category used when the
/// text states no cause.
const GENERIC: &[(u8, u16, Category, &str)] = &[
    (
        1,
        0,
        C::Recipient,
        "Other address status: the address was rejected.",
    ),
    (
        1,
        1,
        C::Recipient,
        "Bad destination mailbox address: the recipient does not exist.",
    ),
    (
        1,
        2,
        C::Recipient,
        "Bad destination system address: the recipient's domain does not exist or accepts no mail.",
    ),
    (
        1,
        3,
        C::Recipient,
        "Bad destination mailbox address syntax.",
    ),
    (1, 6, C::Recipient, "The destination mailbox has moved."),
    (1, 7, C::Dns, "Bad sender's mailbox address syntax."),
    (
        1,
        8,
        C::Dns,
        "Bad sender's system address: the sender domain does not resolve.",
    ),
    (
        1,
        10,
        C::Recipient,
        "The recipient address has a null MX: the domain accepts no mail.",
    ),
    (2, 0, C::Other, "Other or undefined mailbox status."),
    (
        2,
        1,
        C::Recipient,
        "The mailbox is disabled and not accepting messages.",
    ),
    (2, 2, C::MailboxFull, "The mailbox is full."),
    (
        2,
        3,
        C::Content,
        "The message is larger than the mailbox accepts.",
    ),
    (2, 4, C::Other, "Mailing list expansion problem."),
    (3, 0, C::Other, "Other or undefined mail system status."),
    (3, 1, C::Other, "The receiving mail system is full."),
    (
        3,
        2,
        C::Other,
        "The receiving system is not accepting network messages.",
    ),
    (
        3,
        4,
        C::Content,
        "The message is too big for the receiving system.",
    ),
    // A network or routing problem, whatever its detail: the connection category.
    (
        4,
        0,
        C::Connection,
        "Other or undefined network or routing status.",
    ),
    (4, 1, C::Connection, "No answer from the receiving host."),
    (4, 2, C::Connection, "Bad connection to the receiving host."),
    (
        4,
        3,
        C::Connection,
        "Directory server failure (DNS) while routing.",
    ),
    (
        4,
        4,
        C::Recipient,
        "Unable to route: the recipient's domain has no usable mail server.",
    ),
    (4, 5, C::RateLimit, "Mail system congestion."),
    (4, 6, C::Other, "Routing loop detected."),
    (
        4,
        7,
        C::Connection,
        "Delivery time expired: the message could not be delivered in time.",
    ),
    (5, 0, C::Other, "Other or undefined protocol status."),
    (5, 1, C::Other, "Invalid command."),
    (5, 2, C::Other, "Syntax error."),
    (5, 3, C::Other, "Too many recipients."),
    (5, 4, C::Other, "Invalid command arguments."),
    (
        6,
        0,
        C::Content,
        "Other or undefined media error (message content).",
    ),
    (
        7,
        0,
        C::Reputation,
        "Other or undefined security or policy status: the receiver refused the message.",
    ),
    (
        7,
        1,
        C::Reputation,
        "Delivery not authorized, message refused (used for many causes: the text tells which).",
    ),
    (7, 2, C::Other, "Mailing list expansion prohibited."),
    (7, 4, C::Other, "Security features not supported."),
    (7, 7, C::Content, "Message integrity failure."),
    (
        7,
        8,
        C::Other,
        "Authentication credentials invalid (SMTP login).",
    ),
];

/// The provider-specific row for a code at an ISP, if any.
pub fn provider(code: Enhanced, isp: Option<Isp>) -> Option<&'static CodeRule> {
    CODES.iter().find(|r| {
        (r.class == 0 || r.class == code.class)
            && r.subject == code.subject
            && (r.details.0..=r.details.1).contains(&code.detail)
            && (r.isp.is_none() || r.isp == isp)
    })
}

/// The RFC 3463 row for a code (subject and detail), if any.
pub fn generic(code: Enhanced) -> Option<(Category, &'static str)> {
    GENERIC
        .iter()
        .find(|(s, d, _, _)| *s == code.subject && *d == code.detail)
        .or_else(|| {
            GENERIC
                .iter()
                .find(|(s, d, _, _)| *s == code.subject && *d == 0 && code.subject == 6)
        })
        .map(|(_, _, c, m)| (*c, *m))
}

/// Meanings of provider reason codes written in the text, by rule: a table rather than a
/// `match`, whose inlined comparisons of the rule names were larger than the rows.
const MARKER_MEANINGS: [(&str, &str); 12] = [
    ("microsoft-s3150", "Outlook.com: your IP (or its network) is on Microsoft's block list (S3150/S3140); request delisting through Outlook.com sender support and check SNDS."),
    ("yahoo-tss", "Yahoo: mail from your IP is temporarily deferred because of unexpected volume or user complaints ([TSS04] and similar); slow down and clean the list."),
    ("yahoo-perm", "Yahoo: all mail from this IP is permanently deferred ([TSS09] and similar); retrying will not help."),
    ("yahoo-content", "Yahoo: the message was not accepted for policy reasons ([PH01]: its content or links look like phishing)."),
    ("yahoo-list", "Yahoo: connections from this IP are refused because it is on a blocklist ([BL21]/[BL23])."),
    ("apple-cs01", "iCloud: the message was rejected by local policy ([CS01]); contact iCloud postmaster support."),
    ("apple-hme", "iCloud: Hide My Email relay requires SPF or DKIM to pass."),
    ("comcast-bl", "Comcast: the sending IP is blocked by Comcast (own block or a DNSBL it uses; see the BL anchor of its error-code page)."),
    ("comcast-rl", "Comcast: the sending IP is throttled (RL anchor of its error-code page)."),
    ("comcast-dm", "Comcast: the message failed the sender domain's DMARC policy."),
    ("spamhaus-open-resolver", "The receiver queries Spamhaus through a public or open DNS resolver, so every lookup looks listed; this is the receiver's misconfiguration."),
    ("barracuda-cuda-nsu", "Barracuda: cuda_nsu means no such user (the recipient does not exist), not a blocklisting."),
];

/// Meanings of provider reason codes written in the text.
pub fn of_marker(rule: &str) -> Option<&'static str> {
    MARKER_MEANINGS
        .iter()
        .find(|(r, _)| *r == rule)
        .map(|(_, meaning)| *meaning)
}

/// Orange reason numbers (`OFR..._nnn [nnn]`, postmaster.orange.fr): category, list, meaning.
pub fn orange(n: u16) -> Option<(Category, Option<Blocklist>, &'static str)> {
    Some(match n {
        100 => (C::Blocklist, Some(Blocklist::Other), "Orange: the IP is listed by Abusix."),
        101 => (C::Blocklist, Some(Blocklist::Spamhaus), "Orange: the IP is listed by Spamhaus."),
        102 => (C::Blocklist, Some(Blocklist::Cloudmark), "Orange: the IP has a poor Cloudmark (CSI) reputation; request a reset at csi.cloudmark.com."),
        103 => (C::Blocklist, Some(Blocklist::Other), "Orange: the IP is on Orange's own blocklist."),
        104 => (C::RateLimit, None, "Orange: too many connections from this IP."),
        107 => (C::Dns, None, "Orange: the sending IP has no PTR (reverse DNS) record."),
        109 => (C::RateLimit, None, "Orange: too many messages in one connection."),
        200..=299 => (C::Dns, None, "Orange: invalid HELO/EHLO name."),
        390..=399 | 401 | 519 => (C::Auth, None, "Orange: SPF check failed."),
        405 => (C::Dns, None, "Orange: invalid sender domain (DNS)."),
        416 => (C::Recipient, None, "Orange: invalid recipient."),
        417 => (C::MailboxFull, None, "Orange: the recipient's mailbox is full."),
        420 | 426 => (C::Recipient, None, "Orange: the recipient's mailbox is blocked or archived."),
        425 => (C::Blocklist, Some(Blocklist::Other), "Orange: the sender domain is on Orange's blocklist."),
        514 => (C::Content, None, "Orange: the message is larger than the maximum size."),
        505 => (C::Other, None, "Orange: temporary system problem."),
        506 => (C::Reputation, None, "Orange: the message was rejected as spam."),
        515 | 517 => (C::Auth, None, "Orange: DMARC check failed."),
        990..=999 => (C::RateLimit, None, "Orange: rate limited."),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(class: u8, subject: u8, detail: u16) -> Enhanced {
        Enhanced {
            class,
            subject,
            detail,
        }
    }

    #[test]
    fn gmail_5_7_28_is_a_rate_signal_not_spf() {
        let r = provider(code(5, 7, 28), Some(Isp::Gmail)).expect("known");
        assert_eq!(r.decides, Some(Category::RateLimit));
        assert!(!r.meaning.contains("SPF did not pass"));
        let spf = provider(code(4, 7, 27), Some(Isp::Gmail)).expect("known");
        assert!(spf.meaning.contains("SPF"));
        // Elsewhere 5.7.27 is RFC 7505's: the sender's domain has a null MX.
        let null_mx = provider(code(5, 7, 27), None).expect("known");
        assert_eq!(null_mx.decides, Some(Category::Dns));
        let postfix = "550 5.7.27 <sname@nullmx.example>: Sender address rejected: Domain nullmx.example does not accept mail";
        let d = crate::diagnose(postfix);
        assert_eq!((d.category, d.isp), (Category::Dns, None));
    }

    #[test]
    fn provider_rows_respect_the_isp_and_ranges() {
        assert!(provider(code(5, 7, 30), None).is_none());
        assert_eq!(
            provider(code(5, 7, 620), None).and_then(|r| r.decides),
            Some(Category::Blocklist)
        );
        assert_eq!(
            provider(code(4, 7, 651), None).and_then(|r| r.decides),
            Some(Category::RateLimit)
        );
        assert_eq!(provider(code(5, 7, 650), None).map(|r| r.decides), None);
        // Exchange Online's send-as refusal, read by its code where its words are
        // unreadable (an IIS SMTP log writes spaces as '+'); only at Microsoft.
        assert!(provider(code(5, 7, 60), None).is_none());
        let logged = "2018-02-19 23:06:36 40.97.132.226 OutboundConnectionResponse SMTPSVC1 FBDC-001 - 0 - - 550+5.7.60+SMTP;+Client+does+not+have+permissions+to+send+as+this+sender+[BY2PR1001MB1094.namprd10.prod.outlook.com] 0 0 116 0 11485 SMTP - - - -";
        let d = crate::diagnose(logged);
        assert_eq!((d.category, d.isp), (Category::Auth, Some(Isp::Outlook)));
    }

    #[test]
    fn generic_rows() {
        assert_eq!(
            generic(code(5, 1, 1)).map(|g| g.0),
            Some(Category::Recipient)
        );
        assert_eq!(
            generic(code(4, 2, 2)).map(|g| g.0),
            Some(Category::MailboxFull)
        );
        assert!(generic(code(5, 7, 99)).is_none());
    }

    #[test]
    fn orange_numbers() {
        assert_eq!(orange(102).map(|o| o.1), Some(Some(Blocklist::Cloudmark)));
        assert_eq!(orange(417).map(|o| o.0), Some(Category::MailboxFull));
        assert!(orange(1).is_none());
    }
}
