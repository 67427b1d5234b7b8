//! The values templates see, typed: [`PageView`] (`page`), [`SectionView`] (`section`),
//! [`NavItem`] (`nav`) and [`TocEntry`] (`page.toc`). They borrow from the sources and
//! the bodies and serialize to the template context the README documents.
use std::hash::{Hash, Hasher};

use serde::Serialize;

use crate::site::config::{Config, Flavour};
use crate::site::content::{Kind, Source};
use crate::site::links::Body;
use crate::site::markdown::Heading;

/// What a page is before its body is parsed: the `page` of a templated body, and the
/// first fields of every other page value. Its keys are Zola's (`SerializingPage` and
/// `SerializingSection`): what the front matter leaves out is `null`, as in Zola, so
/// `page.description | default(value=...)` works.
#[derive(Debug, Serialize, Hash)]
pub(crate) struct PageMeta<'a> {
    /// The title, `""` when the front matter has none (for our own uses).
    #[serde(skip)]
    pub(crate) title: &'a str,
    #[serde(rename = "title")]
    title_value: Option<&'a str>,
    description: Option<&'a str>,
    pub(crate) permalink: String,
    pub(crate) path: &'a str,
    pub(crate) relative_path: &'a str,
    /// The folder of a page bundle (`blog/a/` for `blog/a/index.md`), else `null`.
    colocated_path: Option<String>,
    /// The URL path's parts (`["blog", "a"]` for `/blog/a/`).
    components: Vec<&'a str>,
    slug: &'a str,
    pub(crate) weight: Option<i64>,
    draft: bool,
    extra: Extra<'a>,
    updated: Option<&'a str>,
    /// The front matter's `date` (or the file name's), as Zola writes it.
    date: Option<String>,
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    authors: &'a [String],
    /// The co-located files: a bundle's (at any depth), a section's (in its folder).
    assets: &'a [String],
    /// The sections above, as paths under `content/` (`_index.md` first); set with the
    /// section tree (empty in a page body, as in Zola's shortcodes).
    pub(crate) ancestors: Vec<String>,
    /// The pages and sections whose bodies link here (`@/`), by permalink; set with the
    /// links.
    pub(crate) backlinks: Vec<BackLink<'a>>,
    pub(crate) is_section: bool,
    /// Its language (`fr` for `a.fr.md` when French is one of the site's languages).
    lang: &'a str,
    /// Its front matter's `[taxonomies]`: terms by taxonomy name.
    taxonomies: &'a std::collections::BTreeMap<String, Vec<String>>,
    // A section's own keys, as Zola gives them.
    generate_feeds: bool,
    transparent: bool,
    paginate_by: Option<usize>,
    paginate_reversed: bool,
    /// The data item a page was made from (`pages_from`); absent on other pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<Item<'a>>,
}

impl<'a> PageMeta<'a> {
    pub(crate) fn new(s: &'a Source, config: &Config) -> Self {
        let slug = s
            .path
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("");
        let date = zola_date(s.front.date.as_ref());
        let ymd = date.as_deref().and_then(year_month_day);
        PageMeta {
            title: s.front.title.as_deref().unwrap_or_default(),
            title_value: s.front.title.as_deref(),
            description: s.front.description.as_deref(),
            permalink: config.permalink(&s.path),
            path: &s.path,
            relative_path: &s.rel,
            colocated_path: s.is_bundle().then(|| format!("{}/", s.dir)),
            components: s.path.split('/').filter(|c| !c.is_empty()).collect(),
            slug,
            weight: s.front.weight,
            draft: s.front.draft,
            extra: Extra(&s.front.extra),
            updated: s.updated.as_deref(),
            year: ymd.map(|d| d.0),
            month: ymd.map(|d| d.1),
            day: ymd.map(|d| d.2),
            date,
            authors: &s.front.authors,
            assets: &s.assets,
            ancestors: Vec::new(),
            backlinks: Vec::new(),
            is_section: s.kind == Kind::Section,
            lang: &s.lang,
            taxonomies: &s.front.taxonomies,
            generate_feeds: s.front.generate_feeds,
            transparent: s.front.transparent,
            paginate_by: s.front.paginate_by,
            paginate_reversed: s.front.paginate_reversed,
            data: s.item.as_ref().map(Item),
        }
    }
}

/// An entry of `page.backlinks`: a page or section that links to this one.
#[derive(Debug, Clone, Serialize, Hash)]
pub(crate) struct BackLink<'a> {
    pub(crate) permalink: String,
    pub(crate) title: Option<&'a str>,
}

/// A front matter date as Zola gives it to templates: a TOML date as TOML writes it
/// (`2024-01-02`, `2024-01-02T10:00:00Z`), a string holding one likewise, any other
/// string as written.
fn zola_date(value: Option<&toml::Value>) -> Option<String> {
    match value? {
        toml::Value::Datetime(d) => Some(d.to_string()),
        toml::Value::String(s) => Some(match s.parse::<toml::value::Datetime>() {
            Ok(d) => d.to_string(),
            Err(_) => s.clone(),
        }),
        other => Some(other.to_string()),
    }
}

/// The year, month and day a date starts with (`2024-01-02...`).
fn year_month_day(date: &str) -> Option<(i32, u32, u32)> {
    let d = chrono::NaiveDate::parse_from_str(date.get(..10)?, "%Y-%m-%d").ok()?;
    use chrono::Datelike;
    Some((d.year(), d.month(), d.day()))
}

/// The front matter's `[extra]` table, as written.
#[derive(Debug, Serialize)]
#[serde(transparent)]
struct Extra<'a>(&'a toml::Table);

impl Hash for Extra<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // TOML values hold floats (no `Hash`): their JSON text stands for them.
        serde_json::to_vec(self.0).unwrap_or_default().hash(state);
    }
}

/// A page's data item, as written.
#[derive(Debug, Serialize)]
#[serde(transparent)]
struct Item<'a>(&'a toml::Value);

impl Hash for Item<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        serde_json::to_vec(self.0).unwrap_or_default().hash(state);
    }
}

/// A page as the entries of `section.pages` (and `paginator.pages`, `page.lower`...)
/// show it: with its content and table of contents, as Zola 0.22 gives them.
#[derive(Debug, Serialize, Hash)]
pub(crate) struct PageSummary<'a> {
    #[serde(flatten)]
    pub(crate) meta: PageMeta<'a>,
    pub(crate) content: &'a str,
    toc: Vec<TocEntry<'a>>,
    word_count: usize,
    reading_time: usize,
    /// The HTML before `<!-- more -->`, when the body has one.
    pub(crate) summary: Option<std::borrow::Cow<'a, str>>,
    /// The same page (or section) in the site's other languages.
    pub(crate) translations: Vec<Translation<'a>>,
}

/// An entry of `page.translations`: the same file in another language.
#[derive(Debug, Serialize, Hash)]
pub(crate) struct Translation<'a> {
    pub(crate) lang: &'a str,
    pub(crate) permalink: String,
    pub(crate) title: &'a str,
    /// Its path under `content/` (what `get_page` takes).
    pub(crate) path: &'a str,
}

/// Sets each view's `translations`: the sources of the same file in the other languages
/// (`blog/a.md`, `blog/a.fr.md`), as Zola lists them (itself included). `views` are by
/// source index.
pub(crate) fn fill_translations<'a>(
    views: &mut [PageView<'a>],
    sources: &'a [Source],
    config: &Config,
) {
    if !config.is_multilingual() {
        return;
    }
    let rules = config.url_rules();
    let mut groups: std::collections::HashMap<String, Vec<usize>> = Default::default();
    for (i, s) in sources.iter().enumerate() {
        let (dir, name) = s.rel.rsplit_once('/').unwrap_or(("", &s.rel));
        let (name, _) = rules.language_of(name);
        groups.entry(format!("{dir}/{name}")).or_default().push(i);
    }
    // Zola lists the page itself among its translations (a page in one language has
    // only itself), in no fixed order: here the default language first, then by code.
    let default = config.default_language();
    for members in groups.values_mut() {
        members.sort_by_key(|&i| (sources[i].lang != default, sources[i].lang.clone()));
        for &i in members.iter() {
            views[i].summary.translations = members
                .iter()
                .map(|&j| Translation::of(&sources[j], config))
                .collect();
        }
    }
}

impl<'a> Translation<'a> {
    pub(crate) fn of(s: &'a Source, config: &Config) -> Self {
        Translation {
            lang: &s.lang,
            permalink: config.permalink(&s.path),
            title: s.front.title.as_deref().unwrap_or_default(),
            path: &s.rel,
        }
    }
}

/// `page`: a page with its content and table of contents.
#[derive(Debug, Serialize, Hash)]
pub(crate) struct PageView<'a> {
    #[serde(flatten)]
    pub(crate) summary: PageSummary<'a>,
}

impl<'a> PageView<'a> {
    pub(crate) fn new(s: &'a Source, body: &'a Body, config: &Config) -> Self {
        let meta = PageMeta::new(s, config);
        let toc = toc(&body.headings, &meta.permalink);
        PageView {
            summary: PageSummary {
                meta,
                content: &body.html,
                toc,
                word_count: body.word_count,
                reading_time: match config.flavour {
                    // Zola's: 0 for an empty page.
                    Flavour::Zola => body.word_count.div_ceil(200),
                    Flavour::Guide => body.word_count.div_ceil(200).max(1),
                },
                summary: match config.flavour {
                    Flavour::Zola => crate::site::markdown::zola_summary(
                        &body.html,
                        body.summary_cutoff.as_deref(),
                    )
                    .map(Into::into),
                    Flavour::Guide => crate::site::markdown::summary(&body.html).map(Into::into),
                },
                translations: Vec::new(),
            },
        }
    }

    pub(crate) fn meta(&self) -> &PageMeta<'a> {
        &self.summary.meta
    }
}

/// `page` as a page template sees it: with its neighbours in its section's order
/// (`lower`: the one before, `higher`: the one after; see `sorting`).
#[derive(Debug, Serialize, Hash)]
pub(crate) struct PageInSection<'v, 'a> {
    #[serde(flatten)]
    pub(crate) page: &'v PageView<'a>,
    pub(crate) lower: Option<&'v PageSummary<'a>>,
    pub(crate) higher: Option<&'v PageSummary<'a>>,
}

/// `section`: a section's own page, with the pages and sections it holds.
#[derive(Debug, Serialize, Hash)]
pub(crate) struct SectionView<'v, 'a> {
    #[serde(flatten)]
    pub(crate) page: &'v PageView<'a>,
    pub(crate) pages: Vec<&'v PageSummary<'a>>,
    /// The subsections' paths under `content/` (`a/b/_index.md`), as Zola gives them:
    /// `get_section(path=...)` reads one.
    pub(crate) subsections: Vec<&'a str>,
}

/// An entry of `nav`: a page or a section, with the section's entries.
#[derive(Debug, Serialize, Hash)]
pub(crate) struct NavItem<'v> {
    pub(crate) title: &'v str,
    pub(crate) permalink: &'v str,
    pub(crate) path: &'v str,
    pub(crate) weight: Option<i64>,
    pub(crate) is_section: bool,
    pub(crate) children: Vec<NavItem<'v>>,
}

/// An entry of `page.toc`, holding the deeper headings that follow it.
#[derive(Debug, Clone, PartialEq, Serialize, Hash)]
pub(crate) struct TocEntry<'a> {
    level: u32,
    id: &'a str,
    title: &'a str,
    permalink: String,
    children: Vec<TocEntry<'a>>,
}

/// Nests the flat heading list: each heading holds the deeper ones that follow it.
fn toc<'a>(headings: &'a [Heading], page_permalink: &str) -> Vec<TocEntry<'a>> {
    fn build<'a>(items: &'a [Heading], i: &mut usize, level: u32, base: &str) -> Vec<TocEntry<'a>> {
        let mut out = Vec::new();
        while *i < items.len() && items[*i].level >= level {
            let h = &items[*i];
            *i += 1;
            let children = build(items, i, h.level + 1, base);
            out.push(TocEntry {
                level: h.level,
                id: &h.id,
                title: &h.title,
                permalink: format!("{base}#{}", h.id),
                children,
            });
        }
        out
    }
    let min = headings.iter().map(|h| h.level).min().unwrap_or(1);
    let mut i = 0;
    let mut out = Vec::new();
    while i < headings.len() {
        out.extend(build(headings, &mut i, min, page_permalink));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(level: u32, id: &str) -> Heading {
        Heading {
            level,
            id: id.to_string(),
            title: id.to_uppercase(),
        }
    }

    #[test]
    fn toc_nests_by_level() {
        let headings = [heading(2, "a"), heading(3, "b"), heading(2, "c")];
        let t = toc(&headings, "/p/");
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].children[0].permalink, "/p/#b");
        assert!(t[1].children.is_empty());
    }

    #[test]
    fn a_page_serializes_to_the_documented_keys() {
        let source = crate::site::content::parse_source(
            "content/a/b.md",
            "a/b.md",
            "+++\ntitle = \"B\"\n+++\n",
            &crate::site::urls::UrlRules::as_written(),
        )
        .unwrap();
        let config = Config::parse("base_url = \"https://x.test/\"", "site.toml").unwrap();
        let body = Body {
            html: "<p>hi</p>".into(),
            headings: vec![heading(2, "h")],
            word_count: 1,
            sections: Vec::new(),
            summary_cutoff: None,
        };
        let value = serde_json::to_value(PageView::new(&source, &body, &config)).unwrap();
        let mut keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        keys.sort_unstable();
        let mut documented = [
            "title",
            "description",
            "content",
            "toc",
            "colocated_path",
            "components",
            "date",
            "year",
            "month",
            "day",
            "authors",
            "assets",
            "ancestors",
            "backlinks",
            "generate_feeds",
            "transparent",
            "paginate_by",
            "paginate_reversed",
            "permalink",
            "path",
            "relative_path",
            "slug",
            "weight",
            "draft",
            "extra",
            "updated",
            "word_count",
            "reading_time",
            "is_section",
            "lang",
            "taxonomies",
            "summary",
            "translations",
        ];
        documented.sort_unstable();
        assert_eq!(keys, documented);
        assert_eq!(value["permalink"], "https://x.test/a/b/");
        assert_eq!(value["slug"], "b");
        assert_eq!(value["weight"], serde_json::Value::Null);
        assert_eq!(value["toc"][0]["permalink"], "https://x.test/a/b/#h");
    }
}
