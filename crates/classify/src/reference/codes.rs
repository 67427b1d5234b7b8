//! The codes the reference documents, one row each: the code (or range), what it is
//! usually about, the facts the classifier should find in a real bounce of it, and that
//! bounce with where it was published. The meanings themselves come from the
//! classifier's own table (`meaning.rs`); the level and its reasons from the policy.

use crate::model::{Blocklist, Category, Isp};

/// One documented code.
pub(crate) struct CodeRow {
    /// 4, 5, or 0 for both classes.
    pub class: u8,
    pub subject: u8,
    pub details: (u16, u16),
    /// What the code is usually about, for the page's title.
    pub name: &'static str,
    /// The receiver of the example (and where the code usually comes from).
    pub isp: Option<Isp>,
    pub category: Category,
    pub blocklist: Option<Blocklist>,
    /// Whether the example is a temporary (4xx) reply.
    pub temporary: bool,
    /// The classifier's rule when it is not a plain code or wording rule (rules the
    /// policy treats apart, like `recipient-rate-words`).
    pub rule: &'static str,
    /// A real bounce of this code, as published (`None`: no public one was found to
    /// quote; the page says so).
    pub example: Option<&'static str>,
    /// Where the example was published.
    pub example_source: &'static str,
    /// What the code means at a provider when the classifier knows it by a provider's
    /// own marker rather than by the code: (provider, meaning, source).
    pub notes: &'static [(&'static str, &'static str, &'static str)],
}

const SFM_421: &str = "https://smtpfieldmanual.com/code/421";
const SFM_450: &str = "https://smtpfieldmanual.com/code/450";
const SFM_451: &str = "https://smtpfieldmanual.com/code/451";
const SFM_550: &str = "https://smtpfieldmanual.com/code/550";
const SFM_552: &str = "https://smtpfieldmanual.com/code/552";
const SFM_554: &str = "https://smtpfieldmanual.com/code/554";
const YAHOO_CODES: &str = "https://senders.yahooinc.com/smtp-error-codes/";

#[allow(clippy::too_many_arguments)]
const fn row(
    (class, subject, details): (u8, u8, (u16, u16)),
    name: &'static str,
    isp: Option<Isp>,
    category: Category,
    temporary: bool,
    example: &'static str,
    example_source: &'static str,
) -> CodeRow {
    CodeRow {
        class,
        subject,
        details,
        name,
        isp,
        category,
        blocklist: None,
        temporary,
        rule: "provider-code",
        example: Some(example),
        example_source,
        notes: &[],
    }
}

/// A code the classifier knows a meaning for, of which no real bounce was found to quote.
const fn unquoted(
    code: (u8, u8, (u16, u16)),
    name: &'static str,
    isp: Option<Isp>,
    category: Category,
    temporary: bool,
) -> CodeRow {
    CodeRow {
        example: None,
        ..row(code, name, isp, category, temporary, "", "")
    }
}

use Category as C;
const G: Option<Isp> = Some(Isp::Gmail);
const M: Option<Isp> = Some(Isp::Outlook);
const Y: Option<Isp> = Some(Isp::Yahoo);

/// Every documented code, in the order of the reference's list.
pub(crate) const CODES: &[CodeRow] = &[
    row((0, 7, (26, 26)), "unauthenticated mail", G, C::Auth, false,
        "<user@gmail.com>: host gmail-smtp-in.l.google.com[74.125.24.26] said:\n    550-5.7.26 This message does not have authentication information or fails\n    to 550-5.7.26 pass authentication checks. To best protect our users from\n    spam, the 550-5.7.26 message has been blocked. Please visit 550-5.7.26\n    https://support.google.com/mail/answer/81126#authentication for more 550\n    5.7.26 information. t17si19162202pgh.400 - gsmtp (in reply to end of DATA\n    command)",
        "https://github.com/virtualmin/virtualmin-install/issues/46"),
    row((0, 7, (28, 28)), "unusual rate of unsolicited mail", G, C::RateLimit, true,
        "421 4.7.28 [x.xx.xx.xx] Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily rate limited. Please visit https://support.google.com/mail/?p=UnsolicitedRateLimitError to review our Bulk Email Senders Guidelines. - gsmtp",
        SFM_421),
    row((5, 7, (25, 25)), "no PTR (reverse DNS) record", G, C::Dns, false,
        "host gmail-smtp-in.l.google.com[142.250.27.26] said:\n    550-5.7.25 [84.46.242.76] The IP address sending this message does not have\n    a 550-5.7.25 PTR record setup, or the corresponding forward DNS entry does\n    not 550-5.7.25 point to the sending IP. As a policy, Gmail does not accept\n    messages 550-5.7.25 from IPs with missing PTR records. Please visit\n    550-5.7.25  https://support.google.com/mail/answer/81126#ip-practices for\n    more 550 5.7.25 information.\n    du14-20020a17090772ce00b00780ec98afafsi1640581ejc.113 - gsmtp (in reply to\n    end of DATA command)",
        "https://github.com/mail-in-a-box/mailinabox/issues/2211"),
    row((4, 7, (25, 25)), "sending host has no resolvable name", None, C::Dns, true,
        "4.7.25 Client host rejected: cannot find your hostname, [192.168.1.1]",
        "http://www.mittwald.de/faq/e-mail/fehlermeldungen/was-bedeutet-meine-e-mail-fehlermeldung"),
    row((5, 7, (515, 515)), "authentication level not met", M, C::Auth, false,
        "Diagnostic-Code: smtp; 550 5.7.515 Access denied, sending domain EXAMPLE.JP\n    doesn't meet the required authentication level. The sender's domain in the\n    5322.From address doesn't meet the authentication requirements defined for\n    the sender. To learn how to fix this see:\n    https://go.microsoft.com/fwlink/p/?linkid=2319303 Spf= Fail , Dkim= Pass ,\n    DMARC= Pass ...",
        "https://github.com/sisimai/go-sisimai/issues/150"),
    row((5, 7, (509, 509)), "DMARC policy of reject", M, C::Auth, false,
        "550 5.7.509 Access denied, sending domain [OUR_DOMAIN.ORG] does not pass DMARC verification and has a DMARC policy of reject. [VI1P195MB0734.EURP195.PROD.OUTLOOK.COM 2025-06-23T20:38:28.040Z 08DDB2564DE36667] [DU2P250CA0022.EURP250.PROD.OUTLOOK.COM 2025-06-23T20:38:28.060Z 08DDB2063B7A7D58] [DU6PEPF00009523.eurprd02.prod.outlook.com 2025-06-23T20:38:28.063Z 08DDB1257591DF93] (in reply to end of DATA command))",
        "https://github.com/sympa-community/sympa/issues/1843"),
    CodeRow {
        blocklist: Some(Blocklist::Microsoft),
        ..row((5, 7, (606, 649)), "banned sending IP", M, C::Blocklist, false,
        "550 5.7.606 Access denied, banned sending IP [x.xx.xx.xx]. To request removal from this list please visit https://sender.office.com/ and follow the directions. For more information please go to  http://go.microsoft.com/fwlink/?LinkID=526655 (AS16012609)",
        SFM_550)
    },
    CodeRow {
        blocklist: Some(Blocklist::Microsoft),
        ..row((5, 7, (510, 512)), "banned sender", M, C::Blocklist, false,
        "550 5.7.511 Access denied, banned sender[1.2.3.4]. To request removal from this list please forward this message to delist@messaging.microsoft.com. For more information please go to http://go.microsoft.com/fwlink/?LinkId=526653. AS(508) [AM5EUR02FT019.eop-EUR02.prod.protection.outlook.com]",
        "https://github.com/zone-eu/zone-mta/blob/master/config/bounces.txt")
    },
    row((4, 7, (650, 651)), "rate limited for IP reputation", M, C::RateLimit, true,
        "451 4.7.650 The mail server [x.xx.xx.xx] has been temporarily rate limited due to IP reputation. For e-mail delivery information, see https://postmaster.live.com (S843)[#.prod.protection.outlook.com]",
        SFM_451),
    row((5, 4, (1, 1)), "access denied (recipient not found)", M, C::Recipient, false,
        "550 5.4.1 All recipient addresses rejected : Access denied [#.eop-nam02.prod.protection.outlook.com]",
        SFM_550),
    row((5, 2, (122, 122)), "recipient over their hourly limit", M, C::RateLimit, false,
        "554 5.2.122 The recipient has exceeded their limit for the number of messages they can receive per hour. For more information go to http://go.microsoft.com/fwlink/?LinkId=526653. (#) [outlook.com]",
        SFM_554),
    row((0, 7, (9, 9)), "policy refusal (authentication)", Y, C::Auth, false,
        "554 5.7.9 Message not accepted for policy reasons. See https://postmaster.yahooinc.com/error-codes",
        SFM_554),
    CodeRow {
        notes: &[("Yahoo", "Yahoo: all mail from this IP is permanently deferred ([TSS06], [TSS09] and similar); retrying will not help.", YAHOO_CODES)],
        ..row((5, 7, (2, 2)), "permanently deferred (Yahoo)", Y, C::Reputation, false,
        "kamel.xxxx@yahoo.com: host mta6.am0.yahoodns.net[74.6.137.64] said: 553 5.7.2\n    [TSS06] All messages from 62.xxx.xxx.xxxx will be permanently deferred;\n    Retrying will NOT succeed. See\n    https://help.yahoo.com/kb/postmaster/SLN3436.html (in reply to MAIL FROM\n    command)",
        "https://github.com/hardware/mailserver/issues/206")
    },
    CodeRow {
        notes: &[("Yahoo", "Yahoo: mail from your IP is temporarily deferred because of unexpected volume or user complaints ([TSS04] and similar).", YAHOO_CODES)],
        ..row((4, 7, (0, 0)), "temporary policy deferral", Y, C::RateLimit, true,
        "421 4.7.0 [TSS04] Messages from 0.0.0.0 temporarily deferred due to user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes",
        SFM_421)
    },
    row((4, 7, (1, 1)), "temporary refusal (volume, greylist)", Some(Isp::Apple), C::RateLimit, true,
        "421 4.7.1 Messages to example@icloud.com deferred due to excessive volume. Try again later - https://support.apple.com/en-us/HT204137",
        SFM_421),
    row((5, 7, (1, 1)), "message refused (many causes)", G, C::Reputation, false,
        "550 5.7.1 [x.xx.xx.xx] Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked. Please visit https://support.google.com/mail/?p=UnsolicitedMessageError for more information. - gsmtp",
        SFM_550),
    row((5, 7, (0, 0)), "refused by security or policy", G, C::Content, false,
        "SMTP; 552-5.7.0 Our system detected an illegal attachment on your message. Please visit http://mail.google.com/support/bin/answer.py?answer=6590 to review our attachment guidelines.",
        SFM_552),
    row((5, 1, (1, 1)), "recipient does not exist", G, C::Recipient, false,
        "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. Learn more at https://support.google.com/mail/?p=NoSuchUser - gsmtp",
        SFM_550),
    row((5, 1, (8, 8)), "sender's domain does not resolve", None, C::Dns, false,
        "550 5.1.8 <sender@example.com>: Sender address rejected: Domain not found (in reply to RCPT TO command)",
        SFM_550),
    row((5, 2, (1, 1)), "mailbox disabled", G, C::Recipient, false,
        "550 5.2.1 The email account that you tried to reach is disabled. Learn more at https://support.google.com/mail/?p=DisabledUser - gsmtp",
        SFM_550),
    CodeRow {
        rule: "recipient-rate-words",
        ..row((4, 2, (1, 1)), "recipient receiving mail too fast", G, C::RateLimit, true,
        "450 4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages from being delivered. Please resend your message at a later time. If the user is able to receive mail at that time, your message will be delivered. For more information, please visit https://support.google.com/mail/?p=ReceivingRate - gsmtp",
        SFM_450)
    },
    row((0, 2, (2, 2)), "mailbox full", G, C::MailboxFull, false,
        "552 5.2.2 The email account that you tried to reach is over quota. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaPerm - gsmtp",
        SFM_552),
    row((0, 2, (3, 3)), "message too large", G, C::Content, false,
        "SMTP; 552-5.2.3 Your message exceeded Google's message size limits. Please visit http://mail.google.com/support/bin/answer.py?answer=8770 to review our size guidelines.",
        SFM_552),
    row((4, 2, (0, 0)), "greylisted (try again later)", Some(Isp::Other), C::Greylist, true,
        "450 4.2.0 <email@example.com>: Recipient address rejected: example.com greylisted for 60 seconds by ZEROSPAM",
        SFM_450),
    row((4, 4, (7, 7)), "message expired in the queue", None, C::Connection, true,
        "4.4.7 Message expired",
        "https://learn.microsoft.com/exchange/troubleshoot/email-delivery/ndr/non-delivery-reports-in-exchange-online"),
    row((5, 7, (64, 64)), "relay denied (Microsoft tenant)", M, C::Relay, false,
        "550 5.7.64 TenantAttribution; Relay Access Denied SMTP",
        "https://learn.microsoft.com/en-us/exchange/troubleshoot/email-delivery/ndr/relay-access-denied-smtp"),
    row((5, 7, (703, 703)), "sender blocked by tenant (Microsoft)", M, C::Reputation, false,
        "550 5.7.703 Your message can't be delivered",
        "https://learn.microsoft.com/microsoft-365/security/office-365-security/tenant-allow-block-list-about"),
    row((5, 7, (60, 60)), "send-as refused (Microsoft)", M, C::Auth, false,
        "Expected response code 250 but got code \"550\", with message \"550 5.7.60 SMTP; Client does not have permissions to send as this sender [MW2PR1901MB2155.namprd19.prod.outlook.com]",
        "https://github.com/swiftmailer/swiftmailer/issues/1030"),
    row((4, 7, (500, 649)), "temporarily denied (Microsoft)", M, C::RateLimit, true,
        "status=deferred (host hotmail-com.olc.protection.outlook.com[192.0.2.1] said:\n  451 4.7.500 Server busy. Please try again later from [192.0.2.2]. (AS761) (in reply\n  to RCPT TO command))",
        "https://github.com/sisimai/p5-sisimai/blob/master/lib/Sisimai/Rhost/ExchangeOnline.pm"),
    row((0, 7, (23, 23)), "SPF validation failed", None, C::Auth, false,
        "550 5.7.23 The message was rejected because of Sender Policy Framework violation",
        "https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online"),
    row((0, 7, (24, 24)), "SPF record invalid or suspicious", None, C::Auth, false,
        "550 5.7.24 The SPF record of the sending domain has one or more suspicious entries. For more information, go to Email sender guidelines.",
        "https://support.google.com/a/answer/3726730"),
    // Known by their published meanings; no real bounce of them was found to quote.
    unquoted((0, 7, (20, 22)), "DKIM validation failed", None, C::Auth, false),
    unquoted((0, 7, (27, 27)), "SPF did not pass (Gmail)", G, C::Auth, false),
    unquoted((0, 7, (29, 29)), "TLS required (Gmail)", G, C::Tls, false),
    unquoted((0, 7, (30, 30)), "DKIM did not pass (Gmail)", G, C::Auth, false),
    unquoted((0, 7, (32, 32)), "From: not aligned (Gmail DMARC)", G, C::Auth, false),
    unquoted((0, 7, (40, 40)), "no DMARC record (Gmail)", G, C::Auth, false),
    unquoted((5, 7, (350, 350)), "remote server refused (Microsoft)", M, C::Content, false),
];
