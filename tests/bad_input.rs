//! Bad input: what an editor sees when a portal's sources are broken, and what readers keep seeing.
//!
//! Every story here follows the same script. A small valid portal ([`common::small_portal`]) is
//! published once, so that a good output exists. Then exactly one thing is broken (a typo in the
//! front matter, a file saved in an old encoding, two folders that fold to the same address…) and
//! the portal is built again into the same output directory. The build must be refused with a
//! diagnostic that has the expected stable `code`, points at the right `file:line:column` (computed
//! from the text the test wrote, not guessed) and says what would be valid; the output published
//! before must still be there, byte for byte; and nothing may panic.
//!
//! Two stories end differently on purpose: raw `<script>` in a plan's Markdown is not an error (it
//! is published, sanitized), and several unrelated mistakes in different files are all reported
//! in one run, sorted by file. The last stories drive the `planportal check` binary itself.

mod common;

use common::{SMALL_PLAN, Snapshot, differences, small_portal, snapshot, try_build};
use planportal::Summary;
use planportal::diagnostics::{Diagnostic, report};
use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

/// The plan of the small portal, relative to the portal root.
const PLAN: &str = "content/hai-phong/tue-tinh/ke-hoach-2026.md";
/// The commune file of the small portal.
const COMMUNE: &str = "content/hai-phong/tue-tinh/_index.md";
/// The province file of the small portal.
const PROVINCE: &str = "content/hai-phong/_index.md";
/// The published page of [`PLAN`], relative to the output directory.
const PLAN_PAGE: &str = "hai-phong/tue-tinh/ke-hoach-2026/index.html";

// ---------------------------------------------------------------------------------------------
// The script: publish once, break one thing, build again.
// ---------------------------------------------------------------------------------------------

/// A small portal that has been published once into `out`, with a snapshot of that output.
struct Published {
    portal: TempDir,
    /// Holds the output directory, so that leftovers next to it (staging folders) can be seen.
    out_parent: TempDir,
    out: PathBuf,
    before: Snapshot,
}

impl Published {
    /// Publishes the small portal and remembers what was written.
    fn small_portal() -> Published {
        let portal = small_portal();
        let out_parent = TempDir::new().unwrap();
        let out = out_parent.path().join("public");
        if let Err(problems) = try_build(portal.path(), &out) {
            panic!("the small portal should build:\n{}", report(&problems));
        }
        let before = snapshot(&out);
        for page in ["index.html", PLAN_PAGE] {
            assert!(
                before.contains_key(Path::new(page)),
                "the first build should publish {page}"
            );
        }
        Published {
            portal,
            out_parent,
            out,
            before,
        }
    }

    fn root(&self) -> &Path {
        self.portal.path()
    }

    /// Writes (or overwrites) a source file.
    fn write(&self, relative: &str, contents: &str) {
        common::write(self.root(), relative, contents);
    }

    /// Writes raw bytes to a source file.
    fn write_bytes(&self, relative: &str, bytes: &[u8]) {
        let path = self.root().join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }

    /// Reads a source file back.
    fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.root().join(relative)).unwrap()
    }

    /// Replaces the one occurrence of `from` in `relative` by `to`; returns the new text.
    fn edit(&self, relative: &str, from: &str, to: &str) -> String {
        let text = self.read(relative);
        assert_eq!(
            text.matches(from).count(),
            1,
            "{from:?} should occur exactly once in {relative}"
        );
        let edited = text.replacen(from, to, 1);
        self.write(relative, &edited);
        edited
    }

    /// Edits the plan of the small portal; returns its new text.
    fn edit_plan(&self, from: &str, to: &str) -> String {
        self.edit(PLAN, from, to)
    }

    /// Builds again into the same output directory. A panic anywhere in the pipeline fails the
    /// test with a clear message instead of being mistaken for a refused build.
    fn rebuild(&self) -> Result<Summary, Vec<Diagnostic>> {
        catch_unwind(AssertUnwindSafe(|| try_build(self.root(), &self.out))).unwrap_or_else(
            |payload| {
                let why = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                panic!("the build panicked on bad input instead of reporting it: {why}")
            },
        )
    }

    /// Builds again, expecting a refusal; checks the earlier output survived and returns the
    /// problems reported.
    fn refused(&self) -> Vec<Diagnostic> {
        let problems = match self.rebuild() {
            Ok(summary) => panic!("the broken portal was published: {summary:?}"),
            Err(problems) => problems,
        };
        assert!(!problems.is_empty(), "a refused build must say why");
        self.assert_previous_output_intact();
        problems
    }

    /// The output of the first build is still there, byte for byte, with nothing left beside it.
    fn assert_previous_output_intact(&self) {
        let after = snapshot(&self.out);
        let changes = differences(&self.before, &after);
        assert!(
            changes.is_empty(),
            "a refused build touched the published output:\n{}",
            changes.join("\n")
        );
        let mut beside: Vec<String> = fs::read_dir(self.out_parent.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        beside.sort();
        assert_eq!(
            beside,
            [".public.lock", "public"],
            "a refused build left files next to the output (only the output's lock file stays)"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Reading diagnostics.
// ---------------------------------------------------------------------------------------------

/// The single problem reported, which must have `code`.
fn only_problem<'a>(problems: &'a [Diagnostic], code: &str) -> &'a Diagnostic {
    assert!(
        problems.len() == 1 && problems[0].code == code,
        "expected exactly one `{code}` problem, got:\n{}",
        report(problems)
    );
    &problems[0]
}

/// Every problem with `code`.
fn with_code<'a>(problems: &'a [Diagnostic], code: &str) -> Vec<&'a Diagnostic> {
    problems.iter().filter(|p| p.code == code).collect()
}

/// Asserts where a problem is: file relative to the portal root, 1-based line and column (0 when
/// the code sets none).
#[track_caller]
fn assert_at(problem: &Diagnostic, file: &str, line: usize, column: usize) {
    assert_eq!(
        (problem.file.as_path(), problem.line, problem.column),
        (Path::new(file), line, column),
        "wrong place for:\n{problem}"
    );
}

/// The help of a problem, which must have one.
fn help(problem: &Diagnostic) -> &str {
    problem
        .help
        .as_deref()
        .unwrap_or_else(|| panic!("no help for:\n{problem}"))
}

/// 1-based number of the only line of `text` that contains `needle`.
#[track_caller]
fn line_of(text: &str, needle: &str) -> usize {
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| line.contains(needle))
        .map(|(index, _)| index + 1)
        .collect();
    assert_eq!(lines.len(), 1, "{needle:?} should be on exactly one line");
    lines[0]
}

/// 1-based column (in characters, as editors count) where `needle` starts on its line of `text`.
#[track_caller]
fn column_of(text: &str, needle: &str) -> usize {
    column_in(text, needle, needle)
}

/// 1-based column where `needle` starts on the only line of `text` that contains `line_needle`.
#[track_caller]
fn column_in(text: &str, line_needle: &str, needle: &str) -> usize {
    let line = text.lines().nth(line_of(text, line_needle) - 1).unwrap();
    let start = line
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} should be on the line {line:?}"));
    line[..start].chars().count() + 1
}

/// The ids of a catalogue file (`- id: …` lines).
fn catalogue_ids(root: &Path, file: &str) -> Vec<String> {
    fs::read_to_string(root.join(file))
        .unwrap()
        .lines()
        .filter_map(|line| line.strip_prefix("- id: "))
        .map(|id| id.trim().to_string())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The YAML itself is broken.
// ---------------------------------------------------------------------------------------------

#[test]
fn an_unquoted_colon_in_the_title_is_a_yaml_syntax_error_at_that_colon() {
    let portal = Published::small_portal();
    let text = portal.edit_plan("title: Kế hoạch cải cách", "title: Kế hoạch: cải cách");

    let problems = portal.refused();
    let problem = only_problem(&problems, "yaml-syntax");
    assert_at(
        problem,
        PLAN,
        line_of(&text, "title: Kế hoạch:"),
        column_of(&text, ": cải cách"),
    );
    assert_eq!(
        problem.source_line.as_deref(),
        Some("title: Kế hoạch: cải cách hành chính năm 2026")
    );
    assert!(help(problem).contains("ngoặc kép"), "{problem}");
}

#[test]
fn a_key_indented_deeper_than_its_siblings_is_a_yaml_syntax_error_on_its_line() {
    let portal = Published::small_portal();
    let text = portal.edit_plan("\nkind: ke-hoach", "\n  kind: ke-hoach");

    let problems = portal.refused();
    let problem = only_problem(&problems, "yaml-syntax");
    // libyaml stops at the colon: "mapping values are not allowed in this context".
    assert_at(
        problem,
        PLAN,
        line_of(&text, "  kind: ke-hoach"),
        column_of(&text, ": ke-hoach"),
    );
    assert!(help(problem).contains("thụt lề"), "{problem}");
}

#[test]
fn a_key_missing_its_colon_is_reported_on_its_own_line() {
    let portal = Published::small_portal();
    let text = portal.edit_plan("kind: ke-hoach", "kind ke-hoach");

    let problems = portal.refused();
    let problem = only_problem(&problems, "yaml-syntax");
    assert_at(problem, PLAN, line_of(&text, "kind ke-hoach"), 1);
}

#[test]
fn an_unbalanced_quote_is_reported_where_the_quote_opens() {
    let portal = Published::small_portal();
    let text = portal.edit_plan("content: Rà soát", "content: \"Rà soát");

    let problems = portal.refused();
    let problem = only_problem(&problems, "yaml-syntax");
    assert_at(
        problem,
        PLAN,
        line_of(&text, "content: \"Rà"),
        column_of(&text, "\"Rà"),
    );
}

#[test]
fn a_tab_used_for_indentation_is_named_as_such_on_its_line() {
    let portal = Published::small_portal();
    let text = portal.edit_plan("    value: 95", "\tvalue: 95");

    let problems = portal.refused();
    let problem = only_problem(&problems, "tab-indentation");
    assert_at(problem, PLAN, line_of(&text, "\tvalue: 95"), 1);
    assert!(problem.message.contains("Tab"), "{problem}");
    assert!(help(problem).contains("dấu cách"), "{problem}");
    assert_eq!(problem.source_line.as_deref(), Some("\tvalue: 95"));
}

#[test]
fn front_matter_without_its_closing_dashes_is_reported_at_the_opening_line() {
    let portal = Published::small_portal();
    let text = portal.edit_plan("---\n\n## I.", "\n## I.");
    assert_eq!(text.lines().filter(|l| *l == "---").count(), 1);

    let problems = portal.refused();
    let problem = only_problem(&problems, "unclosed-front-matter");
    assert_at(problem, PLAN, 1, 1);
    assert!(help(problem).contains("---"), "{problem}");
}

// ---------------------------------------------------------------------------------------------
// The YAML parses, but a field is wrong.
// ---------------------------------------------------------------------------------------------

#[test]
fn a_misspelt_top_level_field_suggests_the_closest_one() {
    let portal = Published::small_portal();
    let text = portal.edit_plan("title:", "titel:");

    let problems = portal.refused();
    let problem = only_problem(&problems, "unknown-field");
    assert_at(problem, PLAN, line_of(&text, "titel:"), 1);
    assert!(problem.message.contains("“titel”"), "{problem}");
    let help = help(problem);
    assert!(help.starts_with("có phải là “title”?"), "{help}");
    for field in ["title", "kind", "period", "targets", "tasks", "attachments"] {
        assert!(
            help.contains(field),
            "{field} should be listed as valid: {help}"
        );
    }
}

#[test]
fn a_misspelt_field_inside_a_target_suggests_the_closest_one() {
    let portal = Published::small_portal();
    let text = portal.edit_plan("- indicator:", "- indicatr:");

    let problems = portal.refused();
    let problem = only_problem(&problems, "unknown-field");
    assert_at(
        problem,
        PLAN,
        line_of(&text, "indicatr:"),
        column_of(&text, "indicatr:"),
    );
    assert!(problem.message.contains("targets[0]"), "{problem}");
    assert_eq!(
        help(problem),
        "có phải là “indicator”? các trường hợp lệ ở đây: indicator, value, op, from, year, quote"
    );
}

#[test]
fn a_plan_without_a_title_points_at_the_front_matter() {
    let portal = Published::small_portal();
    portal.edit_plan("title: Kế hoạch cải cách hành chính năm 2026\n", "");

    let problems = portal.refused();
    let problem = only_problem(&problems, "missing-field");
    // Serde cannot point at a line that is not there; the opening `---` is line 1.
    assert_at(problem, PLAN, 1, 1);
    assert!(problem.message.contains("“title”"), "{problem}");
    assert!(help(problem).contains("title:"), "{problem}");
}

#[test]
fn a_plan_with_a_blank_title_points_at_the_empty_value() {
    let portal = Published::small_portal();
    let text = portal.edit_plan(
        "title: Kế hoạch cải cách hành chính năm 2026",
        "title: \"\"",
    );

    let problems = portal.refused();
    let problem = only_problem(&problems, "empty-field");
    assert_at(
        problem,
        PLAN,
        line_of(&text, "title: \"\""),
        column_of(&text, "\"\""),
    );
    assert!(help(problem).contains("title:"), "{problem}");
}

#[test]
fn a_value_written_with_a_percent_sign_is_not_a_number() {
    let portal = Published::small_portal();
    let text = portal.edit_plan("value: 95", "value: 95%");

    let problems = portal.refused();
    let problem = only_problem(&problems, "invalid-type");
    assert_at(
        problem,
        PLAN,
        line_of(&text, "value: 95%"),
        column_in(&text, "value: 95%", "95%"),
    );
    assert!(problem.message.contains("targets[0].value"), "{problem}");
    assert!(problem.message.contains("\"95%\""), "{problem}");
    assert!(
        help(problem).contains("không kèm đơn vị hay dấu %"),
        "{problem}"
    );
}

#[test]
fn a_date_that_does_not_exist_is_refused_with_the_expected_format() {
    let portal = Published::small_portal();
    portal.edit_plan("date: 2026-01-10", "date: 2026-02-30");

    let problems = portal.refused();
    let problem = only_problem(&problems, "invalid-date");
    assert_eq!(problem.file, Path::new(PLAN));
    assert!(problem.message.contains("“2026-02-30”"), "{problem}");
    assert!(problem.message.contains("NĂM-THÁNG-NGÀY"), "{problem}");
    assert!(help(problem).contains("2026-04-24"), "{problem}");
    // Where exactly: see `a_date_that_does_not_exist_is_reported_on_its_own_line`.
}

#[test]
fn a_date_that_does_not_exist_is_reported_on_its_own_line() {
    let portal = Published::small_portal();
    let text = portal.edit_plan("date: 2026-01-10", "date: 2026-02-30");

    let problems = portal.refused();
    let problem = only_problem(&problems, "invalid-date");
    assert_at(
        problem,
        PLAN,
        line_of(&text, "date: 2026-02-30"),
        column_of(&text, "2026-02-30"),
    );
    assert!(problem.message.contains("decision.date"), "{problem}");
}

// ---------------------------------------------------------------------------------------------
// References to things that do not exist.
// ---------------------------------------------------------------------------------------------

#[test]
fn an_indicator_id_with_a_typo_lists_the_catalogue_and_suggests_the_closest_id() {
    let portal = Published::small_portal();
    let text = portal.edit_plan("indicator: hai-long-tthc", "indicator: hai-long-ttch");

    let problems = portal.refused();
    let problem = only_problem(&problems, "unknown-indicator");
    assert_at(
        problem,
        PLAN,
        line_of(&text, "hai-long-ttch"),
        column_of(&text, "hai-long-ttch"),
    );
    assert!(problem.message.contains("“hai-long-ttch”"), "{problem}");
    let help = help(problem);
    assert!(help.starts_with("có phải là “hai-long-tthc”?"), "{help}");
    let ids = catalogue_ids(portal.root(), "data/indicators.yaml");
    assert!(
        ids.len() > 10,
        "the catalogue should have been read: {ids:?}"
    );
    for id in &ids {
        assert!(
            help.contains(id.as_str()),
            "valid id {id} missing from: {help}"
        );
    }
}

#[test]
fn a_task_in_an_unknown_area_lists_the_areas_and_suggests_the_closest() {
    let portal = Published::small_portal();
    let text = portal.edit_plan("area: thu-tuc-hanh-chinh", "area: thu-tuc-hanh-chin");

    let problems = portal.refused();
    let problem = only_problem(&problems, "unknown-area");
    assert_at(
        problem,
        PLAN,
        line_of(&text, "area: thu-tuc-hanh-chin"),
        column_of(&text, "thu-tuc-hanh-chin"),
    );
    let help = help(problem);
    assert!(
        help.starts_with("có phải là “thu-tuc-hanh-chinh”?"),
        "{help}"
    );
    for id in catalogue_ids(portal.root(), "data/areas.yaml") {
        assert!(help.contains(&id), "valid area {id} missing from: {help}");
    }
}

#[test]
fn an_attachment_that_is_not_next_to_the_plan_is_reported_on_its_list_item() {
    let portal = Published::small_portal();
    let text = portal.edit_plan("targets:", "attachments:\n  - ke-hoach-2026.pdf\ntargets:");

    let problems = portal.refused();
    let problem = only_problem(&problems, "missing-attachment");
    assert_at(
        problem,
        PLAN,
        line_of(&text, "- ke-hoach-2026.pdf"),
        column_of(&text, "ke-hoach-2026.pdf"),
    );
    assert!(problem.message.contains("“ke-hoach-2026.pdf”"), "{problem}");
    assert!(
        help(problem).contains("content/hai-phong/tue-tinh"),
        "the help should name the folder: {problem}"
    );
}

#[test]
fn a_quote_that_is_not_in_the_plan_text_is_reported_at_the_quote() {
    let portal = Published::small_portal();
    let text = portal.edit_plan(
        "quote: \"đạt tối thiểu 95%\"",
        "quote: \"đạt tối thiểu 99%\"",
    );

    let problems = portal.refused();
    let problem = only_problem(&problems, "quote-not-found");
    // At the quote's value, with the line shown under the message.
    let line = line_of(&text, "quote: \"đạt tối thiểu 99%\"");
    assert_at(
        problem,
        PLAN,
        line,
        column_in(&text, "quote: \"đạt tối thiểu 99%\"", "\"đạt"),
    );
    assert!(
        problem
            .source_line
            .as_deref()
            .is_some_and(|l| l.contains("99%"))
    );
    assert!(help(problem).contains("nguyên văn"), "{problem}");
}

// ---------------------------------------------------------------------------------------------
// Numbers that parse but make no sense.
// ---------------------------------------------------------------------------------------------

#[test]
fn a_target_year_beyond_the_plans_five_year_stage_is_outside_the_period() {
    let portal = Published::small_portal();
    let text = portal.edit_plan("year: 2026", "year: 2031");

    let problems = portal.refused();
    let problem = only_problem(&problems, "year-outside-period");
    assert_at(
        problem,
        PLAN,
        line_of(&text, "year: 2031"),
        column_of(&text, "2031"),
    );
    assert!(problem.message.contains("2031"), "{problem}");
    assert!(problem.message.contains("2026–2026"), "{problem}");
    // A 2026 plan may restate a goal of its stage, up to 2030.
    assert!(help(problem).contains("từ 2026 đến 2030"), "{problem}");
}

#[test]
fn a_stage_starting_after_the_target_year_is_refused() {
    let portal = Published::small_portal();
    let text = portal.edit_plan("    year: 2026", "    from: 2027\n    year: 2026");

    let problems = portal.refused();
    let problem = only_problem(&problems, "invalid-stage");
    assert_at(
        problem,
        PLAN,
        line_of(&text, "from: 2027"),
        column_of(&text, "2027"),
    );
    assert!(problem.message.contains("2027"), "{problem}");
    assert!(
        problem.message.contains("năm đạt chỉ tiêu: 2026"),
        "{problem}"
    );
    assert!(help(problem).contains("không sau year:"), "{problem}");
}

// ---------------------------------------------------------------------------------------------
// Files and folders.
// ---------------------------------------------------------------------------------------------

#[test]
fn a_plan_saved_in_windows_1258_is_refused_at_its_first_invalid_byte() {
    let portal = Published::small_portal();
    let body_line = "Mức độ hài lòng đạt tối thiểu 95%.\n";
    let before_body_line = SMALL_PLAN
        .strip_suffix(body_line)
        .expect("the small plan ends with this sentence");
    // The same sentence as a Windows-1258 editor saves it (tone marks as combining bytes).
    let windows_1258: &[u8] =
        b"M\xfd\xecc \xf0\xf4\xf2 ha\xcci lo\xccng \xf0a\xf2t t\xf4\xeci thi\xea\xd2u 95%.\n";
    let mut bytes = before_body_line.as_bytes().to_vec();
    bytes.extend_from_slice(windows_1258);
    portal.write_bytes(PLAN, &bytes);

    let problems = portal.refused();
    let problem = only_problem(&problems, "not-utf8");
    // Last line of the file, right after its "M": the lines before hold valid multi-byte UTF-8.
    assert_at(problem, PLAN, SMALL_PLAN.lines().count(), 2);
    assert!(problem.message.contains("Windows-1258"), "{problem}");
    assert!(help(problem).contains("UTF-8"), "{problem}");
}

#[test]
fn two_commune_folders_folding_to_the_same_slug_name_each_other() {
    let portal = Published::small_portal();
    let twin = "content/hai-phong/Tuệ Tĩnh/_index.md";
    portal.write(twin, "---\nname: Tuệ Tĩnh\nkind: xa\n---\n");

    let problems = portal.refused();
    let collisions = with_code(&problems, "output-collision");
    assert_eq!(collisions.len(), 2, "{}", report(&problems));
    assert_eq!(problems.len(), 2, "{}", report(&problems));
    for (problem, (file, other)) in collisions.iter().zip([(twin, COMMUNE), (COMMUNE, twin)]) {
        assert_at(problem, file, 0, 0);
        assert!(
            problem.message.contains("/hai-phong/tue-tinh/"),
            "{problem}"
        );
        assert!(
            problem.message.contains(other),
            "{file} should name {other}: {problem}"
        );
        assert!(help(problem).contains("đổi tên"), "{problem}");
    }
}

#[test]
fn a_province_folder_named_like_a_reserved_page_collides_with_it() {
    let portal = Published::small_portal();
    let province = "content/chi-tieu/_index.md";
    portal.write(province, "---\nname: Chỉ Tiêu\nkind: tinh\n---\n");
    // A province is published only with a commune in it.
    portal.write(
        "content/chi-tieu/xa-a/_index.md",
        "---\nname: A\nkind: xa\n---\n",
    );

    let problems = portal.refused();
    // The pages inside the folder (here the commune's) may be reported too; nothing else may.
    for problem in &problems {
        assert_eq!(problem.code, "output-collision", "{}", report(&problems));
        assert!(
            problem.file.starts_with("content/chi-tieu"),
            "{}",
            report(&problems)
        );
    }
    let problem = problems
        .iter()
        .find(|p| p.file == Path::new(province))
        .unwrap_or_else(|| panic!("the province must be named:\n{}", report(&problems)));
    assert_at(problem, province, 0, 0);
    assert!(problem.message.contains("“/chi-tieu/"), "{problem}");
    assert!(problem.message.contains("các trang chỉ tiêu"), "{problem}");
}

#[test]
fn an_empty_content_folder_has_nothing_to_publish() {
    let portal = Published::small_portal();
    fs::remove_dir_all(portal.root().join("content")).unwrap();
    fs::create_dir(portal.root().join("content")).unwrap();

    let problems = portal.refused();
    let problem = only_problem(&problems, "empty-content");
    assert_at(problem, "content", 0, 0);
    assert!(help(problem).contains("_index.md"), "{problem}");
}

#[test]
fn a_missing_content_folder_is_reported_too() {
    let portal = Published::small_portal();
    fs::remove_dir_all(portal.root().join("content")).unwrap();

    let problems = portal.refused();
    let problem = only_problem(&problems, "missing-content");
    assert_at(problem, "content", 0, 0);
}

#[test]
fn an_attachment_named_index_html_collides_with_its_plan_page() {
    let portal = Published::small_portal();
    portal.edit_plan("targets:", "attachments:\n  - index.html\ntargets:");
    portal.write(
        "content/hai-phong/tue-tinh/index.html",
        "<h1>không phải kế hoạch</h1>",
    );

    let problems = portal.refused();
    assert!(!with_code(&problems, "output-collision").is_empty());
    for problem in &problems {
        assert_eq!(problem.code, "output-collision", "{}", report(&problems));
        assert_at(problem, PLAN, 0, 0);
        assert!(
            problem
                .message
                .contains("/hai-phong/tue-tinh/ke-hoach-2026/index.html"),
            "{problem}"
        );
    }
}

#[test]
fn a_commune_folder_without_any_letter_is_refused() {
    let portal = Published::small_portal();
    let folder = "content/hai-phong/!!!/_index.md";
    portal.write(folder, "---\nname: Ba Chấm Than\nkind: xa\n---\n");

    let problems = portal.refused();
    assert!(
        problems.iter().any(|p| p.file == Path::new(folder)),
        "{}",
        report(&problems)
    );
}

// ---------------------------------------------------------------------------------------------
// Not an error: raw HTML in Markdown is sanitized, not refused.
// ---------------------------------------------------------------------------------------------

#[test]
fn script_tags_and_event_handlers_in_markdown_are_published_sanitized() {
    let portal = Published::small_portal();
    let mut text = portal.read(PLAN);
    text.push_str(concat!(
        "\nXin chào <script>alert(\"xss\")</script> <b onclick=\"steal()\">đậm</b>\n",
        "\n<script>document.body.innerHTML = \"\"</script>\n",
        "\n<img src=\"anh.png\" alt=\"ảnh\" onerror=\"alert(2)\">\n",
    ));
    portal.write(PLAN, &text);

    if let Err(problems) = portal.rebuild() {
        panic!("raw HTML must not stop the build:\n{}", report(&problems));
    }
    let html = fs::read_to_string(portal.out.join(PLAN_PAGE)).unwrap();
    let page = scraper::Html::parse_document(&html);
    let main = page
        .select(&common::sel("main"))
        .next()
        .expect("the plan page has a <main>");
    assert_eq!(main.select(&common::sel("script")).count(), 0, "{html}");
    for handler in ["onclick", "onerror"] {
        let selector = common::sel(&format!("[{handler}]"));
        assert_eq!(
            page.select(&selector).count(),
            0,
            "{handler} survived: {html}"
        );
    }
    let main_text = common::text_of(main);
    assert!(
        !main_text.contains("alert("),
        "script text leaked: {main_text}"
    );
    assert!(
        !main_text.contains("innerHTML"),
        "script text leaked: {main_text}"
    );
    let bold: Vec<String> = main
        .select(&common::sel(".prose b"))
        .map(common::text_of)
        .collect();
    assert_eq!(bold, ["đậm"], "harmless markup is kept");
    assert!(main_text.contains("Xin chào"), "{main_text}");
}

// ---------------------------------------------------------------------------------------------
// One run reports everything.
// ---------------------------------------------------------------------------------------------

#[test]
fn independent_mistakes_in_different_files_are_all_reported_in_one_run_sorted_by_file() {
    let portal = Published::small_portal();
    let province = portal.edit(PROVINCE, "name: Hải Phòng", "name: \"\"");
    let commune = portal.edit(COMMUNE, "name: Tuệ Tĩnh", "name: ''");
    let report_file = "content/hai-phong/tue-tinh/bao-cao-2026.md";
    let report_text = "---\ntitle: Báo cáo cải cách hành chính quý I năm 2026\nkind: bao-cao\nperiod:\n\tfrom: 2026\n\tto: 2026\n---\n\nBáo cáo.\n";
    portal.write(report_file, report_text);
    portal.edit_plan("indicator: hai-long-tthc", "indicator: hai-long-ttch");
    let plan = portal.edit_plan("area: thu-tuc-hanh-chinh", "area: cai-cach");
    let site = portal.edit("site.yaml", "publisher:", "publsher:");

    let problems = portal.refused();
    let found: Vec<(&str, usize, &str)> = problems
        .iter()
        .map(|p| (p.file.to_str().unwrap(), p.line, p.code))
        .collect();
    let expected = vec![
        (PROVINCE, line_of(&province, "name:"), "empty-field"),
        (COMMUNE, line_of(&commune, "name:"), "empty-field"),
        (
            report_file,
            line_of(report_text, "\tfrom:"),
            "tab-indentation",
        ),
        (PLAN, line_of(&plan, "hai-long-ttch"), "unknown-indicator"),
        (PLAN, line_of(&plan, "area: cai-cach"), "unknown-area"),
        ("site.yaml", line_of(&site, "publsher:"), "unknown-field"),
    ];
    assert_eq!(found, expected, "\n{}", report(&problems));
    let site_problem = problems.last().unwrap();
    assert!(
        help(site_problem).starts_with("có phải là “publisher”?"),
        "{site_problem}"
    );
}

// ---------------------------------------------------------------------------------------------
// The command line.
// ---------------------------------------------------------------------------------------------

/// Runs `planportal check --root <root>`.
fn check_command(root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planportal"))
        .arg("check")
        .arg("--root")
        .arg(root)
        .output()
        .expect("the planportal binary should run")
}

#[test]
fn planportal_check_exits_0_on_the_valid_small_portal_and_1_with_located_vietnamese_errors() {
    let portal = Published::small_portal();
    let ok = check_command(portal.root());
    assert_eq!(
        ok.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let stdout = String::from_utf8(ok.stdout).unwrap();
    assert!(
        stdout.contains("Không có lỗi: 1 xã/phường, 1 kế hoạch, 1 chỉ tiêu."),
        "{stdout}"
    );

    let text = portal.edit_plan("indicator: hai-long-tthc", "indicator: hai-long-ttch");
    let broken = check_command(portal.root());
    assert_eq!(broken.status.code(), Some(1));
    let stderr = String::from_utf8(broken.stderr).unwrap();
    let location = format!(
        "{PLAN}:{}:{}",
        line_of(&text, "hai-long-ttch"),
        column_of(&text, "hai-long-ttch")
    );
    assert!(
        stderr.contains(&format!(
            "{location}: lỗi [unknown-indicator]: Không có chỉ tiêu mã “hai-long-ttch” trong danh mục"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("gợi ý: có phải là “hai-long-tthc”?"),
        "{stderr}"
    );
    assert!(stderr.contains("Tìm thấy 1 lỗi."), "{stderr}");
    // `check` never writes: neither the default output nor the earlier one changed.
    assert!(!portal.root().join("public").exists());
    portal.assert_previous_output_intact();
}
