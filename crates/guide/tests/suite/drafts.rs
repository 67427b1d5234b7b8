//! Drafts are left out (pages, nav, sitemap, links) unless `--drafts`.
use crate::common::*;

#[test]
fn drafts_are_excluded_by_default() {
    let dir = site("basic");
    let out = build(dir.path()).unwrap();
    assert!(!out.files.contains_key("draft/index.html"));
    assert!(!text(&out, "index.html").contains("Unfinished"));
}

#[test]
fn drafts_flag_includes_them() {
    let dir = site("basic");
    let out = build_drafts(dir.path()).unwrap();
    let html = text(&out, "draft/index.html");
    assert!(html.contains("draft=true"));
    let nav = text(&out, "index.html");
    assert_eq!(
        attr_values(between(&nav, "<nav>", "</nav>"), "data-nav")[0],
        "/draft/"
    );
    assert!(text(&out, "sitemap.xml").contains("<loc>https://docs.example.org/draft/</loc>"));
}

#[test]
fn a_link_to_a_draft_is_broken_without_the_flag() {
    let dir = site("basic");
    std::fs::write(
        dir.path().join("content/linker.md"),
        "+++\ntitle = \"Linker\"\n+++\n\n[draft](@/draft.md)\n",
    )
    .unwrap();
    assert_eq!(
        problems(dir.path()),
        ["content/linker.md:5:1: broken link `@/draft.md`: there is no page content/draft.md"]
    );
    assert!(build_drafts(dir.path()).is_ok());
}
