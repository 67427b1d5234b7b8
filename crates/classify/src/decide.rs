//! The decision: from the signals and codes to category, ISP, blocklist and bounce kind.
//!
//! The order of the checks is the policy (first match wins), safest first: false friends,
//! provider reason codes, blocklist citations, then causes stated in words from the most
//! specific to the vaguest, then the code alone.

use crate::codes::Enhanced;
use crate::meaning;
use crate::model::{Blocklist, BounceKind, Category, Isp};
use crate::rules::Sig::{self, *};
use crate::rules::RECIPIENT_DOMAINS;
use crate::scan::Sigs;

/// The outcome of the decision (before meanings and hints are attached).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    pub category: Category,
    pub blocklist: Option<Blocklist>,
    pub rule: &'static str,
}

/// The causes stated in words, in decision order (first part: up to reputation).
const WORDS: &[(Sig, Category, &str)] = &[
    (Suppressed, Category::Recipient, "sender-suppression"),
    (SenderMailbox, Category::Other, "sender-mailbox-words"),
    (ClientName, Category::Dns, "dns-words"),
    (RelayStrong, Category::Relay, "relay-denied"),
    (
        RecipientAuthOnly,
        Category::Recipient,
        "recipient-allow-list",
    ),
    (SendingCredit, Category::RateLimit, "rate-words"),
    (SmtpLogin, Category::Auth, "smtp-login"),
    (Auth, Category::Auth, "auth-words"),
    (Tls, Category::Tls, "tls-words"),
    (LookupRetry, Category::Connection, "lookup-retry-words"),
    (RcptHost, Category::Recipient, "recipient-host-words"),
    (Dns, Category::Dns, "dns-words"),
    (Greylist, Category::Greylist, "greylist-words"),
    (Loop, Category::Other, "mail-loop"),
    (AllHostsFailed, Category::Connection, "connection-words"),
    (SenderLimit, Category::Other, "sender-limit-words"),
    (
        MailboxFullStrong,
        Category::MailboxFull,
        "mailbox-full-words",
    ),
    (ReputationStrong, Category::Reputation, "reputation-words"),
    (RateRecipient, Category::RateLimit, "recipient-rate-words"),
    (Rate, Category::RateLimit, "rate-words"),
    (MailboxFull, Category::MailboxFull, "mailbox-full-words"),
    (RcptStrong, Category::Recipient, "recipient-words"),
    (RcptWeak, Category::Recipient, "recipient-rejected-words"),
    (AllowList, Category::Recipient, "recipient-allow-list"),
    (Relay, Category::Relay, "relay-words"),
    (SpamVerdict, Category::Reputation, "reputation-words"),
    (FileType, Category::Content, "content-words"),
    (Content, Category::Content, "content-words"),
    (Reputation, Category::Reputation, "reputation-words"),
    (AccessDenied, Category::Reputation, "reputation-words"),
    (SenderRefused, Category::Reputation, "reputation-words"),
    (ContentFilter, Category::Content, "content-words"),
];

/// The vaguest causes, after a refusal at the greeting.
const LAST_WORDS: &[(Sig, Category, &str)] = &[
    (Connection, Category::Connection, "connection-words"),
    (ReceiverSystem, Category::Other, "receiver-system-words"),
    (TryLater, Category::Other, "receiver-system-words"),
    (BcRecipient, Category::Recipient, "powermta-bouncecat"),
    (BcFull, Category::MailboxFull, "powermta-bouncecat"),
    (BcReputation, Category::Reputation, "powermta-bouncecat"),
    (BcContent, Category::Content, "powermta-bouncecat"),
    (BcRelay, Category::Relay, "powermta-bouncecat"),
    (BcConnection, Category::Connection, "powermta-bouncecat"),
    (BcDns, Category::Dns, "powermta-bouncecat"),
];

/// Provider reason codes written in the text, in decision order.
const MARKERS: &[(Sig, Category, &str)] = &[
    (MsList, Category::Blocklist, "microsoft-s3150"),
    (YahooList, Category::Blocklist, "yahoo-list"),
    (ComcastList, Category::Blocklist, "comcast-bl"),
    (YahooRate, Category::RateLimit, "yahoo-tss"),
    (YahooPerm, Category::Reputation, "yahoo-perm"),
    (YahooContent, Category::Content, "yahoo-content"),
    (AppleReputation, Category::Reputation, "apple-cs01"),
    (AppleAuth, Category::Auth, "apple-hme"),
    (ComcastRate, Category::RateLimit, "comcast-rl"),
    (ComcastAuth, Category::Auth, "comcast-dm"),
    (OutlookDynamic, Category::Reputation, "outlook-dy-001"),
];

/// Signals that void another wherever they are in the text: `(marker, voided)`.
const VOIDS: &[(Sig, Sig)] = &[
    // Virus words next to a note that the mail was scanned for viruses (or a virus
    // scanner's name) are no cause.
    (ScanNote, Content),
    // A log that shows the TLS session set up, or the message's valid DKIM signatures,
    // states no TLS or DKIM failure by those words.
    (TlsUp, Tls),
    (DkimSigned, Auth),
    // A refused connection: no TLS was tried.
    (Refused, Tls),
    // The receiver's own log of its refusal (`NOQUEUE: reject: RCPT from`,
    // `milter-reject:`): the client reached it, so connection words around the refusal
    // are the receiver's own connections to its filters and lookups ("clamav: timeout
    // waiting port"), not the delivery's.
    (ReceiverLog, Connection),
    // Postfix's local submission program: no network connection to fail.
    (LocalSubmit, Connection),
    // An empty field of URIBL hits cites no list.
    (NoUriblHit, OtherList),
];

/// The signals to decide from: the innermost reply's when it states a cause, unless it
/// only says the receiver has trouble ("service unavailable", "try again later") or that
/// the delivery gave up (qmail's "in the queue too long" after the reply) while the text
/// around it names a cause (a transcript's `mail.local: unknown user`, qmail's "my name
/// was rejected").
pub fn deciding(inner: Sigs, all: Sigs) -> Sigs {
    // A refused connection is a connection failure.
    let refused = |s: Sigs| {
        if s.has(Refused) {
            s.with(Connection)
        } else {
            s
        }
    };
    let (mut inner, mut all) = (refused(inner), refused(all));
    for &(marker, void) in VOIDS {
        if all.has(marker) {
            inner = inner.without(void);
            all = all.without(void);
        }
    }
    let vague = |s: Sigs| {
        WORDS.iter().all(|(sig, _, _)| !s.has(*sig))
            && s.any(&[ReceiverSystem, TryLater, Connection])
    };
    // A connection that failed, around a vague reply (Postfix's "delivery temporarily
    // suspended: connect to ...: server refused to talk to me: 421 Service not
    // available", qmail's "try again later ... in the queue too long"), is the cause.
    let specific = WORDS.iter().any(|(sig, _, _)| all.has(*sig))
        || blocklist(all).is_some()
        || all.has(Connection);
    if states_a_cause(inner) && !(vague(inner) && specific) {
        inner
    } else {
        all
    }
}

/// Whether the signals state any cause at all (used to prefer the innermost reply).
pub fn states_a_cause(s: Sigs) -> bool {
    WORDS
        .iter()
        .chain(LAST_WORDS)
        .any(|(sig, _, _)| s.has(*sig))
        || s.has(Greeting)
        || MARKERS.iter().any(|(sig, _, _)| s.has(*sig))
        || blocklist(s).is_some()
        || s.has(CudaNsu)
        || s.has(OrangeOfr)
}

/// The blocklist the text cites, if any. A list's own name, zone or lookup URL is
/// enough; "barracuda" alone needs a list word (its ESS gateway also rejects users).
pub fn blocklist(s: Sigs) -> Option<Blocklist> {
    const NAMED: &[(Sig, Blocklist)] = &[
        (Spamhaus, Blocklist::Spamhaus),
        (Barracuda, Blocklist::Barracuda),
        (Spamcop, Blocklist::Spamcop),
        (Sorbs, Blocklist::Sorbs),
        (Uceprotect, Blocklist::Uceprotect),
        (Invaluement, Blocklist::Invaluement),
        (MsList, Blocklist::Microsoft),
        (Proofpoint, Blocklist::Proofpoint),
        (Cloudmark, Blocklist::Cloudmark),
        (MimecastList, Blocklist::Mimecast),
    ];
    if let Some((_, b)) = NAMED.iter().find(|(sig, _)| s.has(*sig)) {
        return Some(*b);
    }
    if s.has(BarracudaName) && s.has(ListWord) {
        return Some(Blocklist::Barracuda);
    }
    if s.has(ListWord)
        && s.any(&[ListThreat, AllowList, FileType, Suppressed])
        && !s.any(&[OtherList, YahooList, ComcastList])
    {
        return None;
    }
    if s.any(&[OtherList, ListWord, YahooList, ComcastList]) {
        return Some(Blocklist::Other);
    }
    None
}

/// The receiving provider: named by its hosts, URLs, wording or reason codes. In a
/// receiver's own log the hosts named are its clients, so they say nothing; in the
/// report Gmail writes about another receiver, Google's links name the sender's provider.
pub fn isp(s: Sigs) -> Option<Isp> {
    if s.has(ReceiverLog) {
        return None;
    }
    if s.has(GmailReply) || (s.has(GmailHost) && !s.has(SenderNdr)) {
        return Some(Isp::Gmail);
    }
    const ORDER: &[(Sig, Isp)] = &[
        (OutlookHost, Isp::Outlook),
        (OutlookDynamic, Isp::Outlook),
        (YahooHost, Isp::Yahoo),
        (YahooRate, Isp::Yahoo),
        (YahooPerm, Isp::Yahoo),
        (YahooContent, Isp::Yahoo),
        (AppleHost, Isp::Apple),
        (AppleReputation, Isp::Apple),
        (AppleAuth, Isp::Apple),
        (GmxHost, Isp::Gmx),
        (OrangeHost, Isp::Orange),
        (OrangeOfr, Isp::Orange),
        (ComcastHost, Isp::Comcast),
        (ComcastList, Isp::Comcast),
        (ComcastRate, Isp::Comcast),
        (ComcastAuth, Isp::Comcast),
        (OtherHost, Isp::Other),
    ];
    ORDER
        .iter()
        .filter(|(sig, _)| {
            !(*sig == OutlookHost && (s.has(ExchangeNoDomain) || s.has(MicrosoftSenderNdr)))
        })
        .find(|(sig, _)| s.has(*sig))
        .map(|(_, i)| *i)
}

/// The receiver the recipient's domain (`domain` in `text`) names: the provider whose
/// consumer domain it is (also when anonymised as `gmail.example.com`), else a receiver
/// that is none of ours.
pub fn recipient_isp(text: &[u8], (start, end): (usize, usize)) -> Isp {
    let domain = text.get(start..end).unwrap_or_default();
    let dot = domain
        .iter()
        .position(|&c| c == b'.')
        .unwrap_or(domain.len());
    let (name, rest) = domain.split_at(dot);
    let rest = rest.get(1..).unwrap_or_default();
    // `yahoo.example.com`: a test corpus's stand-in for the provider's own domain.
    let placeholder = rest.starts_with(b"example.");
    // Any top-level domain: `fr`, `com`, `co.uk`, `com.au` (a short rest).
    let tld = (2..=6).contains(&rest.len());
    RECIPIENT_DOMAINS
        .iter()
        .find(|(n, r, _)| {
            // `*` as the name: any names before the domain (`a.mail.onmicrosoft.com`).
            (*n == "*"
                && rest
                    .strip_suffix(r.as_bytes())
                    .is_some_and(|h| h.is_empty() || h.ends_with(b".")))
                || (n.as_bytes() == name
                    && (placeholder || r.as_bytes() == rest || (*r == "*" && tld)))
        })
        .map_or(Isp::Other, |d| d.2)
}

/// Whether a recipient's address names the receiver of a bounce of this category.
/// Named as the recipient: always, but for a relay refusal (the refusing server is not
/// the recipient's). Unnamed (`550 5.1.1 <a>... User unknown`, `No such user (a)`): only
/// when the reply refuses the recipient (unknown, disabled, full, greylisted, receiving
/// too fast); before a block of the sender it may be the sender's own address (sendmail
/// quotes the address of the command it refuses).
pub fn recipient_counts(category: Category, named: bool) -> bool {
    match category {
        Category::Relay => false,
        Category::Recipient | Category::MailboxFull | Category::Greylist | Category::RateLimit => {
            true
        }
        _ => named,
    }
}

/// Decides the category. `ofr` is Orange's reason number, `code` the enhanced code.
/// The stages, first answer wins: the provider's own readings (false friends, reason
/// codes, a cited list), then the cause the words state, then the vaguest signs.
pub fn category(
    s: Sigs,
    ofr: Option<u16>,
    basic: Option<u16>,
    code: Option<Enhanced>,
    isp: Option<Isp>,
) -> Verdict {
    let s = advice_as_cause(s);
    provider_reading(s, ofr, code, isp)
        .or_else(|| stated_cause(s, basic, code))
        .unwrap_or_else(|| vaguest(s, basic, code))
}

/// The authentication and DNS words of advice to the sender ("be sure your SPF is set
/// up") are the cause only when the text states no other (a spam verdict states one).
fn advice_as_cause(s: Sigs) -> Sigs {
    if WORDS.iter().any(|(sig, _, _)| s.has(*sig)) {
        return s;
    }
    let s = if s.has(AuthAdvised) { s.with(Auth) } else { s };
    if s.has(DnsAdvised) {
        s.with(Dns)
    } else {
        s
    }
}

fn verdict(category: Category, blocklist: Option<Blocklist>, rule: &'static str) -> Verdict {
    Verdict {
        category,
        blocklist,
        rule,
    }
}

/// False friends, Orange's reason numbers, a provider's documented code, its reason
/// markers, and a cited blocklist.
fn provider_reading(
    s: Sigs,
    ofr: Option<u16>,
    code: Option<Enhanced>,
    isp: Option<Isp>,
) -> Option<Verdict> {
    let v = |category, blocklist, rule| Some(verdict(category, blocklist, rule));
    let cited = blocklist(s);
    if s.has(CudaNsu) {
        return v(Category::Recipient, None, "barracuda-cuda-nsu");
    }
    if s.has(SpamhausResolver) && s.has(Spamhaus) {
        return v(
            Category::Blocklist,
            Some(Blocklist::Spamhaus),
            "spamhaus-open-resolver",
        );
    }
    if let Some((cat, list, _)) = ofr.and_then(meaning::orange) {
        let list = if cat == Category::Blocklist {
            cited.or(list)
        } else {
            None
        };
        return v(cat, list, "orange-ofr");
    }
    if let Some(row) = code.and_then(|c| meaning::provider(c, isp)) {
        if let Some(cat) = row.decides {
            let list = match cat {
                Category::Blocklist => Some(Blocklist::Microsoft),
                _ => None,
            };
            return v(cat, list, "provider-code");
        }
    }
    // A list the text names is reported with the provider's reading (Outlook.com's
    // DY-001 points to Spamhaus's lists of dynamic addresses).
    if let Some((_, cat, rule)) = MARKERS.iter().find(|(sig, _, _)| s.has(*sig)) {
        return v(*cat, cited, rule);
    }
    // "blocked using grey.rbl ... greylisting": a greylisting service, not a list.
    if s.has(Greylist) && cited == Some(Blocklist::Other) {
        return v(Category::Greylist, None, "greylist-words");
    }
    cited.map(|list| verdict(Category::Blocklist, Some(list), "blocklist-cited"))
}

/// The cause the words state, read with the code where the code settles a doubt.
fn stated_cause(s: Sigs, basic: Option<u16>, code: Option<Enhanced>) -> Option<Verdict> {
    let v = |category, rule| Some(verdict(category, None, rule));
    // PHPMailer's "SMTP Error: data not accepted." with no refusal of the server's (no
    // reply, or only its successes): its "not accepted" is the client's, no cause.
    // A bare "Message Not Accepted" names no cause either.
    let s = if (s.has(ClientRefusal) && basic.is_none_or(|b| b < 400)) || s.has(BareRefusal) {
        s.without(Reputation)
    } else {
        s
    };
    // The receiver's own broken set-up, whatever refusal ("Client host rejected:")
    // frames it.
    if s.has(ReceiverSetup) {
        return v(Category::Other, "receiver-system-words");
    }
    // X.2.3, a message over the size limit: its size words win over the mailbox words
    // RFC 5321's 552 text shares (.NET's "Exceeded storage allocation. The server
    // response was: 5.2.3 Your message exceeded Google's message size limits").
    if code.is_some_and(|c| c.subject == 2 && c.detail == 3) && s.has(Content) {
        return v(Category::Content, "content-words");
    }
    // Greylisting answers 450 or 451 with 4.7.1; not Rambler's "452 4.7.1 Try again
    // later" at DATA (452: insufficient storage), which states no cause.
    let greylist_code =
        code == Some(Enhanced {
            class: 4,
            subject: 7,
            detail: 1,
        }) && !matches!(basic, Some(b) if b != 450 && b != 451);
    if s.has(TryLater)
        && greylist_code
        && !s.any(&[
            Rate,
            Auth,
            Reputation,
            AccessDenied,
            Content,
            ReceiverSystem,
        ])
    {
        return v(Category::Greylist, "greylist-try-later");
    }
    // X.1.7 / X.1.8: the sender's address (its domain) is bad, whatever address words
    // the reply also has ("550 5.1.7 No such domain" after MAIL FROM, "501 5.1.8 Sender
    // address rejected").
    if code.is_some_and(|c| c.subject == 1 && (c.detail == 7 || c.detail == 8))
        && s.any(&[RcptStrong, RcptWeak, SenderRefused])
    {
        return v(Category::Dns, "sender-address-code");
    }
    // "Too many recipients this hour": a rate, not the size of one transaction.
    if s.has(SenderLimit) && s.has(PerTime) {
        return v(Category::RateLimit, "rate-words");
    }
    let (sig, cat, rule) = WORDS.iter().find(|(sig, _, _)| s.has(*sig))?;
    // "Recipient address rejected: Message too big" / ": Spam detected": the words
    // after the generic prefix give the cause, at any stage (1&1's "550-Requested action
    // not taken: mailbox unavailable 550-Reject due to policy restrictions" after MAIL
    // FROM refuses the sender by policy).
    if *sig == RcptWeak {
        if s.any(&[Content, ContentFilter]) {
            return v(Category::Content, "content-words");
        }
        if s.has(Reputation) {
            return v(Category::Reputation, "reputation-words");
        }
        // "Recipient address rejected: Please try again later!": a temporary refusal that
        // says nothing of the address (greylisting's codes were read above); under a 5xx
        // ("550 Failure sending mail. Try again later") the address is refused.
        if s.has(TryLater) && basic.is_none_or(|b| b < 500) {
            return v(Category::Other, "receiver-system-words");
        }
    }
    // "550 5.1.2 Recipient address <a> not accepted.": the vague refusal words ("not
    // accepted", "not allowed") under a code for the recipient's address (X.1.1 bad
    // mailbox, X.1.2 bad destination system) refuse that address, not the sender.
    if *sig == Reputation
        && basic.is_some_and(|b| b >= 500)
        && code.is_some_and(|c| c.subject == 1 && (c.detail == 1 || c.detail == 2))
        && !s.any(&[MailFromStage, SenderRefused])
    {
        return v(Category::Recipient, "recipient-code-words");
    }
    // Address words in the answer to MAIL FROM are about the sender's address
    // ("553 5.1.0 ... example.com does not exist" after MAIL FROM): its domain.
    if *cat == Category::Recipient && s.has(MailFromStage) {
        return v(Category::Dns, "sender-address-refused");
    }
    v(*cat, rule)
}

/// A refusal at the greeting, the vaguest words, the code's generic meaning, or none.
fn vaguest(s: Sigs, basic: Option<u16>, code: Option<Enhanced>) -> Verdict {
    if s.has(Greeting) && !s.has(Connection) {
        if basic.is_some_and(|b| b >= 500) {
            return verdict(Category::Reputation, None, "refused-at-greeting");
        }
        return verdict(Category::Connection, None, "refused-at-greeting");
    }
    // A closed session is a connection failure only when no refusal came before it
    // (after one, the server hung up on its own refusal, which is the answer).
    if s.has(SessionClosed) && !s.has(Connection) && basic.is_none_or(|b| b < 400) {
        return verdict(Category::Connection, None, "connection-words");
    }
    if let Some((_, cat, rule)) = LAST_WORDS.iter().find(|(sig, _, _)| s.has(*sig)) {
        return verdict(*cat, None, rule);
    }
    // 535 answers AUTH alone (RFC 4954: the credentials are invalid), whatever words
    // surround it ("依旧535": still 535, with the authorization code as password).
    if basic == Some(535) {
        return verdict(Category::Auth, None, "smtp-login");
    }
    if let Some((cat, _)) = code.and_then(meaning::generic) {
        return verdict(cat, None, "enhanced-code");
    }
    // A permanent refusal of the recipient's address that says no more (ukr.net's
    // "550 <a> not used (in reply to RCPT TO command)"): the recipient is refused.
    if s.has(RcptStage) && basic.is_some_and(|b| b >= 500) {
        return verdict(Category::Recipient, None, "refused-at-rcpt");
    }
    verdict(Category::Other, None, "no-cause-stated")
}

/// How MailWizz should count the bounce: recipient problems are hard; a full mailbox,
/// greylisting and unknown causes are soft; everything caused by the sender's own
/// infrastructure or reputation is internal and must not blacklist the subscriber.
pub fn bounce_kind(category: Category) -> BounceKind {
    match category {
        Category::Recipient => BounceKind::Hard,
        Category::MailboxFull | Category::Greylist | Category::Other => BounceKind::Soft,
        Category::Blocklist
        | Category::Auth
        | Category::RateLimit
        | Category::Reputation
        | Category::Content
        | Category::Dns
        | Category::Tls
        | Category::Connection
        | Category::Relay => BounceKind::Internal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_microsoft_host_in_microsofts_report_on_an_outside_receiver_is_not_the_receiver() {
        let host = Sigs::default().with(OutlookHost);
        assert_eq!(isp(host), Some(Isp::Outlook));
        assert_eq!(isp(host.with(MicrosoftSenderNdr)), None);
        let outside = host.with(MicrosoftSenderNdr).with(OtherHost);
        assert_eq!(isp(outside), Some(Isp::Other));
    }

    #[test]
    fn advice_is_the_cause_only_when_no_other_is_stated() {
        let advised = Sigs::default().with(AuthAdvised).with(DnsAdvised);
        let alone = advice_as_cause(advised);
        assert!(alone.has(Auth) && alone.has(Dns));
        let with_verdict = advice_as_cause(advised.with(Reputation));
        assert!(!with_verdict.has(Auth) && !with_verdict.has(Dns));
    }

    #[test]
    fn a_bare_permanent_refusal_at_rcpt_refuses_the_recipient() {
        let at_rcpt = Sigs::default().with(RcptStage);
        let read = |s, basic| category(s, None, Some(basic), None, None);
        assert_eq!(read(at_rcpt, 550).category, Category::Recipient);
        // A temporary refusal there, or the same words at another stage, say nothing.
        assert_eq!(read(at_rcpt, 450).category, Category::Other);
        assert_eq!(read(Sigs::default(), 550).category, Category::Other);
        // A stated cause wins over the stage.
        assert_eq!(
            read(at_rcpt.with(Reputation), 550).category,
            Category::Reputation
        );
    }
}
