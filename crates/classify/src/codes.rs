//! Reading the text: decoding pastes, finding SMTP reply codes and RFC 3463 enhanced
//! codes, and choosing the innermost remote reply.
//!
//! Everything here is a single left-to-right pass over bytes (or a constant number of
//! them): no backtracking, no regular expressions.

use std::borrow::Cow;

/// An RFC 3463 enhanced status code `class.subject.detail`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Enhanced {
    pub class: u8,
    pub subject: u8,
    pub detail: u16,
}

impl Enhanced {
    /// `X.0.0`: a class with no subject (a DSN's catch-all status).
    pub fn is_generic(self) -> bool {
        self.subject == 0 && self.detail == 0
    }

    pub fn to_text(self) -> String {
        // Written by hand: this runs for every bounce, `format!` costs more than the rest.
        let mut s = String::with_capacity(9);
        s.push(char::from(b'0' + self.class));
        s.push('.');
        s.push(char::from(b'0' + self.subject));
        s.push('.');
        let d = self.detail;
        if d >= 100 {
            s.push(char::from(b'0' + (d / 100) as u8));
        }
        if d >= 10 {
            s.push(char::from(b'0' + (d / 10 % 10) as u8));
        }
        s.push(char::from(b'0' + (d % 10) as u8));
        s
    }
}

/// A basic reply code found in the text (`550`, `421-`, `smtp;554`...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reply {
    /// Byte offset of the first digit.
    pub pos: usize,
    pub basic: u16,
    /// Followed by `-` (a continuation line of a multi-line reply).
    pub cont: bool,
    /// The enhanced code written right after the basic code, if any.
    pub enhanced: Option<Enhanced>,
    /// Offset just past the code prefix (`550 5.7.1 ` or `550 `).
    pub end: usize,
    /// Sendmail's own note that it deferred another host (`421 example.org (smtp)...
    /// Deferred: Connection timed out`), written after the remote reply it reports; or an
    /// earlier attempt quoted in the final result (Momentum's `last transfail: 421 ...`).
    pub deferred_elsewhere: bool,
    /// Sendmail's own line about an address (`554 <a>... Remote protocol error`), written
    /// after the remote reply (`<<< 550 ...`) it sums up.
    pub about_address: bool,
    /// Sendmail's own closing line after a transcript (`<<< 554 5.7.1 Gtube pattern` then
    /// `554 5.0.0 Service unavailable`), or Exchange's own "400 4.4.7 Message delayed": the
    /// remote reply before it is the cause.
    pub summary: bool,
}

impl Reply {
    /// `452 4.5.3 Too many recipients`: the server asks for the remaining recipients in
    /// another transaction (RFC 5321's 452, RFC 3463's X.5.3), which fails no message.
    pub fn too_many_recipients(&self) -> bool {
        self.enhanced
            .is_some_and(|e| e.class == 4 && e.subject == 5 && e.detail == 3)
    }
}

/// A free-standing enhanced code (`#5.1.1`, `Status: 5.0.0`, `dsn=4.4.1`, `5.1.1 (bad ...`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bare {
    pub pos: usize,
    pub code: Enhanced,
    /// Introduced by `#`, `status:`, `dsn=` or followed by ` (`: a DSN/MTA status field.
    pub status_like: bool,
}

/// What [`scan`] found.
#[derive(Debug, Default)]
pub struct Codes {
    pub replies: Vec<Reply>,
    pub bares: Vec<Bare>,
    /// Where the last go-ahead for the message (` 354 `) of a session's log starts: the
    /// success replies before it answered the envelope's commands, not the message.
    pub go_ahead: Option<usize>,
    /// The last greeting (`220`) a client reports as the answer it could not use
    /// (`Unexpected greeting: "220-mx.example.org ESMTP"`, `Rejected EHLO command.
    /// Response: 220-...`): its index in `replies`.
    pub greeting_reported: Option<usize>,
}

/// The decision: which reply is the innermost remote one, and its codes.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Chosen {
    pub basic: Option<u16>,
    pub enhanced: Option<Enhanced>,
    /// Where the innermost reply (with its continuation lines) starts.
    pub region_start: usize,
}

/// Decodes a pasted text: CRLF and CR to LF, literal `\n` / `\r` / `\t` escapes (JSON or
/// log pastes) to real whitespace. One pass; the output is never longer than the input.
pub fn decode(text: &[u8]) -> Cow<'_, [u8]> {
    // Most texts have neither: no copy then.
    if !has_cr_or_backslash(text) {
        return Cow::Borrowed(text);
    }
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        match b {
            b'\r' => {
                out.push(b'\n');
                if text.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\\' if matches!(text.get(i + 1), Some(b'n' | b'r')) => {
                out.push(b'\n');
                i += 1;
                // `\r\n` as two escapes is one line break.
                if text.get(i) == Some(&b'r')
                    && text.get(i + 1) == Some(&b'\\')
                    && text.get(i + 2) == Some(&b'n')
                {
                    i += 2;
                }
            }
            b'\\' if text.get(i + 1) == Some(&b't') => {
                out.push(b' ');
                i += 1;
            }
            _ => out.push(b),
        }
        i += 1;
    }
    Cow::Owned(out)
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// The eight bytes at `i` as a little-endian word, bytes past the end of `b` zero.
#[cfg(test)]
fn word_at(b: &[u8], i: usize) -> u64 {
    match b.get(i..i + 8) {
        Some(c) => c.try_into().map_or(0, u64::from_le_bytes),
        None => {
            let mut w = [0u8; 8];
            let tail = b.get(i..).unwrap_or_default();
            if let Some(d) = w.get_mut(..tail.len()) {
                d.copy_from_slice(tail);
            }
            u64::from_le_bytes(w)
        }
    }
}

/// The last sixteen bytes of `b` as two little-endian words (zero bytes first when it is
/// shorter).
#[cfg(not(target_arch = "wasm32"))]
fn last16(b: &[u8]) -> (u64, u64) {
    match b.len().checked_sub(16).and_then(|s| b.get(s..)) {
        Some(c) => (
            c[..8].try_into().map_or(0, u64::from_le_bytes),
            c[8..].try_into().map_or(0, u64::from_le_bytes),
        ),
        None => {
            let mut w = [0u8; 16];
            if let Some(d) = w.get_mut(16 - b.len()..) {
                d.copy_from_slice(b);
            }
            let (lo, hi) = w.split_at(8);
            (
                lo.try_into().map_or(0, u64::from_le_bytes),
                hi.try_into().map_or(0, u64::from_le_bytes),
            )
        }
    }
}

/// Whether `text` holds a CR or a backslash: sixteen bytes at a time (one pass for both,
/// where two byte searches took two). A byte outside ASCII whose low seven bits are one of
/// them also answers yes: decoding then only copies.
#[cfg(not(target_arch = "wasm32"))]
fn has_cr_or_backslash(text: &[u8]) -> bool {
    // The high bit of each byte whose low seven bits are not `c`.
    let not = |t: u64, c: u8| (t ^ (ONES * u64::from(c))).wrapping_add(LOW7);
    let plain = |x: u64| {
        let t = x & LOW7;
        not(t, b'\r') & not(t, b'\\')
    };
    let word = |c: &[u8], i: usize| {
        c.get(i..i + 8)
            .and_then(|w| w.try_into().ok())
            .map_or(0, u64::from_le_bytes)
    };
    let mut chunks = text.chunks_exact(32);
    for c in &mut chunks {
        let all = plain(word(c, 0)) & plain(word(c, 8)) & plain(word(c, 16)) & plain(word(c, 24));
        if all & HIGH != HIGH {
            return true;
        }
    }
    let rest = chunks.remainder();
    // The last bytes, some seen twice (zero bytes before a short text are neither).
    let (x0, x1) = last16(text);
    let last = plain(x0) & plain(x1);
    let all = match rest.len() {
        0 => HIGH,
        1..=16 => last,
        _ => last & plain(word(rest, 0)) & plain(word(rest, 8)),
    };
    all & HIGH != HIGH
}

/// [`has_cr_or_backslash`] in WebAssembly: two byte searches (smaller).
#[cfg(target_arch = "wasm32")]
fn has_cr_or_backslash(text: &[u8]) -> bool {
    text.contains(&b'\r') || text.contains(&b'\\')
}

fn digit(b: u8) -> Option<u16> {
    b.is_ascii_digit().then(|| u16::from(b - b'0'))
}

/// Bytes that may not touch a reply code on the left: it would be part of a number,
/// a word, a date, an address or a CSV field (PowerMTA job ids).
fn blocks_basic_left(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'.' | b'-' | b',' | b'/' | b'#' | b'_' | b'+' | b'@' | b'=' | b'%' | b'&' | b'?'
        )
}

fn blocks_basic_right(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'.' | b'/' | b'_' | b'@' | b'%' | b'&' | b']' | b'<' | b'>'
        )
}

fn blocks_enhanced_left(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'/' | b'_' | b'@' | b'%' | b'&' | b'?')
}

/// Parses `C.S.D` at `i`: class 2/4/5, subject one digit 0-7 (RFC 3463; Yahoo's
/// `4.16.55.1` fails here), detail 1-3 digits, not followed by a digit or `.digit`
/// (IP addresses, version strings).
pub fn enhanced_at(b: &[u8], i: usize) -> Option<(Enhanced, usize)> {
    enhanced_upto(b, i, 7)
}

/// [`enhanced_at`] with subjects up to `max_subject`: right after a reply code of its
/// class (`451 4.9.9`, `551 5.9.9`: FTGate's and other servers' private subjects, which
/// RFC 3463's syntax allows), where no version or date stands.
fn enhanced_upto(b: &[u8], i: usize, max_subject: u16) -> Option<(Enhanced, usize)> {
    let class = *b.get(i)?;
    if !matches!(class, b'2' | b'4' | b'5') || b.get(i + 1) != Some(&b'.') {
        return None;
    }
    let subject = digit(*b.get(i + 2)?)?;
    if subject > max_subject || b.get(i + 3) != Some(&b'.') {
        return None;
    }
    let mut j = i + 4;
    let mut detail: u16 = 0;
    while j < b.len() && j < i + 7 && b[j].is_ascii_digit() {
        detail = detail * 10 + u16::from(b[j] - b'0');
        j += 1;
    }
    if j == i + 4 {
        return None;
    }
    match b.get(j) {
        Some(c) if c.is_ascii_digit() => return None,
        Some(b'.') if b.get(j + 1).is_some_and(u8::is_ascii_digit) => return None,
        // A capitalised word glued to the code is the reply's text as some logs and web
        // pages print it (`550 5.7.1Unauthorized relay attempt`); other letters make
        // a name or a version (`5.1.2beta`).
        Some(c) if c.is_ascii_alphabetic() && !starts_word(&b[j..]) => return None,
        _ => {}
    }
    Some((
        Enhanced {
            class: class - b'0',
            subject: subject as u8,
            detail,
        },
        j,
    ))
}

/// Whether `b` starts with a capital and a small letter (`Unauthorized`, `Relay`).
fn starts_word(b: &[u8]) -> bool {
    matches!(b, [c, d, ..] if c.is_ascii_uppercase() && d.is_ascii_lowercase())
}

/// Parses a basic reply code at `i` (left boundary already checked).
fn basic_at(b: &[u8], i: usize) -> Option<(u16, usize)> {
    let c0 = *b.get(i)?;
    if !matches!(c0, b'2' | b'4' | b'5') {
        return None;
    }
    let c1 = digit(*b.get(i + 1)?)?;
    let c2 = digit(*b.get(i + 2)?)?;
    if c1 > 5 {
        return None;
    }
    let prev = if i == 0 { None } else { Some(b[i - 1]) };
    // A port after an IP address (`157.245.9.156:443`, `[192.0.2.1]:465`) is no reply
    // (Barracuda's `host:25:530 5.7.1 ...` is one: a reply after the port).
    if prev == Some(b':') && i >= 2 {
        let digits = b[..i - 1]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let before = b[..i - 1 - digits].last();
        if (before == Some(&b']') && digits == 0) || (before == Some(&b'.') && digits > 0) {
            return None;
        }
        // Nor is a source file's line after its name (SwiftMailer's stack trace:
        // `AbstractSmtpTransport.php:422`) or a port after a host name: a short
        // extension of letters after a dot, then the colon.
        let mut k = i - 1;
        while k > 0 && i - k <= 5 && b[k - 1].is_ascii_alphabetic() {
            k -= 1;
        }
        if digits == 0
            && k + 1 < i
            && k >= 2
            && b[k - 1] == b'.'
            && b[k - 2].is_ascii_alphanumeric()
        {
            return None;
        }
    }
    // Swift Mailer's expectation before the reply it got ("Expected response code 250 but
    // got code \"\", with message \"\""): the code it wanted, never the reply.
    if ends_with_ci(b, i, b"expected response code ") {
        return None;
    }
    // FluentSMTP's log: `"code": 422, "message": "SMTP Error: data not accepted."`: the
    // plugin's own code around PHPMailer's own words, no reply.
    if ends_with_ci(b, i, b"code\": ") && phpmailer_message(b, i + 3) {
        return None;
    }
    // A quota's number ("limit of 400 rcpts per 24 hours"): a count, not a reply.
    if ends_with_ci(b, i, b"limit of ") {
        return None;
    }
    // A labelled duration in a sending log ("time: 431 status: Remote side closed
    // connection", "time=451"): seconds, not a reply.
    if ends_with_ci(b, i, b"time: ") || ends_with_ci(b, i, b"time=") {
        return None;
    }
    if duration_or_http_status(b, i) {
        return None;
    }
    // A source file's line in an error report ("... Relaying denied\"\" on line 457 of
    // /var/www/.../AbstractSmtpTransport.php"): no reply.
    if prev == Some(b' ') && ends_with_ci(b, i, b" on line ") {
        return None;
    }
    // A client's label before the reply code in brackets (Roundcube's "Error SMTP: [550]
    // Incorrect sender header", a scanner's "SMTPC: received error code. [550]"): the
    // reply's code.
    if prev == Some(b'[')
        && b.get(i + 3) == Some(&b']')
        && (ends_with_ci(b, i, b"smtp: [") || ends_with_ci(b, i, b"code. ["))
    {
        return Some((u16::from(c0 - b'0') * 100 + c1 * 10 + c2, i + 3));
    }
    match b.get(i + 3) {
        // NetEase's reason marker glued to the code as its code tables print it
        // (`421HL:ICC`, `451DT:SPM`): the code still.
        Some(&r) if blocks_basic_right(r) && !netease_marker(b, i + 3) => return None,
        // A logger's source line in braces (`{cps.worker:531}`, Python's `{module:lineno}`).
        Some(b'}') if prev == Some(b':') && i >= 2 && b[i - 2].is_ascii_alphabetic() => {
            return None
        }
        // `12:30` is a time; `550: 5.7.1` and `550:` are replies.
        Some(b':') if b.get(i + 4).is_some_and(u8::is_ascii_digit) => return None,
        // `,` ends a CSV field (PowerMTA job ids), except in a tuple `(550, b'...')`, a
        // table row starting a line (`421, "4.7.0", ...`), a labelled value (Zoho's
        // `ERROR_CODE :550,` and `ResponseCode 421, , 4.7.0`) or a JSON field (an ESP's
        // event: `"code": 550,`; CiviMail's log of Amazon SES: `code: 454, response: "..."`).
        Some(b',')
            if !matches!(prev, None | Some(b'(' | b'\n' | b':'))
                && !ends_with_ci(b, i, b"code\": ")
                && !ends_with_ci(b, i, b"code: ")
                && !ends_with_ci(b, i, b"responsecode ") =>
        {
            return None
        }
        // `(508)` is a reference number, not a reply; Python's smtplib debug line
        // `reply: retcode (550); Msg: ...` is one, and so are lettre's errors.
        // Rust's lettre writes `permanent error (550): ...` and `transient error (451): ...`,
        // Roundcube `SMTP Error (550): Failed to add recipient "a" (5.7.1 ...)` (in its
        // translations `Error SMTP (451)`, `Erreur SMTP (535)`, `Errore SMTP`, `Erro SMTP`,
        // `SMTP-Fehler`).
        // Symfony's API transports end their error with the API's own code: "Unable to
        // send an email: ... (code 406)." (Postmark's error code, an HTTP status).
        Some(b')') if ends_with_ci(b, i, b"(code ") => return None,
        Some(b')')
            if prev == Some(b'(')
                && !ends_with_ci(b, i, b"retcode (")
                && !ends_with_ci(b, i, b"smtp error (")
                && !ends_with_ci(b, i, b"error smtp (")
                && !ends_with_ci(b, i, b"erreur smtp (")
                && !ends_with_ci(b, i, b"errore smtp (")
                && !ends_with_ci(b, i, b"erro smtp (")
                && !ends_with_ci(b, i, b"smtp-fehler (")
                && !ends_with_ci(b, i, b"permanent error (")
                && !ends_with_ci(b, i, b"transient error (") =>
        {
            return None
        }
        _ => {}
    }
    Some((u16::from(c0 - b'0') * 100 + c1 * 10 + c2, i + 3))
}

/// Units of time after a number: a duration, not a reply code.
const DURATIONS: [&[u8]; 3] = [b" second", b" minute", b" ms "];

/// Whether the number at `i` is a duration ("Temp failing ... for 512 seconds") or a web
/// application's HTTP status in its request log (Rails' "Completed 500 Internal Server
/// Error in 60316ms" above the SMTP error it reports): no reply. Most codes fail both
/// tests at their first byte compared (this runs for every code candidate).
fn duration_or_http_status(b: &[u8], i: usize) -> bool {
    let after = b.get(i + 3..).unwrap_or_default();
    let duration = matches!(after, [b' ', c, ..] if matches!(c | 0x20, b's' | b'm'))
        && DURATIONS.iter().any(|w| {
            after
                .get(..w.len())
                .is_some_and(|t| t.eq_ignore_ascii_case(w))
        });
    let rails = i >= 2 && b[i - 2] | 0x20 == b'd' && ends_with_ci(b, i, b"completed ");
    duration || rails
}

/// Whether a NetEase reason marker starts at `j`: two capitals, a colon, a capital
/// (`HL:ICC`, `DT:SPM`, `MI:DMC`).
fn netease_marker(b: &[u8], j: usize) -> bool {
    b.get(j..j + 4).is_some_and(|m| {
        m[0].is_ascii_uppercase()
            && m[1].is_ascii_uppercase()
            && m[2] == b':'
            && m[3].is_ascii_uppercase()
    })
}

/// Whether a JSON `"message"` field holding PHPMailer's own error ("SMTP Error: ...")
/// follows the value that ends at `j` (past its comma and spaces).
fn phpmailer_message(b: &[u8], j: usize) -> bool {
    let rest = b.get(j..).unwrap_or_default();
    let rest = rest.strip_prefix(b",").unwrap_or(rest);
    let skip = rest
        .iter()
        .take(16)
        .take_while(|c| c.is_ascii_whitespace())
        .count();
    let want = b"\"message\": \"smtp error:";
    rest.get(skip..skip + want.len())
        .is_some_and(|m| m.eq_ignore_ascii_case(want))
}

fn ends_with_ci(b: &[u8], end: usize, word: &[u8]) -> bool {
    end >= word.len() && b[end - word.len()..end].eq_ignore_ascii_case(word)
}

/// The high bit of each byte of `x` from `2` to `5` in its low seven bits: every `2`, `4`
/// and `5` (a code's first digit), and a few bytes that are not (checked one by one).
#[cfg(any(test, not(target_arch = "wasm32")))]
fn first_digits(x: u64) -> u64 {
    let t = x & LOW7;
    // Carries stay in their byte: seven bits plus at most 0x80.
    ((t + ONES * u64::from(0x80 - b'2')) ^ (t + ONES * u64::from(0x80 - b'6'))) & HIGH
}

#[cfg(test)]
/// Finds every reply code and free-standing enhanced code. One pass.
pub fn scan(b: &[u8]) -> Codes {
    let mut codes = Codes::default();
    scan_into(b, &mut codes);
    codes
}

/// [`scan`] into `codes` (cleared first: its buffers are reused). The positions that may
/// start a code (`2`, `4`, `5`) come from masks of sixteen bytes at a time, as codes are
/// rare in a text.
#[cfg(not(target_arch = "wasm32"))]
pub fn scan_into(b: &[u8], codes: &mut Codes) {
    codes.replies.clear();
    codes.bares.clear();
    codes.go_ahead = None;
    codes.greeting_reported = None;
    // Where the next code may start (after the last one found).
    let mut next = 0;
    let mut base = 0;
    let mut chunks = b.chunks_exact(16);
    for c in &mut chunks {
        let x0 = c[..8].try_into().map_or(0, u64::from_le_bytes);
        let x1 = c[8..].try_into().map_or(0, u64::from_le_bytes);
        let (m0, m1) = (first_digits(x0), first_digits(x1));
        if m0 | m1 != 0 {
            next = codes_in(b, m0, base, next, codes);
            next = codes_in(b, m1, base + 8, next, codes);
        }
        base += 16;
    }
    let rest = chunks.remainder().len();
    if rest > 0 {
        // The last sixteen bytes (zero bytes before a short text are not digits), without
        // those seen already.
        let (x0, x1) = last16(b);
        let m = (u128::from(first_digits(x1)) << 64 | u128::from(first_digits(x0)))
            & (u128::MAX << (8 * (16 - rest)));
        // Where those sixteen bytes start (before 0 when the text is shorter: only the
        // positions of its bytes are kept).
        let at = b.len().wrapping_sub(16);
        next = codes_in(b, m as u64, at, next, codes);
        codes_in(b, (m >> 64) as u64, at.wrapping_add(8), next, codes);
    }
}

/// [`scan_into`] in WebAssembly (smaller): eight bytes at a time to the next `2`, `4` or
/// `5`, then byte by byte. Elsewhere the reference the mask scan is tested against.
#[cfg(target_arch = "wasm32")]
pub fn scan_into(b: &[u8], codes: &mut Codes) {
    scan_into_portable(b, codes);
}

#[cfg(any(test, target_arch = "wasm32"))]
fn scan_into_portable(b: &[u8], codes: &mut Codes) {
    codes.replies.clear();
    codes.bares.clear();
    codes.go_ahead = None;
    codes.greeting_reported = None;
    let mut i = 0;
    while i < b.len() {
        if !matches!(b[i], b'2' | b'4' | b'5') {
            i = next_digit(b, i + 1);
            continue;
        }
        i = code_at(b, i, codes).unwrap_or(i + 1);
    }
}

/// The next position at or after `i` holding `2`, `4` or `5` (or `b.len()`): eight bytes
/// at a time, as codes are rare in a text.
#[cfg(any(test, target_arch = "wasm32"))]
fn next_digit(b: &[u8], mut i: usize) -> usize {
    loop {
        while let Some(c) = b.get(i..i + 8) {
            let w = c.try_into().map_or(0, u64::from_le_bytes);
            // The high bit of each ASCII byte from `2` to `5` (one test for the range;
            // a `3` only costs the byte-wise look below).
            let h = w & LOW7;
            let in_range = (h + ONES * u64::from(0x80 - b'2'))
                & !(h + ONES * u64::from(0x7f - b'5'))
                & !w
                & HIGH;
            if in_range != 0 {
                break;
            }
            i += 8;
        }
        let end = (i + 8).min(b.len());
        while i < end {
            if matches!(b[i], b'2' | b'4' | b'5') {
                return i;
            }
            i += 1;
        }
        if i >= b.len() {
            return b.len();
        }
    }
}

/// The codes starting at the bytes of `m` (high bits, bytes from `at`) from `next` on;
/// returns where the next code may start.
#[cfg(not(target_arch = "wasm32"))]
#[inline(always)]
fn codes_in(b: &[u8], mut m: u64, at: usize, mut next: usize, codes: &mut Codes) -> usize {
    while m != 0 {
        let i = at.wrapping_add((m.trailing_zeros() >> 3) as usize);
        m &= m - 1;
        // Most digits are inside a number or a word: neither kind of code starts there
        // (what blocks an enhanced code on the left blocks a reply code too).
        // (After a `"3` or ` 3`, [`code_at`] looks for a client's report of a 3xx reply.)
        let inside = i.checked_sub(1).and_then(|p| b.get(p)).is_some_and(|&p| {
            blocks_enhanced_left(p)
                && !(p == b'3' && matches!(b.get(i.wrapping_sub(2)), Some(b'"' | b' ')))
        });
        if i >= next && !inside && matches!(b.get(i), Some(b'2' | b'4' | b'5')) {
            if let Some(end) = code_at(b, i, codes) {
                next = end;
            }
        }
    }
    next
}

/// Whether position `i` of `b` is inside the value of a log's `key=value` field: an `=`
/// earlier in the same run of non-blank bytes (looked for at most 48 bytes back).
pub(crate) fn in_field_value(b: &[u8], i: usize) -> bool {
    b.get(..i)
        .unwrap_or_default()
        .iter()
        .rev()
        .take(48)
        .take_while(|c| !c.is_ascii_whitespace())
        .any(|&c| c == b'=')
}

/// Whether the line that starts with `tail` ends with Exchange's ` ##`.
fn closes_with_hashes(tail: &[u8]) -> bool {
    let line = tail.split(|&c| c == b'\n').next().unwrap_or_default();
    line.trim_ascii_end().ends_with(b" ##")
}

/// Reads the reply code or free-standing enhanced code starting at `i` (a `2`, `4` or
/// `5`) into `codes`; returns where it ends.
fn code_at(b: &[u8], i: usize, codes: &mut Codes) -> Option<usize> {
    let prev = if i == 0 { None } else { b.get(i - 1).copied() };
    // An escaped byte (`VIAGRA \256`, an octal escape in a quoted header) is no code.
    if prev == Some(b'\\') {
        return None;
    }
    // A client's report of a 3xx reply where it wanted another (Swift Mailer's "Expected
    // response code 250 but got code \"354\"", nodemailer's "Mail from command failed -
    // 354 Continue"): the server's answer, read only there (a session's `354 End data
    // with <CR><LF>.<CR><LF>` is a step, no answer). `i` is its second digit.
    if prev == Some(b'3')
        && matches!(b.get(i.wrapping_sub(2)), Some(b'"' | b' '))
        && (ends_with_ci(b, i - 1, b"got code \"") || ends_with_ci(b, i - 1, b"command failed - "))
    {
        let c2 = digit(*b.get(i + 1)?)?;
        if b.get(i + 2).is_some_and(|&r| blocks_basic_right(r)) {
            return None;
        }
        codes.replies.push(Reply {
            pos: i - 1,
            basic: 300 + u16::from(b[i] - b'0') * 10 + c2,
            cont: false,
            enhanced: None,
            end: i + 2,
            deferred_elsewhere: false,
            about_address: false,
            summary: false,
        });
        return Some(i + 2);
    }
    // A session log's go-ahead for the message (`<-  354 End data with ...`, `SERVER ->
    // CLIENT: 354 Go ahead`): a step, no answer, but the replies before it answered
    // the envelope. `i` is its second digit.
    if prev == Some(b'3')
        && b.get(i.wrapping_sub(2)) == Some(&b' ')
        && b.get(i..i + 3) == Some(b"54 ")
    {
        codes.go_ahead = Some(i - 1);
        return Some(i + 2);
    }
    // A client library's `response=421-4.7.0 ...` (nodemailer, ZoneMTA), OpenSMTPD's
    // delivery log `stat=451 Temporary failure, please try again later`, sendmail's milter
    // log `Milter: from=<a>, reject=550 5.7.1 Command rejected`: a reply.
    let labelled = prev == Some(b'=')
        && (ends_with_ci(b, i, b"response=")
            || ends_with_ci(b, i, b"stat=")
            || ends_with_ci(b, i, b"reject=")
            || ends_with_ci(b, i, b" code="));
    // A number glued by `:` inside a log's `key=value` field is part of its value (the
    // key length of Exim's `X=TLS1.3:TLS_AES_256_GCM_SHA384:256`), no reply.
    if prev == Some(b':') && in_field_value(b, i) {
        return None;
    }
    // Exchange's report writes the remote reply as `#550 5.7.1 RESOLVER...`: a reply
    // when an enhanced code follows (else `#` marks qmail's enhanced code).
    let hashed = prev == Some(b'#');
    if labelled || hashed || !prev.is_some_and(blocks_basic_left) {
        if let Some((basic, mut end)) = basic_at(b, i) {
            let cont = b.get(end) == Some(&b'-');
            let mut enhanced = None;
            // `550 5.7.1`, `550-5.7.1`, `550: 5.7.1`, `550  5.7.1`.
            let mut j = end;
            if b.get(j) == Some(&b':') {
                j += 1;
            }
            let tail = b.get(j..).unwrap_or(&[]);
            let gap = tail
                .iter()
                .take(3)
                .take_while(|c| matches!(c, b' ' | b'-' | b'\t'))
                .count();
            if gap > 0 {
                let after_basic = enhanced_upto(b, j + gap, 9)
                    .filter(|(e, _)| e.subject <= 7 || u16::from(e.class) == basic / 100);
                if let Some((e, e_end)) = after_basic {
                    enhanced = Some(e);
                    end = e_end;
                }
            }
            // Barracuda's cloud gateway writes `<host> #550 permanent failure for one or
            // more recipients (...)`, Exchange's report `#554 rejecting banned content ##`
            // (its `##` closes the line): replies without an enhanced code.
            if hashed
                && enhanced.is_none()
                && !tail.starts_with(b" permanent failure")
                && !closes_with_hashes(tail)
            {
                return None;
            }
            if enhanced.is_none() && reference_number(b, i, end, &codes.replies) {
                return None;
            }
            // A client's report of the greeting it got where it wanted another answer.
            if basic == 220
                && (ends_with_ci(b, i, b"greeting: \"") || ends_with_ci(b, i, b"response: "))
            {
                codes.greeting_reported = Some(codes.replies.len());
            }
            codes.replies.push(Reply {
                pos: i,
                basic,
                cont,
                enhanced,
                end,
                // Momentum's (SparkPost's) expiry record quotes the last temporary
                // failure before giving up: `554 5.4.7 [internal] message timeout
                // (exceeded max time, last transfail: 421 4.4.0 ...)`. An earlier
                // attempt, not the result.
                deferred_elsewhere: (basic < 500 && deferred_elsewhere(tail))
                    || ends_with_ci(b, i, b"transfail: "),
                about_address: about_address(b.get(end..).unwrap_or_default()),
                summary: (enhanced.is_some_and(|e| e.subject == 0 && e.detail == 0)
                    && b.get(end..).is_some_and(|t| {
                        const CLOSING: &[u8] = b"service unavailable";
                        let start = t.trim_ascii_start().get(..CLOSING.len());
                        start.is_some_and(|w| w.eq_ignore_ascii_case(CLOSING))
                    }))
                    // Exchange's own delay status, "400 4.4.7 Message delayed", written for
                    // every recipient still queued: the remote reply it reports wins.
                    || (basic == 400
                        && enhanced.is_some_and(|e| e.subject == 4 && e.detail == 7)),
            });
            return Some(end);
        }
    }
    if !prev.is_some_and(blocks_enhanced_left) {
        if let Some((code, end)) = enhanced_at(b, i) {
            // A mailer's version (`X-Mailer: PHPMailer 5.2.26 (https://...)`, PHPMailer's object
            // printed with its `[Version] => 5.2.22`), or a server's in a `Received:` header
            // (`by mx.example.org (CommuniGate Pro SMTP 4.3.11)`), no code.
            if ends_with_ci(b, i, b"mailer ")
                || ends_with_ci(b, i, b"[version] => ")
                || (ends_with_ci(b, i, b"smtp ") && b.get(end) == Some(&b')'))
            {
                return None;
            }
            let status_like = prev == Some(b'#')
                || ends_with_ci(b, i, b"dsn=")
                || ends_with_ci(b, i, b"status: ")
                || ends_with_ci(b, i, b"status:")
                || (b.get(end) == Some(&b' ') && b.get(end + 1) == Some(&b'('));
            codes.bares.push(Bare {
                pos: i,
                code,
                status_like,
            });
            return Some(end);
        }
    }
    None
}

/// Whether the code at `i..end` is a number ending its line after a failing reply on
/// that line (La Poste's `550 5.1.1 ... Invalid recipient. LPN416 416`), or after a
/// provider's reason code on a later line of the failing reply (`... Archived
/// recipient. LPN007 420`): the reply's reference number, not a reply. Looks on only
/// when nothing follows on the line.
fn reference_number(b: &[u8], i: usize, end: usize, replies: &[Reply]) -> bool {
    let rest = b.get(end..).unwrap_or_default();
    let bare = rest
        .iter()
        .take_while(|&&c| c != b'\n')
        .all(|c| c.is_ascii_whitespace() || matches!(c, b'.' | b')' | b'\'' | b'"'));
    let code_before = after_reason_code(b, i);
    bare && replies.last().is_some_and(|p| {
        p.basic >= 400
            && p.pos < i
            && (code_before || !b.get(p.pos..i).unwrap_or_default().contains(&b'\n'))
    })
}

/// Whether the number at `i` follows a reason code after one space: a word of letters
/// then digits (`LPN007 420`, `OFR004 104`). Looks back a bounded distance.
fn after_reason_code(b: &[u8], i: usize) -> bool {
    let Some(before) = b
        .get(i.saturating_sub(17)..i)
        .and_then(|w| w.strip_suffix(b" "))
    else {
        return false;
    };
    let start = before
        .iter()
        .rposition(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
        .map_or(0, |p| p + 1);
    let word = &before[start..];
    (start > 0 || i <= 17)
        && word.first().is_some_and(u8::is_ascii_alphabetic)
        && word.iter().any(u8::is_ascii_digit)
}

/// Whether the line after a 4xx code is sendmail's note of a deferral at some host
/// (`example.org (smtp)... Deferred: ...`).
fn deferred_elsewhere(tail: &[u8]) -> bool {
    const MARK: &[u8] = b"(smtp)... deferred";
    // One pass over the line's first 160 bytes, compared only where a `(` starts: this
    // runs after every 4xx code. (The mark holds no line break: where it matches, it
    // ends on the line.)
    let limit = tail.len().min(160);
    for (k, &c) in tail[..limit].iter().enumerate() {
        if c == b'\n' {
            return false;
        }
        if c == b'('
            && tail
                .get(k..k + MARK.len())
                .is_some_and(|w| k + MARK.len() <= limit && w.eq_ignore_ascii_case(MARK))
        {
            return true;
        }
    }
    false
}

/// Whether the text after a code is sendmail's `<address>... ` form.
fn about_address(after: &[u8]) -> bool {
    // The first byte after the blanks decides before the line is measured: this runs
    // after every code.
    let blanks = after
        .iter()
        .take_while(|&&c| c != b'\n' && c.is_ascii_whitespace())
        .count();
    // A web page that dropped the address as an HTML tag leaves its dots: `550 5.1.1
    // ... User unknown`.
    if after.get(blanks..blanks + 4) == Some(b"... ") {
        return true;
    }
    if after.get(blanks) != Some(&b'<') {
        return false;
    }
    let line = &after[..after.iter().take(200).take_while(|&&c| c != b'\n').count()];
    line.windows(4).any(|w| w == b">...")
}

/// The last 4xx/5xx reply that is the remote server's: not sendmail's note of a deferral
/// at another host, nor its own line about an address when it gives another code than
/// the reply before it (`<<< 550 Insecure Mail Relay` then `554 <a>... Remote protocol
/// error`). Each reply is looked at once, going back.
fn last_remote(replies: &[Reply]) -> Option<usize> {
    let failing = |r: &Reply| r.basic >= 400;
    // `503 5.0.0 Need RCPT (recipient)` after a refused command, `554 5.5.1 Error: no
    // valid recipients` after the refused RCPT: a bad sequence of commands that the
    // earlier refusal caused, not the cause. The first such reply, if any.
    // A reply of the same code before it is the same reply restated (a client's `got
    // code "530", with message "530-5.5.1 Authentication Required"`), no earlier refusal.
    let first_failing = replies.iter().position(failing);
    let first_basic = first_failing.map(|f| replies[f].basic);
    let other_failing =
        first_basic.and_then(|b| replies.iter().position(|r| failing(r) && r.basic != b));
    let sequence = |i: usize, r: &Reply| {
        (r.basic == 503 || r.enhanced.is_some_and(|e| e.subject == 5 && e.detail == 1))
            && (first_failing.is_some_and(|f| f < i && first_basic != Some(r.basic))
                || other_failing.is_some_and(|o| o < i))
    };
    let seq = replies.iter().enumerate().find(|&(i, r)| sequence(i, r));
    let mut k = replies.len();
    while k > 0 {
        k -= 1;
        let r = replies[k];
        if !failing(&r) || r.deferred_elsewhere || sequence(k, &r) {
            continue;
        }
        // A client's bare restatement of that reply (SwiftMailer's `got code "554", with
        // message "554 5.5.1 ..." (code: 554)`) is no cause either.
        if r.enhanced.is_none() && seq.is_some_and(|(i, s)| i < k && s.basic == r.basic) {
            continue;
        }
        // `452 4.5.3 Too many recipients` after an earlier refusal in the session: the
        // server asks for the remaining recipients in another transaction (RFC 5321's
        // 452 and RFC 3463's X.5.3), which fails no message; the earlier refusal is the
        // bounce (JavaMail's debug transcript lists both).
        if r.too_many_recipients() && first_failing.is_some_and(|f| f < k) {
            continue;
        }
        match replies[..k].iter().rposition(failing) {
            // Sendmail's closing line gives way to a remote reply with its own enhanced
            // code (without one, the closing line's code is the only one); its line about
            // an address, to a remote reply of another code (`<<< 550 5.2.1 The email
            // account that you tried to reach is disabled` then `550 5.1.1 <a>... User
            // unknown`).
            Some(p)
                if (r.summary && replies[p].enhanced.is_some())
                    || (r.about_address
                        && (replies[p].basic != r.basic
                            || replies[p].enhanced.is_some_and(|e| Some(e) != r.enhanced))) =>
            {
                k = p + 1
            }
            _ => return Some(k),
        }
    }
    None
}

/// Chooses the innermost remote reply: the last 4xx/5xx reply code (wrappers come
/// first: "The server response was: ...", `Diagnostic-Code: smtp; ...`, `said: ...`),
/// extended back over the continuation lines of the same multi-line reply. Its enhanced
/// code wins; otherwise a code inside the reply (`(#5.1.1)`), then a DSN `Status:` /
/// `dsn=` / PowerMTA status field, then any free-standing enhanced code.
pub fn choose(codes: &Codes) -> Chosen {
    let replies = &codes.replies;
    // Without a failing reply, a success reply may be the answer (amavis's `250 2.7.0 Ok,
    // discarded`), but not the greeting or the go-ahead for TLS (220), the closing (221)
    // or a login's success (235): they answer no message, unless a client reports the
    // greeting as the answer it could not use (then it is the reply it got).
    // A 3xx reply, read only where a client reports it as the wrong answer, is the
    // answer before the success replies of the session it logs (`<< 250 2.1.5 Recipient
    // OK`). A multi-line 250 is the server's list of extensions (`250-PIPELINING ... 250
    // AUTH LOGIN`, the answer to EHLO in a client's session log), which answers no
    // message either.
    let multi_line = |i: usize| {
        replies[i].cont
            || (i > 0 && replies[i - 1].cont && replies[i - 1].basic == replies[i].basic)
    };
    let idx = last_remote(replies)
        .or_else(|| replies.iter().rposition(|r| r.basic >= 400))
        .or_else(|| replies.iter().rposition(|r| (300..400).contains(&r.basic)))
        .or(codes.greeting_reported)
        .or_else(|| {
            // Not beside a failure's status (Postfix's `dsn=5.4.4, status=bounced` pasted
            // with the client's `250 2.0.0 Ok: queued` for the same message): that success
            // was the submission's.
            if codes
                .bares
                .iter()
                .any(|b| b.status_like && b.code.class != 2)
            {
                return None;
            }
            // Not one before a go-ahead for the message (` 354 `): it answered the
            // envelope (`250 Accepted` to RCPT TO), and the message got no answer.
            (0..replies.len()).rev().find(|&i| {
                replies[i].basic >= 250
                    && !multi_line(i)
                    && codes.go_ahead.is_none_or(|g| replies[i].pos > g)
            })
        });
    let Some(idx) = idx else {
        let bares = &codes.bares;
        let status = bares
            .iter()
            .rev()
            .find(|b| b.status_like && b.code.class != 2);
        // A DSN's bare `Status: 5.0.0` says less than the diagnostic's own code of the
        // same class (`Diagnostic-Code: smtp; 5.4.7 - Delivery expired`).
        let specific = |b: &&Bare| !b.status_like && !b.code.is_generic();
        let enhanced = match status {
            Some(s) if s.code.is_generic() => bares
                .iter()
                .rev()
                .filter(specific)
                .find(|b| b.code.class == s.code.class)
                .or(Some(s)),
            Some(s) => Some(s),
            None => bares.iter().rev().find(|b| b.code.class != 2),
        }
        .map(|b| b.code);
        return Chosen {
            basic: None,
            enhanced,
            region_start: 0,
        };
    };
    let last = replies[idx];
    // Walk back over the continuation lines of the same reply (`550-...`). A relaying
    // MTA may interleave its own prefix (`451-4.4.0 554-...`): skip one such line when
    // the line before it continues our reply.
    let same_cont = |r: &Reply| r.basic == last.basic && r.cont;
    let mut start = idx;
    loop {
        if start > 0 && same_cont(&replies[start - 1]) {
            start -= 1;
        } else if start > 1
            && replies[start - 1].basic != last.basic
            && same_cont(&replies[start - 2])
        {
            start -= 2;
        } else {
            break;
        }
    }
    let region_start = replies[start].pos;
    let bares = &codes.bares;
    let enhanced = last
        .enhanced
        .or_else(|| {
            replies[start..idx]
                .iter()
                .filter(|r| r.basic == last.basic)
                .rev()
                .find_map(|r| r.enhanced)
        })
        .or_else(|| bares.iter().find(|b| b.pos > last.pos).map(|b| b.code))
        // The nearest wrapper's own enhanced code (`451 4.4.0 ... 554 ...`); an earlier
        // success reply (`250 2.1.5 Recipient ok` before a refusal after DATA) is none.
        .or_else(|| {
            replies[..idx]
                .iter()
                .rev()
                .filter(|r| r.basic >= 400)
                .find_map(|r| r.enhanced)
        })
        // A DSN's status, unless it is the generic `Status: 5.0.0` and a wrapper wrote a
        // specific code of the same class (Cisco's `5.3.0 - Other mail system problem
        // 554-'Too many hops'`), as without a reply code below.
        .or_else(|| {
            let status = bares.iter().rev().find(|b| b.status_like)?;
            let specific = |b: &&Bare| !b.status_like && !b.code.is_generic();
            let wrapper = bares
                .iter()
                .rev()
                .filter(specific)
                .find(|b| b.code.class == status.code.class);
            Some(match wrapper {
                Some(w) if status.code.is_generic() => w.code,
                _ => status.code,
            })
        })
        .or_else(|| {
            bares
                .iter()
                .rev()
                .find(|b| b.code.class == (last.basic / 100) as u8)
                .map(|b| b.code)
        });
    Chosen {
        basic: Some(last.basic),
        enhanced,
        region_start,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn read(t: &str) -> (Option<u16>, Option<String>) {
        let b = decode(t.as_bytes());
        let c = choose(&scan(&b));
        (c.basic, c.enhanced.map(Enhanced::to_text))
    }

    #[test]
    fn the_digit_masks_find_every_candidate() {
        let text = b"abcdefghij2klmnopqrstuvwxyz4 0123456789 5\xb2\xb4\xb5\xb3 \x22\x24\x25 3 2";
        let mut found = Vec::new();
        for (k, c) in text.chunks(8).enumerate() {
            let mut m = first_digits(word_at(c, 0));
            while m != 0 {
                found.push(8 * k + (m.trailing_zeros() >> 3) as usize);
                m &= m - 1;
            }
        }
        // Every byte from `2` to `5` in its low seven bits, and no other.
        let want: Vec<usize> = (0..text.len())
            .filter(|&i| (b'2'..=b'5').contains(&(text[i] & 0x7f)))
            .collect();
        assert_eq!(found, want);
    }

    #[test]
    fn only_cr_and_backslash_need_decoding() {
        for len in 0..80 {
            let bytes = b"abc 550-5.7.1\n\t\xe9\xff\0";
            let plain: Vec<u8> = (0..len).map(|i| bytes[i % bytes.len()]).collect();
            assert!(!has_cr_or_backslash(&plain), "{plain:?}");
            for at in 0..len {
                for c in [b'\r', b'\\'] {
                    let mut t = plain.clone();
                    t[at] = c;
                    assert!(has_cr_or_backslash(&t), "{t:?}");
                }
            }
        }
    }

    #[test]
    fn codes_are_written_back_exactly() {
        for (c, s, d, text) in [
            (5, 7, 1, "5.7.1"),
            (4, 7, 28, "4.7.28"),
            (5, 7, 606, "5.7.606"),
            (2, 0, 0, "2.0.0"),
            (5, 2, 100, "5.2.100"),
        ] {
            assert_eq!(
                Enhanced {
                    class: c,
                    subject: s,
                    detail: d
                }
                .to_text(),
                text
            );
        }
    }

    #[test]
    fn one_line_reply() {
        assert_eq!(
            read("550 5.1.1 user unknown"),
            (Some(550), Some("5.1.1".into()))
        );
        assert_eq!(
            read("smtp;421 4.7.28 [1.2.3.4] rate"),
            (Some(421), Some("4.7.28".into()))
        );
        assert_eq!(
            read("550 5.7.606 Access denied"),
            (Some(550), Some("5.7.606".into()))
        );
    }

    #[test]
    fn multi_line_reply_keeps_its_first_line() {
        let t = "550-5.7.26 This mail has been blocked because the sender\n550-5.7.26 is unauthenticated.\n550 5.7.26 Gmail requires - gsmtp";
        let b = decode(t.as_bytes());
        let c = choose(&scan(&b));
        assert_eq!(c.basic, Some(550));
        assert_eq!(c.enhanced.map(Enhanced::to_text).as_deref(), Some("5.7.26"));
        assert_eq!(c.region_start, 0);
    }

    #[test]
    fn yahoo_pseudo_codes_ips_and_dates_are_not_codes() {
        assert_eq!(
            read("421 4.7.0 [TSS04] Messages from 4.26.39.92 temporarily deferred - 4.16.55.1"),
            (Some(421), Some("4.7.0".into()))
        );
        assert_eq!(
            read("deferred 4.16.55.1 from 5.2.3.4 on 2024-05-10 12:00:00"),
            (None, None)
        );
        assert_eq!(
            read("451 Resources unavailable [#4.16.1]."),
            (Some(451), None)
        );
        assert_eq!(read("dd mailbox is disabled (554.30)."), (None, None));
        // A port after an IP address is no reply; a reply after a host's port is one.
        assert_eq!(
            read("**550** connect EADDRNOTAVAIL 157.245.9.156:443 - Local"),
            (Some(550), None)
        );
        assert_eq!(read("connect to [192.0.2.1]:465 failed"), (None, None));
        assert_eq!(
            read("Rejected (mail.example.org:25:530 5.7.1 Client was not authenticated)"),
            (Some(530), Some("5.7.1".into()))
        );
        // Letters glued to a code make a word or a version, except a capitalised word.
        assert_eq!(read("release 5.1.2beta"), (None, None));
        assert_eq!(
            read("550 5.7.1Unauthorized relay attempt"),
            (Some(550), Some("5.7.1".into()))
        );
        // A private subject (8 or 9) counts only right after a reply code of its class; a
        // later "too many recipients" asks for the rest elsewhere, so the earlier refusal
        // is the reply.
        for (text, want) in [
            ("451 4.9.9 Invalid EHLO", (Some(451), Some("4.9.9"))),
            ("550 4.9.9 refused", (Some(550), None)),
            ("version 5.9.9 released", (None, None)),
            (
                "RCPT TO:<a@b.example> 550 5.4.1 Access denied RCPT TO:<c@b.example> 452 4.5.3 Too many recipients",
                (Some(550), Some("5.4.1")),
            ),
            ("452 4.5.3 Too many recipients", (Some(452), Some("4.5.3"))),
        ] {
            assert_eq!(read(text), (want.0, want.1.map(String::from)), "{text}");
        }
        // `#` marks a reference number, unless a reply's words follow.
        assert_eq!(read("ticket #550 closed"), (None, None));
        assert_eq!(
            read("mx.example.com #550 permanent failure for one or more recipients"),
            (Some(550), None)
        );
    }

    #[test]
    fn a_success_reply_lends_no_enhanced_code() {
        // A session where the refusal after DATA has no enhanced code of its own.
        let t = "rcpt to: <a@example.org>\n250 2.1.5 Recipient ok\ndata\n354 go\n.\n550 message rejected";
        assert_eq!(read(t), (Some(550), None));
        // A failing wrapper still lends its own.
        assert_eq!(
            read("451 4.4.0 relay said: 554 rejected"),
            (Some(554), Some("4.4.0".into()))
        );
    }

    #[test]
    fn a_greeting_or_a_source_line_is_no_bounce_code() {
        // The go-ahead for TLS before the delivery failed is no answer to the message.
        let t = "RX: <220-mx.example.org ESMTP>\nTX: <STARTTLS>\nRX: <220 TLS go ahead>\nNo route";
        assert_eq!(read(t), (None, None));
        assert_eq!(read("235 2.7.0 Authentication successful"), (None, None));
        // Nor is the answer to EHLO, a multi-line 250, in a client's session log.
        let t = "S: 250-mx.example.org\nS: 250-AUTH LOGIN\nS: 250 Ok\nC: AUTH LOGIN\nS: 334 VXNlcm5hbWU6";
        assert_eq!(read(t), (None, None));
        // A success reply that is the answer still counts.
        assert_eq!(
            read("250 2.7.0 Ok, discarded, id=1 - INFECTED"),
            (Some(250), Some("2.7.0".into()))
        );
        // A client's stack trace ends with the file's line number.
        let t =
            "got code \"451\", with message \"451 4.3.0 Try later\" in ./Transport/Stream.php:550";
        assert_eq!(read(t), (Some(451), Some("4.3.0".into())));
    }

    #[test]
    fn innermost_reply_wins_over_wrappers() {
        let t = "550 Mailbox unavailable. The server response was: 554 5.7.1 Service unavailable";
        assert_eq!(read(t), (Some(554), Some("5.7.1".into())));
        let t = "Status: 5.0.0\nDiagnostic-Code: smtp; 550-5.7.26 unauthenticated\n550 5.7.26 more";
        assert_eq!(read(t), (Some(550), Some("5.7.26".into())));
        let t = r#"Expected response code "250" but got code "550", with message "550 5.1.1 No such user""#;
        assert_eq!(read(t), (Some(550), Some("5.1.1".into())));
        // Momentum's (SparkPost's) expiry quotes its last temporary failure: the quoted
        // attempt is earlier, the record's own code is the result.
        let t = "554 5.4.7 [internal] message timeout (exceeded max time, last transfail: 421 4.4.0 [internal] no mail servers)";
        assert_eq!(read(t), (Some(554), Some("5.4.7".into())));
    }

    #[test]
    fn status_fields_fill_in_when_the_reply_has_no_enhanced_code() {
        assert_eq!(
            read("Status: 5.0.0\nDiagnostic-Code: smtp; 550 Mailbox unavailable"),
            (Some(550), Some("5.0.0".into()))
        );
        assert_eq!(
            read("dsn=4.4.1, status=deferred (connect timed out)"),
            (None, Some("4.4.1".into()))
        );
        assert_eq!(
            read("Sorry, no mailbox here by that name. (#5.1.1)"),
            (None, Some("5.1.1".into()))
        );
        assert_eq!(
            read("550 cuda_nsu 5.1.1 <a@b>... User unknown"),
            (Some(550), Some("5.1.1".into()))
        );
    }

    #[test]
    fn client_libraries_label_the_reply_code() {
        assert_eq!(
            read("Server terminates connection. response=421-4.7.0 Try again later"),
            (Some(421), Some("4.7.0".into()))
        );
        // OpenSMTPD's delivery log; any other `key=550` is a value, no reply.
        assert_eq!(
            read("relay=192.0.2.1 (mx.example.org), delay=2s, stat=550 5.7.1 Refused"),
            (Some(550), Some("5.7.1".into()))
        );
        assert_eq!(read("size=550 nrcpt=1").0, None);
        // Roundcube's bracketed code after its label.
        assert_eq!(
            read("Error SMTP: [550] Incorrect sender header (LOCAL)").0,
            Some(550)
        );
        // A 3xx reply a client reports as the wrong answer, before the session's
        // successes; elsewhere a 3xx is no reply.
        assert_eq!(
            read("Expected response code 250 but got code \"354\", with message \"354 Start mail input\" Log data: << 250 2.1.5 Recipient OK  >> DATA"),
            (Some(354), None)
        );
        assert_eq!(
            read("SenderError: Mail from command failed - 354 Continue").0,
            Some(354)
        );
        assert_eq!(read("data\n354 End data with <CR><LF>.<CR><LF>").0, None);
        // The client's code, then the server's reply with it: one reply.
        assert_eq!(
            read("but got code \"530\", with message \"530-5.5.1 Authentication Required"),
            (Some(530), Some("5.5.1".into()))
        );
        // A source file's line is no reply.
        assert_eq!(
            read("with message \"550 5.7.1 Relaying denied\"\" on line 457 of /var/www/a.php").0,
            Some(550)
        );
        assert_eq!(
            read("reply: retcode (550); Msg: b'5.7.1 blocked'"),
            (Some(550), Some("5.7.1".into()))
        );
        assert_eq!(
            read("SMTP 4xx error: transient error (451): 4.3.5 Server configuration error"),
            (Some(451), Some("4.3.5".into()))
        );
        assert_eq!(
            read("SMTP Error (550): Failed to add recipient \"a\" (5.7.1 <b>: blocked)"),
            (Some(550), Some("5.7.1".into()))
        );
        assert_eq!(
            read("permanent error (550): Error: content rejected"),
            (Some(550), None)
        );
        assert_eq!(
            read("\"code\": 501,\n\"message\": \"5.1.0 Invalid Sender\""),
            (Some(501), Some("5.1.0".into()))
        );
        // FluentSMTP's own code around PHPMailer's own error, and Swift Mailer's expected
        // code when the server said nothing: no replies.
        assert_eq!(
            read("{\n  \"code\": 423,\n  \"message\": \"SMTP Error: Could not connect to SMTP host.\","),
            (None, None)
        );
        assert_eq!(
            read("Expected response code 250 but got code \"\", with message \"\" (code: 0)"),
            (None, None)
        );
        // CiviMail's log of Amazon SES's reply: an unquoted `code:` label.
        assert_eq!(
            read("code: 454, response: \"Throttling failure: Maximum sending rate exceeded,\""),
            (Some(454), None)
        );
        // Symfony's API transports end with the API's own code, no reply.
        assert_eq!(
            read("Unable to send an email: Found inactive addresses: a@b. (code 406)."),
            (None, None)
        );
        // Zoho's delay notice: `ResponseCode 421, , 4.7.0 ...`.
        assert_eq!(
            read("[Status: Error, Address: <a@b>, ResponseCode 421, , 4.7.0 [TS02] Messages"),
            (Some(421), Some("4.7.0".into()))
        );
        assert_eq!(read("#554 rejecting banned content ##"), (Some(554), None));
        // Exchange's report: `#550 5.7.1 RESOLVER...`.
        assert_eq!(
            read("#550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized ##"),
            (Some(550), Some("5.7.1".into()))
        );
        // A reference number ending the reply's line is no reply of its own.
        assert_eq!(
            read("550 5.1.1 Invalid recipient. LPN416 416"),
            (Some(550), Some("5.1.1".into()))
        );
        // NetEase's marker glued to its code by a code table: `451DT:SPM`.
        assert_eq!(read("451DT:SPM ,please try again"), (Some(451), None));
        assert_eq!(read("MTA1234: 550ms"), (None, None));
        // The key length in Exim's TLS session field is no reply; a reply after a colon is.
        assert_eq!(
            read("X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no temporarily rejected RCPT"),
            (None, None)
        );
        assert_eq!(
            read("host said:550 5.1.1 no such user"),
            (Some(550), Some("5.1.1".into()))
        );
        // The same reason repeated on a later line of the reply: `LPN007 420`.
        assert_eq!(
            read("550 550 5.1.1 Boite du destinataire archivee. LPN004_420 [420]\n\nArchived recipient. LPN007 420\n(in reply to RCPT TO command)"),
            (Some(550), Some("5.1.1".into()))
        );
        // sendmail's transcript: the refused MAIL FROM, then the `503` it causes.
        assert_eq!(
            read("<<< 451 4.1.8 Domain of sender address a@b.example does not resolve <<< 503 5.0.0 Need RCPT (recipient)"),
            (Some(451), Some("4.1.8".into()))
        );
        // sendmail's closing `5.0.0 Service unavailable` sums up the remote reply before it;
        // alone, it is the reply.
        assert_eq!(
            read("<<< 554 5.7.1 Gtube pattern\n554 5.0.0 Service unavailable"),
            (Some(554), Some("5.7.1".into()))
        );
        assert_eq!(
            read("554 5.0.0 Service unavailable"),
            (Some(554), Some("5.0.0".into()))
        );
        // Other labels, a reference number, a CSV field and `#` before no enhanced code
        // stay no reply.
        assert_eq!(read("size=550 (508) x,550,y #550 z"), (None, None));
        // A sending log's duration is no reply.
        assert_eq!(
            read("mid: 2709 time: 431 status: Remote side closed connection"),
            (None, None)
        );
    }

    #[test]
    fn powermta_csv_fields() {
        let t = "b,2024-05-10 10:00:00+0000,2024-05-10 09:59:00+0000,a@x.com,b@y.com,,failed,5.0.0 (undefined status),smtp;550 5.7.1 blocked,dns;mx.y.com (1.2.3.4),spam-related,vmta1,550";
        assert_eq!(read(t), (Some(550), Some("5.7.1".into())));
    }

    #[test]
    fn decode_turns_escapes_and_crlf_into_lines() {
        assert_eq!(
            decode(b"a\\nb\r\nc\rd\\r\\ne\\tf").into_owned(),
            b"a\nb\nc\nd\ne f".to_vec()
        );
    }

    /// Fragments of texts with codes and look-alikes.
    const FRAGMENTS: &[&str] = &[
        "550",
        "550-",
        "550 ",
        "5.7.26",
        "4.16.55.1",
        "(#5.1.1)",
        "dsn=4.4.1",
        "Status: 5.0.0",
        "status:",
        "421, ",
        "(550, b'",
        "(508)",
        "550: ",
        "12:30",
        "smtp;",
        "\\n",
        "\r\n",
        "\n",
        " ",
        "-",
        ".",
        ",",
        "a",
        "x2",
        "#",
        "=",
        "\t",
        "2",
        "4",
        "5",
        "3",
        "0",
        "9",
        "\u{e9}",
        "\u{b2}",
        "554-5.7.1 ",
        "451 4.4.0 ",
        " (",
    ];

    /// What a scan found.
    type Found = (Vec<Reply>, Vec<Bare>, Option<usize>);

    fn codes_of(c: &Codes) -> Found {
        (c.replies.clone(), c.bares.clone(), c.go_ahead)
    }

    fn both(b: &[u8]) -> (Found, Found) {
        let mut got = Codes::default();
        // Buffers left by an earlier text are cleared.
        scan_into(b"550 5.7.1 x 4.4.1 ", &mut got);
        scan_into(b, &mut got);
        let mut want = Codes::default();
        scan_into_portable(b, &mut want);
        (codes_of(&got), codes_of(&want))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn scan_is_the_reference_scan_on_arbitrary_bytes(
            b in prop::collection::vec(any::<u8>(), 0..200),
        ) {
            let (got, want) = both(&b);
            prop_assert_eq!(got, want);
        }

        #[test]
        fn scan_is_the_reference_scan_on_code_like_texts(
            v in prop::collection::vec(prop::sample::select(FRAGMENTS), 0..80),
        ) {
            let text = v.concat();
            let (got, want) = both(text.as_bytes());
            prop_assert_eq!(got, want);
        }

        #[test]
        fn decode_copies_only_texts_with_cr_or_backslash(
            v in prop::collection::vec(prop::sample::select(FRAGMENTS), 0..80),
        ) {
            let text = v.concat();
            let b = text.as_bytes();
            let copied = matches!(decode(b), Cow::Owned(_));
            prop_assert_eq!(copied, b.contains(&b'\r') || b.contains(&b'\\'));
        }
    }
}
