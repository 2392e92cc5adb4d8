//! Failure while publishing: whatever happens to a build (killed with SIGKILL while it writes, an
//! output folder it may not write into, a disk that fills up, a second build into the same
//! output), the output published before stays in place, byte for byte, and the next build works.
//!
//! These stories drive the `planportal` binary on the example portal (the repository root) into
//! an output folder in a temporary directory.

mod common;

use common::{Snapshot, differences, repo_root, snapshot};
use std::fs::{self, File};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// An output folder holding a good build of the example portal.
struct Published {
    /// Holds the output folder (and what a build leaves beside it).
    parent: TempDir,
    out: PathBuf,
    good: Snapshot,
    /// How long that build took.
    took: Duration,
}

impl Published {
    fn example() -> Published {
        let parent = TempDir::new().unwrap();
        let out = parent.path().join("public");
        let started = Instant::now();
        let output = build(&out).output().unwrap();
        let took = started.elapsed();
        assert_success(&output);
        let good = snapshot(&out);
        assert!(good.contains_key(Path::new("index.html")));
        Published {
            parent,
            out,
            good,
            took,
        }
    }

    /// The output is the good build, byte for byte.
    fn assert_intact(&self, after: &str) {
        assert!(self.out.is_dir(), "{after}: the output folder is gone");
        let changes = differences(&self.good, &snapshot(&self.out));
        assert!(
            changes.is_empty(),
            "{after}: the published output changed:\n{}",
            changes.join("\n")
        );
    }

    /// What is beside the output folder, sorted.
    fn beside(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.parent.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Only the output and its lock file are beside it: no staging folder, no moved-aside copy.
    fn assert_nothing_left_beside(&self, after: &str) {
        assert_eq!(
            self.beside(),
            [".public.lock", "public"],
            "{after}: leftovers beside the output"
        );
    }
}

/// `planportal build` of the example portal into `out`, quiet, its output captured.
fn build(out: &Path) -> Command {
    build_with(
        Path::new(env!("CARGO_BIN_EXE_planportal")),
        &repo_root(),
        out,
    )
}

/// `binary build` of the portal at `root` into `out`, quiet, its output captured.
fn build_with(binary: &Path, root: &Path, out: &Path) -> Command {
    let mut command = Command::new(binary);
    command
        .arg("--quiet")
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--out")
        .arg(out)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "the build failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Asserts a write failure: exit code 2 and a Vietnamese message containing `says`, which also
/// tells that the published output is unchanged.
fn assert_write_error(output: &Output, says: &str) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(
        output.status.code(),
        Some(2),
        "exit code; stderr:\n{stderr}"
    );
    assert!(stderr.starts_with("lỗi: "), "{stderr}");
    assert!(stderr.contains(says), "expected “{says}” in:\n{stderr}");
    assert!(
        stderr.contains("bản đã xuất bản trước đó vẫn giữ nguyên")
            || stderr.contains("bản đã xuất bản vẫn giữ nguyên"),
        "the message should say the published output is unchanged:\n{stderr}"
    );
    stderr
}

/// A small deterministic generator (64-bit LCG), so the kill points are the same on every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % bound.max(1)
    }
}

#[test]
fn a_build_killed_at_random_points_leaves_the_previous_output_intact_and_the_next_build_works() {
    let site = Published::example();
    // Kill points spread over the whole build (loading, rendering, writing, the swap), and a
    // little after it: 5 ms up to 1.2 times what a complete build took.
    let span = (site.took.as_millis() as u64 * 6 / 5).max(300);
    let mut random = Lcg(0x5eed_0008);
    let mut killed_while_running = 0;
    for round in 1..=10 {
        let delay = Duration::from_millis(5 + random.below(span));
        let mut child = build(&site.out).spawn().unwrap();
        std::thread::sleep(delay);
        // SIGKILL: no destructor, no cleanup, exactly like a power cut for the process.
        if child.kill().is_ok() && !child.wait().unwrap().success() {
            killed_while_running += 1;
        }
        let _ = child.wait();
        site.assert_intact(&format!("kill {round} after {delay:?}"));
    }
    assert!(
        killed_while_running > 0,
        "no build was killed while running: the kill points missed every build"
    );
    // The next build clears whatever the killed ones left and publishes the same site.
    let output = build(&site.out).output().unwrap();
    assert_success(&output);
    site.assert_intact("the build after the kills");
    site.assert_nothing_left_beside("the build after the kills");
}

#[test]
fn an_output_moved_aside_by_a_killed_swap_is_put_back_by_the_next_build() {
    let site = Published::example();
    // What a build killed in the middle of a non-atomic swap leaves: the output moved aside
    // and a staging folder that never took its place.
    let aside = site.parent.path().join(".public.previous-4242");
    fs::rename(&site.out, &aside).unwrap();
    let staging = site.parent.path().join(".public.staging-4242");
    fs::create_dir_all(staging.join("half")).unwrap();
    fs::write(staging.join("half/index.html"), "half a page").unwrap();
    // A build refused for its sources still puts the output back first.
    let broken = common::small_portal();
    common::write(
        broken.path(),
        "content/hai-phong/tue-tinh/sai.md",
        "no front matter\n",
    );
    let output = Command::new(env!("CARGO_BIN_EXE_planportal"))
        .args(["--quiet", "build", "--root"])
        .arg(broken.path())
        .arg("--out")
        .arg(&site.out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    site.assert_intact("a refused build after a killed swap");
    site.assert_nothing_left_beside("a refused build after a killed swap");
}

/// `planportal build` into `out` that cannot write into folders it does not own: as root (CI),
/// where file permissions alone would not stop anything, a copy of the binary and of the example
/// portal in `stage` are run as `nobody` (65534), who may read them and the output but owns none
/// of it. Nothing outside the test's temporary folders changes.
fn unprivileged_build(out: &Path, stage: &Path) -> Command {
    if !running_as_root() {
        return build(out);
    }
    fs::set_permissions(stage, fs::Permissions::from_mode(0o755)).unwrap();
    let binary = stage.join("planportal");
    fs::copy(env!("CARGO_BIN_EXE_planportal"), &binary).unwrap();
    let portal = stage.join("portal");
    for folder in ["content", "data", "themes"] {
        common::copy_dir(&repo_root().join(folder), &portal.join(folder));
    }
    fs::copy(repo_root().join("site.yaml"), portal.join("site.yaml")).unwrap();
    let mut command = build_with(&binary, &portal, out);
    command.uid(65534).gid(65534);
    command
}

fn running_as_root() -> bool {
    fs::metadata("/proc/self")
        .map(|meta| std::os::unix::fs::MetadataExt::uid(&meta) == 0)
        .unwrap_or(false)
}

#[test]
fn a_read_only_output_folder_is_a_clear_error_and_the_previous_output_stays() {
    let site = Published::example();
    let parent = site.parent.path();
    fs::set_permissions(parent, fs::Permissions::from_mode(0o555)).unwrap();
    let stage = TempDir::new().unwrap();
    let output = unprivileged_build(&site.out, stage.path())
        .output()
        .unwrap();
    fs::set_permissions(parent, fs::Permissions::from_mode(0o755)).unwrap();
    let stderr = assert_write_error(&output, "không tạo được");
    assert!(
        stderr.contains("Permission denied") && stderr.contains(&parent.display().to_string()),
        "the message names the folder and the reason:\n{stderr}"
    );
    site.assert_intact("a build into a read-only folder");
    site.assert_nothing_left_beside("a build into a read-only folder");
}

#[test]
fn a_full_disk_is_a_clear_error_and_the_previous_output_stays() {
    let site = Published::example();
    // A disk that fills up after a few kilobytes: RLIMIT_FSIZE makes every write beyond 8 KiB
    // fail (EFBIG, the same failed write(2) as ENOSPC), as root too; SIGXFSZ is ignored so the
    // write returns the error instead of killing the process.
    let command = build(&site.out);
    let mut limited = Command::new("sh");
    limited
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 16; exec \"$@\"")
        .arg("sh")
        .arg(command.get_program())
        .args(command.get_args())
        .stdin(Stdio::null());
    let output = limited.output().unwrap();
    let stderr = assert_write_error(&output, "File too large");
    assert!(
        stderr.contains("không ghi được") || stderr.contains("không sao chép được"),
        "{stderr}"
    );
    site.assert_intact("a build that filled the disk");
    site.assert_nothing_left_beside("a build that filled the disk");
}

#[test]
fn a_second_build_into_the_same_output_is_refused_while_the_first_holds_it() {
    let site = Published::example();
    // A running build holds the lock beside the output; take it as that build would.
    let lock = File::open(site.parent.path().join(".public.lock")).unwrap();
    lock.try_lock().expect("no build is running yet");
    let output = build(&site.out).output().unwrap();
    let stderr = assert_write_error(&output, "một lần dựng khác đang ghi vào");
    assert!(stderr.contains(&site.out.display().to_string()), "{stderr}");
    // The library says the same to its callers.
    let refused = planportal::build(&planportal::BuildOptions {
        root: repo_root(),
        out: Some(site.out.clone()),
        ..Default::default()
    });
    assert!(
        matches!(
            refused,
            Err(planportal::Error::Write(
                planportal::write::WriteError::Busy(_)
            ))
        ),
        "{refused:?}"
    );
    site.assert_intact("a refused concurrent build");
    drop(lock);
    assert_success(&build(&site.out).output().unwrap());
    site.assert_intact("the build after the lock was released");
}

#[test]
fn builds_started_together_into_one_output_never_corrupt_it() {
    let site = Published::example();
    let children: Vec<_> = (0..4).map(|_| build(&site.out).spawn().unwrap()).collect();
    let outputs: Vec<Output> = children
        .into_iter()
        .map(|child| child.wait_with_output().unwrap())
        .collect();
    let mut published = 0;
    for output in &outputs {
        if output.status.success() {
            published += 1;
        } else {
            assert_write_error(output, "một lần dựng khác đang ghi vào");
        }
    }
    assert!(published >= 1, "at least the first build publishes");
    site.assert_intact("builds started together");
    site.assert_nothing_left_beside("builds started together");
}
