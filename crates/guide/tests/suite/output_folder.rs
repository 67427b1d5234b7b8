//! `--out` never deletes what a build did not write: the default is `<root>/public`;
//! the site root, a folder above it, the sources and folders inside them are refused,
//! and so is an existing folder holding anything the last build's manifest does not
//! list. Each case compares a snapshot of everything around the output before and
//! after.
use crate::common::*;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// Every file and folder under `dir` (symlinks not followed) with its contents, except
/// what lies under `skip`.
fn snapshot(dir: &Path, skip: Option<&Path>) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| skip.is_none_or(|s| !e.path().starts_with(s)))
        .map(|e| e.unwrap())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            let bytes = if e.file_type().is_file() {
                fs::read(e.path()).unwrap()
            } else {
                b"<folder>".to_vec()
            };
            (rel, bytes)
        })
        .collect()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fixture site in `<tmp>/site`, beside a folder of the user's own (`<tmp>/mine`).
fn site_beside_user_files() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    site_at("basic", &root);
    fs::create_dir_all(tmp.path().join("mine/notes")).unwrap();
    fs::write(tmp.path().join("mine/notes/todo.txt"), "my own file").unwrap();
    (tmp, root)
}

/// Runs `guide build --out <out>` in the site root and checks that it is refused with
/// `why` and that nothing at all changed under `tmp`.
fn refused(tmp: &Path, root: &Path, out: &str, why: &str) {
    let before = snapshot(tmp, None);
    let run = guide(&["build", "--out", out], root);
    assert_eq!(run.status.code(), Some(1), "--out {out}: {}", stderr(&run));
    let err = stderr(&run);
    assert!(
        err.contains("refusing the output folder") && err.contains(why),
        "--out {out}: {err}"
    );
    assert_eq!(snapshot(tmp, None), before, "--out {out} changed files");
}

#[test]
fn the_root_its_parents_and_the_sources_are_refused() {
    let (tmp, root) = site_beside_user_files();
    refused(tmp.path(), &root, ".", "is the site root or holds it");
    refused(tmp.path(), &root, "..", "is the site root or holds it");
    refused(tmp.path(), &root, "/", "");
    for source in ["content", "themes", "themes/fixture/static"] {
        refused(
            tmp.path(),
            &root,
            source,
            "is or lies inside the site's sources",
        );
    }
    // A folder that does not exist yet inside the sources, too.
    refused(
        tmp.path(),
        &root,
        "content/new",
        "is or lies inside the site's sources",
    );
    refused(
        tmp.path(),
        &root,
        "site.toml",
        "is or lies inside the site's sources",
    );
}

#[test]
fn a_folder_the_build_did_not_write_is_refused() {
    let (tmp, root) = site_beside_user_files();
    refused(
        tmp.path(),
        &root,
        "../mine",
        "was not written by `guide build`",
    );
    // Through a symlink too.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(tmp.path().join("mine"), tmp.path().join("link")).unwrap();
        refused(
            tmp.path(),
            &root,
            "../link",
            "was not written by `guide build`",
        );
    }
}

#[test]
fn the_default_output_is_public_under_the_root_not_the_shells_folder() {
    let (tmp, root) = site_beside_user_files();
    // A `public/` in the shell's folder that is not this site's.
    fs::create_dir(tmp.path().join("public")).unwrap();
    fs::write(tmp.path().join("public/keep.txt"), "not the site's").unwrap();
    let outside = snapshot(tmp.path(), Some(&root));
    let run = guide(&["build", "--root", "site"], tmp.path());
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(root.join("public/index.html").is_file());
    assert_eq!(snapshot(tmp.path(), Some(&root)), outside);
}

#[test]
fn a_file_added_by_hand_to_the_output_is_never_deleted() {
    let (tmp, root) = site_beside_user_files();
    assert!(guide(&["build"], &root).status.success());
    let public = root.join("public");
    fs::write(public.join("CNAME"), "docs.example.com").unwrap();
    let before = snapshot(tmp.path(), None);
    let run = guide(&["build"], &root);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(
        err.contains("holds files the last build did not write (CNAME)"),
        "{err}"
    );
    assert_eq!(snapshot(tmp.path(), None), before);
    // Moved where it belongs (static/), it is published.
    fs::create_dir_all(root.join("static")).unwrap();
    fs::rename(public.join("CNAME"), root.join("static/CNAME")).unwrap();
    assert!(guide(&["build"], &root).status.success());
    assert!(public.join("CNAME").is_file());
}

#[test]
fn an_empty_or_new_folder_outside_the_sources_is_accepted() {
    let (tmp, root) = site_beside_user_files();
    fs::create_dir(tmp.path().join("empty")).unwrap();
    let outside = snapshot(tmp.path(), Some(&tmp.path().join("empty")));
    for out in ["../empty", "../new/deeper/out"] {
        let run = guide(&["build", "--out", out], &root);
        assert!(run.status.success(), "--out {out}: {}", stderr(&run));
        assert!(root.join(out).join("index.html").is_file());
        // Built again: the folder is now ours.
        assert!(guide(&["build", "--out", out], &root).status.success());
    }
    let after = snapshot(tmp.path(), Some(&tmp.path().join("empty")));
    let new: Vec<&String> = after.keys().filter(|k| !outside.contains_key(*k)).collect();
    assert!(new.iter().all(|k| k.starts_with("new")), "{new:?}");
    assert!(outside.iter().all(|(k, v)| after.get(k) == Some(v)));
}

#[cfg(unix)]
#[test]
fn a_symlinked_output_folder_is_replaced_where_it_points() {
    let (tmp, root) = site_beside_user_files();
    fs::create_dir(tmp.path().join("www-root")).unwrap();
    std::os::unix::fs::symlink(tmp.path().join("www-root"), root.join("public")).unwrap();
    for _ in 0..2 {
        let run = guide(&["build"], &root);
        assert!(run.status.success(), "{}", stderr(&run));
    }
    assert!(fs::symlink_metadata(root.join("public"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(tmp.path().join("www-root/index.html").is_file());
}

#[cfg(unix)]
#[test]
fn unchanged_files_keep_their_inode_and_time() {
    use std::os::unix::fs::MetadataExt;
    let dir = site("basic");
    assert!(guide(&["build"], dir.path()).status.success());
    let page = dir.path().join("public/about-us/index.html");
    let before = fs::metadata(&page).unwrap();
    let about = dir.path().join("content/markdown.md");
    let text = fs::read_to_string(&about).unwrap();
    fs::write(&about, format!("{text}\nOne more line.\n")).unwrap();
    let run = guide(&["build"], dir.path());
    assert!(run.status.success());
    let after = fs::metadata(&page).unwrap();
    assert_eq!(before.ino(), after.ino());
    assert_eq!(before.modified().unwrap(), after.modified().unwrap());
    let err = stderr(&run);
    assert!(!err.contains("(0 files written"), "{err}");
}

#[test]
fn folders_left_by_killed_builds_are_removed_by_the_next() {
    let dir = site("basic");
    assert!(guide(&["build"], dir.path()).status.success());
    for left in [".public.guide-new-4242", ".public.guide-old-4243"] {
        fs::create_dir_all(dir.path().join(left).join("a")).unwrap();
        fs::write(dir.path().join(left).join("a/index.html"), "half").unwrap();
    }
    assert!(guide(&["build"], dir.path()).status.success());
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".guide-")), "{names:?}");
}
