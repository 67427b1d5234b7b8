//! One source of truth: the phone number and the address are written once, in the
//! `[contact]` table of `content/data/incident.toml`. Changing them there, in a copy of
//! the site, changes every page (text, severity and SLA tables, `tel:`/`mailto:` links, the widget's page
//! data), and the old values are gone from every built file.

use std::collections::BTreeMap;
use std::fs;

use crate::common::real_site::{build_real_site, files_under, repo_root};

const OLD_PHONE: &str = "+372 602-7190";
const OLD_PHONE_TEL: &str = "+3726027190";
const OLD_EMAIL: &str = "infrastructure@cloudserverforemail.com";
// A number reserved for drama (Ofcom) and a reserved domain: neither can be real.
const NEW_PHONE: &str = "+44 20 7946 0999";
const NEW_PHONE_TEL: &str = "+442079460999";
const NEW_EMAIL: &str = "noc@example.net";

/// Sets `key = "value"` inside the `[contact]` table of a TOML text (other tables untouched).
fn set_contact(toml: &str, key: &str, value: &str) -> String {
    let mut table = String::new();
    let mut done = false;
    let mut out = String::new();
    for line in toml.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            table = t.to_string();
        }
        let is_key = t
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='));
        if table == "[contact]" && is_key {
            out.push_str(&format!("{key} = \"{value}\""));
            done = true;
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    assert!(done, "no {key} in [contact]");
    out
}

/// The pages and tables that must show the contact.
fn key_pages(built: &BTreeMap<String, String>) -> Vec<(&String, &String)> {
    let pages: Vec<_> = built.iter().filter(|(p, _)| p.ends_with(".html")).collect();
    assert!(pages.len() >= 8, "only {} pages built", pages.len());
    pages
}

#[test]
fn the_data_file_is_the_only_place_holding_the_contact() {
    // The data file writes each value once, in [contact].
    let data = fs::read_to_string(repo_root().join("content/data/incident.toml")).unwrap();
    for value in ["602-7190", OLD_PHONE_TEL, OLD_EMAIL] {
        assert_eq!(
            data.matches(value).count(),
            1,
            "{value} written more than once in the data"
        );
    }
    // Nothing outside content/data/ spells the phone number or the address.
    let repo = repo_root();
    let sources = [repo.join("content"), repo.join("themes")].map(|dir| files_under(&dir));
    for path in sources.into_iter().flatten() {
        if path.starts_with(repo.join("content/data")) {
            continue;
        }
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        for value in [OLD_PHONE, OLD_PHONE_TEL, "602-7190", OLD_EMAIL] {
            assert!(
                !text.contains(value),
                "{} hard-codes {value}",
                path.display()
            );
        }
    }
}

#[test]
fn changing_the_phone_number_in_the_data_changes_it_everywhere() {
    let built = build_real_site(|toml| {
        let edited = set_contact(
            &set_contact(toml, "phone", NEW_PHONE),
            "phone_tel",
            NEW_PHONE_TEL,
        );
        // The number was written once: nothing else in the data still holds it.
        assert!(!edited.contains("602-7190") && !edited.contains(OLD_PHONE_TEL));
        edited
    });
    for (path, text) in &built {
        for old in [OLD_PHONE, OLD_PHONE_TEL, "602-7190", "6027190"] {
            assert!(
                !text.contains(old),
                "{path} still holds the old number {old}"
            );
        }
    }
    for (path, html) in key_pages(&built) {
        assert!(
            html.contains(&format!("href=\"tel:{NEW_PHONE_TEL}\"")),
            "{path}: no tel: link to the new number"
        );
        assert!(
            html.contains(NEW_PHONE),
            "{path}: the new number is not shown"
        );
        assert!(
            html.contains(&format!("\"phone\":\"{NEW_PHONE}\"")),
            "{path}: the widget's page data lacks the new number"
        );
    }
    // The severity table's P1 row (guide, SLA and contact pages) and the emergency
    // contact section show the new number.
    for page in [
        "incident-response/index.html",
        "sla/index.html",
        "contact/index.html",
    ] {
        let html = built.get(page).expect(page);
        let p1_row = html
            .split("<tr")
            .find(|row| row.contains(">P1</span>"))
            .unwrap_or_else(|| panic!("{page}: no P1 row"));
        let p1_row = p1_row.split("</tr>").next().unwrap();
        assert!(
            p1_row.contains(NEW_PHONE),
            "{page}: P1 row lacks the new number"
        );
        assert!(
            p1_row.contains(&format!("tel:{NEW_PHONE_TEL}")),
            "{page}: P1 row lacks the tel: link"
        );
    }
    let guide = &built["incident-response/index.html"];
    let emergency = &guide[guide
        .find("id=\"emergency-contact\"")
        .expect("emergency contact section")..];
    assert!(
        emergency.contains(NEW_PHONE),
        "emergency contact section lacks the new number"
    );
}

#[test]
fn changing_the_address_in_the_data_changes_it_everywhere() {
    let built = build_real_site(|toml| {
        let edited = set_contact(toml, "email", NEW_EMAIL);
        assert!(
            !edited.contains(OLD_EMAIL),
            "the address is written more than once in the data"
        );
        edited
    });
    for (path, text) in &built {
        assert!(
            !text.contains(OLD_EMAIL),
            "{path} still holds the old address"
        );
    }
    for (path, html) in key_pages(&built) {
        assert!(
            html.contains(&format!("href=\"mailto:{NEW_EMAIL}?subject=URGENT\"")),
            "{path}: no URGENT mailto to the new address"
        );
    }
}
