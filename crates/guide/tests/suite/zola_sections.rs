//! Zola's section settings: `sort_by` (date, update_date, title, title_bytes, weight,
//! slug, none), the pages each order leaves out (no date to sort by...), `page.lower`
//! and `page.higher`, `page_template` (inherited by subsections' pages), `transparent`;
//! pagination (`paginate_by`, `paginate_reversed`, `paginate_path`, `paginator`).
use crate::common::*;

/// The sections and pages of the fixture under `folders` (all when empty), one line
/// each: `path: text`.
fn listing(folders: &[&str]) -> String {
    let dir = site("zola-sections");
    let out = build(dir.path()).unwrap();
    let paginated = ["paged/", "reversed/"];
    out.files
        .keys()
        .filter(|k| k.ends_with("index.html") && *k != "index.html")
        .filter(|k| match folders.is_empty() {
            true => !paginated.iter().any(|p| k.starts_with(p)),
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
    dated/c/index.html: C lower= higher=
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
    weighted/n/index.html: None lower= higher=
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
