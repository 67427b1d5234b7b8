//! Zola's own test site (`../shared/compat/zola-test-site`, with the list of files Zola
//! 0.22.1 writes for it): the parts that highlighting and Sass produce. Its Sass (the
//! site's and its theme's) gives exactly the CSS files Zola wrote, and its highlighting
//! settings (an extra JSON grammar and an extra theme, inline style) load and colour its
//! `mylang` code. The whole-site comparison is the compatibility test's job.
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use guide::site::highlight::{code_block, Highlighter, Settings};
use guide::site::sass;

fn compat() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/compat")
}

/// A copy of the test site (never built in place).
fn test_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = compat().join("zola-test-site");
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let dest = dir.path().join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
    dir
}

#[test]
fn sass_gives_the_css_files_zola_wrote() {
    let site = test_site();
    let listed = std::fs::read_to_string(compat().join("zola-test-site.files")).unwrap();
    // Zola's CSS files, less those copied from static/ folders.
    let statics: BTreeSet<String> = ["static", "themes/sample/static"]
        .iter()
        .flat_map(|d| {
            let base = site.path().join(d);
            walkdir::WalkDir::new(&base)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(move |e| {
                    e.path()
                        .strip_prefix(&base)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned()
                })
        })
        .collect();
    let expected: BTreeSet<&str> = listed
        .lines()
        .filter(|l| l.ends_with(".css") && !statics.contains(*l))
        .collect();
    let sheets = sass::compile_site(site.path(), Some("sample")).unwrap();
    let got: BTreeSet<&str> = sheets.iter().map(|s| s.out.as_str()).collect();
    assert_eq!(got, expected);
    // blog.scss imports the partial _included.scss.
    let blog = &sheets.iter().find(|s| s.out == "blog.css").unwrap().css;
    assert!(blog.contains("font-size:2rem"), "{blog}");
}

#[test]
fn its_extra_grammar_and_theme_highlight_its_code() {
    let site = test_site();
    let config = std::fs::read_to_string(site.path().join("config.toml")).unwrap();
    let settings = Settings::from_config(&config, "config.toml")
        .unwrap()
        .unwrap();
    let hl = Highlighter::load(settings, site.path()).unwrap();
    assert!(hl.stylesheets().is_empty(), "inline style: no stylesheet");
    let html = code_block(
        Some(&hl),
        "mylang",
        "for (int i = 0; ; i++ ) {\n    if (i < 10)\n}\n",
        true,
    )
    .unwrap();
    // custom_gruvbox colours keywords #FB4938 (giallo writes colours in capitals).
    let keyword = html
        .split("<span style=\"")
        .find(|s| s.contains("if</span>"))
        .unwrap_or_else(|| panic!("{html}"));
    assert!(keyword.to_uppercase().contains("#FB4938"), "{keyword}");
    // data-lang names the grammar, as in Zola.
    assert!(html.contains("data-lang=\"mylang\""), "{html}");
}
