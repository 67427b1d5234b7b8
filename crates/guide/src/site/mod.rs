//! The site pipeline. [`build_into`] runs the stages in order, each taking what it needs
//! and returning a typed value: load -> parse -> links -> index and render (side by side:
//! both read the parsed pages only) -> (the images the templates asked for) -> publish.
//! Helpers of the stages: the configuration, content and theme loaders, markdown, body
//! templating, bounce blocks, the asset registry, the section tree and the template
//! values.

pub(crate) mod assets;
pub(crate) mod body;
pub(crate) mod bounce;
pub(crate) mod cache;
pub(crate) mod config;
pub(crate) mod content;
pub(crate) mod find_file;
pub(crate) mod front_matter;
pub(crate) mod functions;
pub mod highlight;
pub(crate) mod images;
pub(crate) mod index;
pub(crate) mod links;
pub(crate) mod load;
pub(crate) mod markdown;
pub(crate) mod outputs;
pub(crate) mod pages_from;
pub(crate) mod paginate;
pub(crate) mod parse;
pub(crate) mod publish;
pub(crate) mod redirects;
pub(crate) mod render;
pub mod sass;
pub(crate) mod search;
pub(crate) mod shortcodes;
pub(crate) mod sink;
pub(crate) mod sitemap;
pub(crate) mod sorting;
pub(crate) mod taxonomies;
pub(crate) mod template_limits;
pub(crate) mod templates;
pub(crate) mod tree;
pub(crate) mod urls;
pub(crate) mod views;
pub(crate) mod widget;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use crate::errors::{BuildError, Problem, Problems};
use assets::Assets;
pub use cache::ParseCache;
pub use load::BuildOptions;
use publish::{PublishError, WriteStats};
pub use sink::OutFile;
use sink::{MemorySink, NullSink, Sink};

/// The built site, in memory: output path (`a/index.html`) -> file.
#[derive(Debug, Default)]
pub struct Output {
    pub files: BTreeMap<String, OutFile>,
    /// Pages and sections rendered.
    pub pages: usize,
    /// What is wrong but did not stop the build (`file:line: warning: ...`).
    pub warnings: Vec<Problem>,
}

/// What a successful build tells besides its files.
#[derive(Debug, Default)]
pub struct Built {
    /// Pages and sections rendered.
    pub pages: usize,
    /// What is wrong but did not stop the build.
    pub warnings: Vec<Problem>,
}

/// Builds the whole site in memory. All user errors come back together.
pub fn build(opts: &BuildOptions, cache: Option<&ParseCache>) -> Result<Output, BuildError> {
    let sink = MemorySink::default();
    let built = build_into(opts, cache, &sink)?;
    Ok(Output {
        files: sink.0.into_inner().unwrap_or_else(|e| e.into_inner()),
        pages: built.pages,
        warnings: built.warnings,
    })
}

/// Builds the site into the folder `out` and swaps it in only when the build
/// succeeded: a failed build leaves `out` as it was (see [`publish`]).
pub(crate) fn build_atomic(
    opts: &BuildOptions,
    out: &Path,
) -> Result<(Built, WriteStats), PublishError> {
    let mut warnings = Vec::new();
    let (pages, stats) = publish::into_folder(&opts.root, out, |sink| {
        let built = build_into(opts, None, sink)?;
        warnings = built.warnings;
        Ok(built.pages)
    })?;
    Ok((Built { pages, warnings }, stats))
}

/// Checks the site: every stage but the writing.
pub(crate) fn check(opts: &BuildOptions) -> Result<Built, BuildError> {
    build_into(opts, None, &NullSink)
}

/// Builds the site and hands each output file to `sink`. Nothing is handed over before
/// every source is parsed and every link checked; a template error can still come
/// after some pages went to the sink (the caller discards them). Every user problem
/// comes back together. Returns the number of pages and sections rendered, and the
/// warnings.
fn build_into(
    opts: &BuildOptions,
    cache: Option<&ParseCache>,
    sink: &dyn Sink,
) -> Result<Built, BuildError> {
    // Every stage runs on threads with a known, large stack: templates recurse (see
    // `template_limits`).
    template_limits::in_big_stack_pool(|| run_stages(opts, cache, sink))
}

fn run_stages(
    opts: &BuildOptions,
    cache: Option<&ParseCache>,
    sink: &dyn Sink,
) -> Result<Built, BuildError> {
    let mut problems = Problems::default();
    let (site, bodies) = load::load(opts, cache, &mut problems)?;
    let warnings = site.warnings.clone();
    let parsed = parse::parse(&site, bodies, cache, &mut problems);
    let prefix = match site.config.flavour {
        config::Flavour::Zola => site.config.base_url.as_str(),
        config::Flavour::Guide => "",
    };
    let linked = links::link(
        &site.sources,
        site.paths.clone(),
        parsed,
        prefix,
        &mut problems,
    );
    let assets = Assets {
        statics: site.statics.clone(),
        plain: Arc::new(index::linked_files(&site)),
    };
    // Without a theme nothing renders; the problems above are the build's.
    let Some(theme) = &site.theme else {
        return problems
            .into_result()
            .map(|()| Built { pages: 0, warnings });
    };
    // Every file is checked on its way out (its path, and that nothing else writes it).
    let checked = outputs::CheckedSink::new(sink, &site.claims);
    let minified = sink::MinifySink(&checked);
    let sink: &dyn Sink = match site.config.zola.minify_html {
        true => &minified,
        false => &checked,
    };
    // With problems already found, pages render only to find template problems too.
    let pages_sink: &dyn Sink = if problems.is_empty() { sink } else { &NullSink };
    // The index and the pages are made side by side from the parsed pages (pages link
    // the index by names known in advance), and the index's files written meanwhile.
    let (index, rendered) = rayon::join(
        || {
            let index = index::index(&site, &linked.bodies)?;
            publish::search_index(&index, pages_sink).map(|()| index)
        },
        || {
            render::render(
                &site,
                theme,
                &linked,
                &assets,
                cache,
                pages_sink,
                &mut problems,
            )
        },
    );
    let rendered = rendered?;
    let index = index?;
    problems.into_result()?;
    for (out, url, _) in redirects::aliases(&site.sources, &site.config) {
        let html = redirects::html(&url).into_bytes();
        sink.put(&out, OutFile::Bytes(Arc::new(html)))?;
    }
    let images = match sink.keeps_files() {
        true => site.images.finish(cache.is_none())?,
        false => Vec::new(),
    };
    let mut index = index;
    if let Some(robots) = rendered.robots {
        index.robots = robots;
    }
    publish::publish(
        &site,
        rendered.not_found,
        index,
        &assets,
        images,
        cache,
        sink,
    )?;
    checked.finish()?;
    Ok(Built {
        pages: rendered.pages,
        warnings,
    })
}
