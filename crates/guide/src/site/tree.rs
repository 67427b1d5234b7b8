//! The section tree: which pages and sections each section holds, in navigation order
//! (weight, then title), and the `nav` and `section` values made from it.
use std::collections::HashMap;

use crate::site::content::{Kind, Source};
use crate::site::views::{NavItem, PageView, SectionView};

/// Sections and what they hold, by index into the sorted sources.
pub(crate) struct Tree {
    /// Section index -> (child pages, child sections), ordered by weight then title.
    children: HashMap<usize, (Vec<usize>, Vec<usize>)>,
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
        let sections: HashMap<&str, usize> = sources
            .iter()
            .enumerate()
            .filter(|(_, s)| s.kind == Kind::Section)
            .map(|(i, s)| (s.dir.as_str(), i))
            .collect();
        // The nearest section folder at or above `dir`.
        let owner = |dir: &str| -> Option<usize> {
            let mut d = dir;
            loop {
                if let Some(i) = sections.get(d) {
                    return Some(*i);
                }
                if d.is_empty() {
                    return None;
                }
                d = d.rsplit_once('/').map_or("", |(p, _)| p);
            }
        };
        let mut children: HashMap<usize, (Vec<usize>, Vec<usize>)> = HashMap::new();
        for (i, s) in sources.iter().enumerate() {
            match s.kind {
                Kind::Page => {
                    if let Some(o) = owner(&s.section_dir) {
                        children.entry(o).or_default().0.push(i);
                    }
                }
                Kind::Section if !s.dir.is_empty() => {
                    let parent = s.dir.rsplit_once('/').map_or("", |(p, _)| p);
                    if let Some(o) = owner(parent) {
                        children.entry(o).or_default().1.push(i);
                    }
                }
                Kind::Section => {}
            }
        }
        for (pages, subs) in children.values_mut() {
            pages.sort_by_cached_key(|i| order_key(&sources[*i]));
            subs.sort_by_cached_key(|i| order_key(&sources[*i]));
        }
        Tree {
            children,
            root: sections.get("").copied(),
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

    /// `section` of the section at source index `i`.
    pub(crate) fn section<'v, 'a>(
        &self,
        i: usize,
        views: &'v [PageView<'a>],
    ) -> SectionView<'v, 'a> {
        let (pages, subs): (&[usize], &[usize]) = match self.children.get(&i) {
            Some((pages, subs)) => (pages, subs),
            None => (&[], &[]),
        };
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
