//! The delta segment of the search index: a copy of the example portal is built, one plan is
//! edited (body, targets, tasks), another removed and one added in a new commune, and the delta
//! is decoded independently of the library and compared with a full build of the edited portal.

mod common;

use common::search_files::{
    self, EDITED_PLAN, NEW_WORD, REMOVED_WORD, apply_delta, build_base, edit_plan, example_copy,
};
use common::{build_portal, write};
use planportal::search::IndexBase;
use planportal::search::fold;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// Every document record of a segment (`dir` = the index or delta folder): `docs` records
/// `[title, url, text, kind, area, commune, commune name, tags]`.
fn records(dir: &Path, docs: u64) -> Vec<Value> {
    let mut out = Vec::new();
    for chunk in 0..docs.div_ceil(32) {
        let bytes = search_files::inflate(dir, &format!("d/{chunk}.bin"));
        let list: Vec<Value> = serde_json::from_slice(&bytes).unwrap();
        out.extend(list);
    }
    assert_eq!(out.len() as u64, docs);
    out
}

fn tombstoned(tombstones: &Value, doc: u64) -> bool {
    tombstones
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r[0].as_u64().unwrap() <= doc && doc < r[1].as_u64().unwrap())
}

/// A built copy of the example portal: its sources, output, index folder and index base.
fn setup() -> (tempfile::TempDir, common::Built, PathBuf, IndexBase) {
    let portal = example_copy();
    let site = build_portal(portal.path(), None);
    let index = site.out.join("tim-kiem/chi-muc");
    let base = build_base(portal.path(), &site.out, None);
    (portal, site, index, base)
}

#[test]
fn a_delta_replaces_the_edited_plans_documents_and_only_them() {
    let (portal, site, index, base) = setup();
    let root = portal.path();
    let delta_dir = index.join("delta");
    let base_meta = json(&index.join("meta.json"));
    assert!(base_meta.get("delta").is_none(), "a build has no delta");
    let shards = base_meta["shards"].as_u64().unwrap();
    let plan_docs = base
        .plan_documents(EDITED_PLAN)
        .expect("the plan is in the base");
    let new_word = fold(&NEW_WORD.to_lowercase());
    let new_first = new_word.split(' ').next().unwrap();
    let removed = fold(REMOVED_WORD);
    assert!(search_files::lookup(&index, shards, new_first).is_none());
    let removed_base = search_files::lookup(&index, shards, &removed).expect("in the base");
    assert!(
        removed_base
            .postings
            .iter()
            .all(|p| plan_docs.contains(&(p.doc as u32))),
        "{removed} is only in {EDITED_PLAN}"
    );

    edit_plan(root);
    let files = apply_delta(root, &site.out, None, &base, &[EDITED_PLAN]);
    let names: Vec<String> = files
        .iter()
        .map(|f| f.as_path().to_string_lossy().replace('\\', "/"))
        .collect();
    assert!(names.contains(&"tim-kiem/chi-muc/meta.json".to_string()));
    assert!(names.contains(&"tim-kiem/chi-muc/delta/meta.json".to_string()));
    assert!(
        names
            .iter()
            .all(|n| n == "tim-kiem/chi-muc/meta.json" || n.starts_with("tim-kiem/chi-muc/delta/")),
        "only the delta and meta.json are written: {names:?}"
    );
    let meta = json(&index.join("meta.json"));
    let version = meta["delta"]
        .as_str()
        .expect("meta.json points at the delta");
    assert!(!version.is_empty());
    let mut without = meta.clone();
    without.as_object_mut().unwrap().remove("delta");
    assert_eq!(
        without, base_meta,
        "meta.json is the base's but for the pointer"
    );
    let delta = json(&delta_dir.join("meta.json"));
    let tombstones = &delta["tombstones"];
    for doc in plan_docs.clone() {
        assert!(
            tombstoned(tombstones, u64::from(doc)),
            "doc {doc} is tombstoned"
        );
    }
    let commune_page = base.commune_page("hai-phong/nam-an-phu/").unwrap();
    assert!(tombstoned(tombstones, u64::from(commune_page)));
    assert_eq!(
        delta["tombstoned"].as_u64().unwrap(),
        u64::from(plan_docs.end - plan_docs.start) + 1
    );
    for posting in &removed_base.postings {
        assert!(tombstoned(tombstones, posting.doc), "{removed} is gone");
    }
    let delta_shards = delta["shards"].as_u64().unwrap();
    assert!(search_files::lookup(&delta_dir, delta_shards, &removed).is_none());

    // The delta holds exactly the documents a full build of the edited portal gives the commune.
    let docs = records(&delta_dir, delta["docs"].as_u64().unwrap());
    let fresh = build_portal(root, None);
    let fresh_index = fresh.out.join("tim-kiem/chi-muc");
    let fresh_meta = json(&fresh_index.join("meta.json"));
    let fresh_docs = records(&fresh_index, fresh_meta["docs"].as_u64().unwrap());
    let communes: Vec<Value> =
        serde_json::from_slice(&search_files::inflate(&fresh_index, "c.bin")).unwrap();
    let nam_an_phu = communes
        .iter()
        .position(|c| c[0] == "Xã Nam An Phụ")
        .unwrap();
    let from = communes[nam_an_phu][1].as_u64().unwrap() as usize;
    let to = communes
        .get(nam_an_phu + 1)
        .map_or(fresh_meta["communeless"].as_u64().unwrap(), |c| {
            c[1].as_u64().unwrap()
        }) as usize;
    assert_eq!(docs, fresh_docs[from..to], "the commune's documents");
    assert_eq!(delta["communes"], serde_json::json!([[nam_an_phu, 0]]));

    // The new words are found in the delta: a text section and a task of the area "thể chế".
    let found = search_files::lookup(&delta_dir, delta_shards, new_first).expect("new word");
    let the_che = base_meta["areas"]
        .as_array()
        .unwrap()
        .iter()
        .position(|a| a["id"] == "the-che")
        .unwrap() as u8;
    let mut kinds: Vec<(u8, String)> = found
        .postings
        .iter()
        .map(|p| {
            let doc = &docs[p.doc as usize];
            assert!(doc[1].as_str().unwrap().starts_with(EDITED_PLAN));
            (p.kind, doc[1].as_str().unwrap().to_string())
        })
        .collect();
    kinds.sort();
    assert_eq!(kinds.len(), 2, "{kinds:?}");
    assert_eq!(kinds[0].0, 0, "a text section");
    assert_eq!(kinds[1], (2, format!("{EDITED_PLAN}#nhiem-vu-1")));
    let task = found.postings.iter().find(|p| p.kind == 2).unwrap();
    assert_eq!(task.area, the_che);
    assert_eq!(found.df, 2);
    assert!(search_files::lookup(&delta_dir, delta_shards, "khinh khi").is_some());
    // The target now says 95.
    let target = docs
        .iter()
        .find(|d| d[3] == 1 && d[2].as_str().unwrap().contains("hài lòng"))
        .expect("the satisfaction target");
    assert!(target[2].as_str().unwrap().contains("95"), "{target}");
}

#[test]
fn removed_and_added_plans_and_no_change() {
    let (portal, site, index, base) = setup();
    let root = portal.path();
    let base_meta = std::fs::read(index.join("meta.json")).unwrap();
    let communes = json(&index.join("meta.json"))["communes"].as_u64().unwrap();

    // No change: meta.json is the base's, nothing else is written.
    let files = apply_delta(root, &site.out, None, &base, &[]);
    assert_eq!(files.len(), 1);
    assert_eq!(std::fs::read(index.join("meta.json")).unwrap(), base_meta);

    let removed = "loc-tan/phu-luc-nhiem-vu-cchc-2026/";
    let removed_docs = base.plan_documents(removed).unwrap();
    std::fs::remove_file(root.join("content/loc-tan/phu-luc-nhiem-vu-cchc-2026.md")).unwrap();
    write(
        root,
        "content/hai-phong/tan-moi/_index.md",
        "---\nname: Tân Mới\nkind: xa\n---\n",
    );
    write(
        root,
        "content/hai-phong/tan-moi/ke-hoach-2026.md",
        common::SMALL_PLAN,
    );
    let added = "hai-phong/tan-moi/ke-hoach-2026/";
    apply_delta(root, &site.out, None, &base, &[added]);
    let delta_dir = index.join("delta");
    let delta = json(&delta_dir.join("meta.json"));
    for doc in removed_docs.clone() {
        assert!(tombstoned(&delta["tombstones"], u64::from(doc)));
    }
    assert_eq!(delta["new_communes"], serde_json::json!(["Xã Tân Mới"]));
    let docs = records(&delta_dir, delta["docs"].as_u64().unwrap());
    // Lộc Tân's page (it lost its plan) and Tân Mới's page and plan.
    let urls: Vec<&str> = docs.iter().map(|d| d[1].as_str().unwrap()).collect();
    assert!(urls.contains(&"loc-tan/"), "{urls:?}");
    assert!(urls.contains(&"hai-phong/tan-moi/"), "{urls:?}");
    assert!(urls.contains(&added), "{urls:?}");
    assert!(!urls.iter().any(|u| u.starts_with(removed)), "{urls:?}");
    let tan_moi = delta["communes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c[0].as_u64().unwrap() == communes)
        .expect("the new commune has the next commune index");
    let first = tan_moi[1].as_u64().unwrap() as usize;
    assert_eq!(docs[first][1], "hai-phong/tan-moi/");
    assert_eq!(docs[first][6], "Xã Tân Mới");
    let shards = delta["shards"].as_u64().unwrap();
    let ra_soat = search_files::lookup(&delta_dir, shards, "ra soat").expect("the new task");
    assert!(
        ra_soat
            .postings
            .iter()
            .any(|p| docs[p.doc as usize][1].as_str().unwrap().starts_with(added))
    );
}
