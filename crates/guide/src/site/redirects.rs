//! Redirect pages, as Zola writes them: one at each of a page's or section's `aliases`
//! (an old URL), and a section's own page when it says `redirect_to`. The HTML is Zola
//! 0.22's built-in redirect template, byte for byte: a script that keeps the `#hash`,
//! a refresh for readers without scripts, and a link.
use crate::site::config::Config;
use crate::site::content::Source;

/// Zola's redirect page to `url`.
pub(crate) fn html(url: &str) -> String {
    format!(
        "<!doctype html>\n<meta charset=\"utf-8\">\n<title>Redirect</title>\n<script>\n  \
         const target = \"{url}\";\n  const hash = window.location.hash || \"\";\n  \
         window.location.replace(target + hash);\n</script>\n<noscript>\n  <meta \
         http-equiv=\"refresh\" content=\"0; url={url}\">\n</noscript>\n<p><a \
         href=\"{url}\">Click here</a> to be redirected.</p>\n"
    )
}

/// The output file of an alias: itself when it names an `.html` file
/// (`old/page.html`), else `index.html` in its folder (`/old/page` ->
/// `old/page/index.html`).
pub(crate) fn alias_output(alias: &str) -> String {
    let parts: Vec<&str> = alias.split('/').filter(|p| !p.is_empty()).collect();
    match parts.last() {
        Some(last) if last.ends_with(".html") => parts.join("/"),
        Some(_) => format!("{}/index.html", parts.join("/")),
        None => "index.html".to_string(),
    }
}

/// The absolute URL of a section's `redirect_to`: as written when it has a scheme,
/// else a path of the site (`posts/a` -> `https://host/posts/a/`).
pub(crate) fn target(config: &Config, redirect_to: &str) -> String {
    if redirect_to.contains("://") || redirect_to.starts_with("mailto:") {
        return redirect_to.to_string();
    }
    let path = redirect_to.trim_start_matches('/');
    let path = if path.is_empty() || path.ends_with('/') || path.ends_with(".html") {
        format!("/{path}")
    } else {
        format!("/{path}/")
    };
    config.permalink(&path)
}

/// Every alias of `sources`: (output path, the page it redirects to, source).
pub(crate) fn aliases<'a>(
    sources: &'a [Source],
    config: &'a Config,
) -> impl Iterator<Item = (String, String, &'a Source)> + 'a {
    sources.iter().flat_map(move |s| {
        s.front
            .aliases
            .iter()
            .map(move |a| (alias_output(a), config.permalink(&s.path), s))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_outputs_as_zola_writes_them() {
        assert_eq!(
            alias_output("/an-old-url/old-page"),
            "an-old-url/old-page/index.html"
        );
        assert_eq!(
            alias_output("/an-old-url/an-old-alias.html"),
            "an-old-url/an-old-alias.html"
        );
        assert_eq!(alias_output("top-level.html"), "top-level.html");
        assert_eq!(
            alias_output("another-old-url/index.html"),
            "another-old-url/index.html"
        );
    }

    #[test]
    fn the_redirect_page_is_zolas() {
        let page = html("https://x.test/a/");
        assert!(page
            .starts_with("<!doctype html>\n<meta charset=\"utf-8\">\n<title>Redirect</title>\n"));
        assert!(page.contains("  const target = \"https://x.test/a/\";\n"));
        assert!(page
            .ends_with("<p><a href=\"https://x.test/a/\">Click here</a> to be redirected.</p>\n"));
    }
}
