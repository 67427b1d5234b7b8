//! The phrase tables: which words in a bounce are signals of what.
//!
//! Written from the providers' published documentation and from real bounces (see
//! the sources cited in `meaning.rs` and `tests/corpus/bounces.toml`). Patterns are
//! lower case, at least three bytes long, and match at the start of a word (one that
//! starts with punctuation, like `.yahoo.com`, may also follow a word; one in Chinese or
//! Japanese may start at any of their characters); a trailing `$`
//! requires the word to end there. Host names (patterns with a dot)
//! do not count inside an e-mail address: the recipient's or sender's domain is not the
//! receiving provider.

use crate::model::Isp;

/// A signal found in the text. The decision order lives in `decide.rs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Sig {
    // Receiving provider.
    /// Gmail's own reply (`gsmtp`, its MX hosts, its wording).
    GmailReply,
    /// A Google host or URL (`google.com`): also in the report Gmail writes for its own
    /// user about another receiver.
    GmailHost,
    OutlookHost,
    YahooHost,
    AppleHost,
    GmxHost,
    OrangeHost,
    ComcastHost,
    OtherHost,
    // Blocklists: names and zones strong enough on their own.
    Spamhaus,
    SpamhausResolver,
    Barracuda,
    /// "barracuda" alone: a list only with a list word (ESS also rejects users).
    BarracudaName,
    Spamcop,
    Sorbs,
    Uceprotect,
    Invaluement,
    MsList,
    Proofpoint,
    Cloudmark,
    MimecastList,
    OtherList,
    /// "blocked using", "listed in", "blacklist", "RBL", "DNSBL"...
    ListWord,
    ListThreat,
    /// A file type or extension refused ("Blacklisted high risk file extension"): the
    /// message's content, and a list word near it lists file types, not senders.
    FileType,
    CudaNsu,
    // Provider reason codes.
    YahooRate,
    YahooPerm,
    YahooContent,
    YahooList,
    AppleReputation,
    AppleAuth,
    ComcastList,
    ComcastRate,
    ComcastAuth,
    OrangeOfr,
    /// Outlook.com's DY-001, its refusal of mail from dynamic IP addresses "for policy
    /// reasons" (its postmaster's list of errors): a reputation block, whatever its
    /// explanation says of unauthenticated mail.
    OutlookDynamic,
    // Causes stated in words.
    RelayStrong,
    /// The sending account's credit is used up (SendGrid's "451 Authentication failed:
    /// Maximum credits exceeded"): a rate of the sending account, whatever login words
    /// come with it.
    SendingCredit,
    SmtpLogin,
    Auth,
    Tls,
    Dns,
    Greylist,
    Rate,
    /// The recipient's domain cannot be looked up (DragonFly's `DNS lookup failure: host
    /// a.example not found`, Postfix's `Malformed or unexpected name server reply`):
    /// words that would otherwise read as the sender's DNS.
    RcptHost,
    /// The resolver's temporary failure (Postfix's "Host not found, try again"): the
    /// recipient's domain could not be looked up this time, which proves nothing about it
    /// (its other lookup words would read as a domain that does not exist). Also a sending
    /// client's failed lookup of its own server (Python's "[Errno -2]"): no connection.
    LookupRetry,
    /// The connecting client's address has no name (sendmail's `require_rdns`: "Relaying
    /// denied. IP name lookup failed", "IP name possibly forged"): the sender's reverse
    /// DNS, the stated reason even of a relay refusal.
    ClientName,
    /// A mailbox over its limit in words that would otherwise read as a rate ("User has
    /// too many messages on the server").
    MailboxFullStrong,
    /// A disclaimer that the mail was scanned for viruses, or a block list's note that the
    /// sender's own machine may be infected: the virus words near it are no cause.
    ScanNote,
    /// A TLS session that was set up (Postfix's "TLS connection established"): TLS words
    /// are then the session's details, not its failure.
    TlsUp,
    /// A refused TCP connection ("Connection refused"): a connection failure, before any
    /// TLS could start, so TLS words around it (a port that "requires SSL/TLS") are the
    /// set-up's, not the cause.
    Refused,
    /// amavisd's fields of the valid DKIM signatures a message carries (`dkim_sd=`,
    /// `dkim_id=`): DKIM words are then no failed authentication.
    DkimSigned,
    /// A spam verdict in a content refusal's words (amavisd's "Message content rejected,
    /// UBE": unsolicited bulk e-mail): reputation, not content.
    SpamVerdict,
    /// The receiver's verdict on the sender's reputation ("very low reputation of the
    /// sending IP"): the cause even when the reply also says the mail is rate limited.
    ReputationStrong,
    /// The start of a clause that tells the sender what to set up ("Please be sure your
    /// mailserver is configured correctly (spf, HELO, PTR)", "Set up SPF records ... if you
    /// have not done so already"): the authentication and DNS words in it are advice.
    Advice,
    /// Authentication words inside advice: a cause only when the text states no other.
    AuthAdvised,
    /// DNS words inside advice: a cause only when the text states no other.
    DnsAdvised,
    /// "content filter": a content refusal unless the filter's verdict says otherwise.
    ContentFilter,
    /// The recipient receives too much mail (not a sender problem).
    RateRecipient,
    MailboxFull,
    RcptStrong,
    RcptWeak,
    /// The sending platform's own suppression of a recipient (Mailgun's "Not delivering to
    /// previously bounced address", SparkPost's "recipient address suppressed due to
    /// customer policy"): no receiver refused, so the spam, policy and list words around it
    /// are the platform's reasons, and the recipient is the cause.
    Suppressed,
    /// The recipient takes mail only from the senders it lists (Exchange's 5.7.129: "the
    /// sender isn't on the recipient's list of senders to accept mail from", "add you to
    /// the accept list"): the recipient's own restriction, and no block list.
    AllowList,
    Relay,
    Content,
    Reputation,
    Connection,
    /// Explicitly a temporary problem of the receiver's system.
    ReceiverSystem,
    /// Refused at the greeting (`refused to talk to me`, `after initial connection`).
    Greeting,
    /// A limit of the sending side (too many recipients in one transaction).
    SenderLimit,
    /// The reply answers the sender's address (`after MAIL FROM`, `in reply to MAIL FROM
    /// command`): address words there are about the sender, not the recipient.
    MailFromStage,
    /// The reply answers the recipient's address (`in reply to RCPT TO command`, `after
    /// RCPT TO:<a>`): a permanent refusal there that states no cause refuses the
    /// recipient.
    RcptStage,
    /// "Access denied": a policy refusal, except after "Recipient address rejected:"
    /// (Microsoft's 5.4.1 for a recipient its tenant does not have).
    AccessDenied,
    /// Postfix's "Sender address rejected:" with no cause of the known kinds after it (an
    /// access table's own text, `Sender address rejected: zcs1.example.com`): a policy
    /// refusal of the sender, not of the recipient whatever the code's subject (5.1.0);
    /// the sender's address itself only with X.1.7/X.1.8.
    SenderRefused,
    /// A period of time ("this hour", "per day"): with `SenderLimit`, a rate.
    PerTime,
    /// A mail loop ("too many hops"): not a rate, whatever "too many" says (RFC 3463
    /// X.4.6, "other").
    Loop,
    /// The sending server gave up after every host of the recipient's domain failed
    /// (Haraka's "Too many failures (Tried all MXs)"): a connection failure, not a rate,
    /// whatever "too many" says.
    AllHostsFailed,
    /// A recipient that takes mail only from authenticated (internal) senders, in words
    /// that would otherwise read as a refused login (Exchange's 5.7.133 to 5.7.136:
    /// "RESOLVER.RST.SenderNotAuthenticatedForGroup; authentication required"): the
    /// recipient's own restriction, as the accept list of 5.7.129 is.
    RecipientAuthOnly,
    TryLater,
    /// The receiver's own broken set-up given as the reason (Postfix's "451 4.3.5 <host>:
    /// Client host rejected: Server configuration error" when its own lookup table
    /// fails): whatever refusal frames it, no fault of the sender's.
    ReceiverSetup,
    /// A delay notice's own words ("has not yet been delivered", "Delivery to the
    /// following recipients has been delayed"): without a reply code, the mail is still
    /// being retried, so the refusal it reports is temporary.
    Delayed,
    /// A sending client's own words for a refused command (PHPMailer's "SMTP Error: data
    /// not accepted."): without a reply of the server's, its refusal words state no cause.
    ClientRefusal,
    /// The server's go-ahead for the message in a transcript (`354 End data with
    /// <CR><LF>.<CR><LF>`): what follows up to the lone "." line is the sender's message.
    DataGoAhead,
    /// "Message Not Accepted" as the whole refusal (an SMTP test server's "400 Message Not
    /// Accepted"): its "not accepted" names no cause, no policy refusal.
    BareRefusal,
    /// Gmail's and Yahoo's words for a refused unauthenticated sender ("... blocked
    /// because the sender is unauthenticated"): Gmail's with 5.7.26, Yahoo's with 5.7.9.
    SenderUnauthenticated,
    /// The text is the receiver's own log (Postfix `NOQUEUE: reject`).
    ReceiverLog,
    /// The sending account's own mailbox cannot send (Microsoft Graph's "The mailbox is
    /// either inactive, soft-deleted, or is hosted on-premise" for the mailbox an
    /// application sends as): no refusal of the recipient.
    SenderMailbox,
    /// The session closed ("connection closed", telnet's "Connection closed by foreign
    /// host."): after a refusal, the server hanging up on it (no cause of its own);
    /// without one, a connection failure.
    SessionClosed,
    /// A report's own heading for the returned message ("Original message headers:"): what
    /// follows is the original's, not the refusal's (`scan::find` reads up to it).
    OriginalFollows,
    /// SpamAssassin's field of the URIBL lists a message's links hit, empty (`(URIBL
    /// domains: )`, cPanel's outgoing scan): no list cited.
    NoUriblHit,
    /// A frame of Ruby's backtrace (`smtp.rb:576:in `auth_plain'`): the method names in
    /// it are no words of the reply (`scan::find` reads the text again without them).
    RubyFrame,
    /// qmail's delivery log, which writes the remote reply with underscores for spaces
    /// (`deferral: 192.0.2.1_does_not_like_recipient./Remote_host_said:_421_...`): the
    /// text is read again with spaces.
    QmailLog,
    /// Postfix's local submission (`postdrop:`), before any delivery: its "unexpected EOF"
    /// is a message cut short on its way into the local queue, no network connection.
    LocalSubmit,
    /// The sender's own provider reports on another receiver (Gmail's "Google tried to
    /// deliver your message...").
    SenderNdr,
    /// A relay's report of the reply it got ("MTA <host> received this response from the
    /// destination host", GoDaddy's wrapper): the relay's host is the sender's, and the
    /// destination is written as an IP.
    RelayReport,
    /// `Reporting-MTA:` / `Received-From-MTA:` of a DSN: the hosts there are the sending
    /// side's.
    ReportingMta,
    /// Exchange's own verdict that the recipient's domain does not exist
    /// (`[Message=InfoDomainNonexistent]`): the Microsoft server stamped on it is the
    /// sending side's, there is no receiving server.
    ExchangeNoDomain,
    /// Microsoft's report for its own user about a receiver outside Microsoft ("reported by
    /// an email server outside Office 365", "refused to accept a connection from your
    /// email system"): the Microsoft hosts in it are the sending side's.
    MicrosoftSenderNdr,
    /// Exchange's resolver refused the recipient (`RESOLVER.ADR.*`, `RESOLVER.RST.*`): the
    /// refusal was decided inside the organisation of the server that generated the
    /// report, so that server is the receiver.
    ExResolver,
    /// `smtp;` before a diagnostic (PowerMTA accounting `dsnDiag`, DSN `Diagnostic-Code`).
    DiagField,
    // PowerMTA `bounceCat` values (fallback only).
    BcRecipient,
    BcFull,
    BcReputation,
    BcContent,
    BcRelay,
    BcConnection,
    BcDns,
}

use Sig::*;

impl Sig {
    /// A receiving-provider signal (does not count inside an e-mail address).
    pub fn is_isp(self) -> bool {
        matches!(
            self,
            GmailReply
                | GmailHost
                | OutlookHost
                | YahooHost
                | AppleHost
                | GmxHost
                | OrangeHost
                | ComcastHost
                | OtherHost
        )
    }
}

/// The consumer domains of each provider: a recipient there names the receiving
/// provider (any other domain names a receiver that is none of them). `*` as the
/// top-level domain: any (`hotmail.co.uk`, `yahoo.fr`, `gmx.at`); as the name: any names
/// before the domain.
pub const RECIPIENT_DOMAINS: &[(&str, &str, Isp)] = &[
    ("gmail", "com", Isp::Gmail),
    ("googlemail", "com", Isp::Gmail),
    ("hotmail", "*", Isp::Outlook),
    ("outlook", "*", Isp::Outlook),
    ("live", "*", Isp::Outlook),
    ("msn", "com", Isp::Outlook),
    ("yahoo", "*", Isp::Yahoo),
    ("aol", "*", Isp::Yahoo),
    ("ymail", "com", Isp::Yahoo),
    ("rocketmail", "com", Isp::Yahoo),
    ("icloud", "com", Isp::Apple),
    ("me", "com", Isp::Apple),
    ("mac", "com", Isp::Apple),
    ("gmx", "*", Isp::Gmx),
    ("web", "de", Isp::Gmx),
    ("orange", "fr", Isp::Orange),
    ("wanadoo", "fr", Isp::Orange),
    ("comcast", "net", Isp::Comcast),
    // Microsoft 365's tenant domains (`contoso.onmicrosoft.com`, `contoso.mail.onmicrosoft.com`)
    // are hosted by Exchange Online. `*`: any name before the domain.
    ("*", "onmicrosoft.com", Isp::Outlook),
];

/// Declares the phrase table: every pattern written once into one string, and per pattern
/// its length and signal (two bytes, where a `(&str, Sig)` row costs twelve: kilobytes of
/// the widget's wasm). Read it with [`patterns`].
macro_rules! phrase_table {
    ($( ($pat:literal, $sig:ident $(,)?) ),* $(,)?) => {
        const PATTERN_TEXT: &str = concat!($($pat),*);
        const PATTERN_ROWS: &[(u8, Sig)] = &[$(
            (
                {
                    assert!($pat.len() < 256, "a pattern is at most 255 bytes");
                    $pat.len() as u8
                },
                $sig,
            )
        ),*];
    };
}

/// The phrase table's `(pattern, signal)` rows, in table order; see the module
/// documentation for the pattern syntax.
pub fn patterns() -> impl Iterator<Item = (&'static str, Sig)> + Clone {
    let mut at = 0;
    PATTERN_ROWS.iter().map(move |&(len, sig)| {
        let start = at;
        at += usize::from(len);
        (PATTERN_TEXT.get(start..at).unwrap_or_default(), sig)
    })
}

phrase_table! {
    // --- Gmail / Google Workspace
    ("gsmtp", GmailReply),
    ("gcdp$", GmailReply),
    // ... and its cause: a Workspace domain's content compliance rule ("This message
    // violates example.com email policy. - gcdp"), in any of Gmail's languages.
    ("gcdp", Content),
    ("gmail-smtp-in", GmailReply),
    ("aspmx.l.google.com", GmailReply),
    ("google.com", GmailHost),
    ("googlemail.com", GmailHost),
    // Gmail's submission server (`smtp.gmail.com`), named by the clients that reach it.
    ("smtp.gmail.com", GmailHost),
    // Google's limits named in its replies: "Your message exceeded Google's message size
    // limits", "... exceeds Google's message header size limit".
    ("google's", GmailHost),
    // Gmail's own wording, also when the reply lost its `- gsmtp` ending: "Gmail requires
    // all senders to authenticate", and its bulk-sender rows (4.7.23, 4.7.32): "To learn more
    // about Gmail requirements for bulk email senders".
    ("gmail require", GmailReply),
    // Google's refused login (its BadCredentials answer), quoted without host or URL:
    // "535-5.7.8 Username and Password not accepted."
    ("and password not accepted", GmailReply),
    // Gmail's own wordings, also without `- gsmtp`: 421 4.3.0/4.7.0 "Temporary System
    // Problem. Try again later.", 5.7.1 "... does not meet IPv6 sending guidelines regarding
    // PTR records and authentication", 5.2.3 "... bytes per individual header size".
    ("temporary system problem. try again", GmailReply),
    ("meet ipv6 sending guidelines", GmailReply),
    ("bytes per individual header", GmailReply),
    // Google Workspace's SMTP relay limits, its own wording: "450 4.2.1 Peak SMTP relay
    // limit exceeded for customer", "550 5.4.5 Daily SMTP relay limit exceeded for
    // customer".
    ("smtp relay limit exceeded for customer", GmailReply),
    // "The email account that you tried to reach does not exist / is disabled / is
    // inactive" (5.1.1, 5.2.1).
    ("account that you tried to reach", GmailReply),
    // Google Groups' bounce, in its newer wording: "We're writing to let you know that the
    // group you tried to contact (security) may not exist, or you may not have permission
    // to post messages to the group" (Google's own service; no single cause stated).
    ("writing to let you know that the group", GmailReply),
    ("the user you are trying to contact", GmailReply),
    // ... as Google's help pages translate it: German "Der Nutzer, den Sie kontaktieren
    // möchten, ...", Portuguese "O usuário com quem você está tentando entrar em contato ...".
    ("den sie kontaktieren möchten", GmailReply),
    ("com quem você está tentando", GmailReply),
    // Gmail's over-quota reply sends the recipient to their Google Drive storage ("452
    // 4.2.2 ... Please direct the recipient to Clear Google Drive space").
    ("google drive", GmailReply),
    // Gmail's submission reply "530-5.7.0 Authentication Required. For more information,
    // go to ...": also when a client (.NET's SmtpException) keeps only its first line.
    ("authentication required. for more information", GmailReply),
    ("protect our users from spam", GmailReply),
    // Gmail's 4.7.28 limits: "Gmail has detected an unusual rate of unsolicited mail".
    ("gmail has detected", GmailReply),
    // ... without its first words: "421 4.7.28 ... an unusual rate of unsolicited mail
    // originating from your IP address", "... an unusual rate of mail".
    ("an unusual rate of", GmailReply),
    // Gmail's reputation and content wordings (its help page "Why has Gmail blocked my
    // messages?"): "... due to the very low reputation of the sending IP address",
    // "... this message is likely unsolicited mail", "... due to the nature of the content
    // or the links within", "... an illegal attachment on your message", "... its content
    // presents a potential security issue", Workspace's "The user or domain that you are
    // sending to (or from) has a policy that prohibited the mail that you sent".
    ("low reputation of the sending", GmailReply),
    ("likely unsolicited", GmailReply),
    // "The IP you're using to send mail is not authorized to send email directly to our
    // servers. Please use the SMTP relay at your service provider instead."
    ("directly to our servers", GmailReply),
    // "This message does not have authentication information or fails to pass
    // authentication checks" (the end alone, in sisimai's list, is no sign of Gmail).
    ("have authentication information", GmailReply),
    ("nature of the content or the links", GmailReply),
    ("illegal attachment on your", GmailReply),
    ("presents a potential security", GmailReply),
    // 553 5.1.2 "We weren't able to find the recipient domain."
    ("able to find the recipient", GmailReply),
    // Gmail's PTR refusal: "550-5.7.25 The IP address sending this message does not have a
    // PTR record setup" (other receivers word it otherwise: "No valid PTR record found").
    ("ptr record setup", GmailReply),
    // Gmail's attachment refusal ("552 5.7.0 ... review our attachment guidelines").
    ("review our attachment guidelines", GmailReply),
    // Gmail's DMARC refusal: "Unauthenticated email from <sender's domain> is not
    // accepted due to domain's DMARC policy" (Mail.ru's "This message was not accepted
    // due to domain owner DMARC policy" is its own).
    ("is not accepted due to domain", GmailReply),
    // Gmail's "Our system has detected an unusual rate of unsolicited mail originating from
    // your IP address", "The user or domain that you are sending to (or from) has a policy
    // that prohibited the mail that you sent", "The recipient's inbox is out of storage
    // space" (quoted in Mautic's and KumoMTA's bounce rules; "inbox is out of storage"
    // alone is not Gmail's own).
    ("unusual rate of unsolicited", GmailReply),
    ("policy that prohibited", GmailReply),
    ("recipient's inbox is out of storage", GmailReply),
    // Google's refusals by the recipient domain's own settings: "421 4.7.0 IP not in
    // whitelist for RCPT domain, closing connection", "TLS required for RCPT domain" (not
    // chkuser's "can't find a valid MX for rcpt domain").
    ("whitelist for rcpt domain", GmailReply),
    ("required for rcpt domain", GmailReply),
    // ... and both as Google's German help page prints them: "TLS für RCPT-Domain
    // erforderlich", "Unser System hat eine ungewöhnliche Anzahl unerwünschter E-Mails von
    // Ihrer IP-Adresse festgestellt" (an unusual rate of unsolicited mail).
    ("für rcpt-domain", GmailReply),
    ("ungewöhnliche anzahl", GmailReply),
    // Google Groups (also on a Workspace domain) refusing a post: "Your email to group
    // a@example.com was rejected due to spam classification".
    ("your email to group", GmailReply),
    // The report Gmail writes for its own user about another receiver: its Google
    // links then name the sender's provider.
    ("google tried to deliver", SenderNdr),
    (
        "the recipient server did not accept our requests",
        SenderNdr,
    ),
    ("the other server returned", SenderNdr),
    ("the response from the remote server was", SenderNdr),
    ("received this response from the destination", RelayReport),
    ("gmail will retry", SenderNdr),
    // Gmail's own lookup of the recipient's domain: "DNS Error: DNS type 'mx' lookup of
    // example.org responded with code NXDOMAIN" (its help link is the report's).
    ("dns error: dns type", SenderNdr),
    // --- Microsoft (Outlook.com, Hotmail, Exchange Online)
    ("protection.outlook.com", OutlookHost),
    // Exchange Online's own 5.7.60 wording, as its submission server writes it without
    // its host: "550 5.7.60 SMTP; Client does not have permissions to send as this sender".
    ("smtp; client does not have permissions", OutlookHost),
    // Exchange Online's own wordings without its host: 5.1.90 "Your message can't be sent
    // because you've reached your daily limit for message recipients", 4.7.650 "... has
    // been temporarily rate limited due to IP reputation", 5.7.25 "The sending IP must have
    // a reverse DNS record", 5.7.515 "... must pass either SPF or DKIM validation".
    ("limit for message recipients", OutlookHost),
    ("rate limited due to ip reputation", OutlookHost),
    ("must have a reverse dns record", OutlookHost),
    ("must pass either spf or dkim", OutlookHost),
    // Microsoft's own block-list wording (Outlook.com's and Exchange Online's S3150, its
    // older OU-001), quoted without the code or a host: "Please contact your Internet
    // service provider since part of their network is on our block list".
    ("network is on our block list", OutlookHost),
    ("outlook.com", OutlookHost),
    (".hotmail.com", OutlookHost),
    ("mail.live.com", OutlookHost),
    ("postmaster.live.com", OutlookHost),
    ("sender.office.com", OutlookHost),
    ("aka.ms/postmaster", OutlookHost),
    // Microsoft's 5.7.509 wording: "Access denied, sending domain <d> does not pass DMARC
    // verification and has a DMARC policy of reject".
    ("does not pass dmarc verification", OutlookHost),
    // Outlook.com's format refusal without its host: "550 5.7.0 Message could not be
    // delivered. Please ensure the message is RFC 5322 compliant." (Gmail words it "this
    // message is not RFC 5322 compliant").
    ("ensure the message is rfc 5322", OutlookHost),
    // Microsoft 365's mail API throttling a mailbox: `"code":
    // "CommandConcurrencyLimitReached"` (Exchange's own error code, no host).
    ("commandconcurrencylimit", OutlookHost),
    ("go.microsoft.com", OutlookHost),
    ("messaging.microsoft.com", OutlookHost),
    ("sc-001", OutlookHost),
    ("sc-002", OutlookHost),
    ("sc-003", OutlookHost),
    ("sc-004", OutlookHost),
    ("ou-001", OutlookHost),
    ("ou-002", OutlookHost),
    ("dy-001", OutlookDynamic),
    ("rp-001", OutlookHost),
    ("rp-002", OutlookHost),
    ("rp-003", OutlookHost),
    // Exchange Online Protection's own block list, named without its host: "550 5.7.1
    // Service unavailable; Client host [a.b.c.d] blocked using FBLW15".
    ("using fblw15", OutlookHost),
    ("(s1", OutlookHost),
    ("(s2", OutlookHost),
    ("(s3", OutlookHost),
    ("(s7", OutlookHost),
    ("(s8", OutlookHost),
    // The same block-list codes as Exchange Online Protection writes them: "(AS3150)".
    ("(as3130", OutlookHost),
    ("(as3140", OutlookHost),
    ("(as3150", OutlookHost),
    // Exchange Online Protection's anti-spam codes after its reply: "blocked using
    // Spamhaus ... AS(1440)", "Access denied. AS(201806281)", "AS(4810)" (with its digits:
    // a pattern ending in "(" needs one after it).
    ("as(", OutlookHost),
    // Microsoft 365's hosts: its mailbox and submission servers (`outlook.office365.com`,
    // `smtp.office365.com`, a smarthost relays through: "cannot authenticate to server
    // smtp.office365.com[52.98.140.2]").
    (".office365.com", OutlookHost),
    // Outlook.com's front-door ids (`(COL0-MC6-F31)`, `(BAY004-MC1F23)`) and Exchange
    // Online Protection's server names (`[#.eop-nam12.prod...]`).
    ("(bay0", OutlookHost),
    ("(blu0", OutlookHost),
    ("(col0", OutlookHost),
    ("(dub0", OutlookHost),
    ("(snt0", OutlookHost),
    ("eop-", OutlookHost),
    // Exchange Online's refusal to relay for a tenant it cannot attribute the mail to
    // (`TenantAttribution; Relay Access Denied`; the word alone is the relay signal).
    ("tenantattribution;", OutlookHost),
    // A Microsoft 365 tenant's own domain named in its NDR ("A custom mail flow rule created
    // by an admin at contoso.onmicrosoft.com has blocked your message"); as a recipient's
    // domain it is in `RECIPIENT_DOMAINS`.
    (".onmicrosoft.com", OutlookHost),
    // Exchange Online Protection's refusals start "Access denied," (5.7.506 "Access
    // denied, bad HELO", 5.7.511 "Access denied, banned sender", 5.7.708 "Access denied,
    // traffic not accepted from this IP", 4.7.5xx "Access denied, please try again
    // later").
    ("access denied,", OutlookHost),
    // --- Yahoo / AOL
    ("yahoodns.net", YahooHost),
    ("yahooinc.com", YahooHost),
    (".yahoo.com", YahooHost),
    (".yahoo.co.jp", YahooHost),
    ("postmaster.yahoo", YahooHost),
    // Yahoo's disabled mailbox: "This mailbox is disabled (554.30)".
    ("(554.30)", YahooHost),
    ("help.yahoo", YahooHost),
    // Yahoo's help pages name their errors "... when sending email to Yahoo" ('Error: "553
    // Mail from x.x.x.x not allowed" when sending email to Yahoo').
    ("sending email to yahoo", YahooHost),
    ("postmaster.verizonmedia", YahooHost),
    // Yahoo's own references after its deferrals: "temporarily deferred - 4.16.50",
    // "[TS01] ... - 4.16.55.1" (4.16.50 to 4.16.56; none is an enhanced code).
    ("4.16.5", YahooHost),
    ("mx-aol", YahooHost),
    ("postmaster.info.aol", YahooHost),
    ("delivery error: dd", YahooHost),
    ("yahoo requires", YahooHost),
    ("mx.aol.com", YahooHost),
    ("mail.aol.com", YahooHost),
    ("aol will not accept", YahooHost),
    // AOL's refusal of a source of unsolicited mail: "The information presently available
    // to AOL indicates this server is transmitting unsolicited e-mail to AOL".
    ("available to aol", YahooHost),
    // Yahoo's own 5.7.9 wording (its help page SLN7253), quoted without host or URL.
    // "554 Message not allowed - [PH01] Email not accepted for policy reasons".
    ("not accepted for policy reasons", YahooHost),
    // Yahoo's deferrals: "Messages from x temporarily deferred due to user complaints",
    // "... due to unexpected volume or user complaints", "Message temporarily deferred due
    // to unresolvable RFC.5321 from domain".
    ("temporarily deferred due", YahooHost),
    // Its BL21/BL23: "Connections will not be accepted from x, because the ip is in
    // Spamhaus's list", "Connections not accepted from IP addresses on Spamhaus XBL".
    ("spamhaus's list", YahooHost),
    ("ip addresses on spamhaus", YahooHost),
    // --- Apple iCloud
    ("icloud.com", AppleHost),
    ("me.com", AppleHost),
    ("support.apple.com", AppleHost),
    ("ht204137", AppleHost),
    // Its HME1 text, with its own spelling: "This message was blocked for failing both
    // SPF and DKIM autentication checks".
    ("autentication", AppleHost),
    // Hide My Email: Apple's relay receives for the `privaterelay.appleid.com` addresses.
    ("privaterelay.appleid.com", AppleHost),
    // --- GMX / WEB.DE / 1&1
    ("gmx.net", GmxHost),
    ("gmx.de", GmxHost),
    ("gmx.com", GmxHost),
    ("web.de", GmxHost),
    ("nemesis", GmxHost),
    ("mxgmx", GmxHost),
    ("mxweb", GmxHost),
    ("mxeue", GmxHost),
    ("kundenserver.de", GmxHost),
    ("1and1.", GmxHost),
    // IONOS, the 1&1 brand of GMX's group: its relay `smtp.ionos.de` and its explanation
    // URLs "554 For explanation visit https://www.ionos.com/help/..." and
    // "https://postmaster.1und1.de/de/case?c=hi".
    ("ionos.", GmxHost),
    ("1und1.", GmxHost),
    // --- Orange
    ("orange.fr", OrangeHost),
    ("wanadoo.fr", OrangeHost),
    ("mwinf", OrangeHost),
    ("opmta", OrangeHost),
    ("ofr", OrangeOfr),
    // --- Comcast
    ("comcast.net", ComcastHost),
    ("comcast$", ComcastHost),
    ("xfinity", ComcastHost),
    // Comcast's "<ip> found on one or more DNSBLs, see http://postmaster.comcast.net/...".
    ("one or more dnsbls", ComcastHost),
    // --- Other receiving providers and gateways, named by their own hosts or URLs
    ("yandex.net", OtherHost),
    ("yandex.ru", OtherHost),
    ("mail.ru", OtherHost),
    ("qq.com", OtherHost),
    ("mimecast.com", OtherHost),
    // Forward Email, a forwarding service, by its MX hosts and help URL
    // (`mx1.forwardemail.net`, "please see https://forwardemail.net").
    ("forwardemail.net", OtherHost),
    ("mimecast.org", OtherHost),
    // Barracuda Email Security Service's receiving hosts (`mx27.ess.sfj.cudaops.com`),
    // which write `<host> #550 permanent failure ...` without `host ... said`.
    ("cudaops.com", OtherHost),
    ("t-online.de", OtherHost),
    ("free.fr", OtherHost),
    ("secureserver.net", OtherHost),
    ("cox.net", OtherHost),
    ("charter.net", OtherHost),
    ("messagelabs", OtherHost),
    ("zohomail", OtherHost),
    ("rambler", OtherHost),
    ("seznam", OtherHost),
    ("laposte.net", OtherHost),
    ("163.com", OtherHost),
    // NetEase's server markers in its replies: "553 Local user only,163 smtp5,<id>",
    // "DT:SPM 126 smtp2,<id>".
    ("163 smtp", OtherHost),
    ("126 smtp", OtherHost),
    // NetEase named in its own Chinese replies ("超过了网易的限制": over NetEase's limit).
    ("网易", OtherHost),
    // QQ Mail named in its Chinese bounces ("该用户未开通QQ邮箱").
    ("qq邮箱", OtherHost),
    // A Chinese enterprise-mail host named in its own replies ("该IP不在万象互联允许的发送地址
    // 列表里": not in the list of addresses Wanxiang Hulian allows).
    ("万象互联", OtherHost),
    ("zoho mail", OtherHost),
    // Postini's gateway marks its replies: "571 spam source blocked – psmtp", "554 No
    // relaying allowed - psmtp".
    ("psmtp", OtherHost),
    // T-Online's contacts in its refusals: "tosa@rx.t-online.de" (BL), "toda@rx..." for
    // dial-up IPs (DIAL), "tobr@rx..." and "<postmaster@rx.t-online.de> for reset" (NOWL).
    ("@rx.t-online", OtherHost),
    // AT&T (with BellSouth): its own DNSBL code ("DNSBL:ATTRBL 521< IP >_is_blocked"), its
    // hosts, and the directory of BellSouth's block list ("blocked by ldap:ou=rblmx,
    // dc=bellsouth, dc=net").
    ("attrbl", OtherHost),
    ("att.net", OtherHost),
    ("bellsouth.net", OtherHost),
    ("dc=bellsouth", OtherHost),
    // Charter/Spectrum and Cox close their refusals with an acceptable-use-policy code
    // ("ESMTP server not available AUP#I-1010", "AUP#In-1310", "AUP#BL", "AUP#CXBL"): the
    // receiver names itself (and the code is its policy refusal, below).
    ("aup#i", OtherHost),
    ("aup#bl", OtherHost),
    ("aup#cx", OtherHost),
    ("aup#pol", OtherHost),
    // AT&T's inbound hosts name themselves in its refusals ("553 5.3.0 flpd575 DNSBL:RBL
    // <IP_address>_is_blocked").
    ("flpd", OtherHost),
    // BT Internet names its postmaster ("554 Message rejected for policy reasons (3.2.2.1)
    // - Please report any problems to BT via the postmaster btinternet.com mailbox").
    ("btinternet.com", OtherHost),
    // Telstra's submission server greets its own customers by name ("nschwcmgw08p BigPond
    // Outbound [OB105. Connection refused. ... is listed on the Exploits Block List").
    ("bigpond outbound", OtherHost),
    // GoDaddy's reason codes at the end of its replies ("... IB212", "... IB508"): IB101
    // a busy queue, IB103 Cloudmark, IB108 no reverse DNS ("421 Temporarily rejected.
    // Reverse DNS for this IP failed. IB108"), IB212 spam content, IB508 SPF, IB605 too
    // many recipients in one message.
    ("ib101$", OtherHost),
    ("ib103$", OtherHost),
    ("ib108$", OtherHost),
    ("ib212$", OtherHost),
    ("ib508$", OtherHost),
    ("ib605$", OtherHost),
    // EarthLink names itself in its refusals ("550 IP ... is blocked by EarthLink").
    ("earthlink.net", OtherHost),
    ("blocked by earthlink", OtherHost),
    // Proton's MX hosts in a client's log: "mailsec.protonmail.ch:25 --> 554 5.7.1 rejected
    // by rspamd filter" (`mail.protonmail.ch`, `mailsec.protonmail.ch`).
    ("protonmail.ch", OtherHost),
    // Gandi's refusals, with its own rule codes (its postmaster page): "550 5.7.1 Reject
    // for policy reason RULE3_2", "Reject for policy reason. RULE1_1".
    ("reject for policy reason", OtherHost),
    // --- Spamhaus
    ("spamhaus", Spamhaus),
    ("abuseat.org", Spamhaus),
    // Its lists by name: "550 IP in XBL", "listed in SBL", "PBL".
    ("sbl$", Spamhaus),
    ("xbl$", Spamhaus),
    ("pbl$", Spamhaus),
    ("open resolver", SpamhausResolver),
    ("open dns resolver", SpamhausResolver),
    ("public resolver", SpamhausResolver),
    ("public/open resolver", SpamhausResolver),
    ("returnc/pub", SpamhausResolver),
    ("127.255.255.25", SpamhausResolver),
    ("excessive number of queries", SpamhausResolver),
    // --- Barracuda
    ("barracudacentral", Barracuda),
    ("barracuda reputation", Barracuda),
    ("barracudanetworks.com/reputation", Barracuda),
    ("barracuda", BarracudaName),
    ("cuda_nsu", CudaNsu),
    // --- Others with their own names or zones
    ("spamcop", Spamcop),
    // The SpamCop Blocking List by its initials ("550 IP in SCBL").
    ("scbl$", Spamcop),
    ("sorbs", Sorbs),
    ("uceprotect", Uceprotect),
    ("invaluement", Invaluement),
    ("ivmsip", Invaluement),
    ("ivmuri", Invaluement),
    ("s3150", MsList),
    ("s3140", MsList),
    ("banned sending ip", MsList),
    ("blocklist 1", MsList),
    ("delist@messaging.microsoft.com", MsList),
    ("our block list", MsList),
    ("fblw15", MsList),
    ("ipcheck.proofpoint", Proofpoint),
    ("prs.proofpoint", Proofpoint),
    ("proofpoint dynamic reputation", Proofpoint),
    ("dnsbl-lookup", Proofpoint),
    ("support.proofpoint.com/dnsbl", Proofpoint),
    ("csi.cloudmark", Cloudmark),
    ("cloudmark sender intelligence", Cloudmark),
    ("cloudmark", Cloudmark),
    ("local ct ip reputation", MimecastList),
    ("poor reputation sender", MimecastList),
    ("ip temporarily blacklisted", MimecastList),
    ("csi.mimecast", MimecastList),
    ("psbl", OtherList),
    ("mailspike", OtherList),
    ("abusix", OtherList),
    // The Abusive Hosts Blocking List: "550 5.7.1 Host is on the AHBL - Please see ...".
    ("ahbl", OtherList),
    ("anonmails", OtherList),
    ("manitu", OtherList),
    ("nixspam", OtherList),
    // NiX Spam's listing as receivers quote it: "Your e-mail service was detected by
    // <host> (NiX Spam) as spamming at ...".
    ("nix spam", OtherList),
    ("spfbl", OtherList),
    ("rbl.jp", OtherList),
    ("hostkarma", OtherList),
    ("spamrats", OtherList),
    ("rats-", OtherList),
    ("backscatterer", OtherList),
    ("spameatingmonkey", OtherList),
    ("senderscore", OtherList),
    ("unsubscore", OtherList),
    ("mail-abuse", OtherList),
    // Trend Micro's ERS: "blocked ... by Trend Micro Email Reputation Service".
    ("email reputation service", OtherList),
    ("email reputation database", OtherList),
    // Its lists by name: "Mail from <IP> was refused due to the sender IP found in
    // ERS-DUL" (its dial-up list; also its quick IP list and its RBL+).
    ("ers-dul", OtherList),
    ("ers-qil", OtherList),
    ("ers-rbl", OtherList),
    ("surbl", OtherList),
    ("uribl", OtherList),
    ("uribl domains: )", NoUriblHit),
    ("dnswl", OtherList),
    ("(bl)", OtherList),
    ("blocked using", ListWord),
    // sendmail's FEATURE(rbl) refusal: "550 5.7.1 <a>... Mail from 192.0.2.1 refused by
    // blackhole site orbz.gst-group.co.uk".
    ("blackhole site", ListWord),
    ("listed in", ListWord),
    ("spam list", ListWord),
    ("listed at", ListWord),
    ("listed on", ListWord),
    ("listed by", ListWord),
    // "Mail from IP <ip> was rejected due to listing in Spamhaus XBL", "You are in the
    // SPAMMER List" (ZoneMTA's bounce rules).
    ("listing in", ListWord),
    ("spammer list", ListWord),
    // "Server IP x listed as abusive".
    ("listed as", ListWord),
    ("block listed", ListWord),
    ("blocklisted", ListWord),
    ("blocklist", ListWord),
    ("block list", ListWord),
    ("blacklist", ListWord),
    ("black list", ListWord),
    ("black-list", ListWord),
    ("rbl$", ListWord),
    ("dnsbl", ListWord),
    ("dns-based", ListWord),
    ("reputation list", ListWord),
    ("threat list", ListWord),
    // A threat about the future, not a citation ("we may feed it to a blacklist").
    ("may feed it to", ListThreat),
    // A hedge ("they may be blacklisted") and a directory (Lotus Notes: "not listed in
    // public Name & Address Book") are not citations either.
    ("may be blacklisted", ListThreat),
    // Advice among others, no citation: Debian's list servers' "Ask your Mail/DNS-
    // Administrator to correct HELO and DNS MX settings or to get removed from DNSBLs".
    ("get removed from dnsbl", ListThreat),
    ("not listed in public name", ListThreat),
    ("not listed in domino", ListThreat),
    // Exchange Online's directory-based edge block in words: "the recipient's email address
    // is not listed in the domain's directory" (an unknown recipient, not a list).
    ("not listed in the domain", ListThreat),
    ("domain's directory", RcptStrong),
    // The destination's mail hosts, not a list: KumoMTA's "451 4.4.1 No answer from any
    // hosts listed in MX".
    ("listed in mx", ListThreat),
    // A content pattern, not a list: "Blocked using spam pattern, your message may contain
    // the spam contents".
    ("using spam pattern", ListThreat),
    // A list of file types, not of senders: a relay's "MSG-EXT: Blacklisted high risk file
    // extension detected"; rspamd's multimap symbol "Matched map: FORBIDDEN_FILE_EXTENSION".
    ("file extension", FileType),
    ("file_extension", FileType),
    ("is in an rbl", ListWord),
    ("'s list", ListWord),
    ("list of senders", AllowList),
    // Exchange's group, mailbox, mail user and public folder that take mail only from
    // authenticated senders: "RESOLVER.RST.SenderNotAuthenticatedForGroup",
    // "...ForMailbox", "...ForMailUser", "...ForPublicFolder".
    ("sendernotauthenticatedfor", RecipientAuthOnly),
    // Exchange's 5.7.12 as a resolver code: "550 5.7.12 RESOLVER.RST.SenderAuthenticated;
    // Delivery restriction check failed as sender not authenticated".
    ("senderauthenticated", RecipientAuthOnly),
    // The same restrictions in words (Microsoft's 5.7.12 "Sender was not authenticated by
    // organization", 5.7.133-5.7.135 "Sender was not authenticated for group / mailbox /
    // public folder") and 5.7.124 "Sender not in allowed-senders list".
    ("not authenticated for", RecipientAuthOnly),
    ("authenticated by organization", RecipientAuthOnly),
    ("allowed-senders", AllowList),
    // Exchange's 5.7.129 in its NDR's words: "The group omexconeint only accepts messages
    // from people in its organization or on its allowed senders list".
    ("only accepts messages from", AllowList),
    // ezmlm's refusal of a post from an address not subscribed to the list: "Sorry, only
    // subscribers may post." (the list address takes mail from its members only).
    ("only subscribers may post", AllowList),
    // Exchange's NDR for a recipient that takes mail from some senders only: "Your message
    // can't be delivered because delivery to this address is restricted."
    ("delivery to this address is restricted", AllowList),
    ("accept list", AllowList),
    // A recipient that takes mail only from its own domain (a Japanese server's "450
    // 4.7.1 The transmission has been permitted to this user only in the same domain.").
    ("only in the same domain", AllowList),
    // Exchange's delivery restriction of a mailbox or group: "You do not have permission to
    // send to this recipient. <server.domain.com #5.7.1>", "you don't have permission to
    // send to the group".
    ("permission to send to", AllowList),
    // Tencent's (QQ's) "550 Mail is rejected by recipients": the recipient's own block
    // list or filter, the recipient's restriction.
    ("rejected by recipients", AllowList),
    // --- Provider reason codes
    ("tss04", YahooRate),
    ("tss05", YahooRate),
    ("ipts04", YahooRate),
    ("gl01", YahooRate),
    ("ts01", YahooRate),
    ("ts02", YahooRate),
    // Yahoo's help: "421 4.7.1 [TS03] All messages from x.x.x.x permanently deferred".
    ("ts03", YahooPerm),
    ("tss06", YahooPerm),
    ("tss09", YahooPerm),
    ("tss11", YahooPerm),
    ("permanently deferred", YahooPerm),
    // Yahoo's older refusals of an IP for its traffic: "421 VS1-IP Excessive unknown
    // recipients - possible Open Relay (#4.1.8)", "451 VS1-MF ...".
    ("vs1-", YahooPerm),
    ("ph01", YahooContent),
    // Yahoo's content refusal with its bracketed reason: "Message not allowed - [PH01]",
    // the older "[299]".
    ("message not allowed - [", YahooContent),
    ("bl21", YahooList),
    ("bl23", YahooList),
    ("tss07", YahooList),
    ("rtr:bl", YahooList),
    ("con:b1", YahooList),
    ("cs01", AppleReputation),
    ("hme1", AppleAuth),
    // Apple's other bracketed local-policy codes ("554 5.7.1 [HM08] Message rejected due to
    // local policy").
    ("hm07", AppleReputation),
    ("hm08", AppleReputation),
    ("bl0000", ComcastList),
    ("rl0000", ComcastRate),
    ("dm0000", ComcastAuth),
    ("cxbl", OtherList),
    // Cox's temporary block of a sending IP for spam-like behaviour (its error-code page:
    // CDRBL, at most 24 hours; "550 ... sender rejected AUP#CDRBL"), its list like CXBL.
    ("cdrbl", OtherList),
    // BellSouth's own block list ("blocked by ldap:ou=rblmx, dc=bellsouth, dc=net").
    ("rblmx", OtherList),
    // --- Relay (before auth: "client was not authenticated" is a relay denial)
    ("relay access denied", RelayStrong),
    ("relaying denied", RelayStrong),
    // sendmail's older relay refusal, as Outlook shows it: "550 <a@example.com>...
    // Forwarding Denied" from the user's own outgoing server.
    ("forwarding denied", RelayStrong),
    ("relaying disallowed", RelayStrong),
    ("relay not permitted", RelayStrong),
    // Stalwart's "550 5.1.2 Relay not allowed."; hMailServer's "550 Delivery is not
    // allowed to this address." (the client may not deliver to that domain).
    ("relay not allowed", RelayStrong),
    // A submission server's "550 <a> Relay is not allowed" (to an outside recipient).
    ("relay is not allowed", RelayStrong),
    ("relay is not permitted", RelayStrong),
    // A mail server's own log of a client trying to relay: "[RelayAttempt] ... relay
    // attempt blocked for: a".
    ("relay attempt blocked", RelayStrong),
    ("delivery is not allowed to this", RelayStrong),
    // mox's refusal of mail its submission may not pass on: "550 5.7.2 not allowed to send
    // to destination" (the sender's own server declining to relay there).
    ("not allowed to send to destination", RelayStrong),
    ("unable to relay", RelayStrong),
    ("not permitted to relay", RelayStrong),
    ("relay denied", RelayStrong),
    // Microsoft 365's outbound policy refusing a mailbox's automatic forward: "550 5.7.520
    // Access denied, Your organization does not allow external forwarding" (the sender's
    // own tenant will not pass the mail on).
    ("external forwarding", RelayStrong),
    // SpamExperts' filtering cluster taking a delivery for a domain it does not filter as
    // a submission: "550 message submission is for authorised users only!" (a relay
    // refusal in the words of a submission port's login requirement).
    ("submission is for authori", Relay),
    // A Chinese server's "553 host denies relay. (拒绝中继)": relay refused.
    ("denies relay", RelayStrong),
    ("拒绝中继", RelayStrong),
    // Mimecast: "451 Open relay not allowed", "Open relay is not allowed" (not "open
    // relay" alone: "blocked as possible open relay", "handled by an open relay" block the
    // sender as one).
    ("open relay not", RelayStrong),
    ("open relay is not", RelayStrong),
    ("relaying not allowed", RelayStrong),
    // Exim's and cPanel hosts' "550 No unauthenticated relaying permitted": a refusal to
    // relay for an unauthenticated client, not an authentication failure of the sender.
    ("unauthenticated relaying", RelayStrong),
    // A submission server that will not send for this client at all: "Sending messages is
    // not allowed on this server" (a relay or submission set-up, not a refusal by policy).
    ("sending messages is not allowed", RelayStrong),
    ("we do not relay", RelayStrong),
    // A submission server that will not take a recipient for this sender: BT's "550
    // Recipient Not Authorised [recipient rejected due to no authorised destination
    // groups]" (a relay set-up question, not an unknown recipient).
    ("recipient not authori", RelayStrong),
    ("tenantattribution", RelayStrong),
    ("as a relay", RelayStrong),
    ("insecure mail relay", RelayStrong),
    // Also "<a> isn't allowed to relay" (KumoMTA's community rules).
    ("allowed to relay", RelayStrong),
    ("not an open relay", RelayStrong),
    ("not configured to relay", RelayStrong),
    ("allowed rcpthost", RelayStrong),
    // qmail's rcpthosts in other words ("this domain is not in my list of allowed hosts"),
    // sendmail's "unauthorized relay traffic prohibited", "550 Relay prohibited".
    ("my list of allowed", RelayStrong),
    ("unauthorized relay", RelayStrong),
    ("relay prohibited", RelayStrong),
    // "550 Relay Disabled" (a relay refusal, not a disabled mailbox).
    ("relay disabled", RelayStrong),
    ("relaying disabled", RelayStrong),
    // "554 Relay operation rejected"; "550 relay through this server without
    // authentication" (a relay refusal, whatever it says of authentication); Outlook's
    // French report "Relais refusé".
    ("relay operation", RelayStrong),
    ("relay through this server", RelayStrong),
    ("relais refus", RelayStrong),
    // Portuguese "Reencaminhamento Negado/Recusado" (relaying denied); qmail's rcpthosts
    // (the domains it relays for), also in Microsoft's Portuguese "lista de anfitriões
    // rcpt".
    ("reencaminhamento", RelayStrong),
    ("rcpthosts", RelayStrong),
    ("anfitriões rcpt", RelayStrong),
    ("we don't handle mail for", RelayStrong),
    // "this server doesn’t handle mail for that user" (any apostrophe).
    ("handle mail for", RelayStrong),
    ("non-local e-mail address", RelayStrong),
    // sendmail and others: "550 not local host example.org, not a gateway".
    ("not a gateway", RelayStrong),
    // Debian's local-only Exim, for any other domain: "Mailing to remote domains not
    // supported" (the server relays nothing).
    ("remote domains not", RelayStrong),
    // Mail for a domain the gateway does not serve: Trend Micro InterScan's "550 Domain of
    // forward path is not allowed" (the domain is not in its relay domains), VIPRE Email
    // Security's "Your domain is not configured to use this MX host."
    ("domain of forward path", RelayStrong),
    ("configured to use this mx", RelayStrong),
    // maddy's default configuration refuses mail for other domains on its port 25 and
    // points the client to the submission port ("501 5.1.8 Use Submission for outgoing
    // SMTP"): a relay set-up question, not the sender's address (5.1.8).
    ("use submission for outgoing", RelayStrong),
    // --- Our own server refusing a login (SMTP AUTH), not SPF/DKIM/DMARC
    ("authentication credentials invalid", SmtpLogin),
    // "553 AUTH FAILED - <a>" (PHPMailer-BMH's rules).
    ("auth failed", SmtpLogin),
    ("username and password not accepted", SmtpLogin),
    // Sending libraries' own words for a refused or impossible login: nodemailer's
    // "Invalid login: 535 ..." and "Missing credentials for \"PLAIN\"", Symfony Mailer's
    // "Failed to find an authenticator supported by the SMTP server.".
    ("invalid login", SmtpLogin),
    // curl's CURLE_LOGIN_DENIED ("Login denied"), as the applications that send with
    // libcurl log it.
    ("login denied", SmtpLogin),
    // Windows' message for a refused login (SEC_E_LOGON_DENIED), as .NET and PowerShell
    // senders report it: "The logon attempt failed".
    ("logon attempt failed", SmtpLogin),
    // Ruby's Net::SMTP before it logs in, when the settings lack a user or a password:
    // "ArgumentError (both user and secret are required)".
    ("user and secret are required", SmtpLogin),
    ("missing credentials", SmtpLogin),
    ("find an authenticator", SmtpLogin),
    ("invalid credentials", SmtpLogin),
    ("smtp auth", SmtpLogin),
    ("authentication required", SmtpLogin),
    // POP before SMTP: "553 5.3.0 <a>... Please receive your mail before sending."
    ("receive your mail before sending", SmtpLogin),
    ("authentication is required", SmtpLogin),
    ("client was not authenticated", SmtpLogin),
    // Gmail's web-login challenge to an SMTP login (534/535 5.7.14 "Please log in via
    // your web browser and then try again").
    ("log in via your web browser", SmtpLogin),
    // The same in its other wordings: "535 5.7.1 Please log in with your web browser and
    // then try again", "534 5.7.14 Please log in through your web browser".
    ("log in with your web", SmtpLogin),
    ("log in through your web", SmtpLogin),
    // Exchange Online's 5.7.60: the logged-in account may not send as the From address.
    ("permissions to send as", SmtpLogin),
    // Exchange's report of the same for "on behalf of": "You do not have the permission to
    // send the message on behalf of the specified user."
    ("send the message on behalf of", SmtpLogin),
    // Postfix's `reject_sender_login_mismatch`: "553 5.7.1 <a>: Sender address rejected:
    // not owned by user <login>" (the login may not use that sender address).
    ("not owned by", SmtpLogin),
    // The same refusal in another submission server's words, as PHPMailer reports it:
    // "MAIL FROM command failed,From address is not one of your addresses ,550,5.7.0".
    ("not one of your addresses", SmtpLogin),
    // ... and as a submission server that sends only its own domains' mail says it: "550
    // not local sender over smtp".
    ("not local sender", SmtpLogin),
    // Chinese providers' submission servers (QQ, NetEase): "501 mail from address must be
    // same as authorization user".
    ("same as authorization user", SmtpLogin),
    // Coremail's and NetEase's "553 Local user only" (MAIL FROM only for the logged-in
    // local user); Postfix's "Sender address rejected: not logged in".
    ("local user only", SmtpLogin),
    ("not logged in", SmtpLogin),
    // Postfix's `reject_unlisted_sender` at a submission relay: "550 5.1.0 <a>: Sender
    // address rejected: User unknown in relay recipient table" (the sender address is no
    // user there), an identity refusal of the sender, not an unknown recipient.
    ("sender address rejected: user unknown", SmtpLogin),
    // A submission server's login mismatch in its own words: "554 5.7.1 Recipient
    // address rejected: Username a@example.com and sender doesn't match" (whatever
    // "Recipient address rejected" says, the sender is refused).
    ("and sender doesn't match", SmtpLogin),
    ("and sender does not match", SmtpLogin),
    // Runbox's submission server: "550 Invalidated From address" (a From address the user
    // has not validated); GMX's and 1&1's: "550-Requested action not taken: mailbox
    // unavailable 550 Sender address is not allowed." (in reply to MAIL FROM).
    ("invalidated from", SmtpLogin),
    ("sender address is not allowed", SmtpLogin),
    // Tencent Cloud's sending service: "发件sender没有经过认证，无法发送" (the sender has not
    // been authenticated, cannot send).
    ("没有经过认证", SmtpLogin),
    // Chinese senders' "邮箱认证失败" (mailbox authentication failed).
    ("认证失败", SmtpLogin),
    // French: Orange's "550 5.7.0 Code d'authentification invalide OFR 305",
    // "Authentification requise".
    ("authentification", SmtpLogin),
    // Amazon SES's unverified sender identity: "554 Message rejected: Email address is not
    // verified. The following identities failed the check in region ...".
    ("identities failed the check", SmtpLogin),
    // The same in its shorter form: "554 Message rejected: Email address is not verified.";
    // an ESP's refusal of an unverified From domain: "530 From/Sender domain is not
    // verified for this workspace".
    ("is not verified", SmtpLogin),
    // The same with "domain": "554 Message rejected: sender domain not verified".
    ("domain not verified", SmtpLogin),
    // An ESP's API key used as the SMTP login, refused for this sender: "530 API key is
    // restricted to sending domain: acme.com. From/Sender address must use this domain".
    ("api key", SmtpLogin),
    // A campaign platform's SMTP relay that takes the account's key in a header: Maropost's
    // "554 Transaction failed[Missing Header X-ApiKey]".
    ("apikey", SmtpLogin),
    // SendGrid: "550 The from address does not match a verified Sender Identity".
    ("verified sender identity", SmtpLogin),
    // A sending service that will not send for a From domain: "550 5.7.1 Sending from
    // domain gmail.com is not allowed".
    ("sending from domain", SmtpLogin),
    // Postal's refusal of a From domain the credential may not send for: "530
    // From/Sender name is not valid".
    ("sender name is not valid", SmtpLogin),
    // Exchange's submission refusal of a send-as: "554 5.2.0
    // STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied".
    ("sendasdenied", SmtpLogin),
    // Gmail: "535 5.7.9 Application-specific password required".
    ("application-specific password", SmtpLogin),
    // --- Authentication (SPF, DKIM, DMARC)
    // Exim's SPF refusal: "<ip> is not allowed to send mail from <domain>".
    ("not allowed to send mail from", Auth),
    // A provider refusing the From address an account may not use ("551 5.7.1 Not
    // authorised to send from this header address").
    ("authorised to send from", Auth),
    // An SPF refusal in words: "You're mail was rejected because you are not using a server
    // that is authorized to send mail from your domain".
    ("authorized to send mail from", Auth),
    // A platform not authorized to send for the sender's domain (HubSpot's bounce type
    // "Your IT team has not authorized HubSpot to send emails on your behalf", its DMARC
    // policy not covering the platform): the sender's authentication, whatever the
    // policy words and the set-up advice after it.
    ("to send emails on your behalf", Auth),
    // A sending platform's refusal of a sender domain not set up with it: "550 5.7.1
    // Unconfigured Sending Domain <example.com>".
    ("unconfigured sending domain", Auth),
    // A host's outgoing policy refusing a From domain it does not host (DreamHost's sender
    // domain policy: "5.7.1 Sender domain not allowed"), not the domain's DNS.
    ("sender domain not allowed", Auth),
    // A relay refusing an envelope sender the client may not use ("550 envelope sender
    // not allowed a@yahoo.com" to an application sending as its user's Yahoo address):
    // the sender's identity, not a block.
    ("sender not allowed", Auth),
    // Exim's ACL on hosts that take mail only from their own domains: "503 Domain not
    // allowed in header" (the From header's domain is not one the account may use).
    ("not allowed in header", Auth),
    // A submission server's refusal of a From header it will not vouch for: "550
    // Incorrect sender header (LOCAL)".
    ("incorrect sender header", Auth),
    ("spf$", Auth),
    ("sender policy framework", Auth),
    // The SPF project's explanation page linked by an SPF refusal: "551 5.0.0 Rejected,
    // look at http://www.openspf.org/why.html?sender=...", "Please see
    // http://www.openspf.net/Why?s=mfrom...".
    (".openspf.", Auth),
    ("dkim", Auth),
    ("domainkeys", Auth),
    ("dmarc", Auth),
    ("unauthenticated", Auth),
    // Also quoted with the start elided ("550-5.7.26 ... sender is unauthenticated").
    ("sender is unauthenticated", SenderUnauthenticated),
    ("authentication", Auth),
    // Exim's anti-spoofing refusal of the receiver's own domain sent from outside its
    // services: "550-Unauthorised Envelope Sender."
    ("unauthorised envelope sender", Auth),
    ("unauthorized envelope sender", Auth),
    // Not "authenticated": Postfix's "(Authenticated sender: a@b)" of a quoted header.
    ("authenticate$", Auth),
    ("be authenticated", Auth),
    ("not authenticated", Auth),
    ("anti-spoofing", Auth),
    ("spoof", Auth),
    // A filter refusing a sender domain used from a server its SPF record does not list
    // (Cleanmail for bluewin.ch: "Forged sender domain from this server").
    ("forged sender", Auth),
    ("domain owner policy", Auth),
    ("not permitted by the domain owner", Auth),
    ("ipv6 sending guidelines", Auth),
    ("domain owner discourages", Auth),
    // Sender ID (RFC 4407) found no sender identity in the header.
    ("purported responsible address", Auth),
    // Outlook.com's FAQ: "550 command rejected due to Sender ID validation failure." (not
    // "sender identity", Amazon SES's unverified address).
    ("sender id$", Auth),
    // The sending IP is not one the sender's domain allows (an SPF-like check).
    ("mismatches client ip", Auth),
    ("unverifyable sending ip", Auth),
    ("invalid ip for sending mail of domain", Auth),
    // --- TLS
    ("issue a starttls", Tls),
    ("starttls is required", Tls),
    ("starttls required", Tls),
    ("starttls fail", Tls),
    ("accept starttls", Tls),
    // A client finding no STARTTLS offered: Python's "STARTTLS extension not supported
    // by server.", Ruby's "STARTTLS is not supported on this server", .NET's "Server does
    // not support secure connections.".
    ("starttls extension not supported", Tls),
    ("starttls is not supported", Tls),
    ("support secure connections", Tls),
    ("use starttls", Tls),
    ("tls$", Tls),
    ("tls1", Tls),
    ("ssl$", Tls),
    ("encryption", Tls),
    ("encrypted", Tls),
    ("certificate", Tls),
    ("tls handshake", Tls),
    ("ssl handshake", Tls),
    ("handshake fail", Tls),
    // Haskell's tls package: "HandshakeFailed (Error_Packet_Parsing ...)".
    ("handshakefailed", Tls),
    // Exchange Online: "MX hosts of <domain> failed MTA-STS validation".
    ("mta-sts", Tls),
    // --- Sender-side DNS
    ("ptr$", Dns),
    ("reverse dns", Dns),
    ("reverse-dns", Dns),
    ("reverse lookup", Dns),
    ("reverse hostname", Dns),
    ("reverse mapping", Dns),
    ("rdns", Dns),
    ("fcrdns", Dns),
    // Postfix's "Client host rejected: cannot find your hostname", also as sendmail's
    // mailq cuts it to its column ("Deferred: 450 Client host rejected: cannot find your
    // hostnam)").
    ("cannot find your host", Dns),
    ("helo command", Dns),
    ("ehlo command", Dns),
    ("helo name", Dns),
    ("ehlo name", Dns),
    ("helo hostname", Dns),
    ("helo/ehlo", Dns),
    ("invalid helo", Dns),
    // FTGate: "451 4.9.9 %s Invalid EHLO (#3.12)".
    ("invalid ehlo", Dns),
    // hMailServer: "501 EHLO Invalid domain address.", "501 HELO Invalid domain address.".
    ("ehlo invalid", Dns),
    ("helo invalid", Dns),
    ("bad helo", Dns),
    ("helo rejected", Dns),
    ("helo domain", Dns),
    ("helo should be", Dns),
    // "555 helohost error." (the HELO host failed the receiver's check).
    ("helohost", Dns),
    ("helo host name", Dns),
    // sendmail: "501 5.0.0 HELO requires domain address" (the client's HELO named none).
    ("requires domain address", Dns),
    // AT&T: "421-failure in DNS look-up." (the sending IP's reverse DNS).
    ("failure in dns look-up", Dns),
    ("fully-qualified", Dns),
    ("fully qualified", Dns),
    // "550 Please use your real hostname when saying HELO (not HSP-AV01)".
    ("real hostname", Dns),
    ("sender address rejected: domain not found", Dns),
    ("sender domain", Dns),
    ("domain of sender address", Dns),
    ("sender address does not exist", Dns),
    ("unresolvable", Dns),
    ("valid sender domain", Dns),
    ("invalid dns", Dns),
    // The sending IP without a PTR record, in the other word order (Aruba/Forpsi: "554
    // cmg1.fe.forpsi.com bizsmtp ... no DNS reverse for x.x.x.x").
    ("dns reverse", Dns),
    // Exchange's refusal of the HELO/EHLO argument: "501 5.5.4 Invalid domain name".
    ("invalid domain name", Dns),
    ("dns mx", Dns),
    // "550 Domain may not exist or DNS check failed" (the sender's domain).
    ("dns check", Dns),
    ("emetteur invalide", Dns),
    ("unroutable sender", Dns),
    ("my name was rejected", Dns),
    ("dynamic ip", Dns),
    // "553 Sorry, you seem to be a non-static-ip server": a dynamic address by another name.
    ("non-static ip", Dns),
    ("non-static-ip", Dns),
    // A dial-up or transient IP, told by its reverse DNS (T-Online's "Dialup/transient IP
    // not allowed").
    ("dialup", Dns),
    ("dial-up", Dns),
    // Gmail's refusal of an IP in a consumer or dynamic range (NotAuthorizedError): "The
    // IP you're using to send mail is not authorized to send email directly to our servers".
    ("using to send mail is not authorized", Dns),
    // AOL's code for a dynamic IP: "421-: (DYN:T1)".
    ("dyn:t1", Dns),
    // AOL's relay blocks of the sending IP: "554 RLY:B1" (over the complaint threshold),
    // RLY:B2, RLY:SN... (its postmaster's list of errors).
    ("rly:", Reputation),
    // Trend Micro's Email Reputation Services, when no list is named: "450 Temporary
    // denial of connection (450) for Zombie matches (ERS)".
    ("denial of connection", Reputation),
    // A sender probing for addresses (directory harvesting): Baruwa's "Dictionary attack
    // detected".
    ("dictionary attack", Reputation),
    // ASSP's refusal of the sending IP: "554 5.7.2 Service denied, closing transmission
    // channel".
    ("service denied", Reputation),
    // Exim's local_scan refusal ("A message that you sent was rejected by the local
    // scanning code that checks incoming messages on this system"): the receiver's own
    // filter refuses the mail by its policy; the error it quotes decides when it states
    // another cause (an unknown mailbox).
    ("local scanning code", Reputation),
    ("dns lookup", Dns),
    ("noptr", Dns),
    // Also CiviCRM's "ip name lookup".
    ("ip name lookup", ClientName),
    // spamdyke: "421 Refused. The domain of your sender address has no mail exchanger
    // (MX)."
    ("sender address has no mail", Dns),
    ("ip name possibly forged", ClientName),
    // sendmail's check of the connecting client: "501 5.7.1 <a>... Sender IP must resolve".
    ("ip must resolve", ClientName),
    ("from: domain is invalid", Dns),
    // sendmail's "451 From:domain must resolve": the sender's domain.
    ("domain must resolve", Dns),
    // A receiver's check of the sender's domain: "450 No valid MX for your FROM address".
    ("mx for your from", Dns),
    // Exim's sender verification: "Sender verify failed", "sender verification failed",
    // "unable to verify sender address" (the sender's domain does not route).
    ("sender verif", Dns),
    ("unable to verify sender", Dns),
    // "451 4.1.8 Domain of sender address a does not resolve", a receiver's "451 <a>...
    // Domain does not resolve" (sendmail quotes the sender's address).
    ("domain does not resolve", Dns),
    // qmail's callback to the sender's MX refused by it: "... did not accept the empty
    // address, <>, as required by RFC 821" (the sender's domain cannot take bounces).
    ("did not accept the empty address", Dns),
    ("invalid sender", Dns),
    ("bogus mail from", Dns),
    // smtpf (Barricade MX), of the client's host or the sender's address: "550 5.7.1 host
    // %s [%s] from unknown TLD", "550 5.7.1 sender <%s> from RFC2606 reserved domain".
    ("from unknown tld", Dns),
    ("from rfc2606", Dns),
    // The recipient's domain, not the sender's, could not be looked up.
    ("dns lookup failure: host", RcptHost),
    // Postfix's reject_non_fqdn_recipient: "504 5.5.2 <a>: Recipient address rejected: need
    // fully-qualified address" (the recipient's address, not the sender's host name).
    ("recipient address rejected: need fully", RcptHost),
    ("name server reply", RcptHost),
    // qmail-remote: the recipient's domain has no mail host ("Sorry, I couldn't find any
    // host by that name", "... any host named example.org").
    ("couldn't find any host", RcptHost),
    // Amazon SES: "5.1.2 - Bad destination host 'DNS Hard Error looking up example.org
    // (MX): NXDomain'".
    ("bad destination host", RcptHost),
    ("dns hard error", RcptHost),
    // RFC 1893's text for X.4.3, printed as the reason by Italian providers' reports
    // ("ROUTING SERVER FAILURE": Virgilio's and Libero's help pages, the recipient's domain
    // does not exist or is mistyped).
    ("routing server failure", RcptHost),
    // Exim: "all relevant MX records point to non-existent hosts" (the recipient's domain).
    ("mx records point to non-existent", RcptHost),
    // Gmail's report of its own lookups of the recipient's domain and mail hosts: "DNS
    // Error: ... DNS type 'a' lookup of mx.example.com. responded with code NXDOMAIN".
    ("responded with code nxdomain", RcptHost),
    // The `host` tool's answer for a domain that does not exist, quoted with a bounce
    // ("Host example.be not found: 3(NXDOMAIN)").
    ("not found: 3(nxdomain)", RcptHost),
    // SendGrid's "unable to get mx info: failed to get IPs from PTR record" for a
    // recipient's domain that does not exist (the PTR lookup is SendGrid's own step).
    ("get mx info", RcptHost),
    // Forward Email's refusal of a recipient domain whose forwarding record is malformed:
    // "550 Invalid forward-email TXT record".
    ("forward-email txt record", RcptHost),
    // The resolver's TRY_AGAIN, not NXDOMAIN: "Host or domain name not found. Name service
    // error for name=example.org type=MX: Host not found, try again".
    ("host not found, try again", LookupRetry),
    // Exim's dnslookup router on the same temporary failure (HOST_FIND_AGAIN): "R=dnslookup
    // defer (-1): host lookup did not complete".
    ("host lookup did not", LookupRetry),
    // Postfix's NXDOMAIN for the recipient's domain: "Name service error for
    // name=example.org type=MX: Host not found" (the same without ", try again", which is
    // the resolver's temporary failure above and wins).
    ("type=mx: host not found", RcptHost),
    // Node's resolver (c-ares) code for a SERVFAIL answer, as Node-based MTAs print it:
    // "550 queryTxt ESERVFAIL example.info" (a forwarding service reading the recipient
    // domain's forwarding record).
    ("eservfail", LookupRetry),
    // sendmail's own temporary lookup failure of the recipient's domain: "host map: lookup
    // (example.org): deferred".
    ("host map: lookup", LookupRetry),
    // Python's socket errors for a name the sending client could not resolve, its own
    // SMTP server's ("[Errno -2] Name or service not known", "[Errno -3] Temporary failure
    // in name resolution"): a lookup that says nothing of the recipient's domain.
    ("[errno -2]", LookupRetry),
    ("[errno -3]", LookupRetry),
    // PHP's and .NET's words for the same: "php_network_getaddresses: getaddrinfo failed:
    // Name or service not known", "getaddrinfo for smtp.example.com failed", "The SMTP
    // host was not found.".
    ("getaddrinfo", LookupRetry),
    ("smtp host was not found", LookupRetry),
    // --- Greylisting
    ("greylist", Greylist),
    ("graylist", Greylist),
    ("grey-list", Greylist),
    ("gray-list", Greylist),
    ("grey list", Greylist),
    ("not yet authorized to deliver", Greylist),
    // Mimecast's greylisting: "451 Internal resource temporarily unavailable", "...
    // resource is ...", "... resources are temporarily unavailable".
    ("internal resource", Greylist),
    ("try again in a few minutes", Greylist),
    ("postgrey", Greylist),
    // Bluehost's greylisting code in its deferral: "SMTP 452 ("toemail" requested action
    // aborted: try again later - GL/GL)".
    ("gl/gl", Greylist),
    // MIMEDefang's greylisting: "451 4.3.0 <a>... First-time sender tempfailed as anti-spam
    // measure; please try again".
    ("first-time sender tempfailed", Greylist),
    // --- Rate limits and deferrals for volume or complaints
    ("rate limit", Rate),
    ("rate-limit", Rate),
    ("ratelimit", Rate),
    ("rate limited", Rate),
    // Postfix's anvil limit on one client's messages: "450 4.7.1 Error: too much mail from
    // 192.0.2.1".
    ("too much mail from", Rate),
    ("throttl", Rate),
    ("too many", Rate),
    ("unusual rate", Rate),
    ("excessive volume", Rate),
    ("unexpected volume", Rate),
    // Klaviyo's bounce reason "Frequency or volume too high" (the mailbox provider "is
    // unable or unwilling to process the number of messages ... because of the large
    // volume").
    ("volume too high", Rate),
    ("user complaints", Rate),
    ("excessive user complaints", Rate),
    ("frequency limited", Rate),
    // Hotmail's RP-001: "We have limits for how many messages can be sent per hour and
    // per day".
    ("limits for how many", Rate),
    ("max message per connection", Rate),
    ("maximum number of", Rate),
    ("concurrent connections", Rate),
    // FTGate: "451 4.5.1 [%s] Max concurrent sessions (#1.04)".
    ("concurrent sessions", Rate),
    // A relay's cap on simultaneous sessions: "421 4.4.5 Service unavailable, concurrency
    // limit reached".
    ("concurrency limit", Rate),
    ("connection limit", Rate),
    // GreenArrow's own throttle: "All connection backlog slots used up for this domain."
    ("connection backlog", Rate),
    // Baruwa's rate limit of a sender: "You can only send xx msgs per xx".
    ("msgs per", Rate),
    // A policy daemon's quota of the sending client: "Data command rejected: limit of 400
    // rcpts per 24 hours for client a reached".
    ("rcpts per", Rate),
    ("exceeded a limit", Rate),
    // Google Groups: "You have exceeded the allowable number of posts without solving a
    // captcha".
    ("number of posts", Rate),
    // Google Groups' limit on what a group sends out: "The group brigade@... has exceeded
    // its quota for total number of external recipients."
    ("number of external recipients", Rate),
    // "450 Too frequent connects from 198.37.147.135, please try again later".
    ("too frequent", Rate),
    // Ghent University's deferral of a client connecting too often: "421 4.5.1. Connection
    // Rate - See https://helpdesk.ugent.be/email/".
    ("connection rate", Rate),
    ("sending rate", Rate),
    ("server busy", Rate),
    // The receiver defers for its own load, like "server busy": maddy's "451 4.4.5 High
    // load, try again later".
    ("high load", Rate),
    // "server too busy", "too busy to accept mail" (PHP Bounce Handler's responses).
    ("too busy", Rate),
    ("deferred due to", Rate),
    ("temporarily deferred", Rate),
    ("temporarily rate", Rate),
    ("trop de connexions", Rate),
    ("queue quota", Rate),
    ("thread limit", Rate),
    ("submission rate", Rate),
    // Exchange Online's 5.2.2 "Submission quota exceeded"; Google Workspace's relay
    // limits ("Daily SMTP relay limit exceeded for user", "Peak SMTP relay limit exceeded
    // for customer"); Postfix-based "Please try again slower".
    ("submission quota", Rate),
    ("relay limit", Rate),
    ("try again slower", Rate),
    // Exchange Online's 5.7.508: "Access denied, [IP] has exceeded permitted limits within
    // [range] range".
    ("permitted limits", Rate),
    ("relay quota", Rate),
    // A sending account's limits: "Daily user sending quota exceeded", "The limit on the
    // number of allowed outgoing messages was exceeded" (not a mailbox's quota).
    ("sending quota", Rate),
    // Roundcube's French "Quota d'envoi de mails dépassé" (sending quota exceeded).
    ("quota d'envoi", Rate),
    // A host's limit of messages sent per hour or day: "Message count quota exceeded".
    ("message count quota", Rate),
    // A provider's limit of the sending account's logins: "451 Already reached per-10
    // minute limit for logins by a" (the account's own limit: a is the sender).
    ("limit for logins", SendingCredit),
    // MDaemon's gateway: "451 ... has reached its limit for processing requests from your
    // host".
    ("limit for processing requests", Rate),
    // Outlook.com's submission verdict on an account over its sending quota:
    // "OutboundSpamException: WASCL UserAction verdict is not None. Actual verdict is
    // RefuseQuota, ShowTierUpgrade".
    ("refusequota", Rate),
    // An ESP's limit of the sending account: MailerSend's "450 Your account reached its
    // email quota limit. Contact support to increase it. #MS42204".
    ("account reached its", Rate),
    ("credits exceeded", SendingCredit),
    // A limit of the sender's own account, addressed to the sender: an outbound relay's
    // "554 5.7.1 <a>: Recipient address rejected: You have exceeded your Outmail quota",
    // "You have exceeded your sending limit" (the recipient's mailbox is "their" quota).
    ("exceeded your", SendingCredit),
    ("sending limit", Rate),
    // Exchange Online's refusal of a submission over the account's limits ("554 5.2.0
    // STOREDRV.Submission.Exception:SubmissionQuotaExceededException").
    ("submissionquotaexceeded", Rate),
    ("daily limit", Rate),
    ("limit on the number of", Rate),
    // Exchange Online's 5.2.121: "The sender has exceeded the limit for the number of
    // messages they can send to this recipient per hour" (5.2.122's "their limit" is the
    // recipient's).
    ("limit for the number of", Rate),
    ("emails per hour", Rate),
    // cPanel's limit of the sending domain: "has exceeded the max defers and failures per
    // hour".
    ("defers and failures", Rate),
    // Also the host's per-session and per-second limits: Bluehost's "SMTP 550
    // ("fromemail" max messages per session)", "452 4.4.5 Messages per second limit
    // exceeded".
    ("messages per ", Rate),
    // An ESP relay's daily quota: "452 4.5.3 Daily message limit exceeded".
    ("message limit", Rate),
    // A sending platform's adaptive delivery backing off after a receiver's pushback
    // (SparkPost's and Momentum's "451 4.3.0 [internal] Sending IP temporarily
    // suspended"): the sending IP is throttled.
    ("sending ip temporarily suspended", Rate),
    // NetEase's Chinese replies: too many concurrent connections ("并发连接数过大"), many
    // messages in a short time ("短期内发送了大量信件"), messages per connection over the
    // limit ("邮件数量超出限制").
    ("并发连接", Rate),
    ("大量信件", Rate),
    ("数量超出限制", Rate),
    // NetEase's MI:CCL and RP:CCL: "发送方发送超出正常的指令数量" (the sender sends more
    // commands than normal).
    ("指令数量", Rate),
    // NetEase's "554 5.5.0 MI:STC": the sender's messages of the day over the limit.
    ("mi:stc", Rate),
    ("receiving mail at a rate", RateRecipient),
    ("exceeded their limit", RateRecipient),
    // Yandex's "451 4.5.1 The recipient <a> has exceeded their message rate limit".
    ("exceeded their message rate", RateRecipient),
    ("receiving too much mail", RateRecipient),
    ("receiving mail too quickly", RateRecipient),
    // Gmail's current wording: "The user you are trying to contact is receiving email too
    // quickly."
    ("receiving email too quickly", RateRecipient),
    // ... in German and Portuguese: "... erhält zu rasch E-Mails", "... está recebendo
    // e-mails muito rápido".
    ("erhält zu rasch", RateRecipient),
    ("recebendo e-mails muito", RateRecipient),
    // Rackspace: "Mailbox received too much email in a short period of time (G30)".
    ("received too much email", RateRecipient),
    ("received too much mail", RateRecipient),
    // Exchange Online's 5.2.121/5.2.122: "Recipient's per hour message receive limit
    // (from specific sender) exceeded".
    ("receive limit", RateRecipient),
    // GMX's "450 4.3.2 Too many mails (mail bomb), try again in 1 hour(s)" after RCPT TO:
    // a mail bomb is a flood of messages to one mailbox, so the recipient is receiving
    // too much, not the sender sending too fast.
    ("mail bomb", RateRecipient),
    // --- Mailbox full
    // web.de: "Benutzer hat zuviele Mails auf dem Server. / User has too many messages on
    // the server." (a full mailbox, not a rate).
    ("too many messages on the server", MailboxFullStrong),
    // "Mailbox limit exceeded while appending message" (the mailbox's limit, not a rate;
    // also misspelt: "552 Mailbox limit exeeded for this email address").
    ("mailbox limit", MailboxFullStrong),
    // web.de's German half of it: "Benutzer hat zuviele Mails auf dem Server".
    ("zuviele mails", MailboxFullStrong),
    ("mailbox full", MailboxFull),
    // qmail's "451 qq trouble in home directory": the recipient's mailbox cannot be written
    // to, which hosts running qmail file as its storage limit (quota) reached.
    ("trouble in home directory", MailboxFull),
    // Spanish "452 4.2.2 <a>: Recipient address rejected: Error: BUZON LLENO. MAILBOX IS
    // FULL.", "correo lleno" (not "lleno" alone: "Destinatario desconocido o mailbox
    // lleno" names the unknown recipient first); Swedish "Mottagarens inkorg har slut på
    // lagringsutrymme" (the inbox is out of storage space).
    ("buzon lleno", MailboxFull),
    ("correo lleno", MailboxFull),
    ("slut på lagringsutrymme", MailboxFull),
    // The lexicon of a full mailbox in other languages: Microsoft's NDR texts "La boîte
    // aux lettres du destinataire est pleine", "El buzón del destinatario está lleno",
    // Italian "Cassetta postale piena o quota superata" (its help page's heading); Brazilian
    // hosts' pages "a caixa postal do destinatário está cheia"; Polish providers' pages
    // "skrzynka ... jest pełna", "odbiorca ma przepełnioną skrzynkę"; a Czech host's "Příjemce
    // má plnou schránku"; Hungarian "a postafiók megtelt"; Russian "почтовый ящик
    // переполнен" (the stem without its first letter: capitals outside ASCII are not
    // folded, and "Переполненный" starts a sentence); Turkish "posta kutusu dolu";
    // Vietnamese "hộp thư ... bị đầy"; Chinese "邮箱已满"; Japanese ISPs' "メールボックスが
    // 一杯"; Korean "메일함이 가득 찼습니다".
    ("est pleine", MailboxFull),
    ("está lleno", MailboxFull),
    ("quota superata", MailboxFull),
    ("está cheia", MailboxFull),
    ("jest pełna", MailboxFull),
    ("przepełnion", MailboxFull),
    ("plnou schránk", MailboxFull),
    ("megtelt", MailboxFull),
    ("ереполнен", MailboxFull),
    ("kutusu dolu", MailboxFull),
    ("bị đầy", MailboxFull),
    ("邮箱已满", MailboxFull),
    ("ボックスが一杯", MailboxFull),
    ("가득 찼", MailboxFull),
    // ... and a mailbox's size or capacity over its limit (Japanese "メールボックスの容量を
    // 超えています", "メールボックスのサイズが上限を超えています"; Korean "메일함 용량이
    // 초과되었습니다"): the size words of a message's refusal (below) are not read there.
    ("ボックスの容量", MailboxFull),
    ("ボックスのサイズ", MailboxFull),
    ("메일함 용량", MailboxFull),
    ("메일함 크기", MailboxFull),
    // The words joined by underscores in a reason token: AT&T's "Permanent Failure:
    // 522_mailbox_full;_group_quota_sz=...".
    ("mailbox_full", MailboxFull),
    ("over disk quota", MailboxFull),
    ("diskspace quota", MailboxFull),
    ("space not enough", MailboxFull),
    ("mailbox is full", MailboxFull),
    ("mailbox for user is full", MailboxFull),
    // German: "Das Postfach des Empfängers ist voll" (the recipient's mailbox is full).
    ("ist voll", MailboxFull),
    ("over quota", MailboxFull),
    ("overquota", MailboxFull),
    // Hyphenated: "SMTP error from remote mail server after RCPT TO:<a>: 451 Over-quota".
    ("over-quota", MailboxFull),
    // Also "Quota exceed the hard limit" (PHPMailer-BMH's rules).
    ("quota exceed", MailboxFull),
    ("quota-issues", BcFull),
    ("exceeded storage", MailboxFull),
    // FTGate: "Allocated mailbox storage exceeded (#1.02)".
    ("storage exceeded", MailboxFull),
    ("storage allocation", MailboxFull),
    ("quota violation", MailboxFull),
    // "quota usage exceeded".
    ("quota usage", MailboxFull),
    ("user quota", MailboxFull),
    // Also "mailbox size exceeded", CiviCRM's "mailbox exceeds allowed size".
    ("mailbox size", MailboxFull),
    ("out of storage", MailboxFull),
    ("insufficient storage", MailboxFull),
    ("full mailbox", MailboxFull),
    ("boite du destinataire pleine", MailboxFull),
    ("inbox is full", MailboxFull),
    ("mailbox exceeded", MailboxFull),
    ("mailbox exceeds", MailboxFull),
    ("mailfolder is full", MailboxFull),
    ("folder is full", MailboxFull),
    ("folder full", MailboxFull),
    ("disk quota", MailboxFull),
    ("mailbox quota", MailboxFull),
    ("over the quota", MailboxFull),
    ("allowed quota", MailboxFull),
    ("exceeded quota", MailboxFull),
    ("their quota", MailboxFull),
    // "mailbox has exceeded its disk space limit", CiviCRM's "doesn't have enough disk
    // space left", "running out of disk space".
    ("disk space", MailboxFull),
    // CiviCRM's "quota has been exceeded" wordings: "exceeds quota", "storage quota", "The
    // mailbox has exceeded the limit", "mailbox is over the limit", "no space left for this
    // user" (also the receiver's "No space left on device", its storage as "system
    // storage" is).
    ("exceeds quota", MailboxFull),
    ("storage quota", MailboxFull),
    ("mailbox has exceeded", MailboxFull),
    ("mailbox is over", MailboxFull),
    ("no space left", MailboxFull),
    ("enough space", MailboxFull),
    ("storage space", MailboxFull),
    ("space has been used up", MailboxFull),
    ("allowed storage", MailboxFull),
    ("too much mail data", MailboxFull),
    // Other bounce handlers' tables (PHPMailer-BMH's, PHP Bounce Handler's, KumoMTA's):
    // "552 recipient storage full", "452 Insufficient system storage", "Sorry the recipient
    // quota limit is exceeded", Postfix local's "error writing message: File too large"
    // (the mailbox file over its size limit, not the message).
    ("storage full", MailboxFull),
    ("system storage", MailboxFull),
    ("quota limit", MailboxFull),
    // SmarterMail's report when the recipient's whole domain is out of disk space: "Reason:
    // The domain size limit has been exceeded" (not a message size limit).
    ("domain size limit", MailboxFull),
    ("file too large", MailboxFull),
    // GoDaddy: "Account storage limit".
    ("storage limit", MailboxFull),
    // Chinese (QQ Mail): "收件人空间不足" (the recipient's space is insufficient).
    ("空间不足", MailboxFull),
    // --- Recipient
    ("user unknown", RcptStrong),
    ("unknown user", RcptStrong),
    // RFC 5321's text for 553, as .NET prints it without the code: "Mailbox name not
    // allowed. The server response was: 5.1.3 Invalid address".
    ("mailbox name not allowed", RcptStrong),
    // Exchange's X.1.4: "420 4.2.0 RESOLVER.ADR.Ambiguous; ambiguous address".
    ("ambiguous address", RcptStrong),
    // Other bounce handlers' tables (PHP Bounce Handler's responses, PHPMailer-BMH's rules,
    // KumoMTA's community rules): "User is unknown", "Address is unknown", "hostname is
    // unknown", "unknown or illegal alias", "Invalid User", "user invalid", "Invalid account",
    // "Address invalid", "All recipients are invalid", "Account not found", "Email Address
    // was not found", "was not found in LDAP server", "Account is not active", "User account
    // not activated", "User is suspended", "this account is suspended", "User suspended",
    // "account expired", "is expired account", "Account Closed, Please Remove", "does not
    // have an account here", "Sorry, can't find user's mailbox", "The recipient cannot be
    // verified", "Error: Wrong recipients", "User refused to receive this mail".
    ("is unknown", RcptStrong),
    ("unknown or illegal", RcptStrong),
    ("invalid user", RcptStrong),
    ("user invalid", RcptStrong),
    ("invalid account", RcptStrong),
    ("address invalid", RcptStrong),
    ("recipients are invalid", RcptStrong),
    ("account not found", RcptStrong),
    ("was not found", RcptStrong),
    // ... and in the present: a Chinese provider's "User a@163.net is not found in Server",
    // "user's email name is not found", "user's e-mail name is not found".
    ("is not found", RcptStrong),
    // "addresses were not found", "The e-mail address you entered couldn't be found"
    // (CiviCRM's patterns).
    ("were not found", RcptStrong),
    ("couldn't be found", RcptStrong),
    // Microsoft 365's plain-language NDR: "Your message to a@b couldn't be delivered.
    // firstname.lastname wasn't found at company.com."
    ("wasn't found", RcptStrong),
    ("not activ", RcptStrong),
    ("is suspended", RcptStrong),
    // "user account suspended".
    ("account suspended", RcptStrong),
    ("account expire", RcptStrong),
    ("expired account", RcptStrong),
    ("account closed", RcptStrong),
    ("not have an account", RcptStrong),
    ("find user's mailbox", RcptStrong),
    ("recipient cannot be verified", RcptStrong),
    ("wrong recipient", RcptStrong),
    ("refused to receive", RcptStrong),
    // The same in other languages: German "Adressat unbekannt", Italian "Destinatario
    // sconosciuto", "Indirizzo inesistente", Polish "nie istnieje", French "Destinataire
    // inconnu".
    ("unbekannt", RcptStrong),
    ("sconosciuto", RcptStrong),
    ("inesistente", RcptStrong),
    // Spanish and Portuguese "Usuario inexistente", "usuário inexistente" (no such user),
    // Swedish GoDaddy "550 Mottagaren hittades inte." (the recipient was not found),
    // Lotus Domino in Spanish "no se encuentra en el Directorio de Domino".
    ("inexistente", RcptStrong),
    ("mottagaren hittades", RcptStrong),
    ("directorio de domino", RcptStrong),
    // Lotus Domino in German: "Benutzer a (a) nicht im Domino-Verzeichnis aufgeführt"
    // (the user is not listed in the Domino Directory).
    ("domino-verzeichnis", RcptStrong),
    ("nie istnieje", RcptStrong),
    ("destinataire inconnu", RcptStrong),
    // The lexicon of an unknown recipient in other languages, as "unbekannt" and
    // "sconosciuto" are: Portuguese "Usuário desconhecido" (Brazilian hosts' pages), Dutch
    // "Gebruiker onbekend" (with the word's end: not "onbekende fout"), Romanian
    // "destinatar necunoscut", Hungarian "ismeretlen címzett", Czech "Uživatel neznámý" (a
    // Czech host's list of bounce texts), Japanese ISPs' "宛先不明" (address unknown),
    // Chinese "对方地址不存在" (a host's bounce page).
    ("desconhecido", RcptStrong),
    ("onbekend$", RcptStrong),
    ("necunoscut", RcptStrong),
    ("ismeretlen címzett", RcptStrong),
    ("uživatel neznám", RcptStrong),
    ("宛先不明", RcptStrong),
    ("地址不存在", RcptStrong),
    // ... and, added after batches 431-432's first run: Exchange's German "equel wurde nicht
    // in swipnet.se gefunden" (was not found at), as "wasn't found" is; Outlook's Japanese
    // reasons "ユーザーが見つかりません" (the user is not found) and "無効な受信者です"
    // (invalid recipient).
    ("wurde nicht in", RcptStrong),
    ("ユーザーが見つかりません", RcptStrong),
    // A Japanese translation of Postfix's "User unknown" ("ユーザー不明").
    ("ユーザー不明", RcptStrong),
    ("無効な受信者", RcptStrong),
    // Closed or unused mailboxes in other languages: Spanish "El usuario esta en estado:
    // inactivo", Polish "Podane konto jest zablokowane administracyjnie lub nieaktywne",
    // "Nie ma takiego konta" (no such account), Italian "Questo indirizzo e' bloccato per
    // inutilizzo", "Destinatario errato" (wrong recipient).
    ("inactivo", RcptStrong),
    ("nieaktywne", RcptStrong),
    ("takiego konta", RcptStrong),
    ("inutilizzo", RcptStrong),
    ("destinatario errato", RcptStrong),
    // Italian "cannot be found" of the addressees (TIM webmail: "Le seguenti caselle di
    // posta elettronica non sono disponibili o è impossibile trovarle :a").
    ("impossibile trovarl", RcptStrong),
    // "501 #5.1.1 bad address <a>", "Recipient address no longer exists".
    ("bad address", RcptStrong),
    ("no longer exist", RcptStrong),
    ("no such user", RcptStrong),
    // Postfix's "501 5.1.3 Bad recipient address syntax"; a filter's "Recipient failed
    // verification" (its recipient check).
    ("bad recipient address", RcptStrong),
    ("recipient failed verification", RcptStrong),
    // Exchange's X.400 report: "The recipient name is not recognized".
    ("recipient name is not recognized", RcptStrong),
    // Exim's "501 <null>: recipient address must contain a domain" (a malformed recipient).
    ("recipient address must contain", RcptStrong),
    // Exim's default ACL (and the gateways built on it, Baruwa's): "Restricted characters
    // in address" (a local part with `@%!/|`), "Recipient verification failed".
    ("restricted characters", RcptStrong),
    ("recipient verif", RcptStrong),
    // Post.Office's error token ("err.nosuchuser").
    ("nosuchuser", RcptStrong),
    ("does not exist", RcptStrong),
    ("doesn't exist", RcptStrong),
    // A recipient at a domain kept for documentation: "Recipient address reserved by RFC
    // 2606" (example.com and the like, refused by the sender's own server).
    ("address reserved", RcptStrong),
    ("doesn't have a", RcptStrong),
    ("recipient not found", RcptStrong),
    // Mailman's post script for a list that is gone: "Command output: post script, list
    // not found: cc-europe" (the list's address no longer exists).
    ("post script, list not found", RcptStrong),
    ("recipnotfound", RcptStrong),
    // Exchange: "550 5.1.1 RESOLVER.ADR.ExRecipNotFound; not found".
    ("exrecipnotfound", RcptStrong),
    // Exchange's refusal of single-label domains: "Recipient addresses in single label
    // domains not accepted".
    ("single label domain", RcptStrong),
    // "Recipient is not accepted", "recipient is not local" (a refusal of the address).
    ("recipient is not", RcptStrong),
    // "550 Unknown mailbox", "Mailbox invalid", "User suspended" ("Mailbox disabled",
    // GoDaddy's "Account disabled": "disabled" above).
    ("unknown mailbox", RcptStrong),
    ("mailbox invalid", RcptStrong),
    ("user suspended", RcptStrong),
    // "Recipient refuses to accept your mail", "User refuses to receive this mail" (not
    // "refuses to" alone: "Our server refuses to accept mail from your IP address" is a
    // block of the sender, "This server refuses to relay" a relay refusal).
    ("recipient refuses", RcptStrong),
    ("user refuses", RcptStrong),
    // "Nonexistent user", "non-existent user", Exchange's "SMTPSEND.DNS.NonExistentDomain;
    // nonexistent domain" ("user not active": "not activ" above).
    ("nonexistent", RcptStrong),
    ("non-existent", RcptStrong),
    // Spanish: "No existe dicha persona", "No existe ese usuario".
    ("no existe", RcptStrong),
    // A moved address (sisimai's `hasmoved`): "a@b has been replaced by c@d".
    ("been replaced by", RcptStrong),
    // iCloud: "550 5.1.1 unknown or illegal alias".
    ("illegal alias", RcptStrong),
    // Exchange Online's 5.7.505: "Access denied, banned recipient".
    ("banned recipient", RcptStrong),
    // Gmail's 5.1.2: "We weren't able to find the recipient domain".
    ("find the recipient domain", RcptStrong),
    ("user not found", RcptStrong),
    // 263's and other Chinese hosts' English: "user not exist".
    ("user not exist", RcptStrong),
    // Coremail's bounce hints: "local server don't exists that user", "not user of this
    // server".
    ("exists that user", RcptStrong),
    ("not user of this server", RcptStrong),
    // A locked mailbox: "550 user is locked. (邮箱被锁)", "account is locked", "User status is
    // locked", "Mailbox Locked or Suspended".
    ("is locked", RcptStrong),
    ("mailbox locked", RcptStrong),
    ("邮箱被锁", RcptStrong),
    ("mailbox not found", RcptStrong),
    ("address not found", RcptStrong),
    ("not found in directory", RcptStrong),
    ("invalid recipient", RcptStrong),
    // gen_smtp's server: "501 Invalid command or cannot parse to address" (the RCPT
    // TO argument is no address).
    ("parse to address", RcptStrong),
    // smtplib's and sendmail's "501 Recipient syntax error" (a malformed or empty address).
    ("recipient syntax", RcptStrong),
    // The same of the command: Maropost's relay "501 5.5.2 RCPT TO syntax error".
    ("rcpt to syntax", RcptStrong),
    // Brevo's "451 4.0.0 Invalid to" (the `RCPT TO` address); not "invalid token".
    ("invalid to$", RcptStrong),
    ("invalid-recipient", RcptStrong),
    ("unknown recipient", RcptStrong),
    ("no such recipient", RcptStrong),
    ("recipient unknown", RcptStrong),
    ("addressee unknown", RcptStrong),
    ("unknown address", RcptStrong),
    ("address unknown", RcptStrong),
    // Alibaba Cloud's "559 Invalid rcptto"; hMailServer's "Recipient not in route list";
    // Amazon SES's "501 Invalid RCPT TO address provided" (a malformed address).
    ("invalid rcptto", RcptStrong),
    ("invalid rcpt to", RcptStrong),
    ("not in route list", RcptStrong),
    ("adress unknown", RcptStrong),
    // Yandex: the recipient's account is blocked ("Policy rejection on the target
    // address").
    ("rejection on the target address", RcptStrong),
    // Sendmail milters: "553 5.3.0 <a@b>... Unknown E-Mail Address".
    ("unknown e-mail address", RcptStrong),
    ("unknown email address", RcptStrong),
    // "Unknown local part", "unknown local-part".
    ("unknown local", RcptStrong),
    ("invalid mailbox", RcptStrong),
    // "Mailbox is disabled", "account has been disabled", "user disabled", "Account disabled",
    // "Recipient mailbox was disabled", "mailbox temporarily disabled", "mail receiving
    // disabled", "disabled recipient" (a sender's refused login or relay is decided before).
    ("disabled", RcptStrong),
    ("inactive", RcptStrong),
    ("bad_recipient", RcptStrong),
    // "User not known", "This email address is not known to this system".
    ("not known", RcptStrong),
    // French: "L'adresse ... ci-dessus n'existe pas" (not Google Groups' hedge "Il se
    // peut que le groupe ... n'existe pas").
    ("ci-dessus n'existe pas", RcptStrong),
    // The CCSO name server's (phquery) reports of an unknown name.
    ("final email delivery point", RcptStrong),
    ("fails to locate", RcptStrong),
    // AOL: "... could not be delivered because they are not accepting mail from a@b" (the
    // recipient's own block).
    ("they are not accepting mail from", RcptStrong),
    // A mailbox left unread: "has not been collected after 30 days".
    ("not been collected", RcptStrong),
    ("inactivity", RcptStrong),
    // Spanish: "Esta casilla ha expirado por falta de uso" (closed for lack of use).
    ("por falta de uso", RcptStrong),
    ("no longer valid", RcptStrong),
    ("no longer on server", RcptStrong),
    ("no longer available", RcptStrong),
    // A host that stopped handling a domain's mail: "550 Apache OpenOffice no longer relays
    // openoffice.org mail" (the recipient's address is gone, no relay set-up of the sender).
    ("no longer relays", RcptStrong),
    ("not our customer", RcptStrong),
    // EarthLink: "550 a@earthlink.net...User account is unavailable"; "account is unavailable".
    ("account is unavailable", RcptStrong),
    ("mailbox unallocated", RcptStrong),
    ("could not be found", RcptStrong),
    ("not in recipient list", RcptStrong),
    ("no mailbox", RcptStrong),
    ("no such mailbox", RcptStrong),
    ("destinataire invalide", RcptStrong),
    // "Bad destination mailbox address", IronPort's text for 5.1.1: "5.1.1 - Bad destination
    // email address 'reject'", CiviCRM's "bad destination".
    ("bad destination", RcptStrong),
    ("host or domain name not found", RcptStrong),
    // The same in Proton's Traditional Chinese NDR: "未找到主機或網域名稱。域名服務錯誤".
    ("未找到主機", RcptStrong),
    // A host's submission server that will not write again to addresses that bounced:
    // "Message cannot be sent. One or more recipients were previously reported as unknown."
    ("reported as unknown", RcptStrong),
    ("domain not found", RcptStrong),
    ("unrouteable address", RcptStrong),
    ("unrouteable mail domain", RcptStrong),
    ("no such domain", RcptStrong),
    ("host unknown", RcptStrong),
    ("unknown host", RcptStrong),
    ("illegal host/domain", RcptStrong),
    ("domain is not reachable", RcptStrong),
    ("no valid recipient", RcptStrong),
    ("recipient account is blocked", RcptStrong),
    ("compte du destinataire", RcptStrong),
    ("not a registered gateway user", RcptStrong),
    // A carrier's e-mail-to-SMS gateway: "<a@b> has restricted SMS e-mail" (the
    // subscriber turned e-mail off).
    ("restricted sms", RcptStrong),
    ("invalid final delivery", RcptStrong),
    // Lotus Notes: "User  not listed in public Name & Address Book". Not "address book"
    // alone: a virus notice's advice is to "warn the other users in your address book".
    ("name & address book", RcptStrong),
    ("domino directory", RcptStrong),
    ("account or domain may not exist", RcptStrong),
    ("mailbox is frozen", RcptStrong),
    ("no mx record", RcptStrong),
    ("no mx found", RcptStrong),
    // Purelymail's (a Java exception's) name for it: "Diagnostic-Code: error;
    // NoMxHostFoundException: null".
    ("nomxhostfound", RcptStrong),
    // CiviCRM's "Unable to resolve MX record for <domain>" (the recipient's domain).
    ("resolve mx", RcptStrong),
    // GreenArrow's (and qmail's) "Sorry, the host named example.com does not have any MX
    // records, and delivery without MX records prohibited by local policy. (#5.1.0)".
    ("have any mx record", RcptStrong),
    // ZoneMTA: "450 Can't find an MX server for example.net" (the recipient's domain).
    ("find an mx server", RcptStrong),
    // The sender's own suppression of a recipient that bounced before: PowerMTA's "550
    // 5.7.1 recipient is in suppression list", SES's "on the suppression list", Postal's
    // "Recipient added to suppression list (too many hard fails)": the platform's drop, so
    // "too many" there counts the address's failures, not a rate.
    ("suppression list", Suppressed),
    // SES's Permanent/General bounce, as ESPs relay it (Resend: "The recipient's email
    // provider sent a hard bounce message, but didn't specify the reason ... Sending
    // messages to addresses that produce hard bounces can have a negative impact on your
    // reputation as a sender"): the receiver refused the address and the ESP says to drop
    // it; the reputation words are advice.
    ("sent a hard bounce message", RcptStrong),
    // Gmail's sentence about the recipient's account, "The email account that you tried to
    // reach is disabled / inactive / over quota / temporarily unavailable": a state of the
    // recipient's mailbox (over quota reads first as a full mailbox).
    ("tried to reach is", RcptWeak),
    // ESPs' drops of a suppressed recipient, in their documented words: Mailgun's "Not
    // delivering to previously bounced address" (605), "... to unsubscribed address" (606),
    // "... to a user who marked your messages as spam" (607); Mailjet's "preblocked";
    // SendGrid's drop reason "Unsubscribed Address"; SparkPost's "554 5.7.1 recipient
    // address suppressed due to customer policy"; Brevo's "blocked : due to blacklist user".
    ("not delivering to", Suppressed),
    ("preblocked", Suppressed),
    ("unsubscribed address", Suppressed),
    ("address suppressed", Suppressed),
    ("blacklist user", Suppressed),
    // Mailjet's "typofix": it did not send to an address whose domain looks mistyped.
    ("typofix", Suppressed),
    // Brevo's "Unable to find MX of domain no-mx.example.com" (the recipient's domain).
    ("find mx", RcptStrong),
    // Mailjet's documented error value `"error": "invalid domain"` (a mistyped or expired
    // recipient domain); quoted, as its events write it: qmail's "501 5.0.0 Invalid domain
    // name" is the sender's HELO name.
    ("\"invalid domain\"", RcptStrong),
    // "498 No MX for <domain>" (not "no MXs for this domain could be reached", a
    // connection failure).
    ("no mx for", RcptStrong),
    ("indicated no smtp service", RcptStrong),
    ("domain name not found", RcptStrong),
    ("null mx", RcptStrong),
    ("does not accept mail", RcptStrong),
    ("doesn't receive email", RcptStrong),
    // "deactivated mailbox", "account deactivated".
    ("deactivated", RcptStrong),
    ("currently suspended", RcptStrong),
    ("recipient suspend", RcptStrong),
    ("destinataire archivee", RcptStrong),
    ("domain must exist", RcptStrong),
    ("unroutable address", RcptStrong),
    ("only accepting mail from", RcptStrong),
    ("recipient preferences", RcptStrong),
    ("due to user rules", RcptStrong),
    ("blocked by the recipient", RcptStrong),
    ("not accepting any mail", RcptStrong),
    ("not found recipient", RcptStrong),
    ("archived recipient", RcptStrong),
    ("can't accept user", RcptStrong),
    ("addresses were unknown", RcptStrong),
    ("server rejected recipients", RcptStrong),
    ("not a known user", RcptStrong),
    ("not a valid mailbox", RcptStrong),
    ("not an active address", RcptStrong),
    ("not a valid recipient", RcptStrong),
    ("not a valid user", RcptStrong),
    ("account by that name", RcptStrong),
    ("no mail box", RcptStrong),
    ("no such person", RcptStrong),
    ("no such address", RcptStrong),
    ("no one at this address", RcptStrong),
    ("no longer accepts mail", RcptStrong),
    ("recipient notfound", RcptStrong),
    ("badrcptto", RcptStrong),
    ("badrecipientto", RcptStrong),
    ("validrcptto", RcptStrong),
    ("envelope recipient has been denied", RcptStrong),
    // "unknown virtual user", "invalid virtual user" (vpopmail).
    ("virtual user", RcptStrong),
    // The mailbox's owner has moved on (auto-replies and refusals in CiviCRM's table):
    // "my e-mail address has changed", "no longer in use", "no longer with", "no longer
    // employed", "no longer works for"; a weak sign, the reply's own cause wins.
    ("address has changed", RcptStrong),
    ("no longer", RcptWeak),
    // French "n'accepte plus" (no longer accepts): Exchange's French text for an address
    // that changed, "L'adresse à laquelle ce message a été envoyé n'accepte plus de
    // messages".
    ("n'accepte plus", RcptWeak),
    // Exim's "missing or malformed local part", Notes' "No such local user".
    ("malformed local", RcptStrong),
    // A malformed recipient address refused as such: KumoMTA's "Invalid EnvelopeAddress
    // value" for "a malformed recipient", "553 Malformed recipient address".
    ("malformed recipient", RcptStrong),
    ("no such local", RcptStrong),
    // "not accepting mail", "not accepting messages": the mailbox takes none.
    ("not accepting mail", RcptWeak),
    ("not accepting messages", RcptWeak),
    // qmail's "a.b.c.d does not like recipient." leads the receiver's reply to RCPT TO: a
    // permanent reply that states no other cause refuses the recipient, a temporary one
    // ("421 Service Temporarily Unavailable") does not.
    ("like recipient", RcptStage),
    // Haraka's default refusal of a recipient its host list does not hold: "550 I cannot
    // deliver mail for <a>" (a refusal of the address, whatever the set-up behind it).
    ("cannot deliver mail for", RcptWeak),
    ("account unavailable", RcptStrong),
    ("utilisateur inconnu", RcptStrong),
    // Japanese: "<a> のユーザーは登録されていません" (the user is not registered).
    ("ユーザーは登録されていません", RcptStrong),
    // Lotus Domino in Japanese: "ユーザー Neko (a) は Domino ディレクトリには見つかりません"
    // (the user is not found in the Domino directory).
    ("domino ディレクトリ", RcptStrong),
    // Chinese (QQ Mail's bounces): "该用户不存在" (the user does not exist), "该用户未开通
    // QQ邮箱" (the user has not opened a mailbox; not a sender's "账号未开通SMTP", its
    // account without SMTP).
    ("用户不存在", RcptStrong),
    ("用户未开通", RcptStrong),
    // Exchange: the recipient takes mail only from senders it authorises
    // ("RESOLVER.RST.NotAuthorized; not authorized").
    ("resolver.rst.notauthorized", RcptStrong),
    // Spanish: "Destinatario desconocido", "Usuario desconocido".
    ("destinatario desconocido", RcptStrong),
    ("usuario desconocido", RcptStrong),
    ("nessun utente", RcptStrong),
    ("no relevant answers", RcptStrong),
    ("mailbox unavailable", RcptWeak),
    // Comcast: "550 5.2.0 <a> - Recipient unavailable", "450 4.2.0 <a> - Recipient
    // temporarily unavailable".
    ("recipient unavailable", RcptWeak),
    ("recipient temporarily unavailable", RcptWeak),
    ("recipient address rejected", RcptWeak),
    // The same refusal translated (GoDaddy's pages): Indonesian "5.4.1 Alamat penerima
    // ditolak: Akses ditolak", Chinese "550 5.4.1 收件人地址被拒绝:访问被拒绝".
    ("alamat penerima ditolak", RcptWeak),
    ("收件人地址被拒绝", RcptWeak),
    // "Recipient rejected", Sohu's "550 Recipient reject".
    ("recipient reject", RcptWeak),
    ("all recipient addresses rejected", RcptWeak),
    ("invalid address", RcptWeak),
    // "550 Invalid email address", "invalid e-mail address": weak as "invalid address" is
    // (also the sender's address).
    ("invalid email", RcptWeak),
    ("invalid e-mail", RcptWeak),
    ("mailbox not available", RcptWeak),
    // "550 Mailbox is unavailable".
    ("mailbox is unavailable", RcptWeak),
    // Microsoft's 5.4.1 in the plural: "Recipient addresses rejected : Access denied".
    ("recipient addresses rejected", RcptWeak),
    // --- Relay (weaker words)
    ("relaying", Relay),
    // qmail's and others' "553 sorry, that domain isn't allowed to be relayed thru this
    // MTA (#5.7.1)", "cannot be relayed".
    ("be relayed", Relay),
    // --- Content, size, virus, message format
    ("virus", Content),
    // Polish (GoDaddy's translated reply): "552 Wiadomość odrzucona, ponieważ zawiera spam
    // lub wirusy" (rejected because it contains spam or viruses).
    ("wirus", Content),
    // A footer saying the mail was scanned ("scanned for all viruses and potentially
    // offensive content by ..."), not a refusal.
    // Advice to the sender (see `Sig::Advice`).
    ("be sure", Advice),
    ("make sure", Advice),
    ("set up", Advice),
    ("scanned for", ScanNote),
    // A TLS session set up, as Postfix logs every one ("Anonymous TLS connection
    // established from a[ip]", "Trusted TLS connection established to b:25"): the
    // session's own detail, no TLS failure.
    ("tls connection established", TlsUp),
    // Exchange's `Received:` header of a message that came over TLS ("with Microsoft SMTP
    // Server (TLS) id 15.0.1395.4") and a sending service's delivery event (`"tls": true`):
    // a TLS session set up.
    ("with microsoft smtp server (tls)", TlsUp),
    ("\"tls\": true", TlsUp),
    // McAfee MXLogic's `Received:` line: "by p01c11m033.mxlogic.net ... over TLS secured
    // channel".
    ("over tls secured channel", TlsUp),
    // amavisd's log fields of the DKIM signatures the message carries (`dkim_sd=s:d`,
    // `dkim_id=@d`): valid ones, no authentication failure.
    ("dkim_sd=", DkimSigned),
    ("dkim_id=", DkimSigned),
    // A block of the sender's own machine: "Client host [IP] blocked you may be infected".
    ("may be infected", ScanNote),
    // Outlook.com's DY-002: "The likely cause is a compromised or virus infected
    // server/personal computer" (the sender's machine, not the message).
    ("infected server", ScanNote),
    ("infected computer", ScanNote),
    // Trend Micro's gateway, named in its own reports ("InterScan E-Mail VirusWall").
    ("viruswall", ScanNote),
    ("malware", Content),
    ("infected", Content),
    ("attachment", Content),
    ("content denied", Content),
    // AOL's refusal of the message after DATA: "521 5.2.1 :  AOL will not accept delivery
    // of this message." (the message, not a disabled mailbox as 5.2.1 says).
    ("will not accept delivery of this message", Content),
    ("content rejected", Content),
    // Mailjet's error "content blocked" ("Something in your email has triggered an
    // anti-spam filter"); Amazon SES's Reject event, its own scan: "reason": "Bad content".
    ("content blocked", Content),
    ("bad content", Content),
    ("banned content", Content),
    // Exim's transport refusing long lines: "message has lines too long for transport
    // (received 3896, limit 2048)".
    ("lines too long", Content),
    // amavis's reply for a banned attachment: "554 5.7.0 Reject, id=124-1-11 - BANNED:
    // multipart/mixed | application/vnd.ms-excel,.doc,XXX.xls".
    ("- banned:", Content),
    // The GTUBE test string in the body: rspamd's "554 5.7.1 Gtube pattern".
    ("gtube", Content),
    ("message content", Content),
    ("mail content", Content),
    ("nature of the content", Content),
    // The filter's name only: its verdict ("rejected as spam by Content Filtering") is
    // the cause when it gives one.
    ("content filter", ContentFilter),
    ("content rejected, ube", SpamVerdict),
    // A filter's verdict that names spam first: "Message contains spam or virus".
    ("spam or virus", SpamVerdict),
    ("content policy", Content),
    // ZMailer's policy filter (vger.kernel.org): "550 5.7.1 Content-Policy reject msg: Wrong
    // MIME labeling on 8-bit character texts".
    ("content-policy", Content),
    // Exchange Online Protection: "Message rejected due to content restrictions"; a
    // gateway's "Format restriction violation".
    ("content restriction", Content),
    ("format restriction", Content),
    // Zoho ZeptoMail's refusal of a message without a subject: "5.2.1 Subject is Mandatory."
    ("subject is mandatory", Content),
    // MailChannels (the outbound filter of shared hosts such as HostPapa): "550 5.7.1 [SS]",
    // a subject line with spam-like keywords.
    ("[ss]", Content),
    // Gandi's rule codes (its postmaster page): RULE1_n a possible virus or malware, RULE2_1
    // phishing, RULE2_2 a scam ("Reject for policy reason. RULE1_1"); RULE3_n (commercial
    // mail, a spam score) stay policy refusals.
    ("rule1_", Content),
    ("rule2_", Content),
    ("its content", Content),
    ("in content", Content),
    ("content presents", Content),
    ("content not accepted", Content),
    ("content violation", Content),
    // Exchange Online's 5.7.520: "Message blocked because it contains content identified
    // as spam".
    ("content identified", Content),
    ("objectionable content", Content),
    ("unsafe content", Content),
    // "Disallowed Attach Type"; a Chinese host's "exceeded mailsize limit".
    ("attach type", Content),
    ("mailsize", Content),
    // QQ Mail: "The mail may contain inappropriate words or content."
    ("inappropriate words", Content),
    ("inappropriate content", Content),
    ("message size", Content),
    // web.de's and GMX's header checks (in brackets: Mimecast's "Rejected by header based
    // Blocked Senders" is a block of the sender): "550 <a>: Reject due to policy restrictions
    // (header based)" (duplicate or malformed Date, From, To...: the message's form).
    ("(header based)", Content),
    // A host's outgoing filter refusing by a rule on the message's headers (Infomaniak:
    // "5.7.0 AV: Message is rejected by headers rule filter.. 554 Please check the
    // message").
    ("headers rule", Content),
    // A filtering service's header-check rule (Postfix's `header_checks`, the
    // antispameurope/Hornetsecurity table's "450 4.5.5 Header Checks Defer"): the
    // message's form, deferred or refused.
    ("header check", Content),
    // Exchange's "This message is larger than the current system limit"; "The user does not
    // accept email in non-Western (non-Latin) character sets".
    ("larger than", Content),
    ("character set", Content),
    ("too large", Content),
    ("too big", Content),
    // "Too big" in other languages, the words of a size refusal: German "zu groß", French
    // "trop volumineux", Italian "troppo grande", Dutch "te groot", Russian "слишком велико"
    // (Zammad's postmaster reply "Nachricht zu groß", "Message trop volumineux"...);
    // Japanese "サイズ" of the message or the mail ("メッセージサイズ超過", "メールのサイズが
    // 上限を超えています"; not a mailbox's: "メールボックスのサイズ" is its quota), Chinese
    // "大小限制" (size limit: "邮件超出大小限制").
    ("zu groß", Content),
    ("trop volumineu", Content),
    ("troppo grand", Content),
    ("te groot", Content),
    ("слишком велик", Content),
    ("メッセージサイズ", Content),
    ("メッセージのサイズ", Content),
    ("メールのサイズ", Content),
    ("大小限制", Content),
    // ... and, added after a later batch showed these languages unread: Spanish "demasiado
    // grande", Portuguese "muito grande", Swedish "för stort" (too big), Korean "크기" of the
    // message or the mail (size: "메시지 크기가 ... MB였지만"; not "메일함 크기", a mailbox's).
    ("demasiado grande", Content),
    ("muito grande", Content),
    ("för stor", Content),
    ("메시지 크기", Content),
    ("메일 크기", Content),
    ("size limit", Content),
    // Vietnamese (Zing Mail's rendering of the size template): "Dung lượng thư "vượt giới
    // hạn dung lương cho phép" của máy chủ abcd.com" (the message size exceeds the limit).
    ("dung lượng thư", Content),
    // The lexicon of a size refusal, one stem per language not read above, each from a
    // source other than the bounces it is tested on: Roundcube's translations of its
    // "message part too big" and SMTP size errors (program/localization/*/messages.inc):
    // Czech "příliš velká", Hungarian "túl nagy", Romanian "prea mare", Danish "for stor"
    // (with the word's end: not "for storage"), Lithuanian "per didelė", Slovenian
    // "preveliko" (the stem of Croatian and Serbian "prevelika" too), Ukrainian "занадто
    // велика"; the plain words for "too big": Slovak "príliš veľká", Polish "za duża",
    // Indonesian "terlalu besar",
    // Vietnamese "quá lớn"; Chinese hosts' bounce pages: "[退信] 邮件过大" (message too big).
    ("příliš velk", Content),
    ("príliš veľk", Content),
    ("túl nagy", Content),
    ("prea mare", Content),
    ("for stor$", Content),
    ("per didel", Content),
    ("prevelik", Content),
    ("занадто велик", Content),
    ("za duż", Content),
    ("terlalu besar", Content),
    ("quá lớn", Content),
    ("邮件过大", Content),
    // ... and, added after batches 431-432 showed these unread at first sight: Ukrainian
    // "завелике" (too big, one word), Serbian "Превелика" in Cyrillic (the stem without
    // its first letter, as "ереполнен" below), Turkish "Mesaj çok büyük", Persian "پیام
    // خیلی بزرگ است", Bengali "বার্তা অতিরিক্ত বড়" (Zammad's size refusal).
    ("завелик", Content),
    ("ревелик", Content),
    ("çok büyük", Content),
    ("خیلی بزرگ", Content),
    ("অতিরিক্ত বড়", Content),
    ("exceeds size", Content),
    ("exceeds the maximum size", Content),
    ("maximum message size", Content),
    // Exchange's limit on one SMTP session's size: "552 4.3.1 Session size exceeds fixed
    // maximum session size".
    ("session size", Content),
    ("message length exceeds", Content),
    // Alibaba Cloud: "557 The length of DATA content is achieved the maximum threshold".
    ("length of data", Content),
    ("maximum size", Content),
    ("line limit exceeded", Content),
    ("line is too long", Content),
    // A size limit in bytes: "Stream is more than 10485760 bytes long".
    ("bytes long", Content),
    ("line too long", Content),
    // Exim's limit of RFC 5321's 998 octets: "maximum allowed line length is 998 octets,
    // got 3172".
    ("line length", Content),
    ("header error", Content),
    ("header size", Content),
    ("header value", Content),
    // "550 Subject contains invalid characters."
    ("invalid characters", Content),
    // A line ending the standards forbid (since SMTP smuggling, refused outright).
    ("bare cr", Content),
    ("bare lf", Content),
    ("8-bit data", Content),
    ("invalid mime", Content),
    // amavisd: "Message with invalid header rejected ... MIME error: ...".
    ("mime error", Content),
    ("unacceptable content", Content),
    ("taille limite", Content),
    ("rfc 5322", Content),
    // "554 Invalid data in message" (the message's data, its encoding).
    ("invalid data in message", Content),
    // Mailman's refusal of a post by its header and content filters: "filter rule match".
    ("filter rule match", Content),
    ("rfc5322", Content),
    ("rfc 2822", Content),
    ("rfc2822", Content),
    ("rfc compliant", Content),
    ("rfc-compliant", Content),
    ("not rfc", Content),
    // A refusal of the Message-ID field, not a report that quotes one.
    // CommuniGate Pro: "Messages without To: fields are not accepted here".
    ("without to: field", Content),
    ("message-id header", Content),
    ("messageid header", Content),
    ("missing message-id", Content),
    ("no message-id", Content),
    ("invalid message-id", Content),
    ("from: header", Content),
    ("from header", Content),
    // SendGrid: "550 MIME message is missing 'From' header" (quoted field names).
    ("'from' header", Content),
    // An application's LMTP refusal of a message it cannot read: "550 5.7.1 <a>
    // Permanent failure: unrecognized patch header format".
    ("header format", Content),
    ("headers are not", Content),
    // Exim's header_syntax check: "550 Message headers fail syntax check".
    ("headers fail syntax", Content),
    ("header is not", Content),
    ("phishing", Content),
    ("spam url", Content),
    // A URL rated by a web filter (FortiMail: "detected as spam.FortiGuard
    // WebFilter(https://<url> (category))"): the link in the message.
    ("webfilter", Content),
    // Office attachments with macros ("552 MS-Office file containing VBA macros found").
    ("vba macro", Content),
    // "Executable files are not allowed in compressed files", Mimecast's "Maximum email
    // size exceeded", Gmail's "This message is not RFC 5322 compliant because it has
    // duplicate headers", "Mail message is malformed".
    ("executable", Content),
    ("email size", Content),
    ("duplicate header", Content),
    ("message is malformed", Content),
    // A header the receiver cannot parse: "554 Failed: Malformed MIME field:
    // ARC-Message-Signature: ..." (a bare CR in a header another hop added).
    ("malformed mime", Content),
    // A filtering service's content scanner: VirusFree's "554 Message refused by the
    // scanner".
    ("by the scanner", Content),
    ("links within", Content),
    ("potential security issue", Content),
    ("hvu:b1", Content),
    // --- Reputation and policy (no list named)
    ("spam", Reputation),
    // Spam in other languages, in Microsoft's translated NDR for a sender blocked as a
    // spam source: Swedish "din e-postadress är misstänkt för att skicka skräppost",
    // Russian "предположительной рассылкой нежелательной почты" (junk mail).
    ("skräppost", Reputation),
    ("нежелательн", Reputation),
    // ... and in the same NDR's other translations: Turkish "e-posta adresinizin istenmeyen
    // posta gönderdiğinden şüphelenilmiş olması", Korean "스팸 메일을 보내는 것으로 의심",
    // Japanese "スパムを送信している疑い", Chinese "傳送垃圾郵件的嫌疑" (Simplified "垃圾邮件"
    // is below), Arabic "مشتبه في إرسال البريد العشوائي".
    ("istenmeyen posta", Reputation),
    ("스팸", Reputation),
    ("スパム", Reputation),
    ("垃圾郵件", Reputation),
    ("البريد العشوائي", Reputation),
    // Junk mail in the Romance and Dutch words, as "spam" is: "correo no deseado",
    // "courrier indésirable", "posta indesiderata", "ongewenste e-mail".
    ("no deseado", Reputation),
    ("indésirable", Reputation),
    ("indesiderat", Reputation),
    ("ongewenst", Reputation),
    // Aruba PEC: "Indirizzo IP bloccato temporaneamente per sospetto abuso" (the IP is
    // blocked for suspected abuse).
    ("sospetto abuso", Reputation),
    // Exchange's block of a sending account for spam, in one word: "554 5.2.0
    // STOREDRV.Submission.Exception:OutboundSpamException".
    ("outboundspam", Reputation),
    // NetEase's (163.com, 126.com) spam verdict: "554 DT:SPM".
    ("dt:spm", Reputation),
    // The receiving domain's own filters ("541 5.4.1 Mail rejected by destination
    // domain"), whatever 5.4.1's generic meaning.
    ("rejected by destination", Reputation),
    // ... but the recipient's address refused there is a recipient refusal: a hosted
    // forward's log, "REJECTED Recipient address rejected by destination".
    ("address rejected by destination", RcptStrong),
    // A sending account stopped for suspicious activity ("550 5.4.6 Unusual sending
    // activity detected").
    ("unusual sending activity", Reputation),
    // cPanel's suspension or hold of a sending domain's outgoing mail ("Domain a.example
    // has an outgoing mail suspension. Message discarded.", "... has an outgoing mail
    // hold. Message will be reattempted later"): the host stops the sender.
    ("outgoing mail suspension", Reputation),
    ("outgoing mail hold", Reputation),
    // qmail's permanent refusal by the program in qmail-queue's place, a spam filter's
    // ("554 mail server permanently rejected message", exit code 31): a policy refusal,
    // whose virus words, when stated, still read as content.
    ("permanently rejected message", Reputation),
    ("aup#", Reputation),
    // Cox's codes that are no policy refusal (its error-code page): CXCNCT too many
    // concurrent connections, CXMXRT too many messages sent ("421 cmsmtp blocked. Refer to
    // Error Codes section ... AUP#CXCNCT"); CXSNDR the sender's domain failed SPF,
    // DomainKeys or DKIM ("message rejected. Refer to Error Codes section ... AUP#CXSNDR").
    ("cxcnct", Rate),
    ("cxmxrt", Rate),
    ("cxsndr", Auth),
    // JetEmail's access list, the smarthost hosts' panels relay through: the From domain
    // is not one the SMTP user may send from ("550 [ACL] Blocked. See
    // https://reports.jetsmtp.net/..."), the sender's own authorisation.
    ("[acl] blocked", Auth),
    // A Chinese server's refusals of the sending IP and the sender: "550 black ip.
    // (发信IP被禁止)", "553 host denies the sender. (拒绝发件人地址)".
    ("black ip", Reputation),
    ("denies the sender", Reputation),
    // qmail's barred senders: "Sorry, your envelope sender is in my badmailfrom list".
    ("badmailfrom", Reputation),
    // Bounces refused as backscatter: BATV ("BATV failed to verify", "the message has been
    // rejected by BATV defense"), MDaemon's "Backscatter protection detected an invalid or
    // expired email address".
    ("batv", Reputation),
    ("backscatter", Reputation),
    // Exim's default ACL against backscatter: "Legitimate bounces are never sent to more
    // than one recipient."
    ("legitimate bounces", Reputation),
    // Postfix's `reject_multi_recipient_bounce` (also in the antispameurope/Hornetsecurity
    // table): "550 5.5.3 Recipient address rejected: Multi-recipient bounce", a bounce
    // addressed to several recipients refused as backscatter, whatever its
    // "Recipient address rejected" prefix says.
    ("multi-recipient bounce", ReputationStrong),
    // A block of a sender that sent to many addresses that do not exist (Cox's "550 Too
    // many invalid recipients", address harvesting), not a rate.
    ("too many invalid recipients", ReputationStrong),
    // "Sender IP address rejected", "bad sender IP address"; "Your access to submit
    // messages to this e-mail system has been rejected".
    ("sender ip", Reputation),
    ("submit messages", Reputation),
    ("拒绝发件人", Reputation),
    // Chinese for spam mail, as "spam" is: NetEase's "请检查是否有用户发送病毒或者垃圾邮件",
    // QQ Mail's "被多数用户投诉为垃圾邮件" (reported as spam by many users).
    ("垃圾邮件", Reputation),
    // The IP's sending behaviour ("该IP发送行为异常,...被临时禁止连接": abnormal sending
    // behaviour, connection temporarily refused; "该IP的发送行为触犯了...服务条款,被临时
    // 挂起": it broke the terms of service, suspended).
    ("发送行为", Reputation),
    // Not on the receiver's list of allowed senders ("该IP不在网易允许的发送地址列表里",
    // "此用户不在网易允许的发信用户列表里").
    ("允许的发", Reputation),
    // Korean (Naver's notice): "받는 사람이 회원님의 메일을 수신차단 하였습니다" (the
    // recipient has blocked your mail).
    ("수신차단", Reputation),
    // A Czech host's reply: "Rejected for Security Reasons" (its page lists HELO, PTR, SPF,
    // DNSBL and spam checks).
    ("security reasons", Reputation),
    ("unsolicited", Reputation),
    ("junk", Reputation),
    ("bulk mail", Reputation),
    ("policy", Reputation),
    ("policies", Reputation),
    ("reputation", Reputation),
    ("suspicious", Reputation),
    // Gmail's "suspicious due to the very low reputation of the sending IP address ...
    // temporarily rate limited": the reputation is the cause of the limit.
    ("very low reputation", ReputationStrong),
    // A block for what the sender sent, whatever "too many" says: "Too many spams from your
    // IP", "Domain has received too many bounces" (PHP Bounce Handler's responses).
    ("too many spam", ReputationStrong),
    ("too many bounces", ReputationStrong),
    // Mail.ru's refusal of a sending account it has blocked (for spam or a stolen
    // password): "550 message sending for this account is disabled": the sender's account,
    // not the recipient's, whatever "account is disabled" says.
    ("sending for this account", ReputationStrong),
    // Outlook.com's 4.7.650: "The mail server [IP] has been temporarily rate limited due to
    // IP reputation".
    ("due to ip reputation", ReputationStrong),
    ("blocked", Reputation),
    // Japanese "ブロックされました" (was blocked): Gmail's Japanese notice "メールのブロック
    // ... でメールがブロックされました", a block that names no cause. (Not "ブロック" alone:
    // Gmail's Japanese gloss of its rate reply says it "blocked" the IP's mail for now,
    // "一時的にブロックしました", and links advice against being "blocked", "ブロックされたり".)
    ("ブロックされました", Reputation),
    ("access denied", AccessDenied),
    ("not accepted", Reputation),
    ("not allowed", Reputation),
    ("rejected for policy", Reputation),
    ("client host rejected", Reputation),
    ("sender address rejected", SenderRefused),
    ("rejete", Reputation),
    ("a problem occurred", Reputation),
    ("is banned", Reputation),
    ("administrative prohibition", Reputation),
    // An administrator's rule refused the message, no cause named: "5.x.0 - Message
    // bounced by administrator", "Message rejected by administrator".
    ("bounced by administrator", Reputation),
    ("rejected by administrator", Reputation),
    ("sender rejected", Reputation),
    // A filter's bare policy refusal, its mode in parentheses: "554 Denied (Mode: normal)"
    // (its other refusals say more: "Invalid recipient a (Mode: normal)").
    ("denied (mode", Reputation),
    // "554 Message refused", "Mail Refused" (PHPMailer-BMH's rules, PHP Bounce Handler's);
    // Exchange's "Your access to submit messages to this e-mail system has been rejected".
    ("message refused", Reputation),
    // RFC 3463's words for X.7.1, "Delivery not authorized, message refused" (IIS's and
    // Exchange's "571 Delivery not authorized"): a refusal by policy, not of relaying.
    ("delivery not authorized", Reputation),
    // A mail host that takes mail only through the filter in front of it: "550 Not
    // authorised for direct delivery" (a policy refusal of the sending host).
    ("authorised for direct delivery", Reputation),
    ("authorized for direct delivery", Reputation),
    // PHPMailer's DATA refused, in its own words (FluentSMTP's and Mailster's logs).
    ("data not accepted", ClientRefusal),
    // OpenCart's own words for a refused command ("Error: RCPT TO not accepted from
    // server!", "MAIL FROM not accepted from server!"), without the server's reply; also
    // PHPMailer's debug output ("SMTP -> ERROR: EHLO not accepted from server: 220 ...").
    ("not accepted from server", ClientRefusal),
    // OSSEC's "Mail from not accepted by server": likewise a client's words, no reply.
    ("not accepted by server", ClientRefusal),
    // Read only where nothing follows it but a full stop or quotes (`scan::matched`): a
    // cause after it ("Message not accepted for policy reasons") is read by its own words.
    ("message not accepted", BareRefusal),
    // The 354 go-ahead's words (Postfix's, Exchange's, Exim's, sendmail's): the message the
    // client sends after it is read as the sender's (`scan::find`).
    ("end data with", DataGoAhead),
    ("start mail input", DataGoAhead),
    ("enter message, ending with", DataGoAhead),
    ("enter mail, end with", DataGoAhead),
    ("mail refused", Reputation),
    ("your access to", Reputation),
    // Exchange's sender filter: "Sender denied as sender's email address is on
    // SenderFilterConfig list".
    ("sender denied", Reputation),
    // Zoho's refusal by its mail policy: "554 5.2.3 MailPolicy violation".
    ("mailpolicy", Reputation),
    ("sender not pre-approved", Reputation),
    // A receiver that takes mail only from servers confirmed on its web page.
    ("requires confirmation", Reputation),
    // A challenge-response filter that delivers only once the sender confirms: "554 READ
    // THIS: IMPORTANT ACTION REQUIRED: Delivery will ONLY occur if you click on this link
    // https://mail2.example.net/cgi/user.cgi?...".
    ("click on this link", Reputation),
    ("bulk email", Reputation),
    // "bulk e-mail filters" (CiviCRM).
    ("bulk e-mail", Reputation),
    ("bulk.advertising", Reputation),
    ("mass mailer", Reputation),
    // "failed several antispam checks", "antispam software"; a word of its own only:
    // filtering services' host and header names ("mx17.antispamcloud.com",
    // "X-antispameurope-disclaimer") are no cause.
    ("antispam$", Reputation),
    // Polish "odrzucona przez system antyspamowy" (refused by the anti-spam system).
    ("antyspam", Reputation),
    ("recurrent pattern detection", Reputation),
    ("bad ip profile", Reputation),
    ("go away", Reputation),
    // Sendmail's access database: "Sorry, no access for this ip".
    ("no access for", Reputation),
    ("accepting mail from your ip", Reputation),
    ("forbidden by your ip", Reputation),
    // A Chinese host's table of replies: "remote ip is forbidden" (the sender's IP barred).
    ("ip is forbidden", Reputation),
    ("open proxy", Reputation),
    ("unwanted messages", Reputation),
    ("in prison", Reputation),
    // Spam filters' scores (SpamAssassin, rspamd: `This message scored 11.4 points`).
    ("scored", Reputation),
    ("rspam$", Reputation),
    ("score of", Reputation),
    ("bloquee", Reputation),
    // Polish "Naruszenie zasad" (policy violation).
    ("naruszenie zasad", Reputation),
    // Korean portals' IP filters: "421 4.3.2 Your IP(...) is filtered and this connection
    // will be closed".
    ("is filtered", Reputation),
    // Coremail: "IP is rejected".
    ("ip is rejected", Reputation),
    // Chinese hosts' filters: "This Message is not welcome", "You are not welcome".
    ("not welcome", Reputation),
    // Forward Email's own refusal of a domain whose forwarding record is broken: "550
    // Invalid forward-email TXT record".
    ("invalid forward-email txt", OtherHost),
    // --- Connection and expiry
    ("timed out", Connection),
    ("timeout", Connection),
    // ... in one word ("timedout while connecting to smtp server", `Error: Timedout`).
    ("timedout", Connection),
    ("time-out", Connection),
    // A refused TCP connection (see `Sig::Refused`), also as a C library's constant
    // (libetpan's `MAILSMTP_ERROR_CONNECTION_REFUSED`).
    ("connection refused", Refused),
    ("_connection_refused", Refused),
    ("no answer", Connection),
    // The server sent no greeting: "No welcome message from 202.108.44.203".
    ("no welcome message", Connection),
    ("no route to host", Connection),
    // A mail server's outbound log: "Failure Reason: No Server Listening on Port 25".
    ("no server listening", Connection),
    ("lost connection", Connection),
    // Node's socket errors, as Node-based MTAs print them: "connect ECONNREFUSED
    // 192.0.2.1:25", "connect ETIMEDOUT", "550 connect EADDRNOTAVAIL 157.245.9.156:443".
    ("connect e", Connection),
    // ... and the code alone, as Node prints the error object: "code: 'ETIMEDOUT'".
    ("etimedout", Connection),
    // PHPMailer's own words when it cannot reach the SMTP server: "SMTP connect()
    // failed." (WordPress's SMTP plugins quote it).
    ("smtp connect() failed", Connection),
    // Vietnamese for Postfix's "lost connection with" and "connect to": "Mất kết nối với
    // abcd.com [123.123.123.123] *", "Kết nối với abcd.com [123.123.123.123]: *".
    ("mất kết nối", Connection),
    ("kết nối với", Connection),
    ("connection reset", Connection),
    // Windows' socket error (WSAECONNABORTED), as .NET clients report it: "An established
    // connection was aborted by the software in your host machine".
    ("connection was aborted", Connection),
    // "Connection closed" and telnet's "Connection closed by foreign host.": the session's
    // end, a connection failure only when no refusal came before it.
    ("connection closed", SessionClosed),
    ("closed by foreign host", SessionClosed),
    // emailjs: "{ [Error: connection has ended] code: 9, smtp: undefined }".
    ("connection has ended", Connection),
    // Python's smtplib: "SMTPServerDisconnected: Connection unexpectedly closed", "Server
    // not connected"; Ruby's "Net::ReadTimeout".
    ("unexpectedly closed", Connection),
    // .NET's SmtpClient when the server closes the connection: "Unable to read data from
    // the transport connection: net_io_connectionclosed".
    ("net_io_connectionclosed", Connection),
    ("server not connected", Connection),
    // A delay notice's reason for a receiving server that did not take the message: "hasn't
    // been delivered yet due to: Recipient server unavailable or busy."
    ("server unavailable or busy", Connection),
    ("readtimeout", Connection),
    // Haraka's outbound log: "Remote end 192.0.2.1:25 closed connection while we were
    // processing mail. Trying next MX."
    ("closed connection", Connection),
    ("connection dropped", Connection),
    // "Network is unreachable", "host unreachable", "host is unreachable", "server is
    // down or unreachable".
    ("unreachable", Connection),
    ("could not connect", Connection),
    // Windows' socket error in a hosted server's report: "A connection attempt failed
    // because the connected party did not properly respond after a period of time".
    ("connection attempt failed", Connection),
    ("unable to connect", Connection),
    ("failed to connect", Connection),
    // Nodemailer's "Greeting never received": the server accepted the connection but sent
    // no banner.
    ("greeting never received", Connection),
    // qmail-remote's "Connected to 192.0.2.1 but greeting failed."; sendmail's expiry
    // notice "Cannot send message for 5 days" (its delay warning, "could not send message
    // for past 4 hours", states no cause).
    ("greeting failed", Connection),
    ("cannot send message for", Connection),
    // Postal's soft fail when no MX of the domain answers: "No SMTP servers were available
    // for gmail.com. Tried gmail-smtp-in.l.google.com, ...".
    ("no smtp servers were available", Connection),
    ("connect to", Connection),
    ("requests to connect", Connection),
    ("delivery time expired", Connection),
    // Gmail's older report "Could not initiate SMTP conversation with any hosts"; Postfix's
    // "delivery temporarily suspended: connect to ...".
    ("could not initiate", Connection),
    // cmail's bounce reason "Failure to reach any MX"; "no MXs for this domain could be
    // reached" reads as "connect to" does.
    ("reach any", Connection),
    ("delivery temporarily suspended", Connection),
    ("message expired", Connection),
    ("queue.expired", Connection),
    ("retry timeout exceeded", Connection),
    ("socket error", Connection),
    ("host not reachable", Connection),
    ("was aborted after", Connection),
    ("multiple retries", Connection),
    ("network error", Connection),
    ("expired", Connection),
    ("broken pipe", Connection),
    ("host name lookup failure", Connection),
    ("failing for a long time", Connection),
    // Exim's "all hosts have been failing", "server is not responding".
    ("have been failing", Connection),
    ("not responding", Connection),
    // qmail's "Sorry, I wasn't able to establish an SMTP connection."
    ("able to establish", Connection),
    // DragonFly Mail Agent: "Could not deliver for the last 432000 seconds. Giving up."
    ("could not deliver for the last", Connection),
    ("connection to mail exchanger", Connection),
    ("connection was dropped", Connection),
    // Yahoo's and AOL's "421 Connection went away".
    ("connection went away", Connection),
    ("maximum delivery attempts", Connection),
    // IONOS's relay giving up: "Reason: multiple delivery attempts failed".
    ("delivery attempts failed", Connection),
    // Forward Email giving up on its onward delivery: "Error for hotmail.com of \"This
    // message has been retried the maximum of (10) times and has permanently failed.\"".
    ("retried the maximum", Connection),
    // A relay giving up: "This condition occurred after 30 attempt(s) to deliver over a
    // period of 92 hour(s)".
    ("attempt(s) to deliver", Connection),
    ("long failure period", Connection),
    // Exim: "T=remote_smtp defer (-53): retry time not reached for any host".
    ("retry time not reached", Connection),
    // Go clients (mox): "data: unexpected EOF, transient" (the connection dropped).
    ("unexpected eof", Connection),
    // A gateway's own queue: "connection was not attempted: domain is marked down (too
    // many connection failures)" (a connection problem, not a rate).
    ("too many connection failures", AllHostsFailed),
    // Java's TLS client: "Remote host closed connection during handshake"
    // (SSLHandshakeException).
    ("closed connection during handshake", Tls),
    // Ruby's EOFError as Net::SMTP's callers report it ("An error occurred while sending
    // mail (end of file reached)"), and Go's io.EOF in a log's field (`error=EOF`): the
    // server closed the connection before it answered.
    ("end of file reached", Connection),
    ("error=eof$", Connection),
    // A client's "SMTP connection failed: permission denied" (the socket refused).
    ("connection failed", Connection),
    ("allowed queue period", Connection),
    // qmail's give-up line: "I'm not going to try again; this message has been in the
    // queue too long."
    ("queue too long", Connection),
    // sendmail's give-up after its queue lifetime: "Message could not be delivered for 5
    // days" then "Message will be deleted from queue".
    ("deleted from queue", Connection),
    ("server did not respond", Connection),
    // Exchange's NDR when the recipient's servers never answered: "Despite repeated
    // attempts to contact the recipient's email system it didn't respond."
    ("didn't respond", Connection),
    // IMail: "Delivery failed 20 attempts: a@b".
    ("attempts:", Connection),
    // --- A refusal at the greeting (5xx: the receiver refuses the sending IP)
    ("refused to talk", Greeting),
    ("after initial connection", Greeting),
    ("after ehlo", Greeting),
    ("after helo", Greeting),
    ("not accepting connections", Greeting),
    // --- Sending-side limits that are none of the specific categories
    ("too many recipients", SenderLimit),
    // Gmail's limits of one transaction: "Domain policy size per transaction exceeded",
    // "Multiple destination domains per transaction is unsupported".
    ("per transaction", SenderLimit),
    ("after mail from", MailFromStage),
    ("in reply to mail from", MailFromStage),
    ("after rcpt to", RcptStage),
    ("in reply to rcpt to", RcptStage),
    // PEAR Mail's "Failed to add recipient: a [SMTP: Invalid response code received from
    // server (code: 501, ...)]": the server's answer to RCPT TO.
    ("failed to add recipient", RcptStage),
    ("too many hops", Loop),
    // "550 Too many received headers - possible mail loop" (Haraka, Postfix).
    ("too many received", Loop),
    ("tried all mxs", AllHostsFailed),
    // Exchange's "421 4.4.0 Remote server response was not RFC conformant": the remote
    // server broke the protocol (a connection fault), not the message's format ("not rfc").
    ("response was not rfc", AllHostsFailed),
    ("hop count exceeded", Loop),
    ("routing loop", Loop),
    ("mail loop", Loop),
    ("loops back to myself", Loop),
    // The antispameurope/Hornetsecurity table's "554 5.5.6 Loop detection > 10 mal
    // X-antispameurope-disclaimer"; "Loop detected".
    ("loop detect", Loop),
    // Cloudflare Email Routing's loop check: "550 5.4.6 Email was forwarded too many times".
    ("forwarded too many", Loop),
    ("this hour", PerTime),
    ("per hour", PerTime),
    ("per day", PerTime),
    ("per minute", PerTime),
    // --- "Try again later": greylisting with 451 4.7.1, else the receiver's trouble
    ("try again later", TryLater),
    // Exim's warning "A message that you sent has not yet been delivered to one or more of
    // its recipients"; Exchange's "Delivery to the following recipients has been delayed",
    // "Delivery is delayed to these recipients or groups".
    ("not yet been delivered", Delayed),
    ("has been delayed", Delayed),
    ("delivery is delayed", Delayed),
    ("please try later", TryLater),
    // --- Receiver-side logs: the hosts there are clients, not the receiving provider
    ("noqueue: reject", ReceiverLog),
    ("rcpt from", ReceiverLog),
    // sendmail's own rejections name their ruleset ("ruleset=check_relay, ...,
    // relay=<client>"): its relay= is the connecting client.
    ("ruleset=check_", ReceiverLog),
    // Postfix's cleanup refusing by its header and body checks or a milter's verdict:
    // "reject: body <line> from <client>[ip]; from=<a> to=<b>", "milter-reject:
    // END-OF-MESSAGE from <client>[ip]: 5.7.1 Spam message rejected".
    ("reject: body", ReceiverLog),
    ("reject: header", ReceiverLog),
    ("milter-reject", ReceiverLog),
    // Postfix's local submission program ("postdrop: warning: stdin: unexpected EOF in
    // data"), before any delivery.
    ("postdrop:", LocalSubmit),
    ("remote_host_said", QmailLog),
    (":in `", RubyFrame),
    // The returned message's headings: Exchange's, Exim's and qmail's.
    ("original message headers:", OriginalFollows),
    ("this is a copy of the message, including all the headers", OriginalFollows),
    ("below this line is a copy of the message", OriginalFollows),
    // 1&1's (IONOS's) report: "--- The header of the original message is following. ---".
    ("the header of the original message is following", OriginalFollows),
    // Exchange's own heading in German and French.
    ("ursprüngliche nachrichtenköpfe", OriginalFollows),
    ("en-têtes de message d", OriginalFollows),
    // Microsoft Graph's error for the mailbox a sending application acts as.
    ("hosted on-premise", SenderMailbox),
    // Exim's own reject log: "H=<client> [ip] F=<sender> rejected after DATA: <reason>";
    // its H= host is the connecting client.
    ("rejected after data:", ReceiverLog),
    ("smtp;", DiagField),
    ("reporting-mta:", ReportingMta),
    ("received-from-mta:", ReportingMta),
    // An Exchange report's generating server (English, Italian, German, French): the
    // sending side's, like a DSN's Reporting-MTA.
    ("generating server:", ReportingMta),
    // Exchange Online's NDR details: "DSN generated by: AM0PR04MB6818.eurprd04.prod.outlook.com"
    // (the server that wrote the report, as `Generating server:`).
    ("dsn generated by:", ReportingMta),
    ("infodomainnonexistent", ExchangeNoDomain),
    // Microsoft's NDR for its own user: "This error was reported by an email server
    // outside Office 365", "the recipient's email system refused to accept a connection
    // from your email system".
    ("server outside office 365", MicrosoftSenderNdr),
    ("accept a connection from your email system", MicrosoftSenderNdr),
    // Exchange's resolver, inside the generating server's own organisation: "550 5.7.133
    // RESOLVER.RST.SenderNotAuthenticatedForGroup" under "Generating server:
    // BYAPR02MB5606.namprd02.prod.outlook.com", "550 5.1.10 RESOLVER.ADR.RecipientNotFound".
    ("resolver.adr.", ExResolver),
    ("resolver.rst.", ExResolver),
    ("server di generazione:", ReportingMta),
    ("generierender server:", ReportingMta),
    ("serveur de génération :", ReportingMta),
    // --- The receiver's own temporary trouble
    ("temporarily rejected", ReceiverSystem),
    ("service not available", ReceiverSystem),
    ("resources temporarily unavailable", ReceiverSystem),
    ("temporary system problem", ReceiverSystem),
    ("failed to be replicated", ReceiverSystem),
    ("local error", ReceiverSystem),
    ("service unavailable", ReceiverSystem),
    // "451 4.7.1 Sorry, the service is currently unavailable. Please come back later."
    // (listed under Yandex), Microsoft's "450 4.7.0 Message not proxied": the receiver's
    // own trouble, which the code's 4.7.x does not turn into a policy refusal.
    ("service is currently unavailable", ReceiverSystem),
    ("not proxied", ReceiverSystem),
    // "450 Server configuration problem" (at the greeting, or as ZoneMTA lists it, and
    // Postfix's "451 4.3.5 <a>: Recipient address rejected: Server configuration
    // problem"): the receiver's own set-up is broken, not a refused connection nor the
    // recipient, whatever refusal prefix frames it.
    ("configuration problem", ReceiverSetup),
    // Postfix's 4.3.5 for a misconfigured restriction, after any of its refusal prefixes
    // ("Client host rejected: Server configuration error").
    ("server configuration error", ReceiverSetup),
    // A filter's own failure: "451 System policy engine error" (an error of the engine,
    // not its verdict).
    ("engine error", ReceiverSetup),
    // A policy service's own failure, whatever refusal prefix it answers with ("450 4.7.1
    // <a>: Recipient address rejected: Internal error, API request failed").
    ("internal error", ReceiverSetup),
    // Postfix's local delivery agent when the recipient's delivery command cannot write its
    // output (procmail on a home directory that does not exist): "can't create user output
    // file" (the receiving host's own set-up).
    ("can't create user output file", ReceiverSetup),
    // Exim's failed local delivery program: "Child process of dovecot_delivery transport
    // returned 127 (could mean unable to exec or command does not exist)": the receiving
    // server's own set-up, not the recipient (its gloss's "does not exist" is the command).
    ("transport returned", ReceiverSetup),
    // --- PowerMTA bounce categories (accounting `bounceCat`, DSN header)
    ("bad-mailbox", BcRecipient),
    ("bad-domain", BcRecipient),
    ("inactive-mailbox", BcRecipient),
    ("routing-errors", BcRecipient),
    ("spam-related", BcReputation),
    ("policy-related", BcReputation),
    ("content-related", BcContent),
    ("virus-related", BcContent),
    ("relaying-issues", BcRelay),
    ("no-answer-from-host", BcConnection),
    ("bad-connection", BcConnection),
    ("message-expired", BcConnection),
    ("invalid-sender", BcDns),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_at_most_128_signals() {
        assert!((BcDns as u32) < 128);
    }

    #[test]
    fn no_pattern_is_listed_twice() {
        let mut seen = std::collections::BTreeSet::new();
        for (p, _) in patterns() {
            assert!(seen.insert(p), "{p} twice");
        }
    }
}
