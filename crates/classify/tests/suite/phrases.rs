//! Wordings of real bounces, one reply each, and the category their words state: the
//! phrase tables must keep reading each as its cause (a quota is a full mailbox, a relay
//! word a relay refusal...), whatever the code says.

use classify::{classify, Category, Context};

const CASES: &[(&str, Category)] = &[
    // A sender refused by an access table's own words, which name no cause: a policy
    // refusal of the sender, not of the recipient (5.1.0 is about an address); with
    // 5.1.8 the sender's address itself.
    (
        "NOQUEUE: reject: RCPT from unknown[192.0.2.7]: 550 5.1.0 <billing@shop.example.net>: Sender address rejected: shop.example.net; from=<billing@shop.example.net> to=<a@example.org> proto=ESMTP",
        Category::Reputation,
    ),
    ("501 5.1.8 <a@b.example>: Sender address rejected", Category::Dns),
    // Postfix's refusal of a sender address that is no user of the relay (its
    // `reject_unlisted_sender`, in the other tables' wording): the sender's identity, not
    // an unknown recipient.
    (
        "NOQUEUE: reject: RCPT from client.example.net[192.0.2.9]: 553 5.1.0 <news@example.net>: Sender address rejected: User unknown in virtual mailbox table; from=<news@example.net> to=<a@example.org> proto=ESMTP",
        Category::Auth,
    ),
    // A login and sender mismatch behind a recipient prefix, in its other wording.
    (
        "550 5.7.1 <a@example.org>: Recipient address rejected: Username user@example.net and sender does not match",
        Category::Auth,
    ),
    // Outlook.com's DY-001 is a policy refusal of dynamic IPs, whatever its explanation
    // says of unauthenticated mail.
    (
        "550 DY-001 (COL004-MC1F22) Mail rejected by Outlook.com for policy reasons. We generally do not accept email from dynamic IP's as they are not typically used to deliver unauthenticated SMTP e-mail to an Internet mail server.",
        Category::Reputation,
    ),
    // The server's go-ahead for TLS is no TLS failure; the delivery failed after it.
    (
        "SERVER -> CLIENT: 220 2.0.0 Ready to start TLS\nSMTP ERROR: mx.example.org is unreachable",
        Category::Connection,
    ),
    // Gmail's web-login challenge and Exchange Online's send-as refusal: the sender's
    // own login, not a policy refusal.
    (
        "Exception message was: 5.7.14 Please log in via your web browser and 5.7.14 then try again. 5.7.14 Learn more at 5.7.14 https://support.google.com/mail/bin/answer.py?answer=78754 v3sm309845wix.8 - gsmtp",
        Category::Auth,
    ),
    (
        "Expected response code 250 but got code \"550\", with message \"550 5.7.60 SMTP; Client does not have permissions to send as this sender [MW2PR1901MB2155.namprd19.prod.outlook.com]",
        Category::Auth,
    ),
    // A sender address the login may not use (Postfix's login mismatch, a Chinese
    // provider's submission server) and Amazon SES's unverified sender identity: the
    // sender's own authorisation, not a policy refusal.
    (
        "SMTP 5xx error: permanent error (553): 5.7.1 <vaultwarden-rs@**domain.tld**>: Sender address rejected: not owned by user",
        Category::Auth,
    ),
    (
        "error=\"gomail: could not send email 1: 501 mail from address must be same as authorization user\"",
        Category::Auth,
    ),
    (
        "error=\"gomail: could not send email 1: 554 Message rejected: Email address is not verified. The following identities failed the check in region US-EAST-1: admin@grafana.localhost\"",
        Category::Auth,
    ),
    // A submission server refusing a From address the account has not validated (Runbox)
    // or may not use (GMX, 1&1): the sender's own authorisation.
    ("Error: 550 Invalidated From address", Category::Auth),
    (
        "host mail.my.smtp[192.0.2.1] said: 550-Requested action not taken: mailbox unavailable 550 Sender address is not allowed. (in reply to MAIL FROM command)",
        Category::Auth,
    ),
    // A recipient that refuses the mail is refused; a server that refuses the sender's
    // IP blocks the sender.
    ("550 Recipient refuses to accept your mail", Category::Recipient),
    (
        "554 5.7.1 Our server refuses to accept mail from your IP address",
        Category::Reputation,
    ),
    // A relay refusal in its words; a sender blocked as an open relay is no relay
    // refusal.
    ("550 5.7.1 Relaying disabled for your IP", Category::Relay),
    (
        "smtp;451 Open relay not allowed - https://community.mimecast.com/docs/DOC-1369#451",
        Category::Relay,
    ),
    (
        "550 5.7.1 This IP is an open relay, blocked",
        Category::Reputation,
    ),
    // A full mailbox, said in the words of its quota or space.
    (
        "Permanent Failure: 522_mailbox_full;_group_quota_sz=37748397/37748736_ct=1356/100000",
        Category::MailboxFull,
    ),
    ("552 5.2.2 user is over the quota", Category::MailboxFull),
    (
        "552 maildir delivery failed: userdisk quota exceeded",
        Category::MailboxFull,
    ),
    (
        "552 the recipient mailbox has exceeded its disk space limit",
        Category::MailboxFull,
    ),
    (
        "452 4.2.2 not enough storage space in the mailbox",
        Category::MailboxFull,
    ),
    (
        "552 the user's space has been used up",
        Category::MailboxFull,
    ),
    // "Undeliverable Address:" only introduces the address: the reason after it decides.
    (
        "Undeliverable Address: a@example.com\n\nReason: The email you sent to the address specified\nabove has been returned because the recipient is over disk quota.",
        Category::MailboxFull,
    ),
    // A relay that gave up retrying.
    (
        "-- Recipient server unavailable or busy\n-- 4.4.4 Temporary server error. Please try again later\nThis condition occurred after 30 attempt(s) to deliver over\na period of 92 hour(s) and 52 minute(s).",
        Category::Connection,
    ),
    // The resolver's temporary failure: no proof that the recipient's domain is gone.
    (
        "<a@example.co.uk>: Host or domain name not found. Name service error\n    for name=example.co.uk type=MX: Host not found, try again",
        Category::Connection,
    ),
    // Every host tried and failed: a connection failure, whatever "too many" says.
    (
        "<user@sending-domain.com>: Too many failures (Tried all MXs)",
        Category::Connection,
    ),
    // Exchange's report when the recipient's servers never answered.
    (
        "Your message couldn't be delivered. Despite repeated attempts to contact the recipient's email system it didn't respond.",
        Category::Connection,
    ),
    // Google Groups' limit on what a group sends out: a volume limit.
    (
        "Technical details of permanent failure:\nThe group a@example.org has exceeded its quota for total number of external recipients.",
        Category::RateLimit,
    ),
    // A recipient that is suspended, unknown or refuses the sender.
    ("550 this is a deactivated mailbox", Category::Recipient),
    // Exchange's 5.7.129 in its NDR's words: the group's own accept list.
    (
        "Your message to g@example.com couldn't be delivered.\n\nThe group g only accepts messages from people in its organization or on its allowed senders list, and your email address isn't on the list.",
        Category::Recipient,
    ),
    // An Exchange group that takes mail only from authenticated senders: its own
    // restriction, not a refused login of the sender.
    (
        "Remote Server returned '554 5.7.0 < #5.7.133 smtp;550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; authentication required; Delivery restriction check failed because the sender was not authenticated when sending to this group>'",
        Category::Recipient,
    ),
    // IronPort's 5.1.1, whose "(delivery attempts: 0)" counts no attempt to connect.
    (
        "5.1.1 - Bad destination email address 'reject' (delivery attempts: 0)",
        Category::Recipient,
    ),
    ("550 a@earthlink.net...User account is unavailable", Category::Recipient),
    // A host that stopped handling the recipient's domain.
    (
        "550 Apache OpenOffice no longer relays openoffice.org mail.  See\n    http://incubator.apache.org/openofficeorg/mailing-lists.html#legacy-openofficeorg-lists",
        Category::Recipient,
    ),
    (
        "553 5.3.0 <a@example.com>... Unknown E-Mail Address",
        Category::Recipient,
    ),
    (
        "<a@example.com>:\nEsta casilla ha expirado por falta de uso.",
        Category::Recipient,
    ),
    ("<a@example.com> has restricted SMS e-mail", Category::Recipient),
    (
        "550 5.1.2 mail domain mentioned in email address is unknown",
        Category::Recipient,
    ),
    (
        "550 refused due to recipient preferences",
        Category::Recipient,
    ),
    (
        "550 5.1.1 <a@example.org>: Recipient address rejected: User unknown",
        Category::Recipient,
    ),
    // Exchange Online: the recipient takes mail only from the senders it lists.
    (
        "550 5.7.129 RESOLVER.RST.RestrictedToRecipientsPermission; not authorized to send to recipient because the sender isn't on the recipient's list of senders to accept mail from",
        Category::Recipient,
    ),
    // cPanel's Exim, its multi-line reply re-wrapped mid-sentence by Postfix ("550-or").
    (
        "550-The mail server\n    could not deliver mail to a@example.nl.  The account 550-or domain may\n    not exist, they may be blacklisted, or missing the proper dns 550 entries.",
        Category::Recipient,
    ),
    // Gmail cannot find the recipient domain's mail hosts.
    (
        "DNS Error: 8665694 DNS type 'mx' lookup of sanare.com responded with code NOERROR\n8665694 DNS type 'a' lookup of sanare.com.1.0001.arsmtp.com. responded with code NXDOMAIN",
        Category::Recipient,
    ),
    // Refusals of the sender by a receiver's policy or spam filter.
    (
        "554 5.7.105 SenderFilterAgent; Sender denied as sender's email\n    address is on SenderFilterConfig list",
        Category::Reputation,
    ),
    (
        "554 5.2.3 MailPolicy violation Error delivering to mailboxes",
        Category::Reputation,
    ),
    (
        "550 5.7.1 Message contains spam or virus. (110) [23992349932-349593]",
        Category::Reputation,
    ),
    (
        "550 5.4.1 Recipient address rejected: Access denied",
        Category::Recipient,
    ),
    // The cause after Postfix's generic "Recipient address rejected:".
    (
        "554 5.3.4 <a@example.org>: Recipient address rejected: Message too big for system",
        Category::Content,
    ),
    (
        "550 5.7.0 <a@example.org>: Recipient address rejected: Spam detected",
        Category::Reputation,
    ),
    // The address refused by the destination, not the mail.
    (
        "550 Recipient address rejected by destination server",
        Category::Recipient,
    ),
    // Relaying refused.
    (
        "550 5.7.1 we do not relay; not allowed to relay through this machine",
        Category::Relay,
    ),
    (
        "554 this system is not configured to relay mail",
        Category::Relay,
    ),
    ("550 Insecure Mail Relay", Category::Relay),
    (
        "553 sorry, that domain isn't allowed to be relayed thru this MTA (#5.7.1)",
        Category::Relay,
    ),
    ("550 5.7.1 Message cannot be relayed", Category::Relay),
    ("550 5.7.1 <a@example.org>... forwarding denied", Category::Relay),
    // The SPF project's page linked by an SPF refusal.
    (
        "550 5.7.1 Please see http://www.openspf.net/Why?s=mfrom;id=a@example.org;ip=192.0.2.1",
        Category::Auth,
    ),
    // The sending side's DNS.
    (
        "450 4.7.1 Access denied. IP name lookup failed [192.0.2.1]",
        Category::Dns,
    ),
    (
        "550 5.2.0 <a@example.org> From: Domain is invalid. Please provide a valid From:",
        Category::Dns,
    ),
    ("550 sender verify failed", Category::Dns),
    // Authentication, rate, content, connection.
    (
        "550 5.7.1 can't determine Purported Responsible Address",
        Category::Auth,
    ),
    (
        "550 domain [example.com] mismatches client ip 192.0.2.1",
        Category::Auth,
    ),
    (
        "554 You've reached your daily relay quota - 192.0.2.0",
        Category::RateLimit,
    ),
    (
        "550 5.7.1 has exceeded the max emails per hour",
        Category::RateLimit,
    ),
    (
        "552 5.3.4 header size exceeds maximum permitted",
        Category::Content,
    ),
    (
        "550 lost connection while performing the HELO handshake",
        Category::Connection,
    ),
    (
        "450 Name service error for domain example.com: Host not found, try again",
        Category::Connection,
    ),
    ("550 5.7.1 TLS handshake failed", Category::Tls),
    (
        "530 5.7.0 Must issue a STARTTLS command first",
        Category::Tls,
    ),
    // A reply after a refusal of the sending host, and one of a whole system.
    (
        "554 mx.example.org ESMTP not accepting connections",
        Category::Reputation,
    ),
    ("550 5.7.1 administrative prohibition", Category::Reputation),
    (
        "554 5.7.1 Message rejected: bulk email",
        Category::Reputation,
    ),
    ("451 4.3.0 Error: queue file write error", Category::Other),
    // A relay refusal whose stated reason is the sending IP's missing name (sendmail's
    // require_rdns): the sender's reverse DNS.
    (
        "550 5.7.1 Relaying denied. IP name lookup failed [192.0.2.254]",
        Category::Dns,
    ),
    // qmail-remote: the recipient's domain has no mail host.
    (
        "<god@heaven.af.mil>:\nSorry, I couldn't find any host by that name.",
        Category::Recipient,
    ),
    // Amazon SES: the recipient's domain has no DNS (its "delivery attempts" suffix is
    // no connection failure).
    (
        "5.1.2 - Bad destination host 'DNS Hard Error looking up example.org (MX):  NXDomain' (delivery attempts: 0)",
        Category::Recipient,
    ),
    // Google Groups' posting limit.
    (
        "Technical details of permanent failure: \nYou have exceeded the the allowable number of posts without solving a captcha.",
        Category::RateLimit,
    ),
    // Post.Office's error token for an unknown recipient.
    (
        "error: err.nosuchuser: newsletter-request@imusic.com",
        Category::Recipient,
    ),
    // Relay refusals in other words and languages.
    ("554 Relay operation rejected", Category::Relay),
    (
        "550-550 relay through this server without authentication.",
        Category::Relay,
    ),
    (
        "Réponse du serveur : '550 <personne@exemple.com>... Relais refusé', Port : 25, Sécurisé (SSL) : Non",
        Category::Relay,
    ),
    (
        "Resposta do Servidor: '550 <alguém@examplo.com>... Reencaminhamento Negado', Porta: 25, Secure (SSL): Não, Erro do Servidor: 550",
        Category::Relay,
    ),
    (
        "Resposta do Servidor: '553 este domínio não faz parte da minha lista de anfitriões rcpt (#5.7.1)', Porta: 25, Secure(SSL): Não",
        Category::Relay,
    ),
    // Unknown or blocked recipients in other words.
    ("550 recipient e-mail adress unknown", Category::Recipient),
    ("Policy rejection on the target address", Category::Recipient),
    ("559 Invalid rcptto", Category::Recipient),
    ("421 Recipient not in route list", Category::Recipient),
    (
        "550 Requested action was not taken because this server doesn’t handle mail for that user",
        Category::Relay,
    ),
    (
        "557 The length of DATA content is achieved the maximum threshold",
        Category::Content,
    ),
    // NetEase's Chinese replies: too many concurrent connections, too many messages on a
    // connection.
    (
        "421HL:ICC 该IP同时并发连接数过大,超过了网易的限制,被临时禁止连接。",
        Category::RateLimit,
    ),
    (
        "450MI:DMC 当前连接发送的邮件数量超出限制。请减少每次连接中投递的邮件数量;",
        Category::RateLimit,
    ),
    // QQ Mail's bounces in Chinese: no such user, no mailbox opened, mailbox full.
    ("该用户不存在", Category::Recipient),
    ("该用户未开通QQ邮箱", Category::Recipient),
    ("收件人空间不足", Category::MailboxFull),
    // Coremail's and Chinese hosts' bounce hints, an attachment filter.
    (
        "退信提示:\"local server don't exists that user\"",
        Category::Recipient,
    ),
    ("退信提示:\"not user of this server\"", Category::Recipient),
    ("退信提示:\"IP is rejected\"", Category::Reputation),
    ("[退信] 邮件过大:exceeded mailsize limit", Category::Content),
    ("Disallowed Attach Type", Category::Content),
    // A content scanner's signature: its name's words are no authentication check.
    (
        "550 Message contained unsafe content (Heuristics.Phishing.Email.SpoofedDomain)",
        Category::Content,
    ),
    (
        "user not exist (in reply to RCPT TO command)",
        Category::Recipient,
    ),
    // The recipient's domain has no usable mail host (Exim).
    (
        "All relevant MX records point to non-existent hosts",
        Category::Recipient,
    ),
    ("550 5.2.0 No such mailbox", Category::Recipient),
    // A sending domain's hourly limit (cPanel).
    (
        "Domain domein.nl has exceeded the max defers and failures per hour (5/5 (100%)) allowed. Message discarded.",
        Category::RateLimit,
    ),
    // QQ Mail's content filter.
    (
        "(550, b'The mail may contain inappropriate words or content.')",
        Category::Content,
    ),
    // Policy and IP filters in Polish and Korean portals' English.
    (
        "550 5.1.0 Naruszenie zasad cNkj1y0022zrrQM01NkjaD, zobacz https://support.forpsi.com/kb/a4071",
        Category::Reputation,
    ),
    (
        "421 4.3.2 Your IP(218.236.206.104) is filtered and this connection will be closed.",
        Category::Reputation,
    ),
    // Lists named by their initials and services.
    ("550 IP in XBL", Category::Blocklist),
    ("550 IP in SCBL", Category::Blocklist),
    (
        "550 5.7.1 Your email messages have been blocked by the recipient OR by Trend Micro Email Reputation Service.",
        Category::Blocklist,
    ),
    // The sender's DNS in a provider's own words: AT&T's reverse-DNS deferral, a HELO
    // that is not a host name.
    ("421-failure in DNS look-up.", Category::Dns),
    (
        "550 R1: HELO should be a FQDN or address literal (See RFC 2821 4.1.1.1)",
        Category::Dns,
    ),
    // A sending allowance per day, a recipient receiving too much (Rackspace's G30).
    ("MAX RCPT TO DAILY LIMIT", Category::RateLimit),
    (
        "450 4.2.1 <email@example.com>: Mailbox received too much email in a short period of time (G30)",
        Category::RateLimit,
    ),
    // The mailbox's limit while appending: a full mailbox, not a rate.
    (
        "Mailbox limit exceeded while appending message\n550 <user@example.com>\u{2026} Can\u{2019}t create output",
        Category::MailboxFull,
    ),
    // Windows' socket error in a hosted server's report.
    (
        "Error: Host name: mx.example.net, message: A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond. Tried 5 time(s)",
        Category::Connection,
    ),
    // POP before SMTP: log in (receive) first.
    (
        "553 5.3.0 <a@example.com>... Please receive your mail before sending.",
        Category::Auth,
    ),
    // The receiving domain's filters under 5.4.1 (no routing problem), a sending account
    // stopped for its activity under 5.4.6 (no loop).
    (
        "541 5.4.1 Mail rejected by destination domain",
        Category::Reputation,
    ),
    (
        "Unable to send message;Reason:550 5.4.6 Unusual sending activity detected.",
        Category::Reputation,
    ),
    // A link rated by a web filter, an Office macro: the message's content.
    (
        "This email from IP 192.0.2.1 has been rejected. The email message was detected as spam.FortiGuard WebFilter(https://<url> (FortiGuard Category))",
        Category::Content,
    ),
    (
        "552 MS-Office file containing VBA macros found inside of the email",
        Category::Content,
    ),
    // A Chinese server's short replies with their glosses.
    ("550 user is locked. (邮箱被锁)", Category::Recipient),
    ("550 black ip. (发信IP被禁止)", Category::Reputation),
    ("553 host denies relay. (拒绝中继)", Category::Relay),
    ("555 helohost error.(helo 主机信息检查失败)", Category::Dns),
    (
        "551 5.7.1 Not authorised to send from this header address",
        Category::Auth,
    ),
    // A receiver's acceptable-use-policy code, AOL's dynamic-IP code.
    (
        "554 dnvrco-cmimta15 esmtp ESMTP server not available AUP#I-1010",
        Category::Reputation,
    ),
    (
        "421-: (DYN:T1)\nhttp://postmaster.info.aol.com/errors/421dynt1.html\n421 SERVICE NOT AVAILABLE",
        Category::Dns,
    ),
    // qmail's barred sender, a HELO name denied.
    (
        "553 sorry, your envelope sender is in my badmailfrom list (#5.7.1)",
        Category::Reputation,
    ),
    ("553 sorry, your HELO host name has been denied", Category::Dns),
    // BellSouth's own RBL in its directory.
    (
        "550 <0.0.0.0.> blocked by ldap:ou=rblmx, dc=bellsouth, dc=net",
        Category::Blocklist,
    ),
    // The sender's own machine may be infected: a block of the sender, not a virus found.
    (
        "554 5.7.1 Service unavailable; Client host [xxx.xxx.xxx.xxx] blocked you may be infected",
        Category::Reputation,
    ),
    // Gmail limits the rate because of the IP's very low reputation: the reputation decides.
    (
        "Our system has detected that this message is 421-4.7.0 suspicious due to the very low reputation of the sending IP address. 421-4.7.0 To protect our users from spam, mail sent from your IP address has 421-4.7.0 been temporarily rate limited. Please visit 421 4.7.0 for more information.",
        Category::Reputation,
    ),
    // Yahoo's TS03 code: all mail from the IP is deferred for good, a reputation block.
    (
        "421 4.7.1 [TS03] All messages from x.x.x.x permanently deferred",
        Category::Reputation,
    ),
    // sendmail's check that the connecting client's address has a name.
    (
        "<mail server name>#smtp;501 5.7.1 <sender's email address>...Sender\nIP must resolve",
        Category::Dns,
    ),
    // Security gateways' own wordings: Trend Micro's reputation service and InterScan,
    // VIPRE, Baruwa, smtpf, ASSP, and the backscatter and address checks of Exim's default
    // ACL that gateways built on it reuse.
    (
        "421 Temporary denial of connection for Zombie matches",
        Category::Reputation,
    ),
    ("550 5.7.1 Domain of forward path is not allowed", Category::Relay),
    ("550 Your domain is not configured to use this MX host", Category::Relay),
    // maddy's port 25 sends outgoing mail to the submission port (its 5.1.8 is no
    // sender-address refusal).
    (
        "RCPT error: reject 501 5.1.8 Use Submission for outgoing SMTP",
        Category::Relay,
    ),
    // Postfix's NXDOMAIN for the recipient's domain (without ", try again").
    (
        "<a@example.org>: Name service error for name=example.org type=MX: Host not\n    found",
        Category::Recipient,
    ),
    ("451 You can only send 10 msgs per 60 seconds", Category::RateLimit),
    ("550 5.7.1 Dictionary attack detected", Category::Reputation),
    (
        "550 5.7.1 host mx.example.zz [192.0.2.1] from unknown TLD",
        Category::Dns,
    ),
    (
        "550 5.7.1 sender <a@example.com> from RFC2606 reserved domain",
        Category::Dns,
    ),
    ("554 Service denied, closing transmission channel", Category::Reputation),
    ("550 Restricted characters in address", Category::Recipient),
    ("451 Recipient verification failed", Category::Recipient),
    // A relay's cap on simultaneous sessions; the destination's MX hosts are no list.
    (
        "421 4.4.5 Service unavailable, concurrency limit reached",
        Category::RateLimit,
    ),
    (
        "451 4.4.1 No answer from any hosts listed in MX",
        Category::Connection,
    ),
    // sendmail's temporary lookup failure of the recipient's domain.
    (
        "stat=host map: lookup (example.org): deferred",
        Category::Connection,
    ),
    (
        "550 Legitimate bounces are never sent to more than one recipient.",
        Category::Reputation,
    ),
    // Outlook.com's postmaster codes: a compromised sending machine (no virus found in the
    // message), and the Sender ID check of the sender's domain.
    (
        "550 DY-002 Mail rejected by Outlook.com for policy reasons. The likely cause is a compromised or virus infected server/personal computer.",
        Category::Reputation,
    ),
    (
        "550 command rejected due to Sender ID validation failure.",
        Category::Auth,
    ),
    // A policy refusal after MAIL FROM is no refusal of the sender's address, whatever
    // generic address words come before it; those words alone there are.
    (
        "<a@example.org>: host mx00.1and1.es[192.0.2.1] said: 550-Requested action not taken: mailbox unavailable 550-Reject due to policy restrictions. 550 For explanation visit http://postmaster.1and1.com/en/error-messages?ip=192.0.2.2&c=poli (in reply to MAIL FROM command)",
        Category::Reputation,
    ),
    (
        "<a@example.org>: host mx.example.org[192.0.2.1] said: 550 mailbox unavailable (in reply to MAIL FROM command)",
        Category::Dns,
    ),
    // Chinese for spam mail is a spam verdict ("该邮件被反垃圾系统认定为垃圾邮件").
    ("553 邮件被认定为垃圾邮件", Category::Reputation),
    // ... but NetEase's rate codes keep their rate when they also ask the sender to check
    // for spam.
    (
        "421 HL:IFC 该IP短期内发送了大量信件,超过了网易的限制,被临时禁止连接。请检查是否有用户发送病毒或者垃圾邮件",
        Category::RateLimit,
    ),
    // The IP's sending behaviour, and a sender not on the allowed list, in Chinese.
    ("554 HL:IHU 该IP的发送行为异常,被暂时挂起", Category::Reputation),
    ("450 WM:BLU 此用户不在网易允许的发信用户列表里", Category::Reputation),
    // Korean: the recipient blocked the sender.
    ("받는 사람이 메일을 수신차단 하였습니다", Category::Reputation),
    // RFC 1893's X.4.3 text as a provider's report prints it: the recipient's domain.
    ("Status: 5.4.3 Routing server failure", Category::Recipient),
    ("554 Rejected for security reasons", Category::Reputation),
    // NetEase's count of commands in a session over its limit.
    ("450 RP:CCL 发送方发送超出正常的指令数量", Category::RateLimit),
    // Spam named in other languages (Microsoft's translated NDR for a sender blocked as a
    // spam source): the cause is the words, not 5.1.8's generic meaning (the sender's
    // system address).
    (
        "Vanligtvis beror detta på att din e-postadress är misstänkt för att skicka skräppost. Fjärrservern returnerade '550 5.1.8 åtkomst nekad, felaktig utgående avsändare”.",
        Category::Reputation,
    ),
    (
        "Причина проблемы чаще всего связана с предположительной рассылкой нежелательной почты с вашего электронного адреса. Удаленный сервер вернул ошибку \"550 5.1.8. Отказано в доступе\".",
        Category::Reputation,
    ),
    (
        "Bunun en yaygın nedeni, e-posta adresinizin istenmeyen posta gönderdiğinden şüphelenilmiş olmasıdır. Uzak Sunucu '550 5.1.8 Erişim reddedildi döndürdü.",
        Category::Reputation,
    ),
    (
        "가장 일반적인 이유는 전자 메일 주소가 스팸 메일을 보내는 것으로 의심어서 더 이상 전자 메일을 보낼 수 없는 경우입니다. 원격 서버에서 '550 5.1.8 액세스가 거부되었습니다.",
        Category::Reputation,
    ),
    (
        "この最も一般的な理由は、メールアドレスがスパムを送信している疑いがあり、メールを送信することを許可されていないことです。 リモートサーバーが 「550 5.1.8 アクセスが拒否されました",
        Category::Reputation,
    ),
    (
        "这种情形最常见的原因是怀疑你的电子邮件地址正在发送垃圾邮件。 远程服务器返回“550 5.1.8 拒绝访问",
        Category::Reputation,
    ),
    (
        "最有可能發生此狀況的原因是您的電子郵件地址有傳送垃圾郵件的嫌疑。 遠端伺服器傳回「550 5.1.8 存取被拒",
        Category::Reputation,
    ),
    (
        "السبب الأكثر شيوعا لذلك هو أن عنوان البريد الإلكتروني الخاص بك مشتبه في إرسال البريد العشوائي. أرجع Remote Server '550 5.1.8",
        Category::Reputation,
    ),
    // GoDaddy's translated replies: a virus named in Polish is content; the recipient's
    // address refused in Indonesian and Chinese is the recipient, whatever 5.4.1 says.
    (
        "552 Wiadomość odrzucona, ponieważ zawiera spam lub wirusy",
        Category::Content,
    ),
    (
        "5.4.1 Alamat penerima ditolak: Akses ditolak",
        Category::Recipient,
    ),
    ("550 5.4.1 收件人地址被拒绝:访问被拒绝", Category::Recipient),
    // Gmail's current wording of its per-recipient rate (not 4.2.1's disabled mailbox).
    (
        "450 4.2.1 The user you are trying to contact is receiving email too quickly.",
        Category::RateLimit,
    ),
    // ... and as Google's help pages translate it into German and Portuguese.
    (
        "450, \"4.2.1\" – Der Nutzer, den Sie kontaktieren möchten, erhält zu rasch E-Mails.",
        Category::RateLimit,
    ),
    (
        "450 4.2.1 O usuário com quem você está tentando entrar em contato está recebendo e-mails muito rápido.",
        Category::RateLimit,
    ),
    // Hosting companies' own codes: Gandi's RULE1_n (virus) and RULE2_n (phishing, scam)
    // are content, its RULE3_n a spam verdict; MailChannels' [SS] a spammy subject; a
    // message without a subject; the AHBL a block list; recipients known to bounce.
    ("Reject for policy reason. RULE1_1", Category::Content),
    ("Reject for policy reason. RULE2_2", Category::Content),
    (
        "550 5.7.1  Reject for policy reason RULE3_2. See http://postmaster.gandi.net",
        Category::Reputation,
    ),
    ("550 5.7.1 [SS] error", Category::Content),
    ("5.2.1 Subject is Mandatory.", Category::Content),
    (
        "550 5.7.1 Host is on the AHBL - Please see",
        Category::Blocklist,
    ),
    (
        "Message cannot be sent. One or more recipients were previously reported as unknown.",
        Category::Recipient,
    ),
    // Proton's NDR in Traditional Chinese: the recipient's domain has no mail record.
    (
        "<a@example.org>：未找到主機或網域名稱。域名服務錯誤",
        Category::Recipient,
    ),
    // Postfix's templates in Vietnamese (Zing Mail): the message size, a lost connection.
    (
        "Dung lượng thư \"vượt giới hạn dung lương cho phép\" của máy chủ abcd.com [123.123.123.123]",
        Category::Content,
    ),
    (
        "Mất kết nối với abcd.com [123.123.123.123] *",
        Category::Connection,
    ),
    // Spam filters' refusals of the message's content: amavis's banned attachment,
    // rspamd's reply to the GTUBE test string, a banned file extension (a list word there
    // lists file types, not senders).
    (
        "554 5.7.0 Reject, id=124-1-11 - BANNED: multipart/signed | multipart/mixed | application/vnd.ms-excel,.doc,XXX.xls",
        Category::Content,
    ),
    ("554 5.7.1 Gtube pattern", Category::Content),
    (
        "554 5.7.1 Matched map: FORBIDDEN_FILE_EXTENSION",
        Category::Content,
    ),
    (
        "MSG-EXT: Blacklisted high risk file extension detected",
        Category::Content,
    ),
    // CiviCRM's bounce patterns: a mailbox whose owner moved on, a full mailbox in its
    // limit's words, an address not found, a host that cannot be reached.
    ("550 This address is no longer in use", Category::Recipient),
    ("550 My e-mail address has changed", Category::Recipient),
    ("550 User account suspended", Category::Recipient),
    ("550 The e-mail address you entered couldn't be found", Category::Recipient),
    ("550 Missing or malformed local part", Category::Recipient),
    ("550 Unable to resolve MX record for example.com", Category::Recipient),
    ("550 Invalid e-mail address", Category::Recipient),
    ("552 Mailbox has exceeded the limit", Category::MailboxFull),
    ("552 No space left for this user", Category::MailboxFull),
    ("421 Server is down or unreachable", Category::Connection),
    ("451 all hosts have been failing", Category::Connection),
    (
        "Sorry, I wasn't able to establish an SMTP connection",
        Category::Connection,
    ),
    // Node-based MTAs print Node's socket and resolver codes: a connection failure, and
    // the resolver's SERVFAIL (a failed lookup, as "Host not found, try again").
    (
        "550 connect EADDRNOTAVAIL 157.245.9.156:443 - Local (138.197.213.185:0)",
        Category::Connection,
    ),
    (
        "550 queryTxt ESERVFAIL example.info",
        Category::Connection,
    ),
    // Microsoft 365's outbound policy will not forward outside the tenant: a relay
    // refusal of the sender's own server, not a policy block.
    (
        "Remote Server returned '550 5.7.520 Access denied, Your organization does not allow external forwarding. Please contact your administrator for further assistance. AS(7555)'",
        Category::Relay,
    ),
    // ESPs' drops of a recipient on their own suppression lists: the recipient, whatever
    // spam, policy or list words the drop gives as its reason.
    ("Not delivering to unsubscribed address", Category::Recipient),
    (
        "Not delivering to a user who marked your messages as spam",
        Category::Recipient,
    ),
    ("\"error_related_to\": \"mailjet\", \"error\": \"preblocked\"", Category::Recipient),
    ("\"reason\": \"Unsubscribed Address\", \"event\": \"dropped\"", Category::Recipient),
    (
        "554 5.7.1 recipient address suppressed due to customer policy",
        Category::Recipient,
    ),
    ("blocked : due to blacklist user", Category::Recipient),
    ("Recipient added to suppression list (too many hard fails).", Category::Recipient),
    (
        "Recipient (someone@example.org) is on the suppression list",
        Category::Recipient,
    ),
    (
        "550 5.7.1 Your mail service is not authorized to send emails on your behalf: update your domain's DMARC policy",
        Category::Auth,
    ),
    ("421 Sending volume too high, try again later", Category::RateLimit),
    (
        "450 4.2.0 The email account that you tried to reach is temporarily unavailable. - gsmtp",
        Category::Recipient,
    ),
    (
        "452 4.2.2 The email account that you tried to reach is over quota. Please direct the recipient to Clear Google Drive space - gsmtp",
        Category::MailboxFull,
    ),
    (
        "The recipient's email provider sent a hard bounce message, but didn't specify the reason for the hard bounce. Sending messages to addresses that produce hard bounces can have a negative impact on your reputation as a sender.",
        Category::Recipient,
    ),
    (
        "\"blocked\": true, \"error\": \"invalid domain\"",
        Category::Recipient,
    ),
    ("\"blocked\": true, \"error\": \"typofix\"", Category::Recipient),
    // A recipient's domain without MX in ESPs' words (Brevo, SendGrid).
    ("Unable to find MX of domain example.org", Category::Recipient),
    (
        "unable to get mx info: failed to get IPs from PTR record",
        Category::Recipient,
    ),
    // Content refused in ESPs' words (Mailjet's error, Amazon SES's Reject event).
    ("error: content blocked", Category::Content),
    ("\"reject\": { \"reason\": \"Bad content\" }", Category::Content),
    // Mail servers' own templates: FTGate's session cap and EHLO check, SmarterMail's
    // domain out of disk space (not a message size), cmail's unreachable MXes.
    ("451 4.5.1 [%s] Max concurrent sessions (#1.04)", Category::RateLimit),
    ("451 4.9.9 %s Invalid EHLO (#3.12)", Category::Dns),
    (
        "Reason: The domain size limit has been exceeded",
        Category::MailboxFull,
    ),
    ("Failure to reach any MX", Category::Connection),
    // hMailServer's EHLO syntax check and FTGate's quota error (words the other way round
    // from "exceeded storage allocation").
    ("501 EHLO Invalid domain address.", Category::Dns),
    ("501 HELO Invalid domain address.", Category::Dns),
    ("Allocated mailbox storage exceeded (#1.02)", Category::MailboxFull),
    // Western European receivers' own words: a client connecting too often (Ghent
    // University), a sender domain used from a server its SPF record does not list
    // (Cleanmail), Italian "cannot find them" of the addressees (TIM webmail).
    ("421 Connection rate exceeded for 192.0.2.1", Category::RateLimit),
    ("550 5.7.1 Forged sender domain example.com", Category::Auth),
    (
        "Impossibile trovarlo: a@example.org non è un indirizzo valido",
        Category::Recipient,
    ),
    // Campaign panels' and sending tools' words: a malformed header (a MIME field), a
    // From address the login does not own, a relay's key header, a malformed recipient
    // in another command's words, a temporary refusal after a recipient prefix.
    ("554 Malformed MIME field: Subject", Category::Content),
    ("553 From address is not one of your addresses", Category::Auth),
    ("530 Invalid header X-ApiKey", Category::Auth),
    ("501 RCPT TO syntax error", Category::Recipient),
    ("554 Mail refused by the scanner", Category::Content),
    ("SMTP Error: data not accepted.", Category::Other),
    (
        "Remote end 192.0.2.1:25 closed connection while we were processing mail.",
        Category::Connection,
    ),
    (
        "550 5.7.1 Este mensaje infringe la política de example.com - gcdp - gsmtp",
        Category::Content,
    ),
    ("553 5.1.3 Malformed recipient address", Category::Recipient),
    (
        "Recipient address rejected: Please try again later",
        Category::Other,
    ),
    // Big mailbox providers' current replies: a sender over a per-recipient limit and an
    // account over its sending quota (Microsoft), a recipient unavailable for now
    // (Comcast), the receiver's own trouble under a 4.7.x code, a recipient's own block
    // (Tencent), a submission server that takes no recipient for this sender (BT), a
    // header check (web.de).
    (
        "554 5.2.121 Sender exceeded the limit for the number of messages to one recipient",
        Category::RateLimit,
    ),
    ("554 5.2.0 Actual verdict is RefuseQuota", Category::RateLimit),
    ("450 4.2.0 <a@example.net> Recipient temporarily unavailable", Category::Recipient),
    ("451 4.7.1 The service is currently unavailable", Category::Other),
    ("450 4.7.0 Message not proxied", Category::Other),
    ("550 Your mail is rejected by recipients", Category::Recipient),
    ("550 5.7.1 Recipient not authorized", Category::Relay),
    ("550 Reject due to policy restrictions (header based)", Category::Content),
    // Hosts' and control panels' own refusals: a From domain the host does not serve, a
    // sending domain whose outgoing mail the panel suspended or holds, a sending IP
    // without a PTR record in the other word order, Exchange's refused EHLO argument, a
    // Cox-style temporary block of the IP, qmail's refusal by a filter in qmail-queue's
    // place.
    ("554 5.7.1 <a@example.net>: Sender domain not allowed here", Category::Auth),
    (
        "550 Domain example.org has an outgoing mail suspension",
        Category::Reputation,
    ),
    ("451 Domain example.org has an outgoing mail hold", Category::Reputation),
    ("550 No DNS reverse record for 192.0.2.1", Category::Dns),
    ("501 Invalid domain name", Category::Dns),
    ("421 cmsmtp 192.0.2.1 blocked. AUP#CDRBL", Category::Blocklist),
    (
        "Remote host said: 554 mail server permanently rejected message (#5.3.0)",
        Category::Reputation,
    ),
    // A host's outgoing filter by a rule on the headers, and a smarthost's access list
    // refusing a From domain the SMTP user may not use.
    ("550 5.7.1 Message rejected by headers rule", Category::Content),
    ("550 [ACL] Blocked. See the report", Category::Auth),
    // Cause words in other languages (a size refusal's "too big" and "size", a block, an
    // address that no longer takes mail, a barred IP), in other wordings than the replies
    // that brought them.
    ("552 Die E-Mail ist zu groß", Category::Content),
    ("552 La pièce jointe est trop volumineuse", Category::Content),
    ("552 Allegati troppo grandi", Category::Content),
    ("552 Het bericht is te groot", Category::Content),
    ("552 Размер письма слишком велик", Category::Content),
    ("552 メールのサイズが上限を超えています", Category::Content),
    ("552 附件超过大小限制", Category::Content),
    ("552 El archivo adjunto es demasiado grande", Category::Content),
    ("552 O anexo é muito grande", Category::Content),
    ("552 Meddelandet är för stort", Category::Content),
    ("552 메일 크기 제한을 초과했습니다", Category::Content),
    // ... but a mailbox's size or capacity is its quota.
    ("552 メールボックスのサイズが上限を超えています", Category::MailboxFull),
    ("452 メールボックスの容量を超えています", Category::MailboxFull),
    ("552 메일함 용량이 초과되었습니다", Category::MailboxFull),
    ("552 메일함 크기 제한을 초과했습니다", Category::MailboxFull),
    ("550 Cette adresse n'accepte plus de courrier", Category::Recipient),
    ("554 Destination alice@example.org is not found", Category::Recipient),
    ("送信したメールは受信側でブロックされました", Category::Reputation),
    ("554 Your IP is forbidden", Category::Reputation),
    ("550 Sending for this account is disabled", Category::Reputation),
    // The lexicon of other languages (a size refusal, a full mailbox, an unknown
    // recipient, junk mail), one other wording per stem.
    ("552 Příloha je příliš velká", Category::Content),
    ("552 Príloha je príliš veľká", Category::Content),
    ("552 A csatolmány túl nagy", Category::Content),
    ("552 Atașamentul este prea mare", Category::Content),
    ("552 Vedhæftningen er for stor", Category::Content),
    ("552 Priedas per didelis", Category::Content),
    ("552 Privitak je prevelik", Category::Content),
    ("552 Вкладення занадто велике", Category::Content),
    ("552 Załącznik jest za duży", Category::Content),
    ("552 Lampiran terlalu besar", Category::Content),
    ("552 Tệp đính kèm quá lớn", Category::Content),
    ("552 您的邮件过大，请压缩附件后重试", Category::Content),
    ("552 Вкладення завелике", Category::Content),
    ("552 Прилог је превелик", Category::Content),
    ("552 Ek dosya çok büyük", Category::Content),
    ("552 پیوست خیلی بزرگ است", Category::Content),
    ("552 সংযুক্তি অতিরিক্ত বড়", Category::Content),
    ("452 4.2.2 La messagerie du destinataire est pleine", Category::MailboxFull),
    ("452 4.2.2 La bandeja de entrada está llena: el buzón está lleno", Category::MailboxFull),
    ("452 Quota superata per la casella di posta", Category::MailboxFull),
    ("452 A caixa de entrada está cheia", Category::MailboxFull),
    ("452 Skrzynka odbiorcy jest pełna", Category::MailboxFull),
    ("452 Skrzynka pocztowa przepełniona", Category::MailboxFull),
    ("452 Adresát má plnou schránku", Category::MailboxFull),
    ("452 A címzett postafiókja megtelt", Category::MailboxFull),
    ("452 Почтовый ящик получателя переполнен", Category::MailboxFull),
    ("452 Alıcının posta kutusu dolu", Category::MailboxFull),
    ("452 Hộp thư người nhận bị đầy", Category::MailboxFull),
    ("452 收件人邮箱已满", Category::MailboxFull),
    ("452 相手のメールボックスが一杯です", Category::MailboxFull),
    ("452 받는 사람의 메일함이 가득 찼습니다", Category::MailboxFull),
    ("550 Destinatário desconhecido", Category::Recipient),
    ("550 Ontvanger onbekend", Category::Recipient),
    ("550 Utilizator necunoscut", Category::Recipient),
    ("550 Ismeretlen címzett", Category::Recipient),
    ("550 Uživatel neznámý", Category::Recipient),
    ("550 宛先不明のため配信できませんでした", Category::Recipient),
    ("550 收件人地址不存在", Category::Recipient),
    ("550 5.1.1 anna wurde nicht in example.org gefunden", Category::Recipient),
    ("550 宛先のユーザーが見つかりません", Category::Recipient),
    ("550 5.1.3 無効な受信者アドレスです", Category::Recipient),
    ("550 Mensaje rechazado por ser correo no deseado", Category::Reputation),
    ("550 Message refusé : courrier indésirable", Category::Reputation),
    ("550 Messaggio rifiutato come posta indesiderata", Category::Reputation),
    ("550 Bericht geweigerd: ongewenste e-mail", Category::Reputation),
    // Security gateways and filtering services: a delivery taken as a submission needing
    // a login (a relay refusal), a header check, a bounce to several recipients
    // (backscatter, whatever "Recipient address rejected" says), a loop check, and
    // "antispam" as a word (not inside a filtering service's host or header name).
    (
        "553 5.7.1 Message submission is for authorized users only",
        Category::Relay,
    ),
    ("451 4.7.1 Deferred by header checks", Category::Content),
    (
        "550 5.5.3 <a@example.org>: Recipient address rejected: Multi-recipient bounce",
        Category::Reputation,
    ),
    ("554 5.4.6 Loop detected", Category::Other),
    ("550 5.7.1 Rejected by the antispam filter", Category::Reputation),
    (
        "554 5.5.6 Loop detection > 10 mal X-antispameurope-disclaimer",
        Category::Other,
    ),
    // A challenge-response filter: delivery once the sender confirms.
    (
        "550 Your message is held. To have it delivered, click on this link: https://cr.example.net/confirm?id=1",
        Category::Reputation,
    ),
    // Delivery servers' deferrals: a mailbox flooded with mail (GMX's "mail bomb"), a
    // sending platform suspending its own IP after pushback.
    ("421 Mail bomb detected for this mailbox, please retry later", Category::RateLimit),
    (
        "451 4.3.0 Your sending IP temporarily suspended, retry in 30 minutes",
        Category::RateLimit,
    ),
    // A greeting refusal for the receiver's own broken set-up: its trouble, no refused
    // connection.
    (
        "host mx.example.org[192.0.2.1] refused to talk to me: 421 Configuration problem on this host",
        Category::Other,
    ),
    // Sending code's own relays and applications: an envelope sender the client may not
    // use, a From domain the account may not put in its headers, a HELO without a
    // domain, a quoted header name missing, a header the application cannot read, a
    // recipient argument that is no address.
    ("553 Sender not allowed: a@example.net", Category::Auth),
    ("550 Sending domain not allowed in header From", Category::Auth),
    ("501 5.0.0 EHLO requires domain address", Category::Dns),
    ("550 5.6.0 Required 'From' header not present", Category::Content),
    ("550 Rejected: invalid header format", Category::Content),
    ("501 Cannot parse to address <a@>", Category::Recipient),
    // An administrator's rule refused the message; NiX Spam named with its space.
    ("5.x.0 - Message bounced by administrator", Category::Reputation),
    ("550 Message rejected by administrator", Category::Reputation),
    ("550 Your e-mail service was detected by mx.example.net (NiX Spam) as spamming", Category::Blocklist),
    // A relay that gave up after its attempts: the delivery expired.
    ("Reason: multiple delivery attempts failed", Category::Connection),
];

#[test]
fn each_wording_gives_its_cause() {
    let ctx = Context::default();
    let wrong: Vec<String> = CASES
        .iter()
        .filter_map(|(text, want)| {
            let got = classify(text, &ctx);
            (got.category != *want).then(|| {
                format!(
                    "{text}: want {}, got {} [{}]",
                    want.as_str(),
                    got.category.as_str(),
                    got.rule
                )
            })
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// An EHLO transcript lists STARTTLS among the extensions: that is no TLS failure.
#[test]
fn starttls_offered_in_a_transcript_is_no_tls_failure() {
    let text = " Out: 250-PIPELINING\n Out: 250-STARTTLS\n Out: 250 CHUNKING\n In:  DATA\n Out: 451 4.3.0 Error: queue file write error\n";
    let got = classify(text, &Context::default());
    assert_ne!(got.category, Category::Tls, "{}", got.rule);
}

/// SendGrid's events carry a `"tls"` key: its value is no TLS failure.
#[test]
fn a_json_tls_key_is_no_tls_failure() {
    let text = "{\"event\": \"bounce\", \"reason\": \"550 5.1.1 user unknown\", \"tls\": 0}";
    let got = classify(text, &Context::default());
    assert_eq!(got.category, Category::Recipient, "{}", got.rule);
    assert!(classify("454 4.7.0 TLS not available", &Context::default()).category == Category::Tls);
}
