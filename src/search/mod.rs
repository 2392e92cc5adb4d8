//! Search beside the pipeline: from the site graph and the rendered plan bodies, a static,
//! sharded, diacritic-aware index that the browser queries a few small files at a time
//! (the format is specified in docs/search-index.md; the client is `search.js` in the theme).

mod documents;
mod encode;
mod index;
mod tokenize;

pub use documents::{Document, Kind};
pub use encode::{INDEX_DIR, fnv1a};
pub use index::{Posting, Term};
pub use tokenize::{Token, fold, tokenize};

use crate::graph::Site;
use crate::render::Rendered;
use crate::write::{Sink, WriteError};

/// Builds the search index of a rendered site and writes its files (under [`INDEX_DIR`]) into
/// `sink`.
pub fn build_index(site: &Site, rendered: &Rendered, sink: &dyn Sink) -> Result<(), WriteError> {
    let documents = documents::collect(site, rendered);
    let index = index::build(&documents);
    encode::write(site, &documents, index, sink)
}
