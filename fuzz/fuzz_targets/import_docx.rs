//! The importer on `.docx`: any XML as `word/document.xml` of a well-formed package gives a
//! draft and a report, never a panic. (Raw bytes are covered by `import_text`, which also sees
//! broken ZIP archives.)
#![no_main]

#[path = "catalogues.rs"]
mod catalogues;

use catalogues::catalogues;
use libfuzzer_sys::fuzz_target;
use planportal::import::{ImportOptions, import};
use std::io::Write;
use zip::write::SimpleFileOptions;

/// A `.docx` package whose main part is `document`.
fn package(document: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("[Content_Types].xml", stored).unwrap();
    zip.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#).unwrap();
    zip.start_file("word/document.xml", stored).unwrap();
    zip.write_all(document).unwrap();
    zip.finish().unwrap().into_inner()
}

fuzz_target!(|document: &[u8]| {
    let (areas, indicators) = catalogues();
    let imported = import(
        &package(document),
        &ImportOptions {
            source_name: "fuzz.docx",
            areas,
            indicators,
            fallback_year: 2026,
        },
    );
    assert!(imported.draft().starts_with("---\n"));
});
