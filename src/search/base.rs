//! What a delta segment needs to know about the base index it amends (docs/search-index.md,
//! "Delta segment"): which base documents each plan and commune page owns, how many documents
//! there are and the average length their impacts used. Small: no postings, no texts.

use super::documents::Layout;
use crate::graph::Site;
use rustc_hash::FxHashMap;
use std::ops::Range;

/// A base index as a later delta segment sees it (returned by [`super::build_index`]).
#[derive(Debug, Clone)]
pub struct IndexBase {
    /// Number of base documents (`meta.json` `docs`).
    pub(super) docs: u32,
    /// Average document length the base impacts used.
    pub(super) average: f32,
    /// The base `meta.json`, rewritten with a pointer to each delta.
    pub(super) meta: serde_json::Value,
    /// Each base commune by output path: its index in `c.bin` and the id of its page.
    pub(super) communes: FxHashMap<String, BaseCommune>,
    /// Each base plan by output path: its commune's output path and its document ids.
    pub(super) plans: FxHashMap<String, BasePlan>,
}

/// A commune of the base index.
#[derive(Debug, Clone)]
pub(super) struct BaseCommune {
    /// Index in `c.bin` (the commune filter's value).
    pub index: usize,
    /// Id of the commune's page document.
    pub page: u32,
}

/// A plan of the base index.
#[derive(Debug, Clone)]
pub(super) struct BasePlan {
    /// Output path of its commune.
    pub commune: String,
    /// Ids of its documents.
    pub documents: Range<u32>,
}

impl IndexBase {
    /// Records where the documents of `site` are (`layout`) and what the index build left.
    pub(super) fn new(
        site: &Site,
        layout: &Layout,
        average: f32,
        meta: serde_json::Value,
    ) -> IndexBase {
        let communes = site
            .communes
            .iter()
            .zip(&layout.communes)
            .enumerate()
            .map(|(index, (node, &page))| (node.path.clone(), BaseCommune { index, page }))
            .collect();
        let plans = site
            .plans
            .iter()
            .zip(&layout.plans)
            .map(|(node, documents)| {
                let plan = BasePlan {
                    commune: site.communes[node.commune].path.clone(),
                    documents: documents.clone(),
                };
                (node.path.clone(), plan)
            })
            .collect();
        IndexBase {
            docs: layout.documents,
            average,
            meta,
            communes,
            plans,
        }
    }

    /// Number of documents of the base index.
    pub fn documents(&self) -> u32 {
        self.docs
    }

    /// Ids of the base documents of the plan published at `path` (`site.plans[i].path`).
    pub fn plan_documents(&self, path: &str) -> Option<Range<u32>> {
        self.plans.get(path).map(|plan| plan.documents.clone())
    }

    /// Id of the base page document of the commune published at `path`.
    pub fn commune_page(&self, path: &str) -> Option<u32> {
        self.communes.get(path).map(|commune| commune.page)
    }
}
