//! `asset(path=...)` gives content-hashed URLs; the hashed copy is written next to the
//! plain file with the same bytes (the search index's files: `search_index.rs`).
use crate::common::*;

#[test]
fn asset_urls_are_content_hashed_and_written() {
    let dir = site("basic");
    let out = build(dir.path()).unwrap();
    let html = text(&out, "index.html");
    let css = attr_values(&html, "href")
        .into_iter()
        .find(|h| h.ends_with(".css"))
        .unwrap();
    let name = css.trim_start_matches('/');
    assert!(
        name.starts_with("style.") && name.len() == "style.12345678.css".len(),
        "{css}"
    );
    assert_eq!(text(&out, name), text(&out, "style.css"));
    assert_eq!(text(&out, "style.css"), "body { color: #111; }\n");
}

#[test]
fn the_hash_follows_the_content() {
    let dir = site("basic");
    let first = build(dir.path()).unwrap();
    std::fs::write(
        dir.path().join("themes/fixture/static/style.css"),
        "body{}\n",
    )
    .unwrap();
    let second = build(dir.path()).unwrap();
    let css = |o: &guide::site::Output| {
        attr_values(&text(o, "index.html"), "href")
            .into_iter()
            .find(|h| h.ends_with(".css"))
            .unwrap()
    };
    assert_ne!(css(&first), css(&second));
}

#[test]
fn an_unknown_asset_is_an_error() {
    let dir = site("basic");
    let tpl = add_plain_page(dir.path());
    std::fs::write(tpl, "{{ asset(path='nope.css') }}").unwrap();
    let problems = problems(dir.path());
    assert_eq!(problems.len(), 1);
    assert!(problems[0].starts_with(
        "themes/fixture/templates/plain.html:1: template error while rendering content/plain.md: "
    ), "{problems:?}");
    assert!(
        problems[0].contains("asset `nope.css` not found"),
        "{problems:?}"
    );
}
