//! `guide serve`: builds in memory, serves on 127.0.0.1, watches the sources, rebuilds
//! on change (bodies are re-parsed only when their text changed), reloads the browser
//! through server-sent events, and shows build errors in the page.
pub mod http;
pub mod watch;

use std::collections::BTreeMap;
use std::io::Write;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

use crate::errors::BuildError;
use crate::site::{self, BuildOptions, OutFile, ParseCache};
use http::{Limits, Reply, Request, Response};
use watch::{Events, SiteWatcher};

/// Path of the live-reload script (served as a file: the theme's CSP allows only
/// `script-src 'self'`).
pub const RELOAD_JS: &str = "/__guide/reload.js";
const EVENTS: &str = "/__guide/events";
const RELOAD_SCRIPT: &str = "(function () {\n  var es = new EventSource('/__guide/events');\n  \
es.onmessage = function () { window.location.reload(); };\n})();\n";

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    /// 0 picks a free port.
    pub port: u16,
    pub drafts: bool,
    /// What a client may send, and for how long.
    pub limits: Limits,
}

#[derive(Default)]
struct Snapshot {
    files: BTreeMap<String, OutFile>,
    /// The last build's problems, shown instead of pages while present.
    error: Option<String>,
}

struct State {
    snapshot: RwLock<Arc<Snapshot>>,
    version: Mutex<u64>,
    changed: Condvar,
}

impl State {
    fn publish(&self, snapshot: Snapshot) {
        *self.snapshot.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(snapshot);
        let mut v = self.version.lock().unwrap_or_else(|e| e.into_inner());
        *v += 1;
        self.changed.notify_all();
    }
}

/// Builds the site; any failure (the site's problems, a file system error, a panic of
/// the build) becomes the error shown in the page: the server outlives them all.
fn build_snapshot(opts: &BuildOptions, cache: &ParseCache) -> Snapshot {
    let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        site::build(opts, Some(cache))
    }));
    let error = match built {
        Ok(Ok(out)) => {
            return Snapshot {
                files: out.files,
                error: None,
            }
        }
        Ok(Err(BuildError::Problems(ps))) => ps
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
        Ok(Err(e)) => format!("error: {}", crate::errors::chain(&e)),
        Err(_) => {
            // What the build kept may be half-updated.
            cache.clear();
            "error: the build stopped on an internal error (a bug: please report it)".into()
        }
    };
    Snapshot {
        files: BTreeMap::new(),
        error: Some(error),
    }
}

/// Why `guide serve` stopped (a build's failures are shown in the page instead).
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on 127.0.0.1:{port}")]
    Listen {
        port: u16,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot watch the site's files")]
    Watch(#[source] notify::Error),
}

/// Runs until the process is stopped. Prints `serving on http://127.0.0.1:PORT/`.
pub fn run(opts: &ServeOptions) -> Result<(), ServeError> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", opts.port)).map_err(|source| {
        ServeError::Listen {
            port: opts.port,
            source,
        }
    })?;
    let port = listener.local_addr().map_or(opts.port, |a| a.port());
    let build_opts = BuildOptions {
        drafts: opts.drafts,
        base_url: Some(format!("http://127.0.0.1:{port}")),
        build_widget: true,
        ..BuildOptions::new(&opts.root)
    };
    // Watching starts before the first build: a save during it is not lost.
    let (watcher, events) = SiteWatcher::new(&opts.root).map_err(ServeError::Watch)?;
    let cache = ParseCache::default();
    let start = Instant::now();
    let first = build_snapshot(&build_opts, &cache);
    if let Some(err) = &first.error {
        eprintln!("{err}");
    }
    eprintln!("built in {} ms", start.elapsed().as_millis());
    let state = Arc::new(State {
        snapshot: RwLock::new(Arc::new(first)),
        version: Mutex::new(0),
        changed: Condvar::new(),
    });
    {
        let state = state.clone();
        std::thread::spawn(move || rebuild_loop(watcher, events, build_opts, cache, &state));
    }

    println!("serving on http://127.0.0.1:{port}/");
    let _ = std::io::stdout().flush();
    http::serve(listener, opts.limits, move |request| {
        handle(request, &state)
    });
    Ok(())
}

/// Changes that do not affect the site: build products, editor files, hidden files and
/// anything in a hidden folder (content and static files skip them; the widget build
/// stages its output in `www/.pkg.tmp-<pid>/`, which must not start another rebuild).
fn ignored(root: &Path, path: &Path) -> bool {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let s = rel.to_string_lossy();
    let hidden = |name: &std::ffi::OsStr| name.to_string_lossy().starts_with('.');
    // Only below the root: the folders above it may well be hidden (`~/.sites/guide`).
    let in_hidden_folder =
        path.starts_with(root) && rel.parent().is_some_and(|dir| dir.iter().any(hidden));
    s.contains("node_modules")
        || s.starts_with("www/pkg")
        // The build's own image cache (resize_image): writing it must not rebuild.
        || rel.starts_with(Path::new("static").join(crate::site::images::PROCESSED))
        || s.contains("/target/")
        || in_hidden_folder
        || rel
            .file_name()
            .map(|n| {
                let n = n.to_string_lossy();
                n.starts_with('.') || n.ends_with('~') || n.ends_with(".swp")
            })
            .unwrap_or(false)
}

/// How long to wait for more events after the first one (editors write in bursts).
const DEBOUNCE: Duration = Duration::from_millis(10);

fn rebuild_loop(
    mut watcher: SiteWatcher,
    events: Events,
    mut opts: BuildOptions,
    cache: ParseCache,
    state: &State,
) {
    while let Ok(first) = events.recv() {
        let mut changed = watch::changes(first);
        if changed.is_empty() {
            continue;
        }
        // Debounce: collect the rest of the burst.
        while let Ok(more) = events.recv_timeout(DEBOUNCE) {
            changed.extend(watch::changes(more));
        }
        let root = watcher.root().to_path_buf();
        changed.retain(|p| watcher.relevant(p) && !ignored(&root, p));
        changed.sort();
        changed.dedup();
        if changed.is_empty() {
            continue;
        }
        // A replaced folder is watched again before the build reads it.
        watcher.refresh();
        let start = Instant::now();
        // Only markdown changed: keep the other bodies' parse results.
        if !changed
            .iter()
            .all(|p| p.extension().is_some_and(|e| e == "md"))
        {
            cache.clear();
        }
        opts.build_widget = changed.iter().any(|p| {
            let rel = p.strip_prefix(&root).unwrap_or(p);
            rel.as_os_str().is_empty() || rel.starts_with("crates") || rel.starts_with("www")
        });
        let snapshot = build_snapshot(&opts, &cache);
        let failed = snapshot.error.is_some();
        if let Some(e) = &snapshot.error {
            eprintln!("{e}");
        }
        state.publish(snapshot);
        eprintln!(
            "{} in {} ms ({} changed)",
            if failed { "build failed" } else { "rebuilt" },
            start.elapsed().as_millis(),
            changed
                .iter()
                .map(|p| p.strip_prefix(&root).unwrap_or(p).display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
}

fn response(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
    Reply::Full(Response {
        status,
        content_type: content_type.to_string(),
        body,
    })
}

fn handle(request: Request, state: &Arc<State>) -> Reply {
    let url = request
        .target
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_string();
    match url.as_str() {
        RELOAD_JS => return response(200, "text/javascript; charset=utf-8", RELOAD_SCRIPT.into()),
        EVENTS => {
            let state = state.clone();
            return Reply::Stream(Box::new(move |stream| events(stream, &state)));
        }
        _ => {}
    }
    let snapshot = state
        .snapshot
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let path = percent_decode(url.trim_start_matches('/'));
    let candidates = if path.is_empty() || path.ends_with('/') {
        vec![format!("{path}index.html")]
    } else {
        vec![path.clone(), format!("{path}/index.html")]
    };
    let found = candidates
        .iter()
        .find_map(|c| snapshot.files.get(c).map(|f| (c.clone(), f)));
    let is_page = found
        .as_ref()
        .map_or(!path.contains('.'), |(c, _)| c.ends_with(".html"));
    if let (Some(err), true) = (&snapshot.error, is_page) {
        return response(500, "text/html; charset=utf-8", error_page(err));
    }
    let (name, status, file) = match found {
        Some((name, f)) => (name, 200, f.clone()),
        None => match snapshot.files.get("404.html") {
            Some(f) => ("404.html".to_string(), 404, f.clone()),
            None => return response(404, "text/plain", b"not found".to_vec()),
        },
    };
    let bytes = match &file {
        OutFile::Bytes(b) => b.to_vec(),
        OutFile::Asset(src) => match src.read() {
            Ok(b) => b.to_vec(),
            Err(e) => return response(500, "text/plain", e.to_string().into_bytes()),
        },
    };
    let mime = mime_guess::from_path(&name).first_or_octet_stream();
    let (mime, bytes) = if mime.essence_str() == "text/html" {
        ("text/html; charset=utf-8".to_string(), inject(bytes))
    } else if mime.type_() == "text" || mime.subtype() == "javascript" {
        (format!("{}; charset=utf-8", mime.essence_str()), bytes)
    } else {
        (mime.essence_str().to_string(), bytes)
    };
    response(status, &mime, bytes)
}

/// Adds the reload script before `</body>` (or at the end).
fn inject(html: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{RELOAD_JS}\" defer></script>");
    let text = String::from_utf8_lossy(&html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

fn error_page(err: &str) -> Vec<u8> {
    let escaped = crate::html::escape_attr(err);
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title>\
         </head><body><h1>Build failed</h1><pre style=\"white-space:pre-wrap\">{escaped}</pre>\
         <p>Fix the problem and save: this page reloads by itself.</p>\
         <script src=\"{RELOAD_JS}\" defer></script></body></html>\n"
    )
    .into_bytes()
}

/// A server-sent events stream: one `data: reload` per rebuild, a comment every 15 s
/// (a reader that stops reading is dropped by the write time-out).
fn events(stream: &mut TcpStream, state: &State) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                Connection: close\r\n\r\n: connected\n\n";
    if stream
        .write_all(head.as_bytes())
        .and_then(|_| stream.flush())
        .is_err()
    {
        return;
    }
    let mut seen = *state.version.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        let guard = state.version.lock().unwrap_or_else(|e| e.into_inner());
        let (guard, _) = state
            .changed
            .wait_timeout_while(guard, Duration::from_secs(15), |v| *v == seen)
            .unwrap_or_else(|e| e.into_inner());
        let now = *guard;
        drop(guard);
        let msg = if now != seen {
            seen = now;
            "data: reload\n\n"
        } else {
            ": keep-alive\n\n"
        };
        if stream
            .write_all(msg.as_bytes())
            .and_then(|_| stream.flush())
            .is_err()
        {
            return;
        }
    }
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::ignored;
    use std::path::Path;

    #[test]
    fn the_widget_builds_staging_folder_is_not_a_change() {
        let root = Path::new("/site");
        assert!(ignored(
            root,
            Path::new("/site/www/.pkg.tmp-7/widget_bg.wasm")
        ));
        assert!(ignored(root, Path::new("/site/content/.drafts/a.md")));
        assert!(!ignored(root, Path::new("/site/content/a.md")));
        assert!(!ignored(root, Path::new("/site/www/diagnose.js")));
        // The image cache that the build itself writes.
        assert!(ignored(
            root,
            Path::new("/site/static/processed_images/a.0123456789abcdef.png")
        ));
        assert!(!ignored(root, Path::new("/site/static/logo.png")));
        // A hidden folder above the root does not hide the site.
        let root = Path::new("/srv/.sites/guide");
        assert!(!ignored(root, Path::new("/srv/.sites/guide/content/a.md")));
    }
}
