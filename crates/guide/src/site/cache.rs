//! What `serve` keeps from one build to the next, so that an edit re-parses and
//! re-renders only what it changed.
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use crate::site::content::SourceCache;
use crate::site::highlight::{self, Highlighter};
use crate::site::markdown::Parsed;

/// Values by source file, each kept with the hash of the input it came from: a lookup
/// with another hash misses.
#[derive(Debug)]
pub(crate) struct HashKeyed<T>(Mutex<HashMap<String, (u64, T)>>);

impl<T> Default for HashKeyed<T> {
    fn default() -> Self {
        HashKeyed(Mutex::default())
    }
}

impl<T: Clone> HashKeyed<T> {
    pub(crate) fn get(&self, file: &str, hash: u64) -> Option<T> {
        let map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.get(file)
            .filter(|(h, _)| *h == hash)
            .map(|(_, value)| value.clone())
    }

    pub(crate) fn put(&self, file: &str, hash: u64, value: T) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.insert(file.to_string(), (hash, value));
    }

    fn clear(&self) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

/// Parsed bodies kept between builds by `serve`: a file is parsed again only when its
/// text changed. Clear it when anything else (theme, data, config) changes.
/// Rendered pages are kept too, keyed by a hash of everything their template sees
/// (except `build_time`): an edit that changes one page re-renders that page only.
#[derive(Debug, Default)]
pub struct ParseCache {
    pub(crate) parsed: HashKeyed<Arc<Parsed>>,
    pub(crate) rendered: HashKeyed<Arc<Vec<u8>>>,
    /// Git dates, read once per session (they change only with a commit).
    pub(crate) dates: Mutex<Option<Arc<HashMap<String, String>>>>,
    /// Front matter of unchanged files.
    pub(crate) sources: SourceCache,
    /// Assets whose hashed copy cached pages link to.
    pub(crate) used_assets: Mutex<BTreeSet<String>>,
    /// The loaded highlighter (its grammars take tens of milliseconds to load): kept
    /// while the configuration and the extra grammar and theme files are unchanged
    /// (a change to any file but markdown clears the cache).
    highlighter: Mutex<Option<Arc<Highlighter>>>,
}

impl ParseCache {
    pub(crate) fn clear(&self) {
        self.sources.clear();
        self.used_assets
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        self.parsed.clear();
        self.rendered.clear();
        *self.highlighter.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// The cached highlighter when it was loaded with these settings.
    pub(crate) fn highlighter(&self, settings: &highlight::Settings) -> Option<Arc<Highlighter>> {
        let cached = self.highlighter.lock().unwrap_or_else(|e| e.into_inner());
        cached
            .as_ref()
            .filter(|h| h.settings() == settings)
            .cloned()
    }

    pub(crate) fn keep_highlighter(&self, highlighter: &Arc<Highlighter>) {
        *self.highlighter.lock().unwrap_or_else(|e| e.into_inner()) = Some(highlighter.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::config::Config;
    use crate::site::sink::NullSink;
    use crate::site::{build_into, BuildOptions};

    #[test]
    fn serve_keeps_the_highlighter_while_its_settings_stay() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let config =
            "base_url = \"https://x.org\"\n[markdown.highlighting]\ntheme = \"github-dark\"\n";
        std::fs::write(root.join("config.toml"), config).unwrap();
        std::fs::create_dir_all(root.join("content")).unwrap();
        let cache = ParseCache::default();
        let opts = BuildOptions::new(root);
        // No theme: the build fails after loading, but the highlighter is kept.
        let _ = build_into(&opts, Some(&cache), &NullSink);
        let settings = Config::load(root).unwrap().highlighting.unwrap();
        let first = cache
            .highlighter(&settings)
            .expect("kept after the first build");
        let _ = build_into(&opts, Some(&cache), &NullSink);
        let second = cache.highlighter(&settings).unwrap();
        assert!(Arc::ptr_eq(&first, &second), "loaded again");
        // Other settings, or a cleared cache, load it again.
        let other = highlight::Settings::from_config(
            "[markdown.highlighting]\ntheme = \"nord\"\n",
            "config.toml",
        )
        .unwrap()
        .unwrap();
        assert!(cache.highlighter(&other).is_none());
        cache.clear();
        assert!(cache.highlighter(&settings).is_none());
    }
}
