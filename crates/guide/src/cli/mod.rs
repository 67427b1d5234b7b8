//! The command lines of `guide`: the site commands (build, check, serve) and the
//! classifier's (`classify`, with `--acct` for accounting files).

pub mod acct;
pub mod classify;
pub mod site;
