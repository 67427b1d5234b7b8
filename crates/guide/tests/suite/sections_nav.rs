//! Sections (`_index.md`), their pages and subsections, and the navigation tree ordered
//! by weight then title.
use crate::common::*;

#[test]
fn nav_is_ordered_by_weight_then_title() {
    let dir = site("basic");
    let out = build(dir.path()).unwrap();
    let html = text(&out, "index.html");
    let nav = between(&html, "<nav>", "</nav>");
    assert_eq!(
        attr_values(nav, "data-nav"),
        [
            "/guide/",
            "/guide/second/",
            "/guide/alpha/",
            "/guide/first/",
            "/about-us/",
            "/markdown/",
            "/headings/",
            "/links/",
            "/bundle/",
            "/data-page/",
            "/bounces/",
        ]
    );
}

#[test]
fn sections_list_their_pages_and_subsections() {
    let dir = site("basic");
    let out = build(dir.path()).unwrap();
    let guide = text(&out, "guide/index.html");
    insta::assert_snapshot!(between(&guide, "<main>", "</main>"), @r#"
    <h1>Guide</h1>
    <article><p>All about the guide.</p>
    </article>
    <ul class="pages"><li class="page">/guide/second/</li><li class="page">/guide/alpha/</li><li class="page">/guide/first/</li></ul>
    <ul class="subsections"></ul>
    "#);
    let home = text(&out, "index.html");
    insta::assert_snapshot!(
        between(&home, "<ul class=\"subsections\">", "</ul>"),
        @r#"<li class="subsection">guide/_index.md /guide/</li>"#
    );
}

#[test]
fn current_path_is_the_page_url() {
    let dir = site("basic");
    let out = build(dir.path()).unwrap();
    assert!(text(&out, "guide/first/index.html").contains("<p id=\"current\">/guide/first/</p>"));
    assert!(text(&out, "index.html").contains("<p id=\"current\">/</p>"));
}

#[test]
fn nav_section_is_the_top_level_entry_of_the_page() {
    let dir = site("basic");
    let out = build(dir.path()).unwrap();
    let in_section = text(&out, "guide/first/index.html");
    assert!(
        in_section.contains(r#"<p class="nav-section">/guide/ (3 children)</p>"#),
        "{in_section}"
    );
    let top_page = text(&out, "about-us/index.html");
    assert!(
        top_page.contains(r#"<p class="nav-section">/about-us/ (0 children)</p>"#),
        "{top_page}"
    );
}
