//! The web editor (`/admin/`, Decap CMS) end to end: copies the example portal into a temporary
//! git repository whose `site.yaml` points the editor at a local `decap-server` (git mode, on
//! 127.0.0.1), starts `decap-server` and `planportal serve` on it, and runs
//! `tests/browser/admin.test.mjs` (node's test runner driving Debian's Chromium through
//! `playwright-core`), which signs in, creates a plan for Xã Tuệ Tĩnh with two targets and one task
//! through the form and publishes it. Then checks that `decap-server` committed the file, that
//! `planportal check` passes, and that a build shows the plan and its targets on the indicator
//! pages.
//!
//! Needs what `tests/browser.rs` needs, and `decap-server` (pinned in `tests/browser/package.json`,
//! installed by `npm ci`) and `git`. `PLANPORTAL_SCREENSHOTS=DIR` saves the editor guide's
//! screenshots into DIR (see docs/huong-dan-bien-tap.md).

mod common;

use common::process::Process;
use common::{INSTALL_HINT, html_file, sel, text_of};
use std::fs;
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// Where Decap saves the plan: the commune's folder and the slug of the title the test types.
const SAVED: &str =
    "content/hai-phong/tue-tinh/ke-hoach-cai-cach-hanh-chinh-nam-2027-cua-xa-tue-tinh.md";

#[test]
fn a_plan_created_in_the_web_editor_passes_check_and_is_published() {
    let repo = common::repo_root();
    let browser_dir = repo.join("tests").join("browser");
    common::require_browser_tooling("the web editor test");
    let decap_server = browser_dir.join("node_modules/decap-server/dist/index.js");
    assert!(
        decap_server.exists(),
        "the web editor test needs decap-server ({} is missing).\n{INSTALL_HINT}",
        decap_server.display()
    );

    let portal = tempfile::TempDir::new().unwrap();
    let root = portal.path();
    for dir in ["content", "data", "themes"] {
        common::copy_dir(&repo.join(dir), &root.join(dir));
    }
    // decap-server's port: a free one, released just before it starts.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let site = fs::read_to_string(repo.join("site.yaml")).unwrap();
    fs::write(
        root.join("site.yaml"),
        format!("{site}admin:\n  local_backend_url: http://127.0.0.1:{port}/api/v1\n"),
    )
    .unwrap();
    git(root, &["init", "--quiet", "--initial-branch=main"]);
    git(root, &["add", "--all"]);
    git(root, &["commit", "--quiet", "--message=Cổng mẫu"]);

    let mut command = Command::new("node");
    command
        .arg(&decap_server)
        .current_dir(root)
        .env("PORT", port.to_string())
        .env("BIND_HOST", "127.0.0.1")
        .env("MODE", "git")
        .env("GIT_REPO_DIRECTORY", root)
        .env("LOG_LEVEL", "warn");
    let (decap, _) = Process::spawn(command);
    wait_for_port(port, &decap);
    let (server, url, _) = common::process::start_serve(root);

    let report = common::process::run_node_test(
        "admin.test.mjs",
        &[("PLANPORTAL_ADMIN_URL", url.as_ref())],
        || {
            format!(
                "--- decap-server ---\n{}\n--- planportal serve ({url}) ---\n{}",
                decap.log(),
                server.log()
            )
        },
    );
    drop(server);
    drop(decap);

    // decap-server committed the new file, and only it.
    let log = git(root, &["log", "--format=%s", "--name-only", "-1"]);
    assert!(
        log.lines().any(|l| l == SAVED),
        "last commit:\n{log}\n{report}"
    );
    assert_eq!(
        git(root, &["status", "--porcelain"]),
        "",
        "nothing left uncommitted"
    );

    // What the form wrote is what the model reads: check passes with no warning about the plan.
    let saved = fs::read_to_string(root.join(SAVED)).unwrap();
    let check = planportal::check_with(
        &planportal::BuildOptions {
            root: root.to_path_buf(),
            ..Default::default()
        },
        None,
    );
    let about_plan: Vec<_> = check
        .diagnostics
        .iter()
        .filter(|d| d.file.ends_with(Path::new(SAVED).file_name().unwrap()))
        .collect();
    assert!(
        !check.has_errors() && about_plan.is_empty(),
        "planportal check on the saved plan:\n{}\n--- saved ---\n{saved}",
        planportal::diagnostics::report(&check.diagnostics)
    );

    // The build publishes the plan, and each target on its indicator's page.
    let out = tempfile::TempDir::new().unwrap();
    let summary = common::try_build(root, out.path()).unwrap_or_else(|problems| {
        panic!(
            "build failed:\n{}",
            planportal::diagnostics::report(&problems)
        )
    });
    assert_eq!(summary.plans, 5, "the four example plans and the new one");
    let page_path = "hai-phong/tue-tinh/ke-hoach-cai-cach-hanh-chinh-nam-2027-cua-xa-tue-tinh/";
    let page = html_file(&out.path().join(page_path).join("index.html"));
    let title = page
        .select(&sel("h1"))
        .next()
        .map(text_of)
        .unwrap_or_default();
    assert_eq!(
        title,
        "Kế hoạch cải cách hành chính năm 2027 của xã Tuệ Tĩnh"
    );
    for (indicator, value) in [
        ("hai-long-tthc", "96,5%"),
        ("dvc-truc-tuyen-toan-trinh", "100%"),
    ] {
        let page = html_file(
            &out.path()
                .join("chi-tieu")
                .join(indicator)
                .join("index.html"),
        );
        let row = page
            .select(&sel("tbody tr"))
            .find(|row| {
                row.select(&sel("a"))
                    .any(|a| a.attr("href").is_some_and(|h| h.contains(page_path)))
            })
            .unwrap_or_else(|| panic!("chi-tieu/{indicator}/ lists no target of the new plan"));
        let cell = row
            .select(&sel("td.value"))
            .next()
            .map(text_of)
            .unwrap_or_default();
        assert!(
            cell.contains(value) && cell.contains("tối thiểu"),
            "chi-tieu/{indicator}/: {cell}"
        );
        assert!(text_of(row).contains("năm 2027"), "{}", text_of(row));
    }
    println!("{report}");
}

/// Runs git in `dir` (with a fixed identity), returning its output; panics on failure.
fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args([
            "-c",
            "user.name=planportal",
            "-c",
            "user.email=planportal@example.invalid",
        ])
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run git: {e}"));
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Waits until `decap-server` accepts connections.
fn wait_for_port(port: u16, process: &Process) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "decap-server did not listen on 127.0.0.1:{port} within 30 s.\n{}",
            process.log()
        );
        thread::sleep(Duration::from_millis(100));
    }
}
