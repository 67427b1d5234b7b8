//! Zola's section settings: `sort_by` (date, update_date, title, title_bytes, weight,
//! slug, none), the pages each order leaves out (no date to sort by...), `page.lower`
//! and `page.higher`, `page_template` (inherited by subsections' pages), `transparent`;
//! pagination (`paginate_by`, `paginate_reversed`, `paginate_path`, `paginator`); feeds;
//! taxonomies.
use crate::common::*;

/// The sections and pages of the fixture under `folders` (all when empty), one line
/// each: `path: text`.
fn listing(folders: &[&str]) -> String {
    let dir = site("zola-sections");
    let out = build(dir.path()).unwrap();
    let elsewhere = ["paged/", "reversed/", "tags/", "series/"];
    out.files
        .keys()
        .filter(|k| k.ends_with("index.html") && *k != "index.html")
        .filter(|k| match folders.is_empty() {
            true => !elsewhere.iter().any(|p| k.starts_with(p)),
            // (Not the pages themselves: `paged/p1/`.)
            false => {
                folders.iter().any(|f| k.starts_with(f))
                    && !(1..=5).any(|n| k.ends_with(&format!("/p{n}/index.html")))
            }
        })
        .map(|k| {
            let t = text(&out, k);
            let shown = match t.contains("<title>Redirect</title>") {
                true => "REDIRECT",
                false => t.trim_end(),
            };
            format!("{k}: {shown}")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// (A page its section cannot sort, `dated/c` without a date and `weighted/n` without a
/// weight, is not written, as Zola 0.22 writes none.)
#[test]
fn sections_sort_and_link_their_pages_as_zola_does() {
    insta::assert_snapshot!(listing(&[]), @r"
    blog/2020/index.html: In 2020: X
    blog/2020/x/index.html: X lower=Y higher=
    blog/index.html: Blog: Y X
    blog/y/index.html: Y lower= higher=X
    bytes/index.html: Bytes: A2 a1 a10 b
    bytes/p1/index.html: a10 lower=a1 higher=b
    bytes/p2/index.html: A2 lower= higher=a1
    bytes/p3/index.html: b lower=a10 higher=
    bytes/p4/index.html: a1 lower=A2 higher=a10
    dated/a/index.html: A lower=B higher=D
    dated/b/index.html: B lower= higher=A
    dated/d/index.html: D lower=A higher=
    dated/index.html: Dated: B A D
    plain/index.html: Plain: Zed Ex Why
    plain/x/index.html: Ex lower= higher=
    plain/y/index.html: Why lower= higher=
    plain/z/index.html: Zed lower= higher=
    slugs/b/index.html: Bee lower= higher=Nine
    slugs/index.html: Slugs: Bee Nine Ten
    slugs/item-10/index.html: Ten lower=Nine higher=
    slugs/item-9/index.html: Nine lower=Bee higher=Ten
    titled/index.html: Titled: a1 A2 a10 b
    titled/p1/index.html: a10 lower=A2 higher=b
    titled/p2/index.html: A2 lower=a1 higher=a10
    titled/p3/index.html: b lower=a10 higher=
    titled/p4/index.html: a1 lower= higher=A2
    tmpl/index.html: Templated: Own P
    tmpl/own/index.html: Own lower= higher=
    tmpl/p/index.html: custom: P
    tmpl/sub/index.html: Sub: Q
    tmpl/sub/q/index.html: custom: Q
    updates/index.html: Updates: Old New
    updates/new/index.html: New lower=Old higher=
    updates/old/index.html: Old lower= higher=New
    weighted/h/index.html: Heavy lower=Middle higher=
    weighted/index.html: Weighted: Light Middle Heavy
    weighted/l/index.html: Light lower= higher=Middle
    weighted/m/index.html: Middle lower=Light higher=Heavy
    ");
}

#[test]
fn paginated_sections_render_one_page_per_pager() {
    insta::assert_snapshot!(listing(&["paged/", "reversed/"]), @r#"
    paged/index.html: /paged/ Paged [P1 P2 ] 1/3 by 2 of 5 first=https://sections.example.org/paged/ last=https://sections.example.org/paged/page/3/ previous=- next=https://sections.example.org/paged/page/2/ base=https://sections.example.org/paged/page/
    paged/page/1/index.html: REDIRECT
    paged/page/2/index.html: /paged/page/2/ Paged [P3 P4 ] 2/3 by 2 of 5 first=https://sections.example.org/paged/ last=https://sections.example.org/paged/page/3/ previous=https://sections.example.org/paged/ next=https://sections.example.org/paged/page/3/ base=https://sections.example.org/paged/page/
    paged/page/3/index.html: /paged/page/3/ Paged [P5 ] 3/3 by 2 of 5 first=https://sections.example.org/paged/ last=https://sections.example.org/paged/page/3/ previous=https://sections.example.org/paged/page/2/ next=- base=https://sections.example.org/paged/page/
    reversed/index.html: /reversed/ Reversed [P5 P4 ] 1/3 by 2 of 5 first=https://sections.example.org/reversed/ last=https://sections.example.org/reversed/p/3/ previous=- next=https://sections.example.org/reversed/p/2/ base=https://sections.example.org/reversed/p/
    reversed/p/1/index.html: REDIRECT
    reversed/p/2/index.html: /reversed/p/2/ Reversed [P3 P2 ] 2/3 by 2 of 5 first=https://sections.example.org/reversed/ last=https://sections.example.org/reversed/p/3/ previous=https://sections.example.org/reversed/ next=https://sections.example.org/reversed/p/3/ base=https://sections.example.org/reversed/p/
    reversed/p/3/index.html: /reversed/p/3/ Reversed [P1 ] 3/3 by 2 of 5 first=https://sections.example.org/reversed/ last=https://sections.example.org/reversed/p/3/ previous=https://sections.example.org/reversed/p/2/ next=- base=https://sections.example.org/reversed/p/
    "#);
}

#[test]
fn the_first_pager_s_numbered_url_redirects_to_the_section() {
    let dir = site("zola-sections");
    let out = build(dir.path()).unwrap();
    let redirect = text(&out, "paged/page/1/index.html");
    assert!(
        redirect.contains("content=\"0; url=https://sections.example.org/paged/\""),
        "{redirect}"
    );
    assert!(out.files.contains_key("reversed/p/1/index.html"));
    assert!(!out.files.contains_key("paged/page/4/index.html"));
}

#[test]
fn feeds_of_the_site_and_of_a_section() {
    let dir = site("zola-sections");
    let out = build(dir.path()).unwrap();
    // The site's feeds: every dated page, newest first (ties by URL).
    let atom = text(&out, "atom.xml");
    let titles: Vec<&str> = atom
        .split("<title>")
        .skip(2)
        .map(|t| &t[..t.find('<').unwrap()])
        .collect();
    assert_eq!(titles, ["B", "Y", "New", "X", "A", "D", "Old"]);
    assert!(out.files.contains_key("rss.xml"));
    // A section's feed (generate_feeds = true), by Zola's built-in RSS template; a page
    // with a summary (`<!-- more -->`) gives its summary.
    insta::assert_snapshot!(text(&out, "blog/rss.xml"), @r#"
    <?xml version="1.0" encoding="UTF-8"?>
    <rss xmlns:atom="http://www.w3.org/2005/Atom" version="2.0">
        <channel>
          <title>Sections - Blog</title>
          <link>https://sections.example.org/blog/</link>
          <description></description>
          <generator>Zola</generator>
          <language>en</language>
          <atom:link href="https://sections.example.org/blog/rss.xml" rel="self" type="application/rss+xml"/>
          <lastBuildDate>Fri, 01 Jan 2021 00:00:00 +0000</lastBuildDate>
          <item>
              <title>Y</title>
              <pubDate>Fri, 01 Jan 2021 00:00:00 +0000</pubDate>
              <author>Ann</author>
              <link>https://sections.example.org/blog/y/</link>
              <guid>https://sections.example.org/blog/y/</guid>
              <description xml:base="https://sections.example.org/blog/y/">&lt;p&gt;Why &lt;em&gt;not&lt;&#x2F;em&gt;.&lt;&#x2F;p&gt;</description>
          </item>
          <item>
              <title>X</title>
              <pubDate>Wed, 01 Jan 2020 00:00:00 +0000</pubDate>
              <author>Site Author</author>
              <link>https://sections.example.org/blog/2020/x/</link>
              <guid>https://sections.example.org/blog/2020/x/</guid>
              <description xml:base="https://sections.example.org/blog/2020/x/"></description>
          </item>
        </channel>
    </rss>
    "#);
}

#[test]
fn taxonomies_have_a_list_a_page_per_term_and_feeds() {
    let dir = site("zola-sections");
    let out = build(dir.path()).unwrap();
    let written: Vec<&str> = out
        .files
        .keys()
        .filter(|k| k.starts_with("tags/") || k.starts_with("unused/"))
        .map(|k| k.as_str())
        .collect();
    assert_eq!(
        written,
        [
            "tags/index.html",
            "tags/rust/atom.xml",
            "tags/rust/index.html",
            "tags/rust/rss.xml",
            "tags/web-dev/atom.xml",
            "tags/web-dev/index.html",
            "tags/web-dev/rss.xml",
        ]
    );
    // `Rust` and `rust` are one term (one slug); its pages newest first, then the
    // undated.
    insta::assert_snapshot!(
        ["tags/index.html", "tags/rust/index.html", "tags/web-dev/index.html"]
            .map(|p| text(&out, p))
            .concat(),
        @r"
    /tags/ tags: Rust=rust(3) Web Dev=web-dev(1) url=https://sections.example.org/tags/web-dev/
    /tags/rust/ Rust: Y A C of 2
    /tags/web-dev/ Web Dev: Y of 2
    "
    );
}

#[test]
fn taxonomy_functions_fail_as_zolas_do() {
    let dir = site("zola-sections");
    std::fs::write(
        dir.path().join("templates/tags/list.html"),
        "{{ get_taxonomy_url(kind=\"tags\", name=\"Nope\") }}",
    )
    .unwrap();
    let problems = problems(dir.path());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("templates/tags/list.html: ")
            && problems[0].ends_with("`get_taxonomy_url`: couldn't find `Nope` in `tags` taxonomy"),
        "{problems:?}"
    );
}

#[test]
fn a_taxonomy_s_paginate_by_paginates_its_terms() {
    let dir = site("zola-sections");
    let out = build(dir.path()).unwrap();
    let pagers: Vec<String> = out
        .files
        .keys()
        .filter(|k| k.starts_with("series/s/"))
        .map(|k| format!("{k}: {}", text(&out, k).lines().next().unwrap_or_default()))
        .collect();
    assert_eq!(
        pagers,
        [
            "series/s/index.html: /series/s/ S: B 1/2",
            "series/s/page/1/index.html: <!doctype html>",
            "series/s/page/2/index.html: /series/s/page/2/ S: D 2/2",
        ]
    );
}

#[test]
fn taxonomy_has_every_key_zola_gives_it() {
    let dir = site("zola-sections");
    std::fs::write(
        dir.path().join("templates/series/list.html"),
        "{{ taxonomy.name }} {{ taxonomy.slug }} {{ taxonomy.lang }} feed={{ taxonomy.feed }} \
         render={{ taxonomy.render }} by={{ taxonomy.paginate_by }} \
         path={{ taxonomy.paginate_path | default(value=\"none\") }}",
    )
    .unwrap();
    let out = build(dir.path()).unwrap();
    assert_eq!(
        text(&out, "series/index.html"),
        "series series en feed=false render=true by=1 path=none"
    );
}

#[test]
fn each_pager_page_has_its_own_current_url() {
    let dir = site("zola-sections");
    std::fs::write(
        dir.path().join("templates/paged.html"),
        "{{ current_path | safe }} {{ current_url | safe }}",
    )
    .unwrap();
    let out = build(dir.path()).unwrap();
    let url = |path: &str| text(&out, path);
    assert!(
        url("paged/index.html").ends_with("/paged/"),
        "{}",
        url("paged/index.html")
    );
    let second = url("paged/page/2/index.html");
    let (path, permalink) = second.split_once(' ').unwrap();
    assert_eq!(path, "/paged/page/2/");
    assert!(
        permalink.ends_with("/paged/page/2/") && permalink.starts_with("http"),
        "{second}"
    );
}

/// A taxonomy whose list or term template is missing (neither `<name>/list.html` nor
/// `taxonomy_list.html`) fails the build, as in Zola, naming the templates to write.
#[test]
fn a_taxonomy_without_its_templates_fails_the_build() {
    let dir = site("zola-sections");
    std::fs::remove_file(dir.path().join("templates/tags/list.html")).unwrap();
    assert_eq!(
        problems(dir.path()),
        [
            "config.toml: the taxonomy `tags` has no template for its list of terms at /tags/: \
          write templates/tags/list.html or templates/taxonomy_list.html"
        ]
    );
    std::fs::write(dir.path().join("templates/taxonomy_list.html"), "terms").unwrap();
    std::fs::remove_file(dir.path().join("templates/tags/single.html")).unwrap();
    assert_eq!(
        problems(dir.path()),
        [
            "config.toml: the taxonomy `tags` has no template for its term pages at /tags/rust/: \
          write templates/tags/single.html or templates/taxonomy_single.html"
        ]
    );
    std::fs::write(
        dir.path().join("templates/taxonomy_single.html"),
        "{{ term.name }}",
    )
    .unwrap();
    let out = build(dir.path()).unwrap();
    assert_eq!(text(&out, "tags/index.html"), "terms");
    assert_eq!(text(&out, "tags/rust/index.html"), "Rust");
}

/// The sitemap lists what Zola's lists, sorted by URL: pages (with their `updated`, else
/// `date`) and sections, each pager of a paginated section (the first, which only
/// redirects, too), and the taxonomies' pages (one no page uses too, though it has no
/// page).
#[test]
fn the_sitemap_lists_pagers_and_taxonomies_as_zola_does() {
    let dir = site("zola-sections");
    let out = build(dir.path()).unwrap();
    let xml = text(&out, "sitemap.xml");
    let locs: Vec<&str> = xml
        .split("<loc>")
        .skip(1)
        .map(|l| &l[..l.find("</loc>").unwrap()])
        .collect();
    let mut sorted = locs.clone();
    sorted.sort();
    assert_eq!(locs, sorted);
    assert_eq!(locs.len(), 67, "{xml}");
    for loc in [
        "paged/page/1/",
        "paged/page/2/",
        "unused/",
        "tags/rust/",
        "dated/c/",
    ] {
        let want = format!("https://sections.example.org/{loc}");
        assert!(locs.contains(&want.as_str()), "{loc}: {xml}");
    }
    assert!(
        xml.contains(
            "    <url>\n        <loc>https://sections.example.org/dated/a/</loc>\n        \
             <lastmod>2020-01-01</lastmod>\n    </url>\n"
        ),
        "{xml}"
    );
}

/// `section.pages` and `paginator.pages` hold whole pages, with their `content` and
/// `toc`, as in Zola 0.22.
#[test]
fn listed_pages_have_their_content() {
    let dir = site("zola-sections");
    std::fs::write(
        dir.path().join("templates/section.html"),
        "{% for p in section.pages %}{{ p.title }}={{ p.content | striptags | trim }}/{{ p.toc | length }};{% endfor %}",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("content/weighted/h.md"),
        "+++\ntitle = \"Heavy\"\nweight = 30\n+++\n## Inside\n\nHeavy text.\n",
    )
    .unwrap();
    let out = build(dir.path()).unwrap();
    let html = text(&out, "weighted/index.html");
    assert_eq!(html, "Light=/0;Middle=/0;Heavy=Inside\nHeavy text./1;");
}

/// A `render = false` page is in the site's feed but not in its section's, as in Zola.
#[test]
fn an_unrendered_page_is_in_the_site_feed_only() {
    let dir = site("zola-sections");
    std::fs::write(
        dir.path().join("content/blog/hidden.md"),
        "+++\ntitle = \"Hidden one\"\ndate = 2021-01-01\nrender = false\n+++\nx\n",
    )
    .unwrap();
    let out = build(dir.path()).unwrap();
    assert!(text(&out, "atom.xml").contains("Hidden one"));
    assert!(!text(&out, "blog/atom.xml").contains("Hidden one"));
    assert!(!out.files.contains_key("blog/hidden/index.html"));
}
