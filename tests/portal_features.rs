//! Features of a portal beyond the example content: template overrides, drafts, publication
//! filters, attachments, replaced acts, decomposed Vietnamese input.

mod common;

use common::{SMALL_PLAN, build_portal, sel, small_portal, text_of, write};
use std::fs;

#[test]
fn a_portal_template_overrides_the_theme_template_of_the_same_name() {
    let portal = small_portal();
    write(
        portal.path(),
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Trang riêng của xã</h1>{% endblock content %}",
    );
    let site = build_portal(portal.path(), None);
    let page = site.html("404.html");
    assert_eq!(
        text_of(page.select(&sel("main h1")).next().unwrap()),
        "Trang riêng của xã"
    );
    // Other templates still come from the theme.
    assert!(
        site.html("index.html")
            .select(&sel("main h1"))
            .next()
            .is_some()
    );
}

#[test]
fn drafts_are_published_only_when_asked() {
    let portal = small_portal();
    let draft = SMALL_PLAN.replace("status: hieu-luc", "status: du-thao");
    write(
        portal.path(),
        "content/hai-phong/tue-tinh/du-thao-2027.md",
        &draft.replace("2026", "2027"),
    );
    let site = build_portal(portal.path(), None);
    assert!(
        !site
            .out
            .join("hai-phong/tue-tinh/du-thao-2027/index.html")
            .exists()
    );
    assert_eq!(site.summary.plans, 1);

    let out = site.dir.path().join("with-drafts");
    let options = planportal::BuildOptions {
        root: portal.path().to_path_buf(),
        out: Some(out.clone()),
        base_url: None,
        drafts: true,
    };
    let summary = planportal::build(&options).unwrap();
    assert_eq!(summary.plans, 2);
    assert!(
        out.join("hai-phong/tue-tinh/du-thao-2027/index.html")
            .exists()
    );
}

#[test]
fn site_yaml_can_restrict_publication_to_some_communes() {
    let portal = small_portal();
    write(
        portal.path(),
        "content/hai-phong/nam-an-phu/_index.md",
        "---\nname: Nam An Phụ\nkind: xa\n---\n",
    );
    write(
        portal.path(),
        "content/hai-phong/nam-an-phu/ke-hoach-2026.md",
        SMALL_PLAN,
    );
    let site_yaml = fs::read_to_string(portal.path().join("site.yaml")).unwrap();
    fs::write(
        portal.path().join("site.yaml"),
        format!("{site_yaml}publish:\n  communes: [nam-an-phu]\n"),
    )
    .unwrap();
    let site = build_portal(portal.path(), None);
    assert!(
        site.out
            .join("hai-phong/nam-an-phu/ke-hoach-2026/index.html")
            .exists()
    );
    assert!(!site.out.join("hai-phong/tue-tinh/index.html").exists());
    let home = site.html("index.html");
    let communes: Vec<String> = home.select(&sel("#cac-xa + ul a")).map(text_of).collect();
    assert_eq!(communes, ["Xã Nam An Phụ"]);
}

#[test]
fn attachments_are_copied_and_linked_and_replaced_acts_are_linked_both_ways() {
    let portal = small_portal();
    fs::write(
        portal
            .path()
            .join("content/hai-phong/tue-tinh/12-qd-ubnd.pdf"),
        b"%PDF-1.4 test",
    )
    .unwrap();
    let plan = SMALL_PLAN.replace(
        "status: hieu-luc\n",
        "status: hieu-luc\nattachments: [12-qd-ubnd.pdf]\n",
    );
    write(
        portal.path(),
        "content/hai-phong/tue-tinh/ke-hoach-2026.md",
        &plan,
    );
    let newer = SMALL_PLAN.replace("12/QĐ-UBND", "40/QĐ-UBND").replace(
        "status: hieu-luc\n",
        "status: hieu-luc\nreplaces: [12/QĐ-UBND]\n",
    );
    write(
        portal.path(),
        "content/hai-phong/tue-tinh/ke-hoach-2026-sua-doi.md",
        &newer,
    );
    let site = build_portal(portal.path(), None);

    assert_eq!(
        fs::read(
            site.out
                .join("hai-phong/tue-tinh/ke-hoach-2026/12-qd-ubnd.pdf")
        )
        .unwrap(),
        b"%PDF-1.4 test"
    );
    let old = site.html("hai-phong/tue-tinh/ke-hoach-2026/index.html");
    let download = old.select(&sel("a[download]")).next().unwrap();
    assert_eq!(
        download.value().attr("href"),
        Some("/hai-phong/tue-tinh/ke-hoach-2026/12-qd-ubnd.pdf")
    );
    let facts = text_of(old.select(&sel("dl.facts")).next().unwrap());
    assert!(facts.contains("Bị thay thế bởi"), "{facts}");

    let new = site.html("hai-phong/tue-tinh/ke-hoach-2026-sua-doi/index.html");
    let replaced = new
        .select(&sel("dl.facts a"))
        .find(|a| text_of(*a) == "12/QĐ-UBND")
        .expect("the replaced act is linked");
    assert_eq!(
        replaced.value().attr("href"),
        Some("/hai-phong/tue-tinh/ke-hoach-2026/")
    );
}

#[test]
fn decomposed_vietnamese_input_is_published_composed() {
    use unicode_normalization::UnicodeNormalization;
    let portal = small_portal();
    let nfd: String = SMALL_PLAN.nfd().collect();
    write(
        portal.path(),
        "content/hai-phong/tue-tinh/ke-hoach-2026.md",
        &nfd,
    );
    let site = build_portal(portal.path(), None);
    let page = site.text("hai-phong/tue-tinh/ke-hoach-2026/index.html");
    assert!(page.contains("Kế hoạch cải cách hành chính năm 2026"));
    assert!(unicode_normalization::is_nfc(&page));
}

#[test]
fn commune_folders_with_vietnamese_names_fold_to_ascii_addresses() {
    let portal = small_portal();
    write(
        portal.path(),
        "content/hai-phong/Đặc khu Cát Hải/_index.md",
        "---\nname: Cát Hải\nkind: dac-khu\n---\n",
    );
    write(
        portal.path(),
        "content/hai-phong/Đặc khu Cát Hải/Kế hoạch 2026.md",
        SMALL_PLAN,
    );
    let site = build_portal(portal.path(), None);
    let page = site.html("hai-phong/dac-khu-cat-hai/ke-hoach-2026/index.html");
    let crumbs: Vec<String> = page.select(&sel(".breadcrumbs a")).map(text_of).collect();
    assert_eq!(
        crumbs,
        ["Trang chủ", "Thành phố Hải Phòng", "Đặc khu Cát Hải"]
    );
}

#[test]
fn the_output_may_not_overwrite_or_sit_inside_the_sources() {
    let portal = small_portal();
    for out in [".", "content/public", "data/out"] {
        let options = planportal::BuildOptions {
            root: portal.path().to_path_buf(),
            out: Some(portal.path().join(out)),
            base_url: None,
            drafts: false,
        };
        let result = planportal::build(&options);
        assert!(
            matches!(
                result,
                Err(planportal::Error::Write(
                    planportal::write::WriteError::UnsafeOutput(_)
                ))
            ),
            "--out {out} must be refused"
        );
    }
    assert!(
        portal
            .path()
            .join("content/hai-phong/tue-tinh/ke-hoach-2026.md")
            .exists()
    );
    assert!(!portal.path().join("content/public").exists());
}

#[test]
fn a_preview_rebuild_renders_only_the_pages_a_change_affects() {
    let portal = small_portal();
    write(
        portal.path(),
        "content/hai-phong/nam-an-phu/_index.md",
        "---\nname: Nam An Phụ\nkind: xa\n---\n",
    );
    write(
        portal.path(),
        "content/hai-phong/nam-an-phu/ke-hoach-2026.md",
        SMALL_PLAN,
    );
    let out = portal.path().join("preview");
    let options = planportal::BuildOptions {
        root: portal.path().to_path_buf(),
        out: Some(out.clone()),
        base_url: None,
        drafts: true,
    };
    let mut cache = planportal::PreviewCache::default();
    let first = planportal::build_preview(&options, None, &mut cache, true).unwrap();
    assert!(
        first.rendered_pages > 20,
        "the first preview renders every page"
    );

    // Nothing changed: nothing is rendered again.
    let again = planportal::build_preview(&options, None, &mut cache, true).unwrap();
    assert_eq!(again.rendered_pages, 0);

    // A new sentence in one plan's text: only that plan's page.
    let plan = "content/hai-phong/tue-tinh/ke-hoach-2026.md";
    let text = fs::read_to_string(portal.path().join(plan)).unwrap();
    write(
        portal.path(),
        plan,
        &format!("{text}\nMột câu mới về địa bàn.\n"),
    );
    let edited = planportal::build_preview(&options, None, &mut cache, true).unwrap();
    assert_eq!(edited.rendered_pages, 1);
    let page = fs::read_to_string(out.join("hai-phong/tue-tinh/ke-hoach-2026/index.html")).unwrap();
    assert!(page.contains("Một câu mới về địa bàn."));
    // The search index it feeds is updated too (its document chunks hold the new text).
    let chunks = out.join("tim-kiem/chi-muc/d");
    let indexed = fs::read_dir(&chunks).unwrap().any(|entry| {
        use std::io::Read;
        let compressed = fs::read(entry.unwrap().path()).unwrap();
        let mut text = String::new();
        flate2::read::GzDecoder::new(&compressed[..])
            .read_to_string(&mut text)
            .unwrap();
        text.contains("Một câu mới về địa bàn.")
    });
    assert!(indexed, "the new sentence is searchable");

    // A target's value: the plan, its commune, the indicator's page and the pages that list
    // commitments (area, indicator index, home counts stay the same) — not the other commune's.
    let text = fs::read_to_string(portal.path().join(plan)).unwrap();
    write(portal.path(), plan, &text.replace("value: 95", "value: 97"));
    // The quote no longer matches the value: a warning, not an error; the build succeeds.
    let changed = planportal::build_preview(&options, None, &mut cache, true).unwrap();
    assert!(
        changed.rendered_pages >= 3 && changed.rendered_pages < first.rendered_pages / 2,
        "{}",
        changed.rendered_pages
    );
    let indicator = fs::read_to_string(out.join("chi-tieu/hai-long-tthc/index.html")).unwrap();
    assert!(indicator.contains("97%"));
    let other =
        fs::read_to_string(out.join("hai-phong/nam-an-phu/ke-hoach-2026/index.html")).unwrap();
    assert!(other.contains("95%") && !other.contains("97%"));

    // A removed plan's page disappears.
    fs::remove_file(
        portal
            .path()
            .join("content/hai-phong/nam-an-phu/ke-hoach-2026.md"),
    )
    .unwrap();
    planportal::build_preview(&options, None, &mut cache, true).unwrap();
    assert!(
        !out.join("hai-phong/nam-an-phu/ke-hoach-2026/index.html")
            .exists()
    );
}

#[test]
fn a_build_outside_a_terminal_logs_one_line_per_stage_and_quiet_logs_none() {
    let portal = small_portal();
    let run = |quiet: bool| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_planportal"));
        command
            .arg("build")
            .arg("--root")
            .arg(portal.path())
            .arg("--out")
            .arg(portal.path().join("out"));
        if quiet {
            command.arg("--quiet");
        }
        let output = command.output().unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stderr).unwrap()
    };
    let log = run(false);
    let stages: Vec<&str> = log.lines().filter(|l| l.ends_with('…')).collect();
    // load, parse, graph, render (pages and open data), search index, write.
    assert_eq!(stages.len(), 6, "{log}");
    assert!(
        stages.iter().any(|l| l.starts_with("Dựng trang: ")),
        "{log}"
    );
    assert!(!run(true).contains('…'));
}
