//! The manifest a build leaves in its output folder: every file it wrote, one path a
//! line. The next build replaces the folder only when it holds nothing else, so a file
//! put there by hand (or a folder that was never an output) is never deleted.
use std::collections::HashSet;
use std::io::{self, Write};
use std::path::Path;

/// File name of the manifest, in the output folder.
pub const NAME: &str = ".guide-manifest";
const HEADER: &str = "# guide build manifest 1: the files this build wrote";

/// The files listed in `out`'s manifest, or `None` when it has none (or not ours).
pub fn read(out: &Path) -> io::Result<Option<HashSet<String>>> {
    let text = match std::fs::read_to_string(out.join(NAME)) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        // Not text: not a manifest we wrote.
        Err(e) if e.kind() == io::ErrorKind::InvalidData => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return Ok(None);
    }
    Ok(Some(lines.map(str::to_string).collect()))
}

/// Writes the manifest of `paths` into `dir` (output paths hold no newline: see
/// [`crate::site::outputs::check_output_path`]).
pub fn write(dir: &Path, paths: &[String]) -> io::Result<()> {
    let mut file = std::fs::File::create_new(dir.join(NAME))?;
    let mut text = String::with_capacity(paths.iter().map(|p| p.len() + 1).sum::<usize>() + 64);
    text.push_str(HEADER);
    text.push('\n');
    for p in paths {
        text.push_str(p);
        text.push('\n');
    }
    file.write_all(text.as_bytes())?;
    file.sync_all()
}
