//! Whether a message is a bounce at all, from its structure and its header (never its
//! category: that comes from what the receiver said).

use std::borrow::Cow;

use super::header::Header;
use super::phrases;

/// A message that is not a bounce, by what it is instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotABounce {
    /// An automatic reply (out of office, vacation, auto-responder; RFC 3834).
    AutoReply,
    /// A feedback-loop (spam complaint) report (ARF, RFC 5965).
    FeedbackReport,
    /// A successful delivery report or a read receipt.
    Receipt,
    /// An ordinary message.
    OrdinaryMail,
}

impl NotABounce {
    pub fn as_str(self) -> &'static str {
        match self {
            NotABounce::AutoReply => "auto_reply",
            NotABounce::FeedbackReport => "feedback_report",
            NotABounce::Receipt => "receipt",
            NotABounce::OrdinaryMail => "ordinary_mail",
        }
    }
}

/// Senders of bounces: the local part (or display name) of `From` / `Return-Path`.
const DAEMONS: &str = phrase_list![
    "mailer-daemon",
    // Alt-N's MDaemon signs its bounces with its name.
    "mdaemon@",
    "postmaster",
    "mail delivery",
    "maildelivery",
    "mail administrator",
    "mmsc ndr",
    "ndr administrator",
    "post_master",
    "mailer_daemon",
];

/// Words of a bounce's subject (English, French, German, Spanish, Italian).
const BOUNCE_SUBJECTS: &str = phrase_list![
    "undeliverable",
    "undelivered",
    "undeliverd",
    "delivery status notification",
    "delivery failure",
    "delivery failed",
    "delivery has failed",
    "delivery problem",
    "returned mail",
    "mail delivery failed",
    "failure notice",
    "non-delivery",
    "nondeliverable",
    "non remis",
    "unzustellbar",
    "no se puede entregar",
    "mail system error",
    "could not be delivered",
    "delivery notification",
    "warning: could not send",
    "mail error",
    "returned to sender",
];

/// Words of an automatic reply's subject (English, German, French, Polish, Latvian).
const AUTO_REPLY_SUBJECTS: &str = phrase_list![
    "auto:",
    "auto reply",
    "auto-reply",
    "autoreply",
    "autorespons",
    "automatic reply",
    "out of office",
    "out of the office",
    "abwesenheit",
    "réponse automatique",
    "automatyczna odpowied",
    "automatiska atbilde",
];

/// Whether `hay` contains `needle`, ASCII case-insensitively.
pub(crate) fn contains_ci(hay: &[u8], needle: &str) -> bool {
    let n = needle.as_bytes();
    // `max(1)`: as in `ses::find`, no panic message for windows of length zero.
    n.len() <= hay.len()
        && hay
            .windows(n.len().max(1))
            .any(|w| w.eq_ignore_ascii_case(n))
}

/// Whether `hay` contains one of the phrases of `list` (a [`phrase_list!`]), ASCII
/// case-insensitively.
fn contains_any_ci(hay: &[u8], list: &'static str) -> bool {
    phrases(list).any(|p| contains_ci(hay, p))
}

/// Phrases of a delivery failure report (looked for near the start of the report, for a
/// message whose header does not say it is a bounce).
const UNDELIVERED: &str = phrase_list![
    "could not be delivered",
    "couldn't be delivered",
    "was not delivered",
    "were not delivered",
    "undeliverable",
    "delivery has failed",
    "delivery failed",
    "failed to deliver",
    "unable to deliver",
    "could not deliver",
    "permanent error",
    "permanent fatal error",
    "following address(es) failed",
    "non-delivery",
    // ITS COMSAT's and other old systems' opening line: "A copy of your message is being
    // returned, because:".
    "is being returned",
];

/// Whether the start of a report says that a message was not delivered.
pub(crate) fn says_undelivered(report: &[u8]) -> bool {
    let head = &report[..report.len().min(2048)];
    contains_any_ci(head, UNDELIVERED)
}

/// What the header says about the sender and the message.
pub(crate) struct Signs {
    /// Microsoft's junk-mail reports (JMRP) carry no ARF part: "complaint about message
    /// from <IP>".
    pub complaint_subject: bool,
    /// Sent by a mail system (`MAILER-DAEMON`, `postmaster`...), or listing failed
    /// recipients (`X-Failed-Recipients`), or titled as a bounce.
    pub bounce_header: bool,
    pub auto_reply_header: bool,
    /// The reply's own markers (`X-Autoreply`, an "Out of Office" subject...), which a
    /// bounce does not carry; `Auto-Submitted: auto-replied` alone is not one: bounces
    /// carry it too.
    pub auto_reply_marker: bool,
}

/// Reads the header's signs. Bounded: only a few short fields are looked at.
pub(crate) fn signs(header: &Header<'_>, subject: &[u8]) -> Signs {
    let sender = |name: &str| {
        header
            .get(name)
            .map(|v| &v[..v.len().min(200)])
            .is_some_and(|v| contains_any_ci(v, DAEMONS))
    };
    // The null address as the author (`From: <>`, `"Jetmail System" <>`) only a mail
    // system writes: an auto-responder signs with its user's address (its Return-Path is
    // null too).
    let null_from = header
        .get("from")
        .is_some_and(|v| v.trim_ascii().ends_with(b"<>"));
    let subject = &subject[..subject.len().min(300)];
    let bounce_header = sender("from")
        || null_from
        || sender("return-path")
        || header.has("x-failed-recipients")
        || contains_any_ci(subject, BOUNCE_SUBJECTS);
    let auto_submitted = header
        .get("auto-submitted")
        .is_some_and(|v| contains_ci(v, "auto-replied"));
    let precedence = header
        .get("precedence")
        .is_some_and(|v| contains_ci(v, "auto_reply") || contains_ci(v, "auto-reply"));
    let auto_reply_marker = header.has("x-autoreply")
        || header.has("x-autorespond")
        || header.has("x-autoresponder")
        || contains_any_ci(subject, AUTO_REPLY_SUBJECTS);
    Signs {
        complaint_subject: contains_ci(subject, "complaint about message from"),
        bounce_header,
        auto_reply_header: auto_submitted || precedence || auto_reply_marker,
        auto_reply_marker,
    }
}

/// The answer for a message that is not a bounce: category `other`, rule
/// `not-a-bounce`, a title and a reason saying what it is, nothing to do.
pub(crate) fn answer(kind: NotABounce) -> crate::Classification {
    let (title, reason) = match kind {
        NotABounce::AutoReply => (
            "Not a bounce: an automatic reply",
            "The message is an automatic reply (out of office, vacation, auto-responder): the recipient's system received the mail.",
        ),
        NotABounce::FeedbackReport => (
            "Not a bounce: a spam complaint report",
            "The message is a feedback-loop report: a recipient marked a message as spam. It tells of a complaint, not of a delivery failure; many of them at once are a complaint spike.",
        ),
        NotABounce::Receipt => (
            "Not a bounce: a delivery or read receipt",
            "The message reports a successful delivery (or that the message was read), not a failure.",
        ),
        NotABounce::OrdinaryMail => (
            "Not a bounce",
            "The message has no delivery report and is not from a mail system: it reads as ordinary mail.",
        ),
    };
    crate::Classification {
        category: crate::Category::Other,
        rule: Cow::Borrowed("not-a-bounce"),
        title: title.to_owned(),
        reasons: vec![Cow::Borrowed(reason)],
        next_steps: vec![Cow::Borrowed(
            "Nothing to report for this message. To check a bounce, give the bounce message itself.",
        )],
        ..crate::Classification::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::header::split;

    #[test]
    fn a_report_that_returns_the_message_says_so() {
        assert!(says_undelivered(
            b"=== A copy of your message is being returned, because: ===\n\"X\" at H.ORG is an unknown recipient.\n"
        ));
        assert!(!says_undelivered(b"Hello,\nthe report is attached.\n"));
    }

    #[test]
    fn daemons_subjects_and_auto_replies() {
        let (h, _) = split(b"From: Mail Delivery Subsystem <MAILER-DAEMON@x.jp>\n\n");
        assert!(signs(&h, b"").bounce_header);
        let (h, _) = split(b"From: a@b.jp\nAuto-Submitted: auto-replied\n\n");
        let s = signs(&h, b"Away until May 5");
        assert!(!s.bounce_header && s.auto_reply_header);
        let (h, _) = split(b"From: a@b.jp\n\n");
        assert!(signs(&h, b"Undeliverable: hello").bounce_header);
        assert!(signs(&h, b"Automatic reply: hello").auto_reply_header);
        assert!(!signs(&h, b"hello").auto_reply_header);
        let (h, _) = split(b"From: <>\nAuto-Submitted: auto-replied\n\n");
        assert!(signs(&h, b"").bounce_header);
        let (h, _) = split(b"Return-Path: <>\nFrom: a@b.jp\nAuto-Submitted: auto-replied\n\n");
        assert!(!signs(&h, b"").bounce_header);
    }
}
