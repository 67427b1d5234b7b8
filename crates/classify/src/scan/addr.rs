//! The recipient's address: where a text shows it in the recipient's role.
//!
//! Each `@` of the normalised text is read as an address (the local part before it, the
//! domain after it) and placed by the words right around it: the word before it
//! (`RCPT TO:<a>`, `Final-Recipient: rfc822; a`, `to=<a>`, `MAIL FROM:<a>`, `X-Postfix-Sender:
//! rfc822; a`), and what follows it (`<a>: host ... said`, `<a>: Sender address rejected`,
//! `<a>... Sender ok`). A bounded look at each side of each address: linear in the text.
//! Written for size (it ships in the widget's WebAssembly): plain loops over byte
//! classes, word lists as tables.

use super::{next_byte, Norm};

/// The first recipient address of each kind, as the byte range of its domain in the
/// normalised text.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Recipients {
    /// Named as the recipient: `RCPT TO:<a>`, `Final-Recipient: rfc822; a`, `to=<a>`,
    /// `recipient a`, `<a>: host ... said`, `<a> (expanded from ...)`, `a; Failed;`.
    pub named: Option<(usize, usize)>,
    /// Unnamed, in no sender's role: quoted as the subject of a reply (`550 5.1.1 <a>...
    /// User unknown`, `<a>: user does not exist`) or in its words (`No such user (a)`,
    /// `mailbox a is disabled`).
    pub unnamed: Option<(usize, usize)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Named by a protocol field (`RCPT TO:`, `Final-Recipient:`, `to=`, `ORCPT=`, the
    /// accounting record's field): even a role address (`postmaster@`) is the recipient.
    Field,
    Named,
    Unnamed,
    /// The sender, a header that is not the recipient, a message id, a mailto link.
    Not,
}

/// A byte of a local part (`***` and `...` of redactions included; not `=`, which ends
/// `to=` and `smtp.mailfrom=` in logs). `/` is RFC 5321's (a forge's
/// `repo/-/issues@forge.example.org`).
fn local(c: u8) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            b'.' | b'_' | b'%' | b'+' | b'-' | b'*' | b'\'' | b'&' | b'/'
        )
}

/// A byte of a domain (`*` of redactions included).
fn domain(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_' | b'*')
}

/// A byte of the word before an address (`final-recipient`, `smtp.mailfrom`,
/// `recipient(s)`).
fn word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_' | b'(' | b')')
}

/// The byte at `i` (zero past the end: no index can panic).
fn byte(t: &[u8], i: usize) -> u8 {
    t.get(i).copied().unwrap_or(0)
}

/// The bytes from `a` to `b` (empty when out of range).
fn sub(t: &[u8], a: usize, b: usize) -> &[u8] {
    t.get(a..b).unwrap_or_default()
}

/// Where the run of bytes of class `class` that ends at `end` starts (at most `max`).
fn back(t: &[u8], end: usize, max: usize, class: fn(u8) -> bool) -> usize {
    let mut i = end;
    while i > 0 && end - i < max && class(byte(t, i - 1)) {
        i -= 1;
    }
    i
}

/// Where the run of bytes of class `class` that starts at `start` ends (at most `max`).
fn fwd(t: &[u8], start: usize, max: usize, class: fn(u8) -> bool) -> usize {
    let mut i = start;
    while i < t.len() && i - start < max && class(byte(t, i)) {
        i += 1;
    }
    i
}

/// Whether the address opening at `open` is listed under a queued message's status, as
/// sendmail's and Postfix's queue listings (`mailq`) write its recipients: `(Deferred:
/// Connection timed out with host) <a>`, `(delivery temporarily suspended: ...) a`, a
/// display name before it allowed. A bounded look back.
fn listed_under_queue_status(t: &[u8], open: usize) -> bool {
    let before = sub(t, open.saturating_sub(240), open).trim_ascii_end();
    let before = if before.ends_with(b")") {
        before
    } else {
        // One word of a display name (`admin2 <a>`).
        let word = back(before, before.len(), 32, |c| c != b' ' && c != b'\n');
        before[..word].trim_ascii_end()
    };
    if !before.ends_with(b")") {
        return false;
    }
    let Some(open_paren) = before.iter().rposition(|&c| c == b'(') else {
        return false;
    };
    let status = &before[open_paren + 1..];
    // Postfix's listing writes any reason there (`(temporary failure)`): its header names
    // the column (`-Sender/Recipient-------`), a few lines up (a bounded look back).
    let listing = sub(t, open.saturating_sub(1200), open)
        .windows(17)
        .any(|w| w == b"sender/recipient-");
    listing
        || status.starts_with(b"deferred")
        || status.starts_with(b"delivery temporarily suspended")
}

/// Whether `w` ends with one of `list`.
fn ends_any(w: &[u8], list: &[&[u8]]) -> bool {
    list.iter().any(|e| w.ends_with(e))
}

/// Endings of the word right before an address that name it the recipient
/// (`recipient(s):`, `X-Failed-Recipients:`, `orcpt=`, MailWizz's `subscriber`), or end
/// the sentence that introduces a list of failed recipients (Gmail's `... failed
/// permanently:`, Exchange's `... cannot be reached:` and `... recipients or groups:`).
const NAMING: &[&[u8]] = &[
    b"recipient",
    b"recipients",
    b"recipient(s)",
    b"rcpt",
    b"subscriber",
    b"permanently",
    b"delayed",
    b"reached",
    b"groups",
    // A French report's recipient line: "Destinataire : a" (the recipient).
    b"destinataire",
    // Outlook's Spanish report: "No se puede localizar a los destinatarios siguientes: 'a'".
    b"siguientes",
];

/// Endings of the word before an address that make it the sender's or not a recipient:
/// `MAIL FROM:`, `from=`, `smtp.mailfrom=`, `X-Postfix-Sender: rfc822;`, `Reply-To:`,
/// `Delivered-To:`.
const NOT_RECIPIENT_ENDS: &[&[u8]] = &[b"from", b"sender", b"senders", b"-to"];
/// Words before an address that make it no recipient: `Return-Path:`, a `mailto:`
/// link, a message id, Exim's `F=<a>`, a policy daemon's sending `client` ("limit of 400
/// rcpts per 24 hours for client a reached").
const NOT_RECIPIENT: &[&[u8]] = &[
    b"f",
    b"client",
    b"return-path",
    b"mailto",
    b"message-id",
    b"references",
    b"id",
];

/// Words right after an address (past `:`) that name it the recipient: Postfix's and
/// qmail's bounce lines (`<a>: host X said:`, `<a>: connect to X`), Postfix's
/// `Recipient address rejected`, a sending tool's line about one recipient (`job: a:
/// Error: Can't send mail - all recipients were rejected: 550 ...`).
const NAMED_AFTER: &[&[u8]] = &[b"host", b"connect", b"recipient", b"delivery", b"error"];

/// Local parts of role addresses (a postmaster to write to, the bounce's own sender).
const ROLE_LOCALS: &[&[u8]] = &[
    b"postmaster",
    b"mailer-daemon",
    b"abuse",
    b"noreply",
    b"no-reply",
];

/// Headers before a display name that are not the recipient's (`From: Some One <a>`,
/// `To: Some One <a>` of a returned message).
const HEADERS: &[&[u8]] = &[b"from", b"sender", b"to", b"cc"];

/// Reads every address of the text and keeps the first of each kind (stops at the
/// first named one).
pub fn recipients(norm: &Norm, work: &mut u64) -> Recipients {
    let t = norm.text();
    let padded = norm.padded();
    let mut found = Recipients::default();
    let mut from = 0;
    while let Some(at) = next_byte(padded, from, t.len(), b'@') {
        let mut start = back(t, at, 64, local);
        // A local part redacted as a placeholder in brackets: "Failed Recipient:
        // <anyone>@gmail.com", Exim's "== [myaccount]@gmail.com" (the placeholder is the
        // local part).
        let close = byte(t, at.wrapping_sub(1));
        if start == at && matches!(close, b'>' | b']') {
            let s = back(t, at - 1, 32, local);
            let open = if close == b'>' { b'<' } else { b'[' };
            if s < at - 1 && byte(t, s.wrapping_sub(1)) == open {
                start = s;
            }
        }
        let mut end = fwd(t, at + 1, 255, domain);
        *work += (at - from) as u64 / 8 + (end - start) as u64 + 1;
        from = end.max(at + 1);
        while end > at + 1 && matches!(byte(t, end - 1), b'.' | b'-') {
            end -= 1;
        }
        let name = sub(t, at + 1, end);
        // A domain without a dot is no address (a shell prompt's `user@host`, a version
        // `pkg@1`), except in Postfix's `to=<a>` field, where it is the recipient as the
        // asker typed it in place of the address (`to=<email@address>`; not `localhost`,
        // the server itself).
        let field = sub(t, start.saturating_sub(4), start) == b"to=<" && name != b"localhost";
        // A wholly masked domain (`<*@*.*.*>`) shows no receiver; nor is a name followed
        // by another `@` an address (a package path's `_nodemailer@4.7.0@nodemailer/lib`).
        let masked = name.iter().all(|&c| matches!(c, b'*' | b'.')) || byte(t, end) == b'@';
        if start == at || !(field || name.contains(&b'.')) || name.first() == Some(&b'.') || masked
        {
            continue;
        }
        let role = match role(t, start, end, &norm.reply_starts, work) {
            Role::Named | Role::Unnamed
                if ROLE_LOCALS.contains(&sub(t, start, at)) && !refused_next(t, end) =>
            {
                Role::Not
            }
            r => r,
        };
        match role {
            Role::Field | Role::Named => {
                found.named = Some((at + 1, end));
                return found;
            }
            Role::Unnamed => {
                found.unnamed.get_or_insert((at + 1, end));
            }
            Role::Not => {}
        }
    }
    found
}

/// The word that ends at `end` (after the separators `: ; = ,` and spaces before
/// `end`): where it starts, the word, and the separators seen.
fn word_before(t: &[u8], end: usize) -> (usize, &[u8], Seps) {
    let mut i = end;
    let mut seps = Seps::default();
    while i > 0 && end - i < 4 {
        match byte(t, i - 1) {
            b':' => seps.colon = true,
            b',' => seps.comma = true,
            b'=' => seps.equals = true,
            b';' | b' ' => {}
            _ => break,
        }
        i -= 1;
    }
    let stop = i;
    let i = back(t, stop, 24, word);
    // The domain of an address before (`orig@a.example,rcpt@b.example`) is no word.
    if i > 0 && byte(t, i - 1) == b'@' {
        return (i, &[], seps);
    }
    (i, sub(t, i, stop), seps)
}

#[derive(Default, Clone, Copy)]
struct Seps {
    colon: bool,
    comma: bool,
    equals: bool,
}

/// The opening brackets, quotes and spaces right before `start` (at most eight).
fn opening(t: &[u8], start: usize) -> usize {
    back(t, start, 8, |c| {
        matches!(c, b'<' | b'(' | b'[' | b'"' | b'\'' | b' ')
    })
}

/// What the words around the address at `start..end` (its local part to the end of its
/// domain) make it.
fn role(t: &[u8], start: usize, end: usize, reply_starts: &[usize], work: &mut u64) -> Role {
    *work += 64;
    let open = opening(t, start);
    // Exim's main log (`<id> ** a` failed, `<id> == a` deferred, `<id> => a` delivered; an
    // application's log writes its failed send the same way, `发送失败 => a 550 ...`), the JSON
    // events of ESPs (SendGrid's `"email":"a"`, Mailgun's `"recipient": "a"` and its Python
    // form `'recipient': 'a'`, SparkPost's `"rcpt_to": "a"`, Amazon SES's `"destination":
    // ["a"]`, Resend's `"to": ["a"]`), a log's envelope pair on one line (Cisco IronPort's
    // `From:<a> To:<b>`, amavis's `<a> -> <b>`, Mailgun's `a → b`) and Exchange's and
    // MailEnable's `Recipient: [SMTP:a]` name the recipient, as Chinese providers' bounces do
    // with "无法发送到a" (could not be sent to a, no space before the address).
    let before = sub(t, open.saturating_sub(14), open);
    if [
        &b" **"[..],
        b" ==",
        b" =>",
        b"\"email\":",
        b"\"recipient\":",
        b"'recipient':",
        b"\"rcpt_to\":",
        b"\"destination\":",
        b"\"to\":",
        // Ruby's form of the same field: a mailer job's arguments `{"to"=>"a"}`.
        b"\"to\"=>",
        b"> to:",
        // A bulk MTA's deferral log: "deferral: to: a toid: 7107226 ... toip: ...".
        b"deferral: to:",
        b"t: [smtp:",
        // Python's smtplib's refused recipients without their replies:
        // "SMTPRecipientsRefused: {'a'}" (with them, `{'a': (550, ...)}`, read below).
        b"srefused: {",
        b"> ->",
        // Mailgun's event log: "Failed: sender → recipient 'subject' Server response: ...".
        "→".as_bytes(),
        "发送到".as_bytes(),
        "發送到".as_bytes(),
    ]
    .iter()
    .any(|m| before.ends_with(m))
    {
        return Role::Named;
    }
    // SendGrid's record of a refusal: "EMAIL a" (or "EMAIL: a"), then "REASON 550 ..." on
    // the next line: the address whose reason follows is the recipient.
    if (before.ends_with(b"email") || before.ends_with(b"email:"))
        && t.get(end..).is_some_and(|r| r.starts_with(b" reason"))
    {
        return Role::Named;
    }
    // PHP's mail log (`mail.log`): "mail() on [/path/file.php:327]: To: a -- Headers: ..."
    // names the recipient the script sent to.
    if t.get(end..).is_some_and(|r| r.starts_with(b" -- headers:")) {
        return Role::Named;
    }
    if listed_under_queue_status(t, open) {
        return Role::Named;
    }
    // The sender Mailgun's event log writes before the arrow ("Failed: b → a"): no
    // recipient, whatever "Failed:" before it says.
    if t.get(end..).is_some_and(|r| r.starts_with(" →".as_bytes())) {
        return Role::Not;
    }
    // A VERP bounce address in a log's sender field: the recipient's address encoded in
    // its local part after `=` (`from=list-a=example.org@bounces.example`); the `@` is
    // the sender's, whatever the encoded part looks like.
    if byte(t, start.wrapping_sub(1)) == b'=' {
        let tok = back(t, start - 1, 96, |c| !matches!(c, b' ' | b'\n' | b'<'));
        *work += (start - tok) as u64;
        if sub(t, tok, start).starts_with(b"from=") {
            return Role::Not;
        }
    }
    let (wstart, word, seps) = word_before(t, open);
    let (pstart, prev, prev_seps) = word_before(t, wstart);
    // Exim's sender verification quotes the sender: "550-Verification failed for <a>
    // 550-Unrouteable address 550 unable to verify sender address".
    if word == b"for" && prev == b"failed" && word_before(t, pstart).1 == b"verification" {
        return Role::Not;
    }
    // Exim's delivery to a pipe or file names the address it was generated by, the
    // recipient: "pipe to |/path/script generated by a".
    if word == b"by" && prev == b"generated" {
        return Role::Named;
    }
    // PHPMailer's refused sender: "The following From address failed: a : MAIL FROM
    // command failed" (its refused recipients: "The following recipients failed: a").
    if word == b"failed" && prev == b"address" && word_before(t, pstart).1 == b"from" {
        return Role::Not;
    }
    // Amazon SES lists the sender identities it refuses: "Email address is not verified.
    // The following identities failed the check in region EU-WEST-2: Name <a>, a".
    if sub(t, open.saturating_sub(96), open)
        .windows(17)
        .any(|w| w == b"failed the check ")
    {
        return Role::Not;
    }
    if let Some(r) = named_by_word(word, prev, seps) {
        return r;
    }
    let angle = start > 0 && byte(t, start - 1) == b'<';
    if angle && !word.is_empty() && in_header(t, wstart) {
        return Role::Not;
    }
    // PowerMTA's accounting record: `orig,rcpt,`: the second of two address fields.
    if seps.comma && word.is_empty() && field_has_at(t, open, false) {
        return Role::Field;
    }
    let j = fwd(t, end, 4, |c| {
        matches!(c, b'>' | b')' | b']' | b'"' | b'\'')
    });
    let rest = t.get(j..).unwrap_or_default();
    // Postfix's `<a> (expanded from ...)`, Exchange's `a (Undelivered): 550 ...`,
    // Halon's `<a> failed: example.org->MX: 552 ...` (and its delay notice's `<a> delayed:
    // example.org: 400 ...`), PowerMTA's `a; Failed;`, a "Mail Delivery Service" report's
    // `a; Action: Failed; Status: 5.3.0`.
    if rest.starts_with(b" (expanded from")
        || rest.starts_with(b" (undelivered)")
        || rest.starts_with(b" failed:")
        || rest.starts_with(b" delayed:")
        // Exim's log line for an address's delivery (`a R=dnslookup T=remote_smtp defer
        // (-53): ...`, the router and transport that handled it) and sendmail's line about a
        // recipient it keeps queued (`a... Deferred: Connection timed out`).
        || rest.starts_with(b" r=")
        || rest.starts_with(b"... deferred")
        || rest.starts_with(b"; failed")
        || rest.starts_with(b"; action: failed")
    {
        return Role::Named;
    }
    // Exchange's diagnostic block without the server's line: the failed recipient alone
    // on its line (as a web page prints it, a `[a](mailto:a)` link), then "Remote Server
    // returned '...'" right after.
    {
        let link = rest.strip_prefix(b"(mailto:").map(|r| {
            let close = r.iter().take(120).position(|&c| c == b')');
            close.map_or(r, |n| &r[n + 1..])
        });
        if link
            .unwrap_or(rest)
            .trim_ascii_start()
            .starts_with(b"remote server returned")
        {
            return Role::Named;
        }
    }
    // Exchange's diagnostic block: the failed recipient alone on its line, the remote
    // server (a host, or an IP literal) on the next, then "Remote Server returned '550
    // ...'" (line breaks are spaces in the normalised text).
    if let Some(line) = rest.strip_prefix(b" ") {
        let server = line.iter().take(80).position(|&c| c == b' ');
        if server.is_some_and(|n| line[n + 1..].starts_with(b"remote server returned")) {
            return Role::Named;
        }
    }
    // Chinese mail systems' line about one recipient: a bare address opening its line,
    // then ` : ` (`a@b : No welcome message from 192.0.2.1`).
    if !angle && rest.starts_with(b" : ") && (start == 0 || byte(t, start - 1) == b'\n') {
        return Role::Named;
    }
    if rest.starts_with(b",") && field_has_at(t, j + 1, true) {
        return Role::Not;
    }
    // The account over its sending limit is the sender's: "User a has exceeded its
    // 24-hour sending limit" (a mailbox over its quota is no sending limit).
    if rest.starts_with(b" has exceeded")
        && rest
            .get(..rest.len().min(64))
            .is_some_and(|w| w.windows(8).any(|x| x == b"sending "))
    {
        return Role::Not;
    }
    let sendmail = rest.starts_with(b"...");
    let colon = rest.starts_with(b":");
    // `<a>:` right before a reply's code (Yahoo's and qmail's `<a>:\n550 ...`): a
    // bounce's line about the recipient, whatever the reply says next (`Sender address
    // rejected`: the reply's words, not the address's role).
    // Python's smtplib writes its refused recipients as a map to their replies:
    // `{'a@b.example': (550, '5.1.1 ...')}`.
    let after_colon = fwd(t, j + 1, 4, |c| c == b' ' || c == b'(');
    if colon && reply_starts.binary_search(&after_colon).is_ok() {
        return Role::Named;
    }
    let next = next_word(t, j);
    if next.starts_with(b"sender") {
        return Role::Not;
    }
    // Postfix's prefix before the receiver's own failure ("450 4.7.1 <a>: Recipient
    // address rejected: Internal error, API request failed", "... Server configuration
    // error"): the address it was checking, quoted; no refusal of the recipient.
    if next == b"recipient"
        && [
            &b": recipient address rejected: internal error"[..],
            b": recipient address rejected: server configuration error",
        ]
        .iter()
        .any(|p| rest.starts_with(p))
    {
        return Role::Unnamed;
    }
    // ... and a reply about the recipient's server (Rackspace: `450 4.4.1 <a>: The
    // recipient's server was temporarily unavailable to accept your message (G6)`).
    if colon && (NAMED_AFTER.contains(&next) || rest.starts_with(b": the recipient")) {
        return Role::Named;
    }
    // The address opens a reply (`550 5.1.1 <a>...`: the code prefix is gone): the
    // subject of the refusal, recipient or sender. Elsewhere, `<a>:` and `<a>...` start
    // a bounce's line about one recipient (Postfix, qmail, sendmail).
    let opens_reply = reply_starts
        .binary_search(&(start - usize::from(angle)))
        .is_ok();
    if !opens_reply && angle && (colon || sendmail || rest.starts_with(b" (reason")) {
        return Role::Named;
    }
    // Postfix's queue listing (`mailq`, `postqueue -p`): "ID size Mon May 25 18:01:07
    // sender", the reason and the recipients on the lines after. An address right after a
    // time of day is the queue line's sender.
    let digits = |w: &[u8]| w.len() == 2 && w.iter().all(u8::is_ascii_digit);
    if digits(word) && digits(prev) && prev_seps.colon && !seps.colon {
        return Role::Not;
    }
    Role::Unnamed
}

/// Whether the display name that ends at `end` follows a header that is not the
/// recipient's (`From: Some One <a>`, `To: Some One <a>` of a returned message).
fn in_header(t: &[u8], end: usize) -> bool {
    let from = end.saturating_sub(48);
    let mut i = end;
    while i > from && !matches!(byte(t, i - 1), b':' | b'@' | b'>') {
        i -= 1;
    }
    i > from && byte(t, i - 1) == b':' && ends_any(word_before(t, i).1, HEADERS)
}

/// The role the word before an address gives it, if it decides it.
fn named_by_word(word: &[u8], prev: &[u8], seps: Seps) -> Option<Role> {
    // `Final-Recipient: rfc822; a`, `X-Postfix-Sender: rfc822; a`, `ORCPT=rfc822;a`.
    if word == b"rfc822" {
        let named = prev.ends_with(b"recipient") || prev == b"orcpt";
        return Some(if named { Role::Field } else { Role::Not });
    }
    if word == b"to" {
        // `to=<a>`, `RCPT TO:<a>`, `messages to a`; `To:` is a header (in a whole bounce,
        // the original sender's), unless `delivered to:`.
        return Some(match (seps.colon, prev) {
            (_, b"rcpt") => Role::Field,
            (false, _) if seps.equals => Role::Field,
            // fetchmail's "mail from a bounced to b": b is where the bounce went (the
            // original sender), no refused recipient.
            (false, b"bounced") => Role::Not,
            // amavis's notice: "The message WAS NOT relayed to: <a>: 250 2.7.0 Ok, discarded".
            (false, _) | (true, b"delivered" | b"sent" | b"relayed") => Role::Named,
            (true, _) => Role::Not,
        });
    }
    // Exchange's German report: "Ihre Nachricht an a konnte nicht zugestellt werden"
    // (your message to a), as `messages to a` is.
    if word == b"an" && prev == b"nachricht" {
        return Some(Role::Named);
    }
    // qmail's delivery log: "starting delivery 21817: msg 3769432 to remote a".
    if word == b"remote" && prev == b"to" {
        return Some(Role::Named);
    }
    // Postfix's `<a> (expanded from <b>):`: b is the recipient the sender wrote.
    if word == b"from" && prev.ends_with(b"expanded") {
        return Some(Role::Named);
    }
    // `on behalf of a`; a log's field for the sender's address (a hosting server's Exim limit
    // "... by User: u, From_Address: a, Rate: 75.2 / 1h", `sender_address=a`).
    if (word == b"of" && prev == b"behalf")
        || [&b"from_"[..], b"from-", b"sender_", b"sender-"]
            .iter()
            .any(|p| word.starts_with(p))
        || ends_any(word, NOT_RECIPIENT_ENDS)
        || NOT_RECIPIENT.contains(&word)
    {
        return Some(Role::Not);
    }
    // Exim: `The following address(es) failed:`; its delay warning: `The address to
    // which the message has not yet been delivered is:`; Exchange's "Delivery to the
    // following recipients failed." and the address on the next line.
    if ends_any(word, NAMING)
        || (word == b"failed" && seps.colon)
        // A sending service's "Failed to deliver: a".
        || (word == b"deliver" && seps.colon)
        || (matches!(word, b"failed" | b"failed.") && ends_any(prev, NAMING))
        || (word == b"is" && seps.colon && prev == b"delivered")
    {
        return Some(Role::Named);
    }
    None
}

/// Whether the comma-separated field next to position `at` of `t` holds an `@`: the
/// one that starts there (`forward`) or the one that ends before the comma right
/// before it.
fn field_has_at(t: &[u8], at: usize, forward: bool) -> bool {
    let field = |c: u8| c != b',' && c != b' ';
    let (a, b) = if forward {
        (at, fwd(t, at, 128, field))
    } else {
        let end = if at > 0 && byte(t, at - 1) == b',' {
            at - 1
        } else {
            at
        };
        (back(t, end, 128, field), end)
    };
    sub(t, a, b).contains(&b'@')
}

/// Whether the words right after the address at `..end` refuse it as a recipient
/// (`The recipient's email address (abuse@a.example) does not exist`, `<postmaster@a>
/// user unknown`): then even a role address is the recipient.
fn refused_next(t: &[u8], end: usize) -> bool {
    let next = next_word(t, end);
    matches!(next, b"does" | b"user" | b"unknown" | b"mailbox")
}

/// The first word at or after `at` past punctuation and spaces (`: host`, `... Sender
/// ok`).
fn next_word(t: &[u8], at: usize) -> &[u8] {
    let from = fwd(t, at, 6, |c| !c.is_ascii_alphanumeric());
    sub(t, from, fwd(t, from, 16, |c| c.is_ascii_alphanumeric()))
}

/// Whether the domain that starts at `pos` in `t` is named as the sender's: `email from
/// icloud.com`, `sending domain [gmx.net]`, `DMARC policy for yahoo.com`, `on behalf of
/// (outlook.com)`, `the administrator of x domain`.
pub fn sender_domain(t: &[u8], pos: usize) -> bool {
    let (wstart, word, _) = word_before(t, opening(t, pos));
    let prev = || word_before(t, wstart).1;
    ends_any(word, &[b"from", b"sender"])
        || word == b"domain"
        || (word == b"for" && prev() == b"policy")
        || (word == b"of" && matches!(prev(), b"behalf" | b"administrator"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::normalise;

    /// The domain of the first address of each kind, as text.
    fn kinds(text: &str) -> [Option<String>; 2] {
        let mut w = 0;
        let mut codes = crate::codes::Codes::default();
        crate::codes::scan_into(text.as_bytes(), &mut codes);
        let norm = normalise(text.as_bytes(), &codes.replies, 0, &mut w, Norm::default());
        let r = recipients(&norm, &mut w);
        let show = |d: Option<(usize, usize)>| {
            d.map(|(a, b)| String::from_utf8_lossy(&norm.text()[a..b]).into_owned())
        };
        [show(r.named), show(r.unnamed)]
    }

    fn named(text: &str) -> Option<String> {
        kinds(text)[0].clone()
    }

    #[test]
    fn the_recipient_is_named_by_the_words_before_it() {
        for text in [
            "SMTP error from remote mail server after RCPT TO:<a@free.fr>: 550 no",
            "Final-Recipient: rfc822; a@free.fr",
            "Original-Recipient: rfc822;a@free.fr",
            "postfix/smtp[1]: X: to=<a@free.fr>, relay=none",
            "Messages to a@free.fr deferred",
            "550 5.1.10 Recipient a@free.fr not found by SMTP address lookup",
            "Delivery to the following recipient failed permanently:\n\n   a@free.fr\n",
            "The following address(es) failed:\n\n  a@free.fr\n    retry timeout exceeded",
            "The address to which the message has not yet been delivered is:\n\n  a@free.fr\n",
            "Delivery has failed to these recipients or groups:\n\na@free.fr (a@free.fr)",
            "b,2020-01-01,bad-mailbox,vmta,bounce@sender.example,a@free.fr,mx (1.1.1.1)",
            // An ESP's JSON event: the sender's `from`, then the recipients' `to` list.
            "{\"from\": \"Acme <b@sender.example>\",\n\"to\": [\"a@free.fr\"],",
            // SparkPost's `rcpt_to`, Amazon SES's `destination` list, Mailgun's event
            // printed as a Python dict.
            "\"msg_from\": \"b@sender.example\",\n\"rcpt_to\": \"a@free.fr\",",
            "\"source\": \"b@sender.example\",\n\"destination\": [\"a@free.fr\"],",
            "'event': 'dropped',\n'recipient': 'a@free.fr',",
            // A local part with RFC 5321's `/` (a forge's mail address).
            "to=<repo/-/issues@free.fr>, delay=40s result=TempFail",
            // Mailgun's event log (sender → recipient); a French report's recipient line.
            "Failed: b@sender.example → a@free.fr 'Hello' Server response: 550 no",
            "Destinataire : a@free.fr\nErreur : 550 no",
        ] {
            assert_eq!(named(text).as_deref(), Some("free.fr"), "{text}");
        }
    }

    #[test]
    fn the_recipient_is_named_by_what_follows_it() {
        for text in [
            "to the following addresses.\n<a@free.fr>:\n1.2.3.4 failed after I sent the message.",
            "<a@free.fr>... Deferred: Connection timed out with mx.free.fr.",
            "<a@free.fr>:\n501: 5.1.8 Sender address rejected",
            "----- The following addresses had permanent fatal errors -----\n<a@free.fr>\n    (reason: 550 5.1.1 User unknown)",
            "<a@free.fr>: host mx.free.fr[1.2.3.4] said: 550 no",
            "<a@free.fr>: connect to mx.free.fr[1.2.3.4]:25: Connection timed out",
            "550 5.1.1 <a@free.fr>: Recipient address rejected: User unknown",
            "<a@free.fr> (expanded from <b@example.org>): host x said: 550",
            "a@free.fr; Failed; 5.1.1 (bad destination mailbox address)",
            "a@free.fr; Action: Failed; Status: 5.3.0 (other or undefined mail system status)",
            "a@free.fr (Undelivered): 550 5.7.1 Message rejected as spam by Content Filtering.",
            // The expanded address lost its domain: the one the sender wrote remains.
            "<XXXX (expanded from <a@free.fr>): User unknown in virtual alias table",
            // A local part redacted as a placeholder in angle brackets.
            "Failed Recipient: <anyone>@free.fr\nReason: Remote host said: 550 no",
            "SMTPRecipientsRefused: {'a@free.fr': (550, '5.1.1 user unknown')}",
            // Exchange's diagnostic block, the refusing server an IP literal.
            "Generating server: mail.example.org\n\na@free.fr\n[192.0.2.1]\nRemote Server returned '550 5.7.1 no'",
        ] {
            assert_eq!(named(text).as_deref(), Some("free.fr"), "{text}");
        }
    }

    #[test]
    fn the_receivers_own_failure_only_quotes_the_address() {
        for text in [
            "450 4.7.1 <a@free.fr>: Recipient address rejected: Internal error, API request failed",
            "451 4.3.5 <a@free.fr>: Recipient address rejected: Server configuration error",
        ] {
            assert_eq!(kinds(text), [None, Some("free.fr".into())], "{text}");
        }
    }

    #[test]
    fn the_sender_is_never_a_recipient() {
        for text in [
            "MAIL FROM:<a@free.fr> 550 5.7.1 rejected",
            "550 5.1.0 <a@free.fr>: Sender address rejected: Domain not found",
            "250 2.1.0 <a@free.fr>... Sender ok",
            "X-Postfix-Sender: rfc822; a@free.fr",
            "NOQUEUE: reject: from=<a@free.fr> proto=ESMTP",
            "Return-Path: <a@free.fr>",
            "spf=pass smtp.mailfrom=a@free.fr",
            "sent on behalf of a@free.fr",
            "550-Verification failed for <a@free.fr>\r\n550 unable to verify sender address",
            "Script mails recipient ratelimit exceeded by User: u, From_Address: a@free.fr, Rate: 75.2 / 1h",
            "554 Message rejected: Email address is not verified. The following identities failed the check in region EU-WEST-2: A <a@free.fr>, a@free.fr",
            "To: a@free.fr",
            "From: Some One <a@free.fr>\n550 5.1.1 user unknown",
            "Message-ID: <123.456@free.fr>",
            "please write to postmaster@free.fr",
            "<mailto:a@free.fr>",
            "b,2020,bad-mailbox,vmta,a@free.fr,rcpt@example.org,mx",
            "The following From address failed: a@free.fr : MAIL FROM command failed",
        ] {
            let k = kinds(text);
            assert!(
                k.iter().all(|d| d.as_deref() != Some("free.fr")),
                "{text}: {k:?}"
            );
        }
    }

    #[test]
    fn unnamed_addresses() {
        for (text, domain) in [
            (
                "550 5.1.1 <a@icloud.com>: user does not exist",
                "icloud.com",
            ),
            ("452 4.1.1 <a@comcast.net> user over quota", "comcast.net"),
            (
                "550 5.1.1 <a@prodigy.net>... Addressee unknown",
                "prodigy.net",
            ),
            ("550 No such user (a@example.org)", "example.org"),
            // A role address refused as the recipient is the recipient still.
            (
                "The recipient's email address (abuse@free.fr) does not exist",
                "free.fr",
            ),
        ] {
            assert_eq!(kinds(text), [None, Some(domain.to_owned())], "{text}");
        }
    }

    #[test]
    fn bare_sender_domains() {
        let at = |text: &str, host: &str| {
            let t = text.as_bytes();
            let pos = text.find(host).unwrap();
            sender_domain(t, pos)
        };
        assert!(at(
            "unauthenticated email from icloud.com is not",
            "icloud.com"
        ));
        assert!(at("sending domain [gmx.net] does not pass", "gmx.net"));
        assert!(at(
            "rejected per dmarc policy for comcast.net",
            "comcast.net"
        ));
        assert!(at("on behalf of (outlook.com)", "outlook.com"));
        assert!(!at("host mx01.mail.icloud.com said", "mx01"));
        assert!(!at("connect to gmx.net[1.2.3.4]", "gmx.net"));
    }

    #[test]
    fn odd_bytes_around_at_signs() {
        for text in [
            "@",
            "@@",
            "a@",
            "@b.c",
            "a@b",
            "<@>",
            "a@.",
            "x@-.-",
            "@a.b:host",
            ",",
        ] {
            let _ = kinds(text);
        }
    }
}
