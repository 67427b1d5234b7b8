//! Heading links as Zola inserts them: a section's `insert_anchor_links` (`left`,
//! `right`, `heading`, `none`) applies to it and the pages under it, with Zola's markup;
//! a `config.toml` site has none by default; a wrong value is an error at its line.
use crate::common::*;

fn add(dir: &std::path::Path, rel: &str, text: &str) {
    std::fs::write(dir.join("content").join(rel), text).unwrap();
}

#[test]
fn zola_sites_have_no_heading_links_by_default() {
    let dir = site("zola-content");
    add(
        dir.path(),
        "blog/headings.md",
        "+++\ntitle = \"H\"\n+++\n## Hello World\n",
    );
    let out = build(dir.path()).unwrap();
    let html = text(&out, "blog/headings/index.html");
    assert!(
        html.contains("<h2 id=\"hello-world\">Hello World</h2>"),
        "{html}"
    );
}

#[test]
fn a_section_s_insert_anchor_links_applies_to_its_pages() {
    let dir = site("zola-content");
    add(
        dir.path(),
        "blog/headings.md",
        "+++\ntitle = \"H\"\n+++\n## Hello World\n",
    );
    let link = "<a class=\"zola-anchor\" href=\"#hello-world\" aria-label=\"Anchor link for: \
                hello-world\">🔗</a>";
    for (mode, expected) in [
        (
            "left",
            format!("<h2 id=\"hello-world\">{link}Hello World</h2>"),
        ),
        (
            "right",
            format!("<h2 id=\"hello-world\">Hello World{link}</h2>"),
        ),
        (
            "heading",
            "<h2 id=\"hello-world\"><a class=\"zola-anchor\" href=\"#hello-world\" \
             aria-label=\"Anchor link for: hello-world\">Hello World</a></h2>"
                .to_string(),
        ),
        (
            "none",
            "<h2 id=\"hello-world\">Hello World</h2>".to_string(),
        ),
    ] {
        add(
            dir.path(),
            "blog/_index.md",
            &format!("+++\ntitle = \"Blog\"\ninsert_anchor_links = \"{mode}\"\n+++\n"),
        );
        let out = build(dir.path()).unwrap();
        let html = text(&out, "blog/headings/index.html");
        assert!(html.contains(&expected), "{mode}: {html}");
    }
    add(
        dir.path(),
        "blog/_index.md",
        "+++\ntitle = \"Blog\"\ninsert_anchor_links = \"top\"\n+++\n",
    );
    assert_eq!(
        problems(dir.path()),
        ["content/blog/_index.md:3: `insert_anchor_links = \"top\"`: write left, right, heading or none"]
    );
}

/// Zola's heading ids: `[slugify] anchors = "on"` (the default) slugifies, `safe` and
/// `off` only turn spaces into `_`; an empty heading's id is empty, and repeated ids
/// get `-1`, `-2`.
#[test]
fn heading_ids_follow_slugify_anchors() {
    let dir = site("zola-content");
    add(
        dir.path(),
        "blog/headings.md",
        "+++\ntitle = \"H\"\n+++\n## Hello World (1)\n\n##\n\n## Hello World (1)\n",
    );
    let config = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
    for (strategy, ids) in [
        ("", ["hello-world-1", "", "hello-world-1-1"]),
        ("anchors = \"on\"", ["hello-world-1", "", "hello-world-1-1"]),
        (
            "anchors = \"safe\"",
            ["Hello_World_(1)", "", "Hello_World_(1)-1"],
        ),
        (
            "anchors = \"off\"",
            ["Hello_World_(1)", "", "Hello_World_(1)-1"],
        ),
    ] {
        let config = config.replace("anchors = \"on\"", strategy);
        std::fs::write(dir.path().join("config.toml"), config).unwrap();
        let out = build(dir.path()).unwrap();
        let html = text(&out, "blog/headings/index.html");
        let found: Vec<&str> = html
            .split("<h2 id=\"")
            .skip(1)
            .map(|h| &h[..h.find('"').unwrap()])
            .collect();
        assert_eq!(found, ids, "{strategy:?}: {html}");
    }
}
