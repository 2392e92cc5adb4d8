//! The front-matter fields the web editor offers, one table per kind of file. These tables are the
//! only description of the forms: the Decap configuration is generated from them, and a test checks
//! them against the model's serde types, so a field added to the model without a row here fails.

/// One field of a form.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The YAML key, as the model reads it.
    pub name: &'static str,
    /// Vietnamese label shown above the input.
    pub label: &'static str,
    /// Vietnamese hint shown under the input.
    pub hint: &'static str,
    /// Whether the model requires the field.
    pub required: bool,
    /// The input.
    pub widget: Widget,
}

/// What kind of input a field gets, and so what YAML the editor writes.
#[derive(Debug, Clone, Copy)]
pub enum Widget {
    /// One line of text (a YAML string).
    Line,
    /// A web address: one line that must start with `http://` or `https://`, as `check` requires
    /// of links editors write (`invalid-url`).
    Url,
    /// Several lines of text (a YAML string).
    Text,
    /// A whole number.
    Int,
    /// A number that may have decimals.
    Float,
    /// A date written `YYYY-MM-DD`.
    Date,
    /// One value of a fixed list.
    Choice(Choices),
    /// A mapping of the given fields.
    Object(&'static [Field]),
    /// A list of mappings of the given fields.
    Objects(&'static [Field]),
    /// A list of one-line texts.
    Lines,
}

/// Where the values of a [`Widget::Choice`] come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choices {
    /// [`crate::model::PlanKind`].
    PlanKind,
    /// [`crate::model::Status`].
    Status,
    /// [`crate::model::Comparator`].
    Comparator,
    /// [`crate::model::CommuneKind`].
    CommuneKind,
    /// [`crate::model::Better`].
    Better,
    /// The ids of `data/areas.yaml`.
    Area,
    /// The ids of `data/indicators.yaml`.
    Indicator,
}

const fn field(
    name: &'static str,
    label: &'static str,
    hint: &'static str,
    required: bool,
    widget: Widget,
) -> Field {
    Field {
        name,
        label,
        hint,
        required,
        widget,
    }
}

const PERIOD: &[Field] = &[
    field(
        "from",
        "Từ năm",
        "Năm đầu của kế hoạch, ví dụ 2026.",
        true,
        Widget::Int,
    ),
    field(
        "to",
        "Đến năm",
        "Năm cuối; bằng năm đầu nếu kế hoạch cho một năm.",
        true,
        Widget::Int,
    ),
];

const DECISION: &[Field] = &[
    field(
        "number",
        "Số ký hiệu",
        "Ví dụ: 364/QĐ-UBND.",
        false,
        Widget::Line,
    ),
    field("date", "Ngày ban hành", "", false, Widget::Date),
    field(
        "effective",
        "Ngày hiệu lực",
        "Bỏ trống nếu văn bản không ghi.",
        false,
        Widget::Date,
    ),
    field("signer", "Người ký", "Họ và tên.", false, Widget::Line),
    field(
        "signer_title",
        "Chức vụ người ký",
        "Ví dụ: Chủ tịch, Phó Chủ tịch.",
        false,
        Widget::Line,
    ),
];

const TARGET: &[Field] = &[
    field(
        "indicator",
        "Chỉ tiêu",
        "Chọn chỉ tiêu trong danh mục; chưa có thì nhờ người quản trị thêm vào danh mục.",
        true,
        Widget::Choice(Choices::Indicator),
    ),
    field(
        "value",
        "Giá trị",
        "Chỉ ghi số, ví dụ 95 hoặc 97,5 (viết 97.5).",
        true,
        Widget::Float,
    ),
    field(
        "op",
        "So sánh",
        "Bỏ trống nghĩa là “tối thiểu” (≥).",
        false,
        Widget::Choice(Choices::Comparator),
    ),
    field(
        "from",
        "Từ năm",
        "Chỉ ghi khi kế hoạch đặt chỉ tiêu theo giai đoạn (ví dụ giai đoạn 2026–2027: ghi 2026).",
        false,
        Widget::Int,
    ),
    field(
        "year",
        "Năm đạt",
        "Năm phải đạt giá trị, nằm trong thời kỳ của kế hoạch.",
        true,
        Widget::Int,
    ),
    field(
        "quote",
        "Nguyên văn",
        "Chép đúng câu trong kế hoạch nêu chỉ tiêu này (để trang chỉ tiêu dẫn về đúng chỗ).",
        false,
        Widget::Text,
    ),
];

const RESULT: &[Field] = &[
    field(
        "indicator",
        "Chỉ tiêu",
        "Chọn chỉ tiêu trong danh mục.",
        true,
        Widget::Choice(Choices::Indicator),
    ),
    field(
        "value",
        "Giá trị đạt được",
        "Chỉ ghi số.",
        true,
        Widget::Float,
    ),
    field(
        "year",
        "Năm",
        "Năm đo được (năm cuối, nếu là một giai đoạn).",
        true,
        Widget::Int,
    ),
    field(
        "from",
        "Từ năm",
        "Năm đầu, nếu kết quả tính cho nhiều năm.",
        false,
        Widget::Int,
    ),
    field(
        "quote",
        "Nguyên văn",
        "Câu trong báo cáo nêu kết quả này.",
        false,
        Widget::Text,
    ),
];

const TASK: &[Field] = &[
    field(
        "no",
        "Số thứ tự",
        "Như trong bảng của kế hoạch: 1, 3.1, II.2…",
        false,
        Widget::Line,
    ),
    field(
        "area",
        "Lĩnh vực",
        "Lĩnh vực cải cách hành chính của nhiệm vụ.",
        true,
        Widget::Choice(Choices::Area),
    ),
    field("objective", "Mục tiêu", "", false, Widget::Text),
    field("duty", "Nhiệm vụ", "", false, Widget::Text),
    field(
        "content",
        "Nội dung, hoạt động",
        "Việc cần làm, như trong bảng nhiệm vụ.",
        true,
        Widget::Text,
    ),
    field("output", "Kết quả, sản phẩm", "", false, Widget::Text),
    field(
        "lead",
        "Cơ quan chủ trì",
        "Ví dụ: Văn phòng HĐND và UBND xã.",
        false,
        Widget::Line,
    ),
    field(
        "partners",
        "Cơ quan phối hợp",
        "Mỗi cơ quan một dòng.",
        false,
        Widget::Lines,
    ),
    field(
        "due",
        "Thời gian thực hiện",
        "Ghi như trong kế hoạch: “Quý II/2026”, “Trước 30/6/2026”, “Thường xuyên”…",
        false,
        Widget::Line,
    ),
    field("funding", "Kinh phí", "", false, Widget::Line),
];

/// The front matter of a plan file ([`crate::model::PlanMeta`]).
pub const PLAN: &[Field] = &[
    field(
        "title",
        "Tiêu đề",
        "Tên văn bản như trên bản gốc, ví dụ: Kế hoạch cải cách hành chính năm 2027.",
        true,
        Widget::Line,
    ),
    field(
        "kind",
        "Hình thức văn bản",
        "",
        true,
        Widget::Choice(Choices::PlanKind),
    ),
    field(
        "period",
        "Thời kỳ",
        "Các năm kế hoạch áp dụng.",
        true,
        Widget::Object(PERIOD),
    ),
    field(
        "status",
        "Tình trạng",
        "“Dự thảo” chưa được đăng lên cổng; chọn “Còn hiệu lực” khi văn bản đã ký ban hành.",
        false,
        Widget::Choice(Choices::Status),
    ),
    field(
        "issuer",
        "Cơ quan ban hành",
        "Ví dụ: Ủy ban nhân dân xã Tuệ Tĩnh.",
        false,
        Widget::Line,
    ),
    field("summary", "Trích yếu", "", false, Widget::Text),
    field(
        "decision",
        "Văn bản ban hành",
        "Quyết định hoặc số ký hiệu của chính kế hoạch.",
        false,
        Widget::Object(DECISION),
    ),
    field(
        "legal_bases",
        "Căn cứ",
        "Mỗi văn bản làm căn cứ một dòng.",
        false,
        Widget::Lines,
    ),
    field(
        "replaces",
        "Thay thế văn bản",
        "Số ký hiệu của văn bản bị thay thế, mỗi văn bản một dòng.",
        false,
        Widget::Lines,
    ),
    field(
        "attachments",
        "Tệp đính kèm",
        "Tên tệp (bản ký số) đặt cùng thư mục với kế hoạch, ví dụ ke-hoach-2027.pdf.",
        false,
        Widget::Lines,
    ),
    field(
        "standing_office",
        "Cơ quan thường trực",
        "Cơ quan thường trực cải cách hành chính.",
        false,
        Widget::Line,
    ),
    field("funding", "Kinh phí thực hiện", "", false, Widget::Text),
    field(
        "targets",
        "Chỉ tiêu",
        "Các chỉ tiêu định lượng kế hoạch cam kết.",
        false,
        Widget::Objects(TARGET),
    ),
    field(
        "tasks",
        "Nhiệm vụ",
        "Bảng nhiệm vụ của kế hoạch, mỗi dòng một nhiệm vụ.",
        false,
        Widget::Objects(TASK),
    ),
    field(
        "results",
        "Kết quả đã đạt",
        "Chỉ dùng cho báo cáo: giá trị đã đạt của các chỉ tiêu.",
        false,
        Widget::Objects(RESULT),
    ),
];

const CONTACT: &[Field] = &[
    field("address", "Địa chỉ", "", false, Widget::Line),
    field("phone", "Điện thoại", "", false, Widget::Line),
    field("email", "Thư điện tử", "", false, Widget::Line),
];

/// The front matter of a commune's `_index.md` ([`crate::model::CommuneMeta`]).
pub const COMMUNE: &[Field] = &[
    field(
        "name",
        "Tên",
        "Không ghi chữ “xã”, “phường”: ví dụ Tuệ Tĩnh.",
        true,
        Widget::Line,
    ),
    field(
        "kind",
        "Loại",
        "",
        true,
        Widget::Choice(Choices::CommuneKind),
    ),
    field(
        "former_names",
        "Tên các đơn vị cũ",
        "Các xã, phường đã sáp nhập vào đơn vị này năm 2025, mỗi tên một dòng.",
        false,
        Widget::Lines,
    ),
    field("contact", "Liên hệ", "", false, Widget::Object(CONTACT)),
    field(
        "portal",
        "Cổng thông tin",
        "Địa chỉ trang web của xã, phường, bắt đầu bằng https:// hoặc http://.",
        false,
        Widget::Url,
    ),
];

const NATIONAL: &[Field] = &[
    field("value", "Giá trị", "", true, Widget::Float),
    field(
        "op",
        "So sánh",
        "",
        true,
        Widget::Choice(Choices::Comparator),
    ),
    field("year", "Năm đạt", "", true, Widget::Int),
    field(
        "source",
        "Văn bản đặt chỉ tiêu",
        "Ví dụ: Quyết định 282/QĐ-TTg ngày 12/02/2026.",
        true,
        Widget::Line,
    ),
];

/// One entry of the indicator catalogue `data/indicators.yaml` ([`crate::model::Indicator`]).
pub const INDICATOR: &[Field] = &[
    field(
        "id",
        "Mã",
        "Chữ thường không dấu, nối bằng gạch ngang, ví dụ hai-long-tthc; không đổi mã đã dùng.",
        true,
        Widget::Line,
    ),
    field("name", "Tên đầy đủ", "Điều được đo.", true, Widget::Line),
    field("short", "Tên ngắn", "Dùng trong bảng.", true, Widget::Line),
    field("area", "Lĩnh vực", "", true, Widget::Choice(Choices::Area)),
    field(
        "unit",
        "Đơn vị",
        "Ví dụ: %, cấp độ, ngày.",
        true,
        Widget::Line,
    ),
    field(
        "better",
        "Chiều tốt hơn",
        "",
        true,
        Widget::Choice(Choices::Better),
    ),
    field(
        "national",
        "Chỉ tiêu quốc gia",
        "Chỉ ghi khi có văn bản đặt chỉ tiêu này.",
        false,
        Widget::Object(NATIONAL),
    ),
    field(
        "match",
        "Cụm từ nhận diện",
        "Cụm từ thường gặp trong kế hoạch, mỗi cụm một dòng.",
        false,
        Widget::Lines,
    ),
    field(
        "description",
        "Giải thích",
        "Hiện trên trang chỉ tiêu.",
        false,
        Widget::Text,
    ),
];
