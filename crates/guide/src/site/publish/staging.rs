//! Writing one build into a fresh staging folder. A file equal to the one already
//! published is a hard link to it (not rewritten: same inode, same modification time,
//! so a deploy by `rsync` or a browser cache sees it unchanged); the others are written
//! anew. Every path is checked again before it is joined to the folder.
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::errors::{BuildError, Problem};
use crate::site::assets;
use crate::site::outputs::check_output_path;
use crate::site::sink::{OutFile, Sink};

/// Stages the files of a build in `staging`, linking those equal to `previous`'s.
pub struct StagingSink {
    staging: PathBuf,
    previous: Option<PathBuf>,
    written: AtomicUsize,
    linked: AtomicUsize,
    paths: Mutex<Vec<String>>,
}

impl StagingSink {
    pub fn new(staging: PathBuf, previous: Option<PathBuf>) -> Self {
        StagingSink {
            staging,
            previous,
            written: AtomicUsize::new(0),
            linked: AtomicUsize::new(0),
            paths: Mutex::default(),
        }
    }

    /// `(files written, files linked unchanged, every path, sorted)`.
    pub fn finish(self) -> (usize, usize, Vec<String>) {
        let mut paths = self.paths.into_inner().unwrap_or_else(|e| e.into_inner());
        paths.sort();
        (self.written.into_inner(), self.linked.into_inner(), paths)
    }

    fn link_unchanged(&self, rel: &str, dest: &Path, file: &OutFile) -> bool {
        let Some(previous) = &self.previous else {
            return false;
        };
        let old = previous.join(rel);
        // (A file system without hard links gets a fresh copy.)
        same_content(&old, file) && fs::hard_link(&old, dest).is_ok()
    }
}

impl Sink for StagingSink {
    fn put(&self, path: &str, file: OutFile) -> Result<(), BuildError> {
        check_output_path(path)
            .map_err(|msg| BuildError::Problems(vec![Problem::new(path, msg)]))?;
        let dest = self.staging.join(path);
        if let Some(parent) = dest.parent() {
            fs::create_dir_all(parent).map_err(|e| BuildError::io(parent, e))?;
        }
        if self.link_unchanged(path, &dest, &file) {
            self.linked.fetch_add(1, Ordering::Relaxed);
        } else {
            write_new(&dest, &file).map_err(|e| BuildError::io(&dest, e))?;
            self.written.fetch_add(1, Ordering::Relaxed);
        }
        self.paths
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.to_string());
        Ok(())
    }
}

/// Writes a file that must not exist yet (two outputs at one path are a bug, not a
/// silent overwrite).
fn write_new(dest: &Path, file: &OutFile) -> io::Result<()> {
    let mut out = fs::File::create_new(dest)?;
    match file {
        OutFile::Bytes(b) | OutFile::Asset(assets::Source::Bytes(b)) => out.write_all(b),
        OutFile::Asset(assets::Source::File(src)) => {
            io::copy(&mut fs::File::open(src)?, &mut out).map(|_| ())
        }
    }
}

fn same_content(old: &Path, file: &OutFile) -> bool {
    let Ok(meta) = fs::symlink_metadata(old) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
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
        if na == 0 {
            return fb.read(&mut bb).map(|n| n == 0).unwrap_or(false);
        }
        if fb.read_exact(&mut bb[..na]).is_err() || ba[..na] != bb[..na] {
            return false;
        }
    }
}
