//! A build killed (SIGKILL) at any moment leaves the output folder holding one whole
//! build: every page from the same build, every file a page links present, the
//! manifest listing exactly what is there. Each round changes every page (the title in
//! the footer) and the stylesheet (so its hashed name), then kills a build after a
//! random delay within one build's time.
#![cfg(unix)]

use crate::common::synthetic;
use crate::common::*;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PAGES: usize = 2000;
const ROUNDS: usize = 24;

/// A small deterministic generator (xorshift), seeded from the clock: the seed is
/// printed on failure to replay a run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn title(round: usize) -> String {
    format!("Kill round {round}")
}

fn start_build(root: &Path, out: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_guide"))
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--out")
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// The round whose build every page of `out` comes from; panics on a mix or on a
/// missing linked file.
fn check_one_build(out: &Path, rounds: &[usize], context: &str) -> usize {
    let listed: BTreeSet<String> = fs::read_to_string(out.join(".guide-manifest"))
        .unwrap_or_else(|e| panic!("{context}: no manifest: {e}"))
        .lines()
        .skip(1)
        .map(str::to_string)
        .collect();
    let present: BTreeSet<String> = real_site::files_under(out)
        .iter()
        .map(|p| p.strip_prefix(out).unwrap().to_string_lossy().into_owned())
        .filter(|p| p != ".guide-manifest")
        .collect();
    assert_eq!(
        listed, present,
        "{context}: the manifest and the folder differ"
    );
    let mut seen = BTreeSet::new();
    let mut pages = 0;
    for rel in present.iter().filter(|p| p.ends_with(".html")) {
        let html = fs::read_to_string(out.join(rel)).unwrap();
        let round = rounds
            .iter()
            .copied()
            .find(|r| html.contains(&format!("<p class=\"small\">{}</p>", title(*r))))
            .unwrap_or_else(|| panic!("{context}: {rel} is from no known build"));
        seen.insert(round);
        pages += 1;
        for url in attr_values(&html, "href")
            .into_iter()
            .chain(attr_values(&html, "src"))
            .filter(|u| u.starts_with('/') && !u.starts_with("//"))
        {
            let path = url
                .split(['#', '?'])
                .next()
                .unwrap()
                .trim_start_matches('/');
            let file = if path.is_empty() || path.ends_with('/') {
                format!("{path}index.html")
            } else {
                path.to_string()
            };
            assert!(
                present.contains(&file),
                "{context}: {rel} links {url}, which is not in the output"
            );
        }
    }
    assert!(pages > PAGES, "{context}: only {pages} pages");
    assert_eq!(
        seen.len(),
        1,
        "{context}: pages of several builds: {seen:?}"
    );
    seen.into_iter().next().unwrap()
}

#[test]
fn a_build_killed_at_any_moment_leaves_one_whole_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let out = dir.path().join("public");
    synthetic::generate(&root, PAGES, &title(0));
    assert!(start_build(&root, &out).wait().unwrap().success());
    // Each round changes every page and the stylesheet's hashed name.
    let edit = |round: usize| {
        synthetic::set_title(&root, &title(round));
        let style = root.join("themes/default/static/style.css");
        let css = fs::read_to_string(&style).unwrap();
        fs::write(&style, format!("{css}\n/* round {round} */\n")).unwrap();
    };
    // Such a rebuild's time is the range the kills are spread over.
    let timed_round = ROUNDS + 1;
    edit(timed_round);
    let timed = Instant::now();
    assert!(start_build(&root, &out).wait().unwrap().success());
    let build_time = timed.elapsed();
    let mut published = check_one_build(&out, &[timed_round], "the timed build");
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut rng = Rng(seed);
    let mut finished = 0;
    for round in 1..=ROUNDS {
        edit(round);
        let mut child = start_build(&root, &out);
        // Up to a bit more than one build's time: some builds finish, some are killed
        // while the old tree is removed.
        let delay = rng.below(build_time.as_millis() as u64 * 13 / 10);
        std::thread::sleep(Duration::from_millis(delay));
        if child.try_wait().unwrap().is_some() {
            finished += 1;
        } else {
            child.kill().unwrap();
        }
        child.wait().unwrap();
        let context = format!("round {round} (seed {seed}, killed after {delay} ms)");
        published = check_one_build(&out, &[published, round], &context);
    }
    // The next whole build removes what the killed ones left beside the output.
    assert!(start_build(&root, &out).wait().unwrap().success());
    assert_eq!(check_one_build(&out, &[ROUNDS], "the last build"), ROUNDS);
    let leftovers: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "site" && n != "public")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    eprintln!("{ROUNDS} rounds, {finished} builds finished before the kill");
}
