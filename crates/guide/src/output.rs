//! Writing the built site: into a temporary folder beside the output, then swapped in by
//! rename. Files equal to the previous build's are hard-linked, not rewritten.
use std::collections::BTreeSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::assets;
use crate::errors::BuildError;
use crate::site::{OutFile, Output};

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
    for marker in ["site.toml", "config.toml", "content", ".git", "Cargo.toml"] {
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
        OutFile::Bytes(b) => {
            meta.len() == b.len() as u64 && fs::read(old).map(|o| o == **b).unwrap_or(false)
        }
        OutFile::Asset(assets::Source::Bytes(b)) => {
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
        let na = fa.read(&mut ba).unwrap_or(usize::MAX);
        if na == usize::MAX {
            return false;
        }
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

/// Writes `output` to `out` atomically (for a reader of `out`, the old site is replaced
/// by the new one in one rename).
pub fn write(out: &Path, root: &Path, output: &Output) -> Result<WriteStats, BuildError> {
    if out.exists() {
        if !out.is_dir() {
            return Err(BuildError::io(
                out,
                std::io::Error::other("the output path exists and is not a folder"),
            ));
        }
        check_out_dir(out, root)?;
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
    let pid = std::process::id();
    let tmp = parent.join(format!(".{name}.tmp-{pid}"));
    let old = parent.join(format!(".{name}.old-{pid}"));
    for stale in [&tmp, &old] {
        if stale.exists() {
            fs::remove_dir_all(stale).map_err(|e| BuildError::io(stale, e))?;
        }
    }
    let result = fill(&tmp, out, output);
    let stats = match result {
        Ok(s) => s,
        Err(e) => {
            let _ = fs::remove_dir_all(&tmp);
            return Err(e);
        }
    };
    if out.exists() {
        fs::rename(out, &old).map_err(|e| BuildError::io(out, e))?;
        if let Err(e) = fs::rename(&tmp, out) {
            let _ = fs::rename(&old, out);
            return Err(BuildError::io(out, e));
        }
        fs::remove_dir_all(&old).map_err(|e| BuildError::io(&old, e))?;
    } else {
        fs::rename(&tmp, out).map_err(|e| BuildError::io(out, e))?;
    }
    Ok(stats)
}

fn fill(tmp: &Path, previous: &Path, output: &Output) -> Result<WriteStats, BuildError> {
    fs::create_dir_all(tmp).map_err(|e| BuildError::io(tmp, e))?;
    let dirs: BTreeSet<&str> = output
        .files
        .keys()
        .filter_map(|k| k.rsplit_once('/').map(|(d, _)| d))
        .collect();
    for d in dirs {
        let p = tmp.join(d);
        fs::create_dir_all(&p).map_err(|e| BuildError::io(&p, e))?;
    }
    let results: Vec<Result<bool, BuildError>> = output
        .files
        .par_iter()
        .map(|(rel, file)| {
            let dest = tmp.join(rel);
            let old = previous.join(rel);
            if same_content(&old, file) && fs::hard_link(&old, &dest).is_ok() {
                return Ok(false);
            }
            write_one(&dest, file).map_err(|e| BuildError::io(&dest, e))?;
            Ok(true)
        })
        .collect();
    let mut stats = WriteStats::default();
    for r in results {
        if r? {
            stats.written += 1;
        } else {
            stats.unchanged += 1;
        }
    }
    Ok(stats)
}
