//! The inverted index: for every folded unigram and bigram, the documents that contain it with a
//! BM25 impact, ordered best first (docs/search-index.md).

use super::documents::Document;
use super::encode::varint;
use super::tokenize::{fold_char, for_each_exact};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// BM25 term-frequency saturation.
const K1: f32 = 1.2;
/// BM25 length normalization.
const B: f32 = 0.75;
/// Weight of a title occurrence, in tenths of a text occurrence (term frequencies are summed as
/// integer tenths, exactly).
const TITLE_WEIGHT: u32 = 30;
/// Weight of a text occurrence, in tenths.
const TEXT_WEIGHT: u32 = 10;
/// Weight of a tag (words a document is about without saying them, such as its area's name), in
/// tenths.
const TAG_WEIGHT: u32 = 3;
/// Exact forms kept per term (bit 7 of a posting's variant byte stands for all others).
pub const MAX_VARIANTS: usize = 7;

/// One document containing a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    /// Document id.
    pub doc: u32,
    /// BM25 term-frequency part scaled to 1..=255.
    pub impact: u8,
    /// Bit i: the document contains `variants[i]`; bit 7: some other exact form.
    pub variants: u8,
}

/// Postings in the term's shard, then in tier files 1 and 2; tier 3 holds the rest
/// (docs/search-index.md): the best postings come first, so a query usually needs only the shard.
pub const TIERS: [usize; 3] = [512, 4096, 32768];

/// A term with its postings split into impact tiers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Folded unigram ("cach") or bigram ("cai cach").
    pub key: String,
    /// The most frequent exact forms of a unigram ("cách", "cạch"…); empty for bigrams.
    pub variants: Vec<String>,
    /// Postings by tier: tier 0 holds the [`TIERS`]`[0]` postings of highest impact (ties: lowest
    /// document id first), tier 1 the next [`TIERS`]`[1]`, and so on; the last tier holds the rest.
    /// Within a tier, postings are in increasing document id. Empty tiers at the end are left out.
    pub tiers: Vec<Vec<Posting>>,
}

impl Term {
    /// Every posting, tier after tier.
    pub fn postings(&self) -> impl Iterator<Item = &Posting> {
        self.tiers.iter().flatten()
    }
}

/// Splits postings given in increasing document id into tiers of the sizes of [`TIERS`] (the
/// rest in a last tier) by impact, highest first, ties by document id, keeping document order
/// within each tier. Linear: a histogram of impacts finds each tier's cut, then one pass deals
/// the postings out.
fn split_tiers(postings: Vec<Posting>) -> Vec<Vec<Posting>> {
    let mut histogram = [0usize; 256];
    for posting in &postings {
        histogram[posting.impact as usize] += 1;
    }
    // For each cut (after 512, after 512 + 4096, …): the impact at which it falls and how many
    // postings of that impact (the first ones in document order) are above it.
    let mut cuts: Vec<(u8, usize)> = Vec::new();
    let mut boundary = 0;
    for size in TIERS {
        boundary += size;
        if boundary >= postings.len() {
            break;
        }
        let mut above = 0;
        for impact in (0..=255u8).rev() {
            let count = histogram[impact as usize];
            if above + count > boundary {
                cuts.push((impact, boundary - above));
                break;
            }
            above += count;
        }
    }
    let mut tiers: Vec<Vec<Posting>> = vec![Vec::new(); cuts.len() + 1];
    let mut seen = vec![0usize; cuts.len()];
    for posting in postings {
        // The tier is the number of cuts this posting falls below.
        let mut tier = 0;
        for (cut, &(impact, take)) in cuts.iter().enumerate() {
            let below = if posting.impact == impact {
                seen[cut] += 1;
                seen[cut] > take
            } else {
                posting.impact < impact
            };
            if below {
                tier = cut + 1;
            }
        }
        tiers[tier].push(posting);
    }
    while tiers.len() > 1 && tiers.last().is_some_and(Vec::is_empty) {
        tiers.pop();
    }
    tiers
}

/// Documents per parallel tokenizing chunk. Within a chunk every distinct exact form is folded and
/// looked up once; chunks are merged into the index in document order.
const CHUNK: usize = 2048;

/// Term ids local to one chunk of documents.
#[derive(Default)]
struct ChunkTerms {
    /// Local exact form ids by their text.
    exact_ids: FxHashMap<Box<str>, u32>,
    /// Each local exact form: its text and its local unigram id.
    exacts: Vec<(Box<str>, u32)>,
    /// Local unigram ids by their folded text.
    unigram_ids: FxHashMap<Box<str>, u32>,
    /// Each local unigram's folded text.
    unigrams: Vec<Box<str>>,
    /// Unigram postings in document order: (local unigram, doc, weighted tf in tenths, first and
    /// end index of its exact forms in `forms`).
    unigram_postings: Vec<(u32, u32, u32, u32, u32)>,
    /// Local exact form ids of the unigram postings.
    forms: Vec<u32>,
    /// Local bigram ids by their pair of local unigram ids.
    bigram_ids: FxHashMap<(u32, u32), u32>,
    /// Each local bigram's pair of local unigram ids.
    bigrams: Vec<(u32, u32)>,
    /// Bigram postings in document order: (local bigram, doc, weighted tf in tenths).
    bigram_postings: Vec<(u32, u32, u32)>,
    /// Unigram tokens of each document of the chunk.
    lengths: Vec<u32>,
}

impl ChunkTerms {
    /// The local exact form id of `exact`, interning it (and its folded unigram) when new.
    fn exact(&mut self, exact: &str) -> u32 {
        if let Some(&id) = self.exact_ids.get(exact) {
            return id;
        }
        let folded: String = exact.chars().filter_map(fold_char).collect();
        let unigram = match self.unigram_ids.get(folded.as_str()) {
            Some(&id) => id,
            None => {
                let id = self.unigrams.len() as u32;
                self.unigrams.push(folded.clone().into_boxed_str());
                self.unigram_ids.insert(folded.into_boxed_str(), id);
                id
            }
        };
        let id = self.exacts.len() as u32;
        self.exacts.push((exact.into(), unigram));
        self.exact_ids.insert(exact.into(), id);
        id
    }

    /// Tokenizes one document (id `doc`) and appends its postings. `tokens` and `pairs` are
    /// scratch buffers reused from document to document.
    fn add(
        &mut self,
        doc: u32,
        document: &Document,
        tokens: &mut Vec<(u32, u32, u32)>,
        pairs: &mut Vec<(u32, u32, u32)>,
    ) {
        tokens.clear();
        pairs.clear();
        for (text, weight) in [
            (&document.title, TITLE_WEIGHT),
            (&document.text, TEXT_WEIGHT),
            (&document.tags, TAG_WEIGHT),
        ] {
            let mut previous: Option<u32> = None;
            for_each_exact(text, |exact| {
                let form = self.exact(exact);
                let unigram = self.exacts[form as usize].1;
                tokens.push((unigram, form, weight));
                if let Some(previous) = previous {
                    pairs.push((previous, unigram, weight));
                }
                previous = Some(unigram);
            });
        }
        self.lengths.push(tokens.len() as u32);
        // Sorting gathers each term's occurrences: (unigram, exact form) and (first, second).
        tokens.sort_unstable_by_key(|&(unigram, form, _)| (unigram, form));
        let mut at = 0;
        while at < tokens.len() {
            let unigram = tokens[at].0;
            let start = self.forms.len() as u32;
            let mut tf = 0;
            while at < tokens.len() && tokens[at].0 == unigram {
                let form = tokens[at].1;
                if self.forms.last() != Some(&form) || self.forms.len() as u32 == start {
                    self.forms.push(form);
                }
                tf += tokens[at].2;
                at += 1;
            }
            self.unigram_postings
                .push((unigram, doc, tf, start, self.forms.len() as u32));
        }
        pairs.sort_unstable_by_key(|&(a, b, _)| (a, b));
        let mut at = 0;
        while at < pairs.len() {
            let (a, b) = (pairs[at].0, pairs[at].1);
            let mut tf = 0;
            while at < pairs.len() && (pairs[at].0, pairs[at].1) == (a, b) {
                tf += pairs[at].2;
                at += 1;
            }
            let next = self.bigrams.len() as u32;
            let bigram = *self.bigram_ids.entry((a, b)).or_insert(next);
            if bigram == next {
                self.bigrams.push((a, b));
            }
            self.bigram_postings.push((bigram, doc, tf));
        }
    }
}

/// A term's postings while documents are merged, in document order, packed as varints (a
/// national index holds a hundred million of them: 2–4 bytes each instead of 8–12): the document
/// id minus the previous one, the weighted term frequency in tenths and, for unigrams, the mask of
/// the exact forms it contains (bit i = local variant i, bit 31 = any from the 32nd on).
#[derive(Default)]
struct Packed {
    bytes: Vec<u8>,
    last: u32,
    count: u32,
}

impl Packed {
    fn push(&mut self, doc: u32, tf: u32, mask: Option<u32>) {
        varint(&mut self.bytes, u64::from(doc - self.last));
        self.last = doc;
        varint(&mut self.bytes, u64::from(tf));
        if let Some(mask) = mask {
            varint(&mut self.bytes, u64::from(mask));
        }
        self.count += 1;
    }

    /// Every (doc, tf in tenths, mask) in document order; mask is 0 without masks.
    fn unpack(&self, with_masks: bool) -> impl Iterator<Item = (u32, u32, u32)> + '_ {
        let mut at = 0;
        let mut doc = 0;
        (0..self.count).map(move |_| {
            doc += read_varint(&self.bytes, &mut at);
            let tf = read_varint(&self.bytes, &mut at);
            let mask = if with_masks {
                read_varint(&self.bytes, &mut at)
            } else {
                0
            };
            (doc, tf, mask)
        })
    }
}

/// Reads one varint written by [`varint`].
fn read_varint(bytes: &[u8], at: &mut usize) -> u32 {
    let mut value = 0;
    let mut shift = 0;
    loop {
        let byte = bytes[*at];
        *at += 1;
        value |= u32::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return value;
        }
        shift += 7;
    }
}

/// A unigram while documents are being added.
#[derive(Default)]
struct TermBuilder {
    /// Its postings, with variant masks.
    postings: Packed,
    /// exact forms in order of first appearance, with how many documents contain each
    variants: Vec<(String, u32)>,
}

/// The index being merged, chunk after chunk, with global term ids.
#[derive(Default)]
struct Merged {
    unigram_ids: FxHashMap<Box<str>, u32>,
    unigrams: Vec<(Box<str>, TermBuilder)>,
    bigram_ids: FxHashMap<(u32, u32), u32>,
    bigrams: Vec<((u32, u32), Packed)>,
    lengths: Vec<u32>,
}

impl Merged {
    /// Adds a chunk's postings (its documents come after every document merged so far).
    fn merge(&mut self, chunk: ChunkTerms) {
        let unigram_of: Vec<u32> = chunk
            .unigrams
            .iter()
            .map(|key| match self.unigram_ids.get(key) {
                Some(&id) => id,
                None => {
                    let id = self.unigrams.len() as u32;
                    self.unigrams.push((key.clone(), TermBuilder::default()));
                    self.unigram_ids.insert(key.clone(), id);
                    id
                }
            })
            .collect();
        // Each local exact form → its variant index in its global unigram.
        let variant_of: Vec<u32> = chunk
            .exacts
            .iter()
            .map(|(form, local)| {
                let builder = &mut self.unigrams[unigram_of[*local as usize] as usize].1;
                match builder.variants.iter().position(|(v, _)| **v == **form) {
                    Some(index) => index as u32,
                    None => {
                        builder.variants.push((form.to_string(), 0));
                        builder.variants.len() as u32 - 1
                    }
                }
            })
            .collect();
        for (local, doc, tf, start, end) in chunk.unigram_postings {
            let builder = &mut self.unigrams[unigram_of[local as usize] as usize].1;
            let mut mask = 0u32;
            for &form in &chunk.forms[start as usize..end as usize] {
                let variant = variant_of[form as usize];
                builder.variants[variant as usize].1 += 1;
                mask |= 1 << variant.min(31);
            }
            builder.postings.push(doc, tf, Some(mask));
        }
        let bigram_of: Vec<u32> = chunk
            .bigrams
            .iter()
            .map(|&(a, b)| {
                let pair = (unigram_of[a as usize], unigram_of[b as usize]);
                *self.bigram_ids.entry(pair).or_insert_with(|| {
                    self.bigrams.push((pair, Packed::default()));
                    self.bigrams.len() as u32 - 1
                })
            })
            .collect();
        for (local, doc, tf) in chunk.bigram_postings {
            self.bigrams[bigram_of[local as usize] as usize]
                .1
                .push(doc, tf, None);
        }
        self.lengths.extend(chunk.lengths);
    }
}

/// A term whose postings are still packed: its impacts are computed and its tiers split only when
/// its shard is written ([`Index::finish`]), so the whole index never exists unpacked at once.
pub struct PackedTerm {
    /// Folded unigram or bigram.
    pub key: String,
    /// The most frequent exact forms of a unigram, best first; empty for bigrams.
    pub variants: Vec<String>,
    /// Bit of the posting variant byte of each local variant 0..32 (bit 7: not kept).
    variant_bits: Vec<u8>,
    postings: Packed,
}

impl PackedTerm {
    /// Roughly how many bytes its entry takes in a shard (key, exact forms, postings in the shard).
    fn shard_bytes(&self, tiered: bool) -> usize {
        let in_shard = self.postings.count as usize;
        self.key.len()
            + 8
            + self.variants.iter().map(|v| v.len() + 1).sum::<usize>()
            + 4 * if tiered {
                in_shard.min(TIERS[0])
            } else {
                in_shard
            }
    }
}

/// The inverted index with packed postings, its terms sorted by key, and what scoring needs.
pub struct Index {
    /// Every term, by key.
    pub terms: Vec<PackedTerm>,
    /// Unigram tokens of each document.
    lengths: Vec<u32>,
    /// The average document length impacts are computed with.
    average: f32,
    /// Whether postings are split into tiers (a delta segment keeps them all in its shards).
    tiered: bool,
}

impl Index {
    /// The average document length impacts are computed with.
    pub fn average(&self) -> f32 {
        self.average
    }

    /// Keeps every posting of a term in its shard, in document order, with no tier files (for a
    /// delta segment, which is small).
    pub fn untiered(self) -> Index {
        Index {
            tiered: false,
            ..self
        }
    }

    /// Roughly how many bytes the shards take.
    pub fn shard_bytes(&self) -> usize {
        self.terms.iter().map(|t| t.shard_bytes(self.tiered)).sum()
    }

    /// Computes the impacts of a term's postings and splits them into tiers.
    pub fn finish(&self, term: PackedTerm) -> Term {
        let with_masks = !term.variant_bits.is_empty();
        let remap = |mask: u32| -> u8 {
            term.variant_bits
                .iter()
                .enumerate()
                .filter(|&(local, _)| mask & (1 << local) != 0)
                .fold(0u8, |out, (_, &bit)| out | bit)
        };
        let postings: Vec<Posting> = term
            .postings
            .unpack(with_masks)
            .map(|(doc, tf, mask)| {
                let tf = tf as f32 / 10.0;
                let length = self.lengths[doc as usize] as f32;
                let part = tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * length / self.average));
                let impact = (part / (K1 + 1.0) * 255.0).round().clamp(1.0, 255.0) as u8;
                Posting {
                    doc,
                    impact,
                    variants: remap(mask),
                }
            })
            .collect();
        Term {
            key: term.key,
            variants: term.variants,
            tiers: if self.tiered {
                split_tiers(postings)
            } else {
                vec![postings]
            },
        }
    }

    /// Every term finished, by key.
    #[cfg(test)]
    fn into_terms(mut self) -> Vec<Term> {
        let terms = std::mem::take(&mut self.terms);
        terms.into_iter().map(|term| self.finish(term)).collect()
    }
}

/// Builds the index of `documents` (document id = position); see [`Builder`].
pub fn build(documents: &[Document], average: Option<f32>) -> Index {
    let mut builder = Builder::default();
    for (index, batch) in documents.chunks(BATCH_CHUNKS * CHUNK).enumerate() {
        builder.add(index * BATCH_CHUNKS * CHUNK, batch);
    }
    builder.finish(average)
}

/// Tokenizing chunks per batch of [`build`]: a batch is tokenized in parallel while the one
/// before it is merged.
const BATCH_CHUNKS: usize = 4;

/// Builds an index from documents given a batch at a time in id order, so that a caller can make
/// and drop them as it goes: each batch's chunks are tokenized in parallel while the batch before
/// it is merged (memory holds at most two batches of unmerged postings, not their documents).
/// Postings stay packed until [`Index::finish`].
#[derive(Default)]
pub struct Builder {
    merged: Merged,
    /// The last batch, tokenized but not merged yet.
    pending: Vec<ChunkTerms>,
}

impl Builder {
    /// Adds `documents`, whose ids are `first`, `first + 1`, … and follow every document added
    /// before.
    pub fn add(&mut self, first: usize, documents: &[Document]) {
        let tokenize = || -> Vec<ChunkTerms> {
            documents
                .par_chunks(CHUNK)
                .enumerate()
                .map(|(index, chunk)| {
                    let mut terms = ChunkTerms::default();
                    let (mut tokens, mut pairs) = (Vec::new(), Vec::new());
                    for (offset, document) in chunk.iter().enumerate() {
                        let doc = (first + index * CHUNK + offset) as u32;
                        terms.add(doc, document, &mut tokens, &mut pairs);
                    }
                    terms
                })
                .collect()
        };
        let Builder { merged, pending } = self;
        let (next, ()) = rayon::join(tokenize, || {
            pending.drain(..).for_each(|chunk| merged.merge(chunk));
        });
        *pending = next;
    }

    /// The index of every document added. Impacts use `average` as the average document length
    /// when given (a delta segment scores like its base), else the average of the documents.
    pub fn finish(self, average: Option<f32>) -> Index {
        let Builder {
            mut merged,
            pending,
        } = self;
        pending.into_iter().for_each(|chunk| merged.merge(chunk));
        finish(merged, average)
    }
}

/// The terms of `merged`, sorted by key, with their postings still packed.
fn finish(merged: Merged, average: Option<f32>) -> Index {
    let Merged {
        unigrams,
        bigrams,
        lengths,
        ..
    } = merged;
    let average = average.unwrap_or_else(|| {
        (lengths.iter().map(|&l| f64::from(l)).sum::<f64>() / lengths.len().max(1) as f64).max(1.0)
            as f32
    });
    let unigram_keys: Vec<&str> = unigrams.iter().map(|(key, _)| &**key).collect();
    let mut terms: Vec<PackedTerm> = bigrams
        .into_par_iter()
        .map(|((a, b), postings)| PackedTerm {
            key: format!("{} {}", unigram_keys[a as usize], unigram_keys[b as usize]),
            variants: Vec::new(),
            variant_bits: Vec::new(),
            postings,
        })
        .collect();
    terms.par_extend(
        unigrams
            .par_iter()
            .map(|(key, builder)| rank_variants(key, builder)),
    );
    drop(unigram_keys);
    // The unigrams' postings move into their terms once the bigram keys no longer need their keys.
    let unigram_terms = terms.len() - unigrams.len();
    for (term, (_, builder)) in terms[unigram_terms..].iter_mut().zip(unigrams) {
        term.postings = builder.postings;
    }
    terms.par_sort_unstable_by(|a, b| a.key.cmp(&b.key));
    Index {
        terms,
        lengths,
        average,
        tiered: true,
    }
}

/// A unigram's most frequent exact forms (at most [`MAX_VARIANTS`], ties by text) and the bit of
/// each local variant in the published variant byte; its postings are moved in afterwards.
fn rank_variants(key: &str, builder: &TermBuilder) -> PackedTerm {
    let mut ranked: Vec<usize> = (0..builder.variants.len()).collect();
    ranked.sort_by(|&a, &b| {
        let (va, ca) = &builder.variants[a];
        let (vb, cb) = &builder.variants[b];
        cb.cmp(ca).then_with(|| va.cmp(vb))
    });
    ranked.truncate(MAX_VARIANTS);
    let variant_bits = (0..builder.variants.len().min(32))
        .map(|local| match ranked.iter().position(|&r| r == local) {
            Some(bit) => 1 << bit,
            None => 1 << 7,
        })
        .collect();
    PackedTerm {
        key: key.to_string(),
        variants: ranked
            .iter()
            .map(|&i| builder.variants[i].0.clone())
            .collect(),
        variant_bits,
        postings: Packed::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::documents::Kind;

    fn document<'a>(title: &'a str, text: &'a str) -> Document<'a> {
        Document {
            title: title.into(),
            url: String::new(),
            text: text.into(),
            tags: "".into(),
            kind: Kind::Text,
            area: None,
            commune: None,
            years: None,
        }
    }

    fn term<'a>(terms: &'a [Term], key: &str) -> &'a Term {
        terms
            .iter()
            .find(|t| t.key == key)
            .unwrap_or_else(|| panic!("no term {key}"))
    }

    #[test]
    fn folded_terms_keep_their_exact_forms_per_document() {
        let terms = build(
            &[
                document("Cải cách thể chế", "Hoàn thiện thể chế."),
                document("Thế giới", "Cải cách thủ tục."),
            ],
            None,
        )
        .into_terms();
        let the = term(&terms, "the");
        assert_eq!(the.variants, ["thế", "thể"]);
        let thể = the.variants.iter().position(|v| v == "thể").unwrap();
        let thế = the.variants.iter().position(|v| v == "thế").unwrap();
        let first = the.postings().find(|p| p.doc == 0).unwrap();
        let second = the.postings().find(|p| p.doc == 1).unwrap();
        assert_eq!(first.variants, 1 << thể);
        assert_eq!(second.variants, 1 << thế);
        assert_eq!(term(&terms, "cai cach").postings().count(), 2);
        assert_eq!(term(&terms, "the che").postings().count(), 1);
    }

    #[test]
    fn title_hits_and_repetition_rank_higher() {
        let terms = build(
            &[
                document(
                    "Khác",
                    "dịch vụ công trực tuyến một lần trong một đoạn văn dài hơn nhiều chữ",
                ),
                document("Dịch vụ công trực tuyến", "nội dung"),
                document("Khác", "trực tuyến trực tuyến trực tuyến"),
            ],
            None,
        )
        .into_terms();
        let mut postings: Vec<Posting> = term(&terms, "truc tuyen").postings().copied().collect();
        postings.sort_by(|a, b| b.impact.cmp(&a.impact).then(a.doc.cmp(&b.doc)));
        assert_eq!(postings.len(), 3);
        assert_eq!(postings[0].doc, 1, "title hit first: {postings:?}");
        assert_eq!(
            postings[2].doc, 0,
            "one mention in a long text last: {postings:?}"
        );
    }

    fn posting(doc: u32, impact: u8) -> Posting {
        Posting {
            doc,
            impact,
            variants: 0,
        }
    }

    #[test]
    fn tiers_hold_the_best_postings_first_in_document_order() {
        // 40,000 postings with impacts cycling 1..=200: tier 0 must hold exactly the 512 best by
        // (impact desc, doc asc), tier 1 the next 4,096, tier 2 the next 32,768, tier 3 the rest.
        let postings: Vec<Posting> = (0..40_000u32)
            .map(|doc| posting(doc, (doc % 200 + 1) as u8))
            .collect();
        let mut ranked = postings.clone();
        ranked.sort_by(|a, b| b.impact.cmp(&a.impact).then(a.doc.cmp(&b.doc)));
        let tiers = split_tiers(postings);
        let sizes: Vec<usize> = tiers.iter().map(Vec::len).collect();
        assert_eq!(sizes, [512, 4096, 32768, 40_000 - 512 - 4096 - 32768]);
        let mut start = 0;
        for tier in &tiers {
            assert!(tier.windows(2).all(|w| w[0].doc < w[1].doc));
            let mut expected = ranked[start..start + tier.len()].to_vec();
            expected.sort_by_key(|p| p.doc);
            assert_eq!(*tier, expected);
            start += tier.len();
        }
    }

    #[test]
    fn short_lists_stay_in_one_tier() {
        let tiers = split_tiers((0..512).map(|doc| posting(doc, 7)).collect());
        assert_eq!(tiers.len(), 1);
        assert_eq!(tiers[0].len(), 512);
    }
}
