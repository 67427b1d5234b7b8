//! Static files of the output (theme `static/`, the site's `static/`, the widget mount,
//! co-located content files, generated files) and their content-hashed names.
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use walkdir::WalkDir;

use crate::site::content::rel_path;

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

/// All static files by output path (`style.css`, `widget/diagnose.js`), and the hashed
/// names handed out by `asset()`.
#[derive(Debug, Default)]
pub struct Registry {
    files: RwLock<BTreeMap<String, Source>>,
    hashes: Mutex<HashMap<String, String>>,
    used: Mutex<BTreeSet<String>>,
    /// Files a build step makes but that this run did not make (see [`Registry::not_built`]).
    unbuilt: Mutex<BTreeSet<String>>,
}

/// Files of `www/` that are not part of the published widget.
const MOUNT_EXCLUDES: [&str; 3] = ["node_modules", "package.json", "package-lock.json"];

impl Registry {
    /// Adds every file under `dir` at `prefix` + its relative path (later adds win).
    pub fn add_dir(&self, dir: &Path, prefix: &str, mount: bool) -> std::io::Result<()> {
        if !dir.is_dir() {
            return Ok(());
        }
        let mut files = self.files.write().unwrap_or_else(|e| e.into_inner());
        let walker = WalkDir::new(dir).into_iter().filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0
                || !(name.starts_with('.') || mount && MOUNT_EXCLUDES.contains(&name.as_ref()))
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
                files.insert(out, Source::File(entry.into_path()));
            }
        }
        Ok(())
    }

    /// Forgets every file under the output folder `prefix` (`processed_images`).
    pub fn remove_under(&self, prefix: &str) {
        let mut files = self.files.write().unwrap_or_else(|e| e.into_inner());
        let dir = format!("{}/", prefix.trim_end_matches('/'));
        files.retain(|out, _| !out.starts_with(&dir));
    }

    pub fn add_file(&self, out: &str, path: PathBuf) {
        let mut files = self.files.write().unwrap_or_else(|e| e.into_inner());
        files.insert(out.to_string(), Source::File(path));
    }

    pub fn add_bytes(&self, out: &str, bytes: Vec<u8>) {
        let mut files = self.files.write().unwrap_or_else(|e| e.into_inner());
        files.insert(out.to_string(), Source::Bytes(Arc::new(bytes)));
        self.hashes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(out);
    }

    /// Marks `out` as the output of a build step that did not run (`guide check` does
    /// not build the widget's wasm, so a fresh clone has no `www/pkg`): while no such
    /// file exists, `asset()` gives its plain URL instead of failing. Once the file
    /// exists it is hashed as usual. A path not marked still fails when missing, so a
    /// typo is caught by `check` too, and a real build (which runs the step) fails.
    pub fn not_built(&self, out: &str) {
        self.unbuilt
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(out.trim_start_matches('/').to_string());
    }

    pub fn contains(&self, out: &str) -> bool {
        let files = self.files.read().unwrap_or_else(|e| e.into_inner());
        files.contains_key(out)
    }

    /// URL of the content-hashed copy of `path` (`/style.3f2a9c1e.css`), or `None` when
    /// no such file exists. Records that the hashed copy must be written. A missing file
    /// marked [`Registry::not_built`] gives its plain URL (`/widget/pkg/widget.js`).
    pub fn hashed_url(&self, path: &str) -> Option<Result<String, std::io::Error>> {
        let path = path.trim_start_matches('/');
        let found = {
            let files = self.files.read().unwrap_or_else(|e| e.into_inner());
            files.get(path).cloned()
        };
        let Some(source) = found else {
            let unbuilt = self.unbuilt.lock().unwrap_or_else(|e| e.into_inner());
            return unbuilt.contains(path).then(|| Ok(format!("/{path}")));
        };
        let cached = self
            .hashes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(path)
            .cloned();
        let hashed = match cached {
            Some(h) => h,
            None => {
                let bytes = match source.read() {
                    Ok(b) => b,
                    Err(e) => return Some(Err(e)),
                };
                let h = hashed_name(path, &bytes);
                self.hashes
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(path.to_string(), h.clone());
                h
            }
        };
        self.used
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string());
        Some(Ok(format!("/{hashed}")))
    }

    /// Paths whose hashed copy was asked for.
    pub fn used(&self) -> BTreeSet<String> {
        self.used.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Every output file: the plain ones, then the hashed copies that were asked for.
    pub fn outputs(&self) -> Vec<(String, Source)> {
        let files = self.files.read().unwrap_or_else(|e| e.into_inner());
        let hashes = self.hashes.lock().unwrap_or_else(|e| e.into_inner());
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        let mut out: Vec<(String, Source)> =
            files.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        for path in used.iter() {
            if let (Some(h), Some(src)) = (hashes.get(path), files.get(path)) {
                out.push((h.clone(), src.clone()));
            }
        }
        out
    }
}

/// `dir/name.ext` -> `dir/name.<8 hex of xxh3>.ext`.
pub fn hashed_name(path: &str, bytes: &[u8]) -> String {
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
        let r = Registry::default();
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
