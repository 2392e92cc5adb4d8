//! `planportal import` measured against the hand-curated example content: each seed (a real
//! plan as extracted from Word or PDF, copied under tests/fixtures/seeds/) is imported and the
//! draft compared with the curated plan in content/ that was made from it. Also: the drafts pass
//! `planportal check`, a `.docx` made from a seed gives the same draft as its text, and malformed
//! input gives a clear message and a valid minimal draft.

mod common;

use planportal::import::{ImportOptions, Imported, import};
use planportal::model::{Area, Indicator, PlanMeta};
use std::fs;
use std::path::{Path, PathBuf};

/// Seed file stem → curated plan (relative to the repository root) and its commune folder.
const SEEDS: [(&str, &str, &str); 4] = [
    (
        "000_55f2a601b1869700",
        "content/hai-phong/tue-tinh/ke-hoach-cchc-trong-tam-2026-2030.md",
        "hai-phong/tue-tinh",
    ),
    (
        "001_84db94850e083b7d",
        "content/an-bien/ke-hoach-cchc-2026-2030.md",
        "an-bien",
    ),
    (
        "002_0114de0e378aa302",
        "content/loc-tan/phu-luc-nhiem-vu-cchc-2026.md",
        "loc-tan",
    ),
    (
        "003_45f28ce285131ed1",
        "content/hai-phong/nam-an-phu/ke-hoach-cchc-2026.md",
        "hai-phong/nam-an-phu",
    ),
];

fn fixtures() -> PathBuf {
    common::repo_root().join("tests/fixtures")
}

fn catalogues() -> (Vec<Area>, Vec<Indicator>) {
    planportal::scaffold::read_catalogues(&common::repo_root()).expect("catalogues")
}

fn run(bytes: &[u8], name: &str) -> Imported {
    let (areas, indicators) = catalogues();
    import(
        bytes,
        &ImportOptions {
            source_name: name,
            areas: &areas,
            indicators: &indicators,
            fallback_year: 2026,
        },
    )
}

fn import_seed(stem: &str) -> Imported {
    let bytes = fs::read(fixtures().join("seeds").join(format!("{stem}.txt"))).unwrap();
    run(&bytes, &format!("{stem}.txt"))
}

/// The front matter of a plan file, read with the project's own types.
fn front_matter(text: &str) -> PlanMeta {
    let split = planportal::load::split_front_matter(text).expect("front matter");
    serde_yaml::from_str(&text[split.yaml]).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn curated(path: &str) -> (PlanMeta, String) {
    let text = fs::read_to_string(common::repo_root().join(path)).unwrap();
    (front_matter(&text), text)
}

fn squeeze(text: Option<&str>) -> Option<String> {
    text.map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[test]
fn decision_metadata_is_exact_on_every_seed() {
    for (stem, path, _) in SEEDS {
        let imported = import_seed(stem);
        let draft = front_matter(imported.draft());
        let (want, _) = curated(path);
        let decision = |meta: &PlanMeta| {
            meta.decision.as_ref().map(|d| {
                (
                    d.number.clone(),
                    d.date.map(|d| d.iso()),
                    d.effective.map(|d| d.iso()),
                    d.signer.clone(),
                    d.signer_title.clone(),
                )
            })
        };
        assert_eq!(decision(&draft), decision(&want), "{stem}: decision");
        assert_eq!(draft.kind, want.kind, "{stem}: kind");
        assert_eq!(
            (draft.period.from, draft.period.to),
            (want.period.from, want.period.to),
            "{stem}: period"
        );
        assert_eq!(draft.issuer, want.issuer, "{stem}: issuer");
        assert_eq!(draft.replaces, want.replaces, "{stem}: replaces");
        assert_eq!(draft.legal_bases, want.legal_bases, "{stem}: legal bases");
        assert_eq!(
            draft.title.to_lowercase(),
            want.title.to_lowercase(),
            "{stem}: title"
        );
        assert_eq!(
            squeeze(draft.summary.as_deref()),
            squeeze(want.summary.as_deref()),
            "{stem}: summary"
        );
        assert_eq!(draft.status, Some(planportal::model::Status::DuThao));
    }
}

#[test]
fn at_least_95_percent_of_targets_are_recovered_on_every_seed() {
    for (stem, path, _) in SEEDS {
        let draft = front_matter(import_seed(stem).draft());
        let (want, _) = curated(path);
        let key = |t: &planportal::model::Target| {
            (t.indicator.clone(), t.value.to_bits(), t.op, t.from, t.year)
        };
        let found: Vec<_> = draft.targets.iter().map(key).collect();
        let missing: Vec<_> = want
            .targets
            .iter()
            .filter(|t| !found.contains(&key(t)))
            .map(|t| (t.indicator.clone(), t.value, t.year, t.quote.clone()))
            .collect();
        let recovered = want.targets.len() - missing.len();
        println!(
            "{stem}: {recovered}/{} targets recovered ({} in the draft)",
            want.targets.len(),
            draft.targets.len()
        );
        assert!(
            recovered * 100 >= want.targets.len() * 95,
            "{stem}: {recovered}/{} targets recovered; missing {missing:#?}",
            want.targets.len()
        );
    }
}

#[test]
fn every_task_row_is_recovered_with_its_lead_and_due() {
    for (stem, path, _) in SEEDS {
        let draft = front_matter(import_seed(stem).draft());
        let (want, _) = curated(path);
        assert_eq!(draft.tasks.len(), want.tasks.len(), "{stem}: task count");
        for (index, (got, want)) in draft.tasks.iter().zip(&want.tasks).enumerate() {
            let row = index + 1;
            assert_eq!(
                squeeze(got.lead.as_deref()),
                squeeze(want.lead.as_deref()),
                "{stem}: lead of task row {row}"
            );
            assert_eq!(
                squeeze(got.due.as_deref()),
                squeeze(want.due.as_deref()),
                "{stem}: due of task row {row}"
            );
            assert_eq!(got.area, want.area, "{stem}: area of task row {row}");
            assert_eq!(got.no, want.no, "{stem}: number of task row {row}");
        }
        println!(
            "{stem}: {}/{} task rows",
            draft.tasks.len(),
            want.tasks.len()
        );
    }
}

/// Lowercase words (letters and digits) of a text.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The sentences of a source, as word sequences: markup removed, split at sentence
/// punctuation, table cells and line ends (a sentence broken over lines gives two pieces, each
/// of which must be in the draft). Left out, as debris: lines that are only a page number and
/// the header rows of task tables (which become the fields of `tasks`).
fn source_sentences(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|line| {
            let trimmed = line.trim();
            let page_number = !trimmed.is_empty()
                && trimmed.len() <= 3
                && trimmed.chars().all(|c| c.is_ascii_digit());
            let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
            let header = cells.len() >= 3
                && cells.iter().any(|c| *c == "TT" || *c == "STT")
                && cells
                    .iter()
                    .any(|c| c.contains("chủ trì") || c.contains("Chủ trì"));
            !page_number && !header
        })
        .flat_map(|line| {
            line.replace("<b>", " ")
                .replace("</b>", " ")
                .replace('*', " ")
                .split(['.', ';', ':', '!', '?', '\t'])
                .map(words)
                .collect::<Vec<_>>()
        })
        .filter(|sentence| !sentence.is_empty())
        .collect()
}

#[test]
fn no_sentence_of_the_source_is_lost() {
    for (stem, _, _) in SEEDS {
        let source =
            fs::read_to_string(fixtures().join("seeds").join(format!("{stem}.txt"))).unwrap();
        let imported = import_seed(stem);
        let draft = words(imported.draft());
        let sentences = source_sentences(&source);
        let lost: Vec<String> = sentences
            .iter()
            .filter(|sentence| {
                !draft
                    .windows(sentence.len())
                    .any(|w| w == sentence.as_slice())
            })
            .map(|sentence| sentence.join(" "))
            .collect();
        let total: usize = sentences.iter().map(Vec::len).sum();
        let lost_words: usize = lost.iter().map(|s| s.split(' ').count()).sum();
        println!(
            "{stem}: {} sentences, {} words; coverage {:.2}%",
            sentences.len(),
            total,
            100.0 * (total - lost_words) as f64 / total as f64
        );
        assert!(lost.is_empty(), "{stem}: sentences lost: {lost:#?}");
    }
}

/// A throw-away portal with the example's configuration, catalogues and theme, and no content.
fn empty_portal() -> tempfile::TempDir {
    let dir = common::portal_without_content();
    fs::create_dir_all(dir.path().join("content")).unwrap();
    dir
}

/// Writes a commune (and its province) and a draft into the portal.
fn place_draft(portal: &Path, commune: &str, slug: &str, draft: &str) {
    let segments: Vec<&str> = commune.split('/').collect();
    let content = portal.join("content");
    if segments.len() == 2 {
        let province = content.join(segments[0]);
        fs::create_dir_all(&province).unwrap();
        fs::write(
            province.join("_index.md"),
            "---\nname: Tỉnh\nkind: tinh\n---\n",
        )
        .unwrap();
    }
    let folder = content.join(commune);
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join("_index.md"), "---\nname: Xã\nkind: xa\n---\n").unwrap();
    fs::write(folder.join(format!("{slug}.md")), draft).unwrap();
}

fn assert_checks(portal: &Path, what: &str) {
    let report = planportal::check_with(
        &planportal::BuildOptions {
            root: portal.to_path_buf(),
            out: None,
            base_url: None,
            drafts: true,
        },
        None,
    );
    let errors: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    assert!(
        errors.is_empty(),
        "{what}: the draft does not pass check:\n{}",
        planportal::diagnostics::report(&errors)
    );
}

#[test]
fn every_draft_passes_check() {
    let portal = empty_portal();
    for (stem, _, commune) in SEEDS {
        let imported = import_seed(stem);
        place_draft(portal.path(), commune, &imported.slug(), imported.draft());
    }
    assert_checks(portal.path(), "seeds");
}

#[test]
fn a_docx_made_from_a_seed_imports_to_the_same_draft_as_its_text() {
    for (stem, _, _) in SEEDS {
        let text = import_seed(stem);
        let bytes = fs::read(fixtures().join("docx").join(format!("{stem}.docx"))).unwrap();
        let docx = run(&bytes, &format!("{stem}.txt"));
        assert_eq!(docx.report.unit, "đoạn");
        assert_eq!(text.draft(), docx.draft(), "{stem}: .docx and text differ");
    }
}

#[test]
fn malformed_input_gives_a_message_and_a_valid_minimal_draft() {
    let ragged = "KẾ HOẠCH\nCải cách hành chính xã Thử năm 2026\n\nSTT\tNội dung\tChủ trì\tThời gian\n1\tRà soát văn bản\tPhòng Văn hóa - Xã hội\tQuý I/2026\n2\tViệc thiếu cột\n3\tViệc thừa cột\tPhòng Kinh tế\tQuý II/2026\tdư 1\tdư 2\n\t\t\t\t\t\t\t\n";
    let cases: [(&str, &[u8]); 6] = [
        ("rỗng", b""),
        ("chỉ khoảng trắng", b" \n\n\t \n"),
        ("nhị phân", b"%PDF-1.7\n\x00\x01\x02\xff\xfe binary"),
        ("zip hỏng", b"PK\x03\x04 not really a zip"),
        ("bảng lệch cột", ragged.as_bytes()),
        (
            "không có cấu trúc",
            "một dòng chữ thường không có tiêu đề, không số hiệu, không năm\nvà một dòng nữa 50% chẳng gắn với gì".as_bytes(),
        ),
    ];
    let portal = empty_portal();
    for (index, (name, bytes)) in cases.iter().enumerate() {
        let imported = run(bytes, name);
        let report = imported.report.text();
        assert!(report.contains("Nhập"), "{name}: {report}");
        let draft = front_matter(imported.draft());
        assert!(!draft.title.trim().is_empty(), "{name}");
        place_draft(
            portal.path(),
            &format!("xa-{index}"),
            &imported.slug(),
            imported.draft(),
        );
        match *name {
            "nhị phân" | "zip hỏng" => {
                assert!(imported.report.unreadable.is_some(), "{name}: {report}");
                assert!(
                    report.contains("Không đọc được nội dung"),
                    "{name}: {report}"
                );
            }
            "rỗng" | "chỉ khoảng trắng" | "không có cấu trúc" => {
                assert!(report.contains("Cần xem lại"), "{name}: {report}");
            }
            _ => {
                assert_eq!(draft.tasks.len(), 3, "{name}: {report}");
                assert_eq!(draft.tasks[2].content, "Việc thừa cột");
            }
        }
        if *name == "không có cấu trúc" {
            assert!(
                imported.draft().contains("#   value: 50"),
                "{name}: {}",
                imported.draft()
            );
        }
    }
    assert_checks(portal.path(), "malformed inputs");
}
