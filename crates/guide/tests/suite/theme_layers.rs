//! A site's own `templates/` over its theme's, as Zola layers them: the site's template
//! of a name wins (also where a theme template includes or extends it), a front matter
//! `template` is found in either, and every theme template stays addressable as
//! `<theme>/templates/<name>`.
use crate::common::*;

#[test]
fn the_site_template_extends_the_theme_template_it_replaces() {
    let dir = site("theme-layers");
    let out = build(dir.path()).unwrap();
    // The site's index.html extends the theme's by its full name; the theme's includes
    // footer.html, which the site replaces too.
    insta::assert_snapshot!(text(&out, "index.html"), @r"
    <title>site title</title>
    <main>theme main</main>
    <footer>site footer</footer>
    ");
}

#[test]
fn a_theme_template_extends_the_site_template_of_that_name() {
    let dir = site("theme-layers");
    let out = build(dir.path()).unwrap();
    insta::assert_snapshot!(text(&out, "plain/index.html"), @r"
    <title>site title</title>
    <main>page Plain</main>
    <footer>site footer</footer>
    ");
}

#[test]
fn a_front_matter_template_is_found_in_the_site_or_the_theme() {
    let dir = site("theme-layers");
    let out = build(dir.path()).unwrap();
    assert_eq!(text(&out, "special/index.html"), "theme special: Special\n");
    assert_eq!(text(&out, "own/index.html"), "site own: Own\n");
}

#[test]
fn errors_name_the_file_the_template_comes_from() {
    let dir = site("theme-layers");
    std::fs::write(dir.path().join("templates/own.html"), "{{ page.nope.x }}\n").unwrap();
    std::fs::write(
        dir.path().join("themes/layered/templates/special.html"),
        "\n{{ page.gone.x }}\n",
    )
    .unwrap();
    let problems = problems(dir.path());
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].starts_with("templates/own.html:1: "),
        "{problems:?}"
    );
    assert!(
        problems[1].starts_with("themes/layered/templates/special.html:2: "),
        "{problems:?}"
    );
}

#[test]
fn an_unknown_template_names_both_folders() {
    let dir = site("theme-layers");
    std::fs::write(
        dir.path().join("content/own.md"),
        "+++\ntitle = \"Own\"\ntemplate = \"nope.html\"\n+++\n",
    )
    .unwrap();
    assert_eq!(
        problems(dir.path()),
        [
            "content/own.md:3: unknown template `nope.html` (not in templates and \
          themes/layered/templates)"
        ]
    );
}

/// The theme's `theme.toml` `[extra]` gives the defaults of `config.extra`: the site's
/// values win, tables merge key by key, as in Zola.
#[test]
fn the_themes_extra_fills_in_what_the_site_does_not_set() {
    let dir = site("theme-layers");
    std::fs::write(
        dir.path().join("themes/layered/theme.toml"),
        "name = \"layered\"\n\n[extra]\ncolor = \"blue\"\nsize = 2\n[extra.menu]\nhome = \"/\"\n\
         about = \"/about/\"\n",
    )
    .unwrap();
    let config = dir.path().join("config.toml");
    let site_config = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        format!("{site_config}\n[extra]\ncolor = \"red\"\n[extra.menu]\nhome = \"/start/\"\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("templates/own.html"),
        "{{ config.extra.color }} {{ config.extra.size }} {{ config.extra.menu.home }} \
         {{ config.extra.menu.about }}",
    )
    .unwrap();
    let out = build(dir.path()).unwrap();
    let page = out
        .files
        .keys()
        .find(|k| text(&out, k).starts_with("red "))
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        text(&out, &page),
        "red 2 &#x2F;start&#x2F; &#x2F;about&#x2F;"
    );
    // A table in one and a value in the other cannot merge: the theme's file says so.
    std::fs::write(
        dir.path().join("themes/layered/theme.toml"),
        "[extra]\ncolor = { light = \"white\" }\n",
    )
    .unwrap();
    let problems = problems(dir.path());
    assert!(
        problems[0].starts_with("themes/layered/theme.toml:1: the theme's `extra.color`"),
        "{problems:?}"
    );
}
