//! What the reference says about each blocklist the classifier names: how a listing is
//! looked up, how delisting works, and whether the list still exists, each fact with the
//! page that states it; and a real bounce that cites the list.

use super::providers::{fact, Fact};
use crate::model::{Blocklist, Isp};

/// The facts of one blocklist.
pub(crate) struct ListRow {
    pub list: Blocklist,
    pub summary: &'static str,
    /// `false` for a list that no longer exists (a citation means a stale set-up).
    pub active: bool,
    pub facts: &'static [Fact],
    /// The receiver of the example, if it names one.
    pub isp: Option<Isp>,
    /// A real bounce citing the list (`None`: none published that we could check).
    pub example: Option<(&'static str, &'static str)>,
}

const SFM_550: &str = "https://smtpfieldmanual.com/code/550";
const SPAMHAUS_SBL: &str = "https://www.spamhaus.org/sbl/delistingprocedure/";
const SPAMHAUS_PORTAL: &str = "https://www.spamhaus.com/resource-center/view-request-and-manage-ip-domain-removals-from-the-customer-portal";
const SPAMCOP: &str = "https://www.spamcop.net/bl.shtml";
const CLOUDMARK: &str = "http://csi.cloudmark.com/reasons-admin.php";

/// Every blocklist the classifier names.
pub(crate) const LISTS: &[ListRow] = &[
    ListRow {
        list: Blocklist::Spamhaus,
        summary: "The Spamhaus Project's blocklists: SBL, XBL, CSS, PBL (IPs, queried together as zen.spamhaus.org) and DBL (domains).",
        active: true,
        facts: &[
            fact("Look up", "Look the IP or domain up in the Spamhaus checker: it says which list holds it and why.", "https://check.spamhaus.org/", SPAMHAUS_PORTAL),
            fact("Delisting (SBL)", "An SBL listing is removed only at the request of the ISP responsible for the IP, by email to the SBL team from the listing's record page, once the spam problem has stopped.", SPAMHAUS_SBL, SPAMHAUS_SBL),
            fact("Delisting (other lists)", "For XBL, CSS or PBL, take the remediation steps the checker gives, then request removal there; while an SBL listing exists these cannot be removed.", "https://check.spamhaus.org/", SPAMHAUS_PORTAL),
        ],
        isp: None,
        example: Some(("550 5.7.1 Service unavailable, Client host [x.xx.xx.xx] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/0.0.0.0 (AS16012611)", SFM_550)),
    },
    ListRow {
        list: Blocklist::Barracuda,
        summary: "The Barracuda Reputation Block List (BRBL, b.barracudacentral.org), used by Barracuda's gateways and other receivers.",
        active: true,
        facts: &[
            fact("Look up and delisting", "Barracuda Central looks an IP up in the BRBL and takes removal requests for listed IPs.", "https://www.barracudacentral.org/rbl", "https://www.barracudacentral.org/rbl"),
        ],
        isp: None,
        example: Some(("554-Service unavailable; Client host [bl11-253-215.dsl.telepac.pt] blocked using\n554-Barracuda Reputation;\n554 http://www.barracudanetworks.com/reputation/?r=1&ip=85.244.xxx.yyy", "https://github.com/getconversio/email-deep-validator/pull/20")),
    },
    ListRow {
        list: Blocklist::Spamcop,
        summary: "The SpamCop Blocking List (SCBL, bl.spamcop.net): IPs that sent mail reported by SpamCop users and spam traps.",
        active: true,
        facts: &[
            fact("Look up", "SpamCop's blocking list page looks an IP up.", SPAMCOP, SPAMCOP),
            fact("Delisting", "The SCBL is time-based: a listing is removed automatically and quickly once the reports stop.", SPAMCOP, SPAMCOP),
        ],
        isp: None,
        example: Some(("550-\"JunkMail rejected - [hostname] [11.2.3.4]:24706 is in an RBL: Blocked - see https://www.spamcop.net/bl.shtml?1.2.3.4\"", "https://github.com/zone-eu/zone-mta/pull/251")),
    },
    ListRow {
        list: Blocklist::Sorbs,
        summary: "The Spam and Open Relay Blocking System (SORBS, dnsbl.sorbs.net), run by Proofpoint until it was closed.",
        active: false,
        facts: &[
            fact("Closed", "Proofpoint decommissioned SORBS on 5 June 2024; the service no longer contains reputation data. A receiver still citing it has a stale configuration: there is nothing to delist, the receiver must stop querying it.", "https://www.techzine.eu/news/security/120916/proofpoint-discontinues-anti-spam-service-sorbs/", "https://www.techzine.eu/news/security/120916/proofpoint-discontinues-anti-spam-service-sorbs/"),
        ],
        isp: None,
        example: None,
    },
    ListRow {
        list: Blocklist::Uceprotect,
        summary: "UCEPROTECT's three lists: Level 1 (single IPs, dnsbl-1.uceprotect.net), Level 2 (allocations around listed IPs) and Level 3 (whole networks by ASN).",
        active: true,
        facts: &[
            fact("Look up", "UCEPROTECT's checker shows the level at which an IP is listed.", "https://www.uceprotect.net/en/rblcheck.php", "https://www.uceprotect.net/en/rblcheck.php"),
            fact("Delisting", "Listings expire automatically once the spam stops; UCEPROTECT offers an expedited delisting for a fee, for some levels only.", "https://www.uceprotect.net/en/rblcheck.php", "https://whatismyipaddress.com/uceprotect"),
        ],
        isp: None,
        example: Some(("550-Blacklisted in dnsbl-3.uceprotect.net: 550-Your ISP AMAZON-02 - Amazon.com Inc. US/AS16509 is UCEPROTECT-Level3 550-listed for hosting a total of XXXXX abusers.", "https://success.trendmicro.com/solution/000235041")),
    },
    ListRow {
        list: Blocklist::Invaluement,
        summary: "Invaluement's subscription blocklists (ivmSIP, ivmSIP/24 for IPs, ivmURI for domains in messages).",
        active: true,
        facts: &[
            fact("About", "Invaluement's site describes its lists and how receivers subscribe.", "https://www.invaluement.com/", "https://www.invaluement.com/"),
        ],
        isp: None,
        example: None,
    },
    ListRow {
        list: Blocklist::Microsoft,
        summary: "Microsoft's own block lists: Outlook.com's (code S3150 or S3140 in the reply) and Microsoft 365's banned senders (5.7.606-649, 5.7.510-512).",
        active: true,
        facts: &[
            fact("Delisting (Microsoft 365)", "A 5.7.606-649 reply names the delist portal: request removal at sender.office.com and follow the directions.", "https://sender.office.com/", "https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online"),
            fact("Outlook.com", "For Outlook.com's list (S3150), Microsoft's sender support site is the starting point; SNDS shows how it rates your IPs.", "https://sendersupport.olc.protection.outlook.com/", MS_SERVICES),
        ],
        isp: Some(Isp::Outlook),
        example: Some(("550 5.7.1 Unfortunately, messages from [x.xx.xx.xx] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [#.eop-nam02.prod.protection.outlook.com]", SFM_550)),
    },
    ListRow {
        list: Blocklist::Proofpoint,
        summary: "Proofpoint's reputation service (Proofpoint Dynamic Reputation), used by Proofpoint's gateways and by iCloud Mail.",
        active: true,
        facts: &[
            fact("Look up", "Proofpoint's replies link its IP check page, which looks the IP up.", "https://ipcheck.proofpoint.com/", "https://ipcheck.proofpoint.com/"),
        ],
        isp: None,
        example: Some(("550 5.7.1 Service unavailable; client [x.xx.xx.xx] blocked using prs.proofpoint.com", SFM_550)),
    },
    ListRow {
        list: Blocklist::Cloudmark,
        summary: "Cloudmark Sender Intelligence (CSI), a sender reputation service used by many ISPs.",
        active: true,
        facts: &[
            fact("Delisting", "CSI is a reputation service, not a block list: Cloudmark resets an IP's statistics instead of removing it. Fill in the reset request form and answer its confirmation email; a first request is typically honoured, usually within a business day.", "https://csi.cloudmark.com/", CLOUDMARK),
        ],
        isp: None,
        example: Some(("550 5.7.1 Service unavailable; client [x.xx.xx.xx] blocked using Cloudmark Sender Intelligence (Visit http://csi.cloudmark.com/reset-request/ if you feel this is in error)", SFM_550)),
    },
    ListRow {
        list: Blocklist::Mimecast,
        summary: "Mimecast's own reputation lists, applied by Mimecast's gateways for their customers.",
        active: true,
        facts: &[],
        isp: Some(Isp::Other),
        example: Some(("550 csi.mimecast.org Poor Reputation Sender. - https://community.mimecast.com/docs/DOC-1369#550 [vH7Ns8biNg-p6EfZ0QaVMQ.us149]", "https://github.com/zone-eu/zone-mta/blob/master/config/bounces.txt")),
    },
    ListRow {
        list: Blocklist::Other,
        summary: "Any other list a reply cites: a DNSBL zone, a \"blocked using\" or \"listed at\" phrase, or a receiver's own list.",
        active: true,
        facts: &[],
        isp: None,
        example: Some(("554 5.7.1 Service unavailable; Client host [] blocked using ix.dnsbl.manitu.net", "https://support.onesystems.ch/722126-%C3%9Cbersicht-h%C3%A4ufig-vorkommender-Fehlermeldungen")),
    },
];

const MS_SERVICES: &str = "http://postmaster.msn.com/Services.aspx";
