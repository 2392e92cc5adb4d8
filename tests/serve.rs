//! `planportal serve` end to end: copies the example portal into a temporary directory, starts the
//! real binary on it (`--port 0`), reads the address it prints, and runs
//! `tests/browser/serve.test.mjs` (node's test runner driving Debian's Chromium through
//! `playwright-core`): edit → reload, broken edit → overlay over the last good page, fix → reload.
//! Then stops the server with SIGINT (as Ctrl-C does) and checks it removed its build directory.
//!
//! Needs `node` (20 or later), `/usr/bin/chromium` and `tests/browser/node_modules` (`npm ci` in
//! `tests/browser`), like `tests/browser.rs`; when one is missing the test fails and says how to
//! install it.

mod common;

use std::path::Path;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

#[test]
fn serve_reloads_shows_errors_and_recovers() {
    let repo = common::repo_root();
    common::require_browser_tooling("the serve test");

    let portal = tempfile::TempDir::new().unwrap();
    fs_copy(&repo.join("site.yaml"), &portal.path().join("site.yaml"));
    for dir in ["content", "data", "themes", "templates"] {
        if repo.join(dir).is_dir() {
            common::copy_dir(&repo.join(dir), &portal.path().join(dir));
        }
    }

    let (mut server, url, build_dir) = common::process::start_serve(portal.path());
    assert!(
        build_dir.is_dir(),
        "the build directory {} exists",
        build_dir.display()
    );

    let report = common::process::run_node_test(
        "serve.test.mjs",
        &[
            ("PLANPORTAL_SERVE_URL", url.as_ref()),
            ("PLANPORTAL_SERVE_ROOT", portal.path().as_os_str()),
        ],
        || format!("--- server ({url}) ---\n{}", server.log()),
    );

    // Ctrl-C: the server stops by itself and removes its build directory.
    let status = Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .expect("kill -INT");
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let exit = loop {
        if let Some(exit) = server.child.try_wait().unwrap() {
            break exit;
        }
        assert!(
            Instant::now() < deadline,
            "the server did not stop within 10 s of SIGINT.\n{}",
            server.log()
        );
        thread::sleep(Duration::from_millis(50));
    };
    assert!(
        exit.success(),
        "the server exited with {exit}.\n{}",
        server.log()
    );
    assert!(
        !build_dir.exists(),
        "the build directory {} was removed",
        build_dir.display()
    );
    println!("{report}");
}

fn fs_copy(from: &Path, to: &Path) {
    std::fs::copy(from, to).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
}
