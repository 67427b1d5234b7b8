//! The widget mount: `www/` (without npm files) is copied to `/<mount>/` and `asset()`
//! works on its files. (The wasm build hook itself is `widget_build`'s, not run here.)
mod common;
use common::*;

#[test]
fn www_is_mounted_with_hashed_assets() {
    let dir = site("widget-mount");
    let out = build(dir.path()).unwrap();
    let keys: Vec<&str> = out
        .files
        .keys()
        .map(String::as_str)
        .filter(|k| k.starts_with("widget/"))
        .collect();
    assert_eq!(keys.len(), 4, "{keys:?}");
    assert!(keys.contains(&"widget/diagnose.js"));
    assert!(keys.contains(&"widget/pkg/widget_bg.wasm"));
    assert!(!keys
        .iter()
        .any(|k| k.contains("node_modules") || k.contains("package")));
    let html = text(&out, "index.html");
    let js = attr_values(&html, "src")[0].clone();
    let wasm = attr_values(&html, "href")[0].clone();
    assert!(
        js.starts_with("/widget/diagnose.") && js.ends_with(".js"),
        "{js}"
    );
    assert!(wasm.starts_with("/widget/pkg/widget_bg.") && wasm.ends_with(".wasm"));
    assert_eq!(
        text(&out, js.trim_start_matches('/')),
        "export const x = 1;\n"
    );
    assert!(keys.contains(&js.trim_start_matches('/')));
}
