//! `sitemap.xml` (with base_url), `robots.txt`, `404.html`, theme static files.
use crate::common::*;

#[test]
fn sitemap_lists_every_page_with_the_base_url() {
    let dir = site("basic");
    let out = build(dir.path()).unwrap();
    let xml = text(&out, "sitemap.xml");
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset"));
    assert!(xml.contains("<loc>https://docs.example.org/</loc>"));
    assert!(xml.contains(
        "<loc>https://docs.example.org/about-us/</loc>\n    <lastmod>2026-01-02</lastmod>"
    ));
    assert_eq!(xml.matches("<url>").count(), 12, "{xml}");
    // The draft (`/draft/`, see drafts.rs for the build with --drafts) is left out.
    assert!(!xml.contains("/draft/"), "{xml}");
}

#[test]
fn sitemap_locations_are_percent_encoded() {
    let dir = site("basic");
    let page = "+++\ntitle = \"x\"\n+++\n";
    std::fs::write(dir.path().join("content/my page.md"), page).unwrap();
    std::fs::write(
        dir.path().join("content/hash.md"),
        "+++\ntitle = \"x\"\nslug = \"c#1?\"\n+++\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("content/été.md"), page).unwrap();
    let xml = text(&build(dir.path()).unwrap(), "sitemap.xml");
    for loc in ["/my%20page/", "/c%231%3F/", "/%C3%A9t%C3%A9/"] {
        assert!(
            xml.contains(&format!("<loc>https://docs.example.org{loc}</loc>")),
            "{loc}: {xml}"
        );
    }
}

#[test]
fn robots_points_at_the_sitemap() {
    let dir = site("basic");
    let out = build(dir.path()).unwrap();
    assert_eq!(
        text(&out, "robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://docs.example.org/sitemap.xml\n"
    );
}

#[test]
fn not_found_page_uses_the_theme() {
    let dir = site("basic");
    let out = build(dir.path()).unwrap();
    let html = text(&out, "404.html");
    assert!(
        html.contains("<h1>Not here</h1><p>Try <a href=\"https://docs.example.org/guide/\">"),
        "{html}"
    );
}

#[test]
fn theme_static_files_are_copied() {
    let dir = site("basic");
    let out = build(dir.path()).unwrap();
    assert!(out.files.contains_key("files/app.wasm"));
    assert!(out.files.contains_key("style.css"));
}
