//! The load stage: the configuration, the content (pages, data files, co-located
//! files), the theme, the widget's build and every static file, each read once.
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::errors::{BuildError, Problem, Problems};
use crate::paths::{output_file, rel_path};
use crate::site::assets::{self, Registry};
use crate::site::cache::ParseCache;
use crate::site::config::{Config, Flavour};
use crate::site::content::{self, Content, Source};
use crate::site::find_file::SiteFiles;
use crate::site::highlight::Highlighter;
use crate::site::images::{self, Processor};
use crate::site::links::PagePaths;
use crate::site::outputs::{Claims, Owner, GENERATED};
use crate::site::pages_from;
use crate::site::sass::{self, Stylesheet};
use crate::site::templates::{self, Theme};
use crate::site::widget;

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

/// The site as loaded: what the later stages read.
pub(crate) struct Site {
    pub(crate) root: PathBuf,
    pub(crate) config: Config,
    /// Pages and sections, sorted by their path under `content/`, with their dates.
    pub(crate) sources: Vec<Source>,
    /// The data files, by stem.
    pub(crate) data: BTreeMap<String, toml::Value>,
    /// `None` when the theme failed to load: the build goes on checking (markdown,
    /// links, bounces) but renders nothing.
    pub(crate) theme: Option<Theme>,
    /// Files under `content/` that are neither pages nor data (relative to `content/`).
    pub(crate) content_files: HashSet<String>,
    /// The output path of every page, for `@/` links.
    pub(crate) paths: Arc<PagePaths>,
    /// The static files: compiled Sass, theme, site `static/`, highlighting stylesheets,
    /// widget mount, co-located content files.
    pub(crate) statics: Arc<Registry>,
    /// `None` when the site does not highlight code (or its settings failed to load).
    pub(crate) highlighter: Option<Arc<Highlighter>>,
    /// The images templates ask for (`resize_image()`), made after rendering.
    pub(crate) images: Arc<Processor>,
    /// Every file the build will write (pages, static files, its own), with who
    /// writes it: checked when written.
    pub(crate) claims: Claims,
    /// UTC time of the build, for templates.
    pub(crate) build_time: String,
    /// What is wrong but does not stop the build (unknown keys), at its file and line.
    pub(crate) warnings: Vec<Problem>,
}

impl Site {
    /// What every template sees, page bodies too: `config`, `data`, `build_time` and the
    /// classifier's display names (`labels`).
    pub(crate) fn context(&self) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert(
            "config",
            &self.config.template_value(self.config.default_language()),
        );
        ctx.insert("data", &self.data);
        ctx.insert("build_time", &self.build_time);
        ctx.insert("labels", &classify::labels::Labels);
        ctx
    }
}

/// Loads everything the build reads: the site, and the markdown bodies of its sources
/// (in their order, for the parse stage to consume). User problems go to `problems`
/// (the build goes on to find more); what stops it is returned.
pub(crate) fn load(
    opts: &BuildOptions,
    cache: Option<&ParseCache>,
    problems: &mut Problems,
) -> Result<(Site, Vec<String>), BuildError> {
    let root = opts.root.as_path();
    let config = load_config(opts)?;
    let Sources {
        mut content,
        theme,
        highlighter,
        stylesheets,
    } = read_sources(opts, &config, cache, problems)?;
    problems.extend(std::mem::take(&mut content.problems));
    let generated = Generated {
        stylesheets,
        highlighter: highlighter.as_deref(),
        // A full build publishes only the processed images its pages ask for (added
        // after rendering); `serve` keeps them all, as pages from its render cache ask
        // for none.
        keep_processed_images: cache.is_some(),
    };
    let statics = static_files(opts, &config, theme.as_ref(), &content, generated, problems)?;
    let images = Processor::new(
        SiteFiles {
            root: root.to_path_buf(),
            output: PathBuf::from("public"),
            theme: config.theme.clone(),
        },
        &config.base_url,
    );
    let Content {
        mut sources,
        mut data,
        assets,
        broken,
        ..
    } = content;
    add_classifier_tables(&mut data, problems);
    pages_from::expand(&mut sources, &mut data, problems);
    sources.sort_by(|a, b| a.rel.cmp(&b.rel));
    let mut warnings = config.warnings.clone();
    for s in &mut sources {
        warnings.append(&mut s.warnings);
    }
    let claims = plan_outputs(root, &config, &sources, &statics, problems);
    let paths = sources
        .iter()
        .map(|s| (s.rel.clone(), s.path.clone()))
        .chain(broken.into_iter().map(|b| (b, String::new())))
        .collect();
    set_updated(&mut sources, root, cache, config.flavour);
    set_assets(&mut sources, &assets);
    let bodies = sources
        .iter_mut()
        .map(|s| std::mem::take(&mut s.body))
        .collect();
    let site = Site {
        root: root.to_path_buf(),
        config,
        sources,
        data,
        theme,
        content_files: assets.into_iter().collect(),
        paths: Arc::new(PagePaths::new(paths)),
        statics: Arc::new(statics),
        highlighter,
        images: Arc::new(images),
        claims,
        build_time: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        warnings,
    };
    Ok((site, bodies))
}

/// The data key of the classifier's tables.
const CLASSIFY: &str = "classify";

/// Adds the classifier's tables as `data.classify` (`codes`, `isps`, `blocklists`: see
/// `classify::reference`); a data file of that stem is a problem.
fn add_classifier_tables(data: &mut BTreeMap<String, toml::Value>, problems: &mut Problems) {
    if data.contains_key(CLASSIFY) {
        problems.push(Problem::new(
            "content",
            format!(
                "a data file is named `{CLASSIFY}`: `data.{CLASSIFY}` holds the classifier's \
                 tables; rename the file"
            ),
        ));
        return;
    }
    match toml::Value::try_from(classify::reference::tables()) {
        Ok(tables) => {
            data.insert(CLASSIFY.into(), tables);
        }
        Err(e) => problems.push(Problem::new(
            "content",
            format!("the classifier's tables cannot be data: {e}"),
        )),
    }
}

/// What the load stage reads from the sources, beside the configuration.
struct Sources {
    content: Content,
    /// `None` when the theme failed to load (its problems are reported).
    theme: Option<Theme>,
    highlighter: Option<Arc<Highlighter>>,
    /// The compiled Sass.
    stylesheets: Vec<Stylesheet>,
}

/// Reads the content and the theme while, on a thread of their own, the highlighter's
/// grammars load (tens of milliseconds of CPU) and the Sass compiles (a rayon job
/// could wait behind the content's own parallel work).
fn read_sources(
    opts: &BuildOptions,
    config: &Config,
    cache: Option<&ParseCache>,
    problems: &mut Problems,
) -> Result<Sources, BuildError> {
    let root = opts.root.as_path();
    let (content, theme, side) = std::thread::scope(|scope| {
        // (A stack as large as the build's other threads: Sass nests too.)
        let side = std::thread::Builder::new()
            .name("side-work".into())
            .stack_size(crate::site::template_limits::STACK_SIZE)
            .spawn_scoped(scope, || side_work(config, root, cache));
        let content = content::load(root, config, opts.drafts, cache.map(|c| &c.sources));
        let theme = templates::load(root, config);
        let side = side.map_err(|_| ()).and_then(|h| h.join().map_err(|_| ()));
        (content, theme, side)
    });
    let side = side.unwrap_or_else(|_| SideWork {
        highlighter: None,
        sheets: Some(Err(vec![Problem::new(
            &config.file,
            "loading the highlighter or compiling Sass failed",
        )])),
    });
    let content = content?;
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
    let theme = match theme {
        Ok(t) => Some(t),
        Err(BuildError::Problems(ps)) => {
            problems.extend(ps);
            None
        }
        Err(e) => return Err(e),
    };
    Ok(Sources {
        content,
        theme,
        highlighter,
        stylesheets,
    })
}

/// What a build loads beside its content: the highlighter (`None`: highlighting is off)
/// and the compiled Sass (`None`: `compile_sass` is off).
struct SideWork {
    highlighter: Option<Result<Arc<Highlighter>, Vec<Problem>>>,
    sheets: Option<Result<Vec<Stylesheet>, Vec<Problem>>>,
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

fn load_config(opts: &BuildOptions) -> Result<Config, BuildError> {
    let mut config = Config::load(&opts.root)?;
    if let Some(base) = &opts.base_url {
        config.base_url = base.trim_end_matches('/').to_string();
        config.table.insert(
            "base_url".into(),
            toml::Value::String(config.base_url.clone()),
        );
    }
    Ok(config)
}

/// Static files made by the load stage itself.
struct Generated<'a> {
    /// The compiled Sass.
    stylesheets: Vec<Stylesheet>,
    /// Its class-mode stylesheets go to the output root.
    highlighter: Option<&'a Highlighter>,
    /// Keep `static/processed_images/` whole (`serve`).
    keep_processed_images: bool,
}

/// Every static file: the compiled Sass, the theme's `static/`, the site's `static/`,
/// the highlighting stylesheets, the widget mount (its wasm built first when
/// `opts.build_widget`), the files beside the pages. A later file of the same path
/// replaces an earlier one.
fn static_files(
    opts: &BuildOptions,
    config: &Config,
    theme: Option<&Theme>,
    content: &Content,
    generated: Generated,
    problems: &mut Problems,
) -> Result<Registry, BuildError> {
    let root = opts.root.as_path();
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e| BuildError::io(p, e)
    };
    let mut registry = Registry::default();
    // Compiled Sass first: a static file of the same path replaces it, as in Zola.
    for sheet in generated.stylesheets {
        registry.add_bytes(&sheet.out, sheet.css.into_bytes());
    }
    if let Some(dir) = theme.and_then(|t| t.static_dir.as_ref()) {
        registry.add_dir(dir, "", false).map_err(io(dir))?;
    }
    let site_static = root.join("static");
    registry
        .add_dir(&site_static, "", false)
        .map_err(io(&site_static))?;
    registry.retain(|out, source| match source {
        assets::Source::File(f) => !(f.starts_with(&site_static) && config.ignores_static(out)),
        assets::Source::Bytes(_) => true,
    });
    if !generated.keep_processed_images {
        registry.remove_under(images::PROCESSED);
    }
    // Class-mode stylesheets at the output root. As in Zola (which writes them into
    // `static/` only when missing), a file of the same name in the site's `static/` wins.
    for (name, css) in generated.highlighter.iter().flat_map(|h| h.stylesheets()) {
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
    let bundles: Vec<&content::Source> = content
        .sources
        .iter()
        .filter(|s| s.kind == content::Kind::Page && s.is_bundle())
        .collect();
    // Zola copies a bundle's files only beside its pages: none are left at the folder's
    // own path when no page of the bundle is there (our own sites keep every file at
    // its path under `content/`).
    let unplaced: HashSet<&str> = match config.flavour {
        Flavour::Zola => {
            let home: HashSet<&str> = bundles
                .iter()
                .filter(|s| s.path.trim_matches('/') == s.dir)
                .map(|s| s.dir.as_str())
                .collect();
            bundles
                .iter()
                .map(|s| s.dir.as_str())
                .filter(|d| !home.contains(d))
                .collect()
        }
        Flavour::Guide => HashSet::new(),
    };
    for rel in &content.assets {
        if !unplaced.iter().any(|d| in_folder(rel, d)) {
            registry.add_file(rel, root.join("content").join(rel));
        }
    }
    // A page bundle whose URL is not its folder's (a translation, `a/p/index.fr.md` at
    // `/fr/a/p/`, or one with a `slug` or `path`) has its folder's files beside it too,
    // as in Zola.
    for s in bundles {
        if s.path.trim_matches('/') == s.dir {
            continue;
        }
        for rel in content.assets.iter().filter(|rel| in_folder(rel, &s.dir)) {
            let file = &rel[s.dir.len() + 1..];
            let out = format!("{}{file}", s.path.trim_start_matches('/'));
            registry.add_file(&out, root.join("content").join(rel));
        }
    }
    Ok(registry)
}

/// `rel` is under the folder `dir` (at any depth).
fn in_folder(rel: &str, dir: &str) -> bool {
    rel.strip_prefix(dir)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// Output path of `file` under the widget `mount` (`widget` + `pkg/a.js` -> `widget/pkg/a.js`).
fn mount_path(mount: &str, file: &str) -> String {
    if mount.is_empty() {
        file.to_string()
    } else {
        format!("{mount}/{file}")
    }
}

/// Claims every output the load stage knows of: the build's own files, the static
/// files, then the pages. A page whose output collides with another file (a page, a
/// static file, the sitemap, ...) is a problem naming both; so is a static file where
/// another needs a folder. (A static file named like one of the build's own files is
/// replaced by it.)
fn plan_outputs(
    root: &Path,
    config: &Config,
    sources: &[Source],
    statics: &Registry,
    problems: &mut Problems,
) -> Claims {
    let claims = Claims::with_generated();
    for (path, source) in statics.outputs() {
        if GENERATED.iter().any(|(p, _)| *p == path) {
            continue;
        }
        let label = match &source {
            assets::Source::File(f) => crate::site::outputs::shown(&rel_path(root, f)),
            assets::Source::Bytes(_) => path.clone(),
        };
        if let Err(c) = claims.claim(&path, Owner::Static(label)) {
            problems.push(Problem::new(c.owner.file(), c.to_string()));
        }
    }
    for s in sources.iter().filter(|s| s.front.render != Some(false)) {
        let owner = Owner::Page {
            file: s.file.clone(),
            line: s.slug_line,
        };
        if let Err(c) = claims.claim(&output_file(&s.path), owner) {
            problems.push(match s.slug_line {
                Some(line) => Problem::at(&s.file, line, c.to_string()),
                None => Problem::new(&s.file, c.to_string()),
            });
        }
    }
    for (out, _, s) in crate::site::redirects::aliases(sources, config) {
        let owner = Owner::Page {
            file: s.file.clone(),
            line: s.aliases_line,
        };
        if let Err(c) = claims.claim(&out, owner) {
            let message = format!("alias: {c}");
            problems.push(match s.aliases_line {
                Some(line) => Problem::at(&s.file, line, message),
                None => Problem::new(&s.file, message),
            });
        }
    }
    claims
}

/// Sets each source's `assets` (see [`Source::assets`]) from the co-located files
/// (`files`, relative to `content/`).
fn set_assets(sources: &mut [Source], files: &[String]) {
    let mut sorted: Vec<&String> = files.iter().collect();
    sorted.sort_by_cached_key(|f| f.to_ascii_lowercase());
    for s in sources {
        let bundle = s.is_bundle();
        if !bundle && s.kind != content::Kind::Section {
            continue;
        }
        let folder = match s.dir.is_empty() {
            true => String::new(),
            false => format!("{}/", s.dir),
        };
        s.assets = sorted
            .iter()
            .filter_map(|f| {
                let rest = f.strip_prefix(folder.as_str())?;
                (bundle || !rest.contains('/')).then(|| format!("/{f}"))
            })
            .collect();
    }
}

/// Sets each source's `updated`: its front matter's, else (for our own `site.toml`) its
/// last commit date (git is asked only when a source has no date of its own; `serve`
/// asks once per session). Zola gives the front matter's alone.
fn set_updated(
    sources: &mut [Source],
    root: &Path,
    cache: Option<&ParseCache>,
    flavour: crate::site::config::Flavour,
) {
    let dates = if sources.iter().all(|s| s.front.updated.is_some())
        || flavour == crate::site::config::Flavour::Zola
    {
        Arc::new(HashMap::new())
    } else if let Some(c) = cache {
        let mut cached = c.dates.lock().unwrap_or_else(|e| e.into_inner());
        cached
            .get_or_insert_with(|| Arc::new(git_dates(root)))
            .clone()
    } else {
        Arc::new(git_dates(root))
    };
    for s in sources {
        s.updated = match &s.front.updated {
            Some(toml::Value::String(d)) => Some(d.clone()),
            Some(toml::Value::Datetime(d)) => Some(d.to_string()),
            Some(other) => Some(other.to_string()),
            None => dates.get(&s.file).cloned(),
        };
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
