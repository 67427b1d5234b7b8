//! Entry points of the `build`, `check` and `serve` subcommands.
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;

use crate::errors::BuildError;
use crate::site::publish::PublishError;
use crate::site::{self, BuildOptions};

/// Prints user problems (one per line) and returns the failure exit code; other errors
/// go up to `main`.
fn report(err: BuildError) -> anyhow::Result<ExitCode> {
    match err {
        BuildError::Problems(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            let n = problems.len();
            eprintln!(
                "error: build failed with {n} problem{}",
                if n == 1 { "" } else { "s" }
            );
            Ok(ExitCode::from(1))
        }
        other => Err(other.into()),
    }
}

/// Prints the warnings of a build, one per line (each says `warning:`).
fn warn(warnings: &[crate::errors::Problem]) {
    for w in warnings {
        eprintln!("{w}");
    }
}

/// Builds into `out` (default: `<root>/public`).
pub fn build(root: &Path, out: Option<&Path>, drafts: bool) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let default_out = root.join("public");
    let out = out.unwrap_or(&default_out);
    let opts = BuildOptions {
        drafts,
        build_widget: true,
        ..BuildOptions::new(root)
    };
    let (built, stats) = match site::build_atomic(&opts, out) {
        Ok(r) => r,
        Err(PublishError::Build(e @ BuildError::Problems(_))) => return report(e),
        Err(e @ PublishError::Refused(_)) => return Err(e.into()),
        Err(e) => return Err(e).with_context(|| format!("building into {}", out.display())),
    };
    warn(&built.warnings);
    eprintln!(
        "built {} pages into {} in {} ms ({} files written, {} unchanged)",
        built.pages,
        out.display(),
        start.elapsed().as_millis(),
        stats.written,
        stats.unchanged
    );
    Ok(ExitCode::SUCCESS)
}

pub fn check(root: &Path, drafts: bool) -> anyhow::Result<ExitCode> {
    let opts = BuildOptions {
        drafts,
        ..BuildOptions::new(root)
    };
    match site::check(&opts) {
        Ok(built) => {
            warn(&built.warnings);
            eprintln!("ok: {} pages, no problems", built.pages);
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => report(e),
    }
}

/// Serves the site; `idle_timeout` in seconds.
pub fn serve(root: &Path, port: u16, drafts: bool, idle_timeout: u64) -> anyhow::Result<ExitCode> {
    let idle = std::time::Duration::from_secs(idle_timeout.max(1));
    let defaults = crate::serve::http::Limits::default();
    let limits = crate::serve::http::Limits {
        idle,
        head_time: defaults.head_time.min(idle),
        ..defaults
    };
    crate::serve::run(&crate::serve::ServeOptions {
        root: root.to_path_buf(),
        port,
        drafts,
        limits,
    })?;
    Ok(ExitCode::SUCCESS)
}
