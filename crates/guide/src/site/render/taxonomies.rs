//! A taxonomy's pages: its list (`<name>/list.html`, else `taxonomy_list.html`, with
//! `terms`) and one page per term (`<name>/single.html`, else `taxonomy_single.html`,
//! with `term`), both with `taxonomy` (its configuration) and `lang`; a term's feeds
//! when the taxonomy says `feed = true`.
use std::sync::Arc;

use tera::Context;

use super::Job;
use crate::errors::{describe_template_error as describe, BuildError, Problem};
use crate::paths::output_file;
use crate::site::functions::content::TaxonomyIndex;
use crate::site::sink::{OutFile, Sink};
use crate::site::taxonomies::Taxonomy;

impl Job<'_> {
    /// Writes every taxonomy's pages and feeds to `sink`.
    pub(super) fn render_taxonomies(
        &self,
        base_ctx: &Context,
        taxonomies: &[Taxonomy],
        index: &TaxonomyIndex,
        sink: &dyn Sink,
    ) -> Result<(), BuildError> {
        // (As Zola: a taxonomy no page uses has no pages.)
        for t in taxonomies.iter().filter(|t| !t.terms.is_empty()) {
            let key = format!("{}-{}", t.name, t.lang);
            let Some(value) = index.taxonomies.get(&key) else {
                continue;
            };
            let mut ctx = base_ctx.clone();
            ctx.insert("taxonomy", &t.kind);
            ctx.insert("lang", &t.lang);
            ctx.insert("terms", &value["items"]);
            self.taxonomy_page(&mut ctx, t, "list", &t.path, sink)?;
            ctx.remove("terms");
            for term in &t.terms {
                let term_value = &index.terms[&key][&term.slug];
                ctx.insert("term", term_value);
                self.taxonomy_page(&mut ctx, t, "single", &term.path, sink)?;
                if t.feed {
                    let pages = &term.pages;
                    self.term_feeds(base_ctx, sink, pages, term_value, &term.path, &t.lang)?;
                }
            }
        }
        Ok(())
    }

    /// Renders `<name>/<kind>.html` (or `taxonomy_<kind>.html`) at URL path `path`.
    fn taxonomy_page(
        &self,
        ctx: &mut Context,
        t: &Taxonomy,
        kind: &str,
        path: &str,
        sink: &dyn Sink,
    ) -> Result<(), BuildError> {
        let own = format!("{}/{kind}.html", t.name);
        let shared = format!("taxonomy_{kind}.html");
        let template = [own.as_str(), shared.as_str()]
            .into_iter()
            .find(|n| self.theme.has(n));
        ctx.insert("current_path", path);
        ctx.insert("current_url", &self.config.permalink(path));
        let html = match template {
            Some(name) => self.tera.render(name, ctx).map_err(|e| {
                BuildError::Problems(vec![Problem::new(
                    self.theme.file_of(name),
                    format!(
                        "template error while rendering the taxonomy `{}` at {path}: {}",
                        t.name,
                        describe(&e).0
                    ),
                )])
            })?,
            None => format!(
                "<!doctype html>\n<title>{}</title>\n<p>The site has no template \
                 {own} (nor {shared}) for this page.</p>\n",
                t.name
            ),
        };
        sink.put(
            &output_file(path),
            OutFile::Bytes(Arc::new(html.into_bytes())),
        )
    }
}
