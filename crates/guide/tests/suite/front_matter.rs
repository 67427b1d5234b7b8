//! Front matter: title, description, weight, slug, extra, updated; bad TOML is an error
//! naming the file and the real line, with the TOML message.
use crate::common::*;

#[test]
fn front_matter_fields_reach_the_page_template() {
    let dir = site("basic");
    let out = build(dir.path()).unwrap();
    // `slug` replaces the file name in the URL.
    let html = text(&out, "about-us/index.html");
    assert!(html.contains("<title>About</title>"), "{html}");
    assert!(html.contains("<p class=\"desc\">Who we are.</p>"));
    assert!(html.contains(
        "slug=about-us path=/about-us/ rel=about.md weight=3 draft=false words=4 \
         updated=2026-01-02 flavour=vanilla"
    ));
    assert!(!out.files.contains_key("about/index.html"));
}

#[test]
fn config_is_available_with_unknown_keys_tolerated() {
    let dir = site("basic");
    let out = build(dir.path()).unwrap();
    let html = text(&out, "index.html");
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("<title>Home: Welcome</title>"));
}

#[test]
fn bad_front_matter_names_file_line_and_toml_message() {
    let dir = site("err-front-matter");
    assert_eq!(
        problems(dir.path()),
        [
            "content/also-bad.md:3:10: invalid front matter: invalid type: string \"three\", \
             expected i64",
            "content/bad.md:3:16: invalid front matter: invalid basic string, expected `\"`",
        ]
    );
}

#[test]
fn the_cli_reports_all_problems_and_fails() {
    let dir = site("err-front-matter");
    let out = guide(&["build", "--root", ".", "--out", "public"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("content/bad.md:3:16: invalid front matter"),
        "{stderr}"
    );
    assert!(stderr.contains("content/also-bad.md:3:10:"), "{stderr}");
    assert!(
        stderr.ends_with("error: build failed with 2 problems\n"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"));
    assert!(!dir.path().join("public").exists());
}

#[test]
fn a_file_that_is_not_utf8_is_a_problem_not_a_crash() {
    let dir = site("basic");
    std::fs::write(
        dir.path().join("content/binary.md"),
        b"+++\ntitle = \"x\"\n+++\n\xff\xfe\n",
    )
    .unwrap();
    assert_eq!(
        problems(dir.path()),
        ["content/binary.md: not valid UTF-8 text"]
    );
}
