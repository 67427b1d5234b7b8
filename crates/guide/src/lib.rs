//! The `guide` build tool: a staged static-site generator (load -> parse -> render ->
//! write) and the classifier's command line.

pub mod cli_classify;
pub mod commands;
pub mod widget_build;
