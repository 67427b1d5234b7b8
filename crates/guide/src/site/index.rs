//! The index stage: what is made from every parsed page at once: the search index,
//! `sitemap.xml` and `robots.txt`. It runs beside the render stage (both read the parsed
//! pages and nothing else of each other): pages link the index only by the fixed name
//! of its entry file ([`linked_files`]), and the other files by content-hashed names
//! that only the entry file holds.
use std::collections::BTreeSet;
use std::sync::Arc;

use crate::site::links::Body;
use crate::site::load::Site;
use crate::site::search::SectionText;
use crate::site::{pages_from, search, sitemap};

/// The indexes of the site.
pub(crate) struct Index {
    /// The search index's files (output path, bytes); none without `build_search_index`.
    pub(crate) search: Vec<(String, Arc<Vec<u8>>)>,
    pub(crate) sitemap: String,
    pub(crate) robots: String,
}

/// The index's files that pages link (through `asset()`), by their plain names: known
/// before the index is built, so the pages can render while it is.
pub(crate) fn linked_files(site: &Site) -> BTreeSet<String> {
    match site.config.build_search_index {
        // The entry file has a fixed name (the browser revalidates it) and the other
        // files are named by their content: an edit of one page's text changes the
        // index, not every page that links it.
        true => BTreeSet::from([search::writer::ENTRY.to_string()]),
        false => BTreeSet::new(),
    }
}

/// Indexes the pages (`bodies` by source index).
pub(crate) fn index(site: &Site, bodies: &[Body]) -> Index {
    let search = match site.config.build_search_index {
        true => search::write(&search_pages(site, bodies, &item_sections(site, bodies))),
        false => Vec::new(),
    };
    let search = search.into_iter().map(|(p, b)| (p, Arc::new(b))).collect();
    let urls: Vec<sitemap::Url> = site
        .sources
        .iter()
        .map(|s| sitemap::Url {
            loc: sitemap::loc(&site.config.base_url, &s.path),
            lastmod: s.updated.as_deref(),
        })
        .collect();
    Index {
        search,
        sitemap: sitemap::sitemap(&urls),
        robots: sitemap::robots(&site.config.base_url),
    }
}

/// The pages of the search index: all but those with `in_search_index = false`. A page
/// made from data (`pages_from`) has its item's words as its text (`items`: the sections
/// made for them, by source index).
fn search_pages<'a>(
    site: &'a Site,
    bodies: &'a [Body],
    items: &'a [Option<Vec<SectionText>>],
) -> Vec<search::PageText<'a>> {
    site.sources
        .iter()
        .zip(bodies)
        .zip(items)
        .filter(|((s, _), _)| s.front.in_search_index != Some(false))
        .map(|((s, b), item)| search::PageText {
            url: &s.path,
            title: s.front.title.as_deref().unwrap_or(""),
            description: s.front.description.as_deref().unwrap_or(""),
            sections: item.as_deref().unwrap_or(&b.sections),
        })
        .collect()
}

/// The text sections of the pages made from data: their body's, with the item's words
/// added to the first section.
fn item_sections(site: &Site, bodies: &[Body]) -> Vec<Option<Vec<SectionText>>> {
    site.sources
        .iter()
        .zip(bodies)
        .map(|(s, b)| {
            let words = pages_from::search_text(s.item.as_ref()?);
            let mut sections = b.sections.clone();
            match sections.first_mut() {
                Some(first) => {
                    first.text.push('\n');
                    first.text.push_str(&words);
                }
                None => sections.push(SectionText {
                    text: words,
                    ..SectionText::default()
                }),
            }
            Some(sections)
        })
        .collect()
}
