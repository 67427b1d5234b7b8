//! `compile_sass = true`, as Zola documents it: every `.scss`/`.sass` file under `sass/`
//! whose name (and folders) does not start with `_` becomes a `.css` file at the same
//! path in the output, compressed; the theme's `sass/` too, the site's file winning.
use crate::common::*;

#[test]
fn sass_and_scss_become_css_at_the_same_path() {
    let dir = site("sass");
    let out = build(dir.path()).unwrap();
    // The partial's variable is imported; nesting is flattened; compressed output.
    assert_eq!(
        text(&out, "site.css").trim(),
        "main{color:#0a5}main a{text-decoration:underline}"
    );
    assert_eq!(
        text(&out, "nested/print.css").trim(),
        "@media print{nav{display:none}}"
    );
    // Partials (files or folders starting with `_`) are never output.
    assert!(
        !out.files
            .keys()
            .any(|k| k.contains("colors") || k.contains("_lib") || k.contains("mixins")),
        "{:?}",
        out.files.keys().collect::<Vec<_>>()
    );
}

#[test]
fn the_themes_sass_is_compiled_and_the_site_overrides_it() {
    let dir = site("sass");
    let theme_sass = dir.path().join("themes/fixture/sass");
    std::fs::create_dir_all(&theme_sass).unwrap();
    std::fs::write(theme_sass.join("theme.scss"), "b { c: d }\n").unwrap();
    std::fs::write(theme_sass.join("site.scss"), "from { the: theme }\n").unwrap();
    let out = build(dir.path()).unwrap();
    assert_eq!(text(&out, "theme.css").trim(), "b{c:d}");
    assert!(text(&out, "site.css").contains("main{color:#0a5}"));
}

#[test]
fn without_compile_sass_nothing_is_compiled() {
    let dir = site("sass");
    let cfg = dir.path().join("site.toml");
    let text_before = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(
        &cfg,
        text_before.replace("compile_sass = true", "compile_sass = false"),
    )
    .unwrap();
    let out = build(dir.path()).unwrap();
    assert!(!out
        .files
        .keys()
        .any(|k| k.ends_with("site.css") || k.ends_with("print.css")));
}

#[test]
fn a_sass_error_names_the_file_and_line() {
    let dir = site("sass");
    std::fs::write(
        dir.path().join("sass/_colors.scss"),
        "$brand: #0a5;\n$other: $undefined-variable;\n",
    )
    .unwrap();
    let problems = problems(dir.path());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("sass/_colors.scss:2:")
            && problems[0].contains("Undefined variable"),
        "{problems:?}"
    );
}

#[test]
fn a_failed_sass_build_leaves_public_untouched() {
    let dir = site("sass");
    let root = dir.path();
    let public = root.join("public");
    let ok = guide(&["build", "--root", ".", "--out", "public"], root);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let before = std::fs::read(public.join("site.css")).unwrap();
    std::fs::write(root.join("sass/site.scss"), "main { color: $nope; }\n").unwrap();
    let failed = guide(&["build", "--root", ".", "--out", "public"], root);
    assert!(!failed.status.success());
    assert!(String::from_utf8_lossy(&failed.stderr).contains("sass/site.scss:1:"));
    assert_eq!(std::fs::read(public.join("site.css")).unwrap(), before);
}
