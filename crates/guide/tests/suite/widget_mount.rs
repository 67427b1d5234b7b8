//! The widget mount: `www/` (without npm files) is copied to `/<mount>/` and `asset()`
//! works on its files. (The wasm build hook itself is `site::widget`'s, not run here.)
//! The fixture's `www/pkg` holds `widget_bg.wasm` but no `widget.js`: like `guide check`
//! on a fresh clone, where the wasm was never built.
use crate::common::*;

use guide::site::{self, BuildOptions};

#[test]
fn www_is_mounted_with_hashed_assets() {
    let dir = site("widget-mount");
    let out = build(dir.path()).unwrap();
    let keys: Vec<&str> = out
        .files
        .keys()
        .map(String::as_str)
        .filter(|k| k.starts_with("widget/"))
        .collect();
    assert_eq!(keys.len(), 4, "{keys:?}");
    assert!(keys.contains(&"widget/diagnose.js"));
    assert!(keys.contains(&"widget/pkg/widget_bg.wasm"));
    assert!(!keys
        .iter()
        .any(|k| k.contains("node_modules") || k.contains("package")));
    let html = text(&out, "index.html");
    let js = attr_values(&html, "src")[0].clone();
    let wasm = attr_values(&html, "href")[0].clone();
    assert!(
        js.starts_with("/widget/diagnose.") && js.ends_with(".js"),
        "{js}"
    );
    assert!(wasm.starts_with("/widget/pkg/widget_bg.") && wasm.ends_with(".wasm"));
    assert_eq!(
        text(&out, js.trim_start_matches('/')),
        "export const x = 1;\n"
    );
    assert!(keys.contains(&js.trim_start_matches('/')));
}

#[test]
fn an_unbuilt_widget_output_has_its_plain_url_when_the_widget_is_not_built() {
    let dir = site("widget-mount");
    let out = build(dir.path()).unwrap();
    let html = text(&out, "index.html");
    assert_eq!(attr_values(&html, "data-glue"), ["/widget/pkg/widget.js"]);
    assert!(
        !out.files
            .keys()
            .any(|k| k.starts_with("widget/pkg/widget.") && k.ends_with(".js")),
        "nothing to write for a file that does not exist"
    );
}

#[test]
fn check_passes_without_the_widget_build() {
    let dir = site("widget-mount");
    let run = guide(&["check", "--root", "."], dir.path());
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn a_missing_file_that_no_build_step_makes_is_still_an_error() {
    let dir = site("widget-mount");
    let index = dir.path().join("themes/fixture/templates/index.html");
    let html = std::fs::read_to_string(&index).unwrap();
    std::fs::write(&index, html.replace("pkg/widget.js", "pkg/widgte.js")).unwrap();
    let problems = problems(dir.path());
    assert!(
        problems
            .iter()
            .any(|p| p.contains("asset `widget/pkg/widgte.js` not found")),
        "{problems:?}"
    );
}

#[test]
fn a_real_build_whose_widget_build_fails_names_that_failure_only() {
    // `guide build` runs the widget build; the fixture has no crate to build, so it fails,
    // and the build fails with that one clear problem (no `asset()` error on top).
    let dir = site("widget-mount");
    let opts = BuildOptions {
        build_widget: true,
        ..BuildOptions::new(dir.path())
    };
    let err = site::build(&opts, None).expect_err("the widget build must fail");
    let problems: Vec<String> = err.problems().iter().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with("site.toml"), "{problems:?}");
    assert!(!problems[0].contains("asset"), "{problems:?}");
}
