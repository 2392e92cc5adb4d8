mod common;
use common::*;
use std::fs;

fn run(name: &str, f: impl FnOnce(&std::path::Path)) {
    let dir = small_portal();
    let out = tempfile::TempDir::new().unwrap();
    let o = out.path().join("public");
    try_build(dir.path(), &o).expect("first build");
    f(dir.path());
    match try_build(dir.path(), &o) {
        Ok(_) => println!("=== {name}: OK"),
        Err(p) => {
            println!("=== {name}:");
            for d in &p {
                println!("{:?}", d);
            }
        }
    }
}
fn plan(root: &std::path::Path, from: &str, to: &str) {
    assert!(SMALL_PLAN.contains(from), "{from}");
    write(
        root,
        "content/hai-phong/tue-tinh/ke-hoach-2026.md",
        &SMALL_PLAN.replacen(from, to, 1),
    );
}

#[test]
fn probe() {
    run("missing colon", |r| {
        plan(r, "kind: ke-hoach", "kind ke-hoach")
    });
    run("unbalanced quote last", |r| {
        plan(r, "content: Rà soát", "content: \"Rà soát")
    });
    run("unbalanced quote title", |r| {
        plan(r, "title: Kế", "title: \"Kế")
    });
    run("unbalanced quote quote", |r| {
        plan(
            r,
            "quote: \"đạt tối thiểu 95%\"",
            "quote: \"đạt tối thiểu 95%",
        )
    });
    run("flow unbalanced", |r| {
        plan(
            r,
            "period: {from: 2026, to: 2026}",
            "period: {from: 2026, to: 2026",
        )
    });
    run("tab", |r| plan(r, "    value: 95", "\tvalue: 95"));
    run("tab2", |r| plan(r, "    year: 2026", "  \t  year: 2026"));
    run("95%", |r| plan(r, "value: 95", "value: 95%"));
    run("date", |r| plan(r, "2026-01-10", "2026-02-30"));
    run("no title", |r| {
        plan(r, "title: Kế hoạch cải cách hành chính năm 2026\n", "")
    });
    run("titel", |r| plan(r, "title:", "titel:"));
    run("indicatr", |r| plan(r, "indicator:", "indicatr:"));
    run("no year", |r| plan(r, "    year: 2026\n", ""));
    run("bad status", |r| {
        plan(r, "status: hieu-luc", "status: hieu-lu")
    });
    run("index.html attachment", |r| {
        plan(r, "targets:", "attachments:\n  - index.html\ntargets:");
        write(r, "content/hai-phong/tue-tinh/index.html", "<h1>evil</h1>");
    });
    run("bang folder", |r| {
        write(
            r,
            "content/hai-phong/!!!/_index.md",
            "---\nname: X\nkind: xa\n---\n",
        );
    });
    run("bom + bad byte", |r| {
        let mut b = b"\xef\xbb\xbf---\xff\n".to_vec();
        b.extend_from_slice(b"x");
        fs::write(r.join("content/hai-phong/tue-tinh/ke-hoach-2026.md"), b).unwrap();
    });
    run("plan md named index", |r| {
        write(r, "content/hai-phong/tue-tinh/index.md", SMALL_PLAN);
    });
}
