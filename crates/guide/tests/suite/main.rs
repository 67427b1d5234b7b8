//! The guide crate's test suite: one test binary, a module per feature, most of them
//! beside a fixture site in `tests/sites/`. Shared helpers are in `common`.

mod assets_hashing;
mod atomic_output;
mod bounce_blocks;
mod cli_acct;
mod cli_classify;
mod cli_mail;
mod closed_pipe;
mod common;
mod compat;
mod compat_assets;
mod data_files;
mod drafts;
mod front_matter;
mod guide_facts;
mod headings_toc;
mod highlighting;
mod images;
mod internal_links;
mod kill_anywhere;
mod markdown_features;
mod one_source_of_truth;
mod output_folder;
mod output_paths;
mod pages_from_data;
mod sass_files;
mod search_index;
mod sections_nav;
mod serve;
mod serve_limits;
mod serve_saves;
mod site_files;
mod template_limits;
mod templates;
mod widget_mount;
