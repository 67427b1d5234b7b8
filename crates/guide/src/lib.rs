//! The `guide` tool: the static-site generator of the guide, its preview server and
//! the classifier's command line.
//!
//! - `site/`: the pipeline ([`site::build`]): `load` -> `parse` -> `links` -> `index` ->
//!   `render` -> `publish`, one module per stage, and the helpers the stages use
//!   (`config`, `content`, `markdown`, `body`, `bounce`, `templates`, `assets`, `tree`,
//!   `views`, `cache`, `widget`).
//! - `serve/`: `guide serve`, builds in memory and reloads the browser.
//! - `cli/`: the command lines: `site` (build, check, serve), `classify`, `acct`.
//! - `errors`, `paths`, `html`: what every part shares (problems and their text, paths,
//!   escaping).

pub mod cli;
pub mod errors;
pub(crate) mod html;
pub(crate) mod paths;
pub(crate) mod serve;
pub mod site;
