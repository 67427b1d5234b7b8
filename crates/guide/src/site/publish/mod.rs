//! Publishing a build: the complete new site is staged beside the output folder (files
//! equal to the published ones hard-linked, not rewritten) and swapped in whole only
//! when the build succeeded, so a reader of the output folder sees the whole old site
//! or the whole new one at every instant (see [`swap`]). The output folder is refused
//! when replacing it could delete anything a build did not write (see [`target`]).

pub mod manifest;
pub mod staging;
pub mod swap;
pub mod target;

use std::path::Path;

use crate::errors::BuildError;
use crate::site::config::Config;
use crate::site::{self, BuildOptions};
use staging::StagingSink;
use target::{Refusal, Target};

/// Statistics of one write.
#[derive(Debug, Default, Clone, Copy)]
pub struct WriteStats {
    /// Files written anew.
    pub written: usize,
    /// Files equal to the published ones (linked, not rewritten).
    pub unchanged: usize,
}

/// Why a build into a folder did not publish.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// The output folder may not be replaced: nothing was written.
    #[error("refusing the output folder: {0}")]
    Refused(Refusal),
    /// The site has problems (or the file system failed): the output is unchanged.
    #[error(transparent)]
    Build(#[from] BuildError),
}

// (Not `#[from]`: the refusal is the message, not a cause to print again.)
impl From<Refusal> for PublishError {
    fn from(r: Refusal) -> Self {
        PublishError::Refused(r)
    }
}

/// Builds the site and swaps it in for `out` when the build succeeded: a failed build,
/// a kill or a power loss at any point leaves the previous output whole. Returns the
/// number of pages rendered and what was written.
pub fn build_atomic(opts: &BuildOptions, out: &Path) -> Result<(usize, WriteStats), PublishError> {
    let target = Target::resolve(out)?;
    let config = Config::load(&opts.root).ok();
    let sources = Config::inputs(&opts.root, config.as_ref());
    target::check(&target, &opts.root, &sources)?;

    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |e| BuildError::io(path, e)
    };
    std::fs::create_dir_all(&target.parent).map_err(io(&target.parent))?;
    let _lock = swap::lock(&target.parent).map_err(io(&target.parent))?;
    let name = target.name.to_string_lossy().into_owned();
    swap::remove_leftovers(&target.parent, &name).map_err(io(&target.parent))?;
    let staging = swap::side_folder(&target.parent, &name, "new");
    std::fs::create_dir(&staging).map_err(io(&staging))?;

    let result = stage(opts, &target, &staging).and_then(|staged| {
        // The folder may have changed during the build: check it again just before.
        target::check_contents(&target)?;
        let old = swap::side_folder(&target.parent, &name, "old");
        swap::swap_in(&staging, &target.path, &old).map_err(io(&target.path))?;
        swap::sync_folder(&target.parent).map_err(io(&target.parent))?;
        // The old tree is in the staging folder's place, or at `old`.
        let _ = swap::remove_tree(&old);
        Ok(staged)
    });
    // The staging folder (or the old tree, after the swap): gone either way.
    let _ = swap::remove_tree(&staging);
    result
}

/// Builds into `staging`, writes the manifest and makes the tree durable.
fn stage(
    opts: &BuildOptions,
    target: &Target,
    staging: &Path,
) -> Result<(usize, WriteStats), PublishError> {
    let previous = target.exists().then(|| target.path.clone());
    let sink = StagingSink::new(staging.to_path_buf(), previous);
    let pages = site::build_into(opts, None, &sink)?;
    let (written, unchanged, paths) = sink.finish();
    let io = |e| BuildError::io(staging, e);
    manifest::write(staging, &paths).map_err(io)?;
    swap::make_durable(staging).map_err(io)?;
    Ok((pages, WriteStats { written, unchanged }))
}
