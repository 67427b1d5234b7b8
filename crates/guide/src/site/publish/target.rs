//! The output folder: where it really is (symlinks resolved), and whether the build may
//! replace it. A build replaces the whole folder, so it refuses any folder that holds
//! something it did not write: the site root or a folder above it, the site's sources
//! or a folder inside them, and any existing folder with files its last build's
//! manifest does not list.
use std::collections::HashSet;
use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::manifest;

/// Why an output folder is refused (nothing was written).
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    #[error("{out} is the site root or holds it: a build replaces its output folder whole")]
    HoldsRoot { out: String },
    #[error(
        "{out} holds the site's sources ({source_path}): a build replaces its output folder whole"
    )]
    HoldsSources { out: String, source_path: String },
    #[error("{out} is or lies inside the site's sources ({source_path}): choose a folder outside them, such as the default public/")]
    InsideSources { out: String, source_path: String },
    #[error("{out} exists and is not a folder")]
    NotAFolder { out: String },
    #[error("{out} is a mount point: a build swaps its output folder in by renaming it, which a mount point cannot be; build into a folder inside it")]
    MountPoint { out: String },
    #[error("{out} is not empty and was not written by `guide build` (it has no {name}): refusing to replace it; remove it or choose an empty or new folder", name = manifest::NAME)]
    NotOurs { out: String },
    #[error("{out} holds files the last build did not write ({listed}): refusing to delete them; move them to static/ to publish them, or elsewhere", listed = .paths.join(", "))]
    Foreign { out: String, paths: Vec<String> },
    #[error("cannot read {out}")]
    Io {
        out: String,
        #[source]
        source: io::Error,
    },
}

/// The output folder, resolved.
#[derive(Debug, Clone)]
pub struct Target {
    /// Absolute, with every symlink of the existing part resolved (a symlinked output
    /// folder is replaced where it points).
    pub path: PathBuf,
    /// The folder that holds it (the staging folders go there: same file system).
    pub parent: PathBuf,
    /// Its name in `parent`.
    pub name: OsString,
}

impl Target {
    /// Resolves `out`; nothing needs to exist yet.
    pub fn resolve(out: &Path) -> Result<Target, Refusal> {
        let path = resolve_path(out).map_err(|source| Refusal::Io {
            out: out.display().to_string(),
            source,
        })?;
        let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
            return Err(Refusal::HoldsRoot {
                out: path.display().to_string(),
            });
        };
        Ok(Target {
            parent: parent.to_path_buf(),
            name: name.to_os_string(),
            path,
        })
    }

    pub fn exists(&self) -> bool {
        fs::symlink_metadata(&self.path).is_ok()
    }

    pub fn shown(&self) -> String {
        self.path.display().to_string()
    }
}

/// `out` made absolute: the longest existing prefix canonicalized (symlinks resolved),
/// the rest appended with `.` and `..` taken lexically (it does not exist, so it holds
/// no symlinks).
fn resolve_path(out: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(out)?;
    let mut existing = absolute.as_path();
    let mut rest: Vec<Component> = Vec::new();
    while fs::symlink_metadata(existing).is_err() {
        let mut components = existing.components();
        match components.next_back() {
            Some(c) => rest.push(c),
            None => break,
        }
        existing = components.as_path();
    }
    let mut path = if existing.as_os_str().is_empty() {
        PathBuf::from("/")
    } else {
        fs::canonicalize(existing)?
    };
    for c in rest.into_iter().rev() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                path.pop();
            }
            other => path.push(other),
        }
    }
    Ok(path)
}

/// Refuses an output folder that is or holds the site root, holds or lies inside one of
/// `sources` (absolute paths of what the build reads), or holds anything a build did
/// not write.
pub fn check(target: &Target, root: &Path, sources: &[PathBuf]) -> Result<(), Refusal> {
    let out = target.shown();
    let io_err = |source| Refusal::Io {
        out: out.clone(),
        source,
    };
    let root = fs::canonicalize(root).map_err(io_err)?;
    if root.starts_with(&target.path) {
        return Err(Refusal::HoldsRoot { out });
    }
    for source in sources {
        let source = fs::canonicalize(source).unwrap_or_else(|_| source.clone());
        let source_path = source
            .strip_prefix(&root)
            .unwrap_or(&source)
            .display()
            .to_string();
        if target.path.starts_with(&source) {
            return Err(Refusal::InsideSources { out, source_path });
        }
        if source.starts_with(&target.path) {
            return Err(Refusal::HoldsSources { out, source_path });
        }
    }
    let Ok(meta) = fs::symlink_metadata(&target.path) else {
        return Ok(());
    };
    if !meta.is_dir() {
        return Err(Refusal::NotAFolder { out });
    }
    if is_mount_point(&target.path, &target.parent) {
        return Err(Refusal::MountPoint { out });
    }
    check_contents(target)
}

/// An existing output folder may be replaced when it is empty, or when every entry in
/// it is listed in its manifest (or is a folder on the way to one).
pub fn check_contents(target: &Target) -> Result<(), Refusal> {
    let out = target.shown();
    let io_err = |source| Refusal::Io {
        out: out.clone(),
        source,
    };
    let mut entries = match fs::read_dir(&target.path) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_err(e)),
    };
    if entries.next().is_none() {
        return Ok(());
    }
    let Some(listed) = manifest::read(&target.path).map_err(io_err)? else {
        return Err(Refusal::NotOurs { out });
    };
    let folders: HashSet<&str> = listed
        .iter()
        .flat_map(|p| p.match_indices('/').map(move |(i, _)| &p[..i]))
        .collect();
    let mut foreign = Vec::new();
    for entry in walkdir::WalkDir::new(&target.path).min_depth(1) {
        let entry = entry.map_err(|e| io_err(e.into()))?;
        let rel = crate::paths::rel_path(&target.path, entry.path());
        let ours = if entry.file_type().is_dir() {
            folders.contains(rel.as_str())
        } else {
            rel == manifest::NAME || listed.contains(&rel)
        };
        if !ours {
            foreign.push(rel);
            if foreign.len() == 5 {
                foreign.push("...".into());
                break;
            }
        }
    }
    if foreign.is_empty() {
        Ok(())
    } else {
        Err(Refusal::Foreign {
            out,
            paths: foreign,
        })
    }
}

#[cfg(unix)]
fn is_mount_point(path: &Path, parent: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(path), fs::metadata(parent)) {
        (Ok(a), Ok(b)) => a.dev() != b.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_mount_point(_: &Path, _: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_that_does_not_exist_is_resolved_lexically_below_its_existing_part() {
        let dir = tempfile::tempdir().unwrap();
        let base = fs::canonicalize(dir.path()).unwrap();
        let t = Target::resolve(&dir.path().join("new/./x/../public")).unwrap();
        assert_eq!(t.path, base.join("new/public"));
        assert_eq!(t.parent, base.join("new"));
        assert_eq!(t.name, "public");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_output_folder_is_resolved_to_where_it_points() {
        let dir = tempfile::tempdir().unwrap();
        let base = fs::canonicalize(dir.path()).unwrap();
        fs::create_dir(base.join("real")).unwrap();
        std::os::unix::fs::symlink(base.join("real"), base.join("link")).unwrap();
        assert_eq!(
            Target::resolve(&base.join("link")).unwrap().path,
            base.join("real")
        );
    }
}
