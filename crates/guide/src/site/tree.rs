//! The section tree: which pages and sections each section holds, in navigation order
//! (weight, then title), and the `nav` and `section` values made from it.
use std::collections::{HashMap, HashSet};

use crate::site::content::{Kind, Source};
use crate::site::sorting::{self, SortBy};
use crate::site::views::{NavItem, PageView, SectionView};

/// Sections and what they hold, by index into the sorted sources.
pub(crate) struct Tree {
    /// Section index -> (child pages, child sections), ordered by weight then title:
    /// the navigation.
    children: HashMap<usize, (Vec<usize>, Vec<usize>)>,
    /// Section index -> its `pages`: with its transparent subsections' pages, ordered
    /// as its `sort_by` says (see [`sorting`]), without those it cannot sort.
    pages: HashMap<usize, Vec<usize>>,
    /// Section index -> its parent section.
    parents: HashMap<usize, usize>,
    /// Page index -> the section it is in.
    owners: HashMap<usize, usize>,
    /// Page index -> its neighbours in its section's sorted pages (`lower`, `higher`).
    siblings: HashMap<usize, (Option<usize>, Option<usize>)>,
    /// Pages left out of every section's `pages` because they lack the field sorted by
    /// (Zola's "ignored" pages).
    unsorted: HashSet<usize>,
    root: Option<usize>,
}

fn order_key(s: &Source) -> (bool, i64, String) {
    (
        s.front.weight.is_none(),
        s.front.weight.unwrap_or(0),
        s.front.title.clone().unwrap_or_default().to_lowercase(),
    )
}

impl Tree {
    pub(crate) fn new(sources: &[Source]) -> Tree {
        // Sections by folder and language: `blog/_index.fr.md` holds the French pages.
        let sections: HashMap<(&str, &str), usize> = sources
            .iter()
            .enumerate()
            .filter(|(_, s)| s.kind == Kind::Section)
            .map(|(i, s)| ((s.dir.as_str(), s.lang.as_str()), i))
            .collect();
        // The nearest section folder at or above `dir`, of the language `lang`.
        let owner = |dir: &str, lang: &str| -> Option<usize> {
            let mut d = dir;
            loop {
                if let Some(i) = sections.get(&(d, lang)) {
                    return Some(*i);
                }
                if d.is_empty() {
                    return None;
                }
                d = d.rsplit_once('/').map_or("", |(p, _)| p);
            }
        };
        let mut tree = Tree {
            children: HashMap::new(),
            pages: HashMap::new(),
            parents: HashMap::new(),
            owners: HashMap::new(),
            unsorted: HashSet::new(),
            siblings: HashMap::new(),
            root: sources
                .iter()
                .position(|s| s.kind == Kind::Section && s.path == "/"),
        };
        for (i, s) in sources.iter().enumerate() {
            match s.kind {
                Kind::Page => {
                    // A page belongs to the section of its own folder: one in a folder
                    // without `_index.md` is in no section's `pages`, as in Zola.
                    if let Some(&o) = sections.get(&(s.section_dir.as_str(), s.lang.as_str())) {
                        tree.children.entry(o).or_default().0.push(i);
                        tree.owners.insert(i, o);
                    }
                }
                Kind::Section if !s.dir.is_empty() => {
                    let parent = s.dir.rsplit_once('/').map_or("", |(p, _)| p);
                    if let Some(o) = owner(parent, &s.lang) {
                        tree.children.entry(o).or_default().1.push(i);
                        tree.parents.insert(i, o);
                    }
                }
                Kind::Section => {}
            }
        }
        for (pages, subs) in tree.children.values_mut() {
            pages.sort_by_cached_key(|i| order_key(&sources[*i]));
            subs.sort_by_cached_key(|i| order_key(&sources[*i]));
        }
        tree.pages = tree
            .children
            .iter()
            .map(|(s, (pages, _))| (*s, pages.clone()))
            .collect();
        tree.lift_transparent(sources);
        tree.sort(sources);
        tree
    }

    /// A transparent section's pages are its parent's too (deepest sections first, so
    /// they climb through transparent parents).
    fn lift_transparent(&mut self, sources: &[Source]) {
        let mut transparent: Vec<usize> = self
            .parents
            .keys()
            .copied()
            .filter(|i| sources[*i].front.transparent)
            .collect();
        transparent.sort_by_key(|i| std::cmp::Reverse(sources[*i].dir.matches('/').count()));
        for i in transparent {
            let pages = self.pages.get(&i).cloned().unwrap_or_default();
            if let Some(parent) = self.parents.get(&i) {
                let listed = self.pages.entry(*parent).or_default();
                listed.extend(pages);
                listed.sort_by_cached_key(|i| order_key(&sources[*i]));
            }
        }
    }

    /// Orders each section's pages by its `sort_by`, and links each page to its
    /// neighbours (not in transparent sections).
    fn sort(&mut self, sources: &[Source]) {
        for (section, pages) in self.pages.iter_mut() {
            let sort_by = SortBy::of(&sources[*section]);
            self.unsorted.extend(sorting::sort(pages, sources, sort_by));
            if sort_by == SortBy::None || sources[*section].front.transparent {
                continue;
            }
            for (n, page) in pages.iter().enumerate() {
                let lower = n.checked_sub(1).map(|m| pages[m]);
                let higher = pages.get(n + 1).copied();
                self.siblings.insert(*page, (lower, higher));
            }
        }
        // (A page a transparent parent cannot sort is still in its own section.)
        for pages in self.pages.values() {
            for page in pages {
                self.unsorted.remove(page);
            }
        }
    }

    /// Page `i` is in no section's `pages`, for want of the field its section sorts
    /// by.
    pub(crate) fn is_unsorted(&self, i: usize) -> bool {
        self.unsorted.contains(&i)
    }

    /// The neighbours of page `i` in its section's order: `lower`, `higher`.
    pub(crate) fn siblings(&self, i: usize) -> (Option<usize>, Option<usize>) {
        self.siblings.get(&i).copied().unwrap_or_default()
    }

    /// The `page_template` of the nearest section above page `i` that sets one.
    pub(crate) fn page_template<'s>(&self, i: usize, sources: &'s [Source]) -> Option<&'s str> {
        let mut section = self.owners.get(&i).copied();
        while let Some(s) = section {
            if let Some(t) = &sources[s].front.page_template {
                return Some(t);
            }
            section = self.parents.get(&s).copied();
        }
        None
    }

    /// `ancestors` of source `i`, as Zola gives them: the paths under `content/` of the
    /// sections above it, the home section's first. A page's end with its own section
    /// (the one above a transparent one: Zola lists a page there); a page in a folder
    /// without `_index.md` has none.
    pub(crate) fn ancestors(&self, i: usize, sources: &[Source]) -> Vec<String> {
        let chain = |mut section: usize| {
            let mut out = vec![sources[section].rel.clone()];
            while let Some(p) = self.parents.get(&section) {
                out.push(sources[*p].rel.clone());
                section = *p;
            }
            out.reverse();
            out
        };
        match sources[i].kind {
            Kind::Section => match self.parents.get(&i) {
                Some(p) => chain(*p),
                None => Vec::new(),
            },
            Kind::Page => {
                let Some(mut section) = self.owners.get(&i).copied() else {
                    return Vec::new();
                };
                while sources[section].front.transparent {
                    match self.parents.get(&section) {
                        Some(p) => section = *p,
                        None => break,
                    }
                }
                chain(section)
            }
        }
    }

    /// `nav`: the tree under the root section (`views` by source index).
    pub(crate) fn nav<'v>(&self, sources: &[Source], views: &'v [PageView]) -> Vec<NavItem<'v>> {
        match self.root {
            Some(r) => self.nav_children(r, sources, views),
            None => Vec::new(),
        }
    }

    fn nav_children<'v>(
        &self,
        i: usize,
        sources: &[Source],
        views: &'v [PageView],
    ) -> Vec<NavItem<'v>> {
        let Some((pages, subs)) = self.children.get(&i) else {
            return Vec::new();
        };
        let mut items: Vec<usize> = pages.iter().chain(subs).copied().collect();
        items.sort_by_cached_key(|i| order_key(&sources[*i]));
        items
            .into_iter()
            .map(|c| {
                let meta = views[c].meta();
                NavItem {
                    title: meta.title,
                    permalink: &meta.permalink,
                    path: meta.path,
                    weight: meta.weight,
                    is_section: meta.is_section,
                    children: if meta.is_section {
                        self.nav_children(c, sources, views)
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect()
    }

    /// The pages of section `i`, in its order (indexes of sources).
    pub(crate) fn section_pages(&self, i: usize) -> Vec<usize> {
        self.pages.get(&i).cloned().unwrap_or_default()
    }

    /// `section` of the section at source index `i`.
    pub(crate) fn section<'v, 'a>(
        &self,
        i: usize,
        views: &'v [PageView<'a>],
    ) -> SectionView<'v, 'a> {
        let subs: &[usize] = self.children.get(&i).map_or(&[], |c| &c.1);
        let pages: &[usize] = self.pages.get(&i).map_or(&[], |p| p);
        SectionView {
            page: &views[i],
            pages: pages.iter().map(|p| &views[*p].summary).collect(),
            subsections: subs
                .iter()
                .map(|p| views[*p].meta().relative_path)
                .collect(),
        }
    }
}
