//! Command line of `planportal import`: reads the file and the catalogues, calls
//! [`planportal::import`], decides where the draft goes (creating the commune folder when the
//! document names a commune the portal does not have yet), writes it without overwriting, and
//! prints the Vietnamese report.

use clap::Args;
use planportal::import::{ImportOptions, Imported, Place, import};
use planportal::model::{CommuneKind, ProvinceKind};
use planportal::scaffold::{self, NewCommune, ScaffoldError};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `planportal import`.
#[derive(Args)]
pub struct ImportArgs {
    /// The plan as the office has it: a .docx file, or UTF-8 text extracted from Word or PDF.
    file: PathBuf,
    /// Commune folder under content/ (hai-phong/tue-tinh, or loc-tan without province)
    /// [default: the commune the document names].
    #[arg(long)]
    commune: Option<String>,
    /// Where to write the draft [default: content/<commune>/<kind>-cchc-<years>.md].
    #[arg(long)]
    out: Option<PathBuf>,
    /// Portal directory (with data/ and content/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

/// Runs `planportal import`; `quiet` prints only errors.
pub fn run(args: &ImportArgs, quiet: bool, year: i32) -> ExitCode {
    let (areas, indicators) = match scaffold::read_catalogues(&args.root) {
        Ok(catalogues) => catalogues,
        Err(error) => return fail(&error.to_string(), error.is_source_problem()),
    };
    let bytes = match std::fs::read(&args.file) {
        Ok(bytes) => bytes,
        Err(error) => {
            return fail(
                &format!("không đọc được {}: {error}", args.file.display()),
                false,
            );
        }
    };
    let name = args.file.file_name().map_or_else(
        || args.file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let imported = import(
        &bytes,
        &ImportOptions {
            source_name: &name,
            areas: &areas,
            indicators: &indicators,
            fallback_year: year,
        },
    );
    if !quiet {
        print!("{}", imported.report.text());
    }
    let (path, created) = match destination(args, &imported) {
        Ok(destination) => destination,
        Err(message) => return fail(&message, false),
    };
    if let Err(error) = write_new(&path, imported.draft()) {
        return fail(&error, false);
    }
    if !quiet {
        for file in &created {
            println!("Đã tạo {}", file.display());
        }
        println!(
            "Đã ghi dự thảo {} (status: du-thao, chưa được đăng).",
            path.display()
        );
        println!("Bước tiếp theo:");
        println!("  1. Đối chiếu dự thảo với văn bản gốc, sửa các mục trong “Cần xem lại”.");
        println!("  2. Chạy `planportal check` rồi `planportal serve` để xem trước.");
        println!("  3. Khi văn bản đã ban hành, đổi status thành hieu-luc rồi `planportal build`.");
    }
    ExitCode::SUCCESS
}

fn fail(message: &str, source_problem: bool) -> ExitCode {
    eprintln!("lỗi: {message}");
    ExitCode::from(if source_problem { 1 } else { 2 })
}

/// The draft's path, and the commune and province files created for it.
fn destination(args: &ImportArgs, imported: &Imported) -> Result<(PathBuf, Vec<PathBuf>), String> {
    if let Some(out) = &args.out {
        return Ok((out.clone(), Vec::new()));
    }
    let file = format!("{}.md", imported.slug());
    let content = args.root.join("content");
    let detected = imported.commune.as_ref();
    let key = match (&args.commune, detected) {
        (Some(key), _) => key
            .trim()
            .trim_start_matches("./")
            .trim_start_matches("content/")
            .trim_matches('/')
            .to_string(),
        (None, Some(commune)) => {
            let commune_slug = slug::slugify(&commune.name);
            match &imported.province {
                Some(province) => format!("{}/{commune_slug}", slug::slugify(&province.name)),
                None => commune_slug,
            }
        }
        (None, None) => {
            return Err(
                "không nhận ra xã/phường trong văn bản: chạy lại với --commune <tỉnh>/<xã> (ví dụ hai-phong/tan-hoa) hoặc --out <tệp.md>"
                    .to_string(),
            );
        }
    };
    let folder = content.join(&key);
    if folder.join("_index.md").is_file() {
        return Ok((folder.join(file), Vec::new()));
    }
    // The commune is not in the portal yet: create it from what the document says.
    let segments: Vec<&str> = key.split('/').filter(|s| !s.is_empty()).collect();
    let commune = match (detected, segments.last()) {
        (Some(commune), Some(last)) if slug::slugify(&commune.name) == *last => commune.clone(),
        _ => {
            return Err(format!(
                "chưa có xã/phường “{key}” (thiếu {}). Tạo trước bằng: planportal new commune --name \"<Tên xã>\" --kind xa{}",
                folder.join("_index.md").display(),
                if segments.len() == 2 {
                    format!(" --province {}", segments[0])
                } else {
                    String::new()
                }
            ));
        }
    };
    let province_segment = (segments.len() == 2).then(|| segments[0].to_string());
    let province_missing = province_segment
        .as_ref()
        .is_some_and(|p| !content.join(p).join("_index.md").is_file());
    let province = imported.province.as_ref().filter(|_| province_missing);
    let created = scaffold::new_commune(&NewCommune {
        root: args.root.clone(),
        name: commune.name.clone(),
        kind: commune_kind(&commune),
        province: province_segment,
        province_name: province.map(|p| p.name.clone()),
        province_kind: province.map_or(ProvinceKind::Tinh, province_kind),
    })
    .map_err(|error: ScaffoldError| error.to_string())?;
    let folder = created
        .path()
        .parent()
        .map_or(folder.clone(), Path::to_path_buf);
    Ok((folder.join(file), created.files))
}

fn commune_kind(place: &Place) -> CommuneKind {
    match place.kind {
        "phuong" => CommuneKind::Phuong,
        "dac-khu" => CommuneKind::DacKhu,
        _ => CommuneKind::Xa,
    }
}

fn province_kind(place: &Place) -> ProvinceKind {
    if place.kind == "thanh-pho" {
        ProvinceKind::ThanhPho
    } else {
        ProvinceKind::Tinh
    }
}

/// Writes a new file, never overwriting one.
fn write_new(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("không tạo được thư mục {}: {e}", parent.display()))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                format!(
                    "tệp {} đã có, không ghi đè: sửa trực tiếp tệp đó, hoặc chọn tệp khác với --out",
                    path.display()
                )
            } else {
                format!("không ghi được {}: {e}", path.display())
            }
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| format!("không ghi được {}: {e}", path.display()))
}
