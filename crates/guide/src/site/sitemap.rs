//! `sitemap.xml` and `robots.txt`.
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

use crate::html::escape_text;

/// What a URL path may not hold as it is (RFC 3986): a space, `#`, `?`, `%` and the
/// other characters outside its grammar (non-ASCII letters are always encoded).
const NOT_IN_PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The sitemap's `<loc>` of a page: `base_url` + its path, percent-encoded (a page
/// `/a b#c/` is `/a%20b%23c/`; a sitemap holds only valid URLs).
pub(crate) fn loc(base_url: &str, path: &str) -> String {
    format!("{base_url}{}", utf8_percent_encode(path, NOT_IN_PATH))
}

/// One URL of the sitemap, with its last modification date when known.
pub(crate) struct Url<'a> {
    pub(crate) loc: String,
    pub(crate) lastmod: Option<&'a str>,
}

/// The sitemap of `urls`; `zola`: laid out as Zola's built-in template writes it (four
/// spaces a level).
pub(crate) fn sitemap(urls: &[Url], zola: bool) -> String {
    let indent = if zola { "    " } else { "  " };
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for u in urls {
        out.push_str(&format!("{indent}<url>\n{indent}{indent}<loc>"));
        out.push_str(&escape_text(&u.loc));
        out.push_str("</loc>\n");
        if let Some(d) = u.lastmod {
            out.push_str(&format!("{indent}{indent}<lastmod>"));
            out.push_str(&escape_text(d));
            out.push_str("</lastmod>\n");
        }
        out.push_str(&format!("{indent}</url>\n"));
    }
    out.push_str("</urlset>\n");
    out
}

/// `robots.txt`; `zola`: Zola's built-in one (with its empty `Disallow:`).
pub(crate) fn robots(base_url: &str, zola: bool) -> String {
    let disallow = if zola { "Disallow:\n" } else { "" };
    format!("User-agent: *\n{disallow}Allow: /\nSitemap: {base_url}/sitemap.xml\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_percent_encoded_urls() {
        assert_eq!(loc("https://x.org", "/a/b/"), "https://x.org/a/b/");
        assert_eq!(
            loc("https://x.org", "/my page#1?/100%/é/"),
            "https://x.org/my%20page%231%3F/100%25/%C3%A9/"
        );
        let xml = sitemap(
            &[Url {
                loc: loc("https://x.org", "/a&b/"),
                lastmod: None,
            }],
            false,
        );
        assert!(xml.contains("<loc>https://x.org/a&amp;b/</loc>"), "{xml}");
    }
}
