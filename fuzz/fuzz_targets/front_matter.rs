//! Front-matter splitting and parsing: any bytes as a plan, a commune or a province file of an
//! otherwise valid portal (the real catalogues and `site.yaml`) go through the load and model
//! stages and end in a portal or in diagnostics, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planportal::load::{ContentFile, SourceText, Sources, split_front_matter};
use planportal::model::{ParseOptions, parse};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A file of the repository root (the example portal), read once: its catalogues and
/// `site.yaml` frame the input.
fn repo_file(relative: &'static str) -> SourceText {
    static FILES: OnceLock<Vec<(&'static str, String)>> = OnceLock::new();
    let files = FILES.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        ["site.yaml", "data/areas.yaml", "data/indicators.yaml"]
            .into_iter()
            .map(|name| {
                let text = std::fs::read_to_string(root.join(name)).expect("the example portal");
                (name, text)
            })
            .collect()
    });
    let (_, text) = files
        .iter()
        .find(|(name, _)| *name == relative)
        .expect("a known file");
    SourceText {
        path: PathBuf::from(relative),
        text: text.clone(),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let Ok(split) = split_front_matter(text) else {
        return;
    };
    // The input plays a plan, a commune or a province, chosen by its first byte.
    let (folders, stem): (&[&str], &str) = match which % 3 {
        0 => (&["hai-phong", "tue-tinh"], "ke-hoach"),
        1 => (&["hai-phong", "tue-tinh"], "_index"),
        _ => (&["hai-phong"], "_index"),
    };
    let relative: PathBuf = ["content"]
        .iter()
        .chain(folders)
        .collect::<PathBuf>()
        .join(format!("{stem}.md"));
    let sources = Sources {
        root: PathBuf::from("."),
        site: Some(repo_file("site.yaml")),
        areas: Some(repo_file("data/areas.yaml")),
        indicators: Some(repo_file("data/indicators.yaml")),
        content: vec![ContentFile {
            path: relative,
            folders: folders.iter().map(|f| f.to_string()).collect(),
            stem: stem.to_string(),
            text: text.to_string(),
            split,
        }],
        assets: Vec::new(),
    };
    let _ = parse(
        &sources,
        ParseOptions {
            drafts: true,
            current_year: Some(2026),
        },
    );
});
