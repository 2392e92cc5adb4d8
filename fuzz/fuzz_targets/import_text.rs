//! The importer on text: any bytes (UTF-8, UTF-16 or garbage) give a draft and a report, never
//! a panic.
#![no_main]

#[path = "catalogues.rs"]
mod catalogues;

use catalogues::catalogues;
use libfuzzer_sys::fuzz_target;
use planportal::import::{ImportOptions, import};

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
