//! Front matter as Zola reads it: YAML between `---` lines as well as TOML between
//! `+++`; blank lines and a byte-order mark before it; `date` and `updated` as TOML
//! dates, datetimes or strings holding one, anything else an error at its line; a key a
//! section does not know is an error at its line (as in Zola), one a page does not know
//! a warning.
use crate::common::*;

fn add(dir: &std::path::Path, rel: &str, text: &str) {
    std::fs::write(dir.join("content").join(rel), text).unwrap();
}

#[test]
fn yaml_front_matter_is_read_and_not_rendered() {
    let dir = site("zola-content");
    let out = build(dir.path()).unwrap();
    let html = text(&out, "blog/yaml/index.html");
    assert!(html.contains("<h1>Written in YAML</h1>"), "{html}");
    assert!(html.contains("A YAML front matter|sunny"), "{html}");
    assert!(html.contains("<article><p>The body, without the front matter.</p>"));
    assert!(!html.contains("---") && !html.contains("title:"), "{html}");
}

#[test]
fn blank_lines_and_a_bom_before_the_front_matter_are_fine() {
    let dir = site("zola-content");
    let out = build(dir.path()).unwrap();
    assert!(text(&out, "blog/blank-lines/index.html").contains("<h1>After blank lines</h1>"));
    assert!(text(&out, "blog/bom/index.html").contains("<h1>With a BOM</h1>"));
}

#[test]
fn bad_dates_are_errors_at_their_line() {
    let dir = site("zola-content");
    add(
        dir.path(),
        "blog/bad-updated.md",
        "+++\ntitle = \"x\"\nupdated = \"not a date\"\n+++\n",
    );
    add(dir.path(), "blog/bad-date.md", "\n+++\ndate = 2024\n+++\n");
    add(
        dir.path(),
        "blog/bad-yaml-date.md",
        "---\ntitle: y\ndate: 2024-14-01\n---\n",
    );
    assert_eq!(
        problems(dir.path()),
        [
            "content/blog/bad-date.md:3: `date = 2024` is not a date: write it as 2026-11-28 \
             (or an RFC 3339 date and time)",
            "content/blog/bad-updated.md:3: `updated = \"not a date\"` is not a date: write it \
             as 2026-11-28 (or an RFC 3339 date and time)",
            "content/blog/bad-yaml-date.md:3: `date = \"2024-14-01\"` is not a date: write it \
             as 2026-11-28 (or an RFC 3339 date and time)",
        ]
    );
}

#[test]
fn an_unknown_section_key_is_an_error_and_a_page_key_a_warning() {
    let dir = site("zola-content");
    add(
        dir.path(),
        "blog/_index.md",
        "+++\ntitle = \"Blog\"\n\nslug = \"x\"\n+++\n",
    );
    assert_eq!(
        problems(dir.path()),
        ["content/blog/_index.md:4: `slug` is not a key of a section's front matter"]
    );
    add(dir.path(), "blog/_index.md", "+++\ntitle = \"Blog\"\n+++\n");
    add(
        dir.path(),
        "blog/extra-key.md",
        "---\ntitle: k\ntags: [a]\nextra:\n  tags: fine\n---\n",
    );
    let out = build(dir.path()).unwrap();
    let warnings: Vec<String> = out.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings.contains(
            &"content/blog/extra-key.md:3: warning: `tags` is not a key of a page's front \
              matter: it is ignored"
                .to_string()
        ),
        "{warnings:?}"
    );
}

#[test]
fn bad_yaml_is_an_error_at_its_line() {
    let dir = site("zola-content");
    add(dir.path(), "blog/bad.md", "---\ntitle: a\nweight: [\n---\n");
    let p = problems(dir.path());
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].starts_with("content/blog/bad.md:"), "{p:?}");
    assert!(p[0].contains("invalid front matter"), "{p:?}");
}
