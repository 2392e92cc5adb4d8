//! The repository's catalogues, shared by the importer's targets.

use planportal::model::{Area, Indicator};
use std::path::Path;
use std::sync::OnceLock;

/// `data/areas.yaml` and `data/indicators.yaml` of the example portal, read once.
pub fn catalogues() -> &'static (Vec<Area>, Vec<Indicator>) {
    static CATALOGUES: OnceLock<(Vec<Area>, Vec<Indicator>)> = OnceLock::new();
    CATALOGUES.get_or_init(|| {
        planportal::scaffold::read_catalogues(&Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
            .expect("the repository's catalogues")
    })
}
