//! The importer on text: any bytes (UTF-8, UTF-16 or garbage) give a draft and a report, never
//! a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planportal::import::{ImportOptions, import};
use planportal::model::{Area, Indicator};
use std::path::Path;
use std::sync::OnceLock;

/// The repository's catalogues, read once.
fn catalogues() -> &'static (Vec<Area>, Vec<Indicator>) {
    static CATALOGUES: OnceLock<(Vec<Area>, Vec<Indicator>)> = OnceLock::new();
    CATALOGUES.get_or_init(|| {
        planportal::scaffold::read_catalogues(&Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
            .expect("the repository's catalogues")
    })
}

fuzz_target!(|data: &[u8]| {
    let (areas, indicators) = catalogues();
    let imported = import(
        data,
        &ImportOptions {
            source_name: "fuzz.txt",
            areas,
            indicators,
            fallback_year: 2026,
        },
    );
    assert!(imported.draft().starts_with("---\n"));
});
