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
