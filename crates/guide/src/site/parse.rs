//! The parse stage: every page body, in parallel, through its templating (when it holds
//! `{{` or `{%`), markdown and bounce blocks. Links are recorded, not checked: that
//! is the links stage's job, once every heading is known.
use std::cell::OnceCell;
use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::errors::{LineIndex, Problem, Problems};
use crate::site::cache::ParseCache;
use crate::site::config::zola::InsertAnchor;
use crate::site::config::Flavour;
use crate::site::content::{self, Kind, Source};
use crate::site::functions::content::{ContentIndex, TaxonomyIndex};
use crate::site::functions::{self, FnSite};
use crate::site::load::Site;
use crate::site::markdown::{self, Anchors, BounceBlock, InternalLink, MdInput, Parsed};
use crate::site::templates::{self, Theme, UrlCalls};
use crate::site::views::PageMeta;
use crate::site::{body, bounce};

/// Parses `bodies` (one per source, in order; each is dropped once parsed): one parsed
/// body per source, empty for a body with problems (they go to `problems`).
pub(crate) fn parse(
    site: &Site,
    bodies: Vec<String>,
    cache: Option<&ParseCache>,
    problems: &mut Problems,
) -> Vec<Arc<Parsed>> {
    let empty;
    let theme = match &site.theme {
        Some(theme) => theme,
        None => {
            empty = Theme::empty();
            &empty
        }
    };
    let (tera, fn_site) = body_tera(site, theme, &bodies);
    let base_ctx = site.context();
    let env = Env {
        site,
        tera: &tera,
        base_ctx: &base_ctx,
        cache,
        fn_site: &fn_site,
        anchor_modes: site
            .sources
            .iter()
            .filter(|s| s.kind == Kind::Section)
            .filter_map(|s| {
                let mode = InsertAnchor::parse(s.front.insert_anchor_links.as_deref()?)?;
                Some(((s.dir.as_str(), s.lang.as_str()), mode))
            })
            .collect(),
    };
    let results: Vec<Result<Arc<Parsed>, Vec<Problem>>> = site
        .sources
        .par_iter()
        .zip(bodies)
        .map(|(s, body)| env.parse_one(s, body))
        .collect();
    results
        .into_iter()
        .map(|r| {
            r.unwrap_or_else(|ps| {
                problems.extend(ps);
                Arc::new(Parsed {
                    failed: true,
                    ..Parsed::default()
                })
            })
        })
        .collect()
}

/// The templates and functions of page bodies (`fn_site`: what Zola's functions read).
fn body_tera(site: &Site, theme: &Theme, bodies: &[String]) -> (Tera, FnSite) {
    let mut tera = theme.tera.clone();
    templates::register_body_functions(&mut tera, site.statics.clone(), site.images.clone());
    let paths = site.paths.clone();
    let fn_site = FnSite::new(site, Arc::new(move |t: &str| paths.resolve_page(t)));
    functions::register(&mut tera, &fn_site);
    let config = &site.config;
    let meta = |i: usize| serde_json::to_value(PageMeta::new(&site.sources[i], config));
    let meta = |i: usize| meta(i).unwrap_or_default();
    let taxonomies = crate::site::taxonomies::collect(&site.sources, &config.table);
    let index = TaxonomyIndex::new(&taxonomies, &config.table, |p| config.permalink(p), meta);
    functions::content::register_taxonomies(&mut tera, Arc::new(index));
    // `get_page` / `get_section` in a body: the pages without their content (bodies are
    // being parsed), serialized only when a body calls them.
    let mut index = ContentIndex {
        default_language: fn_site.default_language().to_string(),
        ..ContentIndex::default()
    };
    let calls = |b: &String| b.contains("get_page") || b.contains("get_section");
    if bodies.iter().any(calls) {
        let tree = crate::site::tree::Tree::new(&site.sources);
        for (i, s) in site.sources.iter().enumerate() {
            match s.kind {
                Kind::Page => {
                    index.pages.insert(s.rel.clone(), meta(i));
                }
                Kind::Section => {
                    let mut full = meta(i);
                    let pages: Vec<_> = tree.section_pages(i).into_iter().map(meta).collect();
                    full["pages"] = serde_json::Value::Array(pages);
                    index.sections.insert(s.rel.clone(), (full, meta(i)));
                }
            }
        }
    }
    let index = Arc::new(index);
    tera.register_function("get_page", functions::content::GetPage(index.clone()));
    tera.register_function("get_section", functions::content::GetSection(index));
    (tera, fn_site)
}

/// The template of Zola's heading links that a site or theme may write.
const ANCHOR_LINK: &str = "anchor-link.html";
const SUMMARY_CUTOFF: &str = "summary-cutoff.html";

/// What parsing a body needs besides the source.
struct Env<'a> {
    site: &'a Site,
    /// The theme's templates, with `asset()` for page bodies.
    tera: &'a Tera,
    /// What every template sees.
    base_ctx: &'a Context,
    cache: Option<&'a ParseCache>,
    /// What Zola's functions read (`get_url` of a body records its `@/` targets).
    fn_site: &'a FnSite,
    /// The sections that set `insert_anchor_links`, by folder and language.
    anchor_modes: HashMap<(&'a str, &'a str), InsertAnchor>,
}

impl Env<'_> {
    /// The heading links of `s`: the `insert_anchor_links` of its nearest section that
    /// sets one, else the configuration's (Zola's markup), or ours for `site.toml`.
    fn anchors(&self, s: &Source) -> Anchors {
        let mut dir = match s.kind {
            Kind::Section => s.dir.as_str(),
            Kind::Page => s.section_dir.as_str(),
        };
        loop {
            if let Some(mode) = self.anchor_modes.get(&(dir, s.lang.as_str())) {
                return Anchors::Zola(*mode);
            }
            if dir.is_empty() {
                break;
            }
            dir = dir.rsplit_once('/').map_or("", |(p, _)| p);
        }
        match self.site.config.flavour {
            Flavour::Guide => Anchors::Guide,
            Flavour::Zola => Anchors::Zola(self.site.config.markdown.insert_anchor_links),
        }
    }

    fn parse_one(&self, s: &Source, body: String) -> Result<Arc<Parsed>, Vec<Problem>> {
        // A templated body also depends on the front matter and on other files: not cached.
        // Without a theme (it failed to load: that is the problem reported) bodies are
        // not templated: their includes would all fail for nothing.
        let templating = self.site.theme.is_some()
            && !s.body_dropped
            && crate::site::content::needs_templating(&body);
        let cache = self.cache.filter(|_| !templating);
        let anchors = self.anchors(s);
        // (The heading links come from the section: they are part of the cache key.)
        let key = s.body_hash ^ anchor_key(anchors);
        if let Some(hit) = cache.and_then(|c| c.parsed.get(&s.file, key)) {
            return Ok(hit);
        }
        let body = if s.body_dropped {
            content::read_body(&self.site.root, &s.file).map_err(|p| vec![p])?
        } else {
            body
        };
        // Bodies that call templates (their own text, or a bounce block through the
        // theme's shortcode) get the theme with a `url()` of their own, which records
        // its targets for the links stage.
        let page_tera = OnceCell::new();
        let templated = if templating {
            let (mut tera, calls) = self.page_tera();
            let mut ctx = self.base_ctx.clone();
            let meta = PageMeta::new(s, &self.site.config);
            // What Zola's shortcodes see beside `page` and `config`.
            ctx.insert("current_path", &s.path);
            ctx.insert("current_url", &meta.permalink);
            ctx.insert("lang", &s.lang);
            if s.lang != self.site.config.default_language() {
                ctx.insert("config", &self.site.config.template_value(&s.lang));
            }
            ctx.insert("page", &meta);
            let templated = body::render(
                &body,
                &s.file,
                s.body_line,
                &mut tera,
                &ctx,
                self.site.theme.as_ref(),
                self.site.config.flavour == Flavour::Zola,
            );
            let _ = page_tera.set((tera, calls));
            templated.map_err(|p| vec![p])?
        } else {
            body::Templated::default()
        };
        let text = if templated.text.is_empty() && templated.blocks.is_empty() {
            body.as_str()
        } else {
            templated.text.as_str()
        };
        let file = s.file.as_str();
        let bounce = |b: &BounceBlock| {
            let (tera, _) = page_tera.get_or_init(|| self.page_tera());
            bounce::render(b, file, Some(tera))
        };
        let permalink = self.site.config.permalink(&s.path);
        // The site's or theme's `anchor-link.html` (Zola's sites), with `id`, `level`
        // and `lang`.
        let anchor_link = |id: &str, level: u32| -> Result<String, String> {
            let mut ctx = Context::new();
            ctx.insert("id", id);
            ctx.insert("level", &level);
            ctx.insert("lang", &s.lang);
            self.tera
                .render(ANCHOR_LINK, &ctx)
                .map_err(|e| crate::errors::describe_template_error(&e).0)
        };
        let has_anchor_link = self.site.config.flavour == Flavour::Zola
            && self.site.theme.as_ref().is_some_and(|t| t.has(ANCHOR_LINK));
        let r = markdown::render(&MdInput {
            text,
            file,
            first_line: s.body_line,
            dir: &s.dir,
            assets: &self.site.content_files,
            bounce: &bounce,
            highlighter: self.site.highlighter.as_deref(),
            search_text: self.site.config.build_search_index,
            markdown: &self.site.config.markdown,
            anchors,
            permalink: (self.site.config.flavour == Flavour::Zola).then_some(permalink.as_str()),
            anchor_link: has_anchor_link.then_some(&anchor_link as &markdown::AnchorLink),
            anchor_slugs: self.site.config.anchor_slugs(),
        });
        if !r.problems.is_empty() {
            return Err(r.problems);
        }
        let mut links = r.links;
        if let Some((_, calls)) = page_tera.get() {
            links.extend(calls_in(calls, &body, s.body_line));
        }
        let mut html = body::restore(r.html, &templated);
        html.shrink_to_fit();
        let summary_cutoff = self.summary_cutoff(s, &html)?;
        let parsed = Arc::new(Parsed {
            html,
            headings: r.headings,
            links,
            word_count: match self.site.config.flavour {
                Flavour::Zola => zola_word_count(&body),
                Flavour::Guide => r.word_count,
            },
            sections: r
                .text
                .map(|t| t.finish(&templated.blocks))
                .unwrap_or_default(),
            failed: false,
            summary_cutoff,
        });
        if let Some(c) = cache {
            c.parsed.put(&s.file, key, parsed.clone());
        }
        Ok(parsed)
    }

    /// The site's or theme's `summary-cutoff.html` rendered for the summary of `html`
    /// (with `summary` and `lang`, as Zola renders it), when it has one and the summary
    /// ends inside an element.
    fn summary_cutoff(&self, s: &Source, html: &str) -> Result<Option<String>, Vec<Problem>> {
        let has_template = self.site.config.flavour == Flavour::Zola
            && self
                .site
                .theme
                .as_ref()
                .is_some_and(|t| t.has(SUMMARY_CUTOFF));
        let Some((summary, open)) = has_template
            .then(|| markdown::zola_summary_start(html))
            .flatten()
        else {
            return Ok(None);
        };
        if open.is_empty() {
            return Ok(None);
        }
        let mut ctx = Context::new();
        ctx.insert("summary", &summary);
        ctx.insert("lang", &s.lang);
        self.tera
            .render(SUMMARY_CUTOFF, &ctx)
            .map(Some)
            .map_err(|e| {
                let msg = format!(
                    "template error in {SUMMARY_CUTOFF}: {}",
                    crate::errors::describe_template_error(&e).0
                );
                vec![Problem::new(&s.file, msg)]
            })
    }

    fn page_tera(&self) -> (Tera, UrlCalls) {
        let mut tera = self.tera.clone();
        let calls = templates::register_body_url(
            &mut tera,
            self.site.paths.clone(),
            &self.site.config.base_url,
        );
        // `get_url("@/...")` records its target like `url()`.
        let recorded = calls.clone();
        let paths = self.site.paths.clone();
        let resolve: functions::Resolve = Arc::new(move |target: &str| {
            let p = paths.resolve_page(target)?;
            recorded
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(target.to_string());
            Ok(p)
        });
        let fn_site = FnSite {
            resolve,
            ..self.fn_site.clone()
        };
        tera.register_function("get_url", functions::files::GetUrl(fn_site));
        (tera, calls)
    }
}

/// The `url()` calls a body made, as links to check, each placed at the first mention
/// of its target in the body (`body` starts at line `first_line` of the file).
fn calls_in(calls: &UrlCalls, body: &str, first_line: usize) -> Vec<InternalLink> {
    let calls = std::mem::take(&mut *calls.lock().unwrap_or_else(|e| e.into_inner()));
    let lines = LineIndex::new(body);
    calls
        .into_iter()
        .map(|target| {
            let pos = body
                .find(target.as_str())
                .or_else(|| body.find("url("))
                .unwrap_or(0);
            let (line, col) = lines.line_col(pos);
            InternalLink {
                target,
                line: line + first_line - 1,
                col,
            }
        })
        .collect()
}

/// A number standing for a heading-link mode, mixed into the parse cache's key.
fn anchor_key(anchors: Anchors) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    anchors.hash(&mut h);
    h.finish()
}

/// The words of a raw markdown body as Zola counts them (`page.word_count`): Unicode
/// words, leaving out what lies between a ```` ``` ```` and the next.
pub(crate) fn zola_word_count(body: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    body.split("```")
        .step_by(2)
        .map(|part| part.unicode_words().count())
        .sum()
}
