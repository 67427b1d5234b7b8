//! The severity policy of the guide (`docs/contracts.md`, "Severity policy"), with its boundaries:
//!
//! | level | when |
//! | --- | --- |
//! | P1 | full outage; PowerMTA not delivering; MailWizz inaccessible; every ISP fails to connect |
//! | P2 | rate above 30%; a blocklist bounce; a Gmail 5xx block; a permanent auth/reputation block at a major ISP; SNDS red; a P3 problem at several or all ISPs |
//! | P3 | rate from 10% to 30% inclusive; SNDS yellow; complaint spike; 4xx throttling or deferrals; content, DNS, TLS or connection problems; a block at a receiver that is not a major ISP |
//! | P4 | recipient unknown, mailbox full, greylisting, relay, anything else |
//!
//! The text gives a level; "only a few messages" lowers it by one (a bounce alone is
//! read as happening at volume); the context then raises it (never lowers it).

use std::borrow::Cow;

use crate::model::*;

fn level_of(d: &Diagnosis) -> (Severity, Cow<'static, str>) {
    use Category as C;
    let major = matches!(d.isp, Some(i) if i != Isp::Other);
    let permanent = !d.temporary;
    let block_like = matches!(
        d.category,
        C::Auth | C::Reputation | C::RateLimit | C::Dns | C::Tls | C::Blocklist
    );
    if d.basic.is_none() && d.enhanced.is_none() && d.rule == "no-cause-stated" {
        return (Severity::P4, "The text has no reply code and states no known cause, so there is nothing to raise the level.".into());
    }
    if d.rule == "spamhaus-open-resolver" {
        return (Severity::P3, "The receiver's own DNS set-up makes every Spamhaus lookup fail; this is not an active listing of your IP.".into());
    }
    if d.category == C::Blocklist && d.blocklist == Some(Blocklist::Sorbs) {
        return (Severity::P3, "The receiver still cites SORBS, a blocklist that no longer exists; only this receiver is affected.".into());
    }
    if d.category == C::Blocklist {
        let list = match d.blocklist {
            Some(b) if b != Blocklist::Other => b.label(),
            _ => "a blocklist",
        };
        return (Severity::P2, cat(&["The bounce cites ", list, ": your sending IP or domain is listed and the receiver refuses your mail (active blacklisting)."]).into());
    }
    if d.isp == Some(Isp::Gmail) && permanent && block_like {
        return (Severity::P2, "Gmail refuses the mail permanently (a 5xx block): at volume this is a P2 in the guide.".into());
    }
    if d.rule == "recipient-rate-words" {
        return (Severity::P4, "The recipient receives more mail than their provider allows; your server is not blocked.".into());
    }
    match d.category {
        C::Auth | C::Reputation if permanent && major => {
            let what = if d.category == C::Auth { "an authentication failure (SPF, DKIM or DMARC)" } else { "its reputation or policy checks" };
            (Severity::P2, about("A major ISP", d.isp, &[" permanently refuses your mail because of ", what, "."]))
        }
        C::Auth | C::Reputation if permanent => {
            let what = if d.category == C::Auth { "authentication" } else { "reputation or policy" };
            (Severity::P3, about("One receiver", d.isp, &[" permanently refuses your mail for ", what, "; it is not one of the major ISPs."]))
        }
        C::Auth | C::Reputation => (Severity::P3, about("The receiver", d.isp, &[" temporarily defers your mail (", if d.category == C::Auth { "authentication" } else { "reputation or policy" }, ")."])),
        C::RateLimit => (Severity::P3, about("The receiver", d.isp, &[" throttles or defers your mail for volume or complaints."])),
        C::Content => (Severity::P3, about("The receiver", d.isp, &[" refuses the content of the message (content, links, attachment or size)."])),
        C::Dns => (Severity::P3, about("The receiver", d.isp, &[" refuses your server's DNS set-up (PTR / reverse DNS, HELO name or sender domain)."])),
        C::Tls => (Severity::P3, about("The receiver", d.isp, &[" requires an encrypted (TLS) connection."])),
        C::Connection => (Severity::P3, about("Delivery", d.isp, &[" fails to connect or expires in the queue."])),
        C::Recipient => (Severity::P4, "The recipient address does not exist or is disabled: a minor issue, not an incident.".into()),
        C::MailboxFull => (Severity::P4, "The recipient's mailbox is full: a minor issue, not an incident.".into()),
        C::Greylist => (Severity::P4, "Greylisting is a normal temporary deferral; the retry goes through.".into()),
        C::Relay => (Severity::P4, "Relay denied: a configuration question, not a delivery incident.".into()),
        C::Other | C::Blocklist => (Severity::P4, "The reply states no cause that the guide treats as an incident.".into()),
    }
}

/// The concatenation of `parts` (one allocation of the exact size: this runs for every
/// bounce of a log, where `format!` cost as much as reading the text).
fn cat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

/// `subject`, the major ISP in brackets (` (Gmail)`; nothing for another receiver), then
/// `rest`, in one allocation of the exact size.
fn about(subject: &str, isp: Option<Isp>, rest: &[&str]) -> Cow<'static, str> {
    let name = isp.filter(|i| *i != Isp::Other).map(Isp::label);
    let len = subject.len()
        + name.map_or(0, |n| n.len() + 3)
        + rest.iter().map(|p| p.len()).sum::<usize>();
    let mut s = String::with_capacity(len);
    s.push_str(subject);
    if let Some(n) = name {
        s.push_str(" (");
        s.push_str(n);
        s.push(')');
    }
    for p in rest {
        s.push_str(p);
    }
    Cow::Owned(s)
}

fn lower(s: Severity) -> Severity {
    match s {
        Severity::P1 => Severity::P1,
        Severity::P2 => Severity::P3,
        Severity::P3 | Severity::P4 => Severity::P4,
    }
}

/// Applies the policy table in stages: the text's level, "only a few" lowering it, then
/// each kind of context raising it. Every change of level adds its reason.
pub fn assess(d: &Diagnosis, ctx: &Context) -> Assessment {
    let mut st = from_text(d, ctx);
    reported_outages(&mut st, d, ctx);
    if let Some(rate) = ctx.rate.filter(|r| r.is_finite()) {
        rate_reason(&mut st, rate);
    }
    scope_reason(&mut st, ctx);
    if let Some(snds) = ctx.snds {
        snds_reason(&mut st, snds);
    }
    if ctx.complaint_spike {
        st.raise(
            Some(Severity::P3),
            "You report a spike in spam complaints (P3).".into(),
        );
    }
    let level = st.level;
    Assessment {
        severity: level,
        title: title(d, level),
        reasons: st.reasons,
        next_steps: next_steps(d, ctx, level),
    }
}

/// The level the text alone gives, lowered by one when only a few messages are affected.
fn from_text(d: &Diagnosis, ctx: &Context) -> State {
    let (mut level, why) = level_of(d);
    let second: Option<Cow<'static, str>> =
        if ctx.volume == Volume::Few && matches!(level, Severity::P2 | Severity::P3) {
            level = lower(level);
            Some(
                cat(&[
                    "You said only a handful of messages are affected, so this is ",
                    level.as_str(),
                    ", one level lower.",
                ])
                .into(),
            )
        } else if matches!(level, Severity::P2 | Severity::P3) && !has_context(ctx) {
            Some(
            "A bounce on its own is read as happening at volume; say if it is only a few messages."
                .into(),
        )
        } else {
            None
        };
    // Exact without context (the usual case); the context's reasons may grow it.
    let mut reasons = Vec::with_capacity(1 + usize::from(second.is_some()));
    reasons.push(why);
    reasons.extend(second);
    State { level, reasons }
}

/// What the customer reports as down: each is a P1.
fn reported_outages(st: &mut State, d: &Diagnosis, ctx: &Context) {
    if ctx.full_outage {
        st.raise(
            Some(Severity::P1),
            "You report a full service outage (P1).".into(),
        );
    }
    if ctx.powermta_down {
        st.raise(
            Some(Severity::P1),
            "You report that PowerMTA is not delivering (P1).".into(),
        );
    }
    if ctx.mailwizz_down {
        st.raise(
            Some(Severity::P1),
            "You report that MailWizz is inaccessible (P1).".into(),
        );
    }
    if ctx.scope == Some(Scope::All)
        && matches!(d.category, Category::Connection)
        && d.rule != "no-cause-stated"
    {
        st.raise(
            Some(Severity::P1),
            "Connections fail at every ISP: your server is effectively not delivering (P1).".into(),
        );
    }
}

/// The deferral or error rate's band: above 30% is P2, 10-30% inclusive P3.
fn rate_reason(st: &mut State, rate: f64) {
    let rate_text = crate::decimal::tenths(rate);
    if rate > 30.0 {
        st.raise(
            Some(Severity::P2),
            cat(&[
                "A deferral or error rate of ",
                &rate_text,
                "% is above 30%: major delivery degradation (P2).",
            ])
            .into(),
        );
    } else if rate >= 10.0 {
        st.raise(
            Some(Severity::P3),
            cat(&[
                "A deferral or error rate of ",
                &rate_text,
                "% is within 10-30% (P3).",
            ])
            .into(),
        );
    } else {
        st.raise(
            None,
            cat(&[
                "A rate of ",
                &rate_text,
                "% is below 10%, so the rate alone does not make it an incident.",
            ])
            .into(),
        );
    }
}

/// A P3 problem at several or all ISPs (at volume) is a P2.
fn scope_reason(st: &mut State, ctx: &Context) {
    match ctx.scope {
        Some(Scope::Several | Scope::All)
            if st.level == Severity::P3 && ctx.volume == Volume::Many =>
        {
            st.raise(
                Some(Severity::P2),
                "It affects several ISPs, not one: wider degradation (P2).".into(),
            );
        }
        Some(Scope::One) => st.raise(None, "It affects one ISP.".into()),
        _ => {}
    }
}

/// Outlook's SNDS colour for the sending IP.
fn snds_reason(st: &mut State, snds: Snds) {
    match snds {
        Snds::Red => st.raise(
            Some(Severity::P2),
            "SNDS shows red for your IP at Outlook (P2).".into(),
        ),
        Snds::Yellow => st.raise(
            Some(Severity::P3),
            "SNDS shows yellow for your IP at Outlook (P3).".into(),
        ),
        Snds::Green => st.raise(
            None,
            "SNDS is green: Outlook sees no complaint problem.".into(),
        ),
    }
}

struct State {
    level: Severity,
    reasons: Vec<Cow<'static, str>>,
}

impl State {
    /// Raises the level to `to` (never lowers it) and records why.
    fn raise(&mut self, to: Option<Severity>, why: Cow<'static, str>) {
        if let Some(to) = to.filter(|t| *t < self.level) {
            self.level = to;
        }
        self.reasons.push(why);
    }
}

fn has_context(ctx: &Context) -> bool {
    ctx.rate.is_some()
        || ctx.scope.is_some()
        || ctx.snds.is_some()
        || ctx.complaint_spike
        || ctx.full_outage
        || ctx.powermta_down
        || ctx.mailwizz_down
}

fn title(d: &Diagnosis, level: Severity) -> String {
    use Category as C;
    let what = match d.category {
        C::Blocklist => match d.blocklist {
            Some(Blocklist::Other) | None => "Blocklisted",
            Some(_) => "Blocklisted by ",
        },
        C::Auth => "Authentication failure (SPF/DKIM/DMARC)",
        C::RateLimit => "Rate limited / deferred for volume",
        C::Reputation => "Refused for reputation or policy",
        C::Content => "Message content refused",
        C::Recipient => "Recipient does not exist",
        C::MailboxFull => "Recipient's mailbox is full",
        C::Greylist => "Greylisted (temporary)",
        C::Dns => "Sender DNS problem (PTR, HELO or domain)",
        C::Tls => "Encryption (TLS) required",
        C::Connection => "Connection failure or expired delivery",
        C::Relay => "Relay denied",
        C::Other if d.basic.is_none() && d.enhanced.is_none() => "No bounce recognised",
        C::Other => "Unclassified reply",
    };
    let list = match (d.category, d.blocklist) {
        (C::Blocklist, Some(b)) if b != Blocklist::Other => b.label(),
        _ => "",
    };
    let [at, isp] = match d.isp {
        Some(i) if i != Isp::Other => [" at ", i.label()],
        _ => ["", ""],
    };
    let parts = [level.as_str(), ": ", what, list, at, isp];
    // " (code)": a basic code has at most 5 digits.
    let code_len = d.enhanced.as_ref().map_or(5, |e| e.len()) + 3;
    let mut t = String::with_capacity(parts.iter().map(|p| p.len()).sum::<usize>() + code_len);
    for p in parts {
        t.push_str(p);
    }
    if let Some(e) = &d.enhanced {
        t.push_str(" (");
        t.push_str(e);
        t.push(')');
    } else if let Some(b) = d.basic {
        t.push_str(" (");
        crate::decimal::push_decimal(&mut t, usize::from(b));
        t.push(')');
    }
    t
}

fn next_steps(d: &Diagnosis, ctx: &Context, level: Severity) -> Vec<Cow<'static, str>> {
    use Category as C;
    let urgent = (level == Severity::P1).then_some(
        "Email us now with URGENT in the subject and call the emergency phone number (24/7).",
    );
    const AUTH: &[&str] = &[
        "Forward us the exact bounce message.",
        "We diagnose the authentication configuration within 2 hours and repair same-day.",
    ];
    let main: &[&'static str] = match d.category {
        C::Blocklist if d.rule == "spamhaus-open-resolver" => &[
            "Check your IP at check.spamhaus.org: if it is not listed, the receiver's DNS resolver is the problem.",
            "Forward us the exact bounce message; we contact the receiver's postmaster.",
        ],
        C::Blocklist => &[
            "Forward us the exact bounce message containing the blacklist reference.",
            "We verify the listing, investigate the root cause, and submit the removal request.",
            "Most major blacklist removals process within 24–48 hours of a valid request.",
        ],
        C::Auth => AUTH,
        C::Reputation | C::RateLimit | C::Dns | C::Tls if d.isp == Some(Isp::Gmail) && !d.temporary => AUTH,
        C::RateLimit => &[
            "Single deferrals need no action: PowerMTA retries and backs off automatically.",
            "If deferrals stay at 10% or more at this ISP, report it with the deferral rate from MailWizz statistics.",
        ],
        C::Reputation => &[
            "Forward us the exact bounce message.",
            "We review the reputation of your sending IP and domain and the recent campaigns.",
        ],
        C::Content => &["Check the campaign's links, attachments and size; if many messages are refused, forward us the exact bounce message."],
        C::Dns => &["Forward us the exact bounce message: we check the PTR (reverse DNS) of your sending IP, the HELO name and your sender domain's DNS."],
        C::Tls => &["Forward us the exact bounce message: we check the TLS configuration of your delivery server."],
        C::Connection => &["PowerMTA retries automatically; if messages expire or every ISP fails, report it at once."],
        C::Recipient => &["Nothing to report: the address does not exist. MailWizz counts it as a hard bounce and stops mailing it."],
        C::MailboxFull => &["Nothing to report: MailWizz counts it as a soft bounce; later campaigns retry."],
        C::Greylist => &["Nothing to do: greylisting is temporary and PowerMTA retries automatically."],
        C::Relay => &["Check the recipient address and your delivery server's settings; email us if you need help with the configuration."],
        C::Other => &["If it keeps happening, forward us the exact bounce message."],
    };
    let outlook_reputation = d.isp == Some(Isp::Outlook)
        && matches!(d.category, C::RateLimit | C::Reputation)
        || d.blocklist == Some(Blocklist::Microsoft);
    let outlook = (outlook_reputation || ctx.snds.is_some_and(|c| c != Snds::Green)).then_some(
        "For Outlook, report via email with your SNDS screenshot: we identify the traffic segment driving complaints and remove those subscribers before requesting SNDS improvement.",
    );
    let complaints = ctx.complaint_spike.then_some(
        "Pause the campaign behind the complaints and remove the complaining subscribers.",
    );
    let internal = (d.bounce_kind == BounceKind::Internal).then_some(
        "In MailWizz this is an internal bounce: the subscribers are not at fault and must not be blacklisted.",
    );
    // Fixed sentences, borrowed; one allocation of the exact size.
    let extra = [outlook, complaints, internal];
    let n = usize::from(urgent.is_some()) + main.len() + extra.iter().flatten().count();
    let mut steps = Vec::with_capacity(n);
    for step in urgent.iter().chain(main).chain(extra.iter().flatten()) {
        steps.push(Cow::Borrowed(*step));
    }
    steps
}
