use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Builds, checks and serves the Incident Response Guide; classifies bounces.
#[derive(Parser)]
#[command(name = "guide", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (atomically).
    Build {
        /// Site root (holds site.toml, content/, themes/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder [default: <root>/public]. Replaced whole: refused when it holds
        /// the site's sources or files a build did not write.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Include pages marked `draft = true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Validate the site (front matter, templates, links) without writing anything.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        drafts: bool,
    },
    /// Serve the site on 127.0.0.1 with live reload.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        #[arg(long)]
        drafts: bool,
        /// Close a connection that sent no request for this many seconds.
        #[arg(long, default_value_t = 30)]
        idle_timeout: u64,
    },
    /// Classify a bounce text (stdin or --text), lines of a log, or a PowerMTA accounting file.
    Classify(guide::cli::classify::ClassifyArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build { root, out, drafts } => {
            guide::cli::site::build(&root, out.as_deref(), drafts)
        }
        Command::Check { root, drafts } => guide::cli::site::check(&root, drafts),
        Command::Serve {
            root,
            port,
            drafts,
            idle_timeout,
        } => guide::cli::site::serve(&root, port, drafts, idle_timeout),
        Command::Classify(args) => guide::cli::classify::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(1)
        }
    }
}
