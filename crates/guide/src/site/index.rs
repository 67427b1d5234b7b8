//! The index stage: what is made from every parsed page at once: the search index
//! (an asset the theme links with `asset()`), `sitemap.xml` and `robots.txt`.
use std::sync::Arc;

use crate::site::assets::Registry;
use crate::site::links::Body;
use crate::site::load::Site;
use crate::site::{search, sitemap};

pub(crate) const SEARCH_INDEX: &str = "search-index.json";

/// The indexes of the site.
pub(crate) struct Index {
    /// The generated assets: `search-index.json`.
    pub(crate) assets: Arc<Registry>,
    /// A hash of the generated assets (pages that link them change with them).
    pub(crate) assets_hash: u64,
    pub(crate) sitemap: String,
    pub(crate) robots: String,
}

/// Indexes the pages (`bodies` by source index).
pub(crate) fn index(site: &Site, bodies: &[Body]) -> Index {
    let entries: Vec<search::Entry> = site
        .sources
        .iter()
        .zip(bodies)
        .map(|(s, b)| search::Entry {
            t: s.front.title.as_deref().unwrap_or(""),
            u: &s.path,
            d: s.front.description.as_deref().unwrap_or(""),
            h: b.headings
                .iter()
                .map(|h| (h.title.as_str(), format!("{}#{}", s.path, h.id)))
                .collect(),
        })
        .collect();
    let search_json = search::to_json(&entries);
    let assets_hash = xxhash_rust::xxh3::xxh3_64(&search_json);
    let mut assets = Registry::default();
    assets.add_bytes(SEARCH_INDEX, search_json);
    let urls: Vec<sitemap::Url> = site
        .sources
        .iter()
        .map(|s| sitemap::Url {
            loc: sitemap::loc(&site.config.base_url, &s.path),
            lastmod: s.updated.as_deref(),
        })
        .collect();
    Index {
        assets: Arc::new(assets),
        assets_hash,
        sitemap: sitemap::sitemap(&urls),
        robots: sitemap::robots(&site.config.base_url),
    }
}
