//! The render stage: every page and section through its template, in parallel, each
//! handed to the sink as soon as it is rendered (the whole site need not sit in
//! memory), then the 404 page.
mod feeds;
mod pagers;
mod taxonomies;

use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::errors::{describe_template_error as describe, BuildError, Problem, Problems};
use crate::paths::{output_file, top_level_path};
use crate::site::assets::Assets;
use crate::site::cache::ParseCache;
use crate::site::config::{Config, Flavour};
use crate::site::content::{Kind, Source};
use crate::site::functions::content::{ContentIndex, TaxonomyIndex};
use crate::site::functions::{self, FnSite};
use crate::site::links::Linked;
use crate::site::load::Site;
use crate::site::redirects;
use crate::site::sink::{OutFile, Sink};
use crate::site::template_limits::{self, TooDeep};
use crate::site::templates::{self, Theme};
use crate::site::tree::Tree;
use crate::site::views::{BackLink, NavItem, PageInSection, PageView};
use pagers::PagerError;

/// What rendering gives besides the pages handed to the sink.
pub(crate) struct Rendered {
    /// Pages and sections rendered.
    pub(crate) pages: usize,
    /// The 404 page (rendered only when no problem was found: it would not be published).
    pub(crate) not_found: String,
    /// A Zola site's own `robots.txt` template, rendered (with `config`).
    pub(crate) robots: Option<String>,
}

/// What every page's rendering reads.
struct Job<'a> {
    sources: &'a [Source],
    config: &'a Config,
    theme: &'a Theme,
    /// The theme's templates with `asset()` and `url()`.
    tera: Tera,
    views: &'a [PageView<'a>],
    tree: Tree,
    /// The top-level nav entry a page belongs to, by its path: a theme with many
    /// sections can show just the reader's own (looping over the whole nav in a template
    /// costs every page time in proportion to the site).
    nav_by_path: HashMap<&'a str, &'a NavItem<'a>>,
    cache: Option<&'a ParseCache>,
    /// A hash of what every page sees (for the render cache of `serve`).
    global_hash: Option<u64>,
}

/// How one page went.
enum Outcome {
    Rendered,
    /// `render = false`: not written.
    NotRendered,
    /// Its template does not exist.
    Missing(Problem),
    Failed {
        template: String,
        message: String,
    },
    NotStored(BuildError),
    /// Its template (or one it calls) recursed without end.
    TooDeep(TooDeep),
}

/// Renders every page of `site` into `sink`. Template problems go to `problems`.
pub(crate) fn render(
    site: &Site,
    theme: &Theme,
    linked: &Linked,
    assets: &Assets,
    cache: Option<&ParseCache>,
    sink: &dyn Sink,
    problems: &mut Problems,
) -> Result<Rendered, BuildError> {
    let mut tera = theme.tera.clone();
    let base_url = &site.config.base_url;
    let links = linked.table.clone();
    let images = site.images.clone();
    templates::register_functions(&mut tera, assets.clone(), links.clone(), images, base_url);
    let fn_site = FnSite::new(site, Arc::new(move |t: &str| links.resolve(t)));
    functions::register(&mut tera, &fn_site);
    feeds::add_builtins(&mut tera)?;
    let mut views: Vec<PageView> = site
        .sources
        .par_iter()
        .zip(&linked.bodies)
        .map(|(s, b)| PageView::new(s, b, &site.config))
        .collect();
    crate::site::views::fill_translations(&mut views, &site.sources, &site.config);
    let tree = Tree::new(&site.sources);
    for (i, view) in views.iter_mut().enumerate() {
        view.summary.meta.ancestors = tree.ancestors(i, &site.sources);
        let mut backlinks: Vec<BackLink> = linked.backlinks[i]
            .iter()
            .map(|&from| BackLink {
                permalink: site.config.permalink(&site.sources[from].path),
                title: site.sources[from].front.title.as_deref(),
            })
            .collect();
        backlinks.sort_by(|a, b| a.permalink.cmp(&b.permalink));
        view.summary.meta.backlinks = backlinks;
    }
    let index = content_index(site, theme, &views, &tree, fn_site.default_language());
    tera.register_function("get_page", functions::content::GetPage(index.clone()));
    tera.register_function("get_section", functions::content::GetSection(index));
    let taxonomies = crate::site::taxonomies::collect(&site.sources, &site.config.table);
    let taxonomy_index = Arc::new(TaxonomyIndex::new(
        &taxonomies,
        &site.config.table,
        |p| site.config.permalink(p),
        |i| value(&views[i].summary),
    ));
    functions::content::register_taxonomies(&mut tera, taxonomy_index.clone());
    let nav = tree.nav(&site.sources, &views);
    let mut base_ctx = site.context();
    base_ctx.insert("nav", &nav);
    // Zola's templates read the language of what they render (the site's, until pages
    // have their own).
    base_ctx.insert("lang", fn_site.default_language());
    let global_hash = cache.map(|_| {
        let all = (&nav, &site.config.table, &site.data);
        xxhash_rust::xxh3::xxh3_64(&serde_json::to_vec(&all).unwrap_or_default())
    });
    let job = Job {
        sources: &site.sources,
        config: &site.config,
        theme,
        tera,
        views: &views,
        tree,
        nav_by_path: nav.iter().map(|item| (item.path, item)).collect(),
        cache,
        global_hash,
    };
    let outcomes = job.render_all(&base_ctx, sink);
    let pages = report(outcomes, &site.sources, theme, problems)?;
    let (not_found, robots) = if problems.is_empty() {
        job.render_feeds(&base_ctx, sink)?;
        job.render_taxonomies(&base_ctx, &taxonomies, &taxonomy_index, sink)?;
        (job.not_found(&base_ctx)?, job.robots(&base_ctx)?)
    } else {
        (String::new(), None)
    };
    Ok(Rendered {
        pages,
        not_found,
        robots,
    })
}

/// The pages and sections for `get_page` and `get_section`, serialized only when a
/// template calls them (a site whose theme does not pays nothing).
fn content_index(
    site: &Site,
    theme: &Theme,
    views: &[PageView],
    tree: &Tree,
    default_language: &str,
) -> Arc<ContentIndex> {
    let mut index = ContentIndex {
        default_language: default_language.to_string(),
        ..ContentIndex::default()
    };
    if !theme.calls_any(&["get_page", "get_section"]) {
        return Arc::new(index);
    }
    for (i, s) in site.sources.iter().enumerate() {
        match s.kind {
            Kind::Page => {
                index.pages.insert(s.rel.clone(), value(&views[i]));
            }
            Kind::Section => {
                let full = value(&tree.section(i, views));
                index
                    .sections
                    .insert(s.rel.clone(), (full, value(&views[i])));
            }
        }
    }
    Arc::new(index)
}

fn value<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or_default()
}

/// Counts the pages rendered; template problems go to `problems` (one per template and
/// message, naming the first page in file order and how many more).
fn report(
    outcomes: Vec<Outcome>,
    sources: &[Source],
    theme: &Theme,
    problems: &mut Problems,
) -> Result<usize, BuildError> {
    let mut rendered = 0;
    let mut failures: BTreeMap<(String, String), (&str, usize)> = BTreeMap::new();
    let mut recursions = Vec::new();
    for (outcome, s) in outcomes.into_iter().zip(sources) {
        match outcome {
            Outcome::Rendered => rendered += 1,
            Outcome::NotRendered => {}
            Outcome::Missing(p) => problems.push(p),
            Outcome::Failed { template, message } => {
                let first = failures.entry((template, message)).or_insert((&s.file, 0));
                first.1 += 1;
            }
            Outcome::NotStored(e) => return Err(e),
            Outcome::TooDeep(deep) => {
                let (file, line) = theme.locate_recursion(&deep);
                let message = format!("{deep} (while rendering {})", s.file);
                // (One problem per place, whichever page found it first.)
                if !recursions
                    .iter()
                    .any(|(f, l, _): &(String, usize, String)| *f == file && *l == line)
                {
                    recursions.push((file, line, message));
                }
            }
        }
    }
    for (file, line, message) in recursions {
        problems.push(Problem::at(file, line, message));
    }
    for ((template, msg), (file, count)) in failures {
        let others = match count - 1 {
            0 => String::new(),
            1 => " (and 1 more page)".to_string(),
            more => format!(" (and {more} more pages)"),
        };
        let message = format!("template error while rendering {file}{others}: {msg}");
        problems.push(match theme.locate(&template, &msg) {
            Some((name, line)) => Problem::at(theme.file_of(&name), line, message),
            None => Problem::new(theme.file_of(&template), message),
        });
    }
    Ok(rendered)
}

impl Job<'_> {
    /// Renders every page into `sink`, in parallel: one outcome per source.
    fn render_all(&self, base_ctx: &Context, sink: &dyn Sink) -> Vec<Outcome> {
        // Each rayon job clones the shared context once (the nav can be big): few, long jobs.
        let min_len = (self.sources.len() / (rayon::current_num_threads() * 4)).max(1);
        (0..self.sources.len())
            .into_par_iter()
            .with_min_len(min_len)
            .map_init(
                || base_ctx.clone(),
                |ctx, i| {
                    let s = &self.sources[i];
                    // Zola does not render a page its section cannot sort (it is still
                    // in the sitemap, and its aliases are written).
                    let unsorted = self.config.flavour == Flavour::Zola
                        && s.kind == Kind::Page
                        && self.tree.is_unsorted(i);
                    if s.front.render == Some(false) || unsorted {
                        return Outcome::NotRendered;
                    }
                    if let (Kind::Section, Some(to)) = (s.kind, &s.front.redirect_to) {
                        // The section's page only sends the reader on, as in Zola.
                        let html = redirects::html(&redirects::target(self.config, to));
                        let file = OutFile::Bytes(Arc::new(html.into_bytes()));
                        return match sink.put(&output_file(&s.path), file) {
                            Ok(()) => Outcome::Rendered,
                            Err(e) => Outcome::NotStored(e),
                        };
                    }
                    let name = self.template_name(i);
                    if !self.theme.has(&name) {
                        // Zola renders its own page for a missing `index.html`,
                        // `section.html` or `page.html`.
                        let fallback = (self.config.flavour == Flavour::Zola)
                            .then(|| zola_default_page(&name))
                            .flatten();
                        return match fallback {
                            Some(html) => {
                                let file = OutFile::Bytes(Arc::new(html.into_bytes()));
                                match sink.put(&output_file(&s.path), file) {
                                    Ok(()) => Outcome::Rendered,
                                    Err(e) => Outcome::NotStored(e),
                                }
                            }
                            None => Outcome::Missing(self.missing_template(s, &name)),
                        };
                    }
                    let result = match s.kind {
                        Kind::Page => {
                            let (lower, higher) = self.tree.siblings(i);
                            let page = PageInSection {
                                page: &self.views[i],
                                lower: lower.map(|p| &self.views[p].summary),
                                higher: higher.map(|p| &self.views[p].summary),
                            };
                            self.render_page(ctx, s, &name, "page", &page)
                        }
                        Kind::Section => match s.front.paginate_by.filter(|by| *by > 0) {
                            Some(by) => match self.render_pagers(ctx, i, &name, by, sink) {
                                Ok(html) => Ok(html),
                                Err(PagerError::Template(e)) => Err(e),
                                Err(PagerError::Sink(e)) => return Outcome::NotStored(e),
                            },
                            None => {
                                let section = self.tree.section(i, self.views);
                                self.render_page(ctx, s, &name, "section", &section)
                            }
                        },
                    };
                    match result {
                        Ok(bytes) => match sink.put(&output_file(&s.path), OutFile::Bytes(bytes)) {
                            Ok(()) => Outcome::Rendered,
                            Err(e) => Outcome::NotStored(e),
                        },
                        Err(e) => match template_limits::too_deep(&e) {
                            Some(deep) => Outcome::TooDeep(deep.clone()),
                            None => Outcome::Failed {
                                template: name,
                                message: describe(&e).0,
                            },
                        },
                    }
                },
            )
            .collect()
    }

    /// Renders `s` with template `name`, its value `value` as `key` (`page`, `section`),
    /// or takes it from the render cache when nothing it sees changed.
    fn render_page<V: Serialize + Hash>(
        &self,
        ctx: &mut Context,
        s: &Source,
        name: &str,
        key: &str,
        value: &V,
    ) -> Result<Arc<Vec<u8>>, tera::Error> {
        let hash = self.global_hash.map(|g| {
            let mut h = xxhash_rust::xxh3::Xxh3::with_seed(g);
            name.hash(&mut h);
            value.hash(&mut h);
            std::hash::Hasher::finish(&h)
        });
        let cache = self.cache.zip(hash);
        if let Some(hit) = cache.and_then(|(c, h)| c.rendered.get(&s.file, h)) {
            return Ok(hit);
        }
        self.prepare(ctx, s);
        ctx.insert(key, value);
        let html = self.tera.render(name, ctx);
        ctx.remove(key);
        let bytes = Arc::new(html?.into_bytes());
        if let Some((c, h)) = cache {
            c.rendered.put(&s.file, h, bytes.clone());
        }
        Ok(bytes)
    }

    /// Sets what depends on the page in `ctx`: `current_path`, `current_url`,
    /// `nav_section`, `lang` (and `config` as a page of another language sees it: its
    /// title, description).
    fn prepare(&self, ctx: &mut Context, s: &Source) {
        ctx.insert("current_path", &s.path);
        ctx.insert("current_url", &self.config.permalink(&s.path));
        ctx.insert("lang", &s.lang);
        if self.config.is_multilingual() {
            ctx.insert("config", &self.config.template_value(&s.lang));
        }
        match self.nav_by_path.get(top_level_path(&s.path)) {
            Some(item) => ctx.insert("nav_section", item),
            None => {
                ctx.remove("nav_section");
            }
        }
    }

    fn missing_template(&self, s: &Source, name: &str) -> Problem {
        let label = &self.theme.templates_label;
        if s.front.template.is_some() {
            Problem::at(
                &s.file,
                s.template_line,
                format!("unknown template `{name}` (not in {label})"),
            )
        } else {
            Problem::new(
                self.theme.file_of(name),
                format!("template `{name}` is missing (needed by {})", s.file),
            )
        }
    }

    /// The theme's `404.html`, or a plain page when it has none.
    fn not_found(&self, base_ctx: &Context) -> Result<String, BuildError> {
        if !self.theme.has("404.html") {
            return Ok(match self.config.flavour {
                Flavour::Zola => ZOLA_404.to_string(),
                Flavour::Guide => DEFAULT_404.to_string(),
            });
        }
        let mut ctx = base_ctx.clone();
        ctx.insert("current_path", "/404.html");
        self.tera.render("404.html", &ctx).map_err(|e| {
            let problem = match template_limits::too_deep(&e) {
                Some(deep) => {
                    let (file, line) = self.theme.locate_recursion(deep);
                    Problem::at(file, line, format!("{deep} (while rendering 404.html)"))
                }
                None => Problem::new(
                    self.theme.file_of("404.html"),
                    format!("template error: {}", describe(&e).0),
                ),
            };
            BuildError::Problems(vec![problem])
        })
    }
}

impl Job<'_> {
    /// A Zola site's (or theme's) `robots.txt` template, rendered as Zola renders it
    /// (with `config`); `None` without one (the built-in text is written).
    fn robots(&self, base_ctx: &Context) -> Result<Option<String>, BuildError> {
        if self.config.flavour != Flavour::Zola || !self.theme.has("robots.txt") {
            return Ok(None);
        }
        self.tera
            .render("robots.txt", base_ctx)
            .map(Some)
            .map_err(|e| {
                BuildError::Problems(vec![Problem::new(
                    self.theme.file_of("robots.txt"),
                    format!("template error: {}", describe(&e).0),
                )])
            })
    }
}

const DEFAULT_404: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>Page not found</title></head><body><h1>Page not found</h1>\
<p><a href=\"/\">Back to the start page</a></p></body></html>\n";

/// Zola's built-in `404.html`, as it renders.
const ZOLA_404: &str = "<!doctype html>\n<title>404 Not Found</title>\n<h1>404 Not Found</h1>\n";

impl Job<'_> {
    /// The template of source `i`: its own `template`, else (a page) the `page_template`
    /// of the nearest section above it, else the default of its kind.
    fn template_name(&self, i: usize) -> String {
        let s = &self.sources[i];
        let inherited = match s.kind {
            Kind::Page => self.tree.page_template(i, self.sources),
            Kind::Section => None,
        };
        match (&s.front.template, inherited) {
            (Some(t), _) => t.clone(),
            (None, Some(t)) => t.to_string(),
            (None, None) => default_template(s),
        }
    }
}

/// The page Zola renders when the template `name` (`index.html`, `section.html` or
/// `page.html`) is missing: its built-in one, naming the template to write.
fn zola_default_page(name: &str) -> Option<String> {
    let anchor = match name {
        "index.html" | "section.html" => "section-variables",
        "page.html" => "page-variables",
        _ => return None,
    };
    let mut ctx = Context::new();
    ctx.insert("filename", name);
    ctx.insert(
        "url",
        &format!("https://www.getzola.org/documentation/templates/pages-sections/#{anchor}"),
    );
    Tera::one_off(include_str!("builtins/zola_default.html"), &ctx, true).ok()
}

fn default_template(s: &Source) -> String {
    match (s.kind, s.path.as_str()) {
        (Kind::Section, "/") => "index.html".into(),
        (Kind::Section, _) => "section.html".into(),
        (Kind::Page, _) => "page.html".into(),
    }
}
