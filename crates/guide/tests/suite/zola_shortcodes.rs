//! Shortcodes in a Zola site as Zola 0.22 renders them: a call inside the body of
//! another is rendered first and its output (HTML or Markdown) put into that body; a
//! body ends at the `{% end %}` that matches its call; `nth` counts each name's calls
//! in the order they start (an outer call before those in its body). And a missing
//! `index.html`, `section.html` or `page.html` gives Zola's built-in page.
use crate::common::*;

#[test]
fn shortcodes_in_a_shortcode_body_are_rendered_into_it() {
    let dir = site("zola-shortcodes");
    let out = build(dir.path()).unwrap();
    insta::assert_snapshot!(text(&out, "page/index.html"), @r#"
    <div class="outer" data-nth="1"><p>Before <b>a1</b>
    and <em>markdown</em>.</p>
    <div class="inner" data-nth="2"><p>Deep <b>b2</b></p>
    </div>
    <p><em>md inside</em></p>
    </div>
    <p>After <b>c3</b>
    .</p>
    "#);
}

#[test]
fn a_missing_index_template_gives_zolas_built_in_page() {
    let dir = site("zola-shortcodes");
    let out = build(dir.path()).unwrap();
    let home = text(&out, "index.html");
    assert!(home.contains("create a <b>index.html</b> file"), "{home}");
    assert!(home.contains(
        "href=\"https:&#x2F;&#x2F;www.getzola.org&#x2F;documentation&#x2F;templates&#x2F;\
         pages-sections&#x2F;#section-variables\""
    ));
    // A template the front matter names must exist, as in Zola.
    std::fs::write(
        dir.path().join("content/page.md"),
        "+++\ntemplate = \"nope.html\"\n+++\n",
    )
    .unwrap();
    let problems = problems(dir.path());
    assert!(
        problems[0].starts_with("content/page.md:2:"),
        "{problems:?}"
    );
}

#[test]
fn tags_that_are_no_shortcode_are_text_as_in_zola() {
    let dir = site("zola-shortcodes");
    let out = build(dir.path()).unwrap();
    insta::assert_snapshot!(text(&out, "literal/index.html"), @"<p>Tera uses {{ variable }} and {% if cond %} tags; <code>{{ code }}</code> too.</p>");
}
