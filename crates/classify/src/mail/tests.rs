//! The reader on small whole messages of each shape.

use super::*;

/// The recipients of a bounce, with the text the classifier will read for each.
fn recipients(m: &str) -> Vec<(Option<String>, String)> {
    let msg = read(m.as_bytes()).expect("a whole message");
    assert_eq!(msg.not_a_bounce, None, "{m}");
    msg.recipients
        .into_iter()
        .map(|r| (r.address, String::from_utf8_lossy(&r.text).into_owned()))
        .collect()
}

fn kind(m: &str) -> Option<NotABounce> {
    read(m.as_bytes()).expect("a whole message").not_a_bounce
}

#[test]
fn a_pasted_dsn_or_reply_is_not_a_whole_message() {
    assert!(!is_message(b"550 5.1.1 user unknown"));
    assert!(!is_message(
        b"Reporting-MTA: dns; mx.example.com\nArrival-Date: x\n\nFinal-Recipient: rfc822; a@b.com\nStatus: 5.1.1\n"
    ));
    assert!(is_message(b"From: a@b.com\r\nSubject: x\r\n\r\nbody"));
    assert!(read(b"").is_none());
}

const DSN: &str = "From: MAILER-DAEMON@mx.example.net\r
To: sender@example.com\r
Subject: Undelivered Mail Returned to Sender\r
Authentication-Results: mx.example.net; spf=fail; dkim=fail\r
Content-Type: multipart/report; report-type=delivery-status; boundary=\"BB\"\r
\r
--BB\r
Content-Type: text/plain; charset=us-ascii\r
\r
<a@aol.com>: host mx.aol.com[192.0.2.1] said: 550 5.1.1 user unknown\r
\r
<b@example.org>: host mx.example.org said: 452 4.2.2 mailbox full\r
\r
--BB\r
Content-Type: message/delivery-status\r
\r
Reporting-MTA: dns; mx.example.net\r
\r
Final-Recipient: rfc822; a@aol.com\r
Action: failed\r
Status: 5.1.1\r
Remote-MTA: dns; mx.aol.com\r
Diagnostic-Code: smtp; 550 5.1.1 user unknown\r
\r
Final-Recipient: rfc822; b@example.org\r
Action: delayed\r
Status: 4.2.2\r
Diagnostic-Code: smtp; 452 4.2.2 mailbox full\r
\r
Final-Recipient: rfc822; c@example.org\r
Action: delivered\r
Status: 2.0.0\r
\r
--BB\r
Content-Type: message/rfc822\r
\r
From: sender@example.com\r
Subject: blocked using zen.spamhaus.org\r
\r
Our offer: spam filters, DKIM, listed in every blacklist.\r
--BB--\r
";

#[test]
fn each_failed_dsn_recipient_gets_its_lines_and_fields() {
    let r = recipients(DSN);
    assert_eq!(r.len(), 2, "{r:?}");
    assert_eq!(r[0].0.as_deref(), Some("a@aol.com"));
    assert!(
        r[0].1.starts_with("<a@aol.com>: host mx.aol.com"),
        "{}",
        r[0].1
    );
    assert!(r[0]
        .1
        .contains("Final-Recipient: rfc822; a@aol.com\nAction: failed"));
    assert!(r[0].1.contains("Remote-MTA: dns; mx.aol.com"));
    assert!(!r[0].1.contains("mailbox full"), "{}", r[0].1);
    assert_eq!(r[1].0.as_deref(), Some("b@example.org"));
    assert!(r[1].1.contains("452 4.2.2 mailbox full"));
    for (_, text) in &r {
        for word in ["Reporting-MTA", "spamhaus", "blacklist", "DKIM", "spf=fail"] {
            assert!(!text.contains(word), "{word} in {text}");
        }
    }
}

#[test]
fn qmail_and_exim_reports_are_cut_before_the_original() {
    let qmail = "From: MAILER-DAEMON@example.jp\nSubject: failure notice\n\nHi. This is the qmail-send program at example.jp.\n\n<a@example.ne.jp>:\nRemote host said: 550 5.1.1 unknown user\n\n<b@example.ne.jp>:\nRemote host said: 552 5.2.2 over quota\n\n--- Below this line is a copy of the message.\n\nReturn-Path: <x@example.jp>\nSubject: blocked using spamhaus\n";
    let r = recipients(qmail);
    assert_eq!(r.len(), 2);
    assert_eq!(r[1].0.as_deref(), Some("b@example.ne.jp"));
    assert!(r[1].1.contains("over quota") && !r[1].1.contains("unknown user"));
    assert!(r.iter().all(|(_, t)| !t.contains("spamhaus")));

    let exim = "From: Mail Delivery System <Mailer-Daemon@example.org>\nX-Failed-Recipients: a@example.ed.jp\nSubject: Mail delivery failed\n\nThis message was created automatically by mail delivery software.\n\n  a@example.ed.jp\n    mailbox is full: retry timeout exceeded\n\n------ This is a copy of the message, including all the headers. ------\n\nReturn-path: <x@example.org>\nReceived: from localhost\nSubject: DMARC report\n";
    let r = recipients(exim);
    assert_eq!(r, [(Some("a@example.ed.jp".to_owned()), r[0].1.clone())]);
    assert!(r[0].1.contains("mailbox is full") && !r[0].1.contains("DMARC"));
}

#[test]
fn encoded_and_html_reports_are_decoded() {
    let qp = "From: postmaster@example.com\nSubject: Undeliverable\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n<a@example.fr>: 550 5.1.1 bo=EEte inexistante, user unkno=\nwn\n";
    let r = recipients(qp);
    assert!(
        r[0].1.contains("boîte inexistante, user unknown"),
        "{}",
        r[0].1
    );

    let b64 = "From: postmaster@example.com\nSubject: Undeliverable\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\nPGFAZXhhbXBsZS5mcj46IDU1MCA1LjEuMSB1c2VyIHVua25vd24K\n";
    let r = recipients(b64);
    assert_eq!(r[0].0.as_deref(), Some("a@example.fr"));
    assert!(r[0].1.contains("550 5.1.1 user unknown"));

    let html = "From: postmaster@example.com\nSubject: Undeliverable\nContent-Type: text/html\n\n<html><head><style>b{}</style></head><body><p>a@example.fr</p><p>550&nbsp;5.1.1 user unknown</p></body></html>";
    let r = recipients(html);
    assert!(r[0].1.contains("550 5.1.1 user unknown") && !r[0].1.contains("<p>"));
}

#[test]
fn the_report_lines_that_describe_the_original_are_left_out() {
    let m = "From: postmaster@example.net\nSubject: Delivery Notification\n\nThis report relates to a message you sent with the following header fields:\n\n  Message-id: <x@example.com>\n  Subject: content policy and spam\n\nYour message cannot be delivered to the following recipients:\n\n  Recipient address: a@example.jp\n  Reason: user unknown\n";
    let r = recipients(m);
    assert!(r[0].1.contains("Reason: user unknown"));
    assert!(!r[0].1.contains("content policy") && !r[0].1.contains("Message-id"));
}

#[test]
fn a_forwarded_bounce_is_read_as_that_bounce() {
    let m = "From: customer@example.com\nSubject: Fwd: Returned mail: see transcript for details\n\nCan you check this?\n\nBegin forwarded message:\n\n> From: Mail Delivery Subsystem <MAILER-DAEMON@example.jp>\n> Subject: Returned mail\n> Date: today\n>\n> <a@example.com>\n>     (reason: 550 5.1.1 <a@example.com>... User unknown)\n";
    let r = recipients(m);
    assert_eq!(r[0].0.as_deref(), Some("a@example.com"));
    assert!(r[0].1.contains("User unknown") && !r[0].1.contains("Can you check"));
}

#[test]
fn an_ses_notification_is_read_as_a_dsn() {
    let m = "From: no-reply@sns.amazonaws.com\nSubject: AWS Notification Message\n\n{\"notificationType\":\"Bounce\",\"bounce\":{\"bouncedRecipients\":[{\"emailAddress\":\"a@example.com\",\"action\":\"failed\",\"status\":\"5.1.1\",\"diagnosticCode\":\"smtp; 550 5.1.1 user unknown\"}]}}\n";
    let r = recipients(m);
    assert_eq!(r[0].0.as_deref(), Some("a@example.com"));
    assert!(r[0]
        .1
        .contains("Diagnostic-Code: smtp; 550 5.1.1 user unknown"));
    let delivered = m.replace("\"Bounce\"", "\"Delivery\"");
    assert_eq!(kind(&delivered), Some(NotABounce::Receipt));
    let verified = DSN
        .replace("Action: failed", "Action: deliverable")
        .replace("Action: delayed", "Action: deliverable");
    assert_eq!(kind(&verified), Some(NotABounce::Receipt));
}

#[test]
fn blank_lines_before_the_header_do_not_hide_the_message() {
    let auto = "From: a@example.net\nPrecedence: auto_reply\nSubject: Re: hello\n\nI only accept approved senders.\n";
    assert_eq!(kind(auto), Some(NotABounce::AutoReply));
    let padded = format!("   \n\n{auto}");
    assert_eq!(kind(&padded), Some(NotABounce::AutoReply));
    // An indented first line is no header: the text stays a pasted one.
    assert!(read(format!("\n  {auto}").as_bytes()).is_none());
}

#[test]
fn a_delivery_agents_rejection_sent_as_a_disposition_is_a_bounce() {
    let mdn = |disposition: &str| {
        format!("From: Mail Delivery Subsystem <admin@example.net>\nSubject: Automatically rejected mail\nContent-Type: multipart/report; report-type=disposition-notification; boundary=x\n\n--x\nContent-Type: text/plain\n\nYour message to <a@example.com> was automatically rejected:\nQuota exceeded\n--x\nContent-Type: message/disposition-notification\n\nReporting-UA: mail; Dovecot Mail Delivery Agent\nFinal-Recipient: rfc822; a@example.com\nDisposition: {disposition}\n--x--\n")
    };
    let r = recipients(&mdn("automatic-action/MDN-sent-automatically; deleted"));
    assert_eq!(r[0].0.as_deref(), Some("a@example.com"));
    assert!(r[0].1.contains("Quota exceeded"));
    for receipt in [
        "manual-action/MDN-sent-manually; displayed",
        "manual-action/MDN-sent-manually; deleted",
    ] {
        assert_eq!(kind(&mdn(receipt)), Some(NotABounce::Receipt), "{receipt}");
    }
}

#[test]
fn a_delivery_status_part_written_as_prose_is_the_report() {
    let m = "From: Mail Administrator <Postmaster@example.net>\nSubject: Mail System Error - Returned Mail\nContent-Type: multipart/report; report-type=delivery-status; boundary=x\n\n--x\nContent-Type: message/delivery-status\n\nThis Message was undeliverable due to the following reason:\n\n<a@example.net> has restricted SMS e-mail\n--x\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mta.example.net\n\nFinal-Recipient: RFC822; <a@example.net>\nAction: failed\nStatus: 5.3.0\n--x--\n";
    let r = recipients(m);
    assert_eq!(r[0].0.as_deref(), Some("a@example.net"));
    assert!(r[0].1.contains("restricted SMS") && r[0].1.contains("Status: 5.3.0"));
    assert!(!r[0].1.contains("Reporting-MTA"));
}

#[test]
fn what_is_not_a_bounce_is_said_to_be_so() {
    let auto = "From: a@example.net\nAuto-Submitted: auto-replied\nSubject: Away until May 5\n\nI am away.\n";
    assert_eq!(kind(auto), Some(NotABounce::AutoReply));
    let ooo = "From: a@example.net\nSubject: Automatic reply: hello\n\nOut of office.\n";
    assert_eq!(kind(ooo), Some(NotABounce::AutoReply));
    // Passed on by an ESP under its own mail system's name: still the reply.
    let relayed = "From: MAILER-DAEMON@esp.example\nAuto-Submitted: auto-replied\nX-Autoreply: yes\nSubject: Out of Office Re: report\n\nPlease write to b@example.net.\n";
    assert_eq!(kind(relayed), Some(NotABounce::AutoReply));
    // A bounce of a reply is a bounce: it says the reply was not delivered.
    let bounced = "From: MAILER-DAEMON@mx.example\nAuto-Submitted: auto-replied\nSubject: Undeliverable: Out of Office\n\nYour message could not be delivered.\n";
    assert_eq!(kind(bounced), None);
    let arf = "From: fbl@example.net\nSubject: report\nContent-Type: multipart/report; report-type=feedback-report; boundary=x\n\n--x\n\nA complaint.\n--x\nContent-Type: message/feedback-report\n\nFeedback-Type: abuse\n--x--\n";
    assert_eq!(kind(arf), Some(NotABounce::FeedbackReport));
    let jmrp = "From: staff@hotmail.com\nSubject: complaint about message from 192.0.2.1\n\nx\n";
    assert_eq!(kind(jmrp), Some(NotABounce::FeedbackReport));
    let delivered = DSN
        .replace("Action: failed", "Action: delivered")
        .replace("Action: delayed", "Action: relayed");
    assert_eq!(kind(&delivered), Some(NotABounce::Receipt));
    let ordinary = "From: a@example.net\nTo: b@example.org\nSubject: lunch\nContent-Type: multipart/mixed; boundary=m\n\n--m\n\nSee the attached mail, it is not a bounce.\n--m\nContent-Type: message/rfc822\n\nFrom: c@example.net\nSubject: hello\n\nhi\n--m--\n";
    assert_eq!(kind(ordinary), Some(NotABounce::OrdinaryMail));
    // The same mail from a mail system's address is a bounce.
    let daemon =
        "From: MAILER-DAEMON@example.net\nSubject: x\n\n<b@example.org>: 550 5.1.1 unknown\n";
    assert_eq!(kind(daemon), None);
}

#[test]
fn the_recipient_comes_from_the_report_when_no_line_starts_with_it() {
    let m = "From: postmaster@example.jp\nSubject: Returned mail\n\n   ----- Transcript of session follows -----\n>>> MAIL From:<sender@example.jp>\n>>> RCPT To:<a@example.org>\n<<< 550 User unknown\n\n   ----- Unsent message follows -----\nTo: typo@exampel.org\n";
    let r = recipients(m);
    assert_eq!(r[0].0.as_deref(), Some("a@example.org"));
    let m = "From: postmaster@example.jp\nSubject: Returned mail\n\nYour mail could not be delivered.\n\n----- Original message -----\nFrom: s@example.jp\nTo: b@example.org\nSubject: hi\n";
    assert_eq!(recipients(m)[0].0.as_deref(), Some("b@example.org"));
    // An address after a label or "to", not a contact's.
    let m = "From: postmaster@example.jp\nSubject: Undeliverable Mail\n\nPlease contact postmaster@example.jp.\nDelivery failed 20 attempts: c@example.org\n\n----- Original message -----\nTo: b@example.org\n";
    assert_eq!(recipients(m)[0].0.as_deref(), Some("c@example.org"));
    let m = "From: MAILER-DAEMON@example.jp\nSubject: Mail delivery failure\n\nThe following message, addressed to 'd@example.org',\nfailed because it has not been collected after 30 days\n";
    assert_eq!(recipients(m)[0].0.as_deref(), Some("d@example.org"));
}

#[test]
fn a_report_pasted_without_its_header_names_its_one_recipient() {
    let one = |text: &str| pasted::recipient_counted(text.as_bytes()).0;
    let named = [
        ("This is the mail system at host mx.example.net.\n\n<a@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1\n    <a@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO\n    command)\n", "a@example.org"),
        ("Reporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; b@example.org\nAction: failed\nStatus: 5.1.1\n", "b@example.org"),
        // A sentence that writes the address after "to" (Gmail's delay notice, Cisco's
        // report).
        ("** Delivery incomplete **\n\nThere was a temporary problem delivering your message to d@example.org. Gmail will retry for 47 more hours.\n", "d@example.org"),
        ("The following message to <e@example.org> was undeliverable.\nThe reason for the problem:\n5.1.0 - Unknown address error 550-'5.4.1 Recipient address rejected: Access denied.'\n", "e@example.org"),
    ];
    for (text, address) in named {
        assert_eq!(one(text).as_deref(), Some(address), "{text}");
    }
    // A reply that only quotes an address, two different recipients, and a whole message
    // name no one here.
    assert_eq!(
        one("550 5.7.1 <s@example.com>: Sender address rejected: Access denied"),
        None
    );
    assert_eq!(
        one("<a@example.org>: host x said: 550 unknown\n\n<c@example.org>: host x said: 550 unknown\n"),
        None
    );
    assert_eq!(one(DSN), None);
}

#[test]
fn lossy_is_from_utf8_lossy() {
    let same = |b: &[u8]| assert_eq!(super::lossy(b), String::from_utf8_lossy(b), "{b:x?}");
    // Every sequence of one to three bytes, and each with a fourth byte of every kind.
    for a in 0..=255u8 {
        same(&[a]);
        for b in 0..=255u8 {
            same(&[a, b]);
            if a >= 0xe0 {
                for c in 0..=255u8 {
                    same(&[a, b, c]);
                }
            }
            if a >= 0xf0 {
                for c in [0x00, 0x41, 0x80, 0x8f, 0x90, 0xbf, 0xc0, 0xff] {
                    for d in [0x00, 0x41, 0x80, 0x8f, 0x90, 0xbf, 0xc0, 0xff] {
                        same(&[a, b, c, d]);
                        same(&[b'x', a, b, c, d, b'y']);
                    }
                }
            }
        }
    }
    same("plain é ✓ 😀 text".as_bytes());
    same(b"\xe2\x82 \xf0\x9f\x98 \xed\xa0\x80 \xc0\xaf \xf4\x90\x80\x80 \xff\xfe end \xe2");
}
