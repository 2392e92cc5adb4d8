//! Writes the index as static files: `meta.json`, term shards, further posting tiers, year
//! attributes, the commune table and document chunks, gzip-compressed, in the layout of
//! docs/search-index.md.

use super::documents::{Document, Kind};
use super::index::{Index, PackedTerm, Posting, TIERS, Term};
use crate::graph::{OutputPath, Site};
use crate::write::{Contents, Sink, WriteError};
use flate2::Compression;
use flate2::write::GzEncoder;
use rayon::prelude::*;
use serde::Serialize;
use std::io::Write;

/// Where the index lives in the output.
pub const INDEX_DIR: &str = "tim-kiem/chi-muc/";
/// Documents per document chunk.
pub const CHUNK: usize = 32;
/// Documents per year-attribute block.
const YEAR_BLOCK: usize = 4096;
/// Aimed-for size of a shard, in bytes.
const SHARD_BYTES: usize = 16 * 1024;
/// Years are stored as offsets from this year.
const YEAR_BASE: i32 = 2000;
/// Area byte of a document without area.
const NO_AREA: u8 = 31;

/// FNV-1a, 32 bits, over the UTF-8 bytes of `text` (the client computes the same).
pub fn fnv1a(text: &str) -> u32 {
    text.bytes().fold(2_166_136_261u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(16_777_619)
    })
}

/// Appends `value` as an unsigned LEB128 varint.
pub(super) fn varint(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn bytes(out: &mut Vec<u8>, text: &str) {
    varint(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

/// Kind and area of a document in one byte: `kind << 5 | area` (area 31 = none).
fn kind_area(document: &Document) -> u8 {
    let area = document.area.map_or(NO_AREA, |a| (a as u8).min(NO_AREA));
    document.kind.code() << 5 | area
}

/// What the posting lists, year blocks, commune table and `meta.json` need of each document,
/// kept once its text is written: a few bytes per document.
#[derive(Debug, Default)]
pub struct Attributes {
    /// [`kind_area`] of each document.
    kind_area: Vec<u8>,
    /// [`years`] of each document.
    years: Vec<[u8; 2]>,
    /// The smallest and largest year of any document.
    year_range: Option<(i32, i32)>,
    /// The id of each commune's first document, in commune order.
    commune_firsts: Vec<u32>,
    /// The id of the first document without a commune.
    communeless: Option<u32>,
}

impl Attributes {
    /// Records `documents`, which follow every document recorded before.
    pub fn extend(&mut self, documents: &[Document]) {
        for document in documents {
            let id = self.kind_area.len() as u32;
            self.kind_area.push(kind_area(document));
            self.years.push(years(document));
            if let Some((from, to)) = document.years {
                self.year_range = Some(
                    self.year_range
                        .map_or((from, to), |(a, b)| (a.min(from), b.max(to))),
                );
            }
            match document.commune {
                Some(commune) if self.commune_firsts.len() == commune => {
                    self.commune_firsts.push(id);
                }
                Some(_) => {}
                None => {
                    self.communeless.get_or_insert(id);
                }
            }
        }
    }

    /// Number of documents recorded.
    pub fn len(&self) -> usize {
        self.kind_area.len()
    }

    /// The smallest and largest year of any document (None when no document has years).
    pub fn year_range(&self) -> Option<(i32, i32)> {
        self.year_range
    }
}

/// First and last year of a document as offsets from [`YEAR_BASE`]; pages match every year.
fn years(document: &Document) -> [u8; 2] {
    document.years.map_or([0, 255], |(from, to)| {
        let offset = |year: i32| (year - YEAR_BASE).clamp(0, 255) as u8;
        [offset(from), offset(to)]
    })
}

/// A posting list: count, then postings by document id (ids delta-encoded).
fn posting_list(out: &mut Vec<u8>, postings: &[Posting], with_variants: bool, kind_area: &[u8]) {
    varint(out, postings.len() as u64);
    let mut previous = 0;
    for posting in postings {
        varint(out, u64::from(posting.doc - previous));
        previous = posting.doc;
        out.push(posting.impact);
        if with_variants {
            out.push(posting.variants);
        }
        out.push(kind_area[posting.doc as usize]);
    }
}

/// The postings of `term` in tier `tier` (0 = in the shard).
fn tier_slice(term: &Term, tier: usize) -> &[Posting] {
    term.tiers.get(tier).map_or(&[], Vec::as_slice)
}

/// How many tier files a term has beyond its shard.
fn tier_count(term: &Term) -> usize {
    term.tiers.len().saturating_sub(1)
}

#[derive(Serialize)]
struct Meta<'a> {
    version: u32,
    docs: usize,
    shards: usize,
    chunk: usize,
    year_block: usize,
    year_base: i32,
    tiers: [usize; 3],
    kinds: Vec<&'static str>,
    areas: Vec<AreaMeta<'a>>,
    communes: usize,
    communeless: usize,
    years: Option<(i32, i32)>,
}

#[derive(Serialize)]
struct AreaMeta<'a> {
    id: &'a str,
    name: &'a str,
}

/// Writes the term shards, posting tiers, year blocks, commune table and `meta.json` of the
/// documents described by `attributes` (their chunks are written as they come, by
/// [`write_documents`]); returns the contents of `meta.json` (a later delta segment rewrites it
/// with a pointer to the delta).
pub fn write(
    site: &Site,
    attributes: &Attributes,
    index: Index,
    sink: &dyn Sink,
) -> Result<serde_json::Value, WriteError> {
    let shards = shard_count(&index);
    write_segment(INDEX_DIR, shards, attributes, index, sink)?;
    let communes: Vec<(String, u32)> = attributes
        .commune_firsts
        .iter()
        .enumerate()
        .map(|(commune, &first)| (site.commune_name(commune), first))
        .collect();
    let commune_count = communes.len();
    put(
        sink,
        INDEX_DIR,
        "c.bin",
        &serde_json::to_vec(&communes).expect("communes serialize"),
        SMALL,
    )?;
    let meta = Meta {
        version: 2,
        docs: attributes.len(),
        shards,
        chunk: CHUNK,
        year_block: YEAR_BLOCK,
        year_base: YEAR_BASE,
        tiers: TIERS,
        kinds: Kind::ALL.iter().map(|k| k.label()).collect(),
        areas: site
            .areas
            .iter()
            .map(|a| AreaMeta {
                id: &a.area.id,
                name: &a.area.name,
            })
            .collect(),
        communes: commune_count,
        communeless: attributes
            .communeless
            .map_or(attributes.len(), |id| id as usize),
        years: attributes.year_range,
    };
    let meta = serde_json::to_value(&meta).expect("meta serializes");
    sink.put(
        &index_path(&format!("{INDEX_DIR}meta.json")),
        Contents::Bytes(serde_json::to_vec(&meta).expect("meta serializes")),
    )?;
    Ok(meta)
}

/// How many shards the postings of `terms` need to keep each shard near [`SHARD_BYTES`].
pub fn shard_count(index: &Index) -> usize {
    index.shard_bytes().div_ceil(SHARD_BYTES).max(1)
}

/// Compresses `raw` and puts it at `dir` + `relative`.
pub fn put(
    sink: &dyn Sink,
    dir: &str,
    relative: &str,
    raw: &[u8],
    level: u32,
) -> Result<(), WriteError> {
    sink.put(
        &index_path(&format!("{dir}{relative}")),
        Contents::Bytes(gzip(raw, level)),
    )
}

/// Writes the term shards (`s/`), further posting tiers (`t/`) and year blocks (`y/`) of the
/// documents described by `attributes` (ids = positions) under `dir` (a base index or a delta
/// segment).
pub fn write_segment(
    dir: &str,
    shards: usize,
    attributes: &Attributes,
    mut index: Index,
    sink: &dyn Sink,
) -> Result<(), WriteError> {
    // Terms come sorted by key, so each shard's terms stay in key order. Shards are written in
    // parallel, each finishing its terms (impacts, tiers) one by one and dropping them once
    // written: only the packed index and the shards in progress are in memory.
    let mut shard_terms: Vec<Vec<PackedTerm>> = (0..shards).map(|_| Vec::new()).collect();
    for term in std::mem::take(&mut index.terms) {
        shard_terms[fnv1a(&term.key) as usize % shards].push(term);
    }
    let put = |relative: &str, raw: &[u8], level: u32| put(sink, dir, relative, raw, level);
    let kind_area = &attributes.kind_area;
    shard_terms
        .into_par_iter()
        .enumerate()
        .try_for_each(|(shard, members)| {
            let mut out = Vec::new();
            varint(&mut out, members.len() as u64);
            for (position, packed) in members.into_iter().enumerate() {
                let term = index.finish(packed);
                let with_variants = !term.variants.is_empty();
                bytes(&mut out, &term.key);
                varint(
                    &mut out,
                    term.tiers.iter().map(Vec::len).sum::<usize>() as u64,
                );
                out.push(term.variants.len() as u8);
                for variant in &term.variants {
                    bytes(&mut out, variant);
                }
                let tiers = tier_count(&term);
                varint(&mut out, tiers as u64);
                posting_list(&mut out, tier_slice(&term, 0), with_variants, kind_area);
                for tier in 1..=tiers {
                    let mut tier_out = Vec::new();
                    posting_list(
                        &mut tier_out,
                        tier_slice(&term, tier),
                        with_variants,
                        kind_area,
                    );
                    put(&format!("t/{shard}-{position}-{tier}.bin"), &tier_out, FAST)?;
                }
            }
            put(&format!("s/{shard}.bin"), &out, SMALL)
        })?;

    attributes
        .years
        .par_chunks(YEAR_BLOCK)
        .enumerate()
        .try_for_each(|(block, members)| {
            let out: Vec<u8> = members.iter().flatten().copied().collect();
            put(&format!("y/{block}.bin"), &out, FAST)
        })
}

/// Writes the chunks (`d/`) of `documents` under `dir`: the first document's id is `first`, a
/// multiple of the chunk size, and every chunk but the last document's is full.
/// `commune_name` names the commune of a document's `commune` index.
pub fn write_documents(
    dir: &str,
    first: usize,
    documents: &[Document],
    commune_name: &(dyn Fn(usize) -> String + Sync),
    sink: &dyn Sink,
) -> Result<(), WriteError> {
    debug_assert_eq!(
        first % CHUNK,
        0,
        "document chunks start at a chunk boundary"
    );
    documents
        .par_chunks(CHUNK)
        .enumerate()
        .try_for_each(|(chunk, members)| {
            let records: Vec<_> = members
                .iter()
                .map(|d| {
                    let area = d.area.map_or(-1, |a| a as i64);
                    let commune = d.commune.map_or(-1, |c| c as i64);
                    let name = d.commune.map(commune_name).unwrap_or_default();
                    (
                        &d.title,
                        &d.url,
                        &d.text,
                        d.kind.code(),
                        area,
                        commune,
                        name,
                        &d.tags,
                    )
                })
                .collect();
            let json = serde_json::to_vec(&records).expect("documents serialize");
            let chunk = first / CHUNK + chunk;
            put(sink, dir, &format!("d/{chunk}.bin"), &json, DOCUMENTS)
        })
}

/// The output path of an index file.
pub fn index_path(path: &str) -> OutputPath {
    OutputPath::new(path).expect("index paths are relative")
}

/// Compression of the files every query loads (shards, documents, the commune table): smallest.
const SMALL: u32 = 6;
/// Compression of the document chunks (the text of every document: the bulk of what the index
/// compresses; a query loads a few of them).
const DOCUMENTS: u32 = 3;
/// Compression of the bulky files loaded only for common words or filters (posting tiers 1–3,
/// year blocks): fast, since they are most of the bytes to compress and compress little anyway.
const FAST: u32 = 1;

/// The published bytes: gzip-compressed (the client inflates them with `DecompressionStream`).
fn gzip(raw: &[u8], level: u32) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(raw.len() / 3), Compression::new(level));
    encoder.write_all(raw).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a(""), 0x811c_9dc5);
        assert_eq!(fnv1a("a"), 0xe40c_292c);
        assert_eq!(fnv1a("foobar"), 0xbf9c_f968);
    }

    #[test]
    fn varints_are_little_endian_base_128() {
        let mut out = Vec::new();
        varint(&mut out, 0);
        varint(&mut out, 127);
        varint(&mut out, 128);
        varint(&mut out, 300);
        assert_eq!(out, [0, 127, 0x80, 1, 0xac, 2]);
    }
}
