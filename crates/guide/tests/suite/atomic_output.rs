//! The output is swapped in only on success: a failed build leaves the previous
//! `public/` byte-identical; `check` writes nothing; unchanged files are not rewritten.
use crate::common::*;

use std::collections::BTreeMap;
use std::path::Path;

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn listing(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap().path().display().to_string())
        .collect()
}

#[test]
fn a_failed_build_leaves_public_byte_identical() {
    let dir = site("basic");
    let ok = guide(&["build", "--root", ".", "--out", "public"], dir.path());
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let before = snapshot(&dir.path().join("public"));
    assert!(before.contains_key("index.html") && before.len() > 20);

    std::fs::write(
        dir.path().join("content/about.md"),
        "+++\ntitle = \"About\"\nweight = oops\n+++\nchanged\n",
    )
    .unwrap();
    let failed = guide(&["build", "--root", ".", "--out", "public"], dir.path());
    assert_eq!(failed.status.code(), Some(1));
    assert_eq!(snapshot(&dir.path().join("public")), before);
    // No temporary folder is left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp-")), "{names:?}");
}

#[test]
fn a_successful_build_replaces_public_and_drops_stale_files() {
    let dir = site("basic");
    assert!(guide(&["build", "--out", "public"], dir.path())
        .status
        .success());
    std::fs::remove_file(dir.path().join("content/markdown.md")).unwrap();
    let again = guide(&["build", "--out", "public"], dir.path());
    assert!(again.status.success());
    assert!(!dir.path().join("public/markdown/index.html").exists());
    assert!(dir.path().join("public/about-us/index.html").exists());
}

#[test]
fn an_unchanged_rebuild_writes_nothing_new() {
    let dir = site("basic");
    assert!(guide(&["build", "--out", "public"], dir.path())
        .status
        .success());
    let again = guide(&["build", "--out", "public"], dir.path());
    let stderr = String::from_utf8(again.stderr).unwrap();
    assert!(stderr.contains("(0 files written, "), "{stderr}");
}

#[test]
fn check_validates_without_writing() {
    let dir = site("basic");
    let before = listing(dir.path());
    let out = guide(&["check", "--root", "."], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(listing(dir.path()), before);

    let bad = site("err-links");
    let before = listing(bad.path());
    let out = guide(&["check", "--root", "."], bad.path());
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("content/source.md:7:14: broken link"),
        "{stderr}"
    );
    assert_eq!(listing(bad.path()), before);
}

#[test]
fn refuses_to_replace_a_folder_holding_sources() {
    let dir = site("basic");
    let out = guide(&["build", "--root", ".", "--out", "."], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(dir.path().join("content/about.md").exists());
}
