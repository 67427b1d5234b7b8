//! `sitemap.xml` and `robots.txt`.
use crate::html::escape_text;

/// One URL of the sitemap, with its last modification date when known.
pub(crate) struct Url<'a> {
    pub(crate) loc: String,
    pub(crate) lastmod: Option<&'a str>,
}

pub(crate) fn sitemap(urls: &[Url]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for u in urls {
        out.push_str("  <url>\n    <loc>");
        out.push_str(&escape_text(&u.loc));
        out.push_str("</loc>\n");
        if let Some(d) = u.lastmod {
            out.push_str("    <lastmod>");
            out.push_str(&escape_text(d));
            out.push_str("</lastmod>\n");
        }
        out.push_str("  </url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

pub(crate) fn robots(base_url: &str) -> String {
    format!("User-agent: *\nAllow: /\nSitemap: {base_url}/sitemap.xml\n")
}
