//! A delta segment: the documents of the plans edited since the base index was built, indexed on
//! their own and written under `tim-kiem/chi-muc/delta/`, with the base documents they replace
//! (tombstones). The browser merges it with the base index (docs/search-index.md, "Delta
//! segment"), so a preview edit updates search without rebuilding the whole index.

use super::base::IndexBase;
use super::documents::{Document, PlanInputs, area_phrases, commune_page, plan_documents};
use super::encode::{
    Attributes, INDEX_DIR, index_path, shard_count, write_documents, write_segment,
};
use super::index;
use crate::graph::{OutputPath, Site};
use crate::write::{Contents, Sink, WriteError};
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use serde::Serialize;
use std::collections::BTreeSet;
use std::hash::Hasher;
use std::sync::Mutex;

/// Where the delta segment lives in the output.
pub const DELTA_DIR: &str = "tim-kiem/chi-muc/delta/";

/// The delta's `delta/meta.json`.
#[derive(Serialize)]
struct DeltaMeta {
    /// Delta documents (ids `0..docs`, offset by the base's `docs` in the browser).
    docs: usize,
    /// Term shards of the delta.
    shards: usize,
    /// Base document ids no longer valid, as `[from, to)` ranges in increasing order.
    tombstones: Vec<[u32; 2]>,
    /// Number of tombstoned base documents.
    tombstoned: u32,
    /// `[commune, first delta id]` in delta id order (commune = index in `c.bin`, or past its
    /// end for `new_communes`).
    communes: Vec<(usize, usize)>,
    /// Names of communes the base does not know (commune indexes `meta.communes + i`).
    new_communes: Vec<String>,
    /// Smallest and largest year of a delta document.
    years: Option<(i32, i32)>,
}

/// A sink that remembers what was put and a hash of each file's bytes.
struct Recording<'a> {
    sink: &'a dyn Sink,
    files: Mutex<Vec<(OutputPath, u64)>>,
}

impl Sink for Recording<'_> {
    fn put(&self, path: &OutputPath, contents: Contents) -> Result<(), WriteError> {
        let mut hasher = FxHasher::default();
        if let Contents::Bytes(bytes) = &contents {
            hasher.write(bytes);
        }
        self.files
            .lock()
            .expect("no panic while recording")
            .push((path.clone(), hasher.finish()));
        self.sink.put(path, contents)
    }
}

/// Writes the delta segment of `changed` (every plan whose documents changed since `base` was
/// built, added plans included; plans of the base no longer in `site` count as removed) and
/// rewrites `meta.json` to point at it, replacing any earlier delta. Without any change,
/// `meta.json` is the base's again. Returns the files written.
pub fn write_delta(
    site: &Site,
    base: &IndexBase,
    changed: &[PlanInputs<'_>],
    sink: &dyn Sink,
) -> Result<Vec<OutputPath>, WriteError> {
    let changed_paths: FxHashSet<&str> = changed
        .iter()
        .map(|inputs| site.plans[inputs.plan].path.as_str())
        .collect();
    let site_plans: FxHashSet<&str> = site.plans.iter().map(|p| p.path.as_str()).collect();
    // Tombstones: every changed or removed plan's documents and its commune's page (it lists
    // the commune's plan titles).
    let mut tombstones: Vec<[u32; 2]> = Vec::new();
    let mut communes: BTreeSet<&str> = BTreeSet::new();
    for (path, plan) in &base.plans {
        if changed_paths.contains(path.as_str()) || !site_plans.contains(path.as_str()) {
            tombstones.push([plan.documents.start, plan.documents.end]);
            communes.insert(&plan.commune);
        }
    }
    for inputs in changed {
        communes.insert(&site.communes[site.plans[inputs.plan].commune].path);
    }
    for path in &communes {
        if let Some(page) = base.commune_page(path) {
            tombstones.push([page, page + 1]);
        }
    }
    tombstones.sort_unstable();
    let tombstoned = tombstones.iter().map(|[from, to]| to - from).sum();

    // The delta's documents: commune by commune, the page then the changed plans.
    let by_path: FxHashMap<&str, usize> = site
        .communes
        .iter()
        .enumerate()
        .map(|(index, node)| (node.path.as_str(), index))
        .collect();
    let inputs_of: FxHashMap<usize, PlanInputs<'_>> = changed
        .iter()
        .map(|inputs| (inputs.plan, *inputs))
        .collect();
    let phrases = area_phrases(site);
    let mut site_communes: Vec<usize> = communes
        .iter()
        .filter_map(|path| by_path.get(path).copied())
        .collect();
    site_communes.sort_unstable();
    let base_count = base.communes.len();
    let mut documents: Vec<Document<'_>> = Vec::new();
    let mut commune_ranges = Vec::new();
    let mut new_communes = Vec::new();
    let mut names: FxHashMap<usize, String> = FxHashMap::default();
    for commune in site_communes {
        let node = &site.communes[commune];
        let index = match base.communes.get(&node.path) {
            Some(known) => known.index,
            None => {
                new_communes.push(site.commune_name(commune));
                base_count + new_communes.len() - 1
            }
        };
        names.insert(index, site.commune_name(commune));
        commune_ranges.push((index, documents.len()));
        let first = documents.len();
        documents.push(commune_page(site, commune));
        for plan in &node.plans {
            if let Some(inputs) = inputs_of.get(plan) {
                plan_documents(site, *inputs, &phrases, &mut documents);
            }
        }
        for document in &mut documents[first..] {
            document.commune = Some(index);
        }
    }

    // Every posting of a delta term stays in its shard (no tier files): a delta is small.
    let index = index::build(&documents, Some(base.average)).untiered();
    let shards = shard_count(&index);
    let recording = Recording {
        sink,
        files: Mutex::new(Vec::new()),
    };
    let name_of = |index: usize| names.get(&index).cloned().unwrap_or_default();
    let meta_path = index_path(&format!("{INDEX_DIR}meta.json"));
    if documents.is_empty() && tombstones.is_empty() {
        let meta = serde_json::to_vec(&base.meta).expect("meta serializes");
        recording.put(&meta_path, Contents::Bytes(meta))?;
    } else {
        let mut attributes = Attributes::default();
        attributes.extend(&documents);
        write_documents(DELTA_DIR, 0, &documents, &name_of, &recording)?;
        write_segment(DELTA_DIR, shards, &attributes, index, &recording)?;
        let delta = DeltaMeta {
            docs: documents.len(),
            shards,
            tombstones,
            tombstoned,
            communes: commune_ranges,
            new_communes,
            years: attributes.year_range(),
        };
        let delta = serde_json::to_vec(&delta).expect("delta meta serializes");
        recording.put(
            &index_path(&format!("{DELTA_DIR}meta.json")),
            Contents::Bytes(delta),
        )?;
        // The version names every byte of the delta, so browsers never mix two deltas.
        let mut files = recording
            .files
            .lock()
            .expect("no panic while recording")
            .clone();
        files.sort_unstable();
        let mut hasher = FxHasher::default();
        for (path, hash) in &files {
            hasher.write(path.as_path().as_os_str().as_encoded_bytes());
            hasher.write_u64(*hash);
        }
        let mut meta = base.meta.clone();
        meta["delta"] = format!("{:016x}", hasher.finish()).into();
        let meta = serde_json::to_vec(&meta).expect("meta serializes");
        recording.put(&meta_path, Contents::Bytes(meta))?;
    }
    let files = recording
        .files
        .into_inner()
        .expect("no panic while recording");
    Ok(files.into_iter().map(|(path, _)| path).collect())
}
