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
/// `sink`; returns what a later [`write_delta`] needs to amend it. Documents are made, indexed and
/// written a batch at a time and then dropped: what stays is the packed index and a few bytes per
/// document (`encode::Attributes`).
pub fn build_index(
    site: &Site,
    rendered: &Rendered,
    sink: &dyn Sink,
) -> Result<IndexBase, WriteError> {
    let commune_name = |commune: usize| site.commune_name(commune);
    let mut stream = Stream {
        builder: index::Builder::default(),
        attributes: encode::Attributes::default(),
        pending: Vec::new(),
        sink,
        commune_name: &commune_name,
    };
    let layout = documents::for_each_batch(site, rendered, |documents| {
        stream.pending.extend(documents);
        stream.flush(false)
    })?;
    stream.flush(true)?;
    let Stream {
        builder,
        attributes,
        ..
    } = stream;
    let index = builder.finish(None);
    let average = index.average();
    let meta = encode::write(site, &attributes, index, sink)?;
    Ok(IndexBase::new(site, &layout, average, meta))
}

/// Documents indexed and written at a time: whole document chunks (and tokenizing chunks).
const BATCH: usize = 8192;
// Every batch but the last fills whole document chunks.
const _: () = assert!(BATCH.is_multiple_of(encode::CHUNK));

/// The documents of a base index on their way through: made, then indexed and written in
/// batches of [`BATCH`].
struct Stream<'a, 's> {
    builder: index::Builder,
    attributes: encode::Attributes,
    /// Documents made but not indexed yet; the first one's id is `attributes.len()`.
    pending: Vec<documents::Document<'a>>,
    sink: &'s dyn Sink,
    commune_name: &'s (dyn Fn(usize) -> String + Sync),
}

impl Stream<'_, '_> {
    /// Indexes and writes the pending documents, all of them or whole batches only.
    fn flush(&mut self, all: bool) -> Result<(), WriteError> {
        while self.pending.len() >= BATCH || (all && !self.pending.is_empty()) {
            let take = self.pending.len().min(BATCH);
            let batch: Vec<_> = self.pending.drain(..take).collect();
            let first = self.attributes.len();
            let (builder, sink, commune_name) = (&mut self.builder, self.sink, self.commune_name);
            let ((), written) = rayon::join(
                || builder.add(first, &batch),
                || encode::write_documents(INDEX_DIR, first, &batch, commune_name, sink),
            );
            written?;
            self.attributes.extend(&batch);
        }
        Ok(())
    }
}
