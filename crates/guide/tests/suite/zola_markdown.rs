//! A Zola site's `[markdown]` options as Zola 0.22 applies them: `smart_punctuation`,
//! `render_emoji` (GitHub's names, not in code), `github_alerts`, `lazy_async_image`
//! (Zola's own `<img>` markup), `bottom_footnotes` (numbered by first reference, with
//! links back, unreferenced ones left out), external link attributes; relative and
//! `#anchor` links made absolute with the page's permalink, `@/` links written as
//! permalinks; and the `markdown` filter rendering with the same options.
use crate::common::*;

#[test]
fn a_page_renders_with_every_markdown_option() {
    let dir = site("zola-markdown");
    let out = build(dir.path()).unwrap();
    insta::assert_snapshot!(text(&out, "page/index.html"), @r##"
    <p>“Quotes” – and… 🎉 but <code>:tada:</code> in code.</p>
    <blockquote class="markdown-alert-note">
    <p>A note.</p>
    </blockquote>
    <blockquote class="markdown-alert-warning">
    <p>Careful.</p>
    </blockquote>
    <p><img src="https://example.com/page/pic.png" title="A%20title" alt="Alt <em>text</em>" loading="lazy" decoding="async" /> <a href="https://example.com/page/#end">here</a> <a rel="noopener external" target="_blank" href="https://example.org">out</a></p>
    <p>Two<sup class="footnote-reference" id="fr-b-1"><a href="#fn-b">1</a></sup> footnotes<sup class="footnote-reference" id="fr-a-1"><a href="#fn-a">2</a></sup>, one twice<sup class="footnote-reference" id="fr-b-2"><a href="#fn-b">1</a></sup>.</p>
    <section class="footnotes">
    <ol class="footnotes-list">
    <li id="fn-b">
    <p>Second defined. <a href="#fr-b-1">↩</a> <a href="#fr-b-2">↩2</a></p>
    </li>
    <li id="fn-a">
    <p>First defined. <a href="#fr-a-1">↩</a></p>
    </li>
    </ol>
    </section>
    "##);
}

#[test]
fn the_markdown_filter_uses_the_sites_options() {
    let dir = site("zola-markdown");
    let out = build(dir.path()).unwrap();
    insta::assert_snapshot!(text(&out, "index.html"), @r#"
    block=<p>A <strong>bold</strong> claim – with 😄 and a <a href="https://example.com/page/">link</a>.</p>

    inline=A <strong>bold</strong> claim – with 😄 and a <a href="https://example.com/page/">link</a>.
    heading=<h1 id="title">Title</h1>
    "#);
}

#[test]
fn minify_html_minifies_the_pages_not_the_static_files() {
    let dir = site("zola-markdown");
    let config = dir.path().join("config.toml");
    let text_of = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("minify_html = true\n{text_of}")).unwrap();
    std::fs::create_dir_all(dir.path().join("static")).unwrap();
    std::fs::write(dir.path().join("static/raw.html"), "<p>  spaced  </p>\n").unwrap();
    std::fs::write(
        dir.path().join("templates/page.html"),
        "<!DOCTYPE html>\n<html>\n<head>\n  <style> p { color : red ; } </style>\n</head>\n\
         <body>\n\n  <p class=\"a\">  Some   text  </p>\n</body>\n</html>\n",
    )
    .unwrap();
    let out = build(dir.path()).unwrap();
    insta::assert_snapshot!(text(&out, "page/index.html"), @r#"<!doctype html><html><head><style>p{color:red}</style><body><p class=a>Some text"#);
    assert_eq!(text(&out, "raw.html"), "<p>  spaced  </p>\n");
}

#[test]
fn heading_links_use_the_sites_anchor_link_template() {
    let dir = site("zola-markdown");
    std::fs::write(
        dir.path().join("content/page.md"),
        "+++\n+++\n## Hello there\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("templates/anchor-link.html"),
        "<a class=\"anchor\" href=\"#{{ id }}\" data-level=\"{{ level }}\" lang=\"{{ lang }}\">§</a>",
    )
    .unwrap();
    let with = |mode: &str| {
        let config = dir.path().join("config.toml");
        let text_of = std::fs::read_to_string(&config).unwrap();
        let text_of = text_of.replace(
            "[markdown]\n",
            &format!("[markdown]\ninsert_anchor_links = \"{mode}\"\n"),
        );
        std::fs::write(&config, text_of).unwrap();
        let out = build(dir.path()).unwrap();
        let html = text(&out, "page/index.html");
        std::fs::write(
            &config,
            std::fs::read_to_string(&config)
                .unwrap()
                .replace(&format!("insert_anchor_links = \"{mode}\"\n"), ""),
        )
        .unwrap();
        html
    };
    assert_eq!(
        with("right"),
        "<h2 id=\"hello-there\">Hello there<a class=\"anchor\" href=\"#hello-there\" \
         data-level=\"2\" lang=\"en\">§</a></h2>\n\n"
    );
    assert_eq!(
        with("heading"),
        "<h2 id=\"hello-there\"><a class=\"anchor\" href=\"#hello-there\" data-level=\"2\" \
         lang=\"en\">Hello there</a></h2>\n\n"
    );
}

/// A summary cut inside a paragraph ends with the site's `summary-cutoff.html` (given
/// `summary` and `lang`) before the closing tags, as Zola renders it; without the
/// template, Zola's own (an ellipsis unless the text ends with punctuation). Only the
/// first `<!-- more -->` counts; the anchor has no line of its own.
#[test]
fn a_summary_cut_in_a_paragraph_ends_with_the_summary_cutoff_template() {
    let dir = site("zola-markdown");
    std::fs::write(
        dir.path().join("content/page.md"),
        "+++\n+++\nStart *of it <!-- more --> rest* here <!-- more --> end.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("templates/page.html"),
        "{{ page.summary | safe }}|{{ page.content | safe }}",
    )
    .unwrap();
    let out = build(dir.path()).unwrap();
    assert_eq!(
        text(&out, "page/index.html"),
        "<p>Start <em>of it&hellip;\n</em></p>\n|<p>Start <em>of it <span \
         id=\"continue-reading\"></span> rest</em> here <!-- more --> end.</p>\n"
    );
    std::fs::write(
        dir.path().join("templates/summary-cutoff.html"),
        "<span class=\"cut\" lang=\"{{ lang }}\">[{{ summary | length }}]</span>",
    )
    .unwrap();
    let out = build(dir.path()).unwrap();
    let html = text(&out, "page/index.html");
    assert!(
        html.starts_with(
            "<p>Start <em>of it<span class=\"cut\" lang=\"en\">[18]</span></em></p>\n|"
        ),
        "{html}"
    );
    // A summary that ends between blocks has no cutoff.
    std::fs::write(
        dir.path().join("content/page.md"),
        "+++\n+++\nFirst.\n\n<!-- more -->\n\n## Next\n",
    )
    .unwrap();
    let out = build(dir.path()).unwrap();
    assert_eq!(
        text(&out, "page/index.html"),
        "<p>First.</p>|<p>First.</p>\n<span id=\"continue-reading\"></span><h2 id=\"next\">Next</h2>\n"
    );
}

/// Zola 0.22's defaults for a site that sets none of them: links to other sites get
/// `rel="external"` (`external_links_external`), `external_links_class` adds a class,
/// and a code block without highlighting has only its `data-lang`.
#[test]
fn zola_defaults_for_external_links_and_plain_code_blocks() {
    let dir = site("zola-content");
    std::fs::write(
        dir.path().join("content/blog/links.md"),
        "+++\ntitle = \"L\"\n+++\n[x](https://e.org/ \"T\") [in](/a/) <https://auto.org> \
         <http://[2001:db8::]/p>\n\n\
         ```rust,linenos\nfn main() {}\n```\n",
    )
    .unwrap();
    let out = build(dir.path()).unwrap();
    let html = text(&out, "blog/links/index.html");
    assert!(
        html.contains(
            "<p><a rel=\"external\" title=\"T\" href=\"https://e.org/\">x</a> <a \
             href=\"/a/\">in</a> <a rel=\"external\" \
             href=\"https://auto.org\">https://auto.org</a> <a rel=\"external\" \
             href=\"http://%5B2001:db8::%5D/p\">http://[2001:db8::]/p</a></p>\n\
             <pre><code data-lang=\"rust\">fn main() {}\n</code></pre>"
        ),
        "{html}"
    );
    let config = dir.path().join("config.toml");
    let written = std::fs::read_to_string(&config).unwrap().replace(
        "external_links_no_referrer = false\n",
        "external_links_no_referrer = true\nexternal_links_class = \"ext\"\n",
    );
    std::fs::write(&config, written).unwrap();
    let out = build(dir.path()).unwrap();
    let html = text(&out, "blog/links/index.html");
    assert!(
        html.contains("<a class=\"ext\" rel=\"noreferrer external\" title=\"T\" href=\"https://e.org/\">x</a>"),
        "{html}"
    );
}
