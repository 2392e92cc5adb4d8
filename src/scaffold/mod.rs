//! Scaffolding for editors: `planportal new commune`, `planportal new plan` and
//! `planportal indicators`. Creates skeleton files whose front matter is valid as written and
//! explains every field in a Vietnamese comment, and lists the indicator catalogue.
//!
//! Nothing here overwrites a file: files are created with `create_new`, so an existing file is
//! refused even when two editors run the command at the same moment.

mod catalogue;
mod templates;

pub use catalogue::{IndicatorFormat, list_indicators};
pub use templates::default_slug;

use crate::model::{
    Area, CatalogueFile, CommuneKind, CommuneMeta, Indicator, PlanKind, ProvinceKind,
};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a scaffolding command refused to run. Every message is in Vietnamese and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    /// The file to create exists already.
    #[error(
        "tệp {} đã có, không ghi đè. Sửa trực tiếp tệp đó, hoặc chọn tên khác (với kế hoạch: --slug <tên-khác>).",
        .0.display()
    )]
    Exists(PathBuf),
    /// A name has no letter or digit to make a folder or file name from.
    #[error("tên “{0}” không có chữ hay số nào nên không tạo được tên thư mục, tên tệp")]
    UnusableName(String),
    /// A value outside the accepted list.
    #[error("giá trị “{value}” không hợp lệ cho {what}: chọn một trong {valid}")]
    InvalidValue {
        /// What the value is for.
        what: &'static str,
        /// The value given.
        value: String,
        /// The accepted values.
        valid: String,
    },
    /// `--from` after `--to`, or only one of them.
    #[error("{0}")]
    InvalidPeriod(String),
    /// The province folder has no `_index.md` and no `--province-name` was given.
    #[error(
        "chưa có tỉnh/thành phố “{slug}” (thiếu tệp {}).\n  Cách làm: chạy lại lệnh, thêm --province-name \"<Tên tỉnh>\" (và --province-kind thanh-pho nếu là thành phố trực thuộc trung ương) để tạo tệp đó cùng lúc;\n  hoặc tự tạo tệp đó với hai dòng name: và kind: tinh | thanh-pho;\n  hoặc bỏ --province nếu văn bản nguồn không ghi tỉnh (thư mục xã sẽ nằm thẳng dưới content/).",
        .index.display()
    )]
    MissingProvince {
        /// Slug of the province.
        slug: String,
        /// The `_index.md` that is missing.
        index: PathBuf,
    },
    /// `new plan --commune` names a folder without a commune `_index.md`.
    #[error(
        "không có xã/phường “{commune}”: chưa có tệp {}.\n  Tạo xã trước: planportal new commune --name \"<Tên xã>\" --kind xa{}\n  Các xã/phường hiện có: {}",
        .index.display(),
        .province_hint,
        if .existing.is_empty() { "(chưa có)".to_string() } else { .existing.join(", ") }
    )]
    MissingCommune {
        /// The `--commune` value.
        commune: String,
        /// The `_index.md` that is missing.
        index: PathBuf,
        /// ` --province <p>` when the path names a province, else empty.
        province_hint: String,
        /// Keys of the communes that do exist.
        existing: Vec<String>,
    },
    /// `--area` names no area of the catalogue.
    #[error("không có lĩnh vực mã “{value}” trong data/areas.yaml{suggestion}. Các mã hợp lệ: {}", .valid.join(", "))]
    UnknownArea {
        /// The value given.
        value: String,
        /// `; có phải là “x”?` or empty.
        suggestion: String,
        /// Valid area ids.
        valid: Vec<String>,
    },
    /// A catalogue file cannot be read as YAML of the expected shape.
    #[error("không đọc được {}: {message}. Chạy `planportal check` để xem lỗi ở dòng nào.", .path.display())]
    Catalogue {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// Reading or writing a file failed.
    #[error("không đọc/ghi được {}: {source}", .path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The error of the operating system.
        source: std::io::Error,
    },
}

impl ScaffoldError {
    /// Whether the problem lies in the portal's sources (exit code 1) rather than in the command
    /// or the file system (exit code 2).
    pub fn is_source_problem(&self) -> bool {
        matches!(self, ScaffoldError::Catalogue { .. })
    }
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> ScaffoldError + '_ {
    move |source| ScaffoldError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// What a scaffolding command created, and what the editor should do next.
#[derive(Debug, Clone)]
pub struct Created {
    /// The files created, main file last.
    pub files: Vec<PathBuf>,
    /// The next steps, in Vietnamese.
    pub next_steps: Vec<String>,
}

impl Created {
    /// The report printed after creating files, in Vietnamese.
    pub fn report(&self) -> String {
        let mut out = String::new();
        for file in &self.files {
            out.push_str(&format!("Đã tạo {}\n", shown(file)));
        }
        out.push_str("Bước tiếp theo:\n");
        for (index, step) in self.next_steps.iter().enumerate() {
            out.push_str(&format!("  {}. {step}\n", index + 1));
        }
        out
    }

    /// The main file created.
    pub fn path(&self) -> &Path {
        self.files.last().map_or(Path::new(""), PathBuf::as_path)
    }
}

/// Parses a kind keyword of the content model (`xa`, `thanh-pho`, `ke-hoach` …).
pub fn parse_kind<T: serde::de::DeserializeOwned>(
    value: &str,
    what: &'static str,
    valid: &str,
) -> Result<T, ScaffoldError> {
    serde_yaml::from_str(value.trim()).map_err(|_| ScaffoldError::InvalidValue {
        what,
        value: value.to_string(),
        valid: valid.to_string(),
    })
}

/// Options of `planportal new commune`.
#[derive(Debug, Clone)]
pub struct NewCommune {
    /// The portal directory.
    pub root: PathBuf,
    /// Name without the kind word, e.g. `Tuệ Tĩnh`.
    pub name: String,
    /// Xã, phường or đặc khu.
    pub kind: CommuneKind,
    /// Province folder (a slug or a name, folded to a slug), when known.
    pub province: Option<String>,
    /// Name of the province, to create its `_index.md` when missing.
    pub province_name: Option<String>,
    /// Kind of the province, used with `province_name`.
    pub province_kind: ProvinceKind,
}

/// Creates `content/[<province>/]<slug>/_index.md` (and the province's `_index.md` when it is
/// missing and `province_name` is given).
pub fn new_commune(options: &NewCommune) -> Result<Created, ScaffoldError> {
    let slug = slug_of(&options.name)?;
    let content = options.root.join("content");
    let mut files = Vec::new();
    let mut province_file = None;
    let (folder, key) = match &options.province {
        Some(province) => {
            let province_slug = slug_of(province)?;
            let province_folder = find_folder(&content, &province_slug);
            let index = province_folder.join("_index.md");
            if !index.is_file() {
                let Some(province_name) = &options.province_name else {
                    return Err(ScaffoldError::MissingProvince {
                        slug: province_slug,
                        index: tidy(&index),
                    });
                };
                province_file = Some((
                    index,
                    templates::province(province_name, options.province_kind),
                ));
            }
            let folder = find_folder(&province_folder, &slug);
            let key = format!("{}/{}", folder_name(&province_folder), folder_name(&folder));
            (folder, key)
        }
        None => {
            let folder = find_folder(&content, &slug);
            let key = folder_name(&folder);
            (folder, key)
        }
    };
    let index = folder.join("_index.md");
    if index.exists() {
        return Err(ScaffoldError::Exists(tidy(&index)));
    }
    if let Some((path, text)) = province_file {
        create_new(&path, &text)?;
        files.push(path);
    }
    create_new(&index, &templates::commune(&options.name, options.kind))?;
    files.push(index.clone());
    let next_steps = vec![
        format!(
            "mở {} và sửa, bổ sung các trường (bỏ dấu # ở đầu dòng former_names, contact, portal nếu có thông tin)",
            shown(&index)
        ),
        format!("thêm kế hoạch đầu tiên: planportal new plan --commune {key} --year <năm>"),
        "chạy planportal check để kiểm tra".to_string(),
    ];
    Ok(Created { files, next_steps })
}

/// Options of `planportal new plan`.
#[derive(Debug, Clone)]
pub struct NewPlan {
    /// The portal directory.
    pub root: PathBuf,
    /// Commune folder under `content/`: `hai-phong/tue-tinh` or `loc-tan`.
    pub commune: String,
    /// File name without `.md`; derived from the kind and period when absent.
    pub slug: Option<String>,
    /// Document form.
    pub kind: PlanKind,
    /// First year.
    pub from: i32,
    /// Last year.
    pub to: i32,
}

/// Resolves `--year` or `--from`/`--to` into a period; `default_year` (the command line passes
/// the current year) when none is given.
pub fn period(
    year: Option<i32>,
    from: Option<i32>,
    to: Option<i32>,
    default_year: i32,
) -> Result<(i32, i32), ScaffoldError> {
    let (from, to) = match (year, from, to) {
        (Some(year), None, None) => (year, year),
        (None, Some(from), Some(to)) => (from, to),
        (None, None, None) => (default_year, default_year),
        (Some(_), _, _) => {
            return Err(ScaffoldError::InvalidPeriod(
                "dùng --year <năm> cho kế hoạch một năm, hoặc --from <năm đầu> --to <năm cuối> cho một giai đoạn, không dùng cả hai".into(),
            ));
        }
        _ => {
            return Err(ScaffoldError::InvalidPeriod(
                "cần cả --from <năm đầu> và --to <năm cuối>, ví dụ --from 2026 --to 2030".into(),
            ));
        }
    };
    if from > to {
        return Err(ScaffoldError::InvalidPeriod(format!(
            "năm đầu ({from}) sau năm cuối ({to}): ví dụ --from 2026 --to 2030"
        )));
    }
    if !(1945..=9999).contains(&from) || !(1945..=9999).contains(&to) {
        return Err(ScaffoldError::InvalidPeriod(format!(
            "năm {from}–{to} không hợp lệ: ghi năm đủ bốn chữ số, ví dụ 2027"
        )));
    }
    Ok((from, to))
}

/// Creates a plan file with a valid, commented front matter skeleton and a body skeleton.
pub fn new_plan(options: &NewPlan) -> Result<Created, ScaffoldError> {
    let content = options.root.join("content");
    let requested = options
        .commune
        .trim()
        .trim_start_matches("./")
        .trim_start_matches("content/")
        .trim_matches('/');
    let segments: Vec<&str> = requested.split('/').filter(|s| !s.is_empty()).collect();
    let mut folder = content.clone();
    for segment in &segments {
        folder = find_folder(&folder, &slug::slugify(segment));
    }
    let index = folder.join("_index.md");
    let commune = (!segments.is_empty() && segments.len() <= 2 && index.is_file())
        .then(|| read_commune(&index))
        .flatten();
    let Some(commune) = commune else {
        return Err(ScaffoldError::MissingCommune {
            commune: options.commune.clone(),
            index: tidy(&index),
            province_hint: match segments.as_slice() {
                [province, _] => format!(" --province {province}"),
                _ => String::new(),
            },
            existing: existing_communes(&content),
        });
    };
    let slug = match &options.slug {
        Some(slug) => slug_of(slug.trim_end_matches(".md"))?,
        None => templates::default_slug(options.kind, options.from, options.to),
    };
    let path = folder.join(format!("{slug}.md"));
    if path.exists() {
        return Err(ScaffoldError::Exists(tidy(&path)));
    }
    let (areas, indicators) = read_catalogues(&options.root)?;
    let text = templates::plan(&templates::PlanSkeleton {
        kind: options.kind,
        from: options.from,
        to: options.to,
        commune_name: &commune.name,
        commune_kind: commune.kind,
        indicator: indicators.first(),
        areas: &areas,
    });
    create_new(&path, &text)?;
    let next_steps = vec![
        format!(
            "mở {} và sửa tên văn bản (title), dán toàn văn sau dòng --- thứ hai; bỏ dấu # ở đầu các dòng decision, targets, tasks khi có thông tin",
            shown(&path)
        ),
        "tìm mã chỉ tiêu cho mỗi con số cam kết: planportal indicators".to_string(),
        format!(
            "kiểm tra: planportal check; xem thử cả dự thảo: planportal build --drafts (hoặc planportal serve){}",
            root_hint(&options.root)
        ),
        "khi văn bản đã ký và không còn lỗi: đổi status: du-thao thành status: hieu-luc, rồi chạy planportal build".to_string(),
    ];
    Ok(Created {
        files: vec![path],
        next_steps,
    })
}

/// A path as printed: without a leading `./`.
fn shown(path: &Path) -> String {
    tidy(path).display().to_string()
}

/// A path without a leading `./` (the default `--root .`).
fn tidy(path: &Path) -> PathBuf {
    path.strip_prefix(".").unwrap_or(path).to_path_buf()
}

fn root_hint(root: &Path) -> String {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        String::new()
    } else {
        format!(" (thêm --root {} vào mỗi lệnh)", root.display())
    }
}

/// The slug of a name, refusing names without letters or digits.
fn slug_of(name: &str) -> Result<String, ScaffoldError> {
    let slug = slug::slugify(name);
    if slug.is_empty() {
        Err(ScaffoldError::UnusableName(name.to_string()))
    } else {
        Ok(slug)
    }
}

/// The sub-folder of `parent` whose name folds to `slug` (an editor may have named it
/// `Tuệ Tĩnh`), or `parent/slug` when there is none.
fn find_folder(parent: &Path, slug: &str) -> PathBuf {
    let exact = parent.join(slug);
    if exact.is_dir() {
        return exact;
    }
    fs::read_dir(parent)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.path().is_dir())
        .find(|entry| slug::slugify(entry.file_name().to_string_lossy()) == slug)
        .map_or(exact, |entry| entry.path())
}

fn folder_name(folder: &Path) -> String {
    folder
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Creates a file that must not exist yet, with its folders.
fn create_new(path: &Path, text: &str) -> Result<(), ScaffoldError> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io_error(parent))?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|source| {
            if source.kind() == std::io::ErrorKind::AlreadyExists {
                ScaffoldError::Exists(tidy(path))
            } else {
                ScaffoldError::Io {
                    path: path.to_path_buf(),
                    source,
                }
            }
        })?;
    file.write_all(text.as_bytes()).map_err(io_error(path))
}

/// The front matter of a commune's `_index.md`, when it parses.
fn read_commune(index: &Path) -> Option<CommuneMeta> {
    let text = fs::read_to_string(index).ok()?;
    let split = crate::load::split_front_matter(&text).ok()?;
    serde_yaml::from_str(&text[split.yaml]).ok()
}

/// Keys (`hai-phong/tue-tinh`, `loc-tan`) of the communes under `content/`.
fn existing_communes(content: &Path) -> Vec<String> {
    let mut keys: Vec<String> = walkdir::WalkDir::new(content)
        .min_depth(2)
        .max_depth(3)
        .into_iter()
        .flatten()
        .filter(|entry| entry.file_name() == "_index.md")
        .filter(|entry| read_commune(entry.path()).is_some())
        .filter_map(|entry| {
            let folder = entry.path().parent()?.strip_prefix(content).ok()?;
            Some(
                folder
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/"),
            )
        })
        .collect();
    keys.sort();
    keys
}

/// Reads `data/areas.yaml` (sorted by `order`) and `data/indicators.yaml`.
pub fn read_catalogues(root: &Path) -> Result<(Vec<Area>, Vec<Indicator>), ScaffoldError> {
    fn read<T: serde::de::DeserializeOwned>(
        root: &Path,
        relative: &str,
    ) -> Result<T, ScaffoldError> {
        let path = root.join(relative);
        let text = fs::read_to_string(&path).map_err(|source| {
            if source.kind() == std::io::ErrorKind::NotFound {
                ScaffoldError::Catalogue {
                    path: path.clone(),
                    message: "không có tệp này (kiểm tra --root: thư mục cổng là nơi có site.yaml, content/, data/)".into(),
                }
            } else {
                ScaffoldError::Io {
                    path: path.clone(),
                    source,
                }
            }
        })?;
        serde_yaml::from_str(&text).map_err(|error| ScaffoldError::Catalogue {
            path,
            message: error.to_string(),
        })
    }
    let CatalogueFile(mut areas) = read::<CatalogueFile<Area>>(root, "data/areas.yaml")?;
    areas.sort_by_key(|area| area.order);
    let CatalogueFile(indicators) = read(root, "data/indicators.yaml")?;
    Ok((areas, indicators))
}
