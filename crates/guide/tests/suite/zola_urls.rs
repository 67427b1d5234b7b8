//! Page URLs and redirects as Zola makes them: file names slugified (`[slugify] paths`,
//! on by default for `config.toml`), a date at the start of a file name taken off the
//! slug, `path` replacing the URL, `aliases` written as Zola's redirect page at each old
//! URL, a section's `redirect_to`, `render = false` and a draft section's pages left out.
use crate::common::*;

#[test]
fn file_names_are_slugified_and_dates_taken_off() {
    let dir = site("zola-content");
    let out = build(dir.path()).unwrap();
    assert!(
        out.files.contains_key("blog/dated-post/index.html"),
        "{:?}",
        out.files.keys()
    );
    assert!(out.files.contains_key("blog/blank-lines/index.html"));
}

#[test]
fn path_replaces_the_url_and_aliases_redirect_to_it() {
    let dir = site("zola-content");
    let out = build(dir.path()).unwrap();
    assert!(text(&out, "a-fixed-url/index.html").contains("<h1>Fixed</h1>"));
    assert!(!out.files.contains_key("blog/fixed/index.html"));
    let url = "https://zola.example.org/a-fixed-url/";
    let expected = format!(
        "<!doctype html>\n<meta charset=\"utf-8\">\n<title>Redirect</title>\n<script>\n  \
         const target = \"{url}\";\n  const hash = window.location.hash || \"\";\n  \
         window.location.replace(target + hash);\n</script>\n<noscript>\n  <meta \
         http-equiv=\"refresh\" content=\"0; url={url}\">\n</noscript>\n<p><a \
         href=\"{url}\">Click here</a> to be redirected.</p>\n"
    );
    assert_eq!(text(&out, "old/page/index.html"), expected);
    assert_eq!(text(&out, "old.html"), expected);
}

#[test]
fn a_section_redirect_and_pages_not_rendered() {
    let dir = site("zola-content");
    let out = build(dir.path()).unwrap();
    let moved = text(&out, "moved/index.html");
    assert!(moved.contains("const target = \"https://zola.example.org/blog/yaml/\";"));
    assert!(!out.files.contains_key("blog/hidden/index.html"));
    assert!(!out.files.keys().any(|k| k.starts_with("secret/")));
    let with_drafts = build_drafts(dir.path()).unwrap();
    assert!(with_drafts.files.contains_key("secret/page/index.html"));
}

#[test]
fn a_home_page_is_made_when_there_is_no_root_index() {
    let dir = site("zola-content");
    std::fs::remove_file(dir.path().join("content/_index.md")).unwrap();
    let out = build(dir.path()).unwrap();
    assert!(text(&out, "index.html").contains("<p class=\"config\">Zola Fixture"));
}
