//! Builds the self-diagnosis widget (wasm-pack, `--target web`) into `www/pkg` when its
//! sources changed. Called by the build pipeline before static files are copied, only
//! when `site.toml` has a `[widget]` table.
//!
//! Nothing is downloaded: wasm-pack runs with `--mode no-install`, finds `wasm-bindgen`
//! on PATH at the version of `Cargo.lock` (checked here first) and npm's `wasm-opt`
//! from `<www>/node_modules/.bin`, put first on PATH (Debian's binaryen produces wasm
//! that crashes on load). A missing tool is an error naming it and `.ci/setup wasm`.
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

/// Where the widget's crate and browser side live (paths relative to the site root).
#[derive(Debug, Clone)]
pub(crate) struct WidgetPaths {
    /// The wasm-bindgen crate, e.g. `crates/widget`.
    pub(crate) crate_dir: PathBuf,
    /// The widget's browser side, e.g. `www` (wasm-pack writes `www/pkg`).
    pub(crate) www_dir: PathBuf,
}

/// The command that installs the widget's toolchain on a fresh machine.
pub(crate) const SETUP_COMMAND: &str = ".ci/setup wasm";

/// The wasm modules built from the crate: wasm-pack's `--out-name` and the cargo
/// feature arguments. Each has only its own feature: `widget` (`pkg/widget.js` +
/// `pkg/widget_bg.wasm`) is what every widget page loads; `acct` is loaded only by the
/// accounting-file worker, `mail` only when a whole message is dropped or pasted.
const MODULES: [(&str, &[&str]); 3] = [
    ("widget", &["--no-default-features", "--features", "page"]),
    ("acct", &["--no-default-features", "--features", "acct"]),
    ("mail", &["--no-default-features", "--features", "mail"]),
];

/// Size-oriented release profile for the wasm only (the native profile is untouched).
const PROFILE_ENV: [(&str, &str); 4] = [
    ("CARGO_PROFILE_RELEASE_OPT_LEVEL", "z"),
    ("CARGO_PROFILE_RELEASE_LTO", "true"),
    ("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "1"),
    ("CARGO_PROFILE_RELEASE_PANIC", "abort"),
];

/// Files wasm-pack writes for npm publishing; the site must not serve them (nor any
/// TypeScript `.d.ts` file).
const NOT_SERVED: [&str; 4] = [".gitignore", "package.json", "README.md", "LICENSE"];

/// The folder under the widget's `www` that wasm-pack's output is swapped into.
const PKG: &str = "pkg";

/// The files of a widget build that the site serves, relative to the widget's `www`
/// folder (`pkg/widget.js`, `pkg/widget_bg.wasm`, ...): the wasm-bindgen glue and the
/// wasm of each module.
pub(crate) fn served_files() -> Vec<String> {
    MODULES
        .iter()
        .flat_map(|(name, _)| [format!("{PKG}/{name}.js"), format!("{PKG}/{name}_bg.wasm")])
        .collect()
}

#[derive(Debug, thiserror::Error)]
pub(crate) enum WidgetError {
    #[error("widget build failed: {0}")]
    Build(String),
    #[error("the widget needs `{tool}`, which was not found ({looked}); install the toolchain with `{setup}`", setup = SETUP_COMMAND)]
    MissingTool { tool: &'static str, looked: String },
    #[error("the widget needs `wasm-bindgen` {want} (the version in Cargo.lock) but `{path}` is {found}; install it with `{setup}`", setup = SETUP_COMMAND)]
    WrongVersion {
        path: PathBuf,
        found: String,
        want: String,
    },
    #[error("{path}: {message}")]
    Manifest { path: PathBuf, message: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> WidgetError + '_ {
    move |source| WidgetError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Makes sure `www/pkg` holds a wasm build of the current sources (no-op when fresh).
pub(crate) fn ensure_built(root: &Path, paths: &WidgetPaths) -> Result<(), WidgetError> {
    ensure_built_with(root, paths, &search_path())
}

/// [`ensure_built`] with the tools searched in `search`.
fn ensure_built_with(
    root: &Path,
    paths: &WidgetPaths,
    search: &[PathBuf],
) -> Result<(), WidgetError> {
    // Absolute: wasm-pack resolves a relative --out-dir against the crate, not the cwd.
    let root = std::path::absolute(root).map_err(io_err(root))?;
    let plan = Plan::new(&root, paths);
    if plan.is_fresh()? {
        return Ok(());
    }
    let tools = Tools::find(&plan, search)?;
    plan.build(&tools)
}

/// Directories searched for the tools: PATH, then cargo's bin directory (where
/// `.ci/setup` installs them), so `guide build` works from a shell without it on PATH.
fn search_path() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")));
    if let Some(home) = cargo_home {
        dirs.push(home.join("bin"));
    }
    dirs
}

/// The widget build's inputs and outputs, as absolute paths.
#[derive(Debug)]
struct Plan {
    root: PathBuf,
    crate_dir: PathBuf,
    www: PathBuf,
}

impl Plan {
    fn new(root: &Path, paths: &WidgetPaths) -> Plan {
        Plan {
            root: root.to_path_buf(),
            crate_dir: root.join(&paths.crate_dir),
            www: root.join(&paths.www_dir),
        }
    }

    /// Where the served build lives (`www/pkg`).
    fn pkg(&self) -> PathBuf {
        self.www.join(PKG)
    }

    /// The files wasm-pack produces and the site serves.
    fn outputs(&self) -> Vec<PathBuf> {
        served_files()
            .iter()
            .map(|file| self.www.join(file))
            .collect()
    }

    /// Every file the wasm depends on: the widget crate and its path dependencies
    /// (found through the manifests, recursively), the workspace manifest and Cargo.lock.
    fn inputs(&self) -> Result<Vec<PathBuf>, WidgetError> {
        let mut files = Vec::new();
        for dir in crate_dirs(&self.root, &self.crate_dir)? {
            collect_files(&dir, &mut files)?;
        }
        for name in ["Cargo.lock", "Cargo.toml"] {
            let p = self.root.join(name);
            if p.is_file() {
                files.push(p);
            }
        }
        Ok(files)
    }

    /// `true` when every output exists and is newer than every input.
    fn is_fresh(&self) -> Result<bool, WidgetError> {
        let outputs: Option<Vec<SystemTime>> =
            self.outputs().iter().map(|out| mtime(out).ok()).collect();
        let Some(oldest_output) = outputs.and_then(|times| times.into_iter().min()) else {
            return Ok(false); // an output is missing
        };
        for input in self.inputs()? {
            if mtime(&input).map_err(io_err(&input))? > oldest_output {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Runs wasm-pack into `pkg.tmp`, then swaps it into place, so a failed build
    /// leaves the previous `pkg` (or none) and no partial output.
    fn build(&self, tools: &Tools) -> Result<(), WidgetError> {
        debug_assert!(
            self.www.is_absolute(),
            "wasm-pack needs an absolute --out-dir"
        );
        // Hidden (never mounted on the site) and unique per process, so two builds at
        // once (`guide serve` and a `guide build`) cannot remove each other's output.
        let tmp = self.www.join(format!(".pkg.tmp-{}", std::process::id()));
        remove_dir_if_exists(&tmp)?;
        let staged = MODULES
            .iter()
            .try_for_each(|(name, features)| self.wasm_pack(tools, &tmp, name, features))
            .and_then(|()| remove_npm_files(&tmp));
        if let Err(e) = staged {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(e);
        }
        // Swap: the old pkg is moved aside first, so `pkg` is never half-written.
        let old = self.www.join(format!(".pkg.old-{}", std::process::id()));
        remove_dir_if_exists(&old)?;
        let pkg = self.pkg();
        if pkg.exists() {
            std::fs::rename(&pkg, &old).map_err(io_err(&pkg))?;
        }
        if let Err(e) = std::fs::rename(&tmp, &pkg) {
            // Put the previous build back: a failed swap must not lose it.
            let _ = std::fs::rename(&old, &pkg);
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(WidgetError::Io {
                path: pkg,
                source: e,
            });
        }
        remove_dir_if_exists(&old)
    }

    /// One `wasm-pack build` of the crate into `out` as `name`, with cargo `features`.
    fn wasm_pack(
        &self,
        tools: &Tools,
        out: &Path,
        name: &str,
        features: &[&str],
    ) -> Result<(), WidgetError> {
        let mut cmd = Command::new(&tools.wasm_pack);
        cmd.arg("build")
            .arg(&self.crate_dir)
            .args([
                "--target",
                "web",
                "--release",
                "--mode",
                "no-install",
                "--out-name",
                name,
                "--out-dir",
            ])
            .arg(out)
            .arg("--")
            .args(features)
            .env("PATH", &tools.path)
            .current_dir(&self.root);
        for (key, value) in PROFILE_ENV {
            cmd.env(key, value);
        }
        let output = cmd.output().map_err(io_err(&tools.wasm_pack))?;
        if output.status.success() {
            return Ok(());
        }
        let stderr = String::from_utf8_lossy(&output.stderr);
        Err(WidgetError::Build(format!(
            "`wasm-pack build {} --out-name {name}` exited with {}:\n{}",
            self.crate_dir.display(),
            output.status,
            tail(&stderr, 40)
        )))
    }
}

/// The tools of the build, all checked before anything runs.
#[derive(Debug)]
struct Tools {
    wasm_pack: PathBuf,
    /// PATH for wasm-pack: npm's wasm-opt first, then wasm-bindgen's directory.
    path: OsString,
}

impl Tools {
    fn find(plan: &Plan, search: &[PathBuf]) -> Result<Tools, WidgetError> {
        let wasm_pack = which("wasm-pack", search)?;
        let wasm_bindgen = which("wasm-bindgen", search)?;
        let want = locked_version(&plan.root.join("Cargo.lock"), "wasm-bindgen")?;
        let found = tool_version(&wasm_bindgen)?;
        if found != want {
            return Err(WidgetError::WrongVersion {
                path: wasm_bindgen,
                found,
                want,
            });
        }
        let npm_bin = plan.www.join("node_modules").join(".bin");
        if !npm_bin.join("wasm-opt").is_file() {
            return Err(WidgetError::MissingTool {
                tool: "wasm-opt",
                looked: format!(
                    "npm's binaryen, expected at {}",
                    npm_bin.join("wasm-opt").display()
                ),
            });
        }
        let mut dirs = vec![npm_bin];
        dirs.extend(wasm_bindgen.parent().map(Path::to_path_buf));
        dirs.extend(search.iter().cloned());
        let path = std::env::join_paths(dirs)
            .map_err(|e| WidgetError::Build(format!("cannot build PATH: {e}")))?;
        Ok(Tools { wasm_pack, path })
    }
}

/// The first executable file named `tool` in `search`.
fn which(tool: &'static str, search: &[PathBuf]) -> Result<PathBuf, WidgetError> {
    search
        .iter()
        .map(|d| d.join(tool))
        .find(|p| is_executable(p))
        .ok_or_else(|| WidgetError::MissingTool {
            tool,
            looked: "looked on PATH and in cargo's bin directory".to_string(),
        })
}

fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path)
            .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
            .unwrap_or(false)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}

/// `wasm-bindgen 0.2.130` -> `0.2.130`.
fn tool_version(path: &Path) -> Result<String, WidgetError> {
    let out = Command::new(path)
        .arg("--version")
        .output()
        .map_err(io_err(path))?;
    let text = String::from_utf8_lossy(&out.stdout);
    Ok(text
        .split_whitespace()
        .nth(1)
        .unwrap_or("of unknown version")
        .to_string())
}

/// The version of package `name` in a Cargo.lock.
fn locked_version(lock: &Path, name: &str) -> Result<String, WidgetError> {
    read_toml(lock)?
        .get("package")
        .and_then(|p| p.as_array())
        .into_iter()
        .flatten()
        .find(|p| p.get("name").and_then(|n| n.as_str()) == Some(name))
        .and_then(|p| p.get("version").and_then(|v| v.as_str()))
        .map(str::to_string)
        .ok_or_else(|| WidgetError::Manifest {
            path: lock.to_path_buf(),
            message: format!("no `{name}` package"),
        })
}

/// `crate_dir` and the directories of its path dependencies, recursively (direct
/// `path = ...` entries and `workspace = true` entries resolved through the workspace
/// manifest at `root`).
fn crate_dirs(root: &Path, crate_dir: &Path) -> Result<Vec<PathBuf>, WidgetError> {
    let workspace = read_toml(&root.join("Cargo.toml"))?;
    let workspace_deps = workspace
        .get("workspace")
        .and_then(|w| w.get("dependencies"))
        .and_then(|d| d.as_table());
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut todo = vec![crate_dir.to_path_buf()];
    while let Some(dir) = todo.pop() {
        // Canonical, so `crates/classify/../deep` and `crates/deep` are one directory.
        let dir = dir.canonicalize().map_err(io_err(&dir))?;
        if seen.contains(&dir) {
            continue;
        }
        let manifest = read_toml(&dir.join("Cargo.toml"))?;
        let deps = manifest.get("dependencies").and_then(|d| d.as_table());
        for (name, spec) in deps.into_iter().flatten() {
            let direct = spec
                .get("path")
                .and_then(|p| p.as_str())
                .map(|p| dir.join(p));
            let inherited = || {
                let from_workspace = spec.get("workspace").and_then(|w| w.as_bool()) == Some(true);
                let path = workspace_deps?.get(name)?.get("path")?.as_str()?;
                from_workspace.then(|| root.join(path))
            };
            if let Some(dep) = direct.or_else(inherited) {
                todo.push(dep);
            }
        }
        seen.push(dir);
    }
    Ok(seen)
}

fn read_toml(path: &Path) -> Result<toml::Table, WidgetError> {
    let text = std::fs::read_to_string(path).map_err(io_err(path))?;
    toml::from_str(&text).map_err(|e| WidgetError::Manifest {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

/// Every file under `dir`, skipping build output (`target/`) and hidden entries.
fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), WidgetError> {
    let walk = walkdir::WalkDir::new(dir).into_iter().filter_entry(|e| {
        let name = e.file_name().to_string_lossy();
        e.depth() == 0 || !(name.starts_with('.') || (name == "target" && e.file_type().is_dir()))
    });
    for entry in walk {
        let entry = entry.map_err(|e| WidgetError::Io {
            path: e
                .path()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| dir.to_path_buf()),
            source: e.into(),
        })?;
        if entry.file_type().is_file() {
            out.push(entry.into_path());
        }
    }
    Ok(())
}

/// Removes from wasm-pack's output `dir` what only npm publishing needs ([`NOT_SERVED`],
/// TypeScript declarations).
fn remove_npm_files(dir: &Path) -> Result<(), WidgetError> {
    for entry in std::fs::read_dir(dir).map_err(io_err(dir))? {
        let path = entry.map_err(io_err(dir))?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if NOT_SERVED.contains(&name.as_ref()) || name.ends_with(".d.ts") {
            std::fs::remove_file(&path).map_err(io_err(&path))?;
        }
    }
    Ok(())
}

fn mtime(path: &Path) -> std::io::Result<SystemTime> {
    std::fs::metadata(path)?.modified()
}

fn remove_dir_if_exists(dir: &Path) -> Result<(), WidgetError> {
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(WidgetError::Io {
            path: dir.to_path_buf(),
            source: e,
        }),
        _ => Ok(()),
    }
}

/// The last `n` lines of `text`.
fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::time::Duration;

    fn write(path: &Path, text: &str) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    fn set_mtime(path: &Path, t: SystemTime) {
        fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(t)
            .unwrap();
    }

    /// A workspace: `crates/widget` -> (workspace) `crates/classify` -> (path) `crates/deep`,
    /// and `crates/guide`, which the widget does not use.
    fn workspace() -> tempfile::TempDir {
        // In a canonical directory: the sources are compared as canonical paths.
        let dir = tempfile::tempdir_in(std::env::temp_dir().canonicalize().unwrap()).unwrap();
        let r = dir.path();
        write(
            &r.join("Cargo.toml"),
            "[workspace]\nmembers = [\"crates/*\"]\n[workspace.dependencies]\nclassify = { path = \"crates/classify\" }\nserde = \"1\"\n",
        );
        write(
            &r.join("Cargo.lock"),
            "version = 4\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n",
        );
        write(
            &r.join("crates/widget/Cargo.toml"),
            "[package]\nname = \"widget\"\n[dependencies]\nclassify = { workspace = true }\nserde = { workspace = true }\n",
        );
        write(&r.join("crates/widget/src/lib.rs"), "");
        write(
            &r.join("crates/classify/Cargo.toml"),
            "[package]\nname = \"classify\"\n[dependencies]\ndeep = { path = \"../deep\" }\n",
        );
        write(&r.join("crates/classify/src/lib.rs"), "");
        write(
            &r.join("crates/deep/Cargo.toml"),
            "[package]\nname = \"deep\"\n",
        );
        write(&r.join("crates/deep/src/lib.rs"), "");
        write(
            &r.join("crates/guide/Cargo.toml"),
            "[package]\nname = \"guide\"\n",
        );
        write(&r.join("crates/guide/src/main.rs"), "");
        dir
    }

    fn paths() -> WidgetPaths {
        WidgetPaths {
            crate_dir: "crates/widget".into(),
            www_dir: "www".into(),
        }
    }

    /// Writes the outputs and ages every input by an hour.
    fn built(root: &Path) -> Plan {
        let plan = Plan::new(root, &paths());
        let old = SystemTime::now() - Duration::from_secs(3600);
        for input in plan.inputs().unwrap() {
            set_mtime(&input, old);
        }
        for out in plan.outputs() {
            write(&out, "built");
        }
        plan
    }

    #[test]
    fn the_sources_are_the_crate_and_its_path_dependencies() {
        let ws = workspace();
        let mut dirs = crate_dirs(ws.path(), &ws.path().join("crates/widget")).unwrap();
        dirs.sort();
        let want: Vec<PathBuf> = ["crates/classify", "crates/deep", "crates/widget"]
            .iter()
            .map(|d| ws.path().join(d))
            .collect();
        assert_eq!(dirs, want);
    }

    #[test]
    fn build_output_and_hidden_files_are_not_inputs() {
        let ws = workspace();
        write(&ws.path().join("crates/widget/target/x.rlib"), "");
        write(&ws.path().join("crates/widget/.hidden"), "");
        let inputs = Plan::new(ws.path(), &paths()).inputs().unwrap();
        assert!(inputs.contains(&ws.path().join("crates/widget/src/lib.rs")));
        assert!(inputs.contains(&ws.path().join("crates/deep/src/lib.rs")));
        assert!(inputs.contains(&ws.path().join("Cargo.lock")));
        assert!(
            !inputs
                .iter()
                .any(|p| p.starts_with(ws.path().join("crates/guide"))),
            "{inputs:?}"
        );
        assert!(!inputs
            .iter()
            .any(|p| p.to_string_lossy().contains("target")
                || p.to_string_lossy().contains(".hidden")));
    }

    #[test]
    fn missing_output_is_stale() {
        let ws = workspace();
        assert!(!Plan::new(ws.path(), &paths()).is_fresh().unwrap());
        let plan = built(ws.path());
        assert!(plan.is_fresh().unwrap());
        fs::remove_file(plan.pkg().join("widget_bg.wasm")).unwrap();
        assert!(!plan.is_fresh().unwrap());
    }

    #[test]
    fn a_newer_source_in_a_dependency_or_the_lock_file_is_stale() {
        for changed in [
            "crates/deep/src/lib.rs",
            "crates/widget/src/lib.rs",
            "Cargo.lock",
        ] {
            let ws = workspace();
            let plan = built(ws.path());
            assert!(plan.is_fresh().unwrap());
            set_mtime(
                &ws.path().join(changed),
                SystemTime::now() + Duration::from_secs(5),
            );
            assert!(
                !plan.is_fresh().unwrap(),
                "{changed} changed but the widget counts as fresh"
            );
        }
    }

    #[test]
    fn a_change_outside_the_widget_sources_keeps_it_fresh() {
        let ws = workspace();
        let plan = built(ws.path());
        set_mtime(
            &ws.path().join("crates/guide/src/main.rs"),
            SystemTime::now() + Duration::from_secs(5),
        );
        assert!(plan.is_fresh().unwrap());
    }

    #[test]
    fn a_fresh_build_needs_no_tool() {
        let ws = workspace();
        built(ws.path());
        // An empty search path: a fresh widget must not look for any tool.
        ensure_built_with(ws.path(), &paths(), &[]).unwrap();
    }

    /// The body of a stand-in wasm-pack: writes `<out-name>.js`, `<out-name>_bg.wasm`
    /// and wasm-pack's npm files into `--out-dir`, resolved against `$crate` when
    /// relative (as wasm-pack does) and `$crate` is set.
    const FAKE_WASM_PACK: &str = "prev=; for a in \"$@\"; do\n\
         case $prev in --out-dir) out=$a;; --out-name) name=$a;; esac; prev=$a; done\n\
         case $out in /*) ;; *) out=$crate/$out;; esac\n\
         mkdir -p $out && cd $out && touch $name.js ${name}_bg.wasm $name.d.ts ${name}_bg.wasm.d.ts package.json .gitignore README.md";

    fn fake_tool(dir: &Path, name: &str, script: &str) {
        use std::os::unix::fs::PermissionsExt;
        let p = dir.join(name);
        write(&p, &format!("#!/bin/sh\n{script}\n"));
        fs::set_permissions(&p, fs::Permissions::from_mode(0o755)).unwrap();
    }

    #[test]
    fn a_missing_wasm_pack_names_the_tool_and_the_setup_command() {
        let ws = workspace();
        let plan = Plan::new(ws.path(), &paths());
        let err = Tools::find(&plan, &[ws.path().join("empty")]).unwrap_err();
        let msg = err.to_string();
        assert!(
            matches!(
                err,
                WidgetError::MissingTool {
                    tool: "wasm-pack",
                    ..
                }
            ),
            "{msg}"
        );
        assert!(
            msg.contains("`wasm-pack`") && msg.contains(".ci/setup wasm"),
            "{msg}"
        );
    }

    #[test]
    fn a_wasm_bindgen_of_another_version_is_refused() {
        let ws = workspace();
        let bin = ws.path().join("bin");
        fake_tool(&bin, "wasm-pack", "exit 0");
        fake_tool(&bin, "wasm-bindgen", "echo wasm-bindgen 0.2.100");
        let err =
            Tools::find(&Plan::new(ws.path(), &paths()), std::slice::from_ref(&bin)).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("0.2.130") && msg.contains("0.2.100") && msg.contains(".ci/setup wasm"),
            "{msg}"
        );
    }

    #[test]
    fn npm_wasm_opt_is_required_and_first_on_path() {
        let ws = workspace();
        let bin = ws.path().join("bin");
        fake_tool(&bin, "wasm-pack", "exit 0");
        fake_tool(&bin, "wasm-bindgen", "echo wasm-bindgen 0.2.130");
        let plan = Plan::new(ws.path(), &paths());
        let err = Tools::find(&plan, std::slice::from_ref(&bin)).unwrap_err();
        assert!(
            matches!(
                err,
                WidgetError::MissingTool {
                    tool: "wasm-opt",
                    ..
                }
            ),
            "{err}"
        );
        assert!(err.to_string().contains("npm's binaryen"), "{err}");

        let npm_bin = ws.path().join("www/node_modules/.bin");
        fake_tool(&npm_bin, "wasm-opt", "exit 0");
        let tools = Tools::find(&plan, std::slice::from_ref(&bin)).unwrap();
        let first = std::env::split_paths(&tools.path).next().unwrap();
        assert_eq!(first, npm_bin);
        assert_eq!(tools.wasm_pack, bin.join("wasm-pack"));
    }

    #[test]
    fn a_failed_build_reports_stderr_and_leaves_the_previous_pkg() {
        let ws = workspace();
        let bin = ws.path().join("bin");
        fake_tool(
            &bin,
            "wasm-pack",
            "echo 'error[E0425]: cannot find value' >&2; exit 1",
        );
        fake_tool(&bin, "wasm-bindgen", "echo wasm-bindgen 0.2.130");
        fake_tool(
            &ws.path().join("www/node_modules/.bin"),
            "wasm-opt",
            "exit 0",
        );
        let plan = built(ws.path());
        set_mtime(
            &ws.path().join("crates/widget/src/lib.rs"),
            SystemTime::now() + Duration::from_secs(5),
        );
        let tools = Tools::find(&plan, std::slice::from_ref(&bin)).unwrap();
        let err = plan.build(&tools).unwrap_err();
        assert!(err.to_string().contains("cannot find value"), "{err}");
        assert_eq!(
            fs::read_to_string(plan.pkg().join("widget.js")).unwrap(),
            "built"
        );
        let mut left: Vec<String> = fs::read_dir(ws.path().join("www"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            ["node_modules", "pkg"],
            "a failed build left files behind"
        );
    }

    #[test]
    fn a_build_gets_the_size_profile_and_drops_npm_files() {
        let ws = workspace();
        let bin = ws.path().join("bin");
        // A stand-in wasm-pack: records each run's arguments and environment, writes what
        // wasm-pack writes into its --out-dir.
        let log = ws.path().join("wasm-pack.log");
        let script = format!(
            "echo \"$@\" >> {log}; env | grep -E '^(CARGO_PROFILE|PATH=)' >> {log}\n{FAKE_WASM_PACK}",
            log = log.display()
        );
        fake_tool(&bin, "wasm-pack", &script);
        fake_tool(&bin, "wasm-bindgen", "echo wasm-bindgen 0.2.130");
        fake_tool(
            &ws.path().join("www/node_modules/.bin"),
            "wasm-opt",
            "exit 0",
        );
        let plan = Plan::new(ws.path(), &paths());
        plan.build(&Tools::find(&plan, &[bin, "/usr/bin".into(), "/bin".into()]).unwrap())
            .unwrap();

        let mut served: Vec<String> = fs::read_dir(plan.pkg())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        served.sort();
        assert_eq!(
            served,
            [
                "acct.js",
                "acct_bg.wasm",
                "mail.js",
                "mail_bg.wasm",
                "widget.js",
                "widget_bg.wasm"
            ]
        );
        let log = fs::read_to_string(log).unwrap();
        let runs: Vec<&str> = log.lines().filter(|l| l.starts_with("build ")).collect();
        assert_eq!(runs.len(), 3, "{log}");
        // Each module has only its own feature: the page's leaves out the accounting
        // session and the message reader (the crate's default features include all).
        let features = [("widget", "page"), ("acct", "acct"), ("mail", "mail")];
        for (run, (name, feature)) in runs.iter().zip(features) {
            assert!(
                run.contains(&format!("--out-name {name}"))
                    && run.ends_with(&format!("-- --no-default-features --features {feature}")),
                "{log}"
            );
        }
        for want in [
            "--target web",
            "--release",
            "--mode no-install",
            "CARGO_PROFILE_RELEASE_OPT_LEVEL=z",
            "CARGO_PROFILE_RELEASE_LTO=true",
            "CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1",
            "CARGO_PROFILE_RELEASE_PANIC=abort",
        ] {
            assert!(log.contains(want), "wasm-pack ran without {want}:\n{log}");
        }
        assert!(
            log.contains(&format!(
                "PATH={}",
                ws.path().join("www/node_modules/.bin").display()
            )),
            "{log}"
        );
        assert!(plan.is_fresh().unwrap());
    }

    #[test]
    fn a_relative_root_builds_into_its_www_not_into_the_crate() {
        let ws = workspace();
        let bin = ws.path().join("bin");
        // Like wasm-pack: a relative --out-dir is resolved against the crate directory.
        let script = format!("crate=$2\n{FAKE_WASM_PACK}");
        fake_tool(&bin, "wasm-pack", &script);
        fake_tool(&bin, "wasm-bindgen", "echo wasm-bindgen 0.2.130");
        fake_tool(
            &ws.path().join("www/node_modules/.bin"),
            "wasm-opt",
            "exit 0",
        );
        let cwd = std::env::current_dir().unwrap();
        let up: PathBuf = cwd.components().skip(1).map(|_| "..").collect();
        let relative = up.join(ws.path().strip_prefix("/").unwrap());
        assert!(relative.is_relative());
        let search = [bin, "/usr/bin".into(), "/bin".into()];
        ensure_built_with(&relative, &paths(), &search).unwrap();
        assert!(ws.path().join("www/pkg/widget_bg.wasm").is_file());
        assert!(
            !ws.path().join("crates/widget/www").exists(),
            "wasm-pack wrote into the crate"
        );
    }
}

/// The real toolchain on this repository (on demand: `cargo test -p guide -- --ignored
/// real_widget`); rebuilds `www/pkg` when stale.
#[cfg(test)]
mod real {
    #[test]
    #[ignore = "runs wasm-pack on the repository (about 30 s); needs `.ci/setup wasm`"]
    fn real_widget_builds_and_is_then_fresh() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .canonicalize()
            .unwrap();
        let paths = super::WidgetPaths {
            crate_dir: "crates/widget".into(),
            www_dir: "www".into(),
        };
        super::ensure_built(&root, &paths).unwrap();
        let plan = super::Plan::new(&root, &paths);
        assert!(plan.is_fresh().unwrap());
        for out in plan.outputs() {
            assert!(
                std::fs::metadata(&out).unwrap().len() > 0,
                "{} is empty",
                out.display()
            );
        }
        assert!(!plan.pkg().join("package.json").exists());
    }
}
