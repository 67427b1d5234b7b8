//! Builds the real site (the repo's content/ and themes/) and checks that every fact of
//! the provider's Incident Response Guide reaches it: the four levels with their
//! definitions, contact methods and coverage, the address and phone number, the six
//! report items, the five process steps with their timings, the three incident types
//! with their timings, and the emergency contact. The facts are written here from the
//! guide's source text (`seed/incident-response-guide.txt`), not read from the data file,
//! so a wrong edit of the data is caught.
//!
//! The build runs on a copy of the site without its widget (`common::real_site`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::common::real_site::build_real_site;

const EMAIL: &str = "infrastructure@cloudserverforemail.com";
const PHONE: &str = "+372 602-7190";
const PHONE_TEL: &str = "+3726027190";

/// The built site: output path -> raw file text (HTML, JSON, XML, ...).
struct Site {
    files: BTreeMap<String, String>,
}

impl Site {
    fn html(&self, path: &str) -> &str {
        self.files
            .get(path)
            .unwrap_or_else(|| panic!("{path} was not built; built: {:?}", self.files.keys()))
    }

    /// The page's visible text, normalised (see `normalise`).
    fn text(&self, path: &str) -> String {
        normalise(&strip_tags(self.html(path)))
    }

    fn html_pages(&self) -> impl Iterator<Item = (&String, &String)> {
        self.files.iter().filter(|(p, _)| p.ends_with(".html"))
    }
}

fn build_site() -> Site {
    Site {
        files: build_real_site(str::to_string),
    }
}

fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(build_site)
}

/// Block-level elements: their tags separate words; inline tags do not.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Removes tags, comments, scripts and styles; decodes the entities markup uses.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let name: String = rest[1..]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let end_marker = if rest.starts_with("<!--") {
            "-->"
        } else if name == "script" && !rest.starts_with("</") {
            "</script>"
        } else if name == "style" && !rest.starts_with("</") {
            "</style>"
        } else {
            ">"
        };
        match rest.find(end_marker) {
            Some(j) => rest = &rest[j + end_marker.len()..],
            None => rest = "",
        }
        if BLOCK_TAGS.contains(&name.as_str()) {
            out.push(' ');
        }
    }
    out.push_str(rest);
    decode_entities(&out)
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        // Bytes, not `&rest[..12]`: the 12th byte may fall inside a character.
        let Some(semi) = rest.bytes().take(12).position(|b| b == b';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..semi];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            _ if name.starts_with("#x") || name.starts_with("#X") => {
                u32::from_str_radix(&name[2..], 16)
                    .ok()
                    .and_then(char::from_u32)
            }
            _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Collapses whitespace and maps typographic dashes and quotes to ASCII, so a fact
/// matches whether markdown's smart punctuation touched it or not.
fn normalise(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{00A0}' => ' ',
            c => c,
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn assert_has(haystack: &str, needle: &str, what: &str) {
    let needle = normalise(needle);
    assert!(
        haystack.contains(&needle),
        "{what}: missing {needle:?}\n--- text ---\n{haystack}"
    );
}

/// Asserts the needles appear in this order.
fn assert_in_order(haystack: &str, needles: &[&str], what: &str) {
    let mut from = 0;
    for needle in needles {
        let needle = normalise(needle);
        match haystack[from..].find(&needle) {
            Some(i) => from += i + needle.len(),
            None => panic!("{what}: {needle:?} missing or out of order\n--- text ---\n{haystack}"),
        }
    }
}

/// The table rows (`<tr>...</tr>`) of a page, as normalised text.
fn table_rows(html: &str) -> Vec<String> {
    html.split("<tr")
        .skip(1)
        .map(|chunk| {
            normalise(&strip_tags(&format!(
                "<tr{}",
                chunk.split("</tr>").next().unwrap()
            )))
        })
        .collect()
}

const GUIDE: &str = "incident-response/index.html";

/// One row of the guide's level table: id, name, definitions, contact method facts,
/// coverage.
type LevelRow = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static str,
);

const LEVELS: &[LevelRow] = &[
    (
        "P1",
        "Critical",
        &[
            "Full service outage",
            "PowerMTA not delivering",
            "MailWizz inaccessible",
        ],
        &[EMAIL, "URGENT", PHONE],
        "24/7",
    ),
    (
        "P2",
        "High",
        &[
            "Major delivery degradation >30%",
            "Active blacklisting",
            "Gmail 5xx block at volume",
        ],
        &[EMAIL, "P2 INCIDENT"],
        "24/7 monitoring",
    ),
    (
        "P3",
        "Medium",
        &[
            "Deferral rate 10–30% at one ISP",
            "SNDS Yellow status",
            "Complaint spike",
        ],
        &[EMAIL],
        "business hours",
    ),
    (
        "P4",
        "Low",
        &[
            "Configuration questions",
            "Reporting queries",
            "Minor issues",
        ],
        &[EMAIL],
        "business hours",
    ),
];

fn check_level_rows(page: &str) {
    let rows = table_rows(site().html(page));
    for (id, name, definitions, contact, coverage) in LEVELS {
        let row = rows
            .iter()
            .find(|r| r.starts_with(&format!("{id} {name}")))
            .unwrap_or_else(|| panic!("{page}: no table row for {id} {name}; rows: {rows:#?}"));
        for fact in definitions.iter().chain(contact.iter()).chain([coverage]) {
            assert_has(row, fact, &format!("{page}, row {id}"));
        }
        // Only P1 asks for a call, and only P1/P2 carry a subject tag.
        assert_eq!(
            row.contains(PHONE),
            *id == "P1",
            "{page}, row {id}: phone only for P1: {row}"
        );
    }
}

#[test]
fn guide_page_has_title_subtitle_and_introduction() {
    let text = site().text(GUIDE);
    assert_has(&text, "Incident Response Guide", "guide title");
    assert_has(
        &text,
        "How to report and respond to infrastructure and deliverability incidents",
        "guide subtitle",
    );
    assert_has(
        &text,
        "This guide describes what to do when you experience a deliverability problem, \
         infrastructure issue, or security event. It covers how to contact us, what to include \
         in your report, and what to expect from the Cloud Server for Email incident response process.",
        "guide introduction",
    );
}

#[test]
fn severity_levels_with_definitions_contacts_and_coverage() {
    check_level_rows(GUIDE);
    check_level_rows("sla/index.html");
    check_level_rows("contact/index.html");
}

#[test]
fn contact_links_use_the_subject_tags_and_the_phone_number() {
    let html = site().html(GUIDE);
    for link in [
        format!("href=\"mailto:{EMAIL}?subject=URGENT\""),
        format!("href=\"mailto:{EMAIL}?subject=P2%20INCIDENT\""),
        format!("href=\"tel:{PHONE_TEL}\""),
    ] {
        assert!(html.contains(&link), "{GUIDE}: no {link}");
    }
}

#[test]
fn the_six_report_items_in_order() {
    let items = [
        "Your sending domain(s) affected",
        "Approximate time the problem started",
        "Exact bounce message text or error (copy-paste, not screenshot if possible)",
        "Recent changes: new campaign, list change, configuration change?",
        "Which ISPs are affected (Gmail only? All ISPs?)",
        "Current deferral rate or error rate from MailWizz statistics",
    ];
    assert_has(
        &site().text(GUIDE),
        "What to Include in an Incident Report",
        GUIDE,
    );
    for page in [GUIDE, "contact/index.html", "index.html"] {
        let text = site().text(page);
        assert_in_order(&text, &items, &format!("{page}: report items"));
    }
}

#[test]
fn the_five_process_steps_with_their_timings_in_order() {
    let steps = [
        "Acknowledgment",
        "We acknowledge within SLA response time. You receive confirmation that an engineer is investigating.",
        "Initial Assessment",
        "We review accounting logs, Postmaster Tools, SNDS, blacklist status. This takes 15–30 minutes for P1/P2.",
        "Containment",
        "We take immediate containment actions: pause affected ISP delivery, reroute traffic, or reduce volume.",
        "Root Cause + Fix",
        "We identify and fix the root cause. Changes are monitored for 2–4 hours to confirm effectiveness.",
        "Post-Incident Report",
        "P1/P2 incidents receive a written report: what happened, root cause, fix applied, prevention measures.",
    ];
    let text = site().text(GUIDE);
    assert_has(&text, "Incident Response Process", "process heading");
    assert_in_order(&text, &steps, "process steps");
    // The SLA page lists the same timings.
    let sla = site().text("sla/index.html");
    for timing in [
        "15–30 minutes",
        "2–4 hours",
        "24–48 hours",
        "within 2 hours",
        "same-day",
    ] {
        assert_has(&sla, timing, "SLA page timings");
    }
}

const INCIDENT_TYPES: &[(&str, &str, &[&str])] = &[
    (
        "incidents/blacklisting/index.html",
        "Blacklisting (Spamhaus, Barracuda, etc.)",
        &[
            "Forward the exact bounce message containing the blacklist reference.",
            "We verify the listing, investigate root cause, and submit the removal request.",
            "Most major blacklist removals process within 24–48 hours of a valid request.",
        ],
    ),
    (
        "incidents/gmail-rejections/index.html",
        "Gmail 5.7.x Rejections at Volume",
        &[
            "Authentication failure",
            "policy block",
            "Forward the exact bounce message.",
            "We diagnose the authentication configuration within 2 hours and repair same-day.",
        ],
    ),
    (
        "incidents/snds-outlook/index.html",
        "SNDS Yellow/Red (Outlook Delivery Problems)",
        &[
            "Report via email with your SNDS screenshot.",
            "SNDS remediation involves identifying the traffic segment driving elevated complaint \
             rates and removing those subscribers before requesting SNDS improvement.",
        ],
    ),
];

#[test]
fn the_three_incident_types_on_the_guide_and_on_their_own_pages() {
    let guide = site().text(GUIDE);
    assert_has(&guide, "Common Incident Types", "guide");
    for (page, name, facts) in INCIDENT_TYPES {
        assert_has(&guide, name, "guide: incident type");
        let own = site().text(page);
        for fact in *facts {
            assert_has(&guide, fact, &format!("guide: {name}"));
            assert_has(&own, fact, page);
        }
    }
}

#[test]
fn incident_pages_show_real_bounces_classified_at_build() {
    for (page, _, _) in INCIDENT_TYPES {
        let html = site().html(page);
        let examples = html.matches("<figure class=\"bounce\"").count();
        assert!(examples >= 2, "{page}: {examples} bounce examples");
        for badge in html.split("<figure class=\"bounce\"").skip(1) {
            assert!(
                ["P1", "P2", "P3", "P4"]
                    .iter()
                    .any(|s| badge.contains(&format!(">{s}</span>"))),
                "{page}: a bounce example without a severity"
            );
        }
    }
}

#[test]
fn gmail_5_7_28_is_corrected_where_the_guide_was_wrong() {
    for page in [GUIDE, "incidents/gmail-rejections/index.html"] {
        let text = site().text(page);
        assert_has(&text, "Correction: 5.7.28 is not an SPF failure.", page);
        assert_has(
            &text,
            "5.7.27 (4.7.27): SPF did not pass. This is the SPF failure code.",
            page,
        );
        assert_has(
            &text,
            "4.7.28 / 5.7.28: Gmail has seen an unusual rate of unsolicited mail",
            page,
        );
        assert_has(
            &text,
            "5.7.26 (4.7.26 when temporary): the mail is unauthenticated",
            page,
        );
    }
    // Nowhere is 5.7.28 called an SPF failure except in the quoted correction.
    for (path, html) in site().html_pages() {
        let text = normalise(&strip_tags(html));
        let wrong = text.matches("5.7.28 = SPF fail").count();
        let quoted = text
            .matches("said \"5.7.26 = DMARC fail; 5.7.28 = SPF fail\"")
            .count();
        assert_eq!(
            wrong, quoted,
            "{path}: 5.7.28 called an SPF failure outside the correction"
        );
    }
}

#[test]
fn emergency_contact_section_of_the_guide() {
    let text = site().text(GUIDE);
    assert_has(&text, "Emergency Contact", "guide");
    assert_has(
        &text,
        &format!("P1 incidents: email {EMAIL} (subject: URGENT) + call {PHONE}."),
        "emergency contact",
    );
    assert_has(
        &text,
        &format!("For all other incidents: email {EMAIL}."),
        "emergency contact",
    );
    assert_has(
        &text,
        "Response time targets are per the Service Level Agreement.",
        "emergency contact",
    );
}

#[test]
fn every_page_carries_the_p1_emergency_contact() {
    let pages: Vec<_> = site().html_pages().collect();
    assert!(pages.len() >= 8, "only {} pages built", pages.len());
    for (path, html) in pages {
        let header = html.split("</header>").next().unwrap();
        assert!(
            header.contains(&format!("href=\"mailto:{EMAIL}?subject=URGENT\"")),
            "{path}: no URGENT mailto in the header"
        );
        assert!(
            header.contains(&format!("href=\"tel:{PHONE_TEL}\"")),
            "{path}: no tel: link in the header"
        );
        assert_has(&normalise(&strip_tags(header)), PHONE, path);
    }
}

#[test]
fn severity_boundaries_are_documented() {
    let text = site().text("severity/index.html");
    for fact in [
        "above 30%",
        "from 10% to 30% at one ISP: both 10% and 30% are P3",
        "A rate below 10% does not raise the level on its own",
        "A bounce on its own is read as happening at volume",
        "\"Only a few messages\" lowers the suggestion",
        "A 4xx reply that cites a blocklist is still active blacklisting",
        "lowers the suggestion by one level (P2 becomes P3, P3 becomes P4)",
        "Everything else you tell us can only raise the level.",
        "A P3 problem that affects several ISPs, or all of them, at volume.",
        "Connections that fail or time out at every ISP",
        "SNDS Red",
        "SNDS Yellow",
    ] {
        assert_has(&text, fact, "severity page");
    }
}

#[test]
fn every_page_carries_the_guide_data() {
    for (path, html) in site().html_pages() {
        let start = html
            .find("<script type=\"application/json\" id=\"guide-data\">")
            .unwrap_or_else(|| panic!("{path}: no guide data"));
        let json = &html[start..];
        let json = &json[json.find('>').unwrap() + 1..json.find("</script>").unwrap()];
        let data: serde_json::Value =
            serde_json::from_str(json).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(data["contact"]["phone"], PHONE, "{path}");
        assert_eq!(data["levels"].as_array().map(Vec::len), Some(4), "{path}");
    }
}

#[test]
fn no_timing_beyond_the_guide() {
    // The only durations the guide gives: 15-30 minutes (assessment), 2-4 hours
    // (monitoring), 24-48 hours (blacklist removal), 2 hours (Gmail diagnosis).
    let allowed = ["15-30", "2-4", "24-48", "2"];
    for (path, html) in site().html_pages() {
        let text = normalise(&strip_tags(html));
        let words: Vec<&str> = text.split(' ').collect();
        for (i, w) in words.iter().enumerate().skip(1) {
            let unit = w
                .trim_end_matches(|c: char| !c.is_alphabetic())
                .to_lowercase();
            if [
                "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
            ]
            .contains(&unit.as_str())
            {
                let amount = words[i - 1].trim_start_matches(|c: char| !c.is_alphanumeric());
                if amount.chars().any(|c| c.is_ascii_digit()) {
                    assert!(
                        allowed.contains(&amount),
                        "{path}: \"{amount} {w}\" is not a timing of the guide"
                    );
                }
            }
        }
    }
}

#[test]
fn entity_decoding_of_a_bare_ampersand_before_accents() {
    // Byte 12 falls inside the last `é`.
    assert_eq!(decode_entities("&xxééééé &amp;"), "&xxééééé &");
}
