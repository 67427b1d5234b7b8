//! One code block: fence info string + code -> HTML.
use giallo::parse_markdown_fence;

use super::Highlighter;
use crate::html::escape_attr;

/// HTML of a fenced or indented code block. `info` is the text after the opening fence
/// (`rust,linenos,hl_lines=2`; empty for an indented block): its first word is the
/// language and the rest are Zola's options, which never reach the language class.
///
/// Without a highlighter the code is only escaped. `Err` (a message for the block's
/// line) only when the site sets `error_on_missing_language` and the language is unknown,
/// or when a grammar's own pattern fails on this code.
/// `zola`: a Zola site's block (Zola 0.22 gives an unhighlighted block only its
/// `data-lang`, no `language-x` class).
pub fn code_block(
    hl: Option<&Highlighter>,
    info: &str,
    code: &str,
    zola: bool,
) -> Result<String, String> {
    let Some(hl) = hl else {
        return Ok(plain_code_block(info, code, !zola));
    };
    let fence = parse_markdown_fence(info);
    let lang = if fence.lang.is_empty() {
        giallo::PLAIN_GRAMMAR_NAME
    } else {
        fence.lang.as_str()
    };
    if hl.settings.error_on_missing_language && !hl.knows(lang) {
        return Err(format!(
            "code block language `{lang}` is not known (error_on_missing_language is set)"
        ));
    }
    let highlighted = hl
        .registry
        .highlight(code, &hl.options(lang))
        .map_err(|e| format!("code block (`{lang}`) cannot be highlighted: {e}"))?;
    let mut html = hl.renderer(fence.rest).render(&highlighted, &fence.options);
    // Our giallo ends a `<pre>` without other attributes with ` >`; Zola's has no space.
    if let Some(end) = html.find('>').filter(|e| html[..*e].ends_with(' ')) {
        html.remove(end - 1);
    }
    html.push('\n');
    Ok(html)
}

/// The code block of a site without highlighting: `<pre><code class="language-x"
/// data-lang="x">` (without the class unless `class`) with the code escaped (the fence
/// options dropped).
pub fn plain_code_block(info: &str, code: &str, class: bool) -> String {
    let lang = info
        .split([',', ' ', '\t'])
        .map(str::trim)
        .find(|w| !w.is_empty())
        .filter(|w| !w.contains('='));
    let mut html = String::with_capacity(code.len() + 64);
    html.push_str("<pre><code");
    if let Some(lang) = lang {
        let lang = escape_attr(lang);
        if class {
            html.push_str(&format!(" class=\"language-{lang}\""));
        }
        html.push_str(&format!(" data-lang=\"{lang}\""));
    }
    html.push('>');
    escape_body(&mut html, code);
    html.push_str("</code></pre>\n");
    html
}

/// Escapes text between tags as pulldown-cmark does (`&`, `<`, `>`; quotes stay).
fn escape_body(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::highlight::Settings;

    fn highlighter(config: &str) -> Highlighter {
        let settings = Settings::from_config(config, "config.toml")
            .unwrap()
            .unwrap();
        Highlighter::load(settings, std::path::Path::new(".")).unwrap()
    }

    #[test]
    fn options_never_reach_the_language_class() {
        let html = plain_code_block("rust,linenos,hl_lines=1", "let a = 1 < 2;\n", true);
        assert!(html.starts_with("<pre><code class=\"language-rust\" data-lang=\"rust\">"));
        assert!(html.contains("let a = 1 &lt; 2;"));
        assert_eq!(
            plain_code_block("", "x", true),
            "<pre><code>x</code></pre>\n"
        );
        assert_eq!(
            plain_code_block("linenostart=3", "x", true),
            "<pre><code>x</code></pre>\n"
        );
    }

    #[test]
    fn class_mode_writes_classes_and_no_style() {
        let hl = highlighter(
            "[markdown.highlighting]\nstyle = \"class\"\nlight_theme = \"github-light\"\n\
             dark_theme = \"github-dark\"\n",
        );
        let html = code_block(
            Some(&hl),
            "toml,linenos,hl_lines=2",
            "[a]\nb = \"c\"\nd = 1\n",
            true,
        )
        .unwrap();
        assert!(!html.contains("style="), "{html}");
        assert!(html.contains("data-lang=\"toml\""), "{html}");
        assert!(html.contains("class=\"giallo-ln\""), "{html}");
        assert!(html.contains("z-l-hl"), "{html}");
        assert_eq!(hl.stylesheets().len(), 2);
        assert!(hl.stylesheets()[1].1.contains(".z-d-code"));
    }

    #[test]
    fn inline_mode_writes_styles_and_unknown_languages_are_plain() {
        let hl = highlighter("[markdown.highlighting]\ntheme = \"github-dark\"\n");
        let html = code_block(Some(&hl), "rust", "fn main() {}\n", true).unwrap();
        assert!(html.contains("style=\"color:"), "{html}");
        // (No space before the `>` of `<pre>`, as in Zola.)
        assert!(html.contains(";\"><code"), "{html}");
        let html = code_block(Some(&hl), "no-such-language", "a < b\n", true).unwrap();
        assert!(html.contains("a &lt; b"), "{html}");
        assert!(hl.stylesheets().is_empty());
    }

    #[test]
    fn hidden_lines_are_left_out() {
        let hl = highlighter("[markdown.highlighting]\ntheme = \"github-dark\"\n");
        let html = code_block(Some(&hl), "txt,hide_lines=2", "one\ntwo\nthree\n", true).unwrap();
        assert!(html.contains("one") && html.contains("three") && !html.contains("two"));
    }

    #[test]
    fn a_strict_site_rejects_unknown_languages() {
        let hl = highlighter(
            "[markdown.highlighting]\ntheme = \"github-dark\"\nerror_on_missing_language = true\n",
        );
        assert!(code_block(Some(&hl), "no-such-language", "x\n", true).is_err());
        assert!(code_block(Some(&hl), "", "x\n", true).is_ok());
    }

    #[test]
    fn unknown_themes_and_missing_extras_are_located_problems() {
        let settings = Settings::from_config(
            "[markdown.highlighting]\ntheme = \"nope\"\nextra_grammars = [\"missing.json\"]\n",
            "config.toml",
        )
        .unwrap()
        .unwrap();
        let problems =
            Highlighter::load(settings, std::path::Path::new("/nonexistent")).unwrap_err();
        let lines: Vec<_> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(3), Some(2)]);
    }
}
