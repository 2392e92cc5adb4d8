//! The open data's tables, built from the site graph: one row per target, per reported value and
//! per task, with stable ids and the same words and links as the pages (`target_row`, `task_row`).

use super::schema::{Cell, Column, Field, ForeignKey, Table};
use crate::graph::{Progress, ResultRef, Site, TargetRef, TaskRef, progress};
use crate::model::{Area, Better, Comparator, Indicator, PlanMeta, ReportedValue, Target};
use crate::render::view::{TargetAnchors, TaskRow, target_row, task_row};
use std::ops::Range;

/// What every table's rows share: the communes and documents (plans, reports) facts belong to.
/// Tables are made one at a time, so a national site never holds more than one table's rows.
pub struct Records<'a> {
    site: &'a Site,
    anchors: &'a TargetAnchors,
    /// The site root every row's `url` starts with.
    root: String,
    /// Whether addresses are absolute (`base_url` has a scheme).
    absolute: bool,
    /// One per plan, in the order of [`Site::plans`].
    documents: Vec<Document<'a>>,
}

/// The communes facts belong to, in the order of [`Site::communes`] (borrowed by the documents).
pub struct Places(Vec<Place>);

impl Places {
    /// Every commune of the site.
    pub fn of(site: &Site) -> Places {
        Places((0..site.communes.len()).map(|c| place(site, c)).collect())
    }
}

impl<'a> Records<'a> {
    /// Prepares the tables of `site` (every plan's document, with its commune from `places`).
    pub fn new(site: &'a Site, anchors: &'a TargetAnchors, places: &'a Places) -> Records<'a> {
        let documents = site
            .plans
            .iter()
            .map(|node| {
                let decision = node.plan.meta.decision.as_ref();
                Document {
                    id: node.path.trim_end_matches('/').to_string(),
                    place: &places.0[node.commune],
                    title: &node.plan.meta.title,
                    number: decision.and_then(|d| d.number.as_deref()),
                    date: decision.and_then(|d| d.date).map(|d| d.iso()),
                }
            })
            .collect();
        Records {
            site,
            anchors,
            root: format!("{}/", site.config.base_url.trim_end_matches('/')),
            absolute: site.config.base_url.contains("://"),
            documents,
        }
    }

    /// The targets table: its columns and its first row (rows are made by [`Records::target_rows`]).
    pub fn targets(&self) -> Table {
        let mut facts = self.target_facts(self.first_plan_with(|meta| meta.targets.len()));
        facts.truncate(1);
        let mut targets = Table::of(
            "targets",
            "Chỉ tiêu đã cam kết",
            "Mỗi dòng là một chỉ tiêu định lượng trong một kế hoạch: mức cam kết, thời hạn, mục tiêu quốc gia để so sánh và tiến độ tính từ các báo cáo.",
            &target_columns(self.absolute),
            facts,
        );
        targets.primary_key = Some("id");
        targets.foreign_keys.push(ForeignKey {
            field: "achieved_result_id",
            table: "results",
            reference: "id",
        });
        targets
    }

    /// One row per target of the plans `plans` (indices into [`Site::plans`]).
    pub fn target_rows(&self, plans: Range<usize>) -> Vec<Vec<Cell>> {
        rows_of(&target_columns(self.absolute), self.target_facts(plans))
    }

    /// One row per target of `targets`, in their order.
    pub fn rows_of_targets(&self, targets: &[TargetRef]) -> Vec<Vec<Cell>> {
        let facts = targets
            .iter()
            .map(|&target| self.target_fact(target))
            .collect();
        rows_of(&target_columns(self.absolute), facts)
    }

    fn target_facts(&self, plans: Range<usize>) -> Vec<Fact<'_, TargetItem<'a>>> {
        plans
            .flat_map(|plan| {
                (0..self.site.plans[plan].plan.meta.targets.len())
                    .map(move |target| TargetRef { plan, target })
            })
            .map(|target| self.target_fact(target))
            .collect()
    }

    fn target_fact(&self, at: TargetRef) -> Fact<'_, TargetItem<'a>> {
        let (site, documents) = (self.site, &self.documents);
        let node = &site.plans[at.plan];
        let document = &documents[at.plan];
        let target = &node.plan.meta.targets[at.target];
        let row = target_row(site, &self.anchors[at.plan], at);
        let indicator = indicator(site, &target.indicator);
        let better = indicator.map_or(Better::Higher, |i| i.better);
        let (status, used) = progress(target, better, site.reported_values(node.commune));
        Fact {
            id: format!("{}/chi-tieu-{}", document.id, at.target + 1),
            document,
            url: format!("{}{}", self.root, row.plan.path),
            item: TargetItem {
                target,
                indicator,
                status,
                achieved: used
                    .map(|value| (value, result_id(site, documents, node.commune, value))),
            },
        }
    }

    /// The results table: its columns and its first row (rows are made by [`Records::result_rows`]).
    pub fn results(&self) -> Table {
        let mut facts = self.result_facts(self.first_plan_with(|meta| meta.results.len()));
        facts.truncate(1);
        let mut results = Table::of(
            "results",
            "Kết quả đã đạt",
            "Mỗi dòng là một giá trị mà một báo cáo (hình thức Báo cáo) ghi là đã đạt được cho một chỉ tiêu.",
            &result_columns(self.absolute),
            facts,
        );
        results.primary_key = Some("id");
        results
    }

    /// One row per value reported by the plans `plans` (indices into [`Site::plans`]).
    pub fn result_rows(&self, plans: Range<usize>) -> Vec<Vec<Cell>> {
        rows_of(&result_columns(self.absolute), self.result_facts(plans))
    }

    fn result_facts(&self, plans: Range<usize>) -> Vec<Fact<'_, ResultItem<'a>>> {
        let (site, documents) = (self.site, &self.documents);
        let mut facts = Vec::new();
        for p in plans {
            let node = &site.plans[p];
            for (r, result) in node.plan.meta.results.iter().enumerate() {
                facts.push(Fact {
                    id: result_id_of(documents, ResultRef { plan: p, result: r }),
                    document: &documents[p],
                    url: format!("{}{}", self.root, node.path),
                    item: ResultItem {
                        result,
                        indicator: indicator(site, &result.indicator),
                    },
                });
            }
        }
        facts
    }

    /// The tasks table: its columns and its first row (rows are made by [`Records::task_rows`]).
    pub fn tasks(&self) -> Table {
        let mut facts = self.task_facts(self.first_plan_with(|meta| meta.tasks.len()));
        facts.truncate(1);
        let mut tasks = Table::of(
            "tasks",
            "Nhiệm vụ",
            "Mỗi dòng là một nhiệm vụ trong bảng nhiệm vụ của một kế hoạch, như văn bản ghi: nội dung, sản phẩm, cơ quan chủ trì, phối hợp, thời gian, kinh phí.",
            &task_columns(self.absolute),
            facts,
        );
        tasks.primary_key = Some("id");
        tasks
    }

    /// One row per task of the plans `plans` (indices into [`Site::plans`]).
    pub fn task_rows(&self, plans: Range<usize>) -> Vec<Vec<Cell>> {
        rows_of(&task_columns(self.absolute), self.task_facts(plans))
    }

    fn task_facts(&self, plans: Range<usize>) -> Vec<Fact<'_, TaskItem<'a>>> {
        let (site, documents) = (self.site, &self.documents);
        let mut facts = Vec::new();
        for p in plans {
            let node = &site.plans[p];
            let document = &documents[p];
            for (t, task) in node.plan.meta.tasks.iter().enumerate() {
                let row = task_row(site, TaskRef { plan: p, task: t });
                let area_id = &task.area;
                facts.push(Fact {
                    id: format!("{}/{}", document.id, row.id),
                    document,
                    url: format!("{}{}", self.root, row.plan.path),
                    item: TaskItem {
                        area_id,
                        area: site
                            .areas
                            .iter()
                            .map(|a| &a.area)
                            .find(|a| &a.id == area_id),
                        row,
                    },
                });
            }
        }
        facts
    }

    /// The first plan with some of what `count` counts, as a range (empty when none has any).
    fn first_plan_with(&self, count: impl Fn(&PlanMeta) -> usize) -> Range<usize> {
        let plans = &self.site.plans;
        plans
            .iter()
            .position(|node| count(&node.plan.meta) > 0)
            .map_or(0..0, |first| first..first + 1)
    }
}

/// The rows of `facts` with `columns`, each fact dropped once its row is made.
fn rows_of<R>(columns: &[Column<R>], facts: Vec<R>) -> Vec<Vec<Cell>> {
    facts
        .into_iter()
        .map(|fact| columns.iter().map(|c| (c.value)(&fact)).collect())
        .collect()
}

/// The description of the targets naming `indicator`, with its unit on the value columns; same
/// columns as `targets` (its rows are made by [`Records::rows_of_targets`]).
pub fn indicator_table(targets: &Table, indicator: &Indicator) -> Table {
    let mut table = Table {
        name: format!("chi-tieu-{}", indicator.id),
        title: indicator.name.clone(),
        description: format!(
            "Các chỉ tiêu “{}” mà các xã, phường đã cam kết (đơn vị: {}); cùng các cột như bảng chỉ tiêu đã cam kết.",
            indicator.short, indicator.unit
        ),
        fields: targets.fields.clone(),
        rows: Vec::new(),
        primary_key: targets.primary_key,
        foreign_keys: targets.foreign_keys.clone(),
    };
    for field in &mut table.fields {
        if matches!(field.name, "value" | "national_value" | "achieved_value") {
            field.unit = Some(indicator.unit.clone());
            field.description = format!("{} Đơn vị: {}.", field.description, indicator.unit);
        }
    }
    table
}

/// The commune a fact belongs to.
struct Place {
    name: String,
    path: String,
    province: Option<String>,
}

fn place(site: &Site, commune: usize) -> Place {
    let node = &site.communes[commune];
    Place {
        name: site.commune_name(commune),
        path: node.path.trim_end_matches('/').to_string(),
        province: node.province.map(|p| {
            let meta = &site.provinces[p].province.meta;
            format!("{} {}", meta.kind.label(), meta.name)
        }),
    }
}

/// The plan or report a fact is written in.
struct Document<'a> {
    /// Its output path without the trailing slash: the prefix of its facts' ids.
    id: String,
    place: &'a Place,
    title: &'a str,
    number: Option<&'a str>,
    date: Option<String>,
}

/// One row: a target, reported value or task, with where it comes from.
struct Fact<'a, T> {
    id: String,
    document: &'a Document<'a>,
    /// Address of the exact place on the document's page: `base_url` and the page path (absolute
    /// when `base_url` is).
    url: String,
    item: T,
}

struct TargetItem<'a> {
    target: &'a Target,
    indicator: Option<&'a Indicator>,
    status: Progress,
    /// The reported value that decided the status, and its id in the results table.
    achieved: Option<(&'a ReportedValue, String)>,
}

struct ResultItem<'a> {
    result: &'a ReportedValue,
    indicator: Option<&'a Indicator>,
}

struct TaskItem<'a> {
    area_id: &'a str,
    area: Option<&'a Area>,
    row: TaskRow,
}

fn indicator<'a>(site: &'a Site, id: &str) -> Option<&'a Indicator> {
    site.indicators
        .iter()
        .map(|node| &node.indicator)
        .find(|indicator| indicator.id == id)
}

fn result_id_of(documents: &[Document], result: ResultRef) -> String {
    format!(
        "{}/ket-qua-{}",
        documents[result.plan].id,
        result.result + 1
    )
}

/// The id of a value reported by one of `commune`'s reports.
fn result_id(site: &Site, documents: &[Document], commune: usize, value: &ReportedValue) -> String {
    site.communes[commune]
        .plans
        .iter()
        .find_map(|&plan| {
            let results = &site.plans[plan].plan.meta.results;
            results
                .iter()
                .position(|r| std::ptr::eq(r, value))
                .map(|result| result_id_of(documents, ResultRef { plan, result }))
        })
        .expect("a reported value belongs to a report of its commune")
}

fn comparator_code(op: Comparator) -> &'static str {
    match op {
        Comparator::AtLeast => ">=",
        Comparator::Equal => "=",
        Comparator::AtMost => "<=",
        Comparator::Above => ">",
        Comparator::Below => "<",
    }
}

const COMPARATORS: &[&str] = &[">=", "=", "<=", ">", "<"];
const COMPARATOR_HELP: &str = ">= tối thiểu, = đạt, <= tối đa, > trên, < dưới";

fn text(value: &str) -> Cell {
    Cell::Text(value.to_string())
}

/// How the columns naming the document are called in one table.
struct DocumentColumns {
    id: &'static str,
    title: &'static str,
    number: &'static str,
    date: &'static str,
    url: &'static str,
    url_help: &'static str,
    noun: &'static str,
}

/// Id, commune and document columns, first in every table.
fn source_columns<'a, T>(names: &DocumentColumns, absolute: bool) -> Vec<Column<Fact<'a, T>>> {
    let noun = names.noun;
    vec![
        Column {
            field: Field::text("id", "Mã", names.id).identifier(),
            value: |f| text(&f.id),
        },
        Column {
            field: Field::text("commune_name", "Xã, phường", "Tên xã, phường, đặc khu.").required(),
            value: |f| text(&f.document.place.name),
        },
        Column {
            field: Field::text(
                "commune_path",
                "Đường dẫn của xã",
                "Đường dẫn trang của xã trên cổng (tỉnh/xã, không dấu); cũng là phần đầu của mã.",
            )
            .required(),
            value: |f| text(&f.document.place.path),
        },
        Column {
            field: Field::text(
                "province",
                "Tỉnh, thành phố",
                "Tỉnh, thành phố của xã; để trống khi văn bản nguồn không ghi.",
            ),
            value: |f| Cell::text(f.document.place.province.as_deref()),
        },
        Column {
            field: Field::text(
                names.title,
                "Tên văn bản",
                &format!("Tên {noun} như văn bản ghi."),
            )
            .required(),
            value: |f| text(f.document.title),
        },
        Column {
            field: Field::text(
                names.number,
                "Số ký hiệu",
                &format!("Số ký hiệu của {noun}; để trống khi văn bản nguồn để trống."),
            ),
            value: |f| Cell::text(f.document.number),
        },
        Column {
            field: Field::date(
                names.date,
                "Ngày ban hành",
                &format!("Ngày ban hành {noun}; để trống khi văn bản nguồn không ghi."),
            ),
            value: |f| Cell::text(f.document.date.as_deref()),
        },
        Column {
            field: Field::text(names.url, "Địa chỉ", names.url_help)
                .required()
                .address(absolute),
            value: |f| text(&f.url),
        },
    ]
}

/// Indicator id, name and unit.
trait Measured {
    fn indicator_id(&self) -> &str;
    fn indicator(&self) -> Option<&Indicator>;
}

impl Measured for TargetItem<'_> {
    fn indicator_id(&self) -> &str {
        &self.target.indicator
    }
    fn indicator(&self) -> Option<&Indicator> {
        self.indicator
    }
}

impl Measured for ResultItem<'_> {
    fn indicator_id(&self) -> &str {
        &self.result.indicator
    }
    fn indicator(&self) -> Option<&Indicator> {
        self.indicator
    }
}

fn indicator_columns<'a, T: Measured>() -> Vec<Column<Fact<'a, T>>> {
    vec![
        Column {
            field: Field::text(
                "indicator_id",
                "Mã chỉ tiêu",
                "Mã của chỉ tiêu trong danh mục; trang so sánh giữa các xã ở /chi-tieu/<mã>/ và tệp riêng ở /du-lieu/chi-tieu/<mã>.csv.",
            )
            .required(),
            value: |f| text(f.item.indicator_id()),
        },
        Column {
            field: Field::text("indicator_name", "Tên chỉ tiêu", "Tên đầy đủ của chỉ tiêu.")
                .required(),
            value: |f| {
                text(
                    f.item
                        .indicator()
                        .map_or(f.item.indicator_id(), |i| i.name.as_str()),
                )
            },
        },
        Column {
            field: Field::text("unit", "Đơn vị", "Đơn vị của các cột giá trị (%, ngày, cấp độ…)."),
            value: |f| Cell::text(f.item.indicator().map(|i| i.unit.as_str())),
        },
    ]
}

fn target_columns<'a>(absolute: bool) -> Vec<Column<Fact<'a, TargetItem<'a>>>> {
    let names = DocumentColumns {
        id: "Mã ổn định của chỉ tiêu: <đường dẫn của xã>/<tên kế hoạch>/chi-tieu-<thứ tự của chỉ tiêu trong kế hoạch>.",
        title: "plan_title",
        number: "plan_number",
        date: "plan_date",
        url: "plan_url",
        url_help: "Địa chỉ của kế hoạch trên cổng, dẫn tới đúng chỗ ghi chỉ tiêu (câu trích dẫn hoặc dòng trong bảng chỉ tiêu).",
        noun: "kế hoạch",
    };
    let mut columns = source_columns(&names, absolute);
    columns.extend(indicator_columns());
    columns.extend([
        Column {
            field: Field::text("comparator", "Cách so sánh", &format!("Cách đạt mức cam kết: {COMPARATOR_HELP}."))
                .required()
                .one_of(COMPARATORS),
            value: |f: &Fact<TargetItem>| text(comparator_code(f.item.target.op)),
        },
        Column {
            field: Field::number("value", "Mức cam kết", "Mức cam kết, theo đơn vị ở cột unit.")
                .required(),
            value: |f| Cell::Number(f.item.target.value),
        },
        Column {
            field: Field::year(
                "from",
                "Từ năm",
                "Năm đầu của chặng khi kế hoạch đặt chỉ tiêu theo chặng (ví dụ 2028 cho chặng 2028–2030); để trống nếu không.",
            ),
            value: |f| Cell::year(f.item.target.from),
        },
        Column {
            field: Field::year("year", "Thời hạn", "Năm phải đạt mức cam kết.").required(),
            value: |f| Cell::year(Some(f.item.target.year)),
        },
        Column {
            field: Field::text("quote", "Nguyên văn", "Câu trong kế hoạch ghi chỉ tiêu này."),
            value: |f| Cell::text(f.item.target.quote.as_deref()),
        },
        Column {
            field: Field::text(
                "national_comparator",
                "Cách so sánh (quốc gia)",
                &format!("Cách so sánh của mục tiêu quốc gia: {COMPARATOR_HELP}; để trống khi chưa có mục tiêu quốc gia."),
            )
            .one_of(COMPARATORS),
            value: |f| Cell::text(national(f).map(|n| comparator_code(n.op))),
        },
        Column {
            field: Field::number(
                "national_value",
                "Mục tiêu quốc gia",
                "Mục tiêu quốc gia của chỉ tiêu (cùng đơn vị), để so sánh; để trống khi chưa có văn bản nào đặt.",
            ),
            value: |f| Cell::number(national(f).map(|n| n.value)),
        },
        Column {
            field: Field::year("national_year", "Thời hạn (quốc gia)", "Năm phải đạt mục tiêu quốc gia."),
            value: |f| Cell::year(national(f).map(|n| n.year)),
        },
        Column {
            field: Field::text("national_source", "Văn bản đặt mục tiêu quốc gia", "Văn bản đặt mục tiêu quốc gia."),
            value: |f| Cell::text(national(f).map(|n| n.source.as_str())),
        },
        Column {
            field: Field::text(
                "status",
                "Tiến độ",
                "Tiến độ, tính từ các báo cáo của xã (không nhập tay): đạt, chưa đạt (giá trị báo cáo gần nhất đến năm thời hạn chưa đạt mức cam kết) hoặc chưa có số liệu.",
            )
            .required()
            .one_of(&[
                Progress::Met.label(),
                Progress::NotMet.label(),
                Progress::NoData.label(),
            ]),
            value: |f| text(f.item.status.label()),
        },
        Column {
            field: Field::text("status_code", "Mã tiến độ", "Cột status viết không dấu: dat, chua-dat, chua-co-so-lieu.")
                .required()
                .one_of(&[
                    Progress::Met.code(),
                    Progress::NotMet.code(),
                    Progress::NoData.code(),
                ]),
            value: |f| text(f.item.status.code()),
        },
        Column {
            field: Field::number(
                "achieved_value",
                "Giá trị đã đạt",
                "Giá trị báo cáo đã quyết định tiến độ (cùng đơn vị); để trống khi chưa có số liệu.",
            ),
            value: |f| Cell::number(f.item.achieved.as_ref().map(|(r, _)| r.value)),
        },
        Column {
            field: Field::year("achieved_year", "Năm đạt", "Năm của giá trị đã đạt."),
            value: |f| Cell::year(f.item.achieved.as_ref().map(|(r, _)| r.year)),
        },
        Column {
            field: Field::text(
                "achieved_result_id",
                "Mã kết quả",
                "Mã của giá trị đã đạt trong bảng kết quả (results.csv).",
            ),
            value: |f| Cell::text(f.item.achieved.as_ref().map(|(_, id)| id.as_str())),
        },
    ]);
    columns
}

fn national<'a>(fact: &Fact<'_, TargetItem<'a>>) -> Option<&'a crate::model::NationalTarget> {
    fact.item.indicator.and_then(|i| i.national.as_ref())
}

fn result_columns<'a>(absolute: bool) -> Vec<Column<Fact<'a, ResultItem<'a>>>> {
    let names = DocumentColumns {
        id: "Mã ổn định của kết quả: <đường dẫn của xã>/<tên báo cáo>/ket-qua-<thứ tự của kết quả trong báo cáo>.",
        title: "report_title",
        number: "report_number",
        date: "report_date",
        url: "report_url",
        url_help: "Địa chỉ của báo cáo trên cổng.",
        noun: "báo cáo",
    };
    let mut columns = source_columns(&names, absolute);
    columns.extend(indicator_columns());
    columns.extend([
        Column {
            field: Field::number(
                "value",
                "Giá trị đã đạt",
                "Giá trị báo cáo ghi là đã đạt, theo đơn vị ở cột unit.",
            )
            .required(),
            value: |f: &Fact<ResultItem>| Cell::Number(f.item.result.value),
        },
        Column {
            field: Field::year(
                "from",
                "Từ năm",
                "Năm đầu của kỳ đo khi kỳ dài nhiều năm; để trống nếu không.",
            ),
            value: |f| Cell::year(f.item.result.from),
        },
        Column {
            field: Field::year(
                "year",
                "Năm",
                "Năm đo (năm cuối của kỳ, khi kỳ dài nhiều năm).",
            )
            .required(),
            value: |f| Cell::year(Some(f.item.result.year)),
        },
        Column {
            field: Field::text("quote", "Nguyên văn", "Câu trong báo cáo ghi kết quả này."),
            value: |f| Cell::text(f.item.result.quote.as_deref()),
        },
    ]);
    columns
}

fn task_columns<'a>(absolute: bool) -> Vec<Column<Fact<'a, TaskItem<'a>>>> {
    let names = DocumentColumns {
        id: "Mã ổn định của nhiệm vụ: <đường dẫn của xã>/<tên kế hoạch>/nhiem-vu-<thứ tự của nhiệm vụ trong kế hoạch>.",
        title: "plan_title",
        number: "plan_number",
        date: "plan_date",
        url: "plan_url",
        url_help: "Địa chỉ của kế hoạch trên cổng, dẫn tới đúng dòng của nhiệm vụ trong bảng nhiệm vụ.",
        noun: "kế hoạch",
    };
    let mut columns = source_columns(&names, absolute);
    columns.extend([
        Column {
            field: Field::text(
                "no",
                "Số thứ tự",
                "Số thứ tự như văn bản ghi (1, 3.1, II.2…).",
            ),
            value: |f: &Fact<TaskItem>| Cell::text(f.item.row.no.as_deref()),
        },
        Column {
            field: Field::text(
                "area_id",
                "Mã lĩnh vực",
                "Mã lĩnh vực cải cách; trang lĩnh vực ở /linh-vuc/<mã>/.",
            )
            .required(),
            value: |f| text(f.item.area_id),
        },
        Column {
            field: Field::text("area_name", "Lĩnh vực", "Tên lĩnh vực cải cách.").required(),
            value: |f| text(f.item.area.map_or(f.item.area_id, |a| a.name.as_str())),
        },
        Column {
            field: Field::text("objective", "Mục tiêu", "Mục tiêu, như văn bản ghi."),
            value: |f| Cell::text(f.item.row.objective.as_deref()),
        },
        Column {
            field: Field::text("duty", "Nhiệm vụ", "Nhiệm vụ, như văn bản ghi."),
            value: |f| Cell::text(f.item.row.duty.as_deref()),
        },
        Column {
            field: Field::text(
                "content",
                "Nội dung",
                "Nội dung, hoạt động, như văn bản ghi.",
            )
            .required(),
            value: |f| text(&f.item.row.content),
        },
        Column {
            field: Field::text("output", "Sản phẩm", "Kết quả, sản phẩm, như văn bản ghi."),
            value: |f| Cell::text(f.item.row.output.as_deref()),
        },
        Column {
            field: Field::text("lead", "Chủ trì", "Cơ quan, người chủ trì."),
            value: |f| Cell::text(f.item.row.lead.as_deref()),
        },
        Column {
            field: Field::text(
                "partners",
                "Phối hợp",
                "Cơ quan phối hợp, ngăn cách bằng “; ”.",
            ),
            value: |f| Cell::text(f.item.row.partners.as_deref()),
        },
        Column {
            field: Field::text(
                "due",
                "Thời gian",
                "Thời gian thực hiện, như văn bản ghi (không đổi thành ngày).",
            ),
            value: |f| Cell::text(f.item.row.due.as_deref()),
        },
        Column {
            field: Field::text("funding", "Kinh phí", "Kinh phí, như văn bản ghi."),
            value: |f| Cell::text(f.item.row.funding.as_deref()),
        },
    ]);
    columns
}
