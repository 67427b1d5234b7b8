//! Publishing the built site: staged beside the output and moved in only when the build
//! succeeded; files equal to the previous build's are not rewritten.
use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::errors::BuildError;
use crate::site::assets;
use crate::site::{self, BuildOptions, OutFile, Sink};

/// Statistics of one write.
#[derive(Debug, Default, Clone, Copy)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
}

/// Refuses output folders that would destroy sources (the root, a parent of it, or a
/// folder that looks like a site or a repository).
fn check_out_dir(out: &Path, root: &Path) -> Result<(), BuildError> {
    let refuse = |why: &str| {
        Err(BuildError::io(
            out,
            std::io::Error::other(format!("refusing to replace the output folder: {why}")),
        ))
    };
    let out_abs = fs::canonicalize(out).unwrap_or_else(|_| out.to_path_buf());
    let root_abs = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    if root_abs.starts_with(&out_abs) {
        return refuse("it holds the site root");
    }
    // (Not `content/`: a site may well have a section of that name.)
    for marker in ["site.toml", "config.toml", ".git", "Cargo.toml"] {
        if out.join(marker).exists() {
            return refuse(&format!("it contains {marker}"));
        }
    }
    Ok(())
}

fn same_content(old: &Path, file: &OutFile) -> bool {
    let Ok(meta) = fs::metadata(old) else {
        return false;
    };
    match file {
        OutFile::Bytes(b) | OutFile::Asset(assets::Source::Bytes(b)) => {
            meta.len() == b.len() as u64 && fs::read(old).map(|o| o == **b).unwrap_or(false)
        }
        OutFile::Asset(assets::Source::File(src)) => {
            let Ok(src_meta) = fs::metadata(src) else {
                return false;
            };
            src_meta.len() == meta.len() && files_equal(old, src)
        }
    }
}

fn files_equal(a: &Path, b: &Path) -> bool {
    let (Ok(mut fa), Ok(mut fb)) = (fs::File::open(a), fs::File::open(b)) else {
        return false;
    };
    let mut ba = [0u8; 16384];
    let mut bb = [0u8; 16384];
    loop {
        let Ok(na) = fa.read(&mut ba) else {
            return false;
        };
        let mut nb = 0;
        while nb < na {
            match fb.read(&mut bb[nb..na]) {
                Ok(0) => return false,
                Ok(n) => nb += n,
                Err(_) => return false,
            }
        }
        if ba[..na] != bb[..na] {
            return false;
        }
        if na == 0 {
            return fb.read(&mut bb).map(|n| n == 0).unwrap_or(false);
        }
    }
}

fn write_one(dest: &Path, file: &OutFile) -> std::io::Result<()> {
    match file {
        OutFile::Bytes(b) | OutFile::Asset(assets::Source::Bytes(b)) => fs::write(dest, &**b),
        OutFile::Asset(assets::Source::File(src)) => fs::copy(src, dest).map(|_| ()),
    }
}

/// Stages changed files in a folder beside the output: a file equal to the one already
/// in the output is only recorded, not written.
pub struct DirSink {
    staging: PathBuf,
    previous: PathBuf,
    all: Mutex<HashSet<String>>,
    changed: Mutex<Vec<String>>,
}

impl Sink for DirSink {
    fn put(&self, path: &str, file: OutFile) -> Result<(), BuildError> {
        self.all
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string());
        if same_content(&self.previous.join(path), &file) {
            return Ok(());
        }
        let dest = self.staging.join(path);
        if let Some(parent) = dest.parent() {
            if !parent.is_dir() {
                fs::create_dir_all(parent).map_err(|e| BuildError::io(parent, e))?;
            }
        }
        write_one(&dest, &file).map_err(|e| BuildError::io(&dest, e))?;
        self.changed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.to_string());
        Ok(())
    }
}

/// Builds the site and publishes it only when the build succeeded: a failed build
/// leaves `out` byte-identical. The files are staged in a folder beside `out`; a first
/// build renames the whole folder into place; later builds move in only the files
/// that changed (each by an atomic rename) and delete the files no longer produced.
pub fn build_atomic(opts: &BuildOptions, out: &Path) -> Result<(usize, WriteStats), BuildError> {
    let exists = out.exists();
    if exists {
        if !out.is_dir() {
            return Err(BuildError::io(
                out,
                std::io::Error::other("the output path exists and is not a folder"),
            ));
        }
        check_out_dir(out, &opts.root)?;
    }
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| BuildError::io(&parent, e))?;
    let staging = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(|e| BuildError::io(&staging, e))?;
    }
    fs::create_dir_all(&staging).map_err(|e| BuildError::io(&staging, e))?;
    let sink = DirSink {
        staging: staging.clone(),
        previous: out.to_path_buf(),
        all: Mutex::default(),
        changed: Mutex::default(),
    };
    let pages = match site::build_into(opts, None, &sink) {
        Ok(p) => p,
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    let all = sink.all.into_inner().unwrap_or_else(|e| e.into_inner());
    let changed = sink.changed.into_inner().unwrap_or_else(|e| e.into_inner());
    let stats = WriteStats {
        written: changed.len(),
        unchanged: all.len() - changed.len(),
    };
    if !exists {
        fs::rename(&staging, out).map_err(|e| BuildError::io(out, e))?;
        return Ok((pages, stats));
    }
    let published = publish(&staging, out, &changed, &all);
    let _ = fs::remove_dir_all(&staging);
    published?;
    Ok((pages, stats))
}

/// Moves the changed files from `staging` into `out`, then removes stale files.
fn publish(
    staging: &Path,
    out: &Path,
    changed: &[String],
    all: &HashSet<String>,
) -> Result<(), BuildError> {
    for rel in changed {
        let dest = out.join(rel);
        if let Some(parent) = dest.parent() {
            if parent.is_file() {
                fs::remove_file(parent).map_err(|e| BuildError::io(parent, e))?;
            }
            fs::create_dir_all(parent).map_err(|e| BuildError::io(parent, e))?;
        }
        if dest.is_dir() {
            fs::remove_dir_all(&dest).map_err(|e| BuildError::io(&dest, e))?;
        }
        fs::rename(staging.join(rel), &dest).map_err(|e| BuildError::io(&dest, e))?;
    }
    // Stale files (deepest first, so emptied folders can go too).
    let mut stale_dirs = Vec::new();
    for entry in walkdir::WalkDir::new(out).min_depth(1).contents_first(true) {
        let entry = entry.map_err(|e| BuildError::io(out, e.into()))?;
        let rel = crate::site::content::rel_path(out, entry.path());
        if entry.file_type().is_dir() {
            stale_dirs.push(entry.into_path());
        } else if !all.contains(&rel) {
            fs::remove_file(entry.path()).map_err(|e| BuildError::io(entry.path(), e))?;
        }
    }
    for dir in stale_dirs {
        // Fails (and is kept) when not empty.
        let _ = fs::remove_dir(dir);
    }
    Ok(())
}
