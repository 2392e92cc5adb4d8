//! Cross-checks of the typed model: ids that must exist, numbers that must make sense, folders that
//! must be where the content model says. Every problem is located in its file.

use super::memo::{PlanMemo, check_each};
use super::{PlanKind, Portal, Step, YamlSource, by_id, closest, locate};
use crate::config::{Admin, Backend};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{SourceText, Sources};
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;
use std::path::Path;

/// Checks everything that serde cannot check on its own. What each plan's own checks find is
/// taken from `memo` when it holds the plan's front matter (and put there otherwise).
pub(super) fn validate(portal: &Portal, sources: &Sources, memo: Option<&PlanMemo>) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    let area_ids: Vec<String> = portal.areas.iter().map(|a| a.id.clone()).collect();
    let indicator_ids: Vec<String> = portal.indicators.iter().map(|i| i.id.clone()).collect();

    if let Some(file) = &sources.site {
        check_admin(file, &portal.config.admin, &mut diagnostics);
    }
    if let Some(file) = &sources.areas {
        check_ids(file, &area_ids, ("lĩnh vực", "area"), &mut diagnostics);
    }
    if let Some(file) = &sources.indicators {
        check_ids(
            file,
            &indicator_ids,
            ("chỉ tiêu", "indicator"),
            &mut diagnostics,
        );
        for (index, indicator) in portal.indicators.iter().enumerate() {
            if !area_ids.is_empty() && !area_ids.contains(&indicator.area) {
                let path = [Step::Index(index), Step::Key("area")];
                diagnostics.push(unknown(
                    file_source(file),
                    &path,
                    "unknown-area",
                    ("lĩnh vực", "area"),
                    &indicator.area,
                    &area_ids,
                ));
            }
        }
    }

    let provinces: BTreeSet<&str> = portal.provinces.iter().map(|p| p.slug.as_str()).collect();
    let communes = by_id(&portal.communes, |c| c.key.as_str());
    let content_by_path: FxHashMap<&Path, &crate::load::ContentFile> = sources
        .content
        .iter()
        .map(|f| (f.path.as_path(), f))
        .collect();
    diagnostics.extend(super::addresses::check_addresses(
        portal,
        sources,
        &content_by_path,
    ));

    let named = portal
        .provinces
        .iter()
        .map(|p| (&p.source, &p.slug, ("thư mục tỉnh", "province folder")))
        .chain(
            portal
                .communes
                .iter()
                .map(|c| (&c.source, &c.slug, ("thư mục xã", "commune folder"))),
        )
        .chain(
            portal
                .plans
                .iter()
                .map(|p| (&p.source, &p.slug, ("tên tệp kế hoạch", "plan file"))),
        );
    for (source, slug, (what, what_en)) in named {
        if slug.is_empty() {
            diagnostics.push(
                Diagnostic::file(
                    "unusable-name",
                    source,
                    format!("Tên {what} không có chữ hay số nào nên không tạo được địa chỉ trang"),
                    format!("The name of the {what_en} has no letter or digit, so no page address can be made from it"),
                )
                .with_help(
                    "đặt tên bằng chữ và số, ví dụ tên xã viết không dấu: tue-tinh",
                    "use letters and digits in the name, e.g. the commune's name without diacritics: tue-tinh",
                ),
            );
        }
    }

    for province in &portal.provinces {
        require_text(
            &province.meta.name,
            "name",
            content_by_path[province.source.as_path()],
            &mut diagnostics,
        );
    }
    for commune in &portal.communes {
        require_text(
            &commune.meta.name,
            "name",
            content_by_path[commune.source.as_path()],
            &mut diagnostics,
        );
        if let Some(province) = &commune.province
            && !provinces.contains(province.as_str())
        {
            diagnostics.push(
                Diagnostic::file(
                    "missing-province",
                    &commune.source,
                    format!("Thư mục tỉnh “content/{province}/” không có tệp _index.md mô tả tỉnh/thành phố"),
                    format!("The province folder “content/{province}/” has no _index.md file describing the province or city"),
                )
                .with_help(
                    format!("tạo content/{province}/_index.md với name: và kind: tinh (hoặc thanh-pho); nếu không rõ tỉnh, đặt thư mục xã trực tiếp dưới content/"),
                    format!("create content/{province}/_index.md with name: and kind: tinh (or thanh-pho); if the province is unknown, put the commune folder directly under content/"),
                ),
            );
        }
    }

    // Each plan is checked on its own: in parallel, collected back in plan order.
    let check = |plan: &super::Plan| {
        let mut diagnostics = Diagnostics::default();
        let file = content_by_path[plan.source.as_path()];
        let source = YamlSource {
            file: &file.path,
            file_text: &file.text,
            yaml: file.front_matter(),
            first_line: file.split.yaml_line,
        };
        // A commune whose own _index.md is broken has already been reported; do not repeat it
        // for each of its plans.
        let commune_index = folder_of(&plan.source).join("_index.md");
        let commune_file_exists = content_by_path.contains_key(commune_index.as_path());
        if !communes.contains_key(plan.commune.as_str()) && !commune_file_exists {
            diagnostics.push(
                        Diagnostic::file(
                            "plan-outside-commune",
                            &plan.source,
                            "Kế hoạch không nằm trong thư mục của một xã/phường (thư mục chứa nó không có _index.md với kind: xa | phuong | dac-khu)",
                            "The plan is not inside the folder of a commune or ward (its folder has no _index.md with kind: xa | phuong | dac-khu)",
                        )
                        .with_help(
                            "đặt kế hoạch tại content/<tỉnh>/<xã>/<tên-kế-hoạch>.md (hoặc content/<xã>/<tên-kế-hoạch>.md khi văn bản không ghi tỉnh) và tạo _index.md cho xã",
                            "put the plan at content/<province>/<commune>/<plan-name>.md (or content/<commune>/<plan-name>.md when the document does not name its province) and create the commune's _index.md",
                        ),
                    );
        }
        require_text(&plan.meta.title, "title", file, &mut diagnostics);
        let period = plan.meta.period;
        if period.from > period.to {
            let (line, column) = locate(source.yaml, &[Step::Key("period")]);
            diagnostics.push(
                source
                    .diagnostic_at(
                        "invalid-period",
                        line,
                        column,
                        format!(
                            "Giai đoạn bắt đầu ({}) sau năm kết thúc ({})",
                            period.from, period.to
                        ),
                        format!(
                            "The period starts ({}) after its last year ({})",
                            period.from, period.to
                        ),
                    )
                    .with_help(
                        "ví dụ: period: {from: 2026, to: 2030}",
                        "for example: period: {from: 2026, to: 2030}",
                    ),
            );
        }
        for (index, target) in plan.meta.targets.iter().enumerate() {
            let at = |key| [Step::Key("targets"), Step::Index(index), Step::Key(key)];
            check_measure(
                source,
                &indicator_ids,
                ("targets", index),
                &target.indicator,
                target.value,
                &mut diagnostics,
                [
                    format!("Giá trị chỉ tiêu {} không hợp lệ", target.value),
                    format!("The target value {} is not valid", target.value),
                    "ghi một số không âm, ví dụ 95".to_string(),
                    "write a number that is not negative, e.g. 95".to_string(),
                ],
            );
            let latest = stage_end(period.to);
            if target.year < period.from || target.year > latest {
                let (line, column) = locate(source.yaml, &at("year"));
                diagnostics.push(
                            source
                                .diagnostic_at(
                                    "year-outside-period",
                                    line,
                                    column,
                                    format!("Năm {} nằm ngoài giai đoạn của kế hoạch ({}–{})", target.year, period.from, period.to),
                                    format!("The year {} is outside the plan's period ({}–{})", target.year, period.from, period.to),
                                )
                                .with_help(
                                    format!("chọn một năm từ {} đến {latest} (cuối giai đoạn 5 năm của kế hoạch), hoặc sửa period:", period.from),
                                    format!("choose a year from {} to {latest} (the end of the plan's five-year stage), or correct period:", period.from),
                                ),
                        );
            }
            if let Some(from) = target.from
                && (from > target.year || from < period.from)
            {
                let (line, column) = locate(source.yaml, &at("from"));
                diagnostics.push(
                            source
                                .diagnostic_at(
                                    "invalid-stage",
                                    line,
                                    column,
                                    format!("Năm bắt đầu chặng {from} không hợp lệ (năm đạt chỉ tiêu: {}, giai đoạn: {}–{})", target.year, period.from, period.to),
                                    format!("The stage's first year {from} is not valid (target year: {}, period: {}–{})", target.year, period.from, period.to),
                                )
                                .with_help(
                                    "from: là năm đầu của chặng (ví dụ 2028 cho chặng 2028–2030), không sau year: và không trước năm đầu của kế hoạch",
                                    "from: is the first year of the stage (e.g. 2028 for the stage 2028–2030); it may be neither after year: nor before the plan's first year",
                                ),
                        );
            }
        }
        for (index, result) in plan.meta.results.iter().enumerate() {
            let at = |key| [Step::Key("results"), Step::Index(index), Step::Key(key)];
            if plan.meta.kind != PlanKind::BaoCao {
                let (line, column) = locate(source.yaml, &[Step::Key("results")]);
                diagnostics.push(
                            source
                                .diagnostic_at(
                                    "results-outside-report",
                                    line,
                                    column,
                                    "Chỉ báo cáo (kind: bao-cao) mới ghi kết quả đạt được (results)",
                                    "Only a report (kind: bao-cao) may record achieved results (results)",
                                )
                                .with_help(
                                    "đặt kết quả vào một tệp báo cáo riêng với kind: bao-cao; kế hoạch ghi chỉ tiêu ở targets",
                                    "put the results in a separate report file with kind: bao-cao; a plan records its commitments under targets",
                                ),
                        );
                break;
            }
            check_measure(
                        source,
                        &indicator_ids,
                        ("results", index),
                        &result.indicator,
                        result.value,
                        &mut diagnostics,
                        [
                            format!("Giá trị {} không hợp lệ", result.value),
                            format!("The value {} is not valid", result.value),
                            "ghi một số không âm, ví dụ 92,5 viết là 92.5".to_string(),
                            "write a number that is not negative, with a decimal point: 92,5 is written 92.5".to_string(),
                        ],
                    );
            if result.year < period.from
                || result.year > period.to
                || result.from.is_some_and(|from| from > result.year)
            {
                let (line, column) = locate(source.yaml, &at("year"));
                diagnostics.push(
                            source
                                .diagnostic_at(
                                    "year-outside-period",
                                    line,
                                    column,
                                    format!("Năm {} nằm ngoài kỳ báo cáo ({}–{})", result.year, period.from, period.to),
                                    format!("The year {} is outside the reporting period ({}–{})", result.year, period.from, period.to),
                                )
                                .with_help(
                                    "kết quả phải thuộc kỳ của báo cáo (period:); from: không được sau year:",
                                    "results must fall within the report's period (period:); from: may not be after year:",
                                ),
                        );
            }
        }
        for (index, task) in plan.meta.tasks.iter().enumerate() {
            if !area_ids.is_empty() && !area_ids.contains(&task.area) {
                let path = [Step::Key("tasks"), Step::Index(index), Step::Key("area")];
                diagnostics.push(unknown(
                    source,
                    &path,
                    "unknown-area",
                    ("lĩnh vực", "area"),
                    &task.area,
                    &area_ids,
                ));
            }
        }
        let folder = folder_of(&plan.source);
        for (index, attachment) in plan.meta.attachments.iter().enumerate() {
            let exists = sources
                .assets
                .iter()
                .any(|asset| asset.path == folder.join(attachment));
            if !exists || attachment.contains('/') || attachment.contains('\\') {
                let (line, column) =
                    locate(source.yaml, &[Step::Key("attachments"), Step::Index(index)]);
                diagnostics.push(
                    source
                        .diagnostic_at(
                            "missing-attachment",
                            line,
                            column,
                            format!("Không tìm thấy tệp đính kèm “{attachment}” bên cạnh kế hoạch"),
                            format!("The attachment “{attachment}” was not found next to the plan"),
                        )
                        .with_help(
                            format!(
                                "đặt tệp vào {} (chỉ ghi tên tệp, không ghi đường dẫn)",
                                folder.display()
                            ),
                            format!(
                                "put the file in {} (write only the file name, not a path)",
                                folder.display()
                            ),
                        ),
                );
            }
        }
        diagnostics
    };
    check_each(&portal.plans, memo, check, &mut diagnostics);
    diagnostics
}

/// Checks the indicator id and the value of a target or a reported value (`list[index]`).
/// With an empty catalogue (missing or unreadable, reported already) every id would be unknown:
/// that is said once, not once per entry. `invalid` holds the Vietnamese and English message and
/// help for a value that is not a non-negative number.
fn check_measure(
    source: YamlSource<'_>,
    indicator_ids: &[String],
    (list, index): (&str, usize),
    indicator: &str,
    value: f64,
    diagnostics: &mut Diagnostics,
    invalid: [String; 4],
) {
    let at = |key| [Step::Key(list), Step::Index(index), Step::Key(key)];
    if !indicator_ids.is_empty() && !indicator_ids.iter().any(|id| id == indicator) {
        diagnostics.push(unknown(
            source,
            &at("indicator"),
            "unknown-indicator",
            ("chỉ tiêu", "indicator"),
            indicator,
            indicator_ids,
        ));
    }
    if !value.is_finite() || value < 0.0 {
        let (line, column) = locate(source.yaml, &at("value"));
        let [message_vi, message_en, help_vi, help_en] = invalid;
        diagnostics.push(
            source
                .diagnostic_at("invalid-number", line, column, message_vi, message_en)
                .with_help(help_vi, help_en),
        );
    }
}

/// The folder a file is in.
fn folder_of(path: &Path) -> &Path {
    path.parent().unwrap_or(Path::new(""))
}

/// The last year of the national five-year stage that contains `year` (2026 → 2030, 2030 → 2030).
/// A yearly plan may restate a goal of its stage ("đến năm 2030"), but nothing later.
/// The web editor cannot reach a git host without the repository's name.
fn check_admin(site: &SourceText, admin: &Admin, diagnostics: &mut Diagnostics) {
    let needs_repo = matches!(
        admin.backend,
        Some(Backend::Gitlab | Backend::Gitea | Backend::Github)
    );
    if needs_repo && admin.repo.as_deref().is_none_or(|r| r.trim().is_empty()) {
        let source = file_source(site);
        let (line, column) = locate(source.yaml, &[Step::Key("admin"), Step::Key("backend")]);
        diagnostics.push(
            source
                .diagnostic_at(
                    "missing-field",
                    line,
                    column,
                    "Thiếu “repo” trong mục admin: trang soạn thảo không biết lưu vào kho nào",
                    "“repo” is missing from the admin section: the web editor does not know which repository to save to",
                )
                .with_help(
                    "thêm dòng “repo: đơn-vị/tên-kho” (ví dụ repo: ubnd-tue-tinh/cchc) dưới “admin:”",
                    "add a line “repo: owner/name” (e.g. repo: ubnd-tue-tinh/cchc) under “admin:”",
                ),
        );
    }
}

fn stage_end(year: i32) -> i32 {
    year + (5 - year.rem_euclid(5)) % 5
}

fn file_source(file: &SourceText) -> YamlSource<'_> {
    YamlSource {
        file: &file.path,
        file_text: &file.text,
        yaml: &file.text,
        first_line: 1,
    }
}

/// A reference to an id that does not exist, with the closest valid id and the full list.
fn unknown(
    source: YamlSource<'_>,
    path: &[Step<'_>],
    code: &'static str,
    (what, what_en): (&str, &str),
    value: &str,
    valid: &[String],
) -> Diagnostic {
    let (line, column) = locate(source.yaml, path);
    let mut help = format!("các mã {what} hợp lệ: {}", valid.join(", "));
    let mut help_en = format!("valid {what_en} ids: {}", valid.join(", "));
    if let Some(close) = closest(value, valid) {
        help = format!("có phải là “{close}”? {help}");
        help_en = format!("did you mean “{close}”? {help_en}");
    }
    source
        .diagnostic_at(
            code,
            line,
            column,
            format!("Không có {what} mã “{value}” trong danh mục"),
            format!("There is no {what_en} with the id “{value}” in the catalogue"),
        )
        .with_help(help, help_en)
}

/// Reports duplicate and malformed ids in a catalogue file.
fn check_ids(
    file: &SourceText,
    ids: &[String],
    (what, what_en): (&str, &str),
    diagnostics: &mut Diagnostics,
) {
    let source = file_source(file);
    let mut seen = BTreeSet::new();
    for (index, id) in ids.iter().enumerate() {
        let (line, column) = locate(source.yaml, &[Step::Index(index), Step::Key("id")]);
        if !seen.insert(id.as_str()) {
            diagnostics.push(
                source
                    .diagnostic_at(
                        "duplicate-id",
                        line,
                        column,
                        format!("Mã {what} “{id}” bị khai báo hai lần"),
                        format!("The {what_en} id “{id}” is declared twice"),
                    )
                    .with_help(
                        "mỗi mã chỉ được xuất hiện một lần; đổi tên một trong hai",
                        "each id may appear only once; rename one of the two",
                    ),
            );
        }
        if !is_slug(id) {
            diagnostics.push(
                source
                    .diagnostic_at(
                        "invalid-slug",
                        line,
                        column,
                        format!("Mã {what} “{id}” không hợp lệ"),
                        format!("The {what_en} id “{id}” is not valid"),
                    )
                    .with_help(
                        format!(
                            "chỉ dùng chữ thường không dấu, số và dấu gạch ngang, ví dụ “{}”",
                            slug::slugify(id)
                        ),
                        format!(
                            "use only lowercase letters without diacritics, digits and hyphens, e.g. “{}”",
                            slug::slugify(id)
                        ),
                    ),
            );
        }
    }
}

/// Whether `text` is a valid slug: lowercase ASCII letters, digits and single inner hyphens.
pub(crate) fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !text.starts_with('-')
        && !text.ends_with('-')
        && !text.contains("--")
}

fn require_text(
    value: &str,
    key: &str,
    file: &crate::load::ContentFile,
    diagnostics: &mut Diagnostics,
) {
    if value.trim().is_empty() {
        let source = YamlSource {
            file: &file.path,
            file_text: &file.text,
            yaml: file.front_matter(),
            first_line: file.split.yaml_line,
        };
        let (line, column) = locate(source.yaml, &[Step::Key(key)]);
        diagnostics.push(
            source
                .diagnostic_at(
                    "empty-field",
                    line,
                    column,
                    format!("Trường “{key}” đang để trống"),
                    format!("The field “{key}” is empty"),
                )
                .with_help(
                    format!("ghi nội dung cho “{key}:”"),
                    format!("write a value for “{key}:”"),
                ),
        );
    }
}
