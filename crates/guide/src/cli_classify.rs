//! `guide classify`: one text (stdin or --text) to one JSON object; `--lines` to JSON Lines.
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct ClassifyArgs {
    /// The bounce text (default: read stdin).
    #[arg(long)]
    pub text: Option<String>,
    /// Classify each line of stdin on its own and print JSON Lines.
    #[arg(long)]
    pub lines: bool,
}

pub fn run(args: ClassifyArgs) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("not implemented yet")
}
