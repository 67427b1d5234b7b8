//! Entry points of the `build`, `check` and `serve` subcommands.
use std::path::Path;
use std::process::ExitCode;

pub fn build(root: &Path, out: &Path, drafts: bool) -> anyhow::Result<ExitCode> {
    let _ = (root, out, drafts);
    anyhow::bail!("not implemented yet")
}

pub fn check(root: &Path, drafts: bool) -> anyhow::Result<ExitCode> {
    let _ = (root, drafts);
    anyhow::bail!("not implemented yet")
}

pub fn serve(root: &Path, port: u16, drafts: bool) -> anyhow::Result<ExitCode> {
    let _ = (root, port, drafts);
    anyhow::bail!("not implemented yet")
}
