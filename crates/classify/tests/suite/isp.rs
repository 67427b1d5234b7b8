//! The receiving ISP: every sign of the receiver names it (its host, its own wording,
//! the recipient's address), and a sender-side address or domain never does.

use classify::{diagnose, diagnose_bytes, Category, Isp};
use proptest::prelude::*;

/// Consumer domains of each provider (a recipient there names the provider).
const PROVIDER_DOMAINS: &[(&str, Isp)] = &[
    ("gmail.com", Isp::Gmail),
    ("googlemail.com", Isp::Gmail),
    ("hotmail.com", Isp::Outlook),
    ("hotmail.co.uk", Isp::Outlook),
    ("outlook.fr", Isp::Outlook),
    ("live.com", Isp::Outlook),
    ("msn.com", Isp::Outlook),
    ("yahoo.com", Isp::Yahoo),
    ("yahoo.co.jp", Isp::Yahoo),
    ("aol.com", Isp::Yahoo),
    ("ymail.com", Isp::Yahoo),
    ("rocketmail.com", Isp::Yahoo),
    ("icloud.com", Isp::Apple),
    ("me.com", Isp::Apple),
    ("mac.com", Isp::Apple),
    ("gmx.de", Isp::Gmx),
    ("gmx.net", Isp::Gmx),
    ("web.de", Isp::Gmx),
    ("orange.fr", Isp::Orange),
    ("wanadoo.fr", Isp::Orange),
    ("comcast.net", Isp::Comcast),
];

/// A sender-side address (`{a}`) or domain (`{d}`) in the places bounces show it.
const SENDER_PLACES: &[&str] = &[
    "MAIL FROM:<{a}>",
    "SMTP error from remote mail server after MAIL FROM:<{a}> SIZE=2048:",
    "from=<{a}>,",
    "550 5.1.0 <{a}>: Sender address rejected: Domain not found",
    "553 5.7.1 <{a}>: Sender address rejected: not owned by user x",
    "250 2.1.0 <{a}>... Sender ok",
    "X-Postfix-Sender: rfc822; {a}",
    "Return-Path: <{a}>",
    "Reply-To: {a}",
    "From: Some Sender <{a}>",
    "F=<{a}> rejected after DATA",
    "spf=pass smtp.mailfrom={a};",
    "550 5.7.1 Unauthenticated email from {d} is not accepted due to domain's DMARC policy.",
    "Please contact the administrator of {d} domain if this was a legitimate mail.",
    "550 5.7.1 Email rejected per DMARC policy for {d}",
    "550 5.7.509 Access denied, sending domain [{d}] does not pass DMARC verification.",
    "550 5.7.1 Access denied, sending domain {d} doesn't meet the required authentication level.",
    "The message was sent on behalf of {a}.",
    "Submitted on behalf of ({d}).",
];

/// Text around them that names no provider.
const FILLERS: &[&str] = &[
    "550 5.1.1 User unknown.",
    "550 5.7.1 Message rejected as spam.",
    "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org.",
    "421 4.7.0 Try again later.",
    "452 4.2.2 Mailbox full.",
    "Action: failed",
    "Status: 5.0.0",
    "Diagnostic-Code: smtp; 550 5.7.1 Rejected.",
    "Final-Recipient: rfc822; user@example.org",
    "<user@example.org>: host mx.example.org[192.0.2.1] said: 550 Rejected.",
    "Remote-MTA: dns; mx.example.net",
    "This is the mail system at host mail.example.com.",
    "\n",
    "\n\n",
    " ",
];

fn fill(place: &str, domain: &str) -> String {
    place
        .replace("{a}", &format!("someone@{domain}"))
        .replace("{d}", domain)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    /// Wherever a bounce shows the sender's address or domain, it is not the receiver.
    #[test]
    fn a_sender_side_address_never_names_the_isp(
        provider in prop::sample::select(PROVIDER_DOMAINS),
        place in prop::sample::select(SENDER_PLACES),
        before in prop::collection::vec(prop::sample::select(FILLERS), 0..4),
        after in prop::collection::vec(prop::sample::select(FILLERS), 0..4),
    ) {
        let (domain, isp) = provider;
        let text = format!("{}\n{}\n{}", before.join("\n"), fill(place, domain), after.join("\n"));
        let d = diagnose(&text);
        // Some places are written by the receiver in its own words or codes (Gmail's
        // DMARC refusal, Microsoft's 5.7.509): the answer may name it, but the same with
        // another sender's domain.
        let neutral = text.replace(domain, "example.net");
        prop_assert!(d.isp != Some(isp) || diagnose(&neutral).isp == Some(isp), "{}", text);
    }

    /// The answer does not change when the sender's domain does (its domain is never read
    /// as the receiver), whatever bytes follow.
    #[test]
    fn the_senders_domain_does_not_change_the_isp(
        provider in prop::sample::select(PROVIDER_DOMAINS),
        place in prop::sample::select(SENDER_PLACES),
        rest in prop::collection::vec(any::<u8>(), 0..256),
    ) {
        let with = |domain: &str| {
            let mut text = fill(place, domain).into_bytes();
            text.push(b'\n');
            text.extend_from_slice(&rest);
            diagnose_bytes(&text).isp
        };
        prop_assert_eq!(with(provider.0), with("example.org"));
    }

    /// A recipient at a provider, in any place that names it the recipient, names the
    /// provider when no receiving host is shown.
    #[test]
    fn a_named_recipient_names_its_provider(
        provider in prop::sample::select(PROVIDER_DOMAINS),
        place in prop::sample::select(&[
            "RCPT TO:<{a}>",
            "Final-Recipient: rfc822; {a}",
            "Original-Recipient: rfc822;{a}",
            "postfix/smtp[123]: 4F1C: to=<{a}>, relay=none, delay=1, status=bounced",
            "<{a}>: Recipient address rejected: Access denied",
            "550 5.1.1 <{a}>: user does not exist",
            "550 5.1.1 <{a}>... User unknown",
            "452 4.2.2 <{a}> mailbox full",
            "Delivery to the following recipient failed permanently:\n\n     {a}\n",
            "X-Failed-Recipients: {a}",
            "The message WAS NOT relayed to:\n<{a}>:\n   250 2.7.0 Ok, discarded, id=00675-01 - INFECTED: Win.Test.EICAR_HDB-1",
            "amavis[1043]: (01043-01) Blocked SPAM {BouncedInternal,Quarantined}, LOCAL [192.0.2.7]:57278 <bounce@example.net> -> <{a}>, Hits: 12.5",
        ][..]),
        sender in prop::sample::select(&["MAIL FROM:<bounce@example.net>\n", "from=<bounce@example.net>, ", ""][..]),
    ) {
        let (domain, isp) = provider;
        let text = format!("{sender}{}\n550 5.1.1 User unknown", fill(place, domain));
        prop_assert_eq!(diagnose(&text).isp, Some(isp), "{}", text);
    }
}

#[test]
fn each_sign_of_the_receiver_in_order() {
    // The receiving host wins over the recipient's address.
    let d = diagnose("<a@gmail.com>: host mx.example.net[192.0.2.1] said: 550 5.1.1 unknown");
    assert_eq!(d.isp, Some(Isp::Other));
    // The provider's wording, without its host.
    let d = diagnose("421 4.7.27 Gmail requires all bulk email senders to authenticate");
    assert_eq!(d.isp, Some(Isp::Gmail));
    let d = diagnose("421-4.7.28 Gmail has detected an unusual rate of unsolicited mail originating from your DKIM domain [ 15].");
    assert_eq!(d.isp, Some(Isp::Gmail));
    let d = diagnose("550-5.7.25 [203.0.113.5] The IP address sending this message does not have a 550-5.7.25 PTR record setup, or the corresponding forward DNS entry does not 550 5.7.25 point to the sending IP.");
    assert_eq!(d.isp, Some(Isp::Gmail));
    // A placeholder in the receiver's place still names another receiver.
    let d = diagnose("3B0F8A08BF: host example.com[203.0.113.2] refused to talk to me: 554 5.7.1 You are not allowed to connect.");
    assert_eq!(d.isp, Some(Isp::Other));
    let d =
        diagnose("550 5.7.0 (COL0-MC6-F31) Unfortunately, messages from 192.0.2.1 weren't sent.");
    assert_eq!(d.isp, Some(Isp::Outlook));
    // The recipient's address, also at a receiver that is none of ours.
    let d = diagnose("RCPT TO:<a@free.fr>: 550 5.1.1 unknown");
    assert_eq!(d.isp, Some(Isp::Other));
    // No receiver at all.
    assert_eq!(diagnose("550 5.1.1 User unknown").isp, None);
    // Another provider's DMARC wording and URL are not Gmail's ("is not accepted due to
    // domain's DMARC policy").
    let d = diagnose("550 5.7.1 This message was not accepted due to domain owner DMARC policy (RFC 7489) https://help.mail.ru/mail-help/postmaster/dmarc");
    assert_eq!(d.isp, Some(Isp::Other));
    // La Poste's host and reason code are La Poste's, not Orange's.
    let d = diagnose("<a@laposte.net>: host smtpz4.laposte.net[194.117.213.1] said: 550 5.5.0 Service refuse. Veuillez essayer plus tard. service refused, please try later. LPN007_510");
    assert_eq!(d.isp, Some(Isp::Other));
}

/// Providers' own codes and names (Apple's [HM08], AT&T's ATTRBL, GoDaddy's IB codes,
/// EarthLink naming itself) name the receiver; a sendmail rejection names its ruleset,
/// and its relay= is then the client.
const OWN_CODES: &[(&str, Option<Isp>)] = &[
    (
        "554 5.7.1 [HM08] Message rejected due to local policy.",
        Some(Isp::Apple),
    ),
    (
        "553 5.3.0 alph135 DNSBL:ATTRBL 521< 192.0.2.1 >_is_blocked.",
        Some(Isp::Other),
    ),
    (
        "550 5.1.0 192.0.2.1 is not allowed to send from <> per it's SPF Record. IB508",
        Some(Isp::Other),
    ),
    ("421 192.0.2.1 Temporarily rejected. Reverse DNS failed. IB108", Some(Isp::Other)),
    ("452 Too many recipients in this message. IB605", Some(Isp::Other)),
    ("550 IP 192.0.2.1 is blocked by EarthLink.", Some(Isp::Other)),
    // A Chinese host named in its own reply, and an F-Secure gateway's signature.
    ("554 HL:IPB 该IP不在万象互联允许的发送地址列表里。", Some(Isp::Other)),
    (
        "550 Relaying denied.(F-Secure/virusgw_smtp/virusgw1.example.jp)",
        Some(Isp::Other),
    ),
    // Gandi's refusal with its rule code, and Proton's MX in a client's log.
    (
        "550 5.7.1  Reject for policy reason RULE3_2. See the postmaster page",
        Some(Isp::Other),
    ),
    (
        "mailsec.protonmail.ch:25 --> 554 5.7.1 rejected by rspamd filter",
        Some(Isp::Other),
    ),
    ("550 Relaying denied.", None),
    (
        "sendmail[1]: ruleset=check_relay, relay=omr.mx.aol.com [192.0.2.1], reject=550 5.7.1 Spam Block",
        None,
    ),
];

#[test]
fn providers_own_codes_name_the_receiver() {
    for (text, want) in OWN_CODES {
        assert_eq!(diagnose(text).isp, *want, "{text}");
    }
}

#[test]
fn a_relay_refusal_does_not_name_the_recipients_provider() {
    let d = diagnose("554 5.7.1 <a@icloud.com>: Relay access denied");
    assert_eq!(d.category, Category::Relay);
    assert_eq!(d.isp, None);
}

#[test]
fn a_quoted_address_before_a_block_may_be_the_senders() {
    // sendmail quotes the address of the command it refuses (MAIL FROM here).
    let d = diagnose("550 5.7.1 <someone@yahoo.com>... 192.0.2.1 listed at zen.spamhaus.org");
    assert_eq!(d.category, Category::Blocklist);
    assert_eq!(d.isp, None);
}

#[test]
fn an_address_before_its_error_is_the_recipient() {
    // A sending tool's line about one recipient: `a: Error: ...` names the recipient.
    let d = diagnose(
        "Failed to send e-mail: someone@example.org: Error: Can't send mail - all recipients \
         were rejected: 550 5.1.1 unknown",
    );
    assert_eq!(d.isp, Some(Isp::Other));
}

#[test]
fn an_address_a_connection_failure_is_about_is_the_recipient() {
    // The reply about one recipient whose server did not answer: the recipient's domain.
    let d = diagnose("451 4.4.1 <a@example.org>: The recipient's server did not answer");
    assert_eq!(d.category, Category::Connection);
    assert_eq!(d.isp, Some(Isp::Other));
}

#[test]
fn a_whole_messages_failed_recipient_names_the_receiver() {
    // Gmail's report for its own user: its Google links are the sender's provider; the
    // failed recipient, wherever the report puts it, names the receiver.
    let eml = "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\r\n\
               To: someone@example.net\r\n\
               Subject: Delivery Status Notification (Failure)\r\n\
               Date: Fri, 18 Jul 2014 00:31:02 -0700\r\n\
               Message-ID: <047d7bdca0c250c6c004fe72bd32@google.com>\r\n\
               Content-Type: text/plain; charset=UTF-8\r\n\
               \r\n\
               Delivery to the following recipient failed permanently:\r\n\
               \r\n\
               \x20    user@icloud.com\r\n\
               \r\n\
               Technical details of permanent failure:\r\n\
               The recipient server did not accept our requests to connect. Learn more at \
               https://support.google.com/mail/answer/7720\r\n";
    let answers = classify::classify_message(eml.as_bytes(), &classify::Context::default());
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].recipient.as_deref(), Some("user@icloud.com"));
    assert_eq!(answers[0].classification.isp, Some(Isp::Apple));
    assert_eq!(answers[0].classification.category, Category::Connection);
}

/// Postfix's cleanup and milter refusals are the receiver's own log: the host there is
/// the client (here Microsoft's and Google's outbound servers), and `to=` the recipient.
#[test]
fn a_cleanup_or_milter_reject_names_its_client_not_the_receiver() {
    let d = diagnose(
        "postfix/cleanup[28132]: 1ED84ACC1E: reject: body <a href=3D\"http://www.example.com/\"> \
         from mail-eopbgr30072.outbound.protection.outlook.com[40.107.3.72]; \
         from=<a@example.net> to=<b@example.org> proto=ESMTP \
         helo=<EUR03-AM5-obe.outbound.protection.outlook.com>: 5.7.1 message content rejected",
    );
    assert_eq!(d.isp, Some(Isp::Other));
    assert_eq!(d.category, Category::Content);
    let d = diagnose(
        "postfix/cleanup[1]: 436DE5E0E9A: milter-reject: END-OF-MESSAGE from \
         mail-wr1-f54.google.com[209.85.221.54]: 5.7.1 Spam message rejected; \
         from=<a@example.net> proto=ESMTP helo=<mail-wr1-f54.google.com>",
    );
    assert_eq!(d.isp, None);
}

#[test]
fn provider_wordings_and_relay_hosts_name_the_receiver() {
    // Yahoo's own 5.7.9 wording without host or URL.
    let d = diagnose("554 5.7.9 Message not accepted for policy reasons.");
    assert_eq!(d.isp, Some(Isp::Yahoo));
    assert_eq!(d.category, Category::Auth);
    // Apple's Hide My Email relay host.
    let d = diagnose(
        "dsn=5.1.1, status=bounced (host smtp1.privaterelay.appleid.com[17.57.152.15] said: \
         550 5.1.1 <test-of-zhzkndneko@privaterelay.appleid.com>: user not found (in reply to \
         RCPT TO command))",
    );
    assert_eq!(d.isp, Some(Isp::Apple));
    // Mailgun's event log names the receiving host in `mx-host`; the address is the
    // sender's.
    let d = diagnose(
        "\"delivery-status\": {\"tls\": true, \"mx-host\": \"mail.adamspiers.org\", \"code\": 450, \
         \"message\": \"4.1.8 <bounce+f2fe0d.521ee4-smv=adamspiers.org@staging.swapmyvote.uk>: \
         Sender address rejected: Domain not found\"}",
    );
    assert_eq!(d.isp, Some(Isp::Other));
    // JavaMail's debug log: the server it connected to answers the EHLO.
    let d = diagnose(
        "DEBUG SMTP: connected to host \"smtp.example.org\", port: 25\nEHLO app.example.net\n501 5.5.4 Invalid domain name",
    );
    assert_eq!(d.isp, Some(Isp::Other));
    assert_eq!(d.category, Category::Dns);
    // Barracuda ESS's own line: its host, without `host ... said`.
    let d = diagnose(
        "mx27.ess.sfj.cudaops.com #550 permanent failure for one of more recipients \
         (<redacted> Please ensure the email service you are sending from either has SPF or \
         DKIM. You can most...) ##",
    );
    assert_eq!(d.isp, Some(Isp::Other));
    // Barracuda's message log: the destination host, its port, then its reply; a port
    // without a reply after it names no one.
    let d = diagnose("Rejected (mail.example.org:25:550 5.1.1 User unknown)");
    assert_eq!(d.isp, Some(Isp::Other));
    let d = diagnose("Rejected (mail.example.org:2525 550 5.1.1 User unknown)");
    assert_eq!(d.isp, None);
    // A smarthost at Microsoft 365 (`smtp.office365.com`) refusing the relay's login: the
    // refusing server, not the recipient's company domain in `to=<>`.
    let d = diagnose(
        "postfix/smtp[512]: CB7251661E1: to=<a@example.org>, relay=smtp.office365.com[52.98.140.2]:587, \
         dsn=4.7.0, status=deferred (SASL authentication failed; cannot authenticate to server \
         smtp.office365.com[52.98.140.2]: generic failure)",
    );
    assert_eq!(d.isp, Some(Isp::Outlook));
    // Postfix's client restriction quotes the sender's (Gmail's) host: the receiver is the
    // one whose help URL the reply cites.
    let d = diagnose(
        "554 5.7.1 <mail-pg1-f174.google.com[]>: Client host rejected: Address locked or \
         deactivated; see http://mail.messagingengine.com/docs/locked.html",
    );
    assert_eq!(d.isp, Some(Isp::Other));
    // Google Groups' own wording names Google, whatever the group's domain.
    let d = diagnose(
        "Diagnostic-Code: smtp; Your email to group list@example.org was rejected due to spam \
         classification.",
    );
    assert_eq!(d.isp, Some(Isp::Gmail));
    // A forwarding service's help URL names it (two labels: its own row).
    let d = diagnose("550 Please ensure the email service you are sending from has SPF. Please see https://forwardemail.net");
    assert_eq!(d.isp, Some(Isp::Other));
    // Postini's mark without its host.
    assert_eq!(
        diagnose("571 spam source blocked - psmtp").isp,
        Some(Isp::Other)
    );
    // Exchange Online's 5.7.60 wording without its host.
    let d = diagnose(
        "2025-06-26 08:50:43,741 - DEBUG - Socket Exception: (550, b'5.7.60 SMTP; Client does \
         not have permissions to send as this sender')",
    );
    assert_eq!(d.isp, Some(Isp::Outlook));
    assert_eq!(d.category, Category::Auth);
    // JavaMail names the server it could not reach: "SMTP host: <host>".
    let d = diagnose(
        "Caused: javax.mail.MessagingException: Could not connect to SMTP host: smtp.gmail.com, \
         port: 465;\n  nested exception is:\n\tjava.net.ConnectException: Connection refused: connect",
    );
    assert_eq!(d.isp, Some(Isp::Gmail));
    assert_eq!(d.category, Category::Connection);
    // Postfix's "connect to" in Vietnamese (Zing Mail) names the receiving host; a
    // sender's server named after "của bạn" (your) is no host.
    let d = diagnose("Kết nối với abcd.com [123.123.123.123]: *");
    assert_eq!(d.isp, Some(Isp::Other));
    assert_eq!(d.category, Category::Connection);
    assert_eq!(diagnose("Mất kết nối với máy chủ của bạn").isp, None);
    // Exim's sender callout in the receiver's own log names the sender's server, not a
    // receiver (the address hidden, as the page that quoted it hid it); a recipient
    // callout's host is the next hop's.
    let callout = "H=relay1.example.com [192.0.2.1] sender verify defer for : could not \
                   connect to mail.example.net [192.0.2.2]: Connection timed out";
    assert_eq!(diagnose(callout).isp, None);
    let callout = "recipient verify defer for <b@example.org>: could not connect to \
                   mx.example.org [192.0.2.3]: Connection timed out";
    assert_eq!(diagnose(callout).isp, Some(Isp::Other));
    // A filtering gateway's host in Exchange's older diagnostic line ("host #550 ...
    // ##"), after "Recipient server:", and a recipient's line in Halon's report ("<a>
    // failed: domain->MX:") name the receiver; a "#" comment after a name does not.
    for text in [
        "mx17.antispamcloud.com #550 message submission is for authorised users only! ##",
        "Recipient server: d123.ess.barracudanetworks.com SMTP response: 550 permanent failure",
        "<someone@example.net> failed: example.net->MX:\n552 Spam Message Rejected",
    ] {
        assert_eq!(diagnose(text).isp, Some(Isp::Other), "{text}");
    }
    assert_eq!(diagnose("mx.example.org # a comment").isp, None);
    // Gmail's "The user you are trying to contact ..." as Google translates it.
    for text in [
        "450 4.2.1 Der Nutzer, den Sie kontaktieren möchten, erhält zu rasch E-Mails.",
        "450 4.2.1 O usuário com quem você está tentando entrar em contato está recebendo e-mails muito rápido.",
        // ... its domain-setting refusals and its rate reply in German.
        "421 4.7.0 IP nicht in Zulassungsliste für RCPT-Domain, Verbindung wird beendet.",
        "421 4.7.28 Unser System hat eine ungewöhnliche Anzahl von E-Mails festgestellt.",
    ] {
        assert_eq!(diagnose(text).isp, Some(Isp::Gmail), "{text}");
    }
}
