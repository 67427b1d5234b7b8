//! Every output path stays inside `--out`: a slug or a file name that is empty, `.`,
//! `..`, or holds a separator or a control character is an error at its file (and line),
//! from `build` and `check`; a page whose URL collides with another page, a static file
//! or a file the build writes itself (sitemap, robots.txt, 404 page, search index,
//! manifest) is an error naming both. Each refused build changes nothing, inside the
//! output folder or out of it. Random slugs check the rule for the class, not only for
//! these examples.
use crate::common::*;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// Every file and folder under `dir`, with its contents.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
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

/// A site in `<tmp>/a/b/site` (so that `../../` from the output still lies in the
/// snapshot), built once into its `public/`.
fn nested_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("a/b/site");
    site_at("basic", &root);
    fs::write(tmp.path().join("a/victim.txt"), "keep me").unwrap();
    let run = guide(&["build"], &root);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    (tmp, root)
}

/// Writes `content/evil.md` with the given front matter line, runs `build` and `check`,
/// and checks both fail with `expected` and nothing changed anywhere (but the page).
fn refused(front: &str, expected: &str) {
    let (tmp, root) = nested_site();
    fs::write(
        root.join("content/evil.md"),
        format!("+++\ntitle = \"Evil\"\n{front}\n+++\nbody\n"),
    )
    .unwrap();
    let before = snapshot(tmp.path());
    for command in ["build", "check"] {
        let run = guide(&[command], &root);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{front}: {command}: {stderr}");
        assert!(stderr.contains(expected), "{front}: {command}: {stderr}");
    }
    assert_eq!(snapshot(tmp.path()), before, "{front}");
}

#[test]
fn slugs_that_are_not_one_plain_url_part_are_refused_at_their_line() {
    for (slug, why) in [
        ("\"\"", "is empty"),
        ("\".\"", "is `.` or `..`"),
        ("\"..\"", "is `.` or `..`"),
        ("\"../victim\"", "holds a path separator"),
        ("\"../../../victim\"", "holds a path separator"),
        ("\"/etc\"", "holds a path separator"),
        ("\"a/b\"", "holds a path separator"),
        ("'a\\b'", "holds a path separator"),
        ("\"x\\ny\"", "holds a control character"),
        ("\"x\\u0000y\"", "holds a control character"),
        ("\"\\t\"", "holds a control character"),
    ] {
        refused(&format!("slug = {slug}"), "content/evil.md:3: slug `");
        refused(&format!("slug = {slug}"), why);
    }
}

#[test]
fn aliases_that_leave_the_output_are_refused_at_their_line() {
    for alias in ["../../victim/", "/../../../victim.html", "a/../../victim/"] {
        refused(
            &format!("aliases = [\"{alias}\"]"),
            "content/evil.md:3: output path `",
        );
    }
}

#[test]
fn a_page_where_the_search_index_goes_names_both_sides() {
    refused(
        "path = \"search/index.bin\"",
        "content/evil.md:3: its URL /search/index.bin/ ",
    );
    refused(
        "path = \"search/index.bin\"",
        "`search/index.bin` of the search index",
    );
}

#[test]
fn urls_that_collide_with_the_builds_own_files_name_both_sides() {
    for (slug, other) in [
        (
            "sitemap.xml",
            "`sitemap.xml` of the sitemap, which the build writes",
        ),
        (
            "robots.txt",
            "`robots.txt` of robots.txt, which the build writes",
        ),
        ("404.html", "`404.html` of the page for unknown URLs"),
        (".guide-manifest", "`.guide-manifest` of the manifest"),
        (
            "style.css",
            "`style.css` of the static file themes/fixture/static/style.css",
        ),
        ("about-us", "also written by the page content/about.md"),
    ] {
        refused(
            &format!("slug = \"{slug}\""),
            &format!("content/evil.md:3: its URL /{slug}/ "),
        );
        refused(&format!("slug = \"{slug}\""), other);
    }
    // The first in file order keeps the URL; the other is the problem, naming it.
    refused(
        "slug = \"guide\"",
        "content/guide/_index.md: its URL /guide/ is also written by the page content/evil.md",
    );
}

#[test]
fn file_names_that_cannot_be_url_parts_are_refused() {
    for name in [
        "back\\slash.md",
        "new\nline.md",
        "tab\there.png",
        "dir\\x/page.md",
    ] {
        let (tmp, root) = nested_site();
        let path = root.join("content").join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, "+++\ntitle = \"x\"\n+++\n").unwrap();
        let before = snapshot(tmp.path());
        for command in ["build", "check"] {
            let run = guide(&[command], &root);
            let stderr = String::from_utf8_lossy(&run.stderr);
            assert_eq!(run.status.code(), Some(1), "{name:?}: {stderr}");
            assert!(
                stderr.contains("the file name part `"),
                "{name:?}: {stderr}"
            );
        }
        assert_eq!(snapshot(tmp.path()), before, "{name:?}");
    }
}

#[test]
fn static_files_are_checked_too() {
    // A file where the theme needs a folder (`files/`).
    let (tmp, root) = nested_site();
    fs::create_dir_all(root.join("static")).unwrap();
    fs::write(root.join("static/files"), "a file").unwrap();
    let before = snapshot(tmp.path());
    let run = guide(&["build"], &root);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("cannot both be written") && stderr.contains("static/files"),
        "{stderr}"
    );
    assert_eq!(snapshot(tmp.path()), before);
    // A name no URL can hold.
    let (tmp, root) = nested_site();
    fs::write(root.join("themes/fixture/static/bad\nname.css"), "x").unwrap();
    let before = snapshot(tmp.path());
    let run = guide(&["build"], &root);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("themes/fixture/static/bad\\nname.css: output path")
            && stderr.contains("control character"),
        "{stderr}"
    );
    assert_eq!(snapshot(tmp.path()), before);
}

#[test]
fn updated_must_be_a_date() {
    refused(
        "updated = \"not a date\"",
        "content/evil.md:3: `updated = \"not a date\"` is not a date",
    );
    refused(
        "updated = 12",
        "content/evil.md:3: `updated = 12` is not a date",
    );
    for good in [
        "updated = 2026-11-28",
        "updated = \"2026-11-28\"",
        "updated = \"2026-11-28T08:00:00Z\"",
    ] {
        let dir = site("basic");
        fs::write(
            dir.path().join("content/dated.md"),
            format!("+++\ntitle = \"Dated\"\n{good}\n+++\n"),
        )
        .unwrap();
        assert!(build(dir.path()).is_ok(), "{good}");
    }
}

/// A small deterministic generator (xorshift) with a fixed seed: the same slugs each run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn any_slug_either_is_refused_or_gives_one_page_inside_the_output() {
    const PIECES: [&str; 14] = [
        "a", "Z", "-", ".", "..", "/", "\\", "\n", "\u{0}", "\u{7f}", " ", "é", "#", "%",
    ];
    let dir = site("basic");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..200 {
        let len = (rng.next() % 5) as usize;
        let slug: String = (0..len)
            .map(|_| PIECES[(rng.next() % PIECES.len() as u64) as usize])
            .collect();
        // (Every character as a TOML `\UXXXXXXXX` escape.)
        let toml_slug: String = slug
            .chars()
            .map(|c| format!("\\U{:08X}", c as u32))
            .collect();
        fs::write(
            dir.path().join("content/random.md"),
            format!("+++\ntitle = \"R\"\nslug = \"{toml_slug}\"\n+++\n"),
        )
        .unwrap();
        let plain = !slug.is_empty()
            && slug != "."
            && slug != ".."
            && !slug.contains(['/', '\\'])
            && !slug.chars().any(char::is_control);
        match build(dir.path()) {
            Ok(out) => {
                assert!(plain, "{slug:?} was accepted");
                let page = format!("{slug}/index.html");
                assert!(out.files.contains_key(&page), "{slug:?}");
                for path in out.files.keys() {
                    assert!(
                        path.split('/')
                            .all(|p| !p.is_empty() && p != "." && p != ".."),
                        "{slug:?} gave {path:?}"
                    );
                }
            }
            Err(e) => {
                let problems: Vec<String> = e.problems().iter().map(|p| p.to_string()).collect();
                assert!(!plain, "{slug:?}: {problems:?}");
                assert!(
                    problems
                        .iter()
                        .all(|p| p.starts_with("content/random.md:3: ")),
                    "{slug:?}: {problems:?}"
                );
            }
        }
    }
}
