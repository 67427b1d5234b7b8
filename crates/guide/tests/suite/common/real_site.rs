//! The repository's own site (content/, themes/, site.toml), built in a temporary copy
//! whose `site.toml` has no `[widget]` table: the widget's wasm build needs the wasm
//! toolchain and is tested elsewhere.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::copy_dir;

/// The repository's root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Copies the real site, lets `edit_data` rewrite `content/data/incident.toml`, runs
/// `guide build` on the copy and returns its output's text files: output path (`a/index.html`)
/// -> text. Files that are not UTF-8 (the favicon) are left out.
pub fn build_real_site(edit_data: impl Fn(&str) -> String) -> BTreeMap<String, String> {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_real_site(&root);
    let data = root.join("content/data/incident.toml");
    let edited = edit_data(&fs::read_to_string(&data).unwrap());
    fs::write(&data, edited).unwrap();

    let out = tmp.path().join("public");
    let run = Command::new(env!("CARGO_BIN_EXE_guide"))
        .arg("build")
        .arg("--root")
        .arg(&root)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("run guide build");
    assert!(
        run.status.success(),
        "guide build failed:\n{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    files_under(&out)
        .into_iter()
        .filter_map(|path| {
            let text = fs::read_to_string(&path).ok()?;
            let rel = path.strip_prefix(&out).unwrap().to_string_lossy();
            Some((rel.replace('\\', "/"), text))
        })
        .collect()
}

/// Copies the real site's content, themes and `site.toml` (without its `[widget]`
/// table) into `root`.
pub fn copy_real_site(root: &Path) {
    let repo = repo_root();
    copy_dir(&repo.join("content"), &root.join("content"));
    copy_dir(&repo.join("themes"), &root.join("themes"));
    let site_toml = fs::read_to_string(repo.join("site.toml")).unwrap();
    fs::write(root.join("site.toml"), site_toml_without_widget(&site_toml)).unwrap();
}

/// Every file below `dir`.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|entry| entry.unwrap())
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| entry.into_path())
        .collect()
}

/// `site.toml` without its `[widget]` table (and `[widget.*]` sub-tables).
fn site_toml_without_widget(text: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with('[') {
            skipping = t.starts_with("[widget]") || t.starts_with("[widget.");
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}
