//! Full-text site search: the plain text of every page (from the markdown pass), cut into
//! words the way readers of a mail guide type them (SMTP codes, host names, English
//! stems), written as a sharded index that the theme's `search-index.js` reads a piece
//! at a time.
mod elasticlunr;
pub(crate) mod text;
pub(crate) mod tokens;
mod vocabulary;
pub(crate) mod writer;
pub(crate) mod zola;

pub(crate) use text::{SectionText, TextCollector};
pub(crate) use writer::{write, PageText};
