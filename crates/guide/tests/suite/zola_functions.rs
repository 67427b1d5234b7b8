//! Zola's global functions and filters, in the theme's templates and in page bodies:
//! `get_url`, `get_hash`, `get_page`, `get_section`, `load_data`, `trans`, the taxonomy
//! functions (no taxonomies yet), and the filters `markdown`, `base64_encode`,
//! `base64_decode`, `num_format`, `regex_replace`. Zola's own test values where it has
//! them (the hashes of `// Hello world!`).
use crate::common::*;

#[test]
fn every_function_and_filter_in_a_template() {
    let dir = site("zola-functions");
    let out = build(dir.path()).unwrap();
    insta::assert_snapshot!(text(&out, "functions/index.html"), @r#"
    url: https://fn.example.org/blog/first/ | https://fn.example.org/blog/first/#intro
    static: https://fn.example.org/app.css | https://fn.example.org/app.css/ | https://fn.example.org/app.css?h=572e691dc68c3fcd653ae463261bdb38f35dc6f01715d9ce68799319dd158840
    lang: https://fn.example.org/fr/app.css
    hash: 572e691dc68c3fcd653ae463261bdb38f35dc6f01715d9ce68799319dd158840 | Vy5pHcaMP81lOuRjJhvbOPNdxvAXFdnOaHmTGd0ViEA= | a4abd444
    page: First https:&#x2F;&#x2F;fn.example.org&#x2F;blog&#x2F;first&#x2F; intro
    section: Blog 1 false
    csv: name,n ann=1 bob=2 
    yaml: red+green 3
    json: 1,2 toml: v
    literal: 1 plain text
    missing: none
    trans: Hello Bonjour
    taxonomy: none
    filters: <p><strong>b</strong> text</p>
    |<strong>b</strong>|aMOpbGxv|héllo|1,234,567|1.234.567|a&lt;b&gt;&lt;c&gt;
    "#);
}

/// A body sees the pages without their content (bodies are being parsed).
#[test]
fn functions_in_a_page_body() {
    let dir = site("zola-functions");
    let out = build(dir.path()).unwrap();
    assert_eq!(
        text(&out, "body/index.html"),
        "<p>Link: https://fn.example.org/blog/first/#intro, Bonjour, <em>x</em></p>\n\
         <p>Page: First false, section: Blog of 1</p>\n\n"
    );
}

/// Replaces the functions template by `text` and returns the build's problems.
fn problems_of(text: &str) -> Vec<String> {
    let dir = site("zola-functions");
    std::fs::write(dir.path().join("templates/functions.html"), text).unwrap();
    problems(dir.path())
}

#[test]
fn errors_are_zolas_at_the_template_line() {
    let cases = [
        (
            "a\n{{ get_url(path=\"@/nope.md\") }}\n",
            "templates/functions.html:2: template error while rendering \
             content/functions.md: Failed to render 'functions.html': Function call \
             'get_url' failed: `get_url`: could not resolve URL for link `@/nope.md` not \
             found.",
        ),
        (
            "{{ get_hash(path=\"nope.css\") }}",
            "`get_hash`: Cannot find file: nope.css",
        ),
        (
            "{{ get_hash(path=\"app.css\", literal=\"x\") }}",
            "`get_hash`: must have only one of `path` or `literal` argument",
        ),
        (
            "{{ get_hash(literal=\"x\", sha_type=1) }}",
            "`get_hash`: Invalid sha value",
        ),
        (
            "{{ get_url(path=\"a.css\", lang=\"de\") }}",
            "`de` is not an authorized language (check config.languages).",
        ),
        (
            "{{ get_page(path=\"nope.md\") }}",
            "Page `nope.md` not found.",
        ),
        (
            "{{ get_section(path=\"nope/_index.md\") }}",
            "Section `nope/_index.md` not found.",
        ),
        (
            "{{ load_data(path=\"nope.json\") }}",
            "`load_data`: file `nope.json` not found",
        ),
        (
            "{{ load_data(url=\"https://example.org/x.json\") }}",
            "`load_data`: `url` (https://example.org/x.json) is not supported",
        ),
        (
            "{{ trans(key=\"nope\") }}",
            "Failed to retrieve term translation: Translation key 'nope' for language 'en' \
             is missing",
        ),
        (
            "{{ get_taxonomy_url(kind=\"tags\", name=\"x\") }}",
            "`get_taxonomy_url` received an unknown taxonomy as kind: tags",
        ),
        (
            "{{ 1 | num_format(locale=\"xx\") }}",
            "Filter `num_format` was called with an invalid `locale` argument: `xx`.",
        ),
        (
            "{{ \"a\" | regex_replace(pattern=\"(\", rep=\"\") }}",
            "`regex_replace`: failed to compile regex",
        ),
        (
            "{{ \"%%\" | base64_decode }}",
            "`base64_decode`: failed to decode",
        ),
    ];
    for (template, expected) in cases {
        let problems = problems_of(template);
        assert_eq!(problems.len(), 1, "{template}: {problems:?}");
        assert!(
            problems[0].starts_with("templates/functions.html:") && problems[0].contains(expected),
            "{template}: {problems:?}"
        );
    }
}

/// `load_data` of a JSON file keeps its objects' keys in the file's order (Zola's Tera
/// keeps it); a TOML file's tables come sorted, as in Zola.
#[test]
fn load_data_keeps_a_json_file_s_key_order() {
    let dir = site("zola-functions");
    let data = dir.path().join("static/data");
    std::fs::write(
        data.join("order.json"),
        r#"{"zeta": 1, "alpha": {"y": 1, "b": 2}, "mid": 3}"#,
    )
    .unwrap();
    std::fs::write(data.join("order.toml"), "zeta = 1\nalpha = 2\nmid = 3\n").unwrap();
    std::fs::write(
        dir.path().join("templates/index.html"),
        "{% set j = load_data(path=\"static/data/order.json\") %}\
         {% for k, v in j %}{{ k }},{% endfor %}|{% for k, v in j.alpha %}{{ k }},{% endfor %}|\
         {% for k, v in load_data(path=\"static/data/order.toml\") %}{{ k }},{% endfor %}",
    )
    .unwrap();
    let out = build(dir.path()).unwrap();
    assert_eq!(
        text(&out, "index.html"),
        "zeta,alpha,mid,|y,b,|alpha,mid,zeta,"
    );
}
