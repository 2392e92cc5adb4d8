//! Pages that must stay light when a portal publishes every commune of many provinces: the home
//! page lists provinces instead of thousands of communes, and an indicator with more commitments
//! than fit on a page gets an overview by province plus one page per province.

mod common;

use common::{SMALL_PLAN, build_portal, portal_without_content, sel, text_of, write};

const PROVINCES: [(&str, &str); 3] = [("tinh-a", "An"), ("tinh-b", "Bình"), ("tinh-c", "Cường")];
const COMMUNES_PER_PROVINCE: usize = 70;

/// 3 provinces × 70 communes, each with the small plan (one `hai-long-tthc` target), except the
/// first commune of `tinh-a`, whose plan commits to nothing.
fn national_portal() -> tempfile::TempDir {
    let dir = portal_without_content();
    let root = dir.path();
    let without_target = SMALL_PLAN.replace(
        "targets:\n  - indicator: hai-long-tthc\n    value: 95\n    op: \">=\"\n    year: 2026\n    quote: \"đạt tối thiểu 95%\"\n",
        "",
    );
    assert_ne!(
        without_target, SMALL_PLAN,
        "the small plan's target was removed"
    );
    for (slug, name) in PROVINCES {
        write(
            root,
            &format!("content/{slug}/_index.md"),
            &format!("---\nname: {name}\nkind: tinh\n---\n"),
        );
        for commune in 0..COMMUNES_PER_PROVINCE {
            let folder = format!("content/{slug}/xa-{commune:03}");
            write(
                root,
                &format!("{folder}/_index.md"),
                &format!("---\nname: Số {commune} {name}\nkind: xa\n---\n"),
            );
            let plan = if slug == "tinh-a" && commune == 0 {
                &without_target
            } else {
                SMALL_PLAN
            };
            write(root, &format!("{folder}/ke-hoach-2026.md"), plan);
        }
    }
    dir
}

#[test]
fn a_national_portal_lists_provinces_and_splits_crowded_indicators_by_province() {
    let portal = national_portal();
    let site = build_portal(portal.path(), None);

    // Home: the provinces, with their counts; no list of 210 communes.
    let home = site.html("index.html");
    let provinces: Vec<_> = home.select(&sel("#cac-tinh + ul.cards > li")).collect();
    assert_eq!(provinces.len(), 3);
    for (item, (slug, _)) in provinces.iter().zip(PROVINCES) {
        let link = item.select(&sel("a")).next().unwrap();
        assert_eq!(
            link.value().attr("href"),
            Some(format!("/{slug}/").as_str())
        );
        assert!(
            text_of(*item).contains("70 xã, phường"),
            "{}",
            text_of(*item)
        );
    }
    assert!(home.select(&sel("#cac-xa")).next().is_none());

    // Indicator overview: one row per province, linking to that province's page.
    let overview = site.html("chi-tieu/hai-long-tthc/index.html");
    let rows: Vec<_> = overview.select(&sel("table.targets tbody tr")).collect();
    assert_eq!(rows.len(), 3);
    let committed: Vec<String> = rows
        .iter()
        .map(|row| text_of(row.select(&sel("td")).next().unwrap()))
        .collect();
    assert_eq!(committed, ["69 / 70", "70 / 70", "70 / 70"]);
    for (row, (slug, _)) in rows.iter().zip(PROVINCES) {
        let href = row.select(&sel("a")).next().unwrap().value().attr("href");
        assert_eq!(
            href,
            Some(format!("/chi-tieu/hai-long-tthc/{slug}/").as_str())
        );
    }
    let bars = overview.select(&sel("svg g.bar")).count();
    assert_eq!(bars, 3, "one bar (the median) per province");

    // Per-province pages: that province's communes only, with the one without a commitment.
    for (slug, _) in PROVINCES {
        let page = site.html(&format!("chi-tieu/hai-long-tthc/{slug}/index.html"));
        let communes: Vec<String> = page
            .select(&sel("table.targets tbody tr th a"))
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect();
        let expected = if slug == "tinh-a" { 69 } else { 70 };
        assert_eq!(communes.len(), expected, "{slug}");
        assert!(
            communes
                .iter()
                .all(|href| href.starts_with(&format!("/{slug}/")))
        );
        let missing: Vec<String> = page
            .select(&sel("#chua-dat-chi-tieu + ul a"))
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect();
        if slug == "tinh-a" {
            assert_eq!(missing, ["/tinh-a/xa-000/"]);
        } else {
            assert!(missing.is_empty(), "{slug}: {missing:?}");
        }
    }
    let sitemap = site.text("sitemap.xml");
    assert!(sitemap.contains("/chi-tieu/hai-long-tthc/tinh-b/"));
}
