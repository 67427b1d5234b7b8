//! Rendering a paginated section (`paginate_by`): one page per pager, and the first
//! pager's numbered URL redirecting to the section (see `paginate`).
use std::sync::Arc;

use tera::Context;

use super::Job;
use crate::errors::BuildError;
use crate::paths::output_file;
use crate::site::content::Source;
use crate::site::paginate::Pagers;
use crate::site::sink::{OutFile, Sink};
use crate::site::views::PageSummary;

/// A pager that failed to render, or a file the sink refused.
pub(super) enum PagerError {
    Template(tera::Error),
    Sink(BuildError),
}

impl Job<'_> {
    /// Renders section `i` (`s`) with template `name`, `by` pages a pager: the pagers
    /// after the first and the redirect go to `sink`, the first pager is returned.
    pub(super) fn render_pagers(
        &self,
        ctx: &mut Context,
        i: usize,
        name: &str,
        by: usize,
        sink: &dyn Sink,
    ) -> Result<Arc<Vec<u8>>, PagerError> {
        let s: &Source = &self.sources[i];
        let section = self.tree.section(i, self.views);
        let listed = self.tree.section_pages(i);
        let total = listed.len();
        // (As Zola: a page that is not written, `render = false`, is in no pager.)
        let mut pages: Vec<&PageSummary> = listed
            .iter()
            .filter(|p| self.sources[**p].front.render != Some(false))
            .map(|p| &self.views[*p].summary)
            .collect();
        if s.front.paginate_reversed {
            pages.reverse();
        }
        let paginate_path = s.front.paginate_path.as_deref().unwrap_or("page");
        let pagers = Pagers::new(&s.path, pages.len(), by, paginate_path);
        let chunks: Vec<&[&PageSummary]> = match pages.is_empty() {
            true => vec![&[]],
            false => pages.chunks(by.max(1)).collect(),
        };
        self.prepare(ctx, s);
        ctx.insert("section", &section);
        let mut first = None;
        let permalink = |p: &str| self.config.permalink(p);
        for (n, chunk) in chunks.iter().enumerate() {
            let paginator = pagers.paginator(n, chunk, total, by, permalink);
            ctx.insert("paginator", &paginator);
            ctx.insert("current_path", &pagers.paths[n]);
            ctx.insert("current_url", &permalink(&pagers.paths[n]));
            let html = self.tera.render(name, ctx);
            let html = Arc::new(html.map_err(PagerError::Template)?.into_bytes());
            match n {
                0 => first = Some(html),
                _ => sink
                    .put(&output_file(&pagers.paths[n]), OutFile::Bytes(html))
                    .map_err(PagerError::Sink)?,
            }
        }
        ctx.remove("paginator");
        ctx.remove("section");
        let redirect = crate::site::paginate::redirect_html(&permalink(&s.path));
        sink.put(
            &pagers.first_redirect(),
            OutFile::Bytes(Arc::new(redirect.into_bytes())),
        )
        .map_err(PagerError::Sink)?;
        Ok(first.unwrap_or_default())
    }
}
