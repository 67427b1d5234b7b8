//! The shared bounce/severity classifier.
//!
//! Three pure steps, each usable on its own (host and `wasm32-unknown-unknown`):
//!
//! 1. [`diagnose`]: bounce text -> [`Diagnosis`] (codes, category, ISP, blocklist, ...).
//! 2. [`assess`]: [`Diagnosis`] + [`Context`] (what the customer knows) -> [`Assessment`]
//!    (severity P1-P4 with reasons and next steps).
//! 3. [`report::build_email`]: assessment + report fields + contact data -> report email.
//!
//! [`classify`] runs 1 and 2 and returns the flat [`Classification`] that is the JSON
//! contract of `guide classify` and of the widget (see `docs/contracts.md`).
//!
//! Reading a text is a fixed number of linear passes over its bytes (decode, code scan,
//! normalise, phrase scan) with no regular expressions and no backtracking; any bytes
//! are accepted (non-UTF-8 bytes simply never match a pattern).

// The one exception: entering the SSE2 normaliser (`scan/norm/sse2.rs`).
#![deny(unsafe_code)]

pub mod acct;
mod codes;
mod decide;
mod decimal;
pub mod labels;
pub mod mail;
mod meaning;
pub mod model;
mod policy;
#[cfg(feature = "reference")]
pub mod reference;
pub mod report;
mod rules;
mod scan;

pub use model::*;

use std::borrow::Cow;

use codes::Enhanced;

/// Reads one bounce/deferral text. Never panics, linear in the input length.
pub fn diagnose(text: &str) -> Diagnosis {
    diagnose_bytes(text.as_bytes())
}

/// [`diagnose`] for arbitrary bytes (a log line that is not valid UTF-8).
pub fn diagnose_bytes(bytes: &[u8]) -> Diagnosis {
    diagnose_counted(bytes).0
}

/// [`diagnose_bytes`] plus a count of the elementary steps taken (bytes visited by each
/// pass, pattern comparisons). Tests use it to show the work is linear in the input.
#[doc(hidden)]
pub fn diagnose_counted(bytes: &[u8]) -> (Diagnosis, u64) {
    let mut work = 0u64;
    let mut scratch = take_scratch();
    let src = codes::decode(bytes);
    work += bytes.len() as u64;
    let found_codes = &mut scratch.codes;
    codes::scan_into(&src, found_codes);
    work += src.len() as u64;
    let chosen = codes::choose(found_codes);
    work += (found_codes.replies.len() + found_codes.bares.len()) as u64;
    let norm = scan::normalise(
        &src,
        &found_codes.replies,
        chosen.region_start,
        &mut work,
        std::mem::take(&mut scratch.norm),
    );
    let found = scan::find(&norm, &mut work);
    // qmail's delivery log writes the reply with underscores for spaces: read it again
    // with spaces (it has no underscore left to find this pattern again).
    if found.all.has(rules::Sig::QmailLog) {
        let spaced: Vec<u8> = bytes
            .iter()
            .map(|&b| if b == b'_' { b' ' } else { b })
            .collect();
        let (diagnosis, more) = diagnose_counted(&spaced);
        return (diagnosis, work + more);
    }

    let mut sigs = decide::deciding(found.inner, found.all);
    // The command a reply answers is written around it (`after MAIL FROM:<a>: host X:
    // 553 ...`), outside the innermost reply.
    for stage in [rules::Sig::MailFromStage, rules::Sig::RcptStage] {
        if found.all.has(stage) {
            sigs = sigs.with(stage);
        }
    }
    // A permanent reply that opens with the server's own name has the greeting's form
    // ("554 mx.example.org", RFC 5321 4.2): refused at the greeting, when no cause is said
    // (an enhanced code about the address or the mailbox says more).
    if chosen.basic.is_some_and(|b| b >= 500)
        && !chosen.enhanced.is_some_and(|e| matches!(e.subject, 1 | 2))
        && !decide::states_a_cause(sigs)
        && scan::greeting_host(&norm, &mut work)
    {
        sigs = sigs.with(rules::Sig::Greeting);
    }
    let receiver_log = found.all.has(rules::Sig::ReceiverLog);
    let isp = if receiver_log {
        None
    } else {
        receiver_from_signs(&norm, &found, chosen.enhanced, &mut work)
    };
    let (verdict, isp) = category_and_recipient(&norm, sigs, &found, &chosen, isp, &mut work);
    // Without any code, a delay notice's own words say the mail is still being retried.
    let temporary = match chosen.basic {
        Some(b) => (400..500).contains(&b),
        None => chosen
            .enhanced
            .map_or(found.all.has(rules::Sig::Delayed), |e| e.class == 4),
    };
    let meaning = meaning_of(verdict.rule, found.ofr, chosen.enhanced, isp);
    let hint = hint(verdict, sigs, isp);
    let diagnosis = Diagnosis {
        basic: chosen.basic,
        enhanced: chosen.enhanced.map(Enhanced::to_text),
        category: verdict.category,
        isp,
        blocklist: verdict.blocklist,
        bounce_kind: decide::bounce_kind(verdict.category),
        temporary,
        meaning: meaning.map(Cow::Borrowed),
        hint: hint.map(Cow::Borrowed),
        rule: Cow::Borrowed(verdict.rule),
    };
    if norm.worth_keeping() {
        scratch.norm = norm;
        keep_scratch(scratch);
    }
    (diagnosis, work)
}

/// The receiving ISP from the surest sign to the weakest: the receiving host and the
/// provider's own wording and codes, then another receiver's visible host (the
/// recipient's address comes later, with the category). Not for a receiver's own log,
/// whose hosts are its clients.
fn receiver_from_signs(
    norm: &scan::Norm,
    found: &scan::Found,
    enhanced: Option<Enhanced>,
    work: &mut u64,
) -> Option<Isp> {
    // In the report Gmail writes for its own user about another receiver, a Google host
    // in the receiver's reply is Gmail's sending host (`Client host rejected`), not the
    // receiver.
    // Microsoft's report for its own user about a receiver outside Microsoft: likewise for
    // a Microsoft host.
    let mut inner = found.inner;
    for sig in [rules::Sig::SenderNdr, rules::Sig::MicrosoftSenderNdr] {
        if found.all.has(sig) {
            inner = inner.with(sig);
        }
    }
    // A relay's report of the reply it got names the relay (another provider's host) and
    // the destination only by its IP: the relay's host names no receiver.
    let mut all = found.all;
    if all.has(rules::Sig::RelayReport) {
        inner = inner.without(rules::Sig::OtherHost);
        all = all.without(rules::Sig::OtherHost);
    }
    let mut isp = decide::isp(inner).or_else(|| decide::isp(all));
    if isp.is_none() && enhanced.is_some_and(microsoft_only) {
        isp = Some(Isp::Outlook);
    }
    // Gmail and Yahoo refuse an unauthenticated sender in the same words; Gmail's code is
    // 5.7.26 (Yahoo's 5.7.9, written with "Yahoo requires").
    if isp.is_none()
        && found.all.has(rules::Sig::SenderUnauthenticated)
        && enhanced.is_some_and(|e| e.subject == 7 && e.detail == 26)
    {
        isp = Some(Isp::Gmail);
    }
    // A help URL names the receiver only when no list is cited and the report is not the
    // sender's own provider's (Gmail's report links to Google's help).
    let listed = decide::blocklist(found.all).is_some() || found.all.has(rules::Sig::SenderNdr);
    // The host names its provider when it is one of their domains (Postfix's lookup of
    // `name=hotmail.com`), another receiver otherwise. (A mail server's name, with more
    // labels, is not looked up: those domains have one dot, or two before a country code.)
    if isp.is_none() {
        if let Some((start, end)) = scan::visible_host(norm, found, listed, work) {
            let name = norm.text().get(start..end).unwrap_or_default();
            let dots = name.iter().filter(|&&c| c == b'.').count();
            let country = name.len() > 3 && name[name.len() - 3] == b'.';
            isp = Some(if dots == 1 || (dots == 2 && country) {
                decide::recipient_isp(norm.text(), (start, end))
            } else {
                Isp::Other
            });
        }
    }
    isp
}

/// The category, and the receiver that the recipient's address names when no other sign
/// did: an address named as the recipient counts unless the refusal is a relay's; one
/// only quoted counts for refusals of the recipient (unknown, full, greylisted...).
fn category_and_recipient(
    norm: &scan::Norm,
    sigs: scan::Sigs,
    found: &scan::Found,
    chosen: &codes::Chosen,
    mut isp: Option<Isp>,
    work: &mut u64,
) -> (decide::Verdict, Option<Isp>) {
    let rcpt = match isp {
        None => scan::recipients(norm, work),
        Some(_) => scan::Recipients::default(),
    };
    let named = isp.is_none() && rcpt.named.is_some();
    if named {
        isp = rcpt.named.map(|d| decide::recipient_isp(norm.text(), d));
    }
    let verdict = decide::category(sigs, found.ofr, chosen.basic, chosen.enhanced, isp);
    // A limit of the sender's own account is its relay's refusal: the recipient it names
    // is not the refusing server's.
    let own_limit = sigs.has(rules::Sig::SendingCredit) && verdict.category == Category::RateLimit;
    if named && (own_limit || !decide::recipient_counts(verdict.category, true)) {
        isp = None;
    }
    if isp.is_none() && !own_limit && decide::recipient_counts(verdict.category, false) {
        isp = rcpt.unnamed.map(|d| decide::recipient_isp(norm.text(), d));
    }
    (verdict, isp)
}

/// What the code means: the marker's or Orange's reason's own meaning, else the
/// provider's meaning of the enhanced code, else its generic one.
fn meaning_of(
    rule: &'static str,
    ofr: Option<u16>,
    enhanced: Option<Enhanced>,
    isp: Option<Isp>,
) -> Option<&'static str> {
    meaning::of_marker(rule)
        .or_else(|| {
            (rule == "orange-ofr")
                .then(|| ofr.and_then(meaning::orange).map(|o| o.2))
                .flatten()
        })
        .or_else(|| {
            enhanced
                .and_then(|c| meaning::provider(c, isp))
                .map(|r| r.meaning)
        })
        .or_else(|| enhanced.and_then(meaning::generic).map(|g| g.1))
}

/// The buffers of one reading, kept for the next one (allocating them for every text
/// cost as much as a pass over it).
#[derive(Default)]
struct Scratch {
    codes: codes::Codes,
    norm: scan::Norm,
}

// The widget (WebAssembly) reads one text at a time: keeping buffers would only add to
// the module's size there.
#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static SCRATCH: std::cell::Cell<Option<Scratch>> = const { std::cell::Cell::new(None) };
}

fn take_scratch() -> Scratch {
    #[cfg(not(target_arch = "wasm32"))]
    return SCRATCH.with(std::cell::Cell::take).unwrap_or_default();
    #[cfg(target_arch = "wasm32")]
    Scratch::default()
}

fn keep_scratch(_scratch: Scratch) {
    #[cfg(not(target_arch = "wasm32"))]
    SCRATCH.with(|s| s.set(Some(_scratch)));
}

/// Enhanced codes only Microsoft uses (Outlook.com / Exchange Online): 5.7.509 (DMARC
/// reject), 5.7.515 (authentication level), 5.7.520 (outbound spam), 5.7.606-649
/// (banned IP), 5.7.700-750 (a tenant's sending blocked), 4.7.650-651.
fn microsoft_only(e: Enhanced) -> bool {
    e.subject == 7
        && ((e.class == 5
            && (matches!(e.detail, 509 | 515 | 520)
                || (606..=649).contains(&e.detail)
                || (700..=750).contains(&e.detail)))
            || (e.class == 4 && (650..=651).contains(&e.detail)))
}

fn hint(v: decide::Verdict, sigs: scan::Sigs, isp: Option<Isp>) -> Option<&'static str> {
    Some(match v.rule {
        "spamhaus-open-resolver" => "Probably not a real listing: the receiver asks Spamhaus through a public DNS resolver, which Spamhaus refuses. check.spamhaus.org will show your IP as not listed; the receiver must fix its DNS.",
        "smtp-login" => "This is a sending server refusing a login (SMTP AUTH), not a receiver's verdict on your mail. If it comes from your own PowerMTA and nothing is being sent, that is P1 (PowerMTA not delivering).",
        "recipient-rate-words" => "The recipient receives more mail than their provider allows: this is not a block of your server.",
        "barracuda-cuda-nsu" => "Not a blocklisting: Barracuda's cuda_nsu means the recipient does not exist.",
        _ if v.blocklist == Some(Blocklist::Sorbs) => "SORBS was shut down in June 2024: a receiver still citing it has a stale configuration, so delisting is not possible; tell the receiver.",
        _ if sigs.any(&[rules::Sig::GmailReply, rules::Sig::GmailHost]) && isp == Some(Isp::Gmail) && v.category == Category::Other => "A temporary problem on Gmail's side: PowerMTA retries automatically.",
        _ => return None,
    })
}

/// Suggests the guide's severity from a diagnosis and the customer's context.
pub fn assess(diagnosis: &Diagnosis, context: &Context) -> Assessment {
    policy::assess(diagnosis, context)
}

/// [`diagnose`] + [`assess`], flattened into the stable JSON contract.
pub fn classify(text: &str, context: &Context) -> Classification {
    let diagnosis = diagnose(text);
    let assessment = assess(&diagnosis, context);
    Classification::new(diagnosis, assessment)
}

/// [`classify`] for arbitrary bytes.
pub fn classify_bytes(bytes: &[u8], context: &Context) -> Classification {
    let diagnosis = diagnose_bytes(bytes);
    let assessment = assess(&diagnosis, context);
    Classification::new(diagnosis, assessment)
}

/// Classifies a whole message (`.eml`) by its structure: one answer per failed
/// recipient (see [`mail`]), or one answer saying what the message is when it is not a
/// bounce. Bytes that are not a whole message (a pasted reply, a DSN excerpt, a log
/// line, a bounce's report without its header) get one answer, the reading of the whole
/// text, with the failed recipient when the report names exactly one by its structure
/// (`Final-Recipient:`, Postfix's `<a>: host X said`); its domain names the receiver
/// when the text shows no other sign. A report pasted without its header that names
/// several failed recipients (Exchange's "Delivery has failed to these recipients or
/// groups:" list) is read as a message's report: one answer per recipient.
pub fn classify_message(bytes: &[u8], context: &Context) -> Vec<MessageAnswer> {
    classify_message_counted(bytes, context).0
}

/// [`classify_message`] plus a count of the elementary steps taken (the reader's passes
/// and the classifier's, see [`diagnose_counted`]).
#[doc(hidden)]
pub fn classify_message_counted(bytes: &[u8], context: &Context) -> (Vec<MessageAnswer>, u64) {
    let (message, mut work) = mail::read_counted(bytes);
    // Pasted report text: the recipient its structure names, if only one; if several, the
    // report read as a message, one answer per recipient.
    let (pasted, message) = match message {
        None => {
            let (recipient, several, w) = mail::pasted_recipient_counted(bytes);
            work += w;
            (recipient, several)
        }
        m => (None, m),
    };
    // `recipient`: the failed recipient the message's structure names (its DSN fields,
    // its report), whose domain names the receiver when the text shows no other sign.
    let mut classify = |text: &[u8], recipient: Option<&str>| {
        let (mut d, w) = diagnose_counted(text);
        work += w;
        if d.isp.is_none() && decide::recipient_counts(d.category, true) {
            d.isp = recipient
                .and_then(|r| r.rsplit_once('@'))
                .map(|(_, domain)| decide::recipient_isp(domain.as_bytes(), (0, domain.len())));
        }
        let a = assess(&d, context);
        Classification::new(d, a)
    };
    let answer = |recipient, classification| MessageAnswer {
        recipient,
        not_a_bounce: None,
        classification,
    };
    let answers = match message {
        None => {
            let c = classify(bytes, pasted.as_deref());
            vec![answer(pasted, c)]
        }
        Some(mail::Message {
            not_a_bounce: Some(kind),
            ..
        }) => vec![MessageAnswer {
            recipient: None,
            not_a_bounce: Some(kind),
            classification: mail::not_a_bounce_answer(kind),
        }],
        Some(m) if m.recipients.is_empty() => vec![answer(None, classify(b"", None))],
        Some(m) => m
            .recipients
            .into_iter()
            .map(|r| {
                let c = classify(&r.text, r.address.as_deref());
                answer(r.address, c)
            })
            .collect(),
    };
    (answers, work)
}
