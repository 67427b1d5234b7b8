//! Zola's image functions, as its documentation describes them: `resize_image(path,
//! width, height, op, format, quality)` with the ops scale, fit_width, fit_height, fit
//! (never enlarges) and fill (the default; centre crop), formats auto/jpg/png/webp; the
//! result `{url, static_path, width, height, orig_width, orig_height}`; the images kept
//! in `static/processed_images/` under the site root between builds and published under
//! `/processed_images/`; `get_image_metadata(path, allow_missing)`.
use std::path::Path;

use crate::common::*;

fn draw(root: &Path) {
    let photo = image::RgbImage::from_fn(400, 300, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    photo.save(root.join("content/gallery/photo.png")).unwrap();
    std::fs::create_dir_all(root.join("static")).unwrap();
    let logo = image::RgbImage::from_fn(64, 32, |x, _| image::Rgb([x as u8 * 4, 0, 0]));
    logo.save(root.join("static/logo.jpg")).unwrap();
}

fn images_site() -> tempfile::TempDir {
    let dir = site("images");
    draw(dir.path());
    dir
}

/// Replaces `from` by `to` in the gallery page.
fn edit_gallery(root: &Path, from: &str, to: &str) {
    let page = root.join("content/gallery/index.md");
    let text = std::fs::read_to_string(&page).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(&page, text.replace(from, to)).unwrap();
}

/// `(src, data-size)` of the `<img id="...">`.
fn img(html: &str, id: &str) -> (String, String) {
    let tag = between(html, &format!("<img id=\"{id}\""), ">");
    (
        attr_values(tag, "src")[0].clone(),
        attr_values(tag, "data-size")[0].clone(),
    )
}

/// The output path of a URL of the site.
fn out_path(url: &str) -> &str {
    url.strip_prefix("https://docs.example.org/").unwrap()
}

fn bytes(out: &guide::site::Output, path: &str) -> Vec<u8> {
    match out.files.get(path) {
        Some(guide::site::OutFile::Asset(src)) => src.read().unwrap().to_vec(),
        Some(guide::site::OutFile::Bytes(b)) => b.to_vec(),
        None => panic!("no {path} in {:?}", out.files.keys().collect::<Vec<_>>()),
    }
}

#[test]
fn resize_ops_give_zolas_sizes_and_files() {
    let dir = images_site();
    let out = build(dir.path()).unwrap();
    let html = text(&out, "gallery/index.html");
    let expect = [
        ("fill", "100x100", image::ImageFormat::Png),
        ("fit-width", "150x112", image::ImageFormat::WebP),
        ("fit-noop", "400x300", image::ImageFormat::Png),
        ("scale", "10x30", image::ImageFormat::Jpeg),
    ];
    for (id, size, format) in expect {
        let (src, shown) = img(&html, id);
        assert_eq!(shown, size, "{id}");
        assert!(
            src.starts_with("https://docs.example.org/processed_images/"),
            "{src}"
        );
        let data = bytes(&out, out_path(&src));
        assert_eq!(image::guess_format(&data).unwrap(), format, "{id}");
        let decoded = image::load_from_memory(&data).unwrap();
        assert_eq!(
            format!("{}x{}", decoded.width(), decoded.height()),
            size,
            "{id}"
        );
    }
    let fill = between(&html, "<img id=\"fill\"", ">");
    assert_eq!(attr_values(fill, "data-orig"), ["400x300"]);
    assert!(attr_values(fill, "data-static")[0].starts_with("static/processed_images/photo."));
    assert!(
        html.contains("<p id=\"meta\">400x300 png image/png</p>"),
        "{html}"
    );
    assert!(html.contains("<p id=\"missing\">none</p>"), "{html}");
}

#[test]
fn processed_images_are_kept_between_builds_and_pruned() {
    let dir = images_site();
    let root = dir.path();
    build(root).unwrap();
    let cache = root.join("static/processed_images");
    let listing = || {
        let mut names: Vec<String> = std::fs::read_dir(&cache)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let first = listing();
    assert_eq!(first.len(), 4, "{first:?}");
    let times: Vec<_> = first
        .iter()
        .map(|n| {
            std::fs::metadata(cache.join(n))
                .unwrap()
                .modified()
                .unwrap()
        })
        .collect();
    // An unchanged rebuild finds them all and makes none again.
    build(root).unwrap();
    assert_eq!(listing(), first);
    for (n, t) in first.iter().zip(&times) {
        assert_eq!(
            &std::fs::metadata(cache.join(n))
                .unwrap()
                .modified()
                .unwrap(),
            t,
            "{n}"
        );
    }
    // A page that stops asking for an image: the image leaves the cache and the output.
    edit_gallery(root, "width=10, height=30", "width=12, height=30");
    let out = build(root).unwrap();
    let now = listing();
    assert_eq!(now.len(), 4);
    let gone: Vec<_> = first.iter().filter(|n| !now.contains(n)).collect();
    assert_eq!(gone.len(), 1, "{first:?} -> {now:?}");
    assert!(!out
        .files
        .contains_key(&format!("processed_images/{}", gone[0])));
}

#[test]
fn a_missing_image_or_bad_argument_names_the_page_and_line() {
    let dir = images_site();
    let root = dir.path();
    edit_gallery(root, "path=\"logo.jpg\"", "path=\"nope.jpg\"");
    let found = problems(root);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("content/gallery/index.md:"),
        "{found:?}"
    );
    assert!(
        found[0].contains("nope.jpg") && found[0].contains("not found"),
        "{found:?}"
    );

    edit_gallery(root, "path=\"nope.jpg\"", "path=\"logo.jpg\"");
    edit_gallery(root, "op=\"scale\"", "op=\"stretch\"");
    let found = problems(root);
    assert!(
        found[0].contains("unknown resize op \"stretch\""),
        "{found:?}"
    );
}

#[test]
fn check_makes_no_image_but_still_checks_the_calls() {
    let dir = images_site();
    let root = dir.path();
    let ok = guide(&["check", "--root", "."], root);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(!root.join("static/processed_images").exists());
    edit_gallery(root, "path=\"logo.jpg\"", "path=\"nope.jpg\"");
    let failed = guide(&["check", "--root", "."], root);
    assert!(!failed.status.success());
    assert!(String::from_utf8_lossy(&failed.stderr).contains("nope.jpg"));
}
