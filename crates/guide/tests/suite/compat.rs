//! The compatibility test: Zola's own two test sites (`../shared/compat/`, unchanged),
//! each built by `guide build` from a copy, give the files Zola 0.22.1 writes for them
//! (the `.files` list beside each site): every HTML page at its URL, the feeds, the
//! sitemap, the CSS and the copied files.
//!
//! What still differs is listed below, path by path, with why; the test asserts that
//! everything else is the same, and prints the whole difference when it is not. A site
//! whose build still fails is listed in [`NOT_BUILDING_YET`]: its problems are printed
//! and its paths cannot be compared yet.
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::common::{copy_dir, guide};

fn compat() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/compat")
}

/// Sites whose build still fails, with what stops it. (When one starts building, take
/// it out and list its remaining differences in [`KNOWN`].)
const NOT_BUILDING_YET: &[(&str, &str)] = &[];

/// A path that is known to differ from Zola's list, and why.
struct Known {
    site: &'static str,
    /// A path, or a folder (ending with `/`): every path under it.
    path: &'static str,
    /// `true`: Zola writes it and we do not; `false`: we write it and Zola does not.
    missing: bool,
    why: &'static str,
}

impl Known {
    fn matches(&self, path: &str) -> bool {
        match self.path.ends_with('/') {
            true => path.starts_with(self.path),
            false => path == self.path,
        }
    }
}

/// The differences that remain, each with its reason. (Shrink this list.)
const KNOWN: &[Known] = &[];

/// Output files that are ours alone, never compared: the list of what the build wrote.
const OURS: &[&str] = &[".guide-manifest"];

#[test]
fn zola_test_site_gives_zolas_files() {
    compare("zola-test-site");
}

#[test]
fn zola_test_site_i18n_gives_zolas_files() {
    compare("zola-test-site-i18n");
}

fn compare(name: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join(name);
    copy_dir(&compat().join(name), &root);
    let out = root.join("public");
    let run = guide(
        &["build", "--root", path(&root), "--out", path(&out)],
        tmp.path(),
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    if let Some((_, why)) = NOT_BUILDING_YET.iter().find(|(s, _)| *s == name) {
        println!("{name} does not build yet ({why}):\n{stderr}");
        if !run.status.success() {
            return;
        }
        println!("... but it built: compare it, and take it out of NOT_BUILDING_YET");
    }
    assert!(run.status.success(), "{name} does not build:\n{stderr}");
    let listed = std::fs::read_to_string(compat().join(format!("{name}.files"))).unwrap();
    let zola: BTreeSet<&str> = listed.lines().filter(|l| !l.is_empty()).collect();
    let ours = written(&out);
    let diff = Diff::new(name, &zola, &ours);
    println!("{diff}");
    assert!(
        diff.is_known(),
        "{name}: unexpected differences (see above)"
    );
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Every file under `out`, relative to it, but ours alone.
fn written(out: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(out).unwrap();
            rel.to_string_lossy().into_owned()
        })
        .filter(|rel| !OURS.contains(&rel.as_str()))
        .collect()
}

/// How the paths of one site differ, each difference known (listed in [`KNOWN`]) or not.
struct Diff<'a> {
    site: &'a str,
    /// Zola writes them, we do not.
    missing: Vec<String>,
    /// We write them, Zola does not.
    extra: Vec<String>,
    /// Listed in [`KNOWN`] but the same now.
    fixed: Vec<&'static str>,
}

impl<'a> Diff<'a> {
    fn new(site: &'a str, zola: &BTreeSet<&str>, ours: &BTreeSet<String>) -> Self {
        let missing: Vec<String> = zola
            .iter()
            .filter(|p| !ours.contains(**p))
            .map(|p| p.to_string())
            .collect();
        let extra: Vec<String> = ours
            .iter()
            .filter(|p| !zola.contains(p.as_str()))
            .cloned()
            .collect();
        let fixed = KNOWN
            .iter()
            .filter(|k| k.site == site)
            .filter(|k| {
                let list = if k.missing { &missing } else { &extra };
                !list.iter().any(|p| k.matches(p))
            })
            .map(|k| k.path)
            .collect();
        Diff {
            site,
            missing,
            extra,
            fixed,
        }
    }

    fn known(&self, path: &str, missing: bool) -> Option<&'static Known> {
        KNOWN
            .iter()
            .find(|k| k.site == self.site && k.matches(path) && k.missing == missing)
    }

    /// Every difference is known, and every known one is still there.
    fn is_known(&self) -> bool {
        let all_known = self.missing.iter().all(|p| self.known(p, true).is_some())
            && self.extra.iter().all(|p| self.known(p, false).is_some());
        all_known && self.fixed.is_empty()
    }
}

impl std::fmt::Display for Diff<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{}: compared with what Zola 0.22.1 writes", self.site)?;
        let sides = [
            (&self.missing, true, "- Zola writes, we do not"),
            (&self.extra, false, "+ we write, Zola does not"),
        ];
        for (paths, missing, title) in sides {
            writeln!(f, "{title}:")?;
            for p in paths {
                match self.known(p, missing) {
                    Some(k) => writeln!(f, "    {p}    (known: {})", k.why)?,
                    None => writeln!(f, "    {p}    <- NOT KNOWN")?,
                }
            }
        }
        for p in &self.fixed {
            writeln!(
                f,
                "now the same as Zola, take it out of KNOWN: {p}    <- LISTED"
            )?;
        }
        Ok(())
    }
}
