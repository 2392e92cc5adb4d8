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
    run("colon in title", |r| plan(r, "title: Kế hoạch cải cách hành chính năm 2026", "title: Kế hoạch: cải cách hành chính năm 2026"));
    run("bad indent", |r| plan(r, "kind: ke-hoach", "  kind: ke-hoach"));
    run("collide", |r| write(r, "content/hai-phong/Tuệ Tĩnh/_index.md", "---\nname: Tuệ Tĩnh\nkind: xa\n---\n"));
    run("chi-tieu prov", |r| { write(r, "content/chi-tieu/_index.md", "---\nname: Chỉ Tiêu\nkind: tinh\n---\n"); write(r, "content/chi-tieu/xa-a/_index.md", "---\nname: A\nkind: xa\n---\n"); });
    run("chi-tieu prov alone", |r| { write(r, "content/chi-tieu/_index.md", "---\nname: Chỉ Tiêu\nkind: tinh\n---\n"); });
    run("top bang", |r| write(r, "content/!!!/_index.md", "---\nname: X\nkind: xa\n---\n"));
    run("empty", |r| { fs::remove_dir_all(r.join("content")).unwrap(); fs::create_dir(r.join("content")).unwrap(); });
    run("quote", |r| plan(r, "quote: \"đạt tối thiểu 95%\"", "quote: \"đạt tối thiểu 99%\""));
    run("year", |r| plan(r, "year: 2026", "year: 2031"));
    run("from", |r| plan(r, "    year: 2026", "    from: 2027\n    year: 2026"));
    run("attach", |r| plan(r, "targets:", "attachments:\n  - ke-hoach-2026.pdf\ntargets:"));
    run("unclosed", |r| plan(r, "---\n\n## I", "\n## I"));
    run("no content dir", |r| { fs::remove_dir_all(r.join("content")).unwrap(); });
}
#[test]
fn probe_bang() {
    let dir = small_portal();
    let out = tempfile::TempDir::new().unwrap();
    let o = out.path().join("public");
    write(dir.path(), "content/hai-phong/!!!/_index.md", "---\nname: Bang\nkind: xa\n---\n");
    try_build(dir.path(), &o).expect("build");
    let t = fs::read_to_string(o.join("hai-phong/index.html")).unwrap();
    println!("province page has commune title: {}", t.contains("<title>Xã Bang") || t.contains("Xã Bang</h1>"));
    for l in t.lines().filter(|l| l.contains("<h1")) { println!("{l}"); }
    let dir = small_portal();
    plan(dir.path(), "targets:", "attachments:\n  - index.html\ntargets:");
    write(dir.path(), "content/hai-phong/tue-tinh/index.html", "<h1>evil</h1>");
    let o2 = out.path().join("p2");
    try_build(dir.path(), &o2).expect("build");
    println!("plan page: {}", fs::read_to_string(o2.join("hai-phong/tue-tinh/ke-hoach-2026/index.html")).unwrap().len());
}
