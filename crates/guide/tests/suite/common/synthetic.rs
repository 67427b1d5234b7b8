//! A synthetic guide of N pages with the repository's real theme (`themes/default` and
//! its data file), in Zola's layout: sections of 25 pages, each page a few headings,
//! paragraphs, a table, a code block and links to other pages.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use super::copy_dir;
use super::real_site::repo_root;

const PER_SECTION: usize = 25;

/// Writes the site into `root` (which must be empty or missing), titled `title`.
pub fn generate(root: &Path, pages: usize, title: &str) {
    let repo = repo_root();
    copy_dir(&repo.join("themes/default"), &root.join("themes/default"));
    fs::create_dir_all(root.join("content/data")).unwrap();
    fs::copy(
        repo.join("content/data/incident.toml"),
        root.join("content/data/incident.toml"),
    )
    .unwrap();
    set_title(root, title);
    fs::write(
        root.join("content/_index.md"),
        "+++\ntitle = \"Synthetic guide\"\n+++\nThe start page.\n",
    )
    .unwrap();
    let sections = pages.div_ceil(PER_SECTION);
    for s in 0..sections {
        let dir = root.join(format!("content/section-{s:03}"));
        fs::create_dir_all(&dir).unwrap();
        fs::write(
            dir.join("_index.md"),
            format!("+++\ntitle = \"Section {s}\"\nweight = {s}\n+++\nPages of section {s}.\n"),
        )
        .unwrap();
    }
    for i in 0..pages {
        let s = i / PER_SECTION;
        let path = root.join(format!("content/section-{s:03}/page-{i:05}.md"));
        fs::write(path, page(i, pages)).unwrap();
    }
}

/// Rewrites `site.toml` with another title (every page prints it in its footer).
pub fn set_title(root: &Path, title: &str) {
    fs::write(
        root.join("site.toml"),
        format!("base_url = \"https://example.com\"\ntitle = \"{title}\"\ntheme = \"default\"\n"),
    )
    .unwrap();
}

fn page(i: usize, pages: usize) -> String {
    let other = (i * 7 + 3) % pages;
    let other_section = other / PER_SECTION;
    let mut text = format!("+++\ntitle = \"Topic {i}\"\nweight = {i}\n+++\n\n");
    for h in 0..3 {
        let _ = write!(
            text,
            "## Part {h} of topic {i}\n\nThe relay retries soft bounces {h} times before \
             topic {i} escalates. See [topic {other}](@/section-{other_section:03}/page-{other:05}.md).\n\n\
             | setting | value |\n| --- | --- |\n| max_retries | {h} |\n\n\
             ```text\n550 5.1.1 <user{i}@example.com>: mailbox unavailable\n```\n\n"
        );
    }
    text
}
