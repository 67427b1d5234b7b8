//! The `guide` build tool: a staged static-site generator (`site`: load -> parse ->
//! links -> index -> render -> publish), its preview server (`serve`) and the command
//! lines (`cli`: build, check, serve, classify).

pub mod cli;
pub mod errors;
pub mod serve;
pub mod site;
