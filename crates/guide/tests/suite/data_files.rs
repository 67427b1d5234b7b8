//! TOML data files under content/ reach templates (`data.<stem>`) and page bodies (a
//! body holding `{{`/`{%` is rendered through Tera; code is left alone; HTML from an
//! include survives markdown).
use crate::common::*;

#[test]
fn data_in_templates() {
    let dir = site("basic");
    let out = build(dir.path()).unwrap();
    assert!(text(&out, "index.html").contains("<footer>Call +1 555 0100</footer>"));
}

#[test]
fn data_in_bodies_tables_and_includes() {
    let dir = site("basic");
    let out = build(dir.path()).unwrap();
    let html = text(&out, "data-page/index.html");
    let article = between(&html, "<article>", "</article>");
    assert!(
        article.contains("<p>Call +1 555 0100 now.</p>"),
        "{article}"
    );
    assert!(article.contains("<td>P1</td><td>Critical</td></tr>\n<tr><td>P2</td><td>High</td>"));
    // The include has blank lines inside: it must come out as one untouched block.
    assert!(
        article.contains(
            "<div class=\"contact\">\n\n<p><a href=\"tel:+15550100\">+1 555 0100</a></p>\n\n</div>"
        ),
        "{article}"
    );
    assert!(article.contains("<p>This page is Data in bodies.</p>"));
}

#[test]
fn code_is_not_templated() {
    let dir = site("basic");
    let out = build(dir.path()).unwrap();
    let html = text(&out, "data-page/index.html");
    assert!(html.contains("<code>{{ not_templated }}</code>"), "{html}");
    assert!(html.contains(
        "<code class=\"language-toml\" data-lang=\"toml\">value = \"{{ also_not_templated }}\"\n</code>"
    ));
}

#[test]
fn body_template_errors_name_file_and_line() {
    let dir = site("err-body-template");
    let problems = problems(dir.path());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with(
            "content/page.md:7: template error in page body: Failed to render 'content/page.md': \
             Variable `data.nothing.phone` not found"
        ),
        "{problems:?}"
    );
}

#[test]
fn duplicate_data_stems_are_an_error() {
    let dir = site("basic");
    std::fs::create_dir_all(dir.path().join("content/more")).unwrap();
    std::fs::write(dir.path().join("content/more/site.toml"), "a = 1\n").unwrap();
    assert_eq!(
        problems(dir.path()),
        ["content/more/site.toml: duplicate data file name `site` (also content/data/site.toml): \
          data files are keyed by file stem"]
    );
}
