//! The receiving host: whether another receiver's host name is visible in a text.

use super::{next_byte, same, Found, Norm};

/// Host-name characters (`*.terra.com` counts: a redacted host).
const HOST: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_' | b'*');
        b += 1;
    }
    t
};

/// Names that make a host a blocklist's zone or lookup site, not a receiver; also the
/// SPF project's help page that SPF refusals cite ("rejected due to SPF fail - not
/// authorized. Please see http://www.openspf.net/Why", later `www.open-spf.org/Why`),
/// and the sending service's own guide that Amazon SES's refusals cite ("Amazon SES has
/// suppressed sending to this address ... see the Amazon SES Developer Guide:
/// http://docs.aws.amazon.com/ses/...").
const LIST_HOSTS: &[&[u8]] = &[
    b"spamhaus",
    b"spamcop",
    b"sorbs",
    b"uceprotect",
    b"barracudacentral",
    b"cloudmark",
    b"proofpoint.com",
    b"invaluement",
    b"mailspike",
    b"abusix",
    b"surbl",
    b"uribl",
    b"senderscore",
    b"spamrats",
    b"psbl",
    b"manitu",
    b"backscatterer",
    b"mail-abuse",
    b"junkemailfilter",
    b"postgrey",
    b"openspf.",
    b"open-spf.",
    b"docs.aws.",
];

/// Documentation placeholders: they name no real receiver.
const PLACEHOLDERS: &[&[u8]] = &[b"example.", b"recipient.com", b"domain.com"];

// `contains_any` looks needles up by their first byte in a 32-bit set.
const _: () = assert!(LIST_HOSTS.len() <= 32 && PLACEHOLDERS.len() <= 32);

/// Internal names of Exchange and other mail systems that look like host names.
const NOT_HOSTS: &[&[u8]] = &[
    b"resolver.",
    b"storedrv.",
    b"queue.",
    b"routing.",
    b"smtpsend.",
];

/// Text right before a host name that says "this is the receiving server".
const HOST_CONTEXTS: &[&[u8]] = &[
    b"remote-mta: dns; ",
    b"remote-mta: dns;",
    b"connect to ",
    // Lyris ListManager's transcript: "--> Attempting to connect to: example.org
    // (192.0.2.1 25)", "<-- Connected to: example.org (...)".
    b"connect to: ",
    b"talking to ",
    b"relay=",
    b"remote mailserver ",
    // Exchange's "Remote Server at host (ip) returned", and its delay notice's "Server at
    // mx2.example.org (192.0.2.1) returned '400 4.4.7 Message delayed'".
    b"server at ",
    b"remote server: ",
    // Postfix: "lost connection with mx.example.org[192.0.2.1] while receiving the
    // initial server greeting", "conversation with mx.example.org[192.0.2.1] timed out
    // while sending MAIL FROM" (Gmail's "SMTP conversation with any hosts" names none).
    b"ion with ",
    // KumoMTA's own connection failures print the address tried as a Rust value: "TLS
    // handshake with ResolvedAddress { name: \"mx.example.org.\", addr: ... } failed".
    b"{ name: \"",
    // Exim's delivery log names the remote host after the SMTP transport: "** a@b
    // R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.1]: SMTP error ..." (in a
    // `<=` line H= is the client, and no transport precedes it).
    b"smtp h=",
    // JavaMail's "Could not connect to SMTP host: smtp.gmail.com, port: 465".
    b"smtp host: ",
    b"server: '",
    b"servidor: '",
    // Odoo's "Mail delivery failed via SMTP server 'smtp.yandex.com'."
    b"server '",
    // Outlook's report as a web page prints it, with typographic quotes: "Server:
    // ‘smtp.email.it’".
    "server: \u{2018}".as_bytes(),
    // Gmail's report: "rejected by the server for the recipient domain sansad.nic.in by
    // mailgw.nic.in. [164.100.2.6]".
    b"recipient domain ",
    // Stalwart's own reports: "TLS error from 'host'", "Unexpected response from
    // 'host'", "Connection to 'host' failed".
    b"error from '",
    b"response from '",
    b"connection to '",
    // A sender's report that names the command, then the receiving host: "SMTP error from
    // remote server for TEXT command, host: vger.kernel.org (209.132.180.67) reason: 550 ...".
    b"command, host: ",
    // Postfix's "connect to", "lost connection with" and "size limit ... of server" as
    // Zing Mail renders them in Vietnamese: "Kết nối với abcd.com [123.123.123.123]: *",
    // "Mất kết nối với abcd.com [...] *", "vượt giới hạn ... của máy chủ abcd.com [...]".
    "kết nối với ".as_bytes(),
    "máy chủ ".as_bytes(),
    // Postal's "when sending to 192.0.2.1:25 (host)", and its older "Permanent SMTP
    // delivery error when sending to host (192.0.2.1)".
    b":25 (",
    b"when sending to ",
    // Exim gives up on the recipient domain's hosts: "all hosts for 'xtra.co.nz' have been
    // failing for a long time (and retry time not reached)".
    b"all hosts for '",
    // qmail's and GreenArrow's own failures name the recipient's domain: "Sorry, I
    // couldn't find any host named example.org. (#5.1.2)", "the host named example.org
    // does not have any MX records".
    b"host named ",
    // MDaemon's log names the recipient's domain whose hosts it could not reach: "No
    // available IPv4 route for example.org".
    b"route for ",
    // Mailgun's event log: `"delivery-status": {... "mx-host": "host", ...}`.
    b"\"mx-host\": \"",
    // A report that names the recipient's server: "Recipient server:
    // d123.ess.barracudanetworks.com SMTP response: 550 permanent failure".
    b"recipient server: ",
    // F-Secure's mail gateway signs its own refusals with the gateway's name: "550
    // Relaying denied.(F-Secure/virusgw_smtp/virusgw1.example.jp)".
    b"virusgw_smtp/",
    // JavaMail's debug log names the server it talks to: "DEBUG SMTP: connected to host
    // \"smtp.example.org\", port: 25" (the host whose replies follow).
    b"to host \"",
    // Postfix's failed lookup of the recipient's domain: "Host or domain name not found.
    // Name service error for name=example.org type=MX: Host not found".
    b"error for name=",
    // MailEnable's delay notice: "Message is waiting at mx1.sender.example for delivery
    // to mail.example.org" (the host it keeps trying).
    b"for delivery to ",
    // Nodemailer's debug log names the server it resolves, then connects to: "[w1e7Rr1bIfE]
    // Resolved smtp.example.org as 192.0.2.1:465 [cache miss]".
    b"] resolved ",
    // Postfix's "message size 31457280 exceeds size limit 10240000 of server
    // mx.example.org[192.0.2.1]"; sendmail's "Deferred: Connection refused by
    // mx.example.org.", "Deferred: Connection timed out with mx.example.org.".
    b" of server ",
    b"connection refused by ",
    // And "Deferred: Connection reset by mx.example.org." (its queue file's M line).
    b"connection reset by ",
    // Postfix's failed login to its relay: "SASL authentication failed; cannot authenticate
    // to server relay.example.org[192.0.2.1]".
    b"authenticate to server ",
    b"timed out with ",
    // LISTSERV's error report names the recipient's domain it could not find: "Last
    // error: Domain \"EXAMPLE.ORG\" doesn't exist."
    b"error: domain \"",
    // SendGrid's block record names the receiving server: "The example.org server blocked
    // this message ... Full response from the example.org server: 550 ...".
    b"response from the ",
];

/// `hay.ends_with(suffix)`, compared from the end (most candidates differ in the last
/// byte or two: cheaper than a `memcmp` call).
fn ends_with(hay: &[u8], suffix: &[u8]) -> bool {
    hay.len() >= suffix.len()
        && hay
            .iter()
            .rev()
            .zip(suffix.iter().rev())
            .all(|(a, b)| a == b)
}

/// For each byte, the needles of `list` (at most 32) that start with it.
const fn first_bytes(list: &[&[u8]]) -> [u32; 256] {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < list.len() && i < 32 {
        t[list[i][0] as usize] |= 1 << i;
        i += 1;
    }
    t
}

/// Whether `hay` contains one of `list` (whose first bytes are `first`, see
/// [`first_bytes`]): one pass over `hay`, comparing only the needles that start with
/// the byte at hand.
fn contains_any(hay: &[u8], list: &[&[u8]], first: &[u32; 256]) -> bool {
    hay.iter().enumerate().any(|(i, &c)| {
        let mut which = first[usize::from(c)];
        while which != 0 {
            let needle = list.get(which.trailing_zeros() as usize).copied();
            if needle.is_some_and(|n| hay.get(i..i + n.len()).is_some_and(|w| same(w, n))) {
                return true;
            }
            which &= which - 1;
        }
        false
    })
}

/// The next name with a dot from `from` on in `t` (the normalised text; `padded` is it
/// with its zero padding): where it starts and ends. A function of its own, so that its
/// two small loops are compiled as such (inlined in `visible_host`, they carried a dozen
/// induction variables each).
#[cfg_attr(not(target_arch = "wasm32"), inline(never))]
fn next_name(padded: &[u8], t: &[u8], from: usize) -> Option<(usize, usize)> {
    let dot = next_byte(padded, from, t.len(), b'.')?;
    let start = t[from..dot]
        .iter()
        .rposition(|&c| !HOST[usize::from(c)])
        .map_or(from, |p| from + p + 1);
    let end = t[dot + 1..]
        .iter()
        .position(|&c| !HOST[usize::from(c)])
        .map_or(t.len(), |p| dot + 1 + p);
    Some((start, end))
}

/// For each byte, the contexts of [`HOST_CONTEXTS`] whose last byte (`from_end` 1) or
/// last but one (`from_end` 2) it is: most names are preceded by bytes no context ends
/// with, and are then rejected without comparing any. 64 bits: one per context.
const fn context_bytes(from_end: usize) -> [u64; 256] {
    let mut t = [0u64; 256];
    let mut i = 0;
    while i < HOST_CONTEXTS.len() && i < 64 {
        let c = HOST_CONTEXTS[i];
        t[c[c.len() - from_end] as usize] |= 1 << i;
        i += 1;
    }
    t
}

const CONTEXT_LAST: [u64; 256] = context_bytes(1);
const CONTEXT_LAST_BUT_ONE: [u64; 256] = context_bytes(2);
const _: () = assert!(HOST_CONTEXTS.len() <= 64);

/// Whether `before` ends with one of [`HOST_CONTEXTS`].
fn ends_with_context(before: &[u8]) -> bool {
    let [.., b2, b1] = before else {
        return false;
    };
    let mut which = CONTEXT_LAST[usize::from(*b1)] & CONTEXT_LAST_BUT_ONE[usize::from(*b2)];
    while which != 0 {
        let i = which.trailing_zeros() as usize;
        if HOST_CONTEXTS.get(i).is_some_and(|c| ends_with(before, c)) {
            return true;
        }
        which &= which - 1;
    }
    false
}

const LIST_FIRST: [u32; 256] = first_bytes(LIST_HOSTS);
const PLACEHOLDER_FIRST: [u32; 256] = first_bytes(PLACEHOLDERS);

/// Whether `after` (the text right after a host name) is ` [address]` followed by `tail`.
fn bracket_then(after: &[u8], tail: &[u8]) -> bool {
    after.starts_with(b" [")
        && after
            .iter()
            .take(48)
            .position(|&c| c == b']')
            .is_some_and(|p| after[p + 1..].starts_with(tail))
}

/// The first host name of another receiver that is visible (its byte range in the
/// normalised text, without final dots): after `host ` (Postfix/Exim, not
/// `client host`), `Remote-MTA: dns;`, `connect to`, `relay=`..., as the PowerMTA
/// accounting `dsnMta` field, as the first word of the reply (its greeting host), or in
/// a URL when no blocklist is cited (the receiver's help page). Names inside e-mail
/// addresses, blocklist zones and lookup sites, IPs and redactions do not count.
pub fn visible_host(
    norm: &Norm,
    found: &Found,
    listed: bool,
    work: &mut u64,
) -> Option<(usize, usize)> {
    let t = norm.text();
    let padded = norm.padded();
    let mut i = 0;
    // Only names with a dot matter: visit the dots and take the name around each.
    while let Some((start, end)) = next_name(padded, t, i) {
        *work += (end - i) as u64 + 1;
        i = end;
        let mut tok = &t[start..end];
        while let Some(rest) = tok.strip_suffix(b".") {
            tok = rest;
        }
        if (start > 0 && t[start - 1] == b'@')
            || t.get(end) == Some(&b'@')
            || !(tok.contains(&b'.') || sendmail_relay(t, (start, end), tok))
        {
            continue;
        }
        let Some(stated) = written_as_host(norm, found.diag, listed, (start, end), tok, work)
        else {
            continue;
        };
        // Only now the (longer) checks of what the name is.
        *work += tok.len() as u64 * (LIST_HOSTS.len() + PLACEHOLDERS.len()) as u64;
        if names_a_receiver(&t[end..], tok, stated) {
            return Some((start, start + tok.len()));
        }
    }
    None
}

/// Whether a reply opens with a host name of three labels or more and an alphabetic
/// top-level domain (`554 mx.example.org`, `554-mx.example.org`): the greeting's form
/// (RFC 5321, 4.2), the server naming itself. A bounded look at each reply.
pub fn greeting_host(norm: &Norm, work: &mut u64) -> bool {
    let t = norm.text();
    norm.reply_starts.iter().any(|&p| {
        let rest = t.get(p..(p + 66).min(t.len())).unwrap_or_default();
        let skip = rest
            .iter()
            .take(2)
            .take_while(|&&c| matches!(c, b' ' | b'-'))
            .count();
        let rest = &rest[skip..];
        let len = rest
            .iter()
            .take_while(|&&c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-'))
            .count();
        // The bytes looked at: the name and the byte after it.
        *work += (skip + len + 1) as u64;
        let mut tok = &rest[..len];
        while let Some(r) = tok.strip_suffix(b".") {
            tok = r;
        }
        let tld = tok.rsplit(|&c| c == b'.').next().unwrap_or(&[]);
        // The name stands alone: not an address's domain, not a dotted code
        // (`RESOLVER.ADR.RecipientNotFound;`).
        rest.get(len)
            .is_none_or(|c| matches!(c, b' ' | b'\n' | b'>' | b')' | b'\'' | b'"'))
            && tld.len() <= 12
            && tok.split(|&c| c == b'.').count() >= 3
            && tld.len() >= 2
            && tld.iter().all(u8::is_ascii_alphabetic)
    })
}

/// sendmail's `relay=NAME. [192.0.2.1]`: the relay's name with its final dot, then its
/// address, is the receiving host even when it has one label (a poster's `MAILSERVER.`).
fn sendmail_relay(t: &[u8], (start, end): (usize, usize), tok: &[u8]) -> bool {
    tok.len() < end - start
        && tok != b"localhost"
        && t[..start].ends_with(b"relay=")
        && t[end..].starts_with(b" [")
}

/// Exim's sender callout in the receiving server's own log: "sender verify defer for <a>:
/// could not connect to mx.sender.example [192.0.2.1]: Connection timed out". The host
/// it could not reach is the sender's, not a receiver. A bounded look back on the line.
fn sender_callout(before: &[u8], work: &mut u64) -> bool {
    const WINDOW: usize = 160;
    if !ends_with(before, b": could not connect to ") {
        return false;
    }
    let line = &before[before.len().saturating_sub(WINDOW)..];
    let line = line
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(line, |p| &line[p + 1..]);
    *work += line.len() as u64;
    line.windows(14).any(|w| w == b"sender verify ")
}

/// Whether the name at `start..end` (`tok`, without its final dots) is written where a
/// receiving host stands: `Some(true)` in a host's context (`host `, `relay=`, a
/// PowerMTA `dsnMta` field...), `Some(false)` as a reply's greeting host or in a help
/// URL (a placeholder there names no one), `None` elsewhere.
fn written_as_host(
    norm: &Norm,
    diag: Option<usize>,
    listed: bool,
    (start, end): (usize, usize),
    tok: &[u8],
    work: &mut u64,
) -> Option<bool> {
    let t = norm.text();
    let before = &t[..start];
    // Every context ends with one of these bytes (or the name starts a reply).
    let prev = before.last().copied().unwrap_or(b' ');
    if !matches!(
        prev,
        b' ' | b';' | b'=' | b'\'' | b'/' | b',' | b'-' | b'(' | b'[' | b'<' | b'"' | b':'
            // The last byte of a typographic opening quote (U+2018).
            | 0x98
    ) && start != 0
    {
        return None;
    }
    let ends = |c: &[u8]| ends_with(before, c);
    // DragonFly's "mx.example.org [192.0.2.1] did not like our RCPT TO:".
    let after = &t[end..];
    let disliked = bracket_then(after, b" did not like our");
    // Gmail's report of a failed connection: "[(10) mx.example.org. [192.0.2.1]:25:
    // socket error]".
    let port25 = bracket_then(after, b":25:");
    // Barracuda's message log: "Rejected (mail.example.org:25:530 5.7.1 Client was not
    // authenticated(at FROM))": the destination host, its port, then its reply.
    // (The normalised text keeps a space where the reply code stood.)
    let port_reply =
        after.starts_with(b":25: ") && norm.reply_starts.binary_search(&(end + 5)).is_ok();
    // Exchange's "Remote Server returned '554 5.0.0 <mx.example.org #5.0.0 smtp; 554
    // ...>'", and its older diagnostic line "mx.example.org #550 5.1.0 <a> sender
    // rejected ##" (whose reply code the normalised text keeps as a space): the remote
    // host right before the status it gave.
    let exchange =
        (prev == b'<' && after.starts_with(b" #") && matches!(after.get(2), Some(b'4' | b'5')))
            || (after.starts_with(b" # ") && norm.reply_starts.binary_search(&(end + 3)).is_ok());
    let in_context = disliked
        || port25
        || port_reply
        || exchange
        || (ends_with_context(before) && !sender_callout(before, work))
        || (ends(b"host ")
            && !ends(b"client host ")
            && !ends(b"connecting host ")
            // "This is the mail system at host X": the sender's own reporting MTA.
            && !ends(b" at host "));
    let csv_field = (prev == b',' && start != 0 || ends(b", "))
        && (diag.is_some_and(|p| p < start)
            || before
                .trim_ascii_end()
                .strip_suffix(b",")
                .is_some_and(|b| b.ends_with(b")")));
    if in_context || csv_field {
        return Some(true);
    }
    // `reply_starts` is sorted: a binary search keeps this pass linear.
    let at_reply = |p: usize| norm.reply_starts.binary_search(&p).is_ok();
    let greeting = at_reply(start) || (start > 0 && at_reply(start - 1) && t[start - 1] == b'-');
    // A web server's log names the page a request came from (nginx's `referrer:
    // "https://webmail.example.org/..."`): the sender's own site, no receiver's help URL.
    let url = !listed
        && (ends(b"//") || tok.starts_with(b"www."))
        && !ends(b"referrer: \"https://")
        && !ends(b"referrer: \"http://");
    if !(greeting || url) {
        return None;
    }
    // A greeting host or a help URL: only a name of three labels or more, with an
    // alphabetic top-level domain.
    let tld = tok.rsplit(|&c| c == b'.').next().unwrap_or(&[]);
    let named = tok.split(|&c| c == b'.').count() >= 3
        && tld.len() >= 2
        && tld.iter().all(u8::is_ascii_alphabetic);
    named.then_some(false)
}

/// Whether `tok`, written where a host stands (`stated`: in a host's context), names a
/// receiver: not a redaction, a blocklist's zone or lookup site, nor a placeholder
/// domain outside a host's context (in it, a placeholder in the receiver's place still
/// names another receiver: `host example.com[...] said`). `after` is the text after the
/// name.
fn names_a_receiver(after: &[u8], tok: &[u8], stated: bool) -> bool {
    if tok.iter().all(|&c| matches!(c, b'x' | b'.' | b'0'..=b'9')) {
        return false;
    }
    if contains_any(tok, LIST_HOSTS, &LIST_FIRST) || NOT_HOSTS.iter().any(|p| tok.starts_with(p)) {
        return false;
    }
    // Barracuda's lookup page, not its ESS receiving hosts.
    if tok.ends_with(b"barracudanetworks.com") && after.starts_with(b"/reputation") {
        return false;
    }
    stated || !contains_any(tok, PLACEHOLDERS, &PLACEHOLDER_FIRST)
}
