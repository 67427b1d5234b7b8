//! `@/` internal links resolve to URLs; broken pages and anchors are errors with
//! file:line:column; relative links to co-located files work and the files are copied.
use crate::common::*;

#[test]
fn internal_links_resolve_to_urls() {
    let dir = site("basic");
    let out = build(dir.path()).unwrap();
    let html = text(&out, "links/index.html");
    let article = between(&html, "<article>", "</article>");
    let hrefs = attr_values(article, "href");
    assert_eq!(
        hrefs,
        [
            "/about-us/",
            "/headings/#overview",
            "/guide/",
            "/bundle/",
            "/notes/sheet.txt"
        ]
    );
    assert!(article.contains("src=\"/bundle/diagram.svg\""));
}

#[test]
fn colocated_files_are_copied() {
    let dir = site("basic");
    let out = build(dir.path()).unwrap();
    assert!(text(&out, "bundle/diagram.svg").starts_with("<svg"));
    assert_eq!(text(&out, "notes/sheet.txt"), "plain notes\n");
    // In a bundle, a plain relative link works as is.
    assert!(text(&out, "bundle/index.html").contains("src=\"/bundle/diagram.svg\""));
}

#[test]
fn broken_page_and_anchor_are_reported_together() {
    let dir = site("err-links");
    assert_eq!(
        problems(dir.path()),
        [
            "content/source.md:7:14: broken link `@/missing.md`: there is no page content/missing.md",
            "content/source.md:8:20: broken anchor `@/target.md#no-such-heading`: content/target.md \
             has no heading with id `no-such-heading`",
        ]
    );
}

#[test]
fn url_function_gives_permalinks_and_checks_anchors() {
    let dir = site("basic");
    let tpl = add_plain_page(dir.path());
    std::fs::write(&tpl, "{{ url(path='@/headings.md#overview-1') }}").unwrap();
    let out = build(dir.path()).unwrap();
    assert_eq!(
        text(&out, "plain/index.html"),
        "https://docs.example.org/headings/#overview-1"
    );

    std::fs::write(&tpl, "{{ url(path='@/headings.md#nope') }}").unwrap();
    let problems = problems(dir.path());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].ends_with(
            "broken anchor `@/headings.md#nope`: content/headings.md has no heading with id `nope`"
        ),
        "{problems:?}"
    );
    assert!(problems[0].starts_with("themes/fixture/templates/plain.html:1: "));
}

#[test]
fn url_in_a_page_body_is_checked_once_every_heading_is_known() {
    let dir = site("basic");
    // `headings.md` sorts after this page: its headings are parsed later.
    std::fs::write(
        dir.path().join("content/body-url.md"),
        "+++\ntitle = \"Body url\"\n+++\nSee {{ url(path=\"@/headings.md#overview-1\") }}.\n",
    )
    .unwrap();
    let out = build(dir.path()).unwrap();
    assert!(text(&out, "body-url/index.html")
        .contains("<p>See https://docs.example.org/headings/#overview-1.</p>"));

    std::fs::write(
        dir.path().join("content/body-url.md"),
        "+++\ntitle = \"Body url\"\n+++\n\nSee {{ url(path=\"@/headings.md#nope\") }}.\n",
    )
    .unwrap();
    assert_eq!(
        problems(dir.path()),
        [
            "content/body-url.md:5:18: broken anchor `@/headings.md#nope`: content/headings.md \
          has no heading with id `nope`"
        ]
    );
}
