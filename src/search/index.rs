//! The inverted index: for every folded unigram and bigram, the documents that contain it with a
//! BM25 impact, ordered best first (docs/search-index.md).

use super::documents::Document;
use super::tokenize::for_each_token;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// BM25 term-frequency saturation.
const K1: f32 = 1.2;
/// BM25 length normalization.
const B: f32 = 0.75;
/// Weight of a title occurrence against a text occurrence.
const TITLE_WEIGHT: f32 = 3.0;
/// Weight of a tag (words a document is about without saying them, such as its area's name).
const TAG_WEIGHT: f32 = 0.3;
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

/// A term with its postings, best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Folded unigram ("cach") or bigram ("cai cach").
    pub key: String,
    /// The most frequent exact forms of a unigram ("cách", "cạch"…); empty for bigrams.
    pub variants: Vec<String>,
    /// Postings by impact (highest first), then document id.
    pub postings: Vec<Posting>,
}

/// What one document contributes to the index.
struct DocTerms {
    len: u32,
    /// folded unigram → (weighted tf, exact forms)
    unigrams: FxHashMap<String, (f32, Vec<String>)>,
    /// folded bigram → weighted tf
    bigrams: FxHashMap<String, f32>,
}

fn doc_terms(document: &Document) -> DocTerms {
    let mut terms = DocTerms {
        len: 0,
        unigrams: FxHashMap::default(),
        bigrams: FxHashMap::default(),
    };
    let mut previous = String::new();
    let mut pair = String::new();
    for (text, weight) in [
        (&document.title, TITLE_WEIGHT),
        (&document.text, 1.0),
        (&document.tags, TAG_WEIGHT),
    ] {
        previous.clear();
        for_each_token(text, |exact, folded| {
            terms.len += 1;
            match terms.unigrams.get_mut(folded) {
                Some((tf, forms)) => {
                    *tf += weight;
                    if !forms.iter().any(|f| f == exact) {
                        forms.push(exact.to_string());
                    }
                }
                None => {
                    terms
                        .unigrams
                        .insert(folded.to_string(), (weight, vec![exact.to_string()]));
                }
            }
            if !previous.is_empty() {
                pair.clear();
                pair.push_str(&previous);
                pair.push(' ');
                pair.push_str(folded);
                match terms.bigrams.get_mut(pair.as_str()) {
                    Some(tf) => *tf += weight,
                    None => {
                        terms.bigrams.insert(pair.clone(), weight);
                    }
                }
            }
            previous.clear();
            previous.push_str(folded);
        });
    }
    terms
}

/// A term while documents are being added.
#[derive(Default)]
struct TermBuilder {
    /// (doc, weighted tf, local variant bitmask: bit i = `variants[i]`, bit 31 = id ≥ 31)
    postings: Vec<(u32, f32, u32)>,
    /// exact forms in order of first appearance, with how many documents contain each
    variants: Vec<(String, u32)>,
}

/// Documents tokenized at once (in parallel) before their terms are merged into the index; bounds
/// the memory of a national-scale build.
const BLOCK: usize = 8192;

/// Builds the index of `documents` (document id = position).
pub fn build(documents: &[Document]) -> Vec<Term> {
    let mut lengths: Vec<u32> = Vec::with_capacity(documents.len());
    let mut builders: FxHashMap<String, TermBuilder> = FxHashMap::default();
    for (block_index, block) in documents.chunks(BLOCK).enumerate() {
        let per_document: Vec<DocTerms> = block.par_iter().map(doc_terms).collect();
        for (offset, terms) in per_document.into_iter().enumerate() {
            let doc = (block_index * BLOCK + offset) as u32;
            lengths.push(terms.len);
            add(&mut builders, doc, terms);
        }
    }
    let average = (lengths.iter().map(|&l| f64::from(l)).sum::<f64>() / lengths.len().max(1) as f64)
        .max(1.0) as f32;

    let mut terms: Vec<Term> = builders
        .into_par_iter()
        .map(|(key, builder)| finish(key, builder, &lengths, average))
        .collect();
    terms.sort_by(|a, b| a.key.cmp(&b.key));
    terms
}

/// Adds one document's terms to the index being built.
fn add(builders: &mut FxHashMap<String, TermBuilder>, doc: u32, terms: DocTerms) {
    for (key, (tf, exact_forms)) in terms.unigrams {
        let builder = builders.entry(key).or_default();
        let mut mask = 0u32;
        for form in exact_forms {
            let id = match builder.variants.iter().position(|(v, _)| *v == form) {
                Some(id) => id,
                None => {
                    builder.variants.push((form, 0));
                    builder.variants.len() - 1
                }
            };
            builder.variants[id].1 += 1;
            mask |= 1 << id.min(31);
        }
        builder.postings.push((doc, tf, mask));
    }
    for (key, tf) in terms.bigrams {
        builders.entry(key).or_default().postings.push((doc, tf, 0));
    }
}

/// Computes impacts, keeps the most frequent exact forms and orders postings best first.
fn finish(key: String, builder: TermBuilder, lengths: &[u32], average: f32) -> Term {
    let mut ranked: Vec<usize> = (0..builder.variants.len()).collect();
    ranked.sort_by(|&a, &b| {
        let (va, ca) = &builder.variants[a];
        let (vb, cb) = &builder.variants[b];
        cb.cmp(ca).then_with(|| va.cmp(vb))
    });
    ranked.truncate(MAX_VARIANTS);
    let variants: Vec<String> = ranked
        .iter()
        .map(|&i| builder.variants[i].0.clone())
        .collect();
    let remap = |mask: u32| -> u8 {
        let mut out = 0u8;
        for local in 0..32 {
            if mask & (1 << local) == 0 {
                continue;
            }
            match ranked.iter().position(|&r| r == local) {
                Some(bit) => out |= 1 << bit,
                None => out |= 1 << 7,
            }
        }
        out
    };
    let mut postings: Vec<Posting> = builder
        .postings
        .into_iter()
        .map(|(doc, tf, mask)| {
            let length = lengths[doc as usize] as f32;
            let part = tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * length / average));
            let impact = (part / (K1 + 1.0) * 255.0).round().clamp(1.0, 255.0) as u8;
            Posting {
                doc,
                impact,
                variants: remap(mask),
            }
        })
        .collect();
    postings.sort_by(|a, b| b.impact.cmp(&a.impact).then(a.doc.cmp(&b.doc)));
    Term {
        key,
        variants,
        postings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::documents::Kind;

    fn document(title: &str, text: &str) -> Document {
        Document {
            title: title.to_string(),
            url: String::new(),
            text: text.to_string(),
            tags: String::new(),
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
        let terms = build(&[
            document("Cải cách thể chế", "Hoàn thiện thể chế."),
            document("Thế giới", "Cải cách thủ tục."),
        ]);
        let the = term(&terms, "the");
        assert_eq!(the.variants, ["thế", "thể"]);
        let thể = the.variants.iter().position(|v| v == "thể").unwrap();
        let thế = the.variants.iter().position(|v| v == "thế").unwrap();
        let first = the.postings.iter().find(|p| p.doc == 0).unwrap();
        let second = the.postings.iter().find(|p| p.doc == 1).unwrap();
        assert_eq!(first.variants, 1 << thể);
        assert_eq!(second.variants, 1 << thế);
        assert_eq!(term(&terms, "cai cach").postings.len(), 2);
        assert_eq!(term(&terms, "the che").postings.len(), 1);
    }

    #[test]
    fn title_hits_and_repetition_rank_higher() {
        let terms = build(&[
            document(
                "Khác",
                "dịch vụ công trực tuyến một lần trong một đoạn văn dài hơn nhiều chữ",
            ),
            document("Dịch vụ công trực tuyến", "nội dung"),
            document("Khác", "trực tuyến trực tuyến trực tuyến"),
        ]);
        let postings = &term(&terms, "truc tuyen").postings;
        assert_eq!(postings.len(), 3);
        assert_eq!(postings[0].doc, 1, "title hit first: {postings:?}");
        assert_eq!(
            postings[2].doc, 0,
            "one mention in a long text last: {postings:?}"
        );
        assert!(postings.windows(2).all(|w| w[0].impact >= w[1].impact));
    }
}
