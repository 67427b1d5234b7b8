//! `guide serve` notices every save, however the editor saves: in place, by writing a
//! new file and renaming it over the old one, by deleting and recreating it, by keeping
//! a backup (vim), or by replacing a whole folder; and it still notices the next save
//! after each of these (a watch on the replaced inode would go deaf).
use crate::common::server::*;
use crate::common::*;

use std::fs;
use std::path::Path;

/// Saves `text` to `path` the way an editor of `kind` does.
fn save(kind: &str, path: &Path, text: &str) {
    let tmp = path.with_extension("tmp-save");
    match kind {
        "in-place" => fs::write(path, text).unwrap(),
        "write-then-rename" => {
            fs::write(&tmp, text).unwrap();
            fs::rename(&tmp, path).unwrap();
        }
        "delete-and-recreate" => {
            fs::remove_file(path).unwrap();
            fs::write(path, text).unwrap();
        }
        "backup-then-write" => {
            // vim's `backupcopy=no`: the old file is renamed to a backup, a new one written.
            let backup = path.with_extension("md~");
            fs::rename(path, &backup).unwrap();
            fs::write(path, text).unwrap();
            fs::remove_file(&backup).unwrap();
        }
        other => panic!("unknown save kind {other}"),
    }
}

const KINDS: [&str; 4] = [
    "in-place",
    "write-then-rename",
    "delete-and-recreate",
    "backup-then-write",
];

#[test]
fn every_kind_of_save_of_a_page_is_noticed_and_so_is_the_next() {
    let dir = site("basic");
    let server = start(dir.path());
    let page = dir.path().join("content/about.md");
    let original = fs::read_to_string(&page).unwrap();
    for (i, kind) in KINDS.iter().chain(KINDS.iter()).enumerate() {
        let marker = format!("Saved {i} by {kind}.");
        save(
            kind,
            &page,
            &original.replace("We run mail servers.", &marker),
        );
        wait_for(server.1, "/about-us/", &marker);
    }
}

#[test]
fn every_kind_of_save_of_the_configuration_is_noticed_and_so_is_the_next() {
    let dir = site("basic");
    let server = start(dir.path());
    let config = dir.path().join("site.toml");
    let original = fs::read_to_string(&config).unwrap();
    for (i, kind) in KINDS.iter().chain(KINDS.iter()).enumerate() {
        // (`language` is printed on every page of the fixture theme: `<html lang=..>`.)
        let lang = format!("x-{i}");
        let text = original.replace("language = \"en\"", &format!("language = \"{lang}\""));
        if *kind == "backup-then-write" {
            // (the backup's extension is for pages)
            save("write-then-rename", &config, &text);
        } else {
            save(kind, &config, &text);
        }
        wait_for(server.1, "/about-us/", &format!("<html lang=\"{lang}\">"));
    }
}

/// Copies `from` to `to` (a folder), file by file.
fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            fs::create_dir_all(dest).unwrap();
        } else {
            fs::copy(e.path(), dest).unwrap();
        }
    }
}

#[test]
fn a_replaced_or_recreated_folder_is_watched_again() {
    let dir = site("basic");
    let server = start(dir.path());
    let content = dir.path().join("content");
    let about = content.join("about.md");
    let original = fs::read_to_string(&about).unwrap();

    // content/ removed and recreated: the error page, then the site again.
    let aside = dir.path().join("aside");
    copy_tree(&content, &aside);
    fs::remove_dir_all(&content).unwrap();
    wait_for(server.1, "/", "Build failed");
    copy_tree(&aside, &content);
    wait_for(server.1, "/about-us/", "We run mail servers.");
    fs::write(&about, original.replace("We run", "Recreated, we run")).unwrap();
    wait_for(server.1, "/about-us/", "Recreated, we run");

    // content/ replaced by renaming a new copy over it (an old copy moved away).
    let new = dir.path().join("content.new");
    copy_tree(&content, &new);
    fs::write(
        new.join("about.md"),
        original.replace("We run", "Swapped, we run"),
    )
    .unwrap();
    fs::rename(&content, dir.path().join("content.old")).unwrap();
    fs::rename(&new, &content).unwrap();
    wait_for(server.1, "/about-us/", "Swapped, we run");
    fs::write(&about, original.replace("We run", "After the swap, we run")).unwrap();
    wait_for(server.1, "/about-us/", "After the swap, we run");

    // A folder inside content/ and the theme's templates folder replaced the same way.
    let guide = content.join("guide");
    let guide_new = content.join("guide.new");
    copy_tree(&guide, &guide_new);
    fs::remove_dir_all(&guide).unwrap();
    fs::rename(&guide_new, &guide).unwrap();
    let templates = dir.path().join("themes/fixture/templates");
    let templates_new = dir.path().join("themes/fixture/templates.new");
    copy_tree(&templates, &templates_new);
    let base = fs::read_to_string(templates.join("base.html")).unwrap();
    fs::write(
        templates_new.join("base.html"),
        base.replace(
            "<head>",
            "<head><meta name=\"x\" content=\"replaced theme\">",
        ),
    )
    .unwrap();
    fs::remove_dir_all(&templates).unwrap();
    fs::rename(&templates_new, &templates).unwrap();
    wait_for(server.1, "/about-us/", "replaced theme");
    fs::write(
        templates.join("base.html"),
        base.replace("<head>", "<head><meta name=\"x\" content=\"edited again\">"),
    )
    .unwrap();
    wait_for(server.1, "/about-us/", "edited again");
}
