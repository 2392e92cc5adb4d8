//! The search index of the example portal, decoded independently of the library's encoder and
//! checked against the published documents: every term's postings are exactly the documents that
//! contain it (folded), with the exact forms they contain.

mod common;

use common::search_files::{self, Entry};
use common::{Built, build_example};
use planportal::search::{fold, tokenize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Reads an index file and inflates it (every file but meta.json is gzip).
fn inflate(site: &Built, relative: &str) -> Vec<u8> {
    search_files::inflate(&site.out.join("tim-kiem/chi-muc"), relative)
}

/// Looks a term up the way the browser does.
fn lookup(site: &Built, meta: &Value, term: &str) -> Option<Entry> {
    let shards = meta["shards"].as_u64().unwrap();
    search_files::lookup(&site.out.join("tim-kiem/chi-muc"), shards, term)
}

/// Every published document: (title, text, kind, tags).
fn documents(site: &Built, meta: &Value) -> Vec<(String, String, u64, String)> {
    let total = meta["docs"].as_u64().unwrap() as usize;
    let chunk = meta["chunk"].as_u64().unwrap() as usize;
    let mut documents = Vec::new();
    for index in 0..total.div_ceil(chunk) {
        let records: Vec<Value> =
            serde_json::from_slice(&inflate(site, &format!("d/{index}.bin"))).unwrap();
        for record in records {
            documents.push((
                record[0].as_str().unwrap().to_string(),
                record[2].as_str().unwrap().to_string(),
                record[3].as_u64().unwrap(),
                record[7].as_str().unwrap().to_string(),
            ));
        }
    }
    assert_eq!(documents.len(), total);
    documents
}

fn folded_words(text: &str) -> Vec<String> {
    tokenize(text).into_iter().map(|t| t.folded).collect()
}

#[test]
fn postings_are_exactly_the_documents_containing_each_term() {
    let site = build_example(None);
    let meta: Value = serde_json::from_str(&site.text("tim-kiem/chi-muc/meta.json")).unwrap();
    let documents = documents(&site, &meta);
    // Each document's fields (title, text, tags), as folded words; bigrams never cross fields.
    let words: Vec<[Vec<String>; 3]> = documents
        .iter()
        .map(|(title, text, _, tags)| [folded_words(title), folded_words(text), folded_words(tags)])
        .collect();
    for term in [
        "cach",
        "the che",
        "dia ban",
        "thanh toan",
        "80",
        "qd",
        "van hoa",
        "xa",
        "ubnd",
    ] {
        let entry = lookup(&site, &meta, term).unwrap_or_else(|| panic!("term {term} is indexed"));
        let expected: BTreeSet<u64> = words
            .iter()
            .enumerate()
            .filter(|(_, fields)| {
                let parts: Vec<&str> = term.split(' ').collect();
                fields.iter().any(|field| {
                    field
                        .windows(parts.len())
                        .any(|w| w.iter().zip(&parts).all(|(a, b)| a == b))
                })
            })
            .map(|(id, _)| id as u64)
            .collect();
        let listed: BTreeSet<u64> = entry.postings.iter().map(|p| p.doc).collect();
        assert_eq!(listed, expected, "postings of {term}");
        assert_eq!(entry.df as usize, expected.len());
        assert!(
            entry.postings.iter().all(|p| p.impact >= 1),
            "impacts are 1..=255"
        );
        // The example's lists fit in the shard (tier 0), which is sorted by document id.
        assert!(
            entry.postings.windows(2).all(|w| w[0].doc < w[1].doc),
            "{term} by document id"
        );
    }
    assert!(lookup(&site, &meta, "xyzzy").is_none());
}

#[test]
fn exact_forms_are_recorded_per_document() {
    let site = build_example(None);
    let meta: Value = serde_json::from_str(&site.text("tim-kiem/chi-muc/meta.json")).unwrap();
    let documents = documents(&site, &meta);
    let entry = lookup(&site, &meta, "the").unwrap();
    let thể = entry
        .variants
        .iter()
        .position(|v| v == "thể")
        .expect("thể is a variant of the");
    for posting in &entry.postings {
        let (title, text, _, tags) = &documents[posting.doc as usize];
        let has = tokenize(&format!("{title} {text} {tags}"))
            .iter()
            .any(|t| t.exact == "thể");
        assert_eq!(
            posting.variants & (1 << thể) != 0,
            has,
            "doc {} {title}",
            posting.doc
        );
    }
}

#[test]
fn targets_tasks_sections_and_pages_are_all_searchable() {
    let site = build_example(None);
    let meta: Value = serde_json::from_str(&site.text("tim-kiem/chi-muc/meta.json")).unwrap();
    let documents = documents(&site, &meta);
    let mut kinds: BTreeMap<u64, usize> = BTreeMap::new();
    for (_, _, kind, _) in &documents {
        *kinds.entry(*kind).or_default() += 1;
    }
    assert_eq!(kinds[&1], site.summary.targets, "one document per target");
    assert_eq!(
        kinds[&2], 106,
        "one document per task of the two task tables"
    );
    let headings: usize = std::fs::read_dir(common::repo_root().join("content"))
        .map(|_| {
            walkdir::WalkDir::new(common::repo_root().join("content"))
                .into_iter()
                .map(Result::unwrap)
                .filter(|e| {
                    e.file_name() != "_index.md" && e.path().extension().is_some_and(|x| x == "md")
                })
                .map(|e| {
                    std::fs::read_to_string(e.path())
                        .unwrap()
                        .lines()
                        .filter(|l| l.starts_with("##"))
                        .count()
                })
                .sum()
        })
        .unwrap();
    // One document per heading (even one holding only sub-headings) and one per plan (its number,
    // dates, signer and the text before its first heading).
    assert_eq!(kinds[&0], headings + site.summary.plans, "text documents");
    let catalogue: planportal::model::CatalogueFile<planportal::model::Indicator> =
        serde_yaml::from_str(
            &std::fs::read_to_string(common::repo_root().join("data/indicators.yaml")).unwrap(),
        )
        .unwrap();
    let catalogue = catalogue.0;
    assert_eq!(
        kinds[&3],
        site.summary.communes + catalogue.len(),
        "commune and indicator pages"
    );
    // Online-payment targets carry their value.
    let payment = lookup(&site, &meta, "thanh toan").unwrap();
    let with_80 = payment
        .postings
        .iter()
        .filter(|p| p.kind == 1 && folded_words(&documents[p.doc as usize].1).contains(&fold("80")))
        .count();
    assert!(with_80 >= 2, "online-payment targets of 80%: {with_80}");
}
