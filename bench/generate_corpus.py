#!/usr/bin/env python3
"""Generates a national-scale portal for benchmarks, deterministically from a seed.

usage: bench/generate_corpus.py OUT --plans N [--seed 1] [--format planportal|hugo|both]

- 34 province-level units (the real names after the 1 July 2025 merger), each with a number of
  communes proportional to its real number of commune-level units (3,321 in all at N = 10,000; N/3
  in general), named from Vietnamese syllables (unique ASCII slugs), a few special zones (đặc khu);
- about 3 plans per commune (some 2, some 4): a 2026–2030 plan, a 2026 plan, an appendix of tasks
  or a six-month report, and in some communes an amended 2026 plan that replaces the first one;
- every plan has the full front matter of docs/content-model.md (decision, legal bases, standing
  office, funding…), 8–20 targets on catalogue indicators (values consistent with the indicator,
  years inside the plan's period, a quote that occurs verbatim in the text), 30–60 tasks (areas of
  data/areas.yaml, lead office, partners, due dates as editors write them, output), and a 25–40 KB
  Markdown body recombined from the paragraphs and lists of the real plans in content/ (commune and
  province names substituted), with headings, lists and a table of the targets;
- `--format hugo` writes the same plans as a Hugo site (see write_hugo) for the comparison that
  bench/run.sh makes; `both` writes the planportal portal in OUT and the Hugo site in OUT/hugo.

Only the standard library is used. The output depends only on the arguments and on the files of the
repository it reads (content/, data/, site.yaml, themes/): no clock, no set or hash ordering.
"""
import argparse
import json
import os
import re
import random
import shutil
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------------------------
# Geography: the 34 province-level units since 1 July 2025 and their (approximate) numbers of
# commune-level units, used as weights; special zones (đặc khu) that exist in each.

PROVINCES = [
    # name, kind, communes, share of phường, special zones
    ("Hà Nội", "thanh-pho", 126, 0.40, []),
    ("Hồ Chí Minh", "thanh-pho", 168, 0.67, ["Côn Đảo"]),
    ("Hải Phòng", "thanh-pho", 114, 0.40, ["Cát Hải", "Bạch Long Vĩ"]),
    ("Huế", "thanh-pho", 40, 0.52, []),
    ("Đà Nẵng", "thanh-pho", 94, 0.25, []),
    ("Cần Thơ", "thanh-pho", 103, 0.30, []),
    ("Tuyên Quang", "tinh", 124, 0.06, []),
    ("Lào Cai", "tinh", 99, 0.10, []),
    ("Thái Nguyên", "tinh", 92, 0.16, []),
    ("Phú Thọ", "tinh", 148, 0.20, []),
    ("Bắc Ninh", "tinh", 99, 0.34, []),
    ("Hưng Yên", "tinh", 104, 0.11, []),
    ("Ninh Bình", "tinh", 129, 0.25, []),
    ("Quảng Trị", "tinh", 78, 0.10, ["Cồn Cỏ"]),
    ("Quảng Ngãi", "tinh", 96, 0.10, ["Lý Sơn"]),
    ("Gia Lai", "tinh", 135, 0.18, []),
    ("Đắk Lắk", "tinh", 102, 0.12, []),
    ("Khánh Hòa", "tinh", 65, 0.25, []),
    ("Lâm Đồng", "tinh", 124, 0.16, ["Phú Quý"]),
    ("Đồng Nai", "tinh", 95, 0.24, []),
    ("Tây Ninh", "tinh", 96, 0.14, []),
    ("Vĩnh Long", "tinh", 124, 0.15, []),
    ("Đồng Tháp", "tinh", 102, 0.20, []),
    ("Cà Mau", "tinh", 64, 0.14, []),
    ("An Giang", "tinh", 102, 0.14, ["Phú Quốc", "Kiên Hải", "Thổ Châu"]),
    ("Lai Châu", "tinh", 38, 0.05, []),
    ("Điện Biên", "tinh", 45, 0.07, []),
    ("Sơn La", "tinh", 75, 0.11, []),
    ("Lạng Sơn", "tinh", 65, 0.06, []),
    ("Cao Bằng", "tinh", 56, 0.07, []),
    ("Quảng Ninh", "tinh", 54, 0.56, ["Vân Đồn", "Cô Tô"]),
    ("Thanh Hóa", "tinh", 166, 0.12, []),
    ("Nghệ An", "tinh", 130, 0.09, []),
    ("Hà Tĩnh", "tinh", 69, 0.13, []),
]
COMMUNES_AT_10K = 3321  # real number of commune-level units; 10,000 plans ≈ 3 per commune

FIRST = ("Tân An Phú Bình Hòa Long Thạnh Vĩnh Hưng Phước Mỹ Đông Tây Nam Bắc Trung Hiệp Quang "
         "Minh Đức Thuận Lộc Phúc Khánh Xuân Hồng Kim Ngọc Thanh Lạc Yên Định Nghĩa Hải Sơn Hà "
         "Cẩm Tiên Quảng Diễn Thiệu Hoằng Nga Kỳ Cam Đại Tam Gia Lương Thái Văn Triệu Việt Hợp "
         "Liên Chiến Đồng Cát Tuy Châu Ninh Thủy Lâm Trường Thắng Vạn Thịnh Hoài Quỳnh").split()
SECOND = ("Phú Hòa An Bình Lợi Thạnh Hưng Lộc Phước Thọ Điền Sơn Hải Giang Lâm Trung Thành Tiến "
          "Thắng Lập Xuân Đông Tây Nam Bắc Hà Quý Vinh Mỹ Long Khánh Thuận Hiệp Đức Nghĩa Tân "
          "Dương Phong Cường Lạc Yên Định Châu Hội Hồng Kiều Ninh Trạch Tường Quang Minh Hợp "
          "Thủy Tài Trà Sang Uyên Khê Lễ Mai Đào Cầu Tú").split()
THIRD = "Đông Tây Nam Bắc Thượng Hạ Trung".split()

SURNAMES = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trịnh".split()
MIDDLE = "Văn Thị Đức Minh Quang Thanh Hữu Ngọc Xuân Thu Công Kim".split()
GIVEN = ("Hạnh Tuy Hùng Dũng Lan Hương Thắng Tuấn Hải Bình Nam Phương Hoa Sơn Long Trang Hà Tâm "
         "Vinh Cường Quyết Thảo Yến Khoa Đạt Hiếu").split()

AREA_OFFICES = {
    "the-che": ["Văn phòng HĐND và UBND {k}", "Phòng Văn hóa - Xã hội"],
    "thu-tuc-hanh-chinh": ["Trung tâm Phục vụ hành chính công {k}", "Văn phòng HĐND và UBND {k}"],
    "to-chuc-bo-may": ["Phòng Văn hóa - Xã hội", "Văn phòng HĐND và UBND {k}"],
    "che-do-cong-vu": ["Phòng Văn hóa - Xã hội"],
    "tai-chinh-cong": ["Phòng Kinh tế", "Phòng Kinh tế - Hạ tầng và Đô thị"],
    "chinh-quyen-so": ["Phòng Văn hóa - Xã hội", "Trung tâm Phục vụ hành chính công {k}",
                       "Trung tâm Dịch vụ Sự nghiệp công"],
    "chi-dao-dieu-hanh": ["Phòng Văn hóa - Xã hội", "Văn phòng HĐND và UBND {k}"],
}
PARTNERS = ["Các cơ quan, đơn vị liên quan", "Các phòng chuyên môn thuộc UBND {k}",
            "Trung tâm Phục vụ hành chính công {k}", "Văn phòng HĐND và UBND {k}",
            "Phòng Kinh tế", "Phòng Văn hóa - Xã hội", "Trung tâm Dịch vụ Sự nghiệp công",
            "Công an {k}", "Ủy ban Mặt trận Tổ quốc Việt Nam {k}", "Các thôn, tổ dân phố"]
FUNDINGS = [
    "Nguồn kinh phí bảo đảm cho công tác cải cách hành chính thuộc Kế hoạch này được bố trí trong dự toán hàng năm theo phân cấp ngân sách hiện hành và các nguồn kinh phí khác theo quy định của pháp luật.",
    "Kinh phí thực hiện Kế hoạch được bố trí trong nguồn kinh phí cải cách hành chính nhà nước năm {y} của {k}.",
    "Nguồn ngân sách {k} được phê duyệt theo dự toán hàng năm",
]
NATIONAL_BASES = [
    "Luật Tổ chức chính quyền địa phương ngày 16/6/2025",
    "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030",
    "Quyết định số 282/QĐ-TTg ngày 12/02/2026 của Thủ tướng Chính phủ ban hành Kế hoạch cải cách hành chính nhà nước trọng tâm giai đoạn 2026-2030",
    "Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa và Cổng Dịch vụ công quốc gia",
]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()

# ---------------------------------------------------------------------------------------------
# Text helpers


def fold(text):
    """ASCII slug: lowercase, no tone marks, đ → d, runs of other characters → '-'."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


PLAIN_OK = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*$")
AMBIGUOUS = re.compile(r"^(?:y|n|yes|no|on|off|true|false|null|~|[-+]?[0-9][0-9_.:eE+-]*)$", re.I)


def scalar(value):
    """A YAML scalar both serde_yaml and Hugo read as the same string or number."""
    if isinstance(value, bool):
        raise TypeError("no booleans in the corpus")
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if (PLAIN_OK.match(text) and ": " not in text and " #" not in text and not text.endswith(":")
            and not AMBIGUOUS.match(text) and text == text.strip()
            and not any(c in text for c in "[]{}")):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow_item(value):
    """A scalar inside a flow list `[…]`: commas would split it, so quote them."""
    text = scalar(value)
    return text if "," not in text or text.startswith('"') else '"' + text.replace('"', '\\"') + '"'


def date_scalar(date):
    return date  # YYYY-MM-DD, plain: a date for planportal, a string for Hugo


# ---------------------------------------------------------------------------------------------
# A small YAML reader for the front matter of the real plans and the catalogues (block mappings
# and sequences, flow lists and maps of scalars, quoted and plain scalars, comments): enough for
# the files of this repository, without depending on PyYAML.


def _strip_comment(line):
    out, quote = [], None
    for i, c in enumerate(line):
        if quote:
            if c == quote:
                quote = None
        elif c in "'\"" and (i == 0 or line[i - 1] in " [{,:"):
            quote = c
        elif c == "#" and (i == 0 or line[i - 1] == " "):
            break
        out.append(c)
    return "".join(out).rstrip()


def _split_flow(text):
    items, depth, quote, current = [], 0, None, []
    for c in text:
        if quote:
            current.append(c)
            if c == quote:
                quote = None
            continue
        if c in "'\"":
            quote = c
        elif c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
        elif c == "," and depth == 0:
            items.append("".join(current).strip())
            current = []
            continue
        current.append(c)
    if "".join(current).strip():
        items.append("".join(current).strip())
    return items


def _scalar(text):
    text = text.strip()
    if text.startswith("["):
        return [_scalar(item) for item in _split_flow(text[1:-1])]
    if text.startswith("{"):
        result = {}
        for item in _split_flow(text[1:-1]):
            key, _, value = item.partition(":")
            result[_scalar(key)] = _scalar(value)
        return result
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'")
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return re.sub(r'\\(.)', r'\1', text[1:-1])
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d+\.\d+", text):
        return float(text)
    return text


def _key_value(text):
    match = re.match(r"""^('[^']*'|"[^"]*"|[^:'"]+?):(?:\s+(.*))?$""", text)
    if not match:
        return None
    return _scalar(match.group(1)), (match.group(2) or "").strip()


def parse_yaml(text):
    lines = []
    for raw in text.split("\n"):
        line = _strip_comment(raw)
        if line.strip():
            lines.append((len(line) - len(line.lstrip(" ")), line.strip()))
    value, end = _block(lines, 0, lines[0][0] if lines else 0)
    assert end == len(lines), f"unparsed YAML from line {end}: {lines[end]}"
    return value


def _block(lines, i, indent):
    if lines[i][1].startswith("- ") or lines[i][1] == "-":
        items = []
        while i < len(lines) and lines[i][0] == indent and lines[i][1].startswith("-"):
            rest = lines[i][1][1:].strip()
            kv = _key_value(rest) if not rest.startswith(("'", '"', "[", "{")) or re.match(
                r"""^('[^']*'|"[^"]*"):""", rest) else None
            if kv is None:
                items.append(_scalar(rest))
                i += 1
                continue
            # A mapping whose first key is on the dash line; its other keys are indented further.
            lines[i] = (indent + 2, rest)
            value, i = _block(lines, i, indent + 2)
            items.append(value)
        return items, i
    mapping = {}
    while i < len(lines) and lines[i][0] == indent and not lines[i][1].startswith("- "):
        key, rest = _key_value(lines[i][1])
        i += 1
        if rest:
            mapping[key] = _scalar(rest)
        elif i < len(lines) and (lines[i][0] > indent or (
                lines[i][0] == indent and lines[i][1].startswith("- "))):
            mapping[key], i = _block(lines, i, lines[i][0])
        else:
            mapping[key] = None
    return mapping, i


def split_front_matter(text):
    assert text.startswith("---\n")
    end = text.index("\n---\n", 4)
    return text[4:end], text[end + 5:]


# ---------------------------------------------------------------------------------------------
# Material from the repository: catalogues, real plans (targets, tasks, body blocks).

TOPICS = ["muc-dich", "the-che", "thu-tuc-hanh-chinh", "to-chuc-bo-may", "che-do-cong-vu",
          "tai-chinh-cong", "chinh-quyen-so", "chi-dao-dieu-hanh", "giai-phap", "kinh-phi",
          "to-chuc-thuc-hien"]
AREA_RULES = [
    ("the-che", r"thể chế"),
    ("thu-tuc-hanh-chinh", r"thủ tục hành chính"),
    ("to-chuc-bo-may", r"tổ chức bộ máy"),
    ("che-do-cong-vu", r"chế độ công vụ"),
    ("tai-chinh-cong", r"tài chính công"),
    ("chinh-quyen-so", r"điện tử|chính phủ số|chính quyền số|dữ liệu số"),
    ("chi-dao-dieu-hanh", r"chỉ đạo, điều hành"),
]
OTHER_RULES = [
    ("kinh-phi", r"kinh phí"),
    ("to-chuc-thuc-hien", r"tổ chức thực hiện"),
    ("giai-phap", r"giải pháp|nhiệm vụ trọng tâm"),
    ("muc-dich", r"mục đích|mục tiêu|yêu cầu"),
]
# Names in the real texts, replaced by the generated commune's and province's.
REAL_COMMUNES = ["Nam An Phụ", "Tuệ Tĩnh", "An Biên", "Lộc Tân"]


def load_catalogue(path):
    """A catalogue's entries: the file is the list, or a mapping with one key holding it."""
    with open(path, encoding="utf-8") as f:
        value = parse_yaml(f.read())
    if isinstance(value, dict):
        (value,) = value.values()
    return value


def real_plans():
    plans = []
    for folder, dirs, files in os.walk(os.path.join(ROOT, "content")):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".md") and name != "_index.md":
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    fm, body = split_front_matter(f.read())
                plans.append((os.path.join(folder, name), parse_yaml(fm), body))
    return plans


def topic_of(headings):
    """The topic of a block from its headings (innermost last): a reform area named in any of
    them, else the kind of section; None for the targets' sections (the corpus writes its own)."""
    if not headings or re.search(r"chỉ tiêu", headings[-1].lower()):
        return None
    for rules in (AREA_RULES, OTHER_RULES):
        for heading in reversed(headings):
            for topic, pattern in rules:
                if re.search(pattern, heading.lower()):
                    return topic
    return None


def sentences(text):
    parts = re.split(r"(?<=[.;])\s+(?=[A-ZĐÀ-Ỹ])", text)
    return [p.strip() for p in parts if len(p.strip()) > 40]


class Material:
    def __init__(self):
        self.areas = load_catalogue(os.path.join(ROOT, "data", "areas.yaml"))
        self.indicators = load_catalogue(os.path.join(ROOT, "data", "indicators.yaml"))
        self.area_ids = [a["id"] for a in sorted(self.areas, key=lambda a: a["order"])]
        self.indicator_by_id = {i["id"]: i for i in self.indicators}
        self.templates = {}  # indicator id -> [(template with {v}, op)]
        self.real_values = {}
        self.tasks = []
        self.blocks = {t: [] for t in TOPICS}
        for path, fm, body in real_plans():
            for target in fm.get("targets") or []:
                self._template(target)
            for task in fm.get("tasks") or []:
                if task.get("area") in self.area_ids:
                    self.tasks.append(task)
            for topic, kind, text in self._blocks(body):
                self.blocks[topic].append((kind, text))
        # Sentences of paragraphs and list items, to recombine once a topic's blocks are used up.
        self.sentences = {t: [s for kind, text in self.blocks[t]
                              for line in text.split("\n")
                              for s in sentences(re.sub(r"^\s*[-+]\s+", "", line))] for t in TOPICS}
        for topic in TOPICS:
            if not self.blocks[topic]:
                raise SystemExit(f"no text for topic {topic} in content/")

    def _blocks(self, body):
        out = []
        headings = []
        current = []
        in_plan = False

        def flush():
            if current:
                text = "\n".join(current)
                topic = topic_of([h[1] for h in headings])
                kind = "list" if current[0].startswith("- ") else "para"
                if in_plan and topic and "Kèm theo" not in text:
                    out.append((topic, kind, strip_label(text) if kind == "para" else text))
                current.clear()

        for line in body.split("\n"):
            heading = re.match(r"^(#+)\s+(.*)$", line)
            if heading:
                flush()
                level = len(heading.group(1))
                while headings and headings[-1][0] >= level:
                    headings.pop()
                headings.append((level, heading.group(2).strip()))
                title = heading.group(2).strip().lower()
                if title in ("quyết định", "phụ lục"):
                    in_plan = False
                elif re.match(r"^[ivx]+\.\s", title):
                    in_plan = True
                continue
            is_list = line.startswith("- ") or line.startswith("  ")
            if not line.strip():
                flush()
                continue
            if current and is_list != current[0].startswith("- "):
                flush()
            current.append(line)
            if not is_list:
                flush()
        flush()
        return out

    def _template(self, target):
        indicator, value, quote = target["indicator"], target["value"], target.get("quote")
        self.real_values.setdefault(indicator, []).append(value)
        if not quote or indicator not in self.indicator_by_id:
            return
        number = re.escape(format_value(value))
        hits = list(re.finditer(rf"(?<![\d.,]){number}(?![\d.,])", quote))
        if len(hits) != 1:
            return
        template = quote[:hits[0].start()] + "{v}" + quote[hits[0].end():]
        entry = (template, target.get("op", ">="))
        if entry not in self.templates.setdefault(indicator, []):
            self.templates[indicator].append(entry)


def strip_label(text):
    """Drops the a), b), 1. numbering of a real paragraph (it is renumbered where it lands)."""
    return re.sub(r"^(?:[a-zđ]\)|\d+\.)\s+", "", text)


def format_value(value):
    return str(int(value)) if float(value).is_integer() else str(value)


# ---------------------------------------------------------------------------------------------
# The corpus


class Names:
    def __init__(self, rng):
        self.rng = rng
        self.used = set()

    def commune(self):
        for _ in range(1000):
            a, b = self.rng.choice(FIRST), self.rng.choice(SECOND)
            if fold(a) == fold(b):
                continue
            name = f"{a} {b}"
            if self.rng.random() < 0.18:
                c = self.rng.choice(THIRD)
                if fold(c) in (fold(a), fold(b)):
                    continue
                name += " " + c
            if fold(name) not in self.used:
                self.used.add(fold(name))
                return name
        raise SystemExit("ran out of commune names")

    def reserve(self, name):
        if fold(name) in self.used:
            return False
        self.used.add(fold(name))
        return True

    def person(self):
        return f"{self.rng.choice(SURNAMES)} {self.rng.choice(MIDDLE)} {self.rng.choice(GIVEN)}"


def apportion(total, weights):
    """Largest remainder: integers proportional to weights, summing to total, at least 1 each."""
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    counts = [max(1, int(r)) for r in raw]
    order = sorted(range(len(weights)), key=lambda i: (-(raw[i] - int(raw[i])), i))
    k = 0
    while sum(counts) < total:
        counts[order[k % len(order)]] += 1
        k += 1
    k = 0
    while sum(counts) > total:
        i = order[-1 - (k % len(order))]
        if counts[i] > 1:
            counts[i] -= 1
        k += 1
    return counts


def build_geography(plans, rng):
    communes_total = max(1, round(plans * COMMUNES_AT_10K / 10000))
    counts = apportion(communes_total, [p[2] for p in PROVINCES]) if communes_total >= len(
        PROVINCES) else [1 if i < communes_total else 0 for i in range(len(PROVINCES))]
    names = Names(rng)
    for zone in sorted(z for p in PROVINCES for z in p[4]):  # never generated as a commune's name
        names.reserve(zone)
    provinces = []
    for (name, kind, real, phuong_share, zones), count in zip(PROVINCES, counts):
        if count == 0:
            continue
        communes = []
        # Special zones only where the province has room for them (their share of the real list).
        zone_count = min(len(zones), round(count * len(zones) / real + 0.3))
        for zone in zones[:zone_count]:
            communes.append({"name": zone, "kind": "dac-khu"})
        while len(communes) < count:
            kind_c = "phuong" if rng.random() < phuong_share else "xa"
            communes.append({"name": names.commune(), "kind": kind_c})
        for commune in communes:
            commune["slug"] = fold(commune["name"])
        provinces.append({"name": name, "kind": kind, "slug": fold(name), "communes": communes})
    # Plans per commune: 3, some 2 and some 4, summing to `plans`.
    all_communes = [c for p in provinces for c in p["communes"]]
    per = [3] * len(all_communes)
    extra = plans - 3 * len(all_communes)
    order = list(range(len(all_communes)))
    rng.shuffle(order)
    twos = max(0, round(len(all_communes) * 0.12))
    fours = twos + extra
    if fours < 0:
        twos, fours = twos - fours, 0
    if twos + fours > len(order):  # tiny corpora
        twos, fours = (0, extra) if extra >= 0 else (-extra, 0)
    for i in order[:twos]:
        per[i] = 2
    for i in order[twos:twos + fours]:
        per[i] = 4
    assert sum(per) == plans or len(all_communes) * 4 < plans, (sum(per), plans)
    for commune, n in zip(all_communes, per):
        commune["plans"] = n
    return provinces, names


class Commune:
    """Names and the words that replace those of the real texts."""

    def __init__(self, province, commune):
        self.name = commune["name"]
        self.kind = commune["kind"]
        self.word = {"xa": "xã", "phuong": "phường", "dac-khu": "đặc khu"}[self.kind]
        self.Word = self.word[0].upper() + self.word[1:]
        self.province = province["name"]
        self.pword = "thành phố" if province["kind"] == "thanh-pho" else "tỉnh"
        self.full = f"{self.word} {self.name}"
        replacements = {}
        for real in REAL_COMMUNES:
            for w in ("xã", "phường", "Xã", "Phường"):
                replacements[f"{w} {real}"] = self.full if w.islower() else f"{self.Word} {self.name}"
            replacements[real.upper()] = self.name.upper()
            replacements[real] = self.name
        for w in ("xã", "phường"):
            for phrase in ("nhân dân {w}", "UBND {w}", "của {w}", "tại {w}", "Cổng TTĐT {w}"):
                p = phrase.format(w=w)
                replacements[p] = phrase.format(w=self.word)
        replacements["thành phố Hải Phòng"] = f"{self.pword} {self.province}"
        replacements["Hải Phòng"] = self.province
        for phrase in ("nhân dân thành phố", "UBND thành phố", "của thành phố", "VP UBND thành phố",
                       "Chủ tịch Ủy ban nhân dân thành phố"):
            replacements[phrase] = phrase.replace("thành phố", self.pword)
        keys = sorted(replacements, key=lambda k: (-len(k), k))
        # "của xã hội" is not "của xã": never replace before "hội".
        self._pattern = re.compile("(?:" + "|".join(re.escape(k) for k in keys) + ")(?! [hH]ội)")
        self._replacements = replacements

    def text(self, text):
        return self._pattern.sub(lambda m: self._replacements[m.group(0)], text)


def pick_value(rng, indicator, material):
    unit = indicator["unit"]
    real = material.real_values.get(indicator["id"], [])
    if unit != "%":
        low = min(real) if real else 2
        return rng.randint(max(1, low - 1), max(low, 3) + 1)
    if real and max(real) < 60:
        base = max(real)
        step = 5
        return rng.choice([v for v in range(step, min(60, base * 2) + 1, step)] or [base])
    return rng.choice([50, 60, 70, 75, 80, 85, 90, 90, 95, 95, 98, 100, 100, 100, 100])


OP_WORDS = {">=": "tối thiểu ", "=": "", ">": "trên ", "<=": "không quá ", "<": "dưới "}
OP_SIGNS = {">=": "≥", "=": "=", ">": ">", "<=": "≤", "<": "<"}


def unit_text(value, unit):
    return f"{value}%" if unit == "%" else f"{unit} {value}" if unit == "cấp độ" else f"{value} {unit}"


def make_targets(rng, material, plan, commune):
    """8–20 targets on distinct indicators, with quotes that the body will contain."""
    count = rng.randint(8, 20)
    ids = sorted(material.indicator_by_id)
    chosen = rng.sample(ids, count)
    targets = []
    start, end = plan["period"]
    for indicator_id in chosen:
        indicator = material.indicator_by_id[indicator_id]
        value = pick_value(rng, indicator, material)
        templates = material.templates.get(indicator_id, [])
        if templates and rng.random() < 0.75:
            template, op = rng.choice(templates)
        else:
            template = None
            op = "=" if value == 100 or rng.random() < 0.4 else ">="
        if op not in OP_WORDS:
            op = ">="
        if op != "=" and value == 100 and indicator["unit"] == "%":
            value = rng.choice([90, 95, 98])  # "at least 100%" is not what plans write
        if template:
            quote = template.replace("{v}", str(value))
        else:
            quote = f"{indicator['name']} đạt {OP_WORDS[op]}{unit_text(value, indicator['unit'])}"
        quote = commune.text(quote)
        target = {"indicator": indicator_id, "value": value, "op": op}
        if end > start and rng.random() < 0.35:
            # Staged like Tuệ Tĩnh's plan: 2026–2027, then 2028–2030.
            if rng.random() < 0.5:
                target["from"], target["year"] = start, start + 1
            else:
                target["from"], target["year"] = start + 2, end
        else:
            target["year"] = end if rng.random() < 0.85 else min(end + rng.randint(0, 4), 2030)
        target["quote"] = quote
        targets.append(target)
    return targets


def due_text(rng, start, end):
    y = rng.randint(start, end)
    forms = [
        lambda: f"Năm {y}", lambda: f"Quý {rng.choice(['I', 'II', 'III', 'IV'])}/{y}",
        lambda: "Thường xuyên", lambda: "Hằng năm", lambda: f"Cả năm {y}",
        lambda: f"Trước ngày {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{y}",
        lambda: f"Tháng {rng.randint(1, 12)}/{y}", lambda: f"6 tháng đầu năm {y}",
        lambda: f"Quý {rng.choice(['I', 'II', 'III', 'IV'])} năm {y}",
        lambda: f"Giai đoạn {start} - {end}" if end > start else f"Tháng 7-9/{y}",
        lambda: "Theo chỉ đạo của cấp trên", lambda: "Định kỳ hằng quý",
    ]
    return rng.choice(forms)()


def make_tasks(rng, material, plan, commune, detailed):
    count = rng.randint(30, 60)
    pool = material.tasks
    # Plans with many tasks have terser rows (so that the front matter stays within 10–20 KB):
    # draw from the shortest real rows, fewer of them the more tasks the plan has.
    by_size = sorted(range(len(pool)), key=lambda i: (len(str(pool[i]["content"])) + len(
        str(pool[i].get("output", ""))), i))
    keep = max(20, int(len(pool) * (1.0 - 0.8 * (count - 30) / 30)))
    candidates = by_size[:keep]
    picks = sorted(rng.sample(candidates, min(count, len(candidates))))
    while len(picks) < count:
        picks.append(rng.choice(candidates))
    start, end = plan["period"]
    rows = []
    for index in picks:
        real = pool[index]
        area = real["area"]
        task = {"area": area}
        if detailed and real.get("objective"):
            task["objective"] = commune.text(real["objective"])
        if detailed and real.get("duty"):
            task["duty"] = commune.text(real["duty"])
        task["content"] = commune.text(str(real["content"])).replace("2026", str(start))
        if real.get("output") and rng.random() < 0.85:
            task["output"] = commune.text(str(real["output"]))
        task["lead"] = rng.choice(AREA_OFFICES[area]).format(k=commune.word)
        partners = rng.sample(PARTNERS, rng.choice([1, 1, 1, 2, 2, 3]))
        task["partners"] = [p.format(k=commune.word) for p in partners if p.format(
            k=commune.word) != task["lead"]] or ["Các cơ quan, đơn vị liên quan"]
        task["due"] = due_text(rng, start, end)
        if detailed and rng.random() < 0.5:
            task["funding"] = FUNDINGS[2].format(k=commune.word)
        rows.append(task)
    rows.sort(key=lambda t: material.area_ids.index(t["area"]))
    numbered = []
    group, sub = 0, 0
    last = None
    for task in rows:
        if task["area"] != last:
            group, sub, last = group + 1, 0, task["area"]
        sub += 1
        numbered.append({"no": f"{ROMAN[group - 1]}.{sub}", **task})
    return numbered


def yaml_front_matter(plan, hugo=False):
    out = ["---"]
    add = out.append
    add(f"title: {scalar(plan['title'])}")
    add(f"kind: {plan['kind']}")
    add(f"period: {{from: {plan['period'][0]}, to: {plan['period'][1]}}}")
    if plan.get("status"):
        add(f"status: {plan['status']}")
    add(f"issuer: {scalar(plan['issuer'])}")
    add(f"summary: {scalar(plan['summary'])}")
    decision = plan["decision"]
    add("decision:")
    add(f"  number: {scalar(decision['number'])}")
    add(f"  date: {date_scalar(decision['date'])}")
    add(f"  effective: {date_scalar(decision['effective'])}")
    add(f"  signer: {scalar(decision['signer'])}")
    add(f"  signer_title: {scalar(decision['signer_title'])}")
    add("legal_bases:")
    for basis in plan["legal_bases"]:
        add(f"  - {scalar(basis)}")
    if plan.get("replaces"):
        add("replaces: [" + ", ".join(scalar(r) for r in plan["replaces"]) + "]")
    add(f"standing_office: {scalar(plan['standing_office'])}")
    add(f"funding: {scalar(plan['funding'])}")
    add("targets:")
    for t in plan["targets"]:
        add(f"  - indicator: {t['indicator']}")
        add(f"    value: {t['value']}")
        add(f"    op: \"{t['op']}\"")
        if "from" in t:
            add(f"    from: {t['from']}")
        add(f"    year: {t['year']}")
        add(f"    quote: {scalar(t['quote'])}")
    add("tasks:")
    for task in plan["tasks"]:
        add(f"  - \"no\": \"{task['no']}\"")
        for key in ("area", "objective", "duty", "content", "output", "lead"):
            if key in task:
                add(f"    {key}: {scalar(task[key])}")
        if len(task["partners"]) == 1:
            add(f"    partners: [{flow_item(task['partners'][0])}]")
        else:
            add("    partners:")
            for partner in task["partners"]:
                add(f"      - {scalar(partner)}")
        add(f"    due: {scalar(task['due'])}")
        if "funding" in task:
            add(f"    funding: {scalar(task['funding'])}")
    if hugo:
        # Hugo's own date (feed order, like planportal's Atom feed) and the taxonomy of the
        # indicators the plan's targets use (see write_hugo).
        add(f"date: {date_scalar(decision['date'])}")
        ids = []
        for t in plan["targets"]:
            if t["indicator"] not in ids:
                ids.append(t["indicator"])
        add("indicators: [" + ", ".join(ids) + "]")
    add("---")
    return "\n".join(out) + "\n"


def vn_date(iso):
    y, m, d = iso.split("-")
    return f"{int(d)}/{int(m)}/{y}"


def make_body(rng, material, plan, commune):
    target_size = rng.randint(25_500, 39_000)
    start, end = plan["period"]
    period_text = f"năm {start}" if start == end else f"giai đoạn {start} - {end}"
    decision = plan["decision"]
    parts = []
    add = parts.append
    add(f"(Kèm theo Quyết định số {decision['number']} ngày {vn_date(decision['date'])} "
        f"của Ủy ban nhân dân {commune.full})")
    if plan["kind"] != "phu-luc" or rng.random() < 0.5:
        add("## QUYẾT ĐỊNH")
        add(f"Về việc ban hành {plan['title'][0].lower()}{plan['title'][1:]}")
        add(f"CHỦ TỊCH ỦY BAN NHÂN DÂN {commune.full.upper()}")
        for basis in plan["legal_bases"]:
            add(f"Căn cứ {basis};")
        add(f"Theo đề nghị của Trưởng phòng Văn hóa - Xã hội {commune.word}.")
        add("QUYẾT ĐỊNH:")
        add(f"Điều 1. Ban hành kèm theo Quyết định này {plan['title']}.")
        add("Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký"
            + (f" và thay thế Quyết định số {plan['replaces'][0]}." if plan.get("replaces") else "."))
        add(f"Điều 3. Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {commune.word}, Trưởng "
            f"các phòng: Văn hóa - Xã hội, Kinh tế, Giám đốc Trung tâm Phục vụ hành chính công "
            f"{commune.word}; Thủ trưởng các cơ quan, đơn vị liên quan chịu trách nhiệm thi hành "
            f"Quyết định này./.")
        add("Nơi nhận:")
        add(f"- Như Điều 3;\n- UBND {commune.pword};\n- Sở Nội vụ;\n- TT Đảng ủy, HĐND "
            f"{commune.word};\n- Lãnh đạo UBND {commune.word};\n- Lưu: VT, VHXH.")
        add(decision["signer_title"].upper())
        add(decision["signer"])
    add("## KẾ HOẠCH")
    add(f"Cải cách hành chính nhà nước {commune.full} {period_text}")
    add(f"Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình "
        f"tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030; Ủy ban nhân dân {commune.full} "
        f"ban hành Kế hoạch cải cách hành chính nhà nước {period_text} với các nội dung cụ thể như sau:")
    # Sections: purpose, targets (quotes and a table), one per reform area, solutions, funding,
    # organisation. Their text is drawn from the real plans' blocks of the same topic, a block at a
    # time in proportion to how much text each topic has, until the body reaches its size.
    targets_md = targets_section(plan, commune, material)
    total = sum(len(p.encode()) + 2 for p in parts) + len(targets_md.encode())
    pools = {t: list(material.blocks[t]) for t in TOPICS}
    for t in TOPICS:
        rng.shuffle(pools[t])
    weights = [sum(len(b[1].encode()) for b in material.blocks[t]) for t in TOPICS]
    sections = {t: [] for t in TOPICS}
    for topic in TOPICS:
        text = next_block(rng, material, pools, topic, commune, 0)
        sections[topic].append(text)
        total += len(text.encode()) + 2
    skipped = 0
    while total < target_size and skipped < 50:
        topic = rng.choices(TOPICS, weights)[0]
        text = next_block(rng, material, pools, topic, commune, len(sections[topic]))
        if total + len(text.encode()) > target_size + 800:
            skipped += 1  # too long to fit: try another block
            continue
        sections[topic].append(text)
        total += len(text.encode()) + 2
    text = {t: "\n\n".join(blocks) for t, blocks in sections.items()}
    area_names = {a["id"]: a["name"] for a in material.areas}
    roman = iter(ROMAN)
    add(f"## {next(roman)}. MỤC ĐÍCH, YÊU CẦU")
    add(text["muc-dich"])
    add(f"## {next(roman)}. MỤC TIÊU, CHỈ TIÊU")
    add(targets_md)
    add(f"## {next(roman)}. NHIỆM VỤ, GIẢI PHÁP")
    for i, area in enumerate(material.area_ids, 1):
        add(f"### {i}. {area_names[area]}")
        add(text[area])
    add(f"### {len(material.area_ids) + 1}. Giải pháp thực hiện")
    add(text["giai-phap"])
    add(f"## {next(roman)}. KINH PHÍ")
    add(plan["funding"])
    add(text["kinh-phi"])
    add(f"## {next(roman)}. TỔ CHỨC THỰC HIỆN")
    add(text["to-chuc-thuc-hien"])
    add(f"Trong quá trình tổ chức thực hiện Kế hoạch này, nếu phát sinh các nội dung, nhiệm vụ cần "
        f"sửa đổi, bổ sung; các cơ quan, đơn vị báo cáo Ủy ban nhân dân {commune.word} (qua "
        f"{plan['standing_office']}) xem xét, quyết định./.")
    return "\n\n".join(parts) + "\n"


def next_block(rng, material, pools, topic, commune, index):
    """The next paragraph or list of a topic: a real block not used yet in this plan, then
    paragraphs recombined from the topic's sentences. Paragraphs get a), b)… labels as in the real
    plans, and now and then a small heading."""
    if pools[topic]:
        kind, text = pools[topic].pop()
    else:
        pool = material.sentences[topic] or material.sentences["giai-phap"]
        kind, text = "para", " ".join(rng.sample(pool, min(len(pool), rng.randint(2, 4))))
    text = commune.text(text)
    if kind == "para" and index < len(LETTERS) and rng.random() < 0.5:
        text = f"{LETTERS[index]}) {text}"
    if kind == "para" and index > 0 and rng.random() < 0.12:
        heading = rng.choice(["Mục tiêu", "Nhiệm vụ", "Giải pháp", "Yêu cầu", "Nội dung"])
        text = f"#### {heading}\n\n{text}"
    return text


def targets_section(plan, commune, material):
    lines = [f"Trong {'năm ' + str(plan['period'][0]) if plan['period'][0] == plan['period'][1] else 'giai đoạn ' + str(plan['period'][0]) + ' - ' + str(plan['period'][1])}, {commune.full} phấn đấu đạt các chỉ tiêu sau:"]
    staged = {}
    for t in plan["targets"]:
        key = (t.get("from"), t["year"]) if "from" in t else None
        staged.setdefault(key, []).append(t)
    blocks = ["\n\n".join(lines)]
    for key in sorted(staged, key=lambda k: (k is not None, k or (0, 0))):
        items = []
        if key:
            blocks.append(f"### Giai đoạn {key[0]} - {key[1]}")
        for t in staged[key]:
            quote = t["quote"]
            if quote[0].islower():
                items.append(f"- Phấn đấu {quote}.")
            else:
                items.append(f"- {quote}.")
        blocks.append("\n".join(items))
    table = ["| STT | Chỉ tiêu | Mức phấn đấu | Thời hạn |", "|---|---|---|---|"]
    for n, t in enumerate(plan["targets"], 1):
        indicator = material.indicator_by_id[t["indicator"]]
        when = f"{t['from']} - {t['year']}" if "from" in t else f"Năm {t['year']}"
        table.append(f"| {n} | {indicator['short']} | {OP_SIGNS[t['op']]} "
                     f"{unit_text(t['value'], indicator['unit'])} | {when} |")
    blocks.append("Bảng tổng hợp các chỉ tiêu chủ yếu:")
    blocks.append("\n".join(table))
    return "\n\n".join(blocks)


def make_plans(rng, material, province, commune_data, names):
    commune = Commune(province, commune_data)
    count = commune_data["plans"]
    signer = names.person()
    title_word = "Chủ tịch" if rng.random() < 0.7 else "Phó Chủ tịch"
    province_decision = f"{rng.randint(100, 5999)}/QĐ-UBND"
    numbers = rng.sample(range(1, 999), 4)
    specs = [("ke-hoach-cchc-2026-2030", "ke-hoach", (2026, 2030)),
             ("ke-hoach-cchc-2026", "ke-hoach", (2026, 2026))]
    if count >= 3:
        specs.append(("phu-luc-nhiem-vu-cchc-2026", "phu-luc", (2026, 2026)) if rng.random() < 0.7
                     else ("bao-cao-cchc-6-thang-2026", "bao-cao", (2026, 2026)))
    if count >= 4:
        specs.append(("ke-hoach-cchc-2026-dieu-chinh", "ke-hoach", (2026, 2026)))
    plans = []
    for i, (slug, kind, period) in enumerate(specs):
        start, end = period
        period_text = f"năm {start}" if start == end else f"giai đoạn {start}-{end}"
        if kind == "ke-hoach" and slug.endswith("dieu-chinh"):
            title = f"Kế hoạch cải cách hành chính nhà nước {commune.full} năm {start} (điều chỉnh, bổ sung)"
            date = f"{start}-{rng.randint(3, 9):02d}-{rng.randint(1, 28):02d}"
        elif kind == "ke-hoach" and end > start:
            title = rng.choice([
                f"Kế hoạch cải cách hành chính nhà nước trọng tâm giai đoạn {start} – {end} của {commune.full}",
                f"Kế hoạch thực hiện Chương trình tổng thể cải cách hành chính nhà nước {commune.full} giai đoạn {start}-{end}"])
            date = f"{start - 1}-{rng.randint(9, 12):02d}-{rng.randint(1, 28):02d}" if rng.random() < 0.4 \
                else f"{start}-{rng.randint(2, 5):02d}-{rng.randint(1, 28):02d}"
        elif kind == "ke-hoach":
            title = f"Kế hoạch cải cách hành chính nhà nước {commune.full} năm {start}"
            date = f"{start - 1}-12-{rng.randint(15, 31)}" if rng.random() < 0.5 \
                else f"{start}-01-{rng.randint(2, 20):02d}"
        elif kind == "phu-luc":
            title = f"Phụ lục: Nhiệm vụ triển khai Kế hoạch cải cách hành chính nhà nước {commune.full} năm {start}"
            date = f"{start}-01-{rng.randint(2, 25):02d}"
        else:
            title = f"Báo cáo kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm {start} và nhiệm vụ 6 tháng cuối năm của {commune.full}"
            date = f"{start}-06-{rng.randint(10, 28):02d}"
        plan = {
            "slug": slug, "kind": kind, "period": period, "title": title,
            "status": "hieu-luc" if rng.random() < 0.92 else None,
            "issuer": f"Ủy ban nhân dân {commune.full}",
            "summary": f"Ban hành {title[0].lower()}{title[1:]}" if kind != "bao-cao" else title,
            "decision": {"number": f"{numbers[i]}/{'BC' if kind == 'bao-cao' else 'QĐ'}-UBND",
                         "date": date, "effective": date, "signer": signer,
                         "signer_title": title_word},
            "legal_bases": NATIONAL_BASES[:2] + rng.sample(NATIONAL_BASES[2:], rng.randint(0, 2)) + [
                f"Quyết định số {province_decision} ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/2025 "
                f"của Ủy ban nhân dân {commune.pword} về việc ban hành Kế hoạch cải cách hành chính "
                f"nhà nước {commune.pword} {commune.province} {period_text}"],
            "standing_office": "Phòng Văn hóa - Xã hội",
            "funding": rng.choice(FUNDINGS).format(k=commune.word, y=start),
        }
        plan["targets"] = make_targets(rng, material, plan, commune)
        plan["tasks"] = make_tasks(rng, material, plan, commune, detailed=(kind == "phu-luc" or rng.random() < 0.3))
        if slug.endswith("dieu-chinh"):
            # The amended plan replaces the 2026 plan, which is no longer in force.
            plan["replaces"] = [plans[1]["decision"]["number"]]
            plans[1]["status"] = "het-hieu-luc"
        plan["body"] = make_body(rng, material, plan, commune)
        plans.append(plan)
    # Front matter of at most 20 KB: trim tasks' details, then tasks (down to 30), then outputs.
    for plan in plans:
        limit = 20_000
        while len(yaml_front_matter(plan).encode()) > limit:
            detailed = [t for t in plan["tasks"] if "objective" in t or "duty" in t]
            if detailed:
                t = detailed[-1]
                t.pop("objective", None)
                t.pop("duty", None)
            elif len(plan["tasks"]) > 30:
                plan["tasks"].pop(rng.randrange(len(plan["tasks"])))
            elif any("output" in t for t in plan["tasks"]):
                next(t for t in plan["tasks"] if "output" in t).pop("output")
            else:
                break
    for plan in plans:  # number the rows left, per area: I.1, I.2, II.1…
        group, sub, last = 0, 0, None
        for task in plan["tasks"]:
            if task["area"] != last:
                group, sub, last = group + 1, 0, task["area"]
            sub += 1
            task["no"] = f"{ROMAN[group - 1]}.{sub}"
    return commune, plans


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


# ---------------------------------------------------------------------------------------------
# Hugo


HUGO_CONFIG = """baseURL: {base}
languageCode: vi
defaultContentLanguage: vi
title: {title}
# The same outputs as planportal: HTML pages, one feed of every plan (RSS on the home page only;
# planportal writes one Atom feed), sitemap.xml, robots.txt, 404.html.
enableRobotsTXT: true
disableKinds: []
taxonomies:
  indicator: indicators
outputs:
  home: [HTML, RSS]
  section: [HTML]
  page: [HTML]
  taxonomy: [HTML]
  term: [HTML]
markup:
  goldmark:
    renderer:
      unsafe: false
  tableOfContents:
    startLevel: 2
    endLevel: 4
"""


def write_hugo(out, material, site_title):
    for item in ("layouts",):
        shutil.copytree(os.path.join(HERE, "hugo", item), os.path.join(out, item))
    os.makedirs(os.path.join(out, "static", "assets"), exist_ok=True)
    for name in ("style.css", "favicon.svg"):
        source = os.path.join(ROOT, "themes", "mac-dinh", "static", name)
        if os.path.exists(source):
            shutil.copy(source, os.path.join(out, "static", "assets", name))
    write(os.path.join(out, "config.yaml"),
          HUGO_CONFIG.format(base="https://cchc.example.gov.vn/", title=scalar(site_title)))
    # Catalogues as maps by id, so templates look an indicator up with `index`.
    lines = []
    for indicator in material.indicators:
        lines.append(f"{indicator['id']}:")
        for key in ("name", "short", "area", "unit", "better"):
            lines.append(f"  {key}: {scalar(indicator[key])}")
        national = indicator.get("national")
        if national:
            lines.append(f"  national: {{value: {national['value']}, op: \"{national['op']}\", "
                         f"year: {national['year']}, source: {scalar(national['source'])}}}")
    write(os.path.join(out, "data", "indicators.yaml"), "\n".join(lines) + "\n")
    lines = []
    for area in sorted(material.areas, key=lambda a: a["order"]):
        lines.append(f"- id: {area['id']}")
        lines.append(f"  name: {scalar(area['name'])}")
        lines.append(f"  short: {scalar(area['short'])}")
    write(os.path.join(out, "data", "areas.yaml"), "\n".join(lines) + "\n")
    write(os.path.join(out, "content", "indicators", "_index.md"), "---\ntitle: Chỉ tiêu\n---\n")


def province_index(province, hugo):
    word = "Thành phố" if province["kind"] == "thanh-pho" else "Tỉnh"
    title = f"title: {scalar(word + ' ' + province['name'])}\n" if hugo else ""
    return f"---\n{title}name: {scalar(province['name'])}\nkind: {province['kind']}\n---\n"


def commune_index(commune, hugo):
    word = {"xa": "Xã", "phuong": "Phường", "dac-khu": "Đặc khu"}[commune["kind"]]
    title = f"title: {scalar(word + ' ' + commune['name'])}\n" if hugo else ""
    return f"---\n{title}name: {scalar(commune['name'])}\nkind: {commune['kind']}\n---\n"


# ---------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out")
    parser.add_argument("--plans", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=["planportal", "hugo", "both"], default="planportal")
    # The first generator copied the four real plans into PROVINCES x COMMUNES communes.
    parser.add_argument("--provinces", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--communes-per-province", type=int, help=argparse.SUPPRESS)
    if any(a.startswith(("--provinces", "--communes-per-province")) for a in sys.argv[1:]):
        parser.error("--provinces and --communes-per-province are gone: the corpus is now sized by "
                     "its number of plans (about 3 per commune, communes spread over the 34 "
                     "provinces), e.g. --plans 1000 or --plans 10000")
    args = parser.parse_args()
    if args.plans < 1:
        parser.error("--plans must be positive")

    rng = random.Random(args.seed)
    material = Material()
    provinces, names = build_geography(args.plans, rng)

    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    os.makedirs(args.out)
    pp = args.out if args.format in ("planportal", "both") else None
    hugo = (os.path.join(args.out, "hugo") if args.format == "both" else args.out) \
        if args.format in ("hugo", "both") else None
    with open(os.path.join(ROOT, "site.yaml"), encoding="utf-8") as f:
        site_title = parse_yaml(f.read())["title"]
    if pp:
        for item in ("site.yaml", "data", "themes"):
            source = os.path.join(ROOT, item)
            target = os.path.join(pp, item)
            (shutil.copytree if os.path.isdir(source) else shutil.copy)(source, target)
    if hugo:
        write_hugo(hugo, material, site_title)

    stats = {"plans": 0, "communes": 0, "provinces": len(provinces), "targets": 0, "tasks": 0,
             "fm_bytes": 0, "body_bytes": 0, "fm_min": 1 << 30, "fm_max": 0, "body_min": 1 << 30,
             "body_max": 0, "kinds": {}, "commune_kinds": {}}
    for province in provinces:
        for tree, is_hugo in ((pp, False), (hugo, True)):
            if tree:
                write(os.path.join(tree, "content", province["slug"], "_index.md"),
                      province_index(province, is_hugo))
        for commune_data in province["communes"]:
            commune, plans = make_plans(rng, material, province, commune_data, names)
            stats["communes"] += 1
            stats["commune_kinds"][commune.kind] = stats["commune_kinds"].get(commune.kind, 0) + 1
            folder = os.path.join("content", province["slug"], commune_data["slug"])
            for tree, is_hugo in ((pp, False), (hugo, True)):
                if tree:
                    write(os.path.join(tree, folder, "_index.md"), commune_index(commune_data, is_hugo))
            for plan in plans:
                fm_pp = yaml_front_matter(plan)
                body = plan["body"]
                if pp:
                    write(os.path.join(pp, folder, plan["slug"] + ".md"), fm_pp + "\n" + body)
                if hugo:
                    write(os.path.join(hugo, folder, plan["slug"] + ".md"),
                          yaml_front_matter(plan, hugo=True) + "\n" + body)
                fm_size, body_size = len(fm_pp.encode()), len(body.encode())
                stats["plans"] += 1
                stats["targets"] += len(plan["targets"])
                stats["tasks"] += len(plan["tasks"])
                stats["fm_bytes"] += fm_size
                stats["body_bytes"] += body_size
                stats["fm_min"], stats["fm_max"] = min(stats["fm_min"], fm_size), max(stats["fm_max"], fm_size)
                stats["body_min"], stats["body_max"] = min(stats["body_min"], body_size), max(stats["body_max"], body_size)
                stats["kinds"][plan["kind"]] = stats["kinds"].get(plan["kind"], 0) + 1
    n = max(1, stats["plans"])
    stats["seed"] = args.seed
    stats["avg_fm_kb"] = round(stats["fm_bytes"] / n / 1024, 1)
    stats["avg_body_kb"] = round(stats["body_bytes"] / n / 1024, 1)
    stats["avg_targets"] = round(stats["targets"] / n, 1)
    stats["avg_tasks"] = round(stats["tasks"] / n, 1)
    stats["kinds"] = dict(sorted(stats["kinds"].items()))
    stats["commune_kinds"] = dict(sorted(stats["commune_kinds"].items()))
    with open(os.path.join(args.out, "corpus-stats.json"), "w", encoding="utf-8") as f:
        json.dump(stats, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{stats['provinces']} provinces, {stats['communes']} communes, {stats['plans']} plans "
          f"in {args.out} ({args.format}); per plan: front matter {stats['avg_fm_kb']} KB "
          f"({stats['fm_min'] // 1024}–{stats['fm_max'] // 1024}), body {stats['avg_body_kb']} KB "
          f"({stats['body_min'] // 1024}–{stats['body_max'] // 1024}), {stats['avg_targets']} targets, "
          f"{stats['avg_tasks']} tasks; kinds {stats['kinds']}; communes {stats['commune_kinds']}")


if __name__ == "__main__":
    sys.exit(main())
