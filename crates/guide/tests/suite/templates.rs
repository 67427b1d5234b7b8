//! Theme templates: per-page template choice, unknown templates, syntax and render errors.
use crate::common::*;

#[test]
fn front_matter_chooses_the_template() {
    let dir = site("basic");
    add_plain_page(dir.path());
    let out = build(dir.path()).unwrap();
    assert_eq!(
        text(&out, "plain/index.html"),
        "<p class=\"plain\">Plain</p>\n"
    );
}

#[test]
fn unknown_template_names_the_front_matter_line() {
    let dir = site("err-unknown-template");
    assert_eq!(
        problems(dir.path()),
        ["content/page.md:4: unknown template `nope.html` (not in themes/fixture/templates)"]
    );
}

#[test]
fn template_syntax_error_names_template_and_line() {
    let dir = site("err-template-syntax");
    let problems = problems(dir.path());
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].starts_with("themes/fixture/templates/page.html:4:"),
        "{problems:?}"
    );
    assert!(problems[0].contains("template error"), "{problems:?}");
}

#[test]
fn a_theme_that_fails_to_load_is_its_only_problem() {
    // The basic site's bodies include shortcodes and bounce templates: without the
    // theme they would all fail, for nothing.
    let dir = site("basic");
    std::fs::write(
        dir.path().join("themes/fixture/templates/broken.html"),
        "\n{% if %}\n",
    )
    .unwrap();
    assert_eq!(problems(dir.path()).len(), 1, "{:?}", problems(dir.path()));
    assert!(problems(dir.path())[0].starts_with("themes/fixture/templates/broken.html:2:"));
}

#[test]
fn template_render_error_is_reported_once_for_all_pages() {
    let dir = site("err-template-render");
    assert_eq!(
        problems(dir.path()),
        [
            "themes/fixture/templates/page.html:2: template error while rendering content/one.md \
          (and 1 more page): Failed to render 'page.html': Variable `page.nope.deeper` not found \
          in context while rendering 'page.html'"
        ]
    );
}

#[test]
fn duplicate_output_paths_are_an_error() {
    let dir = site("err-duplicate");
    assert_eq!(
        problems(dir.path()),
        ["content/b.md: its URL /b/ is also written by the page content/a.md"]
    );
}

#[test]
fn problems_of_every_stage_are_reported_together() {
    let dir = site("err-many");
    assert_eq!(
        problems(dir.path()),
        [
            "content/bad.md:2:13: invalid front matter: invalid basic string, expected `\"`",
            "content/links.md:5:31: broken link `@/gone.md`: there is no page content/gone.md",
            "content/tpl.md:3: unknown template `nope.html` (not in themes/fixture/templates)",
        ]
    );
}

#[test]
fn a_render_error_in_a_parent_template_names_its_line() {
    let dir = site("basic");
    let base = dir.path().join("themes/fixture/templates/base.html");
    let text = std::fs::read_to_string(&base).unwrap();
    std::fs::write(
        &base,
        text.replace("<main>", "<main>{{ config.nope.deeper }}"),
    )
    .unwrap();
    let problems = problems(dir.path());
    assert!(
        problems
            .iter()
            .all(|p| p.starts_with("themes/fixture/templates/base.html:10: template error")),
        "{problems:?}"
    );
}
