//! The skeleton files: front matter that is valid as written, every field explained in a
//! Vietnamese comment, optional fields commented out as examples.

use crate::model::{Area, CommuneKind, Comparator, Indicator, PlanKind, ProvinceKind};

/// A scalar written so YAML reads it back as the same string (plain when safe, quoted otherwise).
fn yaml_str(text: &str) -> String {
    serde_yaml::to_string(text)
        .map(|yaml| yaml.trim_end().to_string())
        .unwrap_or_else(|_| format!("{text:?}"))
}

/// `content/<province>/_index.md`.
pub(super) fn province(name: &str, kind: ProvinceKind) -> String {
    let kind = match kind {
        ProvinceKind::Tinh => "tinh",
        ProvinceKind::ThanhPho => "thanh-pho",
    };
    format!(
        "---
# Tên tỉnh/thành phố, KHÔNG kèm chữ “Tỉnh”/“Thành phố” (bắt buộc).
name: {name}
# Loại: tinh (tỉnh) | thanh-pho (thành phố trực thuộc trung ương).
kind: {kind}
# Sau dòng --- dưới đây có thể viết lời giới thiệu (không bắt buộc).
---
",
        name = yaml_str(name.trim()),
    )
}

/// `content/[<province>/]<commune>/_index.md`.
pub(super) fn commune(name: &str, kind: CommuneKind) -> String {
    let (keyword, label) = match kind {
        CommuneKind::Xa => ("xa", "xã"),
        CommuneKind::Phuong => ("phuong", "phường"),
        CommuneKind::DacKhu => ("dac-khu", "đặc khu"),
    };
    let name = name.trim();
    let slug = slug::slugify(name);
    format!(
        "---
# Tệp mô tả một xã, phường, đặc khu (do `planportal new commune` tạo).
# Dòng bắt đầu bằng # là ghi chú, chương trình bỏ qua. Muốn dùng một trường đang ghi chú thì bỏ
# dấu “# ” ở đầu các dòng của nó; thụt lề bằng dấu cách, không dùng phím Tab.

# Tên, KHÔNG kèm chữ “Xã”/“Phường”/“Đặc khu” (bắt buộc): trang sẽ hiện “{title} {name}”.
name: {name_yaml}
# Loại đơn vị (bắt buộc): xa (xã) | phuong (phường) | dac-khu (đặc khu).
kind: {keyword}

# (Không bắt buộc) Tên các đơn vị trước khi sắp xếp năm 2025, mỗi tên một dòng bắt đầu bằng “- ”.
# former_names:
#   - Xã Ví Dụ Một
#   - Thị trấn Ví Dụ Hai

# (Không bắt buộc) Liên hệ của Ủy ban nhân dân {label}; mỗi dòng con đều có thể bỏ.
# Văn bản có dấu “: ” hoặc “#” phải đặt trong ngoặc kép.
# contact:
#   address: \"Số 1 đường Ví Dụ, {label} {name}\"
#   phone: \"0220 3 000 000\"
#   email: ubnd@{slug}.example.gov.vn

# (Không bắt buộc) Địa chỉ cổng thông tin điện tử của {label}.
# portal: https://{slug}.example.gov.vn/

# Sau dòng --- dưới đây có thể viết lời giới thiệu {label} (không bắt buộc).
---
",
        title = kind.label(),
        name_yaml = yaml_str(name),
    )
}

/// The file name (without `.md`) of a new plan when `--slug` is not given.
pub fn default_slug(kind: PlanKind, from: i32, to: i32) -> String {
    let prefix = match kind {
        PlanKind::KeHoach => "ke-hoach-cchc",
        PlanKind::PhuLuc => "phu-luc-nhiem-vu-cchc",
        PlanKind::BaoCao => "bao-cao-cchc",
        PlanKind::QuyetDinh => "quyet-dinh-cchc",
    };
    if from == to {
        format!("{prefix}-{from}")
    } else {
        format!("{prefix}-{from}-{to}")
    }
}

/// What a plan skeleton is made from.
pub(super) struct PlanSkeleton<'a> {
    pub kind: PlanKind,
    pub from: i32,
    pub to: i32,
    pub commune_name: &'a str,
    pub commune_kind: CommuneKind,
    /// The indicator shown in the commented target example (the catalogue's first).
    pub indicator: Option<&'a Indicator>,
    /// The reform areas, in order.
    pub areas: &'a [Area],
}

fn kind_keyword(kind: PlanKind) -> &'static str {
    match kind {
        PlanKind::KeHoach => "ke-hoach",
        PlanKind::PhuLuc => "phu-luc",
        PlanKind::BaoCao => "bao-cao",
        PlanKind::QuyetDinh => "quyet-dinh",
    }
}

fn op_keyword(op: Comparator) -> &'static str {
    match op {
        Comparator::AtLeast => ">=",
        Comparator::Equal => "=",
        Comparator::AtMost => "<=",
        Comparator::Above => ">",
        Comparator::Below => "<",
    }
}

/// The example target of a skeleton: indicator id, value, op and the sentence a plan would say.
pub(super) struct ExampleTarget {
    pub indicator: String,
    pub value: f64,
    pub op: Comparator,
    pub quote: String,
}

pub(super) fn example_target(indicator: Option<&Indicator>) -> ExampleTarget {
    let Some(indicator) = indicator else {
        return ExampleTarget {
            indicator: "hai-long-tthc".into(),
            value: 95.0,
            op: Comparator::AtLeast,
            quote: "Mức độ hài lòng của người dân, doanh nghiệp về giải quyết thủ tục hành chính đạt tối thiểu 95%".into(),
        };
    };
    let (value, op) = indicator.national.as_ref().map_or_else(
        || {
            (
                if indicator.unit == "%" { 100.0 } else { 1.0 },
                Comparator::AtLeast,
            )
        },
        |national| (national.value, national.op),
    );
    let amount = if indicator.unit == "%" {
        format!("{value}%")
    } else {
        format!("{value} {}", indicator.unit)
    };
    ExampleTarget {
        indicator: indicator.id.clone(),
        value,
        op,
        quote: format!("{} đạt {} {amount}", indicator.name, op.label()),
    }
}

/// A plan file: front matter skeleton and body skeleton.
pub(super) fn plan(skeleton: &PlanSkeleton<'_>) -> String {
    let PlanSkeleton {
        kind,
        from,
        to,
        commune_name,
        commune_kind,
        indicator,
        areas,
    } = *skeleton;
    let unit = format!(
        "{} {}",
        commune_kind.label().to_lowercase(),
        commune_name.trim()
    );
    let years = if from == to {
        format!("năm {from}")
    } else {
        format!("giai đoạn {from} – {to}")
    };
    let title = match kind {
        PlanKind::KeHoach => format!("Kế hoạch cải cách hành chính nhà nước {years} của {unit}"),
        PlanKind::PhuLuc => format!("Phụ lục nhiệm vụ cải cách hành chính {years} của {unit}"),
        PlanKind::BaoCao => {
            format!("Báo cáo kết quả thực hiện cải cách hành chính {years} của {unit}")
        }
        PlanKind::QuyetDinh => {
            format!("Quyết định ban hành Kế hoạch cải cách hành chính nhà nước {years} của {unit}")
        }
    };
    let issuer = format!("Ủy ban nhân dân {unit}");
    let example = example_target(indicator);
    let task_area = indicator
        .map(|i| i.area.clone())
        .or_else(|| areas.first().map(|a| a.id.clone()))
        .unwrap_or_else(|| "thu-tuc-hanh-chinh".into());
    let area_ids = if areas.is_empty() {
        "xem data/areas.yaml".to_string()
    } else {
        areas
            .iter()
            .map(|a| format!("{}\u{a0}({}),", a.id, a.short.replace(' ', "\u{a0}")))
            .collect::<Vec<_>>()
            .join(" ")
            .trim_end_matches(',')
            .to_string()
    };
    let area_lines = wrap_comment(&format!("Mã lĩnh vực (area): {area_ids}"));
    let results = if kind == PlanKind::BaoCao {
        format!(
            "
# Kết quả đã đạt (chỉ dùng cho báo cáo): indicator là mã chỉ tiêu, value là số đã đạt,
# year là năm đo; quote là câu nguyên văn trong phần toàn văn (không bắt buộc).
# results:
#   - indicator: {indicator}
#     value: {value}
#     year: {to}
",
            indicator = example.indicator,
            value = example.value,
        )
    } else {
        String::new()
    };
    let front = format!(
        "---
# Khung văn bản do `planportal new plan` tạo. Dòng bắt đầu bằng # là ghi chú, chương trình bỏ qua.
# Sửa các giá trị theo văn bản đã ký. Muốn dùng một trường đang ghi chú thì bỏ dấu “# ” ở đầu các
# dòng của nó (giữ nguyên thụt lề bằng dấu cách, không dùng phím Tab). Trường không có thông tin
# thì để nguyên ghi chú hoặc xóa. Hướng dẫn đầy đủ: docs/huong-dan-bien-tap.md

# Tên văn bản, chép đúng như bản in (bắt buộc, không để trống). Đây là tên tạm: hãy sửa lại.
title: {title}
# Hình thức văn bản (bắt buộc): ke-hoach (Kế hoạch) | phu-luc (Phụ lục) | bao-cao (Báo cáo)
# | quyet-dinh (Quyết định).
kind: {kind_keyword}
# Giai đoạn (bắt buộc): năm đầu, năm cuối; văn bản một năm thì hai năm bằng nhau.
period: {{from: {from}, to: {to}}}
# Trạng thái: du-thao (dự thảo: CHƯA được đăng lên cổng) | hieu-luc (còn hiệu lực)
# | het-hieu-luc (hết hiệu lực). Khi văn bản đã ký và `planportal check` không còn lỗi,
# đổi thành hieu-luc để đăng.
status: du-thao
# Cơ quan ban hành (không bắt buộc).
issuer: {issuer}
# Trích yếu (không bắt buộc).
# summary: Ban hành {title_lower}

# Văn bản ban hành (không bắt buộc; mỗi dòng con đều có thể bỏ): number là số ký hiệu (bỏ trống
# nếu văn bản nguồn để trống), date là ngày ban hành, effective là ngày hiệu lực (“kể từ ngày ký”
# thì ghi ngày ký), ngày viết NĂM-THÁNG-NGÀY; signer là người ký, signer_title là chức vụ.
# decision:
#   number: 15/QĐ-UBND
#   date: {from}-01-10
#   effective: {from}-01-10
#   signer: Nguyễn Văn A
#   signer_title: Chủ tịch

# Căn cứ ban hành, chép như bản in, mỗi căn cứ một dòng bắt đầu bằng “- ” (không bắt buộc).
# legal_bases:
#   - Quyết định số 282/QĐ-TTg ngày 12/02/2026 của Thủ tướng Chính phủ ban hành Kế hoạch cải cách hành chính nhà nước trọng tâm giai đoạn 2026-2030
# Số ký hiệu các văn bản bị văn bản này thay thế (không bắt buộc).
# replaces: [210/QĐ-UBND]
# Tên tệp đặt cùng thư mục với tệp này, ví dụ bản PDF có chữ ký; chỉ ghi tên tệp (không bắt buộc).
# attachments: [15-qd-ubnd.pdf]
# Cơ quan thường trực cải cách hành chính (không bắt buộc).
# standing_office: Phòng Văn hóa - Xã hội
# Kinh phí thực hiện (không bắt buộc).
# funding: Kinh phí thực hiện được bố trí trong dự toán ngân sách {unit_short} năm {from}.

# Chỉ tiêu định lượng (targets): mỗi con số cam kết là một mục, gắn với một mã chỉ tiêu của danh
# mục; xem các mã bằng lệnh: planportal indicators. value chỉ ghi số (95, không ghi 95%);
# op: \">=\" tối thiểu | \"=\" đạt | \"<=\" tối đa | \">\" trên | \"<\" dưới (mặc định \">=\");
# year là năm phải đạt (chia chặng thì thêm from: năm đầu của chặng); quote là câu chép
# nguyên văn từ phần toàn văn bên dưới (nên có; phải giống từng chữ, từng dấu).
# targets:
#   - indicator: {indicator}
#     value: {value}
#     op: \"{op}\"
#     year: {to}
#     quote: {quote}
{results}
# Bảng nhiệm vụ (tasks): mỗi dòng của bảng là một mục. Bắt buộc: area (mã lĩnh vực) và content
# (nội dung, hoạt động). Không bắt buộc: no (số thứ tự như bản in, trong ngoặc kép), objective
# (mục tiêu), duty (nhiệm vụ), output (kết quả, sản phẩm), lead (cơ quan chủ trì), partners (cơ
# quan phối hợp), due (thời gian, chép như bản in), funding (kinh phí).
{area_lines}
# tasks:
#   - no: \"1\"
#     area: {task_area}
#     content: Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền giải quyết của {unit_short}
#     output: Báo cáo kết quả rà soát
#     lead: Văn phòng HĐND và UBND {unit_short}
#     partners: [Trung tâm Phục vụ hành chính công {unit_short}]
#     due: Quý II/{from}
---
",
        title = yaml_str(&title),
        title_lower = lower_first(&title),
        kind_keyword = kind_keyword(kind),
        issuer = yaml_str(&issuer),
        unit_short = commune_kind.label().to_lowercase(),
        indicator = example.indicator,
        value = example.value,
        op = op_keyword(example.op),
        // Always double-quoted, as the guide recommends for quotes (serde_json's escaping is
        // valid YAML).
        quote = serde_json::to_string(&example.quote).unwrap_or_default(),
    );
    front + &body(kind, from, &issuer)
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().collect::<String>() + chars.as_str()
    })
}

/// Wraps a long comment at about 100 columns, each line starting with `# `.
fn wrap_comment(text: &str) -> String {
    let mut lines = Vec::new();
    let mut line = String::from("#");
    for word in text.split_whitespace() {
        if line.chars().count() + 1 + word.chars().count() > 100 && line != "#" {
            lines.push(std::mem::replace(&mut line, String::from("#")));
        }
        line.push(' ');
        line.push_str(word);
    }
    lines.push(line);
    lines.join("\n").replace('\u{a0}', " ")
}

/// The body skeleton: the usual headings of the document form.
fn body(kind: PlanKind, from: i32, issuer: &str) -> String {
    let note = "(Xóa các dòng trong ngoặc đơn như dòng này, rồi dán toàn văn đã ký. Giữ các tiêu đề bắt đầu bằng ## và ### để trang có mục lục; sửa tiêu đề cho đúng bản in.)";
    let headings = match kind {
        PlanKind::KeHoach => {
            "## I. MỤC TIÊU, YÊU CẦU\n\n### 1. Mục tiêu\n\n### 2. Chỉ tiêu\n\n### 3. Yêu cầu\n\n\
             ## II. NHIỆM VỤ TRỌNG TÂM\n\n## III. GIẢI PHÁP THỰC HIỆN\n\n## IV. KINH PHÍ\n\n\
             ## V. TỔ CHỨC THỰC HIỆN\n"
        }
        PlanKind::PhuLuc => {
            "## PHỤ LỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH\n\n(Bảng nhiệm vụ ghi trong trường tasks ở trên; trang tự trình bày bảng theo lĩnh vực.)\n"
        }
        PlanKind::BaoCao => {
            "## I. KẾT QUẢ THỰC HIỆN\n\n## II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN\n\n\
             ## III. PHƯƠNG HƯỚNG, NHIỆM VỤ TRONG THỜI GIAN TỚI\n\n## IV. KIẾN NGHỊ, ĐỀ XUẤT\n"
        }
        PlanKind::QuyetDinh => {
            "## QUYẾT ĐỊNH\n\n**Điều 1.** Ban hành kèm theo Quyết định này …\n\n\
             **Điều 2.** Quyết định này có hiệu lực kể từ ngày ký.\n\n**Điều 3.** …\n"
        }
    };
    let attached = if matches!(kind, PlanKind::KeHoach | PlanKind::PhuLuc) {
        format!("(Kèm theo Quyết định số …/QĐ-UBND ngày …/…/{from} của {issuer})\n\n")
    } else {
        String::new()
    };
    format!("\n{note}\n\n{attached}{headings}")
}
