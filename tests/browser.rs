//! Browser tests: publishes the example portal twice (at the root of a host and under a sub-path),
//! the hostile-input portal of `tests/fixtures/xss/cases.yaml` once, and a copy of the example
//! with a search delta (one plan edited after its index was built) once, serves them over HTTP on
//! loopback with a tiny static server, and runs the JavaScript tests in `tests/browser/*.test.mjs`
//! (node's test runner driving Debian's Chromium through `playwright-core`).
//!
//! Needs `node` (20 or later), `/usr/bin/chromium` and `tests/browser/node_modules` (from
//! `npm ci` in `tests/browser`). When one of them is missing the test fails and says how to install
//! it; `.ci/run` installs all three.
//!
//! Environment:
//! - `PLANPORTAL_BROWSER_TESTS=pages,search`: run only the test files whose name contains one of
//!   the words (default: every `*.test.mjs`).
//! - `PLANPORTAL_BROWSER_GREP=REGEX`: run only the tests whose name matches (node's
//!   `--test-name-pattern`).
//! - `PLANPORTAL_BROWSER_TIMEOUT=SECONDS`: overall limit for the node run (default 600).

mod common;

use common::hostile::{self, Case};
use common::search_files;
use common::{CHROMIUM, INSTALL_HINT};

use std::collections::HashMap;
use std::ffi::OsStr;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// The sub-path the second copy of the portal is published under.
const SUB_PATH: &str = "/xa/cchc/";

#[test]
fn browser_tests() {
    let repo = common::repo_root();
    let browser_dir = repo.join("tests").join("browser");
    let node_version = common::require_browser_tooling("the browser tests");

    // Bind first: the base URL written into the pages must name the port.
    let root_listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let sub_listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let root_url = format!("http://{}/", root_listener.local_addr().unwrap());
    let sub_url = format!("http://{}{SUB_PATH}", sub_listener.local_addr().unwrap());

    let root_site = common::build_example(Some(&root_url));
    let sub_site = common::build_example(Some(&sub_url));

    let _root_server = StaticServer::start(root_listener, root_site.out.clone(), "/");
    let _sub_server = StaticServer::start(sub_listener, sub_site.out.clone(), SUB_PATH);

    // A copy of the example portal whose plan EDITED_PLAN was edited after its search index was
    // built, with the search delta of that edit (tests/browser/search-delta.test.mjs).
    let delta_listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let delta_url = format!("http://{}/", delta_listener.local_addr().unwrap());
    let delta_portal = search_files::example_copy();
    let delta_site = common::build_portal(delta_portal.path(), Some(&delta_url));
    let base = search_files::build_base(delta_portal.path(), &delta_site.out, Some(&delta_url));
    search_files::edit_plan(delta_portal.path());
    search_files::apply_delta(
        delta_portal.path(),
        &delta_site.out,
        Some(&delta_url),
        &base,
        &[search_files::EDITED_PLAN],
    );
    // The dev server renders the edited plan's page again; so does this test.
    let edited = common::build_portal(delta_portal.path(), Some(&delta_url));
    let page = format!("{}index.html", search_files::EDITED_PLAN);
    fs::copy(edited.out.join(&page), delta_site.out.join(&page)).unwrap();
    let _delta_server = StaticServer::start(delta_listener, delta_site.out.clone(), "/");

    // The hostile-input portal, and its cases for tests/browser/xss.test.mjs.
    let hostile_listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let hostile_url = format!("http://{}/", hostile_listener.local_addr().unwrap());
    let cases = hostile::cases();
    let hostile_portal = hostile::portal(&hostile::published(&cases));
    let hostile_site = common::build_portal(hostile_portal.path(), Some(&hostile_url));
    let cases_file = hostile_site.dir.path().join("xss-cases.json");
    fs::write(&cases_file, cases_json(&cases)).unwrap();
    let _hostile_server = StaticServer::start(hostile_listener, hostile_site.out.clone(), "/");

    // Sanity check of the server itself before blaming the pages.
    let (status, _, body) = http_get(&root_url, "/").expect("GET / on the test server");
    assert_eq!(status, 200, "the test server should serve the home page");
    assert!(String::from_utf8_lossy(&body).contains("<html"));
    let (status, _, _) = http_get(&sub_url, &format!("{SUB_PATH}chi-tieu/")).unwrap();
    assert_eq!(status, 200, "the sub-path server should serve chi-tieu/");
    let (status, _, _) = http_get(&sub_url, "/chi-tieu/").unwrap();
    assert_eq!(status, 404, "outside the sub-path nothing is served");

    let files = test_files(&browser_dir);
    assert!(
        !files.is_empty(),
        "no *.test.mjs file selected in {}",
        browser_dir.display()
    );

    let limit = std::env::var("PLANPORTAL_BROWSER_TIMEOUT")
        .ok()
        .and_then(|s| s.parse().ok())
        .map(Duration::from_secs)
        .unwrap_or(Duration::from_secs(600));
    let mut command = Command::new("node");
    command.arg("--test").arg("--test-reporter=spec");
    if let Ok(pattern) = std::env::var("PLANPORTAL_BROWSER_GREP") {
        command.arg(format!("--test-name-pattern={pattern}"));
    }
    command
        .args(&files)
        .current_dir(&repo)
        .env("PLANPORTAL_ROOT_URL", &root_url)
        .env("PLANPORTAL_SUBPATH_URL", &sub_url)
        .env("PLANPORTAL_REPO", &repo)
        .env("PLANPORTAL_HOSTILE_URL", &hostile_url)
        .env("PLANPORTAL_DELTA_URL", &delta_url)
        .env("PLANPORTAL_DELTA_PLAN", search_files::EDITED_PLAN)
        .env("PLANPORTAL_HOSTILE_OUT", &hostile_site.out)
        .env("PLANPORTAL_HOSTILE_CASES", &cases_file)
        .env("PLANPORTAL_CHROMIUM", CHROMIUM)
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
        .env("NO_COLOR", "1")
        .env_remove("FORCE_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let run = run_with_limit(command, limit);
    let output = format!(
        "--- node {node_version} --test ({} file(s), {:.1} s; root site {root_url}, sub-path site {sub_url}) ---\n\
         {}\n--- stderr ---\n{}",
        files.len(),
        started.elapsed().as_secs_f64(),
        run.stdout,
        run.stderr
    );
    if run.timed_out {
        panic!(
            "the browser tests did not finish within {} s; node was killed.\n{output}",
            limit.as_secs()
        );
    }
    assert!(
        run.success,
        "the browser tests failed (node exited with {}).\n{output}",
        run.status
    );
    // Shown with `cargo test --test browser -- --nocapture`.
    println!("{output}");
}

/// The corpus for the browser: every case with whether it was published and the texts that must
/// be visible on some page.
fn cases_json(cases: &[Case]) -> String {
    let cases: Vec<serde_json::Value> = cases
        .iter()
        .map(|case| {
            serde_json::json!({
                "id": case.id,
                "field": case.field,
                "payload": case.payload,
                "published": !case.is_search() && case.rejected.is_none(),
                "search": case.is_search(),
                "expected": case.expected_texts(),
            })
        })
        .collect();
    serde_json::to_string_pretty(&cases).unwrap()
}

/// The test files to run: `tests/browser/*.test.mjs`, narrowed by `PLANPORTAL_BROWSER_TESTS`.
fn test_files(browser_dir: &Path) -> Vec<PathBuf> {
    let only: Vec<String> = std::env::var("PLANPORTAL_BROWSER_TESTS")
        .unwrap_or_default()
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let mut files: Vec<PathBuf> = fs::read_dir(browser_dir)
        .unwrap_or_else(|e| panic!("{}: {e}", browser_dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            let name = path.file_name().and_then(OsStr::to_str).unwrap_or("");
            name.ends_with(".test.mjs")
                && (only.is_empty() || only.iter().any(|word| name.contains(word.as_str())))
        })
        .collect();
    files.sort();
    files
}

// ---------------------------------------------------------------------------------------------
// Running node with a time limit.

struct Run {
    success: bool,
    timed_out: bool,
    status: String,
    stdout: String,
    stderr: String,
}

fn run_with_limit(mut command: Command, limit: Duration) -> Run {
    // Node and the test processes it starts get a process group of their own, so a time-out can
    // stop all of them (each closes its Chromium on SIGTERM).
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child: Child = command
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start node: {e}\n{INSTALL_HINT}"));
    let stdout = drain(child.stdout.take().unwrap());
    let stderr = drain(child.stderr.take().unwrap());
    let deadline = Instant::now() + limit;
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for node") {
            break status;
        }
        if Instant::now() >= deadline {
            timed_out = true;
            // SIGTERM first: playwright closes its browsers on it. Then make sure.
            signal_group(&child, "TERM");
            let grace = Instant::now() + Duration::from_secs(5);
            while Instant::now() < grace {
                if child.try_wait().ok().flatten().is_some() {
                    break;
                }
                thread::sleep(Duration::from_millis(100));
            }
            signal_group(&child, "KILL");
            let _ = child.kill();
            break child.wait().expect("waiting for killed node");
        }
        thread::sleep(Duration::from_millis(100));
    };
    Run {
        success: status.success() && !timed_out,
        timed_out,
        status: status.to_string(),
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    }
}

/// Sends a signal to the process group led by `child` (the `kill` command; no libc needed).
fn signal_group(child: &Child, signal: &str) {
    let target = if cfg!(unix) {
        format!("-{}", child.id())
    } else {
        child.id().to_string()
    };
    let _ = Command::new("kill")
        .args([format!("-{signal}"), "--".to_string(), target])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// Reads a pipe to the end on a thread, so a chatty child never blocks on a full pipe.
fn drain(mut pipe: impl Read + Send + 'static) -> JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

// ---------------------------------------------------------------------------------------------
// A tiny static HTTP/1.1 server (GET and HEAD, one request per connection).

struct StaticServer {
    stop: Arc<AtomicBool>,
    addr: std::net::SocketAddr,
    accept: Option<JoinHandle<()>>,
}

struct Site {
    root: PathBuf,
    /// URL path prefix the site lives under, starting and ending with `/`.
    prefix: String,
}

impl StaticServer {
    fn start(listener: TcpListener, root: PathBuf, prefix: &str) -> StaticServer {
        let stop = Arc::new(AtomicBool::new(false));
        let addr = listener.local_addr().unwrap();
        let site = Arc::new(Site {
            root,
            prefix: prefix.to_string(),
        });
        let flag = Arc::clone(&stop);
        let accept = thread::spawn(move || {
            for stream in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let site = Arc::clone(&site);
                thread::spawn(move || {
                    let _ = serve(stream, &site);
                });
            }
        });
        StaticServer {
            stop,
            addr,
            accept: Some(accept),
        }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

fn serve(stream: TcpStream, site: &Site) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line)? == 0 {
        return Ok(());
    }
    // Skip the headers (bounded).
    let mut header_bytes = 0;
    loop {
        let mut line = String::new();
        let n = reader.read_line(&mut line)?;
        header_bytes += n;
        if n == 0 || line == "\r\n" || line == "\n" || header_bytes > 64 * 1024 {
            break;
        }
    }
    let mut stream = stream;
    let mut parts = request_line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return respond(
            &mut stream,
            false,
            400,
            "text/plain; charset=utf-8",
            &[],
            b"bad request",
        );
    };
    let head = method == "HEAD";
    if method != "GET" && !head {
        return respond(
            &mut stream,
            false,
            405,
            "text/plain; charset=utf-8",
            &[("Allow", "GET, HEAD".to_string())],
            b"method not allowed",
        );
    }
    match resolve(site, target) {
        Resolved::File(path) => {
            let body = fs::read(&path)?;
            respond(&mut stream, head, 200, content_type(&path), &[], &body)
        }
        Resolved::Redirect(location) => respond(
            &mut stream,
            head,
            301,
            "text/plain; charset=utf-8",
            &[("Location", location)],
            b"moved",
        ),
        Resolved::NotFound => {
            let body = fs::read(site.root.join("404.html"))
                .unwrap_or_else(|_| b"<!DOCTYPE html><title>404</title>".to_vec());
            respond(
                &mut stream,
                head,
                404,
                "text/html; charset=utf-8",
                &[],
                &body,
            )
        }
    }
}

enum Resolved {
    File(PathBuf),
    Redirect(String),
    NotFound,
}

/// Maps a request target to a file of the site: the prefix is stripped, `%XX` decoded, `..`
/// refused, a folder served by its `index.html` (redirected to the slash form first).
fn resolve(site: &Site, target: &str) -> Resolved {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let query = target.find('?').map(|i| &target[i..]).unwrap_or("");
    // `/xa/cchc` → `/xa/cchc/`.
    if site.prefix.len() > 1 && path == site.prefix.trim_end_matches('/') {
        return Resolved::Redirect(format!("{}{query}", site.prefix));
    }
    let Some(rest) = path.strip_prefix(site.prefix.as_str()) else {
        return Resolved::NotFound;
    };
    let Some(decoded) = percent_decode(rest) else {
        return Resolved::NotFound;
    };
    let relative = Path::new(&decoded);
    if !relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
    {
        return Resolved::NotFound;
    }
    let file = site.root.join(relative);
    if file.is_dir() {
        if !(decoded.is_empty() || decoded.ends_with('/')) {
            return Resolved::Redirect(format!("{path}/{query}"));
        }
        let index = file.join("index.html");
        return if index.is_file() {
            Resolved::File(index)
        } else {
            Resolved::NotFound
        };
    }
    if file.is_file() && !decoded.ends_with('/') {
        Resolved::File(file)
    } else {
        Resolved::NotFound
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let decoded = String::from_utf8(out).ok()?;
    (!decoded.contains('\0')).then_some(decoded)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(OsStr::to_str).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "bin" => "application/octet-stream",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn respond(
    stream: &mut TcpStream,
    head: bool,
    status: u16,
    content_type: &str,
    extra: &[(&str, String)],
    body: &[u8],
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Unknown",
    };
    let mut response = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in extra {
        response.push_str(&format!("{name}: {value}\r\n"));
    }
    response.push_str("\r\n");
    stream.write_all(response.as_bytes())?;
    if !head {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// A minimal client for the sanity checks: status, headers, body.
fn http_get(
    base_url: &str,
    path: &str,
) -> std::io::Result<(u16, HashMap<String, String>, Vec<u8>)> {
    let authority = base_url
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap_or("");
    let mut stream = TcpStream::connect(authority)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(raw.len());
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let body = raw.get(split + 4..).unwrap_or(&[]).to_vec();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Ok((status, headers, body))
}

#[test]
fn static_server_serves_files_folders_and_404() {
    let dir = tempfile::TempDir::new().unwrap();
    let root = dir.path().to_path_buf();
    fs::create_dir_all(root.join("a/b")).unwrap();
    fs::write(root.join("index.html"), "<html>home</html>").unwrap();
    fs::write(root.join("404.html"), "<html>missing</html>").unwrap();
    fs::write(root.join("a/b/index.html"), "<html>ab</html>").unwrap();
    fs::write(root.join("a/data.json"), "{}").unwrap();
    fs::write(root.join("a/0.bin"), [1u8, 2, 3]).unwrap();
    for prefix in ["/", SUB_PATH] {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}{prefix}", listener.local_addr().unwrap());
        let _server = StaticServer::start(listener, root.clone(), prefix);
        let get = |path: &str| http_get(&base, &format!("{prefix}{path}")).unwrap();

        let (status, headers, body) = get("");
        assert_eq!((status, body.as_slice()), (200, &b"<html>home</html>"[..]));
        assert_eq!(headers["content-type"], "text/html; charset=utf-8");
        let (status, _, body) = get("a/b/?q=x");
        assert_eq!((status, body.as_slice()), (200, &b"<html>ab</html>"[..]));
        let (status, headers, _) = get("a/b?q=x");
        assert_eq!(status, 301);
        assert_eq!(headers["location"], format!("{prefix}a/b/?q=x"));
        let (status, headers, body) = get("a/data.json");
        assert_eq!((status, body.as_slice()), (200, &b"{}"[..]));
        assert_eq!(headers["content-type"], "application/json");
        let (status, headers, body) = get("a/%30.bin");
        assert_eq!((status, body.as_slice()), (200, &[1u8, 2, 3][..]));
        assert_eq!(headers["content-type"], "application/octet-stream");
        for missing in [
            "nope/",
            "a/../index.html",
            "a/%2e%2e/index.html",
            "a/data.json/",
        ] {
            let (status, _, body) = get(missing);
            assert_eq!(status, 404, "{prefix}{missing}");
            assert_eq!(body, b"<html>missing</html>");
        }
        if prefix != "/" {
            let (status, _, _) = http_get(&base, "/index.html").unwrap();
            assert_eq!(status, 404, "outside the prefix");
            let (status, headers, _) = http_get(&base, "/xa/cchc").unwrap();
            assert_eq!(status, 301);
            assert_eq!(headers["location"], SUB_PATH);
        }
    }
}
