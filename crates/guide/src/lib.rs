//! The `guide` build tool: a staged static-site generator (load -> parse -> render ->
//! write) and the classifier's command line.

pub mod assets;
pub mod body;
pub mod bounce;
pub mod cli_acct;
pub mod cli_classify;
pub mod commands;
pub mod config;
pub mod content;
pub mod errors;
pub mod links;
pub mod markdown;
pub mod output;
pub mod search;
pub mod serve;
pub mod site;
pub mod sitemap;
pub mod templates;
pub mod widget_build;
