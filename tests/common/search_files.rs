//! Reading a published search index (docs/search-index.md) independently of the library's
//! encoder, and driving the pipeline stage by stage to build a base index and its delta segments.

use planportal::graph::{OutputPath, Site};
use planportal::render::{RenderOptions, Rendered};
use planportal::search::{IndexBase, PlanInputs, fnv1a};
use planportal::write::{Contents, Discard, Sink, WriteError};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Reads an index file (relative to `dir`, e.g. `…/tim-kiem/chi-muc/`) and inflates it.
pub fn inflate(dir: &Path, relative: &str) -> Vec<u8> {
    let compressed = fs::read(dir.join(relative))
        .unwrap_or_else(|e| panic!("{}/{relative}: {e}", dir.display()));
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(&compressed[..])
        .read_to_end(&mut bytes)
        .unwrap();
    bytes
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> u8 {
        self.at += 1;
        self.bytes[self.at - 1]
    }
    fn varint(&mut self) -> u64 {
        let (mut value, mut shift) = (0u64, 0);
        loop {
            let byte = self.byte();
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return value;
            }
            shift += 7;
        }
    }
    fn text(&mut self) -> String {
        let len = self.varint() as usize;
        self.at += len;
        String::from_utf8(self.bytes[self.at - len..self.at].to_vec()).unwrap()
    }
}

/// One posting as published.
#[derive(Debug)]
pub struct Posting {
    pub doc: u64,
    pub impact: u8,
    pub variants: u8,
    pub kind: u8,
    pub area: u8,
}

/// A term as published: its document frequency, exact forms and every posting.
#[derive(Debug)]
pub struct Entry {
    pub df: u64,
    pub variants: Vec<String>,
    pub postings: Vec<Posting>,
}

/// A posting list: count, then postings by increasing document id (delta-encoded).
fn postings(reader: &mut Reader<'_>, with_variants: bool) -> Vec<Posting> {
    let mut doc = 0;
    let count = reader.varint();
    (0..count)
        .map(|_| {
            doc += reader.varint();
            let impact = reader.byte();
            let variants = if with_variants { reader.byte() } else { 0 };
            let kind_area = reader.byte();
            Posting {
                doc,
                impact,
                variants,
                kind: kind_area >> 5,
                area: kind_area & 31,
            }
        })
        .collect()
}

/// Looks a term up the way the browser does: its shard (of `shards`) in `dir`, then its tiers.
pub fn lookup(dir: &Path, shards: u64, term: &str) -> Option<Entry> {
    let shard = u64::from(fnv1a(term)) % shards;
    let bytes = inflate(dir, &format!("s/{shard}.bin"));
    let mut reader = Reader {
        bytes: &bytes,
        at: 0,
    };
    for index in 0..reader.varint() {
        let key = reader.text();
        let df = reader.varint();
        let variants: Vec<String> = (0..reader.byte()).map(|_| reader.text()).collect();
        let tiers = reader.varint();
        let mut found = postings(&mut reader, !variants.is_empty());
        if key != term {
            continue;
        }
        for tier in 1..=tiers {
            let bytes = inflate(dir, &format!("t/{shard}-{index}-{tier}.bin"));
            let mut tier_reader = Reader {
                bytes: &bytes,
                at: 0,
            };
            found.extend(postings(&mut tier_reader, !variants.is_empty()));
        }
        assert!(reader.at <= bytes.len());
        return Some(Entry {
            df,
            variants,
            postings: found,
        });
    }
    assert_eq!(reader.at, bytes.len(), "shard {shard} fully read");
    None
}

/// A sink writing straight into a directory.
pub struct DirSink(pub PathBuf);

impl Sink for DirSink {
    fn put(&self, path: &OutputPath, contents: Contents) -> Result<(), WriteError> {
        let target = self.0.join(path.as_path());
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        match contents {
            Contents::Bytes(bytes) => fs::write(&target, bytes).unwrap(),
            Contents::Copy(from) => {
                fs::copy(from, &target).unwrap();
            }
        }
        Ok(())
    }
}

/// The site graph and rendering of the portal at `root` (pages rendered into nothing).
pub fn stages(root: &Path, base_url: Option<&str>) -> (Site, Rendered) {
    let (sources, problems) = planportal::load::load(root);
    assert!(!problems.has_errors(), "load: {problems:?}");
    let options = planportal::model::ParseOptions {
        drafts: false,
        current_year: None,
    };
    let (mut portal, problems) = planportal::model::parse(&sources, options);
    assert!(!problems.has_errors(), "parse: {problems:?}");
    if let Some(base_url) = base_url {
        portal.config.base_url = base_url.to_string();
    }
    let (site, problems) = planportal::graph::build_graph(portal);
    assert!(!problems.has_errors(), "graph: {problems:?}");
    let nowhere = Discard::default();
    let rendered = planportal::render::render(
        &site,
        root,
        RenderOptions::default(),
        &nowhere,
        &planportal::Silent,
    )
    .unwrap_or_else(|_| panic!("rendering {} failed", root.display()));
    (site, rendered)
}

/// Builds the search index of the portal at `root` into `out` (over a full build's index).
pub fn build_base(root: &Path, out: &Path, base_url: Option<&str>) -> IndexBase {
    let (site, rendered) = stages(root, base_url);
    planportal::search::build_index(&site, &rendered, &DirSink(out.to_path_buf())).unwrap()
}

/// Writes the delta of the plans published at `changed` (output paths) of the portal at `root`
/// into `out`; returns the files written.
pub fn apply_delta(
    root: &Path,
    out: &Path,
    base_url: Option<&str>,
    base: &IndexBase,
    changed: &[&str],
) -> Vec<OutputPath> {
    let (site, rendered) = stages(root, base_url);
    let inputs: Vec<PlanInputs> = site
        .plans
        .iter()
        .enumerate()
        .filter(|(_, node)| changed.contains(&node.path.as_str()))
        .map(|(plan, _)| PlanInputs {
            plan,
            sections: &rendered.sections[plan],
            anchors: &rendered.anchors[plan],
        })
        .collect();
    planportal::search::write_delta(&site, base, &inputs, &DirSink(out.to_path_buf())).unwrap()
}

/// The example portal's sources in a temporary directory.
pub fn example_copy() -> tempfile::TempDir {
    let dir = super::portal_without_content();
    super::copy_dir(
        &super::repo_root().join("content"),
        &dir.path().join("content"),
    );
    dir
}

/// The plan of the example portal the delta tests edit.
pub const EDITED_PLAN: &str = "hai-phong/nam-an-phu/ke-hoach-cchc-2026/";
/// A word only the edit brings (folded: "khinh").
pub const NEW_WORD: &str = "khinh khí cầu";
/// A word only the edited plan has before the edit, which the edit removes (folded: "siet").
pub const REMOVED_WORD: &str = "siết";

/// Edits [`EDITED_PLAN`] in the portal at `root`: its body loses [`REMOVED_WORD`] and gains a
/// section about [`NEW_WORD`], a task of the area `the-che` about it comes first, and the
/// satisfaction target goes from 90% to 95%.
pub fn edit_plan(root: &Path) {
    let path = root.join("content/hai-phong/nam-an-phu/ke-hoach-cchc-2026.md");
    let mut text = fs::read_to_string(&path).unwrap();
    let replacements = [
        ("siết chặt kỷ luật", "nghiêm túc giữ kỷ luật"),
        ("đạt 90% trở lên", "đạt 95% trở lên"),
        (
            "  - indicator: hai-long-tthc\n    value: 90",
            "  - indicator: hai-long-tthc\n    value: 95",
        ),
        (
            "tasks:\n",
            "tasks:\n  - 'no': '0'\n    area: the-che\n    content: Thí điểm tuyên truyền pháp luật bằng khinh khí cầu\n    lead: Phòng Văn hóa – Xã hội\n    due: Quý II/2026\n",
        ),
    ];
    for (from, to) in replacements {
        assert!(text.contains(from), "{} contains {from:?}", path.display());
        text = text.replace(from, to);
    }
    text.push_str(
        "\n#### 8. Thí điểm khinh khí cầu\n\nThí điểm tuyên truyền cải cách hành chính bằng khinh khí cầu trên địa bàn xã.\n",
    );
    fs::write(&path, text).unwrap();
}
