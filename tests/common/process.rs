//! Child processes of the end-to-end tests (`planportal serve`, `decap-server`): started with
//! their output captured for failure messages, killed when the test ends early.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

/// A running child process; killed if the test fails before stopping it.
pub struct Process {
    /// The process.
    pub child: Child,
    /// Everything it printed so far (stdout and stderr), for failure messages.
    log: Arc<Mutex<String>>,
}

impl Process {
    /// Everything the process printed so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Starts `command` with its output captured; its stdout lines also go to the receiver.
    pub fn spawn(mut command: Command) -> (Process, mpsc::Receiver<String>) {
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {command:?}: {e}"));
        let log = Arc::new(Mutex::new(String::new()));
        let (lines_tx, lines_rx) = mpsc::channel::<String>();
        let stdout = child.stdout.take().unwrap();
        let stderr = child.stderr.take().unwrap();
        let out_log = Arc::clone(&log);
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                out_log.lock().unwrap().push_str(&format!("{line}\n"));
                let _ = lines_tx.send(line);
            }
        });
        let err_log = Arc::clone(&log);
        thread::spawn(move || {
            let mut reader = BufReader::new(stderr);
            let mut buffer = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                err_log
                    .lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buffer[..n]));
            }
        });
        (Process { child, log }, lines_rx)
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Starts `planportal serve --root <root> --port 0`; returns it, its address and its build
/// directory (both read from what it prints).
pub fn start_serve(root: &Path) -> (Process, String, PathBuf) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_planportal"));
    command
        .args(["serve", "--root"])
        .arg(root)
        .args(["--port", "0"]);
    let (server, lines_rx) = Process::spawn(command);
    let deadline = Instant::now() + Duration::from_secs(60);
    let (mut url, mut build_dir) = (None, None);
    while url.is_none() || build_dir.is_none() {
        let left = deadline.saturating_duration_since(Instant::now());
        match lines_rx.recv_timeout(left) {
            Ok(line) => {
                if let Some(at) = line.find("http://") {
                    url = Some(line[at..].trim().to_string());
                } else if let Some((_, dir)) = line.split_once("Thư mục dựng tạm: ") {
                    build_dir = Some(PathBuf::from(dir.trim()));
                }
            }
            Err(_) => panic!(
                "planportal serve printed no address within 60 s (or exited).\n{}",
                server.log()
            ),
        }
    }
    let url = url.unwrap();
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with('/'),
        "unexpected address {url}"
    );
    (server, url, build_dir.unwrap())
}

/// Runs one file of `tests/browser/` with node's test runner (Debian's Chromium, no colours), with
/// `env` added, and panics with `context` (e.g. the servers' logs) unless it ran and passed.
/// Returns what node printed.
pub fn run_node_test(file: &str, env: &[(&str, &OsStr)], context: impl Fn() -> String) -> String {
    let repo = super::repo_root();
    let mut command = Command::new("node");
    command
        .arg("--test")
        .arg("--test-reporter=spec")
        .arg(repo.join("tests").join("browser").join(file))
        .current_dir(&repo)
        .envs(env.iter().copied())
        .env("PLANPORTAL_CHROMIUM", super::CHROMIUM)
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
        .env("NO_COLOR", "1")
        .env_remove("FORCE_COLOR")
        .stdin(Stdio::null());
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot start node: {e}\n{}", super::INSTALL_HINT));
    let report = format!(
        "--- node --test {file} ---\n{}\n--- stderr ---\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
        context()
    );
    assert!(
        output.status.success(),
        "{file} failed ({}).\n{report}",
        output.status
    );
    assert!(
        !String::from_utf8_lossy(&output.stdout).contains("# skipped 1"),
        "{file} was skipped.\n{report}"
    );
    report
}
