//! The index stage: what is made from every parsed page at once: the search index,
//! `sitemap.xml` and `robots.txt`. It runs beside the render stage (both read the parsed
//! pages and nothing else of each other): pages link the index only by the fixed name
//! of its entry file ([`linked_files`]), and the other files by content-hashed names
//! that only the entry file holds.
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::errors::{BuildError, Problem};
use crate::site::config::Flavour;
use crate::site::content::Kind;
use crate::site::links::Body;
use crate::site::load::Site;
use crate::site::search::{zola, SectionText};
use crate::site::sorting::date_of;
use crate::site::{pages_from, search, sitemap};

/// The indexes of the site.
pub(crate) struct Index {
    /// The search index's files (output path, bytes): ours or Zola's (see
    /// [`SearchFormat`]), none without `build_search_index`.
    pub(crate) search: Vec<(String, Arc<Vec<u8>>)>,
    pub(crate) sitemap: String,
    pub(crate) robots: String,
}

/// The search index a site gets with `build_search_index`: ours, which our theme reads,
/// or, for a site written for Zola whose templates do not link ours, Zola's own (the
/// files its themes read: see [`zola`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SearchFormat {
    None,
    Ours,
    Zola,
}

fn search_format(site: &Site) -> SearchFormat {
    let links_ours = site
        .theme
        .as_ref()
        .is_some_and(|t| t.calls_any(&[search::writer::ENTRY]));
    match site.config.flavour {
        Flavour::Zola if !links_ours => match zola_languages(site).is_empty() {
            true => SearchFormat::None,
            false => SearchFormat::Zola,
        },
        _ if site.config.build_search_index => SearchFormat::Ours,
        _ => SearchFormat::None,
    }
}

/// The languages of Zola's index, with their `[search]` options: the default language
/// with `build_search_index`, and every other one whose `[languages.x]` asks for it.
fn zola_languages(site: &Site) -> Vec<(&str, zola::Options)> {
    let config = &site.config.zola;
    let default = config.default_language.as_str();
    let mut out = Vec::new();
    if site.config.build_search_index {
        out.push((default, zola::Options::from_table(&config.search)));
    }
    for (code, language) in &config.languages {
        if code != default && language.build_search_index {
            out.push((code.as_str(), zola::Options::from_table(&language.search)));
        }
    }
    out
}

/// The index's files that pages link (through `asset()`), by their plain names: known
/// before the index is built, so the pages can render while it is.
pub(crate) fn linked_files(site: &Site) -> BTreeSet<String> {
    match search_format(site) {
        // The entry file has a fixed name (the browser revalidates it) and the other
        // files are named by their content: an edit of one page's text changes the
        // index, not every page that links it.
        SearchFormat::Ours => BTreeSet::from([search::writer::ENTRY.to_string()]),
        SearchFormat::Zola | SearchFormat::None => BTreeSet::new(),
    }
}

/// Indexes the pages (`bodies` by source index).
pub(crate) fn index(site: &Site, bodies: &[Body]) -> Result<Index, BuildError> {
    let search = match search_format(site) {
        SearchFormat::Ours => {
            search::write(&search_pages(site, bodies, &item_sections(site, bodies)))
        }
        SearchFormat::Zola => zola_files(site, bodies)?,
        SearchFormat::None => Vec::new(),
    };
    let search = search.into_iter().map(|(p, b)| (p, Arc::new(b))).collect();
    let zola = site.config.flavour == Flavour::Zola;
    let zola_entries = match zola {
        true => zola_sitemap_entries(site),
        false => Vec::new(),
    };
    let urls: Vec<sitemap::Url> = match zola {
        true => zola_entries
            .iter()
            .map(|(loc, lastmod)| sitemap::Url {
                loc: loc.clone(),
                lastmod: lastmod.as_deref(),
            })
            .collect(),
        false => site
            .sources
            .iter()
            .map(|s| sitemap::Url {
                loc: sitemap::loc(&site.config.base_url, &s.path),
                lastmod: s.updated.as_deref(),
            })
            .collect(),
    };
    Ok(Index {
        search,
        sitemap: sitemap::sitemap(&urls, zola),
        robots: sitemap::robots(&site.config.base_url, zola),
    })
}

/// A Zola site's sitemap entries as Zola finds them (location, `lastmod`), sorted by
/// location: every page and section it renders (a page's `updated`, else its `date`),
/// each pager of a paginated section or taxonomy term (unless
/// `exclude_paginated_pages_in_sitemap = "all"`; the first pager too, though it only
/// redirects: Zola lists it), and each taxonomy's list and term pages.
fn zola_sitemap_entries(site: &Site) -> Vec<(String, Option<String>)> {
    let base = &site.config.base_url;
    let pagers = site.config.zola.exclude_paginated_pages_in_sitemap != "all";
    let tree = crate::site::tree::Tree::new(&site.sources);
    let mut entries: BTreeMap<String, Option<String>> = BTreeMap::new();
    let date = |v: &toml::Value| match v {
        toml::Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    for (i, s) in site.sources.iter().enumerate() {
        if s.front.render == Some(false) {
            continue;
        }
        let lastmod = match s.kind {
            Kind::Page => s.front.updated.as_ref().or(s.front.date.as_ref()).map(date),
            Kind::Section => None,
        };
        entries.insert(sitemap::loc(base, &s.path), lastmod);
        let by = s.front.paginate_by.filter(|by| *by > 0);
        if let (Kind::Section, Some(by), true) = (s.kind, by, pagers) {
            let part = s.front.paginate_path.as_deref().unwrap_or("page");
            // (Counting the pages written: a `render = false` one is in no pager.)
            let pages = tree.section_pages(i);
            let written = pages
                .iter()
                .filter(|p| site.sources[**p].front.render != Some(false))
                .count();
            for n in 1..=written.div_ceil(by) {
                entries.insert(sitemap::loc(base, &format!("{}{part}/{n}/", s.path)), None);
            }
        }
    }
    for t in crate::site::taxonomies::collect(&site.sources, &site.config.table) {
        // (A taxonomy no page uses is listed too, though Zola writes no page for it.)
        if t.kind.get("render").and_then(|r| r.as_bool()) == Some(false) {
            continue;
        }
        entries.insert(sitemap::loc(base, &t.path), None);
        let by = t.kind.get("paginate_by").and_then(|b| b.as_integer());
        let by = by.and_then(|b| usize::try_from(b).ok()).filter(|b| *b > 0);
        let part = t.kind.get("paginate_path").and_then(|p| p.as_str());
        for term in &t.terms {
            entries.insert(sitemap::loc(base, &term.path), None);
            if let (Some(by), true) = (by, pagers) {
                for n in 1..=term.pages.len().div_ceil(by) {
                    let path = format!("{}{}/{n}/", term.path, part.unwrap_or("page"));
                    entries.insert(sitemap::loc(base, &path), None);
                }
            }
        }
    }
    entries.into_iter().collect()
}

/// A page's date as Zola's index gives it, RFC 3339: its own offset if it has one
/// (`Z` for UTC), else UTC (`2023-01-31` is `2023-01-31T00:00:00Z`).
fn zola_date(value: Option<&toml::Value>) -> Option<String> {
    let text = match value? {
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::String(s) => s.clone(),
        _ => return None,
    };
    match chrono::DateTime::parse_from_rfc3339(text.trim()) {
        Ok(d) if d.offset().local_minus_utc() != 0 => {
            Some(d.format("%Y-%m-%dT%H:%M:%S%:z").to_string())
        }
        _ => date_of(value).map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
    }
}

/// Zola's index files: one per language, and the library that reads them. As Zola
/// collects them: each section of the language (not one that redirects), then the pages
/// of its `pages` (a page no section lists, or that its section cannot sort, is left
/// out); a section with `in_search_index = false` leaves out its pages too.
fn zola_files(site: &Site, bodies: &[Body]) -> Result<Vec<(String, Vec<u8>)>, BuildError> {
    let tree = crate::site::tree::Tree::new(&site.sources);
    let doc = |i: usize| {
        let s = &site.sources[i];
        zola::Doc {
            permalink: sitemap::loc(&site.config.base_url, &s.path),
            title: s.front.title.as_deref().unwrap_or(""),
            description: s.front.description.as_deref().unwrap_or(""),
            // Zola gives sections no date.
            date: match s.kind {
                Kind::Section => None,
                Kind::Page => zola_date(s.front.date.as_ref()),
            },
            path: &s.path,
            html: &bodies[i].html,
        }
    };
    let mut files = Vec::new();
    let mut library = false;
    for (lang, options) in zola_languages(site) {
        library |= options.format().needs_library();
        let mut docs: Vec<zola::Doc> = Vec::new();
        let sections = site.sources.iter().enumerate().filter(|(_, s)| {
            s.kind == Kind::Section && s.lang == lang && s.front.in_search_index != Some(false)
        });
        for (i, section) in sections {
            if section.front.redirect_to.is_none() {
                docs.push(doc(i));
            }
            let pages = tree.section_pages(i).into_iter();
            docs.extend(
                pages
                    .filter(|p| site.sources[*p].front.in_search_index != Some(false))
                    .map(doc),
            );
        }
        let file = zola::language_file(lang, &options, &docs)
            .map_err(|msg| BuildError::Problems(vec![Problem::new(&site.config.file, msg)]))?;
        files.push(file);
    }
    if library {
        files.push(zola::library_file());
    }
    Ok(files)
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
