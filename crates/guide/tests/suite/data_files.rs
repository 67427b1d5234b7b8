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
    // Data in text and in a table loop; the include has blank lines inside: it comes out
    // as one untouched block; `page.title` in the last line.
    insta::assert_snapshot!(article, @r#"
    <p>Call +1 555 0100 now.</p>
    <table><thead><tr><th>Level</th><th>Name</th></tr></thead><tbody>
    <tr><td>P1</td><td>Critical</td></tr>
    <tr><td>P2</td><td>High</td></tr>
    </tbody></table>
    <div class="contact">

    <p><a href="tel:+15550100">+1 555 0100</a></p>

    </div>

    <p>Write <code>{{ not_templated }}</code> inline, or in a block:</p>
    <pre><code class="language-toml" data-lang="toml">value = "{{ also_not_templated }}"
    </code></pre>
    <p>This page is Data in bodies.</p>
    "#);
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
