//! No template can crash the build: a template that includes itself (or another that
//! includes it back), a macro that calls itself without end (or two that call each
//! other), thousands of nested tags or brackets, in the theme or in a page body, give an
//! error naming the template, from `build`, `check` and `serve` alike; the server stays
//! up and recovers when the template is fixed. Legit recursion still works.
use crate::common::server::*;
use crate::common::*;

use std::fs;
use std::path::Path;

/// One bad template set-up: the files to write (under the site root), and what the
/// error names.
struct Case {
    name: &'static str,
    files: Vec<(&'static str, String)>,
    names: &'static str,
}

fn nested(open: &str, close: &str, n: usize) -> String {
    format!("{}x{}", open.repeat(n), close.repeat(n))
}

const PLAIN: &str = "themes/fixture/templates/plain.html";

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "a template that includes itself",
            files: vec![(PLAIN, "a{% include \"plain.html\" %}".into())],
            names: "plain.html",
        },
        Case {
            name: "two templates that include each other",
            files: vec![
                (PLAIN, "{% include \"ping.html\" %}".into()),
                (
                    "themes/fixture/templates/ping.html",
                    "{% include \"pong.html\" %}".into(),
                ),
                (
                    "themes/fixture/templates/pong.html",
                    "{% include \"ping.html\" %}".into(),
                ),
            ],
            names: "p",
        },
        Case {
            name: "a macro that calls itself without end",
            files: vec![
                (
                    "themes/fixture/templates/rec.html",
                    "{% macro down(n) %}{{ self::down(n=n+1) }}{% endmacro down %}".into(),
                ),
                (
                    PLAIN,
                    "{% import \"rec.html\" as rec %}{{ rec::down(n=0) }}".into(),
                ),
            ],
            names: "rec.html",
        },
        Case {
            name: "thousands of nested ifs in the theme",
            files: vec![(PLAIN, nested("{% if true %}", "{% endif %}", 20_000))],
            names: "plain.html:1",
        },
        Case {
            name: "thousands of nested fors and ifs over lines",
            files: vec![(
                PLAIN,
                format!("line one\n{}", nested("{% for i in [1] %}\n{% if i %}", "{% endif %}{% endfor %}", 5_000)),
            )],
            names: "plain.html:",
        },
        Case {
            name: "thousands of nested brackets",
            files: vec![(PLAIN, format!("{{{{ {}1{} }}}}", "(".repeat(20_000), ")".repeat(20_000)))],
            names: "plain.html:1",
        },
        Case {
            name: "thousands of nested ifs in a page body",
            files: vec![(
                "content/plain.md",
                format!(
                    "+++\ntitle = \"Plain\"\ntemplate = \"plain.html\"\n+++\n{}",
                    nested("{% if true %}", "{% endif %}", 20_000)
                ),
            )],
            names: "content/plain.md:5",
        },
        Case {
            name: "a page body that includes a template that includes itself",
            files: vec![
                (
                    "themes/fixture/templates/shortcodes/loop.html",
                    "{% include \"shortcodes/loop.html\" %}".into(),
                ),
                (
                    "content/plain.md",
                    "+++\ntitle = \"Plain\"\ntemplate = \"plain.html\"\n+++\n\n{% include \"shortcodes/loop.html\" %}\n".into(),
                ),
            ],
            names: "loop.html",
        },
    ]
}

fn write_case(root: &Path, case: &Case) {
    add_plain_page(root);
    fs::write(root.join(PLAIN), "plain\n").unwrap();
    for (path, text) in &case.files {
        let path = root.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

#[test]
fn build_and_check_report_the_template_and_do_not_crash() {
    for case in cases() {
        let dir = site("basic");
        write_case(dir.path(), &case);
        for command in ["build", "check"] {
            let run = guide(&[command], dir.path());
            let stderr = String::from_utf8_lossy(&run.stderr);
            assert_eq!(
                run.status.code(),
                Some(1),
                "{}: {command}: {stderr}",
                case.name
            );
            assert!(
                stderr.contains(case.names) && stderr.contains("error: build failed"),
                "{}: {command}: {stderr}",
                case.name
            );
            assert!(!dir.path().join("public").exists(), "{}", case.name);
        }
    }
}

#[test]
fn serve_shows_the_error_stays_up_and_recovers() {
    let dir = site("basic");
    add_plain_page(dir.path());
    fs::write(dir.path().join(PLAIN), "plain\n").unwrap();
    let server = start(dir.path());
    wait_for(server.1, "/plain/", "plain");
    for case in cases() {
        eprintln!("case: {}", case.name);
        write_case(dir.path(), &case);
        let body = wait_for(server.1, "/", "Build failed");
        assert!(body.contains(case.names), "{}: {body}", case.name);
        // Fixed: the site is back.
        for (path, _) in &case.files {
            let _ = fs::remove_file(dir.path().join(path));
        }
        add_plain_page(dir.path());
        fs::write(dir.path().join(PLAIN), format!("fixed {}\n", case.name)).unwrap();
        wait_for(server.1, "/plain/", &format!("fixed {}", case.name));
    }
}

#[test]
fn legit_recursion_and_nesting_still_render() {
    let dir = site("basic");
    add_plain_page(dir.path());
    fs::write(
        dir.path().join("themes/fixture/templates/count.html"),
        "{% macro down(n) %}{{ n }}{% if n > 0 %} {{ self::down(n=n-1) }}{% endif %}{% endmacro down %}",
    )
    .unwrap();
    fs::write(
        dir.path().join(PLAIN),
        format!(
            "{{% import \"count.html\" as count %}}[{{{{ count::down(n=500) }}}}]{}",
            nested("{% if true %}", "{% endif %}", 60)
        ),
    )
    .unwrap();
    let out = build(dir.path()).unwrap();
    let html = text(&out, "plain/index.html");
    assert!(html.contains("[500 499 498 "), "{html}");
    assert!(html.contains(" 2 1 0]x"), "{html}");
}
