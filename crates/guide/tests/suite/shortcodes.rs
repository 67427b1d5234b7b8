//! Zola's shortcodes in page bodies: inline `{{ name(...) }}` and `{% name(...) %}body
//! {% end %}` calls of `templates/shortcodes/*.html` and `*.md` (the site's over its
//! theme's), their arguments, `body` and `nth`, the `{{/* */}}` and `{%/* */%}` escapes,
//! and what an error says.
use crate::common::*;

#[test]
fn inline_and_body_shortcodes_render_in_place() {
    let dir = site("shortcodes");
    let out = build(dir.path()).unwrap();
    insta::assert_snapshot!(text(&out, "calls/index.html"), @r#"
    <p>Inline: Arrrh Bob

     and THEME 1
    .</p>
    <div class="video">
        <iframe src="https://www.youtube-nocookie.com/embed/e1C9kpMV2e8?autoplay=1"></iframe>
    </div>
    <blockquote>Hello *there*<cite>Ann, 1 of Calls</cite></blockquote>
    <blockquote>
    <p><strong>Note 1</strong> (high): Read <strong>this</strong>.</p>
    </blockquote>
    <p><span>1+2+3 0.5 false</span>
     then THEME 2
    </p>
    "#);
}

#[test]
fn escaped_shortcodes_are_printed_without_their_markers_and_code_keeps_output_as_text() {
    let dir = site("shortcodes");
    let out = build(dir.path()).unwrap();
    insta::assert_snapshot!(text(&out, "escapes/index.html"), @r#"
    <p>Write <code>{{ youtube(id="x") }}</code> to embed a video:</p>
    <pre><code>{% quote(author="Ann") %}
    Hi
    {% end %}
    </code></pre>
    <p>In code a shortcode's output is the code's text:</p>
    <pre><code>&lt;span&gt;&amp;lt;b&amp;gt; 1 true&lt;/span&gt;

    </code></pre>
    "#);
}

#[test]
fn shortcodes_mix_with_the_body_s_own_templating() {
    let dir = site("shortcodes");
    let out = build(dir.path()).unwrap();
    insta::assert_snapshot!(text(&out, "mixed/index.html"), @r##"
    <h2 id="heading">Heading</h2>
    <p>Arrrh Jim

     on Mixed, a <a rel="external" href="https://sc.example.org/calls/">link</a>.</p>
    "##);
}

#[test]
fn a_failing_shortcode_names_the_call_and_the_template() {
    let dir = site("shortcodes");
    std::fs::write(
        dir.path().join("templates/shortcodes/quote.html"),
        "<blockquote>\n{{ body }} {{ missing.field }}</blockquote>\n",
    )
    .unwrap();
    assert_eq!(
        problems(dir.path()),
        ["content/calls.md:8: template error in shortcode `quote` \
          (templates/shortcodes/quote.html:2): Failed to render 'shortcodes/quote.html': \
          Variable `missing.field` not found in context while rendering \
          'shortcodes/quote.html'"]
    );
}

#[test]
fn bad_shortcode_syntax_is_an_error_at_its_line() {
    let dir = site("shortcodes");
    std::fs::write(
        dir.path().join("content/escapes.md"),
        "+++\ntitle = \"E\"\n+++\nText\n\n{{ youtube(id=) }}\n",
    )
    .unwrap();
    let problems = problems(dir.path());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("content/escapes.md:6: shortcode error: a literal"),
        "{problems:?}"
    );
}

#[test]
fn links_to_a_page_whose_body_failed_report_only_its_own_problem() {
    let dir = site("shortcodes");
    std::fs::write(
        dir.path().join("templates/shortcodes/pirate_included.html"),
        "{{ nope.x }}",
    )
    .unwrap();
    // mixed.md fails (its pirate), and a link to its heading is not "broken" on top.
    std::fs::write(
        dir.path().join("content/escapes.md"),
        "+++\ntitle = \"E\"\n+++\nSee [the heading](@/mixed.md#heading).\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("content/calls.md"),
        "+++\ntitle = \"C\"\n+++\nNo shortcode.\n",
    )
    .unwrap();
    let problems = problems(dir.path());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with(
            "content/mixed.md:6: template error in shortcode `pirate` \
             (templates/shortcodes/pirate_included.html:1): "
        ),
        "{problems:?}"
    );
}

#[test]
fn an_unknown_shortcode_is_named_as_zola_names_it() {
    let dir = site("shortcodes");
    std::fs::write(
        dir.path().join("content/escapes.md"),
        "+++\ntitle = \"E\"\n+++\nText\n\n{{ vimeo(id=\"1\") }}\n",
    )
    .unwrap();
    let problems = problems(dir.path());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with(
            "content/escapes.md:6: Found usage of a shortcode named `vimeo` but we do not know \
             about it"
        ),
        "{problems:?}"
    );
}
