//! A `config.toml` written for Zola 0.22 is read as Zola reads it: every key of Zola's
//! is accepted, with Zola's defaults (no search index unless asked for, no smart
//! punctuation); `ignored_content` and `ignored_static` leave files out; templates see
//! `config.*` with what the file does not say filled in; a key nobody reads is a warning
//! at its line, not silence.
use crate::common::*;

#[test]
fn every_zola_key_is_accepted_and_reaches_templates() {
    let dir = site("zola-content");
    let out = build(dir.path()).unwrap();
    let html = text(&out, "index.html");
    assert!(
        html.contains(
            "<p class=\"config\">Zola Fixture|Written for Zola.|en|false|Deliver|\
             someone@example.org (Someone)|false|atom.xml</p>"
        ),
        "{html}"
    );
}

#[test]
fn an_unknown_top_level_key_is_a_warning_at_its_line() {
    let dir = site("zola-content");
    let out = build(dir.path()).unwrap();
    let warnings: Vec<String> = out.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        warnings,
        [
            "config.toml:22: warning: `not_a_zola_key` is not a configuration key of Zola's or \
          ours: it is ignored"
        ]
    );
    // The command line prints it and still builds.
    let run = guide(&["build", "--root", ".", "--out", "public"], dir.path());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(
        stderr.contains("config.toml:22: warning: `not_a_zola_key`"),
        "{stderr}"
    );
}

#[test]
fn a_missing_description_is_empty_in_templates_not_an_error() {
    let dir = site("zola-content");
    let config = dir.path().join("config.toml");
    let text_of = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text_of.replace("description = \"Written for Zola.\"\n", ""),
    )
    .unwrap();
    let out = build(dir.path()).unwrap();
    assert!(text(&out, "index.html").contains("<p class=\"config\">Zola Fixture||en|"));
}

#[test]
fn zola_defaults_no_search_index_and_no_smart_punctuation() {
    let dir = site("zola-content");
    let out = build(dir.path()).unwrap();
    assert!(!out.files.keys().any(|k| k.starts_with("search/")));
    let html = text(&out, "index.html");
    assert!(
        html.contains("<p>\"Quotes\" stay straight -- without"),
        "{html}"
    );
}

#[test]
fn ignored_content_and_ignored_static_leave_files_out() {
    let dir = site("zola-content");
    let out = build(dir.path()).unwrap();
    assert!(out.files.contains_key("blog/yaml/index.html"));
    assert!(!out.files.contains_key("blog/ignored/index.html"));
    assert!(!out.files.keys().any(|k| k.contains("wip")));
    assert!(out.files.contains_key("kept.txt"));
    assert!(!out.files.contains_key("drafts/notes.txt"));
}

#[test]
fn a_bad_glob_is_an_error_at_its_line() {
    let dir = site("zola-content");
    let config = dir.path().join("config.toml");
    let t = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, t.replace("\"drafts/*\"", "\"drafts/[\"")).unwrap();
    let p = problems(dir.path());
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].starts_with("config.toml:16: invalid `ignored_static` glob"),
        "{p:?}"
    );
}

#[test]
fn a_wrong_type_is_an_error_at_its_line() {
    let dir = site("zola-content");
    let config = dir.path().join("config.toml");
    let t = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        t.replace("feed_limit = 20", "feed_limit = \"many\""),
    )
    .unwrap();
    let p = problems(dir.path());
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].starts_with("config.toml:10:14: invalid configuration"),
        "{p:?}"
    );
}

#[test]
fn site_toml_keeps_its_own_defaults() {
    // Our own configuration file: search index on, smart punctuation on, our keys
    // (`language`, `widget`) known; only the really unknown key warns.
    let dir = site("basic");
    let out = build(dir.path()).unwrap();
    assert!(out.files.keys().any(|k| k.starts_with("search/")));
    let warnings: Vec<String> = out.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("`unknown_key_is_tolerated`"));
}

/// `config.markdown` and `config.search` hold every key Zola's templates may read, with
/// Zola 0.22's defaults where the file says nothing (and the file's values where it
/// does).
#[test]
fn config_markdown_has_zolas_defaults_filled_in() {
    let dir = site("zola-content");
    std::fs::write(
        dir.path().join("templates/index.html"),
        "{% set m = config.markdown %}{{ m.smart_punctuation }}|{{ m.render_emoji }}|\
         {{ m.external_links_external }}|{{ m.external_links_class | json_encode() }}|\
         {{ m.github_alerts }}|{{ m.definition_list }}|{{ m.insert_anchor_links }}|\
         {{ m.highlighting | json_encode() }}|{{ config.search.index_format }}",
    )
    .unwrap();
    let out = build(dir.path()).unwrap();
    assert_eq!(
        text(&out, "index.html"),
        "false|false|true|null|false|false|none|null|elasticlunr_javascript"
    );
    let config = dir.path().join("config.toml");
    let written = std::fs::read_to_string(&config)
        .unwrap()
        .replace("smart_punctuation = false\n", "smart_punctuation = true\n")
        .replace(
            "[slugify]",
            "[markdown.highlighting]\ntheme = \"github-dark\"\n\n[slugify]",
        );
    std::fs::write(&config, written).unwrap();
    std::fs::write(
        dir.path().join("templates/index.html"),
        "{% set h = config.markdown.highlighting %}{{ config.markdown.smart_punctuation }}|\
         {{ h.theme }}|{{ h.style }}|{{ h.error_on_missing_language }}|{{ h.extra_themes | length }}",
    )
    .unwrap();
    let out = build(dir.path()).unwrap();
    assert_eq!(text(&out, "index.html"), "true|github-dark|inline|false|0");
}

/// Without templates of their own, a Zola site's `404.html`, `robots.txt` and
/// `sitemap.xml` are Zola's built-in ones, byte for byte as Zola 0.22 writes them.
#[test]
fn zola_s_built_in_404_robots_and_sitemap() {
    let dir = site("zola-markdown");
    let out = build(dir.path()).unwrap();
    assert_eq!(
        text(&out, "404.html"),
        "<!doctype html>\n<title>404 Not Found</title>\n<h1>404 Not Found</h1>\n"
    );
    assert_eq!(
        text(&out, "robots.txt"),
        "User-agent: *\nDisallow:\nAllow: /\nSitemap: https://example.com/sitemap.xml\n"
    );
    assert_eq!(
        text(&out, "sitemap.xml"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n    \
         <url>\n        <loc>https://example.com/</loc>\n    </url>\n    \
         <url>\n        <loc>https://example.com/page/</loc>\n    </url>\n</urlset>\n"
    );
}

/// A Zola site's own `templates/robots.txt` is rendered (with `config`), as Zola does.
#[test]
fn a_zola_site_s_robots_template_is_rendered() {
    let dir = site("zola-markdown");
    std::fs::write(
        dir.path().join("templates/robots.txt"),
        "User-agent: zola\nSitemap: {{ config.base_url }}/sitemap.xml\n",
    )
    .unwrap();
    let out = build(dir.path()).unwrap();
    assert_eq!(
        text(&out, "robots.txt"),
        "User-agent: zola\nSitemap: https://example.com/sitemap.xml\n"
    );
}
