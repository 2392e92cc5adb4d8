//! Search beside the pipeline: from the site graph and the rendered plan bodies, a static,
//! sharded, diacritic-aware index that the browser queries a few small files at a time
//! (the format is specified in docs/search-index.md; the client is `search.js` in the theme).
//! A preview amends it with a small delta segment per edit instead of rebuilding it
//! ([`write_delta`]).

mod base;
mod delta;
mod documents;
mod encode;
mod index;
mod tokenize;

pub use base::IndexBase;
pub use delta::{DELTA_DIR, write_delta};
pub use documents::{Document, Kind, PlanInputs};
pub use encode::{INDEX_DIR, fnv1a};
pub use index::{Posting, Term};
pub use tokenize::{Token, fold, tokenize};

use crate::graph::Site;
use crate::render::Rendered;
use crate::write::{Sink, WriteError};

/// Builds the search index of a rendered site and writes its files (under [`INDEX_DIR`]) into
/// `sink`; returns what a later [`write_delta`] needs to amend it.
pub fn build_index(
    site: &Site,
    rendered: &Rendered,
    sink: &dyn Sink,
) -> Result<IndexBase, WriteError> {
    let collected = documents::collect(site, rendered);
    let index = index::build(&collected.documents, None);
    let average = index.average();
    let meta = encode::write(site, &collected.documents, index, sink)?;
    Ok(IndexBase::new(site, &collected, average, meta))
}
