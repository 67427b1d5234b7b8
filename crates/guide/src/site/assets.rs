//! Static files of the output (theme `static/`, the site's `static/`, the widget mount,
//! co-located content files, generated files) and their content-hashed names.
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use walkdir::WalkDir;

use crate::paths::rel_path;

/// Where the bytes of an output file come from.
#[derive(Debug, Clone)]
pub enum Source {
    File(PathBuf),
    Bytes(Arc<Vec<u8>>),
}

impl Source {
    pub fn read(&self) -> std::io::Result<Arc<Vec<u8>>> {
        match self {
            Source::File(p) => std::fs::read(p).map(Arc::new),
            Source::Bytes(b) => Ok(b.clone()),
        }
    }
}

/// Static files by output path (`style.css`, `widget/diagnose.js`), and the hashed names
/// handed out by `asset()`. Filled by one stage (`&mut self`) and only read after that:
/// a reader sees every file or none. What readers change is memos: each file's hashed
/// name, computed at the first `asset()` of it, and whether its hashed copy is wanted.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    files: BTreeMap<String, Entry>,
    /// Files a build step makes but that this run did not make (see [`Registry::not_built`]).
    unbuilt: BTreeSet<String>,
}

#[derive(Debug)]
struct Entry {
    source: Source,
    hashed: OnceLock<String>,
    /// An `asset()` asked for the hashed copy: it is published.
    used: AtomicBool,
}

/// Files of `www/` that are not part of the published widget.
const MOUNT_EXCLUDES: [&str; 3] = ["node_modules", "package.json", "package-lock.json"];

impl Registry {
    /// Adds every file under `dir` at `prefix` + its relative path (later adds win).
    /// Folders whose name starts with a dot are skipped; so are such files of the widget
    /// mount (`mount`), while those of a `static/` folder are copied, as Zola copies them
    /// (`.gitattributes`, `.well-known` files are in a folder and stay out).
    pub(crate) fn add_dir(&mut self, dir: &Path, prefix: &str, mount: bool) -> std::io::Result<()> {
        if !dir.is_dir() {
            return Ok(());
        }
        let walker = WalkDir::new(dir).into_iter().filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            let hidden = name.starts_with('.') && (mount || !e.file_type().is_file());
            e.depth() == 0 || !(hidden || mount && MOUNT_EXCLUDES.contains(&name.as_ref()))
        });
        for entry in walker {
            let entry = entry.map_err(std::io::Error::from)?;
            if entry.file_type().is_file() {
                let rel = rel_path(dir, entry.path());
                let out = if prefix.is_empty() {
                    rel
                } else {
                    format!("{prefix}/{rel}")
                };
                self.add(out, Source::File(entry.into_path()));
            }
        }
        Ok(())
    }

    /// Keeps only the files for which `keep(output path, source)` holds.
    pub(crate) fn retain(&mut self, keep: impl Fn(&str, &Source) -> bool) {
        self.files.retain(|out, entry| keep(out, &entry.source));
    }

    /// Forgets every file under the output folder `prefix` (`processed_images`).
    pub(crate) fn remove_under(&mut self, prefix: &str) {
        let dir = format!("{}/", prefix.trim_end_matches('/'));
        self.files.retain(|out, _| !out.starts_with(&dir));
    }

    pub(crate) fn add_file(&mut self, out: &str, path: PathBuf) {
        self.add(out.to_string(), Source::File(path));
    }

    pub(crate) fn add_bytes(&mut self, out: &str, bytes: Vec<u8>) {
        self.add(out.to_string(), Source::Bytes(Arc::new(bytes)));
    }

    fn add(&mut self, out: String, source: Source) {
        let entry = Entry {
            source,
            hashed: OnceLock::new(),
            used: AtomicBool::new(false),
        };
        self.files.insert(out, entry);
    }

    /// Marks `out` as the output of a build step that did not run (`guide check` does
    /// not build the widget's wasm, so a fresh clone has no `www/pkg`): while no such
    /// file exists, `asset()` gives its plain URL instead of failing. Once the file
    /// exists it is hashed as usual. A path not marked still fails when missing, so a
    /// typo is caught by `check` too, and a real build (which runs the step) fails.
    pub(crate) fn not_built(&mut self, out: &str) {
        self.unbuilt.insert(out.trim_start_matches('/').to_string());
    }

    /// URL of the content-hashed copy of `path` (`/style.3f2a9c1e.css`), or `None` when
    /// no such file exists. Records that the hashed copy must be written. A missing file
    /// marked [`Registry::not_built`] gives its plain URL (`/widget/pkg/widget.js`).
    pub(crate) fn hashed_url(&self, path: &str) -> Option<Result<String, std::io::Error>> {
        let path = path.trim_start_matches('/');
        let Some(entry) = self.files.get(path) else {
            return self.unbuilt.contains(path).then(|| Ok(format!("/{path}")));
        };
        let hashed = match entry.hashed.get() {
            Some(h) => h,
            None => {
                let bytes = match entry.source.read() {
                    Ok(b) => b,
                    Err(e) => return Some(Err(e)),
                };
                // Two threads may both compute it: the same name, the first one kept.
                entry.hashed.get_or_init(|| hashed_name(path, &bytes))
            }
        };
        entry.used.store(true, Ordering::Relaxed);
        Some(Ok(format!("/{hashed}")))
    }

    /// Paths whose hashed copy was asked for.
    pub(crate) fn used(&self) -> BTreeSet<String> {
        self.files
            .iter()
            .filter(|(_, e)| e.used.load(Ordering::Relaxed))
            .map(|(path, _)| path.clone())
            .collect()
    }

    /// Every output file: the plain ones, then the hashed copies that were asked for.
    pub(crate) fn outputs(&self) -> Vec<(String, Source)> {
        let plain = self
            .files
            .iter()
            .map(|(k, e)| (k.clone(), e.source.clone()));
        let hashed = self.files.values().filter_map(|e| {
            let name = e.hashed.get().filter(|_| e.used.load(Ordering::Relaxed))?;
            Some((name.clone(), e.source.clone()))
        });
        plain.chain(hashed).collect()
    }
}

/// The files `asset()` knows while pages render: the static files of the load stage and
/// the files that pages link by their plain names while another stage writes them (the
/// search index's entry file: the index is built beside the pages, from the same parsed
/// text, and a page never depends on its content).
#[derive(Debug, Clone)]
pub(crate) struct Assets {
    pub(crate) statics: Arc<Registry>,
    pub(crate) plain: Arc<BTreeSet<String>>,
}

impl Assets {
    /// As [`Registry::hashed_url`]; a file written elsewhere has its plain URL.
    pub(crate) fn hashed_url(&self, path: &str) -> Option<Result<String, std::io::Error>> {
        let plain = path.trim_start_matches('/');
        match self.plain.contains(plain) {
            true => Some(Ok(format!("/{plain}"))),
            false => self.statics.hashed_url(path),
        }
    }
}

/// `dir/name.ext` -> `dir/name.<8 hex of xxh3>.ext`.
pub(crate) fn hashed_name(path: &str, bytes: &[u8]) -> String {
    let hash = xxhash_rust::xxh3::xxh3_64(bytes);
    let short = format!("{:08x}", (hash >> 32) as u32);
    let (dir, name) = match path.rsplit_once('/') {
        Some((d, n)) => (format!("{d}/"), n),
        None => (String::new(), path),
    };
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{dir}{stem}.{short}.{ext}"),
        _ => format!("{dir}{name}.{short}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_keep_the_extension() {
        let h = hashed_name("widget/app.js", b"x");
        assert!(h.starts_with("widget/app.") && h.ends_with(".js"), "{h}");
        assert_eq!(h.len(), "widget/app.12345678.js".len());
        assert_ne!(hashed_name("a.css", b"x"), hashed_name("a.css", b"y"));
    }

    fn url(r: &Registry, path: &str) -> Option<String> {
        r.hashed_url(path).map(|u| u.unwrap())
    }

    #[test]
    fn a_file_not_built_in_this_run_has_its_plain_url_until_it_exists() {
        let mut r = Registry::default();
        r.not_built("widget/pkg/widget.js");
        assert_eq!(
            url(&r, "/widget/pkg/widget.js").as_deref(),
            Some("/widget/pkg/widget.js")
        );
        assert!(r.used().is_empty(), "no hashed copy to write");
        assert!(r.outputs().is_empty(), "nothing is written for it");
        // Other missing files still fail (a typo is caught by `check` too).
        assert_eq!(url(&r, "widget/pkg/widgte.js"), None);
        // Once built, it is hashed like any other file.
        r.add_bytes("widget/pkg/widget.js", b"export {};".to_vec());
        let hashed = url(&r, "widget/pkg/widget.js").unwrap();
        assert!(
            hashed.starts_with("/widget/pkg/widget.") && hashed != "/widget/pkg/widget.js",
            "{hashed}"
        );
    }
}
