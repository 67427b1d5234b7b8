//! Swapping a complete new output folder in for the old one, so that a reader of the
//! output folder sees the whole old site or the whole new one at every instant, even
//! when the build is killed or the power fails at any point:
//!
//! 1. the new tree is staged in a folder beside the output (same file system), its
//!    files made durable (`syncfs` on Linux, each file's `fsync` elsewhere);
//! 2. one `renameat2(RENAME_EXCHANGE)` (Linux; `renameatx_np(RENAME_SWAP)` on macOS)
//!    swaps the two folders, then the parent folder is synced;
//! 3. the old tree, now in the staging folder's place, is removed.
//!
//! Builds into the same parent folder hold an exclusive `flock` on it, so the staging
//! folders left by a killed build (`.<name>.guide-*`) can be removed by the next build.
//! Where exchanging is not supported (some network file systems), the old folder is
//! renamed away and the new one renamed in: a reader may then find no folder for that
//! instant, never a mix.
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Prefix of the staging and old folders beside an output folder called `name`.
fn prefix(name: &str) -> String {
    format!(".{name}.guide-")
}

/// Name of this process's folder of kind `kind` (`new`, `old`) beside `name`.
pub fn side_folder(parent: &Path, name: &str, kind: &str) -> PathBuf {
    parent.join(format!("{}{kind}-{}", prefix(name), std::process::id()))
}

/// An exclusive lock on the folder that holds the output, for the time of one build.
pub struct Lock {
    #[cfg(unix)]
    _dir: fs::File,
}

/// Takes the lock (waiting for another build into the same folder to finish).
pub fn lock(parent: &Path) -> io::Result<Lock> {
    #[cfg(unix)]
    {
        use rustix::fs::{flock, FlockOperation};
        let dir = fs::File::open(parent)?;
        if flock(&dir, FlockOperation::NonBlockingLockExclusive).is_err() {
            eprintln!(
                "waiting for another build into {} to finish",
                parent.display()
            );
            flock(&dir, FlockOperation::LockExclusive)?;
        }
        Ok(Lock { _dir: dir })
    }
    #[cfg(not(unix))]
    {
        let _ = parent;
        Ok(Lock {})
    }
}

/// Removes what killed builds left beside the output `name` (call with the lock held):
/// this tool's staging and old folders, and the `.<name>.tmp-<pid>` folders of its
/// earlier versions.
pub fn remove_leftovers(parent: &Path, name: &str) -> io::Result<()> {
    let ours = prefix(name);
    let earlier = format!(".{name}.tmp-");
    for entry in fs::read_dir(parent)? {
        let entry = entry?;
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let earlier_pid = file_name
            .strip_prefix(&earlier)
            .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()));
        if file_name.starts_with(&ours) || earlier_pid {
            remove_tree(&entry.path())?;
        }
    }
    Ok(())
}

/// Removes a folder (or file) and what it holds; gone already is fine.
pub fn remove_tree(path: &Path) -> io::Result<()> {
    let result = match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) => Err(e),
    };
    match result {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// Makes every file and folder under `dir` durable before it is swapped in.
pub fn make_durable(dir: &Path) -> io::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        let d = fs::File::open(dir)?;
        rustix::fs::syncfs(&d)?;
        Ok(())
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        for entry in walkdir::WalkDir::new(dir).contents_first(true) {
            let entry = entry.map_err(io::Error::from)?;
            if entry.file_type().is_file() || entry.file_type().is_dir() {
                fs::File::open(entry.path())?.sync_all()?;
            }
        }
        Ok(())
    }
}

/// How the new folder went in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swapped {
    /// Exchanged in one step; the old tree is now at the staging path.
    Exchanged,
    /// Renamed in (there was no old folder, or exchanging is not supported); the old
    /// tree, if any, is at `old`.
    Renamed,
}

/// Puts `new` in place of `out`: exchanged when `out` exists, renamed when not. `old`
/// is where the old tree goes if the file system cannot exchange.
pub fn swap_in(new: &Path, out: &Path, old: &Path) -> io::Result<Swapped> {
    if fs::symlink_metadata(out).is_err() {
        fs::rename(new, out)?;
        return Ok(Swapped::Renamed);
    }
    match exchange(new, out) {
        Ok(()) => return Ok(Swapped::Exchanged),
        Err(e) if !unsupported(&e) => return Err(e),
        Err(_) => {}
    }
    fs::rename(out, old)?;
    if let Err(e) = fs::rename(new, out) {
        // Put the old one back: the output must not stay missing.
        let _ = fs::rename(old, out);
        return Err(e);
    }
    Ok(Swapped::Renamed)
}

#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE)?;
    Ok(())
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// The kernel or the file system cannot exchange two names.
fn unsupported(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        let code = e.raw_os_error();
        let none = |errno: rustix::io::Errno| code == Some(errno.raw_os_error());
        if none(rustix::io::Errno::INVAL)
            || none(rustix::io::Errno::NOSYS)
            || none(rustix::io::Errno::NOTSUP)
            || none(rustix::io::Errno::OPNOTSUPP)
        {
            return true;
        }
    }
    e.kind() == io::ErrorKind::Unsupported
}

/// Makes the swap itself durable (the parent folder's entries).
pub fn sync_folder(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swapping_puts_the_new_tree_in_and_keeps_the_old_one_aside() {
        let dir = tempfile::tempdir().unwrap();
        let (out, new, old) = (
            dir.path().join("public"),
            dir.path().join("new"),
            dir.path().join("old"),
        );
        fs::create_dir(&new).unwrap();
        fs::write(new.join("a"), "1").unwrap();
        assert_eq!(swap_in(&new, &out, &old).unwrap(), Swapped::Renamed);
        assert_eq!(fs::read_to_string(out.join("a")).unwrap(), "1");

        fs::create_dir(&new).unwrap();
        fs::write(new.join("a"), "2").unwrap();
        let how = swap_in(&new, &out, &old).unwrap();
        assert_eq!(fs::read_to_string(out.join("a")).unwrap(), "2");
        let aside = if how == Swapped::Exchanged {
            &new
        } else {
            &old
        };
        assert_eq!(fs::read_to_string(aside.join("a")).unwrap(), "1");
    }

    #[test]
    fn leftovers_of_this_output_only_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            ".public.guide-new-12",
            ".public.guide-old-3",
            ".public.tmp-77",
            ".public.tmp-x",
            ".other.guide-new-1",
            "public",
        ] {
            fs::create_dir(dir.path().join(name)).unwrap();
        }
        remove_leftovers(dir.path(), "public").unwrap();
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, [".other.guide-new-1", ".public.tmp-x", "public"]);
    }
}
