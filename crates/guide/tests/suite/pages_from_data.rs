//! Pages made from data (`pages_from` in a section's front matter): one page per item of
//! a data list, with the item as `page.data`, and an item's example bounce checked as a
//! bounce block is. The real site's reference: every code, ISP and blocklist of the
//! classifier's tables has its page, named in its `<title>`, and is in the search index.
use std::fs;

use crate::common::real_site::copy_real_site;
use crate::common::search::Index;
use crate::common::{between, build, problems, site, text};

#[test]
fn a_section_makes_one_page_per_item_with_the_item_as_page_data() {
    let dir = site("pages-from");
    let out = build(dir.path()).unwrap();
    let html = text(&out, "codes/spamhaus-listing/index.html");
    assert!(html.contains("<title>Listed at Spamhaus</title>"), "{html}");
    assert!(html.contains("<p class=\"advice\">Forward us the bounce.</p>"));
    assert!(html.contains(
        "path=/codes/spamhaus-listing/ slug=spamhaus-listing rel=codes/spamhaus-listing.md"
    ));
    // The example was classified at build time: its answer is `example.result`.
    assert!(
        html.contains("<p class=\"example\">P2 blocklist</p>"),
        "{html}"
    );
    // Every item knows its page's path: any template can link to it from `data`.
    insta::assert_snapshot!(between(&html, "<ul class=\"all\">", "</ul>"), @r#"<li><a href="/codes/spamhaus-listing/">Listed at Spamhaus</a></li><li><a href="/codes/user-unknown/">User unknown</a></li>"#);
    let other = text(&out, "codes/user-unknown/index.html");
    assert!(!other.contains("class=\"example\""), "{other}");
    // The pages are the section's, in weight order, and in the sitemap.
    let section = text(&out, "codes/index.html");
    assert!(
        section.contains("<li class=\"page\">/codes/user-unknown/</li><li class=\"page\">/codes/spamhaus-listing/</li>"),
        "{section}"
    );
    assert!(text(&out, "sitemap.xml").contains("/codes/user-unknown/"));
}

#[test]
fn an_example_that_classifies_otherwise_is_an_error_naming_the_item() {
    let dir = site("pages-from");
    let data = dir.path().join("content/data/codes.toml");
    let broken = fs::read_to_string(&data)
        .unwrap()
        .replace("expect = \"P2 blocklist", "expect = \"P4 recipient");
    fs::write(&data, broken).unwrap();
    assert_eq!(
        problems(dir.path()),
        [
            "content/codes/_index.md:3: `codes.items` item `spamhaus-listing`: bounce example: \
          expected P4 recipient blocklist=spamhaus, got P2 blocklist blocklist=spamhaus"
        ]
    );
}

#[test]
fn a_missing_list_or_slug_is_an_error_at_pages_from() {
    let dir = site("pages-from");
    let section = dir.path().join("content/codes/_index.md");
    let text = fs::read_to_string(&section).unwrap();
    fs::write(&section, text.replace("codes.items", "codes.nothing")).unwrap();
    let ps = problems(dir.path());
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert!(
        ps[0].starts_with(
            "content/codes/_index.md:3: `pages_from = \"codes.nothing\"`: there is no such data"
        ),
        "{ps:?}"
    );
    fs::write(&section, text).unwrap();
    let data = dir.path().join("content/data/codes.toml");
    let no_slug = fs::read_to_string(&data)
        .unwrap()
        .replace("slug = \"user-unknown\"\n", "");
    fs::write(&data, no_slug).unwrap();
    assert_eq!(
        problems(dir.path()),
        ["content/codes/_index.md:3: `codes.items` item 2 has no `slug` (the last part of its page's URL)"]
    );
}

/// `text` as the templates escape it.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('/', "&#x2F;")
        .replace('\'', "&#x27;")
}

/// The `<title>` of an output page.
fn title(html: &str) -> &str {
    between(html, "<title>", "</title>")
}

#[test]
fn every_code_isp_and_blocklist_of_the_classifier_has_its_page() {
    let tmp = tempfile::tempdir().unwrap();
    copy_real_site(tmp.path());
    let out = build(tmp.path()).unwrap();
    let tables = classify::reference::tables();
    for c in &tables.codes {
        let html = text(&out, &format!("reference/codes/{}/index.html", c.slug));
        assert!(
            title(&html).starts_with(&c.code),
            "{}: {}",
            c.code,
            title(&html)
        );
        // The example, classified at build time, shows the page's level; a code
        // without a real example says so.
        let level = format!(
            "<span class=\"badge sev-{}\">",
            c.assessment.level.to_lowercase()
        );
        match c.example {
            Some(_) => assert!(
                between(&html, "<figure class=\"bounce\">", "</figure>").contains(&level),
                "{}",
                c.code
            ),
            None => assert!(
                html.contains("We have not found a real bounce with this code"),
                "{}",
                c.code
            ),
        }
    }
    for p in &tables.isps {
        let html = text(&out, &format!("reference/isps/{}/index.html", p.slug));
        assert!(
            title(&html).contains(&escaped(p.name)),
            "{}: {}",
            p.name,
            title(&html)
        );
    }
    for b in &tables.blocklists {
        let html = text(&out, &format!("reference/blocklists/{}/index.html", b.slug));
        assert!(
            title(&html).contains(&escaped(b.name)),
            "{}: {}",
            b.name,
            title(&html)
        );
    }
    let sorbs = text(&out, "reference/blocklists/sorbs/index.html");
    assert!(sorbs.contains("This list is closed."));
    let gmail = text(&out, "reference/isps/gmail/index.html");
    assert!(
        gmail.contains("href=\"&#x2F;reference&#x2F;codes&#x2F;5-7-26&#x2F;\""),
        "{gmail}"
    );

    let index = Index::new(&out);
    let found = index.find("5.7.26");
    assert!(
        found.contains(&"/reference/codes/5-7-26/".to_string()),
        "{found:?}"
    );
    let found = index.find("UCEPROTECT");
    assert!(
        found.contains(&"/reference/blocklists/uceprotect/".to_string()),
        "{found:?}"
    );
}
