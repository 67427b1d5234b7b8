//! Code highlighting as Zola 0.22 documents it: `[markdown.highlighting]` with a theme or
//! light/dark themes, `style = "inline"` or `"class"` (with `giallo.css` or
//! `giallo-light.css` + `giallo-dark.css` at the output root), the fence options
//! `linenos`, `linenostart`, `hl_lines`, `hide_lines`, `extra_grammars` and
//! `extra_themes`, unknown languages as plain text.
use std::path::Path;

use crate::common::*;

fn config(root: &Path) -> String {
    std::fs::read_to_string(root.join("site.toml")).unwrap()
}

fn set_config(root: &Path, text: &str) {
    std::fs::write(root.join("site.toml"), text).unwrap();
}

/// The line of `content/code.md` that holds `needle`.
fn line_of(root: &Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(root.join("content/code.md")).unwrap();
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

/// The class that `css` gives colour `hex` (`.z-d-3 { color: #FF8800; }` -> `z-d-3`).
fn class_of_colour(css: &str, hex: &str) -> String {
    let line = css
        .lines()
        .find(|l| l.to_uppercase().contains(&hex.to_uppercase()) && l.contains("{ color"))
        .unwrap_or_else(|| panic!("no rule for {hex} in {css}"));
    line.trim_start_matches('.')
        .split_whitespace()
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn class_mode_writes_classes_and_two_stylesheets() {
    let dir = site("highlighting");
    let out = build(dir.path()).unwrap();
    let html = text(&out, "code/index.html");
    let article = between(&html, "<article>", "</article>");
    assert!(
        !article.contains("style="),
        "class mode must not need inline styles: {article}"
    );
    let light = text(&out, "giallo-light.css");
    let dark = text(&out, "giallo-dark.css");
    assert!(light.contains(".z-l-code"), "{light}");
    // The dark theme is the site's own file (extra_themes): its background.
    assert!(
        dark.contains(".z-d-code") && dark.to_uppercase().contains("#101010"),
        "{dark}"
    );
    assert!(!out.files.contains_key("giallo.css"));

    // The site's grammar (extra_grammars) marks `if` and `while` as keywords, which the
    // site's dark theme colours #FF8800.
    let keyword = class_of_colour(&dark, "#FF8800");
    let mylang = between(article, "data-lang=\"mylang\"", "</pre>");
    assert!(
        mylang.contains(&format!("{keyword}\">if</span>")),
        "{mylang}"
    );
    assert!(
        mylang.contains(&format!("{keyword}\">while</span>")),
        "{mylang}"
    );
}

#[test]
fn fence_options_number_mark_and_hide_lines() {
    let dir = site("highlighting");
    let out = build(dir.path()).unwrap();
    let html = text(&out, "code/index.html");
    let toml = between(&html, "data-lang=\"toml\"", "</pre>");
    // linenostart=10; line 3 is hidden, its number with it.
    let numbers: Vec<String> = toml
        .split("class=\"giallo-ln\">")
        .skip(1)
        .map(|s| s[..s.find('<').unwrap()].trim().to_string())
        .collect();
    assert_eq!(numbers, ["10", "11", "13"]);
    assert!(!toml.contains("yes"), "{toml}");
    // hl_lines=2: only the second line carries the highlight class.
    let lines: Vec<&str> = toml.split("<span class=\"giallo-l").skip(1).collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[1].contains("z-l-hl") && lines[1].contains("max_retries"));
    assert!(!lines[0].contains("-hl") && !lines[2].contains("-hl"));
    // The options never become a class or a language.
    assert!(!html.contains("linenos"), "{html}");
}

#[test]
fn unknown_or_missing_languages_are_plain_text() {
    let dir = site("highlighting");
    let out = build(dir.path()).unwrap();
    let html = text(&out, "code/index.html");
    assert!(html.contains("a &lt; b &amp;&amp; c"), "{html}");
    assert!(html.contains("plain &lt;text&gt;"), "{html}");
    assert!(html.contains("indented block"), "{html}");
}

#[test]
fn inline_mode_styles_tokens_and_writes_no_stylesheet() {
    let dir = site("highlighting");
    let root = dir.path();
    set_config(
        root,
        &config(root).replace("style = \"class\"", "style = \"inline\""),
    );
    let out = build(root).unwrap();
    let html = text(&out, "code/index.html");
    assert!(html.contains("<pre class=\"giallo\" style=\""), "{html}");
    assert!(
        html.contains("light-dark("),
        "two themes inline use light-dark(): {html}"
    );
    assert!(!out.files.keys().any(|k| k.starts_with("giallo")));
}

#[test]
fn one_theme_in_class_mode_writes_giallo_css() {
    let dir = site("highlighting");
    let root = dir.path();
    let text_before = config(root);
    let single = text_before
        .replace("light_theme = \"github-light\"\n", "")
        .replace("dark_theme = \"fixture-dark\"", "theme = \"fixture-dark\"");
    set_config(root, &single);
    let out = build(root).unwrap();
    assert!(text(&out, "giallo.css").contains(".z-code"));
    assert!(!out.files.contains_key("giallo-dark.css"));
}

#[test]
fn the_sites_own_stylesheet_wins() {
    let dir = site("highlighting");
    let root = dir.path();
    std::fs::create_dir_all(root.join("static")).unwrap();
    std::fs::write(root.join("static/giallo-dark.css"), "/* mine */\n").unwrap();
    let out = build(root).unwrap();
    assert_eq!(text(&out, "giallo-dark.css"), "/* mine */\n");
    assert!(text(&out, "giallo-light.css").contains(".z-l-code"));
}

#[test]
fn without_highlighting_only_the_language_is_a_class() {
    let dir = site("highlighting");
    let root = dir.path();
    let cfg = config(root);
    set_config(root, &cfg[..cfg.find("[markdown.highlighting]").unwrap()]);
    let out = build(root).unwrap();
    let html = text(&out, "code/index.html");
    assert!(
        html.contains("<pre><code class=\"language-toml\" data-lang=\"toml\">[delivery]"),
        "{html}"
    );
    assert!(!html.contains("giallo") && !html.contains("linenos"));
}

#[test]
fn a_strict_site_names_the_block_of_an_unknown_language() {
    let dir = site("highlighting");
    let root = dir.path();
    set_config(
        root,
        &config(root).replace(
            "style = \"class\"",
            "style = \"class\"\nerror_on_missing_language = true",
        ),
    );
    let line = line_of(root, "```no-such-language");
    let problems = problems(root);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with(&format!("content/code.md:{line}: "))
            && problems[0].contains("no-such-language"),
        "{problems:?}"
    );
}

#[test]
fn bad_settings_name_the_configuration_line() {
    let dir = site("highlighting");
    let root = dir.path();
    let cfg = config(root).replace("\"fixture-dark\"\n", "\"no-such-theme\"\n");
    let theme_line = cfg
        .lines()
        .position(|l| l.contains("no-such-theme"))
        .unwrap()
        + 1;
    let cfg = cfg.replace("syntaxes/mylang.json", "syntaxes/missing.json");
    let grammar_line = cfg
        .lines()
        .position(|l| l.contains("missing.json"))
        .unwrap()
        + 1;
    set_config(root, &cfg);
    let problems = problems(root);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with(&format!("site.toml:{theme_line}: "))
                && p.contains("no-such-theme")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with(&format!("site.toml:{grammar_line}: "))
                && p.contains("syntaxes/missing.json")),
        "{problems:?}"
    );
}

/// WCAG 2 relative luminance of `#rrggbb`.
fn luminance(hex: &str) -> f64 {
    let hex = hex.trim_start_matches('#');
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[test]
fn the_guides_code_colours_have_aa_contrast_in_light_and_dark() {
    let dir = crate::common::real_site::repo_root().join("themes/default/highlighting");
    for name in ["guide-light.json", "guide-dark.json"] {
        let theme: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap();
        let colors = &theme["colors"];
        let foregrounds: Vec<&str> = theme["tokenColors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|rule| rule["settings"]["foreground"].as_str().unwrap())
            .chain([
                colors["editor.foreground"].as_str().unwrap(),
                colors["editorLineNumber.foreground"].as_str().unwrap(),
            ])
            .collect();
        // Plain lines and the lines that hl_lines marks.
        for bg in ["editor.background", "editor.lineHighlightBackground"] {
            let bg = colors[bg].as_str().unwrap();
            for fg in &foregrounds {
                let ratio = contrast(fg, bg);
                assert!(ratio >= 4.5, "{name}: {fg} on {bg} is {ratio:.2}:1");
            }
        }
    }
}

#[test]
fn the_guide_highlights_its_config_dns_and_shell_samples_without_inline_styles() {
    let files = crate::common::real_site::build_real_site(|data| data.to_string());
    let page = &files["incidents/gmail-rejections/index.html"];
    // The theme's PowerMTA and DNS grammars and the built-in shell grammar were used.
    for lang in ["powermta", "dns-zone", "shellscript"] {
        let block = between(page, &format!("data-lang=\"{lang}\""), "</pre>");
        assert!(block.contains("<span class=\"z-l-"), "{lang}: {block}");
    }
    let pmta = between(page, "data-lang=\"powermta\"", "</pre>");
    assert!(pmta.contains("\">domain-key</span>"), "{pmta}");
    let dns = between(page, "data-lang=\"dns-zone\"", "</pre>");
    assert!(
        dns.contains("\">DMARC1</span>") && dns.contains("\"> TXT</span>"),
        "{dns}"
    );
    // Both generated stylesheets are linked, one per colour scheme, and the strict CSP
    // holds: no style attribute anywhere.
    let head = between(page, "<head>", "</head>");
    assert!(
        head.contains("media=\"(prefers-color-scheme: light)\""),
        "{head}"
    );
    assert!(
        head.contains("media=\"(prefers-color-scheme: dark)\""),
        "{head}"
    );
    for name in ["giallo-light.css", "giallo-dark.css"] {
        assert!(files.contains_key(name), "{name} missing");
    }
    for (path, text) in &files {
        if path.ends_with(".html") {
            assert!(!text.contains(" style=\""), "{path} has an inline style");
        }
    }
}
