//! Command line of the editors' commands: `planportal new commune`, `planportal new plan` and
//! `planportal indicators`. The work is done by [`planportal::scaffold`]; this only parses the
//! arguments, prints in Vietnamese and maps errors to exit codes (1: problems in the sources,
//! 2: usage or I/O).

use clap::{Args, Subcommand};
use planportal::model::{CommuneKind, PlanKind, ProvinceKind};
use planportal::scaffold::{self, IndicatorFormat, ScaffoldError};
use std::path::PathBuf;
use std::process::ExitCode;

/// `planportal new …`.
#[derive(Subcommand)]
pub enum NewCommand {
    /// Create a commune folder with a commented content/[<province>/]<commune>/_index.md.
    Commune {
        /// Name without the kind word, e.g. "Tuệ Tĩnh" (the folder is its slug: tue-tinh).
        #[arg(long)]
        name: String,
        /// xa | phuong | dac-khu.
        #[arg(long, value_parser = ["xa", "phuong", "dac-khu"])]
        kind: String,
        /// Province folder (e.g. hai-phong); omit when the sources do not say.
        #[arg(long)]
        province: Option<String>,
        /// Name of the province, to create content/<province>/_index.md when it is missing.
        #[arg(long, requires = "province")]
        province_name: Option<String>,
        /// Kind of the province created with --province-name: tinh | thanh-pho.
        #[arg(long, default_value = "tinh", value_parser = ["tinh", "thanh-pho"], requires = "province_name")]
        province_kind: String,
        /// Portal directory.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Create a plan file with a valid, commented front matter skeleton (a draft: status du-thao).
    Plan {
        /// Commune folder under content/: hai-phong/tue-tinh, or loc-tan when there is no province.
        #[arg(long)]
        commune: String,
        /// File name without .md [default: ke-hoach-cchc-<years>, from the kind and period].
        #[arg(long)]
        slug: Option<String>,
        /// ke-hoach | phu-luc | bao-cao | quyet-dinh.
        #[arg(long, default_value = "ke-hoach", value_parser = ["ke-hoach", "phu-luc", "bao-cao", "quyet-dinh"])]
        kind: String,
        /// A one-year plan [default: the current year].
        #[arg(long, conflicts_with_all = ["from", "to"])]
        year: Option<i32>,
        /// First year of a multi-year plan (with --to).
        #[arg(long, requires = "to")]
        from: Option<i32>,
        /// Last year of a multi-year plan (with --from).
        #[arg(long, requires = "from")]
        to: Option<i32>,
        /// Portal directory.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

/// `planportal indicators`.
#[derive(Args)]
pub struct IndicatorsArgs {
    /// Portal directory.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Only the indicators of this reform area (an id of data/areas.yaml).
    #[arg(long)]
    area: Option<String>,
    /// Output: text (an aligned table) or json.
    #[arg(long = "format", id = "indicators_format", default_value = "text", value_parser = ["text", "json"])]
    format: String,
}

/// Runs `planportal new …`; `quiet` leaves only errors.
pub fn new(command: &NewCommand, quiet: bool) -> ExitCode {
    let result = match command {
        NewCommand::Commune {
            name,
            kind,
            province,
            province_name,
            province_kind,
            root,
        } => (|| {
            let kind: CommuneKind = scaffold::parse_kind(kind, "--kind", "xa, phuong, dac-khu")?;
            let province_kind: ProvinceKind =
                scaffold::parse_kind(province_kind, "--province-kind", "tinh, thanh-pho")?;
            scaffold::new_commune(&scaffold::NewCommune {
                root: root.clone(),
                name: name.clone(),
                kind,
                province: province.clone(),
                province_name: province_name.clone(),
                province_kind,
            })
        })(),
        NewCommand::Plan {
            commune,
            slug,
            kind,
            year,
            from,
            to,
            root,
        } => (|| {
            let kind: PlanKind =
                scaffold::parse_kind(kind, "--kind", "ke-hoach, phu-luc, bao-cao, quyet-dinh")?;
            let this_year = i32::from(jiff::Zoned::now().year());
            let (from, to) = scaffold::period(*year, *from, *to, this_year)?;
            scaffold::new_plan(&scaffold::NewPlan {
                root: root.clone(),
                commune: commune.clone(),
                slug: slug.clone(),
                kind,
                from,
                to,
            })
        })(),
    };
    match result {
        Ok(created) => {
            if !quiet {
                print!("{}", created.report());
            }
            ExitCode::SUCCESS
        }
        Err(error) => fail(&error),
    }
}

/// Runs `planportal indicators`.
pub fn indicators(args: &IndicatorsArgs) -> ExitCode {
    let format = if args.format == "json" {
        IndicatorFormat::Json
    } else {
        IndicatorFormat::Text
    };
    match scaffold::list_indicators(&args.root, args.area.as_deref(), format) {
        Ok(listing) => {
            print!("{listing}");
            ExitCode::SUCCESS
        }
        Err(error) => fail(&error),
    }
}

fn fail(error: &ScaffoldError) -> ExitCode {
    eprintln!("lỗi: {error}");
    ExitCode::from(if error.is_source_problem() { 1 } else { 2 })
}
