//! Zola's pagination: a section with `paginate_by = N` is rendered once per N of its
//! pages (reversed first with `paginate_reversed`), each pager with a `paginator`: the
//! first at the section's URL, the others at `<section>/<paginate_path>/<n>/` (`page`
//! unless the section says), and `<section>/<paginate_path>/1/` redirects to the first.
use serde::Serialize;

/// The `paginator` a pager's template sees, in Zola's shape.
#[derive(Debug, Serialize)]
pub(crate) struct Paginator<'p, T> {
    pub(crate) paginate_by: usize,
    /// The pagers' URL without their number (`https://host/posts/page/`).
    pub(crate) base_url: String,
    pub(crate) number_pagers: usize,
    pub(crate) first: String,
    pub(crate) last: String,
    pub(crate) previous: Option<String>,
    pub(crate) next: Option<String>,
    /// The number of pages over all pagers.
    pub(crate) total_pages: usize,
    pub(crate) pages: &'p [T],
    /// 1-based.
    pub(crate) current_index: usize,
}

/// The pagers of a section at URL path `section_path`: each one's URL path.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Pagers {
    pub(crate) paths: Vec<String>,
    /// The folder the pagers after the first are in (`/posts/page/`).
    pub(crate) folder: String,
}

impl Pagers {
    /// `count` pages, `by` a pager.
    pub(crate) fn new(section_path: &str, count: usize, by: usize, paginate_path: &str) -> Pagers {
        let folder = match paginate_path.trim_matches('/') {
            "" => section_path.to_string(),
            p => format!("{section_path}{p}/"),
        };
        let number = count.div_ceil(by.max(1)).max(1);
        let paths = (1..=number)
            .map(|n| match n {
                1 => section_path.to_string(),
                n => format!("{folder}{n}/"),
            })
            .collect();
        Pagers { paths, folder }
    }

    /// The `paginator` of pager `index` (0-based) holding `pages` of `total`;
    /// `permalink` makes a URL path absolute.
    pub(crate) fn paginator<'p, T>(
        &self,
        index: usize,
        pages: &'p [T],
        total: usize,
        by: usize,
        permalink: impl Fn(&str) -> String,
    ) -> Paginator<'p, T> {
        let n = self.paths.len();
        Paginator {
            paginate_by: by,
            base_url: permalink(&self.folder),
            number_pagers: n,
            first: permalink(&self.paths[0]),
            last: permalink(&self.paths[n - 1]),
            previous: index.checked_sub(1).map(|p| permalink(&self.paths[p])),
            next: (index + 1 < n).then(|| permalink(&self.paths[index + 1])),
            total_pages: total,
            pages,
            current_index: index + 1,
        }
    }

    /// The output path of the redirect from the first pager's numbered URL
    /// (`posts/page/1/index.html`).
    pub(crate) fn first_redirect(&self) -> String {
        format!("{}1/index.html", self.folder.trim_start_matches('/'))
    }
}

/// Zola's redirect page to `url` (its built-in template, byte for byte: one copy, in
/// `redirects`).
pub(crate) fn redirect_html(url: &str) -> String {
    crate::site::redirects::html(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagers_as_zola_writes_them() {
        let p = Pagers::new("/posts/", 5, 2, "page");
        assert_eq!(p.paths, ["/posts/", "/posts/page/2/", "/posts/page/3/"]);
        assert_eq!(p.first_redirect(), "posts/page/1/index.html");
        let g = p.paginator(1, &[1, 2], 5, 2, |x| format!("https://h{x}"));
        assert_eq!(g.previous.as_deref(), Some("https://h/posts/"));
        assert_eq!(g.next.as_deref(), Some("https://h/posts/page/3/"));
        assert_eq!((g.number_pagers, g.current_index), (3, 2));
        assert_eq!(g.base_url, "https://h/posts/page/");
        let empty = Pagers::new("/", 0, 10, "");
        assert_eq!(empty.paths, ["/"]);
    }
}
