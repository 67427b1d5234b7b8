//! Shared helpers of the site tests: fixture sites are copied to a temporary folder
//! together with the shared fixture theme (`tests/sites/_theme` -> `themes/fixture`).
#![allow(dead_code)]

pub mod real_site;
pub mod search;
pub mod server;
pub mod synthetic;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use guide::errors::BuildError;
use guide::site::{self, BuildOptions, OutFile};

pub fn sites_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/sites")
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A fresh copy of fixture site `name` (with the shared theme) in a temporary folder.
pub fn site(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    site_at(name, dir.path());
    dir
}

/// Copies fixture site `name` (with the shared theme) into `root`.
pub fn site_at(name: &str, root: &Path) {
    copy_dir(&sites_dir().join("_theme"), &root.join("themes/fixture"));
    copy_dir(&sites_dir().join(name), root);
}

/// Adds the page `content/plain.md` (title "Plain"), rendered by the fixture theme's
/// `plain.html`. Returns the path of that template, for tests that replace it.
pub fn add_plain_page(root: &Path) -> PathBuf {
    std::fs::write(
        root.join("content/plain.md"),
        "+++\ntitle = \"Plain\"\ntemplate = \"plain.html\"\n+++\n",
    )
    .unwrap();
    root.join("themes/fixture/templates/plain.html")
}

/// Builds in memory.
pub fn build(root: &Path) -> Result<site::Output, BuildError> {
    site::build(&BuildOptions::new(root), None)
}

pub fn build_drafts(root: &Path) -> Result<site::Output, BuildError> {
    let opts = BuildOptions {
        drafts: true,
        ..BuildOptions::new(root)
    };
    site::build(&opts, None)
}

/// Text of an output file of an in-memory build.
pub fn text(out: &site::Output, path: &str) -> String {
    match out.files.get(path) {
        Some(OutFile::Bytes(b)) => String::from_utf8(b.to_vec()).unwrap(),
        Some(OutFile::Asset(src)) => String::from_utf8(src.read().unwrap().to_vec()).unwrap(),
        None => panic!(
            "no output file {path}; have: {:?}",
            out.files.keys().collect::<Vec<_>>()
        ),
    }
}

/// The problems of a failed build, one formatted line each.
pub fn problems(root: &Path) -> Vec<String> {
    match build(root) {
        Ok(_) => panic!("the build of {} should fail", root.display()),
        Err(e) => e.problems().iter().map(|p| p.to_string()).collect(),
    }
}

/// Runs the `guide` binary.
pub fn guide(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_guide"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

/// Every `attr="value"` in `html`, in order.
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!("{attr}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

/// The text between the first `start` and the next `end` after it.
pub fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let i = html
        .find(start)
        .unwrap_or_else(|| panic!("`{start}` not in:\n{html}"))
        + start.len();
    let j = html[i..].find(end).unwrap() + i;
    &html[i..j]
}
