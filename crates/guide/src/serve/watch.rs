//! Watching a site for `guide serve`, however an editor saves: in place, by writing a
//! new file and renaming it over the old one, by deleting and recreating it, or by
//! replacing a whole folder. inotify watches inodes, and each of those saves but the
//! first gives a path a new inode, so the watch follows the paths instead: the site root
//! is watched (not recursively: its own entries, such as `site.toml` and the source
//! folders, coming and going), each source folder recursively (new folders inside it
//! are watched as they appear), and after every burst of changes each source folder
//! whose inode changed (or that appeared or vanished) is watched again.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::site::config::Config;

/// A source folder and the identity of the inode watched for it.
type Identity = Option<(u64, u64)>;

pub struct SiteWatcher {
    watcher: RecommendedWatcher,
    root: PathBuf,
    /// Source folders watched recursively, by path, with the inode watched.
    folders: BTreeMap<PathBuf, Identity>,
    /// The configuration files (watched through the root).
    files: Vec<PathBuf>,
}

pub type Events = mpsc::Receiver<notify::Result<notify::Event>>;

impl SiteWatcher {
    /// Starts watching `root`; events arrive on the returned channel.
    pub fn new(root: &Path) -> notify::Result<(SiteWatcher, Events)> {
        let root = std::fs::canonicalize(root).map_err(notify::Error::io)?;
        let (tx, rx) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(tx)?;
        watcher.watch(&root, RecursiveMode::NonRecursive)?;
        let mut w = SiteWatcher {
            watcher,
            files: Config::FILES.iter().map(|f| root.join(f)).collect(),
            root,
            folders: BTreeMap::new(),
        };
        w.refresh();
        Ok((w, rx))
    }

    /// The site root, as the events name it (absolute, symlinks resolved).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Whether a changed path is something the build reads (an empty path, from a
    /// lost event, may be anything).
    pub fn relevant(&self, path: &Path) -> bool {
        path.as_os_str().is_empty()
            || self.files.iter().any(|f| f == path)
            || self.folders.keys().any(|f| path.starts_with(f))
    }

    /// The folders a build of the site reads (from its configuration as it is now).
    fn source_folders(&self) -> Vec<PathBuf> {
        let config = Config::load(&self.root).ok();
        let mut folders: Vec<PathBuf> = Config::inputs(&self.root, config.as_ref())
            .into_iter()
            .filter(|p| !self.files.contains(p))
            .collect();
        // The widget's crate builds with its sibling crates (path dependencies).
        if let Some(w) = config.as_ref().and_then(|c| c.widget.as_ref()) {
            if let Some(parent) = self.root.join(&w.crate_dir).parent() {
                if parent != self.root {
                    folders.push(parent.to_path_buf());
                }
            }
        }
        folders.sort();
        folders.dedup();
        // A folder inside another is watched through it.
        let mut outer: Vec<PathBuf> = Vec::new();
        for f in folders {
            if !outer.iter().any(|o| f.starts_with(o)) {
                outer.push(f);
            }
        }
        outer
    }

    /// Watches every source folder again whose inode is not the one watched (it was
    /// replaced, created or removed), and stops watching those no longer read. Call
    /// before each rebuild: what the rebuild reads is then watched.
    pub fn refresh(&mut self) {
        let wanted = self.source_folders();
        let gone: Vec<PathBuf> = self
            .folders
            .keys()
            .filter(|p| !wanted.contains(p))
            .cloned()
            .collect();
        for p in gone {
            let _ = self.watcher.unwatch(&p);
            self.folders.remove(&p);
        }
        for p in wanted {
            let now = identity(&p);
            let watched = self.folders.get(&p).copied();
            if watched == Some(now) && now.is_some() {
                continue;
            }
            if watched.is_some() {
                let _ = self.watcher.unwatch(&p);
            }
            let ok = now.is_some() && self.watcher.watch(&p, RecursiveMode::Recursive).is_ok();
            // Not there (or not watchable) now: tried again after the next change.
            self.folders.insert(p, if ok { now } else { None });
        }
    }
}

#[cfg(unix)]
fn identity(path: &Path) -> Identity {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok().filter(|m| m.is_dir())?;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(path: &Path) -> Identity {
    path.is_dir().then_some((0, 0))
}

/// Paths changed by an event (reads and opens, including our own, are not changes).
pub fn changes(event: notify::Result<notify::Event>) -> Vec<PathBuf> {
    match event {
        Ok(e)
            if matches!(
                e.kind,
                EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
            ) =>
        {
            e.paths
        }
        // The kernel's queue overflowed (or a watch failed): assume anything changed.
        Ok(e) if e.need_rescan() => vec![PathBuf::new()],
        Err(_) => vec![PathBuf::new()],
        _ => Vec::new(),
    }
}
