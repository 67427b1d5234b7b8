//! Zola's feeds: with `generate_feeds = true` in the configuration, one feed per name of
//! `feed_filenames` (default `atom.xml`) at the output root, of every page that has a
//! `date`, newest first (at most `feed_limit`), of the default language (another
//! language's under `/<lang>/` when its `[languages.<lang>]` says `generate_feeds`); a
//! section with `generate_feeds = true`
//! in its front matter gets the same of its own pages in its folder. A feed is rendered
//! by the site's (or theme's) template of its name, else Zola's built-in `atom.xml` or
//! `rss.xml`; no page with a date, no feed.
use std::sync::Arc;

use serde::Serialize;
use tera::{Context, Tera};

use super::Job;
use crate::errors::{describe_template_error as describe, BuildError, Problem};
use crate::site::content::{Kind, Source};
use crate::site::functions::default_language;
use crate::site::sink::{OutFile, Sink};
use crate::site::sorting::date_of;

const ATOM: &str = "__guide_builtins/atom.xml";
const RSS: &str = "__guide_builtins/rss.xml";

/// Adds Zola's built-in feed templates to `tera`.
pub(super) fn add_builtins(tera: &mut Tera) -> Result<(), BuildError> {
    tera.add_raw_templates([
        (ATOM, include_str!("builtins/atom.xml")),
        (RSS, include_str!("builtins/rss.xml")),
    ])
    .map_err(|e| BuildError::Problems(vec![Problem::new(ATOM, e.to_string())]))
}

/// A feed entry, as Zola's feed templates read it.
#[derive(Serialize)]
struct Entry<'a> {
    title: &'a str,
    permalink: &'a str,
    content: &'a str,
    /// RFC 3339 (a date alone is midnight UTC).
    date: Option<String>,
    updated: Option<String>,
    lang: &'a str,
    authors: &'a [String],
    summary: Option<&'a str>,
}

fn rfc3339(value: Option<&toml::Value>) -> Option<String> {
    date_of(value).map(|d| d.format("%Y-%m-%dT%H:%M:%S+00:00").to_string())
}

/// What a feed is of.
enum Scope<'a> {
    /// The site's pages of a language: its folder in the output (`fr/`, or none).
    Site(String),
    /// A section, by source index.
    Section(usize),
    /// A taxonomy term: its value and its folder in the output.
    Term(&'a serde_json::Value, String),
}

/// The configuration's feed settings.
struct Settings<'c> {
    names: Vec<&'c str>,
    limit: Option<usize>,
}

impl<'c> Settings<'c> {
    fn of(config: &'c toml::Table) -> Settings<'c> {
        let names = match config.get("feed_filenames").and_then(|f| f.as_array()) {
            Some(names) => names.iter().filter_map(|n| n.as_str()).collect(),
            None => vec![config
                .get("feed_filename")
                .and_then(|f| f.as_str())
                .unwrap_or("atom.xml")],
        };
        let limit = config
            .get("feed_limit")
            .and_then(|l| l.as_integer())
            .and_then(|l| usize::try_from(l).ok());
        Settings { names, limit }
    }
}

impl Job<'_> {
    /// Writes the site's and the sections' feeds to `sink`.
    pub(super) fn render_feeds(
        &self,
        base_ctx: &Context,
        sink: &dyn Sink,
    ) -> Result<(), BuildError> {
        let table = &self.config.table;
        let settings = Settings::of(table);
        let on = |t: &toml::Table, k: &str| t.get(k).and_then(|v| v.as_bool()).unwrap_or(false);
        // The site's feeds, per language: the default one's at the root, another's (when
        // its `[languages.<lang>]` says `generate_feeds`) under `/<lang>/`.
        let default = default_language(table);
        let mut languages = vec![(
            default,
            on(table, "generate_feeds") || on(table, "generate_feed"),
        )];
        for (lang, t) in table
            .get("languages")
            .and_then(|l| l.as_table())
            .into_iter()
            .flatten()
        {
            if lang != default {
                let t = t.as_table();
                languages.push((lang, t.is_some_and(|t| on(t, "generate_feeds"))));
            }
        }
        for (lang, wanted) in languages {
            if !wanted {
                continue;
            }
            let all: Vec<usize> = (0..self.sources.len())
                .filter(|i| self.sources[*i].kind == Kind::Page && self.sources[*i].lang == lang)
                .collect();
            let folder = match lang == default {
                true => String::new(),
                false => format!("{lang}/"),
            };
            self.feed(base_ctx, sink, &settings, &all, Scope::Site(folder), lang)?;
        }
        for (i, s) in self.sources.iter().enumerate() {
            if s.kind == Kind::Section && s.front.generate_feeds {
                // (A `render = false` page is in the site's feed but not its section's,
                // as in Zola.)
                let mut pages = self.tree.section_pages(i);
                pages.retain(|p| self.sources[*p].front.render != Some(false));
                self.feed(
                    base_ctx,
                    sink,
                    &settings,
                    &pages,
                    Scope::Section(i),
                    &s.lang,
                )?;
            }
        }
        Ok(())
    }

    /// The feeds of a taxonomy term (`term`: its value, `path`: its URL path).
    pub(super) fn term_feeds(
        &self,
        base_ctx: &Context,
        sink: &dyn Sink,
        pages: &[usize],
        term: &serde_json::Value,
        path: &str,
        lang: &str,
    ) -> Result<(), BuildError> {
        let settings = Settings::of(&self.config.table);
        let scope = Scope::Term(term, path.trim_start_matches('/').to_string());
        self.feed(base_ctx, sink, &settings, pages, scope, lang)
    }

    /// The feeds of `pages` (indexes of sources), of `scope`.
    fn feed(
        &self,
        base_ctx: &Context,
        sink: &dyn Sink,
        settings: &Settings,
        pages: &[usize],
        scope: Scope,
        lang: &str,
    ) -> Result<(), BuildError> {
        let mut dated: Vec<&usize> = pages
            .iter()
            .filter(|i| date_of(self.sources[**i].front.date.as_ref()).is_some())
            .collect();
        if dated.is_empty() {
            return Ok(());
        }
        let date = |i: &usize| date_of(self.sources[*i].front.date.as_ref());
        dated.sort_by(|a, b| {
            date(b)
                .cmp(&date(a))
                .then_with(|| self.sources[**a].path.cmp(&self.sources[**b].path))
        });
        let last_updated = dated
            .iter()
            .filter_map(|i| {
                let s: &Source = &self.sources[**i];
                rfc3339(s.front.updated.as_ref().or(s.front.date.as_ref()))
            })
            .max();
        if let Some(limit) = settings.limit {
            dated.truncate(limit);
        }
        let entries: Vec<Entry> = dated.iter().map(|i| self.entry(**i, lang)).collect();
        let mut ctx = base_ctx.clone();
        ctx.insert("lang", lang);
        ctx.insert("pages", &entries);
        if let Some(last) = &last_updated {
            ctx.insert("last_updated", last);
        }
        let folder = match scope {
            Scope::Section(i) => {
                ctx.insert("section", &self.tree.section(i, self.views));
                self.sources[i].path.trim_start_matches('/').to_string()
            }
            Scope::Term(term, folder) => {
                ctx.insert("term", term);
                folder
            }
            Scope::Site(folder) => folder,
        };
        for name in &settings.names {
            let out = format!("{folder}{name}");
            ctx.insert("feed_url", &self.config.permalink(&format!("/{out}")));
            let template = match (self.theme.has(name), name.ends_with("rss.xml")) {
                (true, _) => name.to_string(),
                (false, true) => RSS.to_string(),
                (false, false) => ATOM.to_string(),
            };
            let xml = self.tera.render(&template, &ctx).map_err(|e| {
                // (A built-in template's problem is the configuration's, which asks
                // for feeds.)
                let file = match template.starts_with("__guide_builtins/") {
                    true => self.config.file.clone(),
                    false => self.theme.file_of(&template),
                };
                BuildError::Problems(vec![Problem::new(
                    file,
                    format!(
                        "template error while rendering the feed {out}: {}",
                        describe(&e).0
                    ),
                )])
            })?;
            sink.put(&out, OutFile::Bytes(Arc::new(xml.into_bytes())))?;
        }
        Ok(())
    }

    fn entry<'s>(&'s self, i: usize, lang: &'s str) -> Entry<'s> {
        let s = &self.sources[i];
        let view = &self.views[i];
        Entry {
            title: view.meta().title,
            permalink: &view.meta().permalink,
            content: view.summary.content,
            date: rfc3339(s.front.date.as_ref()),
            updated: rfc3339(s.front.updated.as_ref()),
            lang,
            authors: &s.front.authors,
            summary: view.summary.summary.as_deref(),
        }
    }
}
