//! The command lines of `guide`: the site commands (build, check, serve) and the
//! classifier's (`classify`, with `--acct` for accounting files and `--mail` for whole
//! bounce messages).

pub mod acct;
pub mod classify;
pub mod mail;
pub mod site;

use std::process::ExitCode;

/// A reader that closes our output early (`guide classify --lines | head -1`) wants no
/// more of it: the command ends quietly and successfully instead of reporting the
/// write's broken pipe.
pub(crate) fn end_quietly_on_closed_pipe(
    result: anyhow::Result<ExitCode>,
) -> anyhow::Result<ExitCode> {
    match result {
        Err(e) if is_closed_pipe(&e) => Ok(ExitCode::SUCCESS),
        other => other,
    }
}

fn is_closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        let kind = match cause.downcast_ref::<std::io::Error>() {
            Some(io) => Some(io.kind()),
            // serde_json keeps the writer's I/O error inside its own.
            None => cause
                .downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind),
        };
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}
