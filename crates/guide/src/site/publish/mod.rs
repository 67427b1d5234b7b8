//! The publish stage: the built site goes to a [`Sink`]: memory (`serve`, tests),
//! nowhere (`check`), or a folder (`build`). Into a folder, the complete new site is
//! staged beside the output folder (files equal to the published ones hard-linked, not
//! rewritten) and swapped in whole only when the build succeeded, so a reader of the
//! output folder sees the whole old site or the whole new one at every instant (see
//! [`swap`]). The output folder is refused when replacing it could delete anything a
//! build did not write (see [`target`]).

pub(crate) mod manifest;
pub(crate) mod staging;
pub(crate) mod swap;
pub(crate) mod target;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::errors::BuildError;
use crate::paths::output_file;
use crate::site::assets::{self, Assets};
use crate::site::cache::ParseCache;
use crate::site::config::Config;
use crate::site::index::Index;
use crate::site::load::Site;
use crate::site::sink::{OutFile, Sink};
use staging::StagingSink;
use target::{Refusal, Target};

/// Files that are not pages nor static files.
const SITE_FILES: [&str; 3] = ["404.html", "sitemap.xml", "robots.txt"];

/// Publishes what the pages do not: the 404 page, the sitemap, `robots.txt`, the static
/// files (each with its hashed copy when a page asked for it) and the processed
/// `images`, unless a page or the search index has the same path.
pub(crate) fn publish(
    site: &Site,
    not_found: String,
    index: Index,
    assets: &Assets,
    images: Vec<(String, PathBuf)>,
    cache: Option<&ParseCache>,
    sink: &dyn Sink,
) -> Result<(), BuildError> {
    let put =
        |path: &str, text: String| sink.put(path, OutFile::Bytes(Arc::new(text.into_bytes())));
    put("404.html", not_found)?;
    put("sitemap.xml", index.sitemap)?;
    put("robots.txt", index.robots)?;
    // Pages that came from the render cache did not call asset(): their hashed files
    // must still be there.
    if let Some(c) = cache {
        let mut used = c.used_assets.lock().unwrap_or_else(|e| e.into_inner());
        for path in used.iter() {
            let _ = assets.hashed_url(path);
        }
        *used = assets.statics.used();
    }
    let mut reserved: HashSet<String> = site.sources.iter().map(|s| output_file(&s.path)).collect();
    reserved.extend(index.search.into_iter().map(|(path, _)| path));
    let mut files: BTreeMap<String, assets::Source> =
        assets.statics.outputs().into_iter().collect();
    files.extend(
        images
            .into_iter()
            .map(|(p, f)| (p, assets::Source::File(f))),
    );
    files.retain(|p, _| !reserved.contains(p) && !SITE_FILES.contains(&p.as_str()));
    files
        .into_par_iter()
        .try_for_each(|(path, src)| sink.put(&path, OutFile::Asset(src)))
}

/// Publishes the search index's files. The build calls it while the pages render (no
/// page depends on the files' content: see [`crate::site::index`]); a static file of the
/// same path then gives way to the index's, in [`publish`].
pub(crate) fn search_index(index: &Index, sink: &dyn Sink) -> Result<(), BuildError> {
    index
        .search
        .par_iter()
        .try_for_each(|(path, bytes)| sink.put(path, OutFile::Bytes(bytes.clone())))
}

/// Statistics of one write.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct WriteStats {
    /// Files written anew.
    pub(crate) written: usize,
    /// Files equal to the published ones (linked, not rewritten).
    pub(crate) unchanged: usize,
}

/// Why a build into a folder did not publish.
#[derive(Debug, thiserror::Error)]
pub(crate) enum PublishError {
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

/// Runs `build` (the site at `root`) into a staging folder and swaps it in for `out`
/// when the build succeeded: a failed build, a kill or a power loss at any point leaves
/// the previous output whole. Returns the number of pages rendered and what was written.
pub(crate) fn into_folder(
    root: &Path,
    out: &Path,
    build: impl FnOnce(&dyn Sink) -> Result<usize, BuildError>,
) -> Result<(usize, WriteStats), PublishError> {
    let target = Target::resolve(out)?;
    // A root without a configuration is not a site: say that, not something about
    // the output folder.
    let config = Config::load(root)?;
    let sources = Config::inputs(root, Some(&config));
    target::check(&target, root, &sources)?;

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

    let result = stage(build, &target, &staging).and_then(|staged| {
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
    build: impl FnOnce(&dyn Sink) -> Result<usize, BuildError>,
    target: &Target,
    staging: &Path,
) -> Result<(usize, WriteStats), PublishError> {
    let previous = target.exists().then(|| target.path.clone());
    let sink = StagingSink::new(staging.to_path_buf(), previous);
    let pages = build(&sink)?;
    let (written, unchanged, paths) = sink.finish();
    let io = |e| BuildError::io(staging, e);
    manifest::write(staging, &paths).map_err(io)?;
    swap::make_durable(staging).map_err(io)?;
    Ok((pages, WriteStats { written, unchanged }))
}
