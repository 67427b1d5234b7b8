//! The build pipeline: load -> parse (markdown, in parallel) -> check links -> render
//! (tera, in parallel) -> the output file map. Writing is `publish`'s job.

pub mod assets;
pub mod body;
pub mod bounce;
pub mod config;
pub mod content;
pub mod find_file;
pub mod highlight;
pub mod images;
pub mod links;
pub mod markdown;
pub mod outputs;
pub mod publish;
pub mod sass;
pub mod search;
pub mod sitemap;
pub mod template_limits;
pub mod templates;
pub mod widget;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde_json::{json, Map, Value};
use tera::Context;

use crate::errors::{BuildError, Problem, Problems};
use assets::Registry;
use config::Config;
use content::{Kind, Source};
use highlight::Highlighter;
use links::LinkTable;
use markdown::{BounceBlock, MdInput};
use templates::Theme;

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub drafts: bool,
    /// Replaces `base_url` (serve uses `http://127.0.0.1:PORT`).
    pub base_url: Option<String>,
    /// Run the widget build hook (`build` and `serve`; `check` writes nothing).
    pub build_widget: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            drafts: false,
            base_url: None,
            build_widget: false,
        }
    }
}

/// One file of the output.
#[derive(Debug, Clone)]
pub enum OutFile {
    Bytes(Arc<Vec<u8>>),
    Asset(assets::Source),
}

/// The built site, in memory: output path (`a/index.html`) -> file.
#[derive(Debug, Default)]
pub struct Output {
    pub files: BTreeMap<String, OutFile>,
    /// Pages and sections rendered.
    pub pages: usize,
}

/// A parsed markdown body.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub html: String,
    pub headings: Vec<markdown::Heading>,
    pub links: Vec<markdown::InternalLink>,
    pub word_count: usize,
}

/// Values by source file, each kept with the hash of the input it came from: a lookup
/// with another hash misses.
#[derive(Debug)]
struct HashKeyed<T>(Mutex<HashMap<String, (u64, T)>>);

impl<T> Default for HashKeyed<T> {
    fn default() -> Self {
        HashKeyed(Mutex::default())
    }
}

impl<T: Clone> HashKeyed<T> {
    fn get(&self, file: &str, hash: u64) -> Option<T> {
        let map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.get(file)
            .filter(|(h, _)| *h == hash)
            .map(|(_, value)| value.clone())
    }

    fn put(&self, file: &str, hash: u64, value: T) {
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
    parsed: HashKeyed<Arc<Parsed>>,
    rendered: HashKeyed<Arc<Vec<u8>>>,
    /// Git dates, read once per session (they change only with a commit).
    dates: Mutex<Option<Arc<HashMap<String, String>>>>,
    /// Front matter of unchanged files.
    sources: content::SourceCache,
    /// Assets whose hashed copy cached pages link to.
    used_assets: Mutex<std::collections::BTreeSet<String>>,
    /// The loaded highlighter (its grammars take tens of milliseconds to load): kept
    /// while the configuration and the extra grammar and theme files are unchanged
    /// (a change to any file but markdown clears the cache).
    highlighter: Mutex<Option<Arc<Highlighter>>>,
}

impl ParseCache {
    pub fn clear(&self) {
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
    fn highlighter(&self, settings: &highlight::Settings) -> Option<Arc<Highlighter>> {
        let cached = self.highlighter.lock().unwrap_or_else(|e| e.into_inner());
        cached
            .as_ref()
            .filter(|h| h.settings() == settings)
            .cloned()
    }

    fn keep_highlighter(&self, highlighter: &Arc<Highlighter>) {
        *self.highlighter.lock().unwrap_or_else(|e| e.into_inner()) = Some(highlighter.clone());
    }
}

/// Where the files of a build go (memory for `serve` and tests, a folder for `build`,
/// nowhere for `check`). Called from several threads at once.
pub trait Sink: Sync {
    fn put(&self, path: &str, file: OutFile) -> Result<(), BuildError>;

    /// Whether the output is kept: `check` keeps nothing, so the build makes no
    /// processed images either (their arguments and sources are still checked).
    fn keeps_files(&self) -> bool {
        true
    }
}

/// Keeps the files in memory.
#[derive(Debug, Default)]
pub struct MemorySink(pub Mutex<BTreeMap<String, OutFile>>);

impl Sink for MemorySink {
    fn put(&self, path: &str, file: OutFile) -> Result<(), BuildError> {
        let mut files = self.0.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(path.to_string(), file);
        Ok(())
    }
}

/// What a build loads beside its content: the highlighter (`None`: highlighting is off)
/// and the compiled Sass (`None`: `compile_sass` is off).
struct SideWork {
    highlighter: Option<Result<Arc<Highlighter>, Vec<Problem>>>,
    sheets: Option<Result<Vec<sass::Stylesheet>, Vec<Problem>>>,
}

fn side_work(config: &Config, root: &Path, cache: Option<&ParseCache>) -> SideWork {
    let highlighter =
        config
            .highlighting
            .as_ref()
            .map(|s| match cache.and_then(|c| c.highlighter(s)) {
                Some(kept) => Ok(kept),
                None => Highlighter::load(s.clone(), root).map(Arc::new),
            });
    let sheets = config
        .compile_sass
        .then(|| sass::compile_site(root, config.theme.as_deref()));
    SideWork {
        highlighter,
        sheets,
    }
}

/// Makes the processed images of this build and adds them to the output; a full build
/// (`prune`) also deletes the cached ones that no page asked for.
fn publish_images(
    images: &images::Processor,
    registry: &Registry,
    root: &Path,
    prune: bool,
) -> Result<(), BuildError> {
    let made = images.process().map_err(|messages| {
        let cache_dir = format!("static/{}", images::PROCESSED);
        BuildError::Problems(
            messages
                .into_iter()
                .map(|m| Problem::new(&cache_dir, m))
                .collect(),
        )
    })?;
    for (out, file) in made {
        registry.add_file(&out, file);
    }
    if prune {
        let dir = root.join("static").join(images::PROCESSED);
        images.prune().map_err(|e| BuildError::io(dir, e))?;
    }
    Ok(())
}

/// Drops everything (`check`).
pub struct NullSink;

impl Sink for NullSink {
    fn put(&self, _: &str, _: OutFile) -> Result<(), BuildError> {
        Ok(())
    }

    fn keeps_files(&self) -> bool {
        false
    }
}

/// Builds the whole site in memory. All user errors come back together.
pub fn build(opts: &BuildOptions, cache: Option<&ParseCache>) -> Result<Output, BuildError> {
    let sink = MemorySink::default();
    let pages = build_into(opts, cache, &sink)?;
    Ok(Output {
        files: sink.0.into_inner().unwrap_or_else(|e| e.into_inner()),
        pages,
    })
}

/// Builds the site and hands each output file to `sink` as soon as it is rendered.
/// Nothing is handed over before every source parsed and every link checked; a
/// template error can still come after some pages went to the sink (the caller
/// discards them). Returns the number of pages and sections rendered.
pub fn build_into(
    opts: &BuildOptions,
    cache: Option<&ParseCache>,
    sink: &dyn Sink,
) -> Result<usize, BuildError> {
    let root = opts.root.as_path();
    let mut config = Config::load(root)?;
    if let Some(base) = &opts.base_url {
        config.base_url = base.trim_end_matches('/').to_string();
        config.table.insert(
            "base_url".into(),
            toml::Value::String(config.base_url.clone()),
        );
    }
    // The highlighter's grammars load (tens of milliseconds of CPU) and the Sass compiles
    // on a thread of their own while the content loads and the templates compile (a
    // rayon job could wait behind the content's own parallel work).
    let (content, theme, side) = std::thread::scope(|scope| {
        let side = scope.spawn(|| side_work(&config, root, cache));
        let content = content::load(root, opts.drafts, cache.map(|c| &c.sources));
        let theme = templates::load(root, &config);
        (content, theme, side.join())
    });
    let side = side.unwrap_or_else(|_| SideWork {
        highlighter: None,
        sheets: Some(Err(vec![Problem::new(
            &config.file,
            "loading the highlighter or compiling Sass failed",
        )])),
    });
    let mut content = content?;
    let mut problems = Problems::default();
    problems.extend(std::mem::take(&mut content.problems));
    let mut stylesheets = Vec::new();
    match side.sheets {
        Some(Ok(sheets)) => stylesheets = sheets,
        Some(Err(ps)) => problems.extend(ps),
        None => {}
    }
    let highlighter = match side.highlighter {
        Some(Ok(h)) => {
            if let Some(c) = cache {
                c.keep_highlighter(&h);
            }
            Some(h)
        }
        Some(Err(ps)) => {
            problems.extend(ps);
            None
        }
        None => None,
    };

    // Static files: theme, site static/, widget mount, co-located content files.
    let registry = Arc::new(Registry::default());
    // Without a theme the build goes on (markdown, links, bounces) but renders nothing.
    let (mut theme, theme_ok) = match theme {
        Ok(t) => (t, true),
        Err(BuildError::Problems(ps)) => {
            problems.extend(ps);
            (templates::Theme::empty(), false)
        }
        Err(e) => return Err(e),
    };
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e| BuildError::io(p, e)
    };
    // Compiled Sass first: a static file of the same path replaces it, as in Zola.
    for sheet in stylesheets {
        registry.add_bytes(&sheet.out, sheet.css.into_bytes());
    }
    if let Some(dir) = &theme.static_dir {
        registry.add_dir(dir, "", false).map_err(io(dir))?;
    }
    let site_static = root.join("static");
    registry
        .add_dir(&site_static, "", false)
        .map_err(io(&site_static))?;
    // A full build publishes only the processed images its pages ask for (added after
    // rendering); `serve` keeps them all, as pages from its render cache ask for none.
    if cache.is_none() {
        registry.remove_under(images::PROCESSED);
    }
    // Class-mode stylesheets at the output root. As in Zola (which writes them into
    // `static/` only when missing), a file of the same name in the site's `static/` wins.
    for (name, css) in highlighter.iter().flat_map(|h| h.stylesheets()) {
        if !site_static.join(name).is_file() {
            registry.add_bytes(name, css.into_bytes());
        }
    }
    if let Some(widget) = &config.widget {
        let mut built = false;
        if opts.build_widget {
            let paths = widget::WidgetPaths {
                crate_dir: widget.crate_dir.clone(),
                www_dir: widget.www.clone(),
            };
            match widget::ensure_built(root, &paths) {
                Ok(()) => built = true,
                Err(e) => problems.push(Problem::new(&config.file, e.to_string())),
            }
        }
        let mount = widget.mount.trim_matches('/');
        if !built {
            // `check` does not build the wasm (a fresh clone has no `www/pkg`), and a
            // failed widget build is already reported above: `asset()` of the wasm-pack
            // outputs gives their plain URL when they are missing. After a successful
            // widget build a missing output stays an `asset()` error.
            for file in widget::served_files() {
                registry.not_built(&mount_path(mount, &file));
            }
        }
        let www = root.join(&widget.www);
        registry.add_dir(&www, mount, true).map_err(io(&www))?;
    }
    for rel in &content.assets {
        registry.add_file(rel, root.join("content").join(rel));
    }
    let asset_set: HashSet<String> = content.assets.iter().cloned().collect();

    // Structure: sources sorted, output paths unique.
    let mut sources = content.sources;
    sources.sort_by(|a, b| a.rel.cmp(&b.rel));
    let mut by_path: HashMap<&str, &str> = HashMap::new();
    for s in &sources {
        if let Some(other) = by_path.insert(&s.path, &s.file) {
            problems.push(Problem::new(
                &s.file,
                format!("duplicate output path {}: also produced by {other}", s.path),
            ));
        }
    }
    let link_table = Arc::new(LinkTable::new(
        sources
            .iter()
            .map(|s| (s.rel.clone(), s.path.clone()))
            .chain(content.broken.iter().map(|b| (b.clone(), String::new())))
            .collect(),
    ));
    let images = Arc::new(images::Processor::new(
        find_file::SiteFiles {
            root: root.to_path_buf(),
            output: PathBuf::from("public"),
            theme: config.theme.clone(),
        },
        &config.base_url,
    ));
    templates::register_functions(
        &mut theme.tera,
        registry.clone(),
        link_table.clone(),
        images.clone(),
        &config.base_url,
    );
    let dates = if sources.iter().all(|s| s.front.updated.is_some()) {
        Arc::new(HashMap::new())
    } else if let Some(c) = cache {
        let mut cached = c.dates.lock().unwrap_or_else(|e| e.into_inner());
        cached
            .get_or_insert_with(|| Arc::new(git_dates(root)))
            .clone()
    } else {
        Arc::new(git_dates(root))
    };

    // Shared context.
    let data_value = serde_json::to_value(&content.data).unwrap_or(Value::Null);
    let config_value = serde_json::to_value(&config.table).unwrap_or(Value::Null);
    let build_time = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let mut base_ctx = Context::new();
    base_ctx.insert("config", &config_value);
    base_ctx.insert("data", &data_value);
    base_ctx.insert("build_time", &build_time);
    base_ctx.insert("labels", &classify::labels::Labels);

    // Parse every body once, in parallel.
    let meta: Vec<Value> = sources
        .iter()
        .map(|s| page_meta(s, &config, dates.get(&s.file)))
        .collect();
    // (Each markdown source is dropped once parsed: only the HTML stays in memory.)
    let env = ParseEnv {
        root,
        highlighter: highlighter.as_deref(),
        theme: &theme,
        base_ctx: &base_ctx,
        assets: &asset_set,
        cache,
    };
    let parsed: Vec<Result<Arc<Parsed>, Vec<Problem>>> = sources
        .par_iter_mut()
        .zip(meta.par_iter())
        .map(|(s, m)| {
            let r = parse_one(s, m, &env);
            s.body = String::new();
            r
        })
        .collect();
    let mut bodies: Vec<Arc<Parsed>> = Vec::with_capacity(sources.len());
    for p in parsed {
        match p {
            Ok(p) => bodies.push(p),
            Err(ps) => {
                problems.extend(ps);
                bodies.push(Arc::new(Parsed::default()));
            }
        }
    }

    // Links and anchors.
    link_table.set_anchors(
        sources
            .iter()
            .zip(&bodies)
            .map(|(s, b)| {
                let ids = b.headings.iter().map(|h| h.id.clone()).collect();
                (s.rel.clone(), ids)
            })
            .collect(),
    );
    for (s, b) in sources.iter().zip(&bodies) {
        for l in &b.links {
            if let Err(msg) = link_table.resolve(&l.target) {
                problems.push(Problem::at_col(&s.file, l.line, l.col, msg));
            }
        }
    }

    // Search index (before templates, so `asset(path="search-index.json")` works).
    let entries: Vec<search::Entry> = sources
        .iter()
        .zip(&bodies)
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
    let search_hash = xxhash_rust::xxh3::xxh3_64(&search_json);
    registry.add_bytes("search-index.json", search_json);
    drop(entries);

    // Template values: full pages, sections, nav.
    let tree = Tree::new(&sources);
    let pages: Vec<Value> = sources
        .par_iter()
        .zip(bodies.into_par_iter())
        .zip(meta.into_par_iter())
        .map(|((s, b), m)| full_value(s, b, m, &config, &link_table))
        .collect();
    let nav = tree.nav(&sources, &pages);
    base_ctx.insert("nav", &nav);
    // The top-level nav entry a page belongs to, by its path: a theme with many sections
    // can show just the reader's own (looping over the whole nav in a template costs
    // every page time in proportion to the site).
    let nav_by_path: HashMap<&str, &Value> = nav
        .iter()
        .filter_map(|item| Some((item.get("path")?.as_str()?, item)))
        .collect();
    // What every page sees, for the render cache of `serve`.
    let global_hash = cache.map(|_| {
        let all = (&nav, &config_value, &data_value);
        // The search index is in every page that links it through asset().
        xxhash_rust::xxh3::xxh3_64(&serde_json::to_vec(&all).unwrap_or_default()) ^ search_hash
    });

    // Render every page and section, in parallel. With problems already found, render
    // only to find template problems too (nothing goes to the sink).
    if !theme_ok {
        return problems.into_result().map(|_| 0);
    }
    let sink: &dyn Sink = if problems.is_empty() { sink } else { &NullSink };
    let failures: Mutex<BTreeMap<(String, String), (String, usize)>> = Mutex::default();
    let missing: Mutex<Vec<Problem>> = Mutex::default();
    let sink_error: Mutex<Option<BuildError>> = Mutex::default();
    // Each rayon job clones the shared context once (the nav can be big): few, long jobs.
    let min_len = (sources.len() / (rayon::current_num_threads() * 4)).max(1);
    let rendered: usize = (0..sources.len())
        .into_par_iter()
        .with_min_len(min_len)
        .map_init(
            || base_ctx.clone(),
            |ctx, i| {
                let s = &sources[i];
                let name = template_name(s);
                if !theme.has(&name) {
                    let p = if s.front.template.is_some() {
                        Problem::at(
                            &s.file,
                            s.template_line,
                            format!(
                                "unknown template `{name}` (not in {})",
                                theme.templates_label
                            ),
                        )
                    } else {
                        Problem::new(
                            format!("{}/{name}", theme.templates_label),
                            format!("template `{name}` is missing (needed by {})", s.file),
                        )
                    };
                    missing.lock().unwrap_or_else(|e| e.into_inner()).push(p);
                    return 0;
                }
                let section;
                let (key, value) = match s.kind {
                    Kind::Page => ("page", &pages[i]),
                    Kind::Section => {
                        section = tree.section_value(i, &pages);
                        ("section", &section)
                    }
                };
                let hash = global_hash.map(|g| {
                    let mut h = xxhash_rust::xxh3::Xxh3::with_seed(g);
                    h.update(name.as_bytes());
                    hash_value(value, &mut h);
                    h.digest()
                });
                let hit = cache
                    .zip(hash)
                    .and_then(|(c, h)| c.rendered.get(&s.file, h));
                let result = match hit {
                    Some(bytes) => Ok(bytes),
                    None => {
                        ctx.insert("current_path", &s.path);
                        match nav_by_path.get(top_level_path(&s.path)) {
                            Some(item) => ctx.insert("nav_section", item),
                            None => {
                                ctx.remove("nav_section");
                            }
                        }
                        ctx.insert(key, value);
                        let r = theme.tera.render(&name, ctx);
                        ctx.remove(key);
                        r.map(|html| {
                            let bytes = Arc::new(html.into_bytes());
                            if let (Some(c), Some(h)) = (cache, hash) {
                                c.rendered.put(&s.file, h, bytes.clone());
                            }
                            bytes
                        })
                    }
                };
                match result {
                    Ok(bytes) => {
                        let file = OutFile::Bytes(bytes);
                        if let Err(e) = sink.put(&output_file(&s.path), file) {
                            *sink_error.lock().unwrap_or_else(|e| e.into_inner()) = Some(e);
                        }
                        1
                    }
                    Err(e) => {
                        let (msg, _) = templates::describe(&e);
                        let key = (name.clone(), msg);
                        let mut f = failures.lock().unwrap_or_else(|e| e.into_inner());
                        let entry = f.entry(key).or_insert((s.file.clone(), 0));
                        // Pages render in parallel: name the first in file order, so that
                        // the message is the same from one build to the next.
                        if s.file < entry.0 {
                            entry.0 = s.file.clone();
                        }
                        entry.1 += 1;
                        0
                    }
                }
            },
        )
        .sum();
    if let Some(e) = sink_error.into_inner().unwrap_or(None) {
        return Err(e);
    }
    for ((template, msg), (file, count)) in failures.into_inner().unwrap_or_default() {
        let others = if count > 1 {
            let more = count - 1;
            format!(
                " (and {more} more page{})",
                if more == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        };
        let message = format!("template error while rendering {file}{others}: {msg}");
        let label = &theme.templates_label;
        problems.push(match theme.locate(&template, &msg) {
            Some((name, line)) => Problem::at(format!("{label}/{name}"), line, message),
            None => Problem::new(format!("{label}/{template}"), message),
        });
    }
    problems.extend(missing.into_inner().unwrap_or_default());
    problems.into_result()?;

    // The images that templates asked for, made (or found in the cache) in parallel.
    if sink.keeps_files() {
        publish_images(&images, &registry, root, cache.is_none())?;
    }

    // 404, sitemap, robots.
    let not_found = if theme.has("404.html") {
        let mut ctx = base_ctx.clone();
        ctx.insert("current_path", "/404.html");
        theme.tera.render("404.html", &ctx).map_err(|e| {
            BuildError::Problems(vec![Problem::new(
                format!("{}/404.html", theme.templates_label),
                format!("template error: {}", templates::describe(&e).0),
            )])
        })?
    } else {
        DEFAULT_404.to_string()
    };
    let put =
        |path: &str, text: String| sink.put(path, OutFile::Bytes(Arc::new(text.into_bytes())));
    put("404.html", not_found)?;
    let urls: Vec<sitemap::Url> = sources
        .iter()
        .zip(&pages)
        .map(|(s, v)| sitemap::Url {
            loc: config.permalink(&s.path),
            lastmod: v.get("updated").and_then(Value::as_str),
        })
        .collect();
    put("sitemap.xml", sitemap::sitemap(&urls))?;
    put("robots.txt", sitemap::robots(&config.base_url))?;
    // Pages that came from the render cache did not call asset(): their hashed files
    // must still be there.
    if let Some(c) = cache {
        let mut used = c.used_assets.lock().unwrap_or_else(|e| e.into_inner());
        for path in used.iter() {
            let _ = registry.hashed_url(path);
        }
        *used = registry.used();
    }
    // Static files, unless a page has the same path.
    let reserved: HashSet<String> = sources.iter().map(|s| output_file(&s.path)).collect();
    let statics: Vec<(String, assets::Source)> = registry
        .outputs()
        .into_iter()
        .filter(|(p, _)| {
            !reserved.contains(p)
                && !matches!(p.as_str(), "404.html" | "sitemap.xml" | "robots.txt")
        })
        .collect();
    statics
        .into_par_iter()
        .try_for_each(|(path, src)| sink.put(&path, OutFile::Asset(src)))?;
    Ok(rendered)
}

const DEFAULT_404: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>Page not found</title></head><body><h1>Page not found</h1>\
<p><a href=\"/\">Back to the start page</a></p></body></html>\n";

/// Output path of `file` under the widget `mount` (`widget` + `pkg/a.js` -> `widget/pkg/a.js`).
fn mount_path(mount: &str, file: &str) -> String {
    if mount.is_empty() {
        file.to_string()
    } else {
        format!("{mount}/{file}")
    }
}

/// Feeds a JSON value to a hasher (much faster than serialising it).
fn hash_value(v: &Value, h: &mut xxhash_rust::xxh3::Xxh3) {
    match v {
        Value::Null => h.update(b"n"),
        Value::Bool(b) => h.update(if *b { b"t" } else { b"f" }),
        Value::Number(n) => {
            h.update(b"#");
            h.update(n.to_string().as_bytes());
        }
        Value::String(s) => {
            h.update(b"s");
            h.update(&(s.len() as u64).to_le_bytes());
            h.update(s.as_bytes());
        }
        Value::Array(a) => {
            h.update(b"[");
            h.update(&(a.len() as u64).to_le_bytes());
            for x in a {
                hash_value(x, h);
            }
        }
        Value::Object(m) => {
            h.update(b"{");
            h.update(&(m.len() as u64).to_le_bytes());
            for (k, x) in m {
                h.update(&(k.len() as u64).to_le_bytes());
                h.update(k.as_bytes());
                hash_value(x, h);
            }
        }
    }
}

fn template_name(s: &Source) -> String {
    if let Some(t) = &s.front.template {
        return t.clone();
    }
    match (s.kind, s.path.as_str()) {
        (Kind::Section, "/") => "index.html".into(),
        (Kind::Section, _) => "section.html".into(),
        (Kind::Page, _) => "page.html".into(),
    }
}

/// `/a/b/` -> `a/b/index.html`.
pub fn output_file(path: &str) -> String {
    let p = path.trim_start_matches('/');
    format!("{p}index.html")
}

fn toml_to_json(v: &toml::Value) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// What a page is before its body is parsed (also the `page` of a templated body).
fn page_meta(s: &Source, config: &Config, git_date: Option<&String>) -> Value {
    let slug = s
        .path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("");
    let updated = match &s.front.updated {
        Some(toml::Value::String(d)) => Value::String(d.clone()),
        Some(toml::Value::Datetime(d)) => Value::String(d.to_string()),
        Some(other) => Value::String(other.to_string()),
        None => git_date.map_or(Value::Null, |d| Value::String(d.clone())),
    };
    json!({
        "title": s.front.title.clone().unwrap_or_default(),
        "description": s.front.description.clone().unwrap_or_default(),
        "permalink": config.permalink(&s.path),
        "path": s.path,
        "relative_path": s.rel,
        "slug": slug,
        "weight": s.front.weight,
        "draft": s.front.draft,
        "extra": toml_to_json(&toml::Value::Table(s.front.extra.clone())),
        "updated": updated,
        "is_section": s.kind == Kind::Section,
    })
}

/// What parsing a body needs besides the source.
struct ParseEnv<'a> {
    root: &'a Path,
    highlighter: Option<&'a Highlighter>,
    theme: &'a Theme,
    base_ctx: &'a Context,
    assets: &'a HashSet<String>,
    cache: Option<&'a ParseCache>,
}

fn parse_one(s: &Source, meta: &Value, env: &ParseEnv) -> Result<Arc<Parsed>, Vec<Problem>> {
    let ParseEnv {
        root,
        theme,
        base_ctx,
        assets,
        cache,
        ..
    } = *env;
    let hash = s.body_hash;
    // A templated body also depends on the front matter and on other files: not cached.
    let templating = !s.body_dropped && body::needs_templating(&s.body);
    let cache = cache.filter(|_| !templating);
    if let Some(hit) = cache.and_then(|c| c.parsed.get(&s.file, hash)) {
        return Ok(hit);
    }
    let reread;
    let source_body = if s.body_dropped {
        reread = content::read_body(root, &s.file).map_err(|p| vec![p])?;
        reread.as_str()
    } else {
        s.body.as_str()
    };
    let templated = if templating {
        let mut ctx = base_ctx.clone();
        ctx.insert("page", meta);
        body::render(source_body, &s.file, s.body_line, &theme.tera, &ctx).map_err(|p| vec![p])?
    } else {
        body::Templated::default()
    };
    let text = if templated.text.is_empty() && templated.blocks.is_empty() {
        source_body
    } else {
        templated.text.as_str()
    };
    let file = s.file.as_str();
    let bounce = |b: &BounceBlock| bounce::render(b, file, Some(&theme.tera));
    let r = markdown::render(&MdInput {
        text,
        file,
        first_line: s.body_line,
        dir: &s.dir,
        assets,
        bounce: &bounce,
        highlighter: env.highlighter,
    });
    if !r.problems.is_empty() {
        return Err(r.problems);
    }
    let mut html = body::restore(r.html, &templated.blocks);
    html.shrink_to_fit();
    let parsed = Arc::new(Parsed {
        html,
        headings: r.headings,
        links: r.links,
        word_count: r.word_count,
    });
    if let Some(c) = cache {
        c.parsed.put(&s.file, hash, parsed.clone());
    }
    Ok(parsed)
}

fn full_value(
    s: &Source,
    b: Arc<Parsed>,
    meta: Value,
    config: &Config,
    links: &LinkTable,
) -> Value {
    let mut map = match meta {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    let toc = markdown::toc(&b.headings, &config.permalink(&s.path));
    let word_count = b.word_count;
    let content = match Arc::try_unwrap(b) {
        Ok(parsed) if !links::has_internal_links(&parsed.html) => parsed.html,
        Ok(parsed) => links::replace_in_html(&parsed.html, links),
        Err(shared) => links::replace_in_html(&shared.html, links),
    };
    map.insert("content".into(), Value::String(content));
    map.insert(
        "toc".into(),
        serde_json::to_value(toc).unwrap_or(Value::Null),
    );
    map.insert("word_count".into(), json!(word_count));
    map.insert(
        "reading_time".into(),
        json!(word_count.div_ceil(200).max(1)),
    );
    Value::Object(map)
}

/// Sections and what they hold, by index into the sorted sources.
struct Tree {
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
    fn new(sources: &[Source]) -> Tree {
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

    fn nav(&self, sources: &[Source], values: &[Value]) -> Vec<Value> {
        match self.root {
            Some(r) => self.nav_children(r, sources, values),
            None => Vec::new(),
        }
    }

    fn nav_children(&self, i: usize, sources: &[Source], values: &[Value]) -> Vec<Value> {
        let Some((pages, subs)) = self.children.get(&i) else {
            return Vec::new();
        };
        let mut items: Vec<usize> = pages.iter().chain(subs).copied().collect();
        items.sort_by_cached_key(|i| order_key(&sources[*i]));
        items
            .into_iter()
            .map(|c| {
                let v = &values[c];
                let is_section = sources[c].kind == Kind::Section;
                json!({
                    "title": v["title"],
                    "permalink": v["permalink"],
                    "path": v["path"],
                    "weight": v["weight"],
                    "is_section": is_section,
                    "children": if is_section { self.nav_children(c, sources, values) } else { Vec::new() },
                })
            })
            .collect()
    }

    fn summary(v: &Value) -> Value {
        let mut m = Map::new();
        if let Value::Object(o) = v {
            for (k, val) in o {
                if k != "content" && k != "toc" {
                    m.insert(k.clone(), val.clone());
                }
            }
        }
        Value::Object(m)
    }

    fn section_value(&self, i: usize, values: &[Value]) -> Value {
        let mut v = values[i].clone();
        let (pages, subs): (&[usize], &[usize]) = match self.children.get(&i) {
            Some((pages, subs)) => (pages, subs),
            None => (&[], &[]),
        };
        if let Value::Object(m) = &mut v {
            m.insert(
                "pages".into(),
                Value::Array(pages.iter().map(|p| Self::summary(&values[*p])).collect()),
            );
            m.insert(
                "subsections".into(),
                Value::Array(subs.iter().map(|p| Self::summary(&values[*p])).collect()),
            );
        }
        v
    }
}

/// Last commit date (YYYY-MM-DD) of each file under content/, by path relative to the
/// root; empty when the root is not in a git work tree.
fn git_dates(root: &Path) -> HashMap<String, String> {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args([
            "log",
            "--format=%x1e%cs",
            "--name-only",
            "--relative",
            "--",
            "content",
        ])
        .stderr(std::process::Stdio::null())
        .output();
    let mut dates = HashMap::new();
    let Ok(out) = out else { return dates };
    if !out.status.success() {
        return dates;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    for record in text.split('\u{1e}') {
        let mut lines = record.lines();
        let Some(date) = lines.next() else { continue };
        for file in lines.filter(|l| !l.is_empty()) {
            dates
                .entry(file.to_string())
                .or_insert_with(|| date.trim().to_string());
        }
    }
    dates
}

/// `/sec-1/` for `/sec-1/page/` (and `/` for `/`): the path of a page's top-level entry.
fn top_level_path(path: &str) -> &str {
    match path.get(1..).and_then(|rest| rest.find('/')) {
        Some(end) => &path[..end + 2],
        None => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn top_level_path_is_the_first_segment() {
        assert_eq!(top_level_path("/sec-1/page/"), "/sec-1/");
        assert_eq!(top_level_path("/sec-1/"), "/sec-1/");
        assert_eq!(top_level_path("/a/b/c/"), "/a/");
        assert_eq!(top_level_path("/"), "/");
        assert_eq!(top_level_path(""), "");
    }
}
