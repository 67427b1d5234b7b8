//! Where the files of a build go: the [`Sink`] trait and its simplest kinds (memory,
//! nowhere). The folder kind, with its staging and swap, is the publish stage's.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use crate::errors::BuildError;
use crate::site::assets;

/// One file of the output.
#[derive(Debug, Clone)]
pub enum OutFile {
    Bytes(Arc<Vec<u8>>),
    Asset(assets::Source),
}

/// Where the files of a build go (memory for `serve` and tests, a folder for `build`,
/// nowhere for `check`). Called from several threads at once.
pub(crate) trait Sink: Sync {
    fn put(&self, path: &str, file: OutFile) -> Result<(), BuildError>;

    /// Whether the output is kept: `check` keeps nothing, so the build makes no
    /// processed images either (their arguments and sources are still checked).
    fn keeps_files(&self) -> bool {
        true
    }
}

/// Keeps the files in memory.
#[derive(Debug, Default)]
pub(crate) struct MemorySink(pub(crate) Mutex<BTreeMap<String, OutFile>>);

impl Sink for MemorySink {
    fn put(&self, path: &str, file: OutFile) -> Result<(), BuildError> {
        let mut files = self.0.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(path.to_string(), file);
        Ok(())
    }
}

/// Drops everything (`check`, and the pages of a build that already has problems).
pub(crate) struct NullSink;

impl Sink for NullSink {
    fn put(&self, _: &str, _: OutFile) -> Result<(), BuildError> {
        Ok(())
    }

    fn keeps_files(&self) -> bool {
        false
    }
}

/// Minifies every HTML page on its way to `inner` (`minify_html = true`), as Zola does
/// with the pages it renders (static files are copied as they are).
pub(crate) struct MinifySink<'a>(pub(crate) &'a dyn Sink);

impl MinifySink<'_> {
    /// Zola's settings: spec-compliant output (the default), `<html>` and `<head>` kept, inline CSS
    /// and JavaScript minified too.
    fn settings() -> &'static minify_html::Cfg {
        static CFG: std::sync::LazyLock<minify_html::Cfg> = std::sync::LazyLock::new(|| {
            let mut cfg = minify_html::Cfg::new();
            cfg.keep_html_and_head_opening_tags = true;
            cfg.minify_css = true;
            cfg.minify_js = true;
            cfg
        });
        &CFG
    }
}

impl Sink for MinifySink<'_> {
    fn put(&self, path: &str, file: OutFile) -> Result<(), BuildError> {
        let file = match file {
            OutFile::Bytes(html) if path.ends_with(".html") => {
                OutFile::Bytes(Arc::new(minify_html::minify(&html, Self::settings())))
            }
            other => other,
        };
        self.0.put(path, file)
    }

    fn keeps_files(&self) -> bool {
        self.0.keeps_files()
    }
}
