//! ```` ```bounce expect="..." ```` blocks are classified at build time and checked.
use crate::common::*;

#[test]
fn a_matching_bounce_is_rendered_through_the_theme() {
    let dir = site("basic");
    let out = build(dir.path()).unwrap();
    let html = text(&out, "bounces/index.html");
    assert!(
        html.contains(
            "<figure class=\"bounce\" data-severity=\"P2\" data-category=\"blocklist\" \
         data-expect=\"P2 blocklist blocklist=spamhaus\"><pre>550 5.7.1 Service unavailable;"
        ),
        "{html}"
    );
}

#[test]
fn a_mismatch_names_the_fence_line_with_expected_and_got() {
    let dir = site("err-bounce");
    assert_eq!(
        problems(dir.path()),
        ["content/bounce.md:7: bounce example: expected P4 recipient, got P2 blocklist"]
    );
}

#[test]
fn without_a_theme_template_a_built_in_markup_is_used() {
    let dir = site("basic");
    std::fs::remove_file(
        dir.path()
            .join("themes/fixture/templates/shortcodes/bounce.html"),
    )
    .unwrap();
    let out = build(dir.path()).unwrap();
    let html = text(&out, "bounces/index.html");
    assert!(html.contains(
        "<figure class=\"bounce\" data-severity=\"P2\"><pre><code>550 5.7.1 Service unavailable;"
    ), "{html}");
    assert!(html.contains("<strong>P2</strong> <span class=\"bounce-category\">blocklist</span>"));
}

#[test]
fn templates_and_the_bounce_template_get_the_classifiers_labels() {
    use classify::{Blocklist, Category};
    let dir = site("basic");
    let templates = dir.path().join("themes/fixture/templates");
    std::fs::write(
        templates.join("shortcodes/bounce.html"),
        "<b>{{ labels.blocklist[bounce.result.blocklist] }}</b>",
    )
    .unwrap();
    std::fs::write(
        templates.join("labels.html"),
        "<i>{{ labels.category.rate_limit }}</i>{{ page.content | safe }}",
    )
    .unwrap();
    let page = dir.path().join("content/bounces.md");
    let md = std::fs::read_to_string(&page).unwrap();
    let md = md.replacen("weight = 9", "weight = 9\ntemplate = \"labels.html\"", 1);
    std::fs::write(&page, md).unwrap();

    let out = build(dir.path()).unwrap();
    let html = text(&out, "bounces/index.html");
    let list = format!("<b>{}</b>", Blocklist::Spamhaus.label());
    let category = format!("<i>{}</i>", Category::RateLimit.label());
    assert!(html.contains(&list), "{html}");
    assert!(html.starts_with(&category), "{html}");
}
