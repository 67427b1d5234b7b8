//! A taxonomy's pages: its list (`<name>/list.html`, else `taxonomy_list.html`, with
//! `terms`) and one page per term (`<name>/single.html`, else `taxonomy_single.html`,
//! with `term`, paginated by the taxonomy's `paginate_by`), both with `taxonomy` (its
//! configuration) and `lang`; a term's feeds when the taxonomy says `feed = true`.
use std::sync::Arc;

use tera::Context;

use super::Job;
use crate::errors::{describe_template_error as describe, BuildError, Problem};
use crate::paths::output_file;
use crate::site::functions::content::TaxonomyIndex;
use crate::site::paginate::Pagers;
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
            ctx.insert("taxonomy", &t.value());
            ctx.insert("lang", &t.lang);
            ctx.insert("terms", &value["items"]);
            self.taxonomy_page(&mut ctx, t, "list", &t.path, sink)?;
            ctx.remove("terms");
            for term in &t.terms {
                let term_value = &index.terms[&key][&term.slug];
                ctx.insert("term", term_value);
                self.term_pages(&mut ctx, t, term_value, &term.path, sink)?;
                if t.feed {
                    let pages = &term.pages;
                    self.term_feeds(base_ctx, sink, pages, term_value, &term.path, &t.lang)?;
                }
            }
        }
        Ok(())
    }

    /// The page of a term (`term`: its value) at URL path `path`: one per pager when the
    /// taxonomy says `paginate_by` (`paginate_path`, default `page`), the first pager's
    /// numbered URL redirecting to the term.
    fn term_pages(
        &self,
        ctx: &mut Context,
        t: &Taxonomy,
        term: &serde_json::Value,
        path: &str,
        sink: &dyn Sink,
    ) -> Result<(), BuildError> {
        let by = t.kind.get("paginate_by").and_then(|b| b.as_integer());
        let Some(by) = by.and_then(|b| usize::try_from(b).ok()).filter(|b| *b > 0) else {
            return self.taxonomy_page(ctx, t, "single", path, sink);
        };
        let pages = term["pages"].as_array().map_or(&[][..], |p| p.as_slice());
        let paginate_path = t.kind.get("paginate_path").and_then(|p| p.as_str());
        let pagers = Pagers::new(path, pages.len(), by, paginate_path.unwrap_or("page"));
        let chunks: Vec<&[serde_json::Value]> = match pages.is_empty() {
            true => vec![&[]],
            false => pages.chunks(by).collect(),
        };
        let permalink = |p: &str| self.config.permalink(p);
        for (n, chunk) in chunks.iter().enumerate() {
            let paginator = pagers.paginator(n, chunk, pages.len(), by, permalink);
            ctx.insert("paginator", &paginator);
            self.taxonomy_page(ctx, t, "single", &pagers.paths[n], sink)?;
        }
        ctx.remove("paginator");
        let redirect = crate::site::paginate::redirect_html(&permalink(path));
        let out = pagers.first_redirect();
        sink.put(&out, OutFile::Bytes(Arc::new(redirect.into_bytes())))
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
            // Zola fails the build too ("Tried to render `taxonomy_list.html` but the
            // template wasn't found").
            None => {
                return Err(BuildError::Problems(vec![Problem::new(
                    &self.config.file,
                    format!(
                        "the taxonomy `{}` has no template for its {what} at {path}: write \
                         templates/{own} or templates/{shared}",
                        t.name,
                        what = match kind {
                            "list" => "list of terms",
                            _ => "term pages",
                        },
                    ),
                )]))
            }
        };
        sink.put(
            &output_file(path),
            OutFile::Bytes(Arc::new(html.into_bytes())),
        )
    }
}
