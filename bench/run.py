#!/usr/bin/env python3
"""Whole-build benchmark of planportal against Hugo on generated national-scale corpora.

usage: bench/run.sh [--sizes "1000 3000 10000"] [--runs 3] [--seed 1] [--work DIR] [--report PATH]
                    [--tools planportal,hugo] [--edits 5] [--serve-size N] [--no-serve]
                    [--no-linkcheck] [--settle 65] [--planportal BIN]

For each size: generates the corpus in both formats (bench/generate_corpus.py; reused when the same
size, seed and generator inputs were already generated under --work), runs `planportal check` once,
then RUNS times each, alternating which goes first, `planportal build --timings` and `hugo --quiet`
into fresh output directories (the previous output deleted, then `--settle` seconds to let the disk
settle, see fresh_output), each under `/usr/bin/time -f '%e %U %S %M'`. For the largest size it
also measures planportal serve's incremental rebuilds after editing plans (rebuild time printed by
serve, and file write → SSE reload event) and its peak RSS, and checks every internal link of both
outputs (bench/linkcheck.py). Prints a Markdown report and writes it to --report.
"""
import argparse
import hashlib
import http.client
import json
import os
import platform
import queue
import re
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
EVENTS_PATH = "/__planportal/events"  # src/serve/mod.rs
BASE_URL = "https://cchc.example.gov.vn/"  # site.yaml of the corpora (links under it are internal)

COMMANDS = []  # every command run, for the report


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def shown(cmd):
    """A command as the report shows it: temporary names replaced by what they stand for."""
    text = " ".join(shlex.quote(str(c)) for c in cmd)
    text = re.sub(r"-o \S+\.time", "-o TIMEFILE", text)
    text = re.sub(r"hugo-cache-[A-Za-z0-9_]+", "hugo-cache-FRESH", text)
    return text.replace(sys.executable, "python3")


def run(cmd, **kwargs):
    COMMANDS.append(shown(cmd))
    return subprocess.run([str(c) for c in cmd], **kwargs)


def output_of(cmd, cwd=None):
    try:
        return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return ""


def du_bytes(path):
    out = subprocess.run(["du", "-sb", path], capture_output=True, text=True, check=True).stdout
    return int(out.split()[0])


def count_files(path):
    return sum(len(files) for _, _, files in os.walk(path))


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


# ---------------------------------------------------------------------------------------------
# Environment


def environment(planportal):
    meminfo = open("/proc/meminfo").read()
    mem_kb = int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1))
    cpu = ""
    try:
        cpu = re.search(r"model name\s*:\s*(.*)", open("/proc/cpuinfo").read()).group(1)
    except (OSError, AttributeError):
        pass
    status = output_of(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT)
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": output_of(["nproc"]),
        "ram": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "cpu": cpu,
        "kernel": platform.release(),
        "commit": output_of(["git", "rev-parse", "HEAD"], cwd=ROOT),
        "dirty": len(status.splitlines()) if status else 0,
        "planportal": output_of([planportal, "--version"]),
        "hugo": output_of(["hugo", "version"]),
        "python": platform.python_version(),
    }


def build_planportal(args):
    if args.planportal:
        return os.path.abspath(args.planportal)
    target = os.environ.get("CARGO_TARGET_DIR", "/tmp/bench-target")
    env = dict(os.environ, CARGO_TARGET_DIR=target)
    log(f"cargo build --release (CARGO_TARGET_DIR={target})")
    COMMANDS.append(f"CARGO_TARGET_DIR={target} cargo build --release")
    result = subprocess.run(["cargo", "build", "--release"], cwd=ROOT, env=env)
    if result.returncode != 0:
        sys.exit("cargo build --release failed")
    return os.path.join(target, "release", "planportal")


# ---------------------------------------------------------------------------------------------
# Corpora


def generator_fingerprint():
    """Hash of everything a corpus's content is generated from: the generator and the
    repository's catalogues, site.yaml and real plans (not the themes: see sync_theme)."""
    digest = hashlib.sha256()
    paths = [os.path.join(HERE, "generate_corpus.py"), os.path.join(ROOT, "site.yaml")]
    for top in (os.path.join(ROOT, "data"), os.path.join(ROOT, "content")):
        for folder, dirs, files in os.walk(top):
            dirs.sort()
            paths += [os.path.join(folder, f) for f in sorted(files)]
    for path in paths:
        digest.update(os.path.relpath(path, ROOT).encode())
        with open(path, "rb") as f:
            digest.update(f.read())
    return digest.hexdigest()


def corpus(args, size):
    directory = os.path.join(args.work, f"corpus-{size}-s{args.seed}")
    marker = os.path.join(directory, ".bench-corpus.json")
    wanted = {"plans": size, "seed": args.seed, "format": "both", "inputs": generator_fingerprint()}
    if os.path.exists(marker):
        with open(marker) as f:
            if json.load(f) == wanted:
                log(f"reusing corpus {directory}")
                sync_theme(directory)
                return directory, None
    log(f"generating {size} plans into {directory}")
    started = time.monotonic()
    cmd = [sys.executable, os.path.join(HERE, "generate_corpus.py"), directory, "--plans", str(size),
           "--seed", str(args.seed), "--format", "both"]
    if run(cmd).returncode != 0:
        sys.exit("corpus generation failed")
    seconds = time.monotonic() - started
    with open(marker, "w") as f:
        json.dump(wanted, f)
    return directory, seconds


def sync_theme(directory):
    """Both sites get the templates as they are now: planportal's theme from the repository and
    the Hugo layouts from bench/hugo (they may have changed since the corpus was generated; the
    templates do not change the content)."""
    for source, target in ((os.path.join(ROOT, "themes"), os.path.join(directory, "themes")),
                           (os.path.join(HERE, "hugo", "layouts"), os.path.join(directory, "hugo", "layouts"))):
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target)
    for name in ("style.css", "favicon.svg"):
        source = os.path.join(ROOT, "themes", "mac-dinh", "static", name)
        if os.path.exists(source):
            shutil.copy(source, os.path.join(directory, "hugo", "static", "assets", name))


# ---------------------------------------------------------------------------------------------
# Timed builds


TIMING = re.compile(r"^\s*([A-Za-z][A-Za-z ]*?):\s+([\d.]+) s\s*$")


def timed(cmd, logfile):
    """Runs cmd under /usr/bin/time; returns wall, user, sys (s), max RSS (KB) and its stderr."""
    with tempfile.NamedTemporaryFile("r", suffix=".time", delete=False) as t:
        timefile = t.name
    full = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", timefile] + cmd
    with open(logfile, "wb") as out:
        result = run(full, stdout=out, stderr=subprocess.STDOUT)
    with open(timefile) as f:
        fields = f.read().split()[-4:]
    os.unlink(timefile)
    with open(logfile, encoding="utf-8", errors="replace") as f:
        text = f.read()
    if result.returncode != 0:
        sys.exit(f"{' '.join(map(str, cmd))} failed (exit {result.returncode}); see {logfile}:\n{text[-3000:]}")
    wall, user, system, rss = float(fields[0]), float(fields[1]), float(fields[2]), int(fields[3])
    return {"wall": wall, "user": user, "sys": system, "cpu": user + system, "rss_kb": rss}, text


def measure_output(out, result):
    result["bytes"] = du_bytes(out)
    result["files"] = count_files(out)
    index = os.path.join(out, "tim-kiem", "chi-muc")
    if os.path.isdir(index):
        result["search_bytes"] = du_bytes(index)
        result["search_files"] = count_files(index)


def fresh_output(out, settle):
    """Deletes a previous output, then lets the file system settle before the next build.

    On ext4 without a journal (this machine's disk), allocating an inode skips every inode freed in
    the last 60 s (300 s more while its table block is dirty), reading the inode table for each:
    creating 20,000 files right after deleting 20,000 takes 9.7 s instead of 1.1 s. Deleting the
    previous output just before a build would bill that to whichever tool writes more files, so
    the benchmark syncs and waits `settle` seconds (65 by default) before each build."""
    if not os.path.exists(out):
        return
    shutil.rmtree(out, ignore_errors=True)
    if settle > 0:
        os.sync()
        time.sleep(settle)


def build_runs(args, planportal, size, directory):
    logs = os.path.join(args.work, "logs")
    os.makedirs(logs, exist_ok=True)
    results = {"planportal": [], "hugo": []}
    tools = [t for t in ("planportal", "hugo") if t in args.tools]
    for r in range(args.runs):
        order = tools if r % 2 == 0 else list(reversed(tools))
        for tool in order:
            out = os.path.join(args.work, f"out-{tool}-{size}")
            fresh_output(out, args.settle)
            logfile = os.path.join(logs, f"{tool}-{size}-run{r + 1}.log")
            if tool == "planportal":
                cmd = [planportal, "build", "--root", directory, "--out", out, "--timings"]
                result, text = timed(cmd, logfile)
                result["stages"] = {m.group(1): float(m.group(2)) for m in map(TIMING.match, text.splitlines()) if m}
            else:
                cache = tempfile.mkdtemp(prefix="hugo-cache-", dir=args.work)
                cmd = ["hugo", "--quiet", "--source", os.path.join(directory, "hugo"),
                       "--destination", out, "--cacheDir", cache]
                result, text = timed(cmd, logfile)
                shutil.rmtree(cache, ignore_errors=True)
            measure_output(out, result)
            results[tool].append(result)
            log(f"{size} plans, {tool} run {r + 1}/{args.runs}: {result['wall']:.2f} s wall, "
                f"{result['cpu']:.2f} s CPU, {result['rss_kb'] / 1024:.0f} MB RSS, "
                f"{result['files']} files, {result['bytes'] / 1e6:.0f} MB")
    return results


def check_corpus(planportal, directory, logs):
    logfile = os.path.join(logs, f"check-{os.path.basename(directory)}.log")
    result, text = timed([planportal, "check", "--root", directory], logfile)
    warnings = re.search(r"Có (\d+) cảnh báo", text)
    summary = [line for line in text.splitlines() if line.startswith("Không có lỗi")]
    result["warnings"] = int(warnings.group(1)) if warnings else 0
    result["summary"] = summary[-1] if summary else text.strip().splitlines()[-1]
    return result


# ---------------------------------------------------------------------------------------------
# planportal serve: incremental rebuilds


REBUILT = re.compile(r"^(.*): đã dựng (\d+) kế hoạch, dựng lại (\d+) trang trong (\d+) ms\.")


class Lines(threading.Thread):
    """Reads a stream line by line into a queue of (monotonic time, line)."""

    def __init__(self, stream, sink=None):
        super().__init__(daemon=True)
        self.stream, self.queue, self.sink = stream, queue.Queue(), sink

    def run(self):
        for raw in iter(self.stream.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip("\n")
            if self.sink:
                self.sink.write(line + "\n")
                self.sink.flush()
            self.queue.put((time.monotonic(), line))


class Events(threading.Thread):
    """A server-sent events client: (monotonic time, event, data) of every event."""

    def __init__(self, port):
        super().__init__(daemon=True)
        self.port, self.queue = port, queue.Queue()

    def run(self):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=3600)
        connection.request("GET", EVENTS_PATH, headers={"Accept": "text/event-stream"})
        response = connection.getresponse()
        event, data = "message", []
        while True:
            raw = response.fp.readline()
            if not raw:
                break
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if line == "":
                if data or event != "message":
                    self.queue.put((time.monotonic(), event, "\n".join(data)))
                event, data = "message", []
            elif line.startswith(":"):
                continue
            elif line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].strip())


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(q, predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"timed out after {timeout} s waiting for {what}")
        try:
            item = q.get(timeout=min(remaining, 1.0))
        except queue.Empty:
            continue
        if predicate(item):
            return item


def drain(q):
    while True:
        try:
            q.get_nowait()
        except queue.Empty:
            return


def proc_status(pid):
    values = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in ("VmHWM", "VmRSS"):
                    values[key] = int(value.split()[0])
    except OSError:
        pass
    return values


def edit_targets(directory, count):
    """`count` plans of different communes spread evenly over the corpus, in a fixed order."""
    plans = []
    for folder, dirs, files in os.walk(os.path.join(directory, "content")):
        dirs.sort()
        plans += [os.path.join(folder, n) for n in sorted(files) if n.endswith(".md") and n != "_index.md"]
    chosen, communes = [], set()
    for k in range(len(plans)):
        plan = plans[(len(plans) * (2 * k + 1) // (2 * count) + k // count) % len(plans)]
        if os.path.dirname(plan) not in communes:
            chosen.append(plan)
            communes.add(os.path.dirname(plan))
        if len(chosen) == count:
            break
    return chosen


def serve_benchmark(args, planportal, directory, size):
    port = free_port()
    logs = os.path.join(args.work, "logs")
    cmd = [planportal, "serve", "--root", directory, "--port", str(port)]
    COMMANDS.append(shown(cmd))
    log(f"serve on {size} plans: {' '.join(cmd)}")
    stdout_log = open(os.path.join(logs, f"serve-{size}.log"), "w", encoding="utf-8")
    process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = Lines(process.stdout, stdout_log), Lines(process.stderr, stdout_log)
    out.start()
    err.start()
    started = time.monotonic()
    edits, restores, originals = [], [], {}
    result = {"port": port}
    try:
        first = wait_for(out.queue, lambda item: REBUILT.match(item[1]) or "Đang phục vụ" in item[1],
                         args.serve_timeout, "the first build")
        match = REBUILT.match(first[1])
        if match:
            result["first_build_ms"] = int(match.group(4))
            result["first_build_pages"] = int(match.group(3))
        wait_for(out.queue, lambda item: "Đang phục vụ" in item[1], args.serve_timeout, "the server")
        while True:  # the server answers once the first build is published
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        result["ready_s"] = round(time.monotonic() - started, 1)
        result["after_first_build"] = proc_status(process.pid)
        events = Events(port)
        events.start()
        wait_for(events.queue, lambda e: e[1] == "hello", 60, "the SSE hello event")
        time.sleep(1.0)  # let the watcher settle
        for k, plan in enumerate(edit_targets(directory, args.edits), 1):
            with open(plan, "rb") as f:
                originals[plan] = f.read()
            sentence = (f"\n\nCâu bổ sung số {k} để đo thời gian dựng lại trang khi cán bộ biên tập "
                        f"sửa kế hoạch.\n").encode()
            # A task's text: front matter, so its area's page, commune, province, lists and the
            # search delta are made again too.
            task = originals[plan].replace(b"\n    content: ", f"\n    content: (sửa {k}) ".encode(), 1)
            steps = [("body", "edit", originals[plan] + sentence, edits),
                     ("body", "restore", originals[plan], restores)]
            if task != originals[plan]:
                steps += [("task", "edit", task, edits), ("task", "restore", originals[plan], restores)]
            for kind, label, data, sink in steps:
                drain(out.queue)
                drain(events.queue)
                t0 = time.monotonic()
                with open(plan, "wb") as f:
                    f.write(data)
                event = wait_for(events.queue, lambda e: e[1] in ("reload", "error"),
                                 args.serve_timeout, f"the reload after the {label} of {plan}")
                line = wait_for(out.queue, lambda item: REBUILT.match(item[1]), args.serve_timeout,
                                f"serve's rebuild line after the {label} of {plan}")
                match = REBUILT.match(line[1])
                sink.append({
                    "plan": os.path.relpath(plan, directory),
                    "kind": kind,
                    "event": event[1],
                    "end_to_end_ms": round((event[0] - t0) * 1000),
                    "line_ms": round((line[0] - t0) * 1000),
                    "rebuild_ms": int(match.group(4)),
                    "pages": int(match.group(3)),
                    "what": match.group(1),
                })
                log(f"serve {kind} {label} {k}: rebuild {match.group(4)} ms ({match.group(3)} pages), "
                    f"write → {event[1]} event {sink[-1]['end_to_end_ms']} ms")
        result["status"] = proc_status(process.pid)
    finally:
        for plan, data in originals.items():  # leave the corpus as generated
            with open(plan, "rb") as f:
                if f.read() != data:
                    with open(plan, "wb") as w:
                        w.write(data)
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=120)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        stdout_log.close()
    result["exit"] = process.returncode
    result["edits"], result["restores"] = edits, restores
    return result


# ---------------------------------------------------------------------------------------------
# Link check


def linkcheck(out):
    cmd = [sys.executable, os.path.join(HERE, "linkcheck.py"), out, "--base-url", BASE_URL, "--json"]
    result = run(cmd, capture_output=True, text=True)
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError:
        return {"error": (result.stdout + result.stderr)[-2000:]}


# ---------------------------------------------------------------------------------------------
# Report


def fmt(value, digits=2, unit=""):
    if value is None:
        return "–"
    return f"{value:,.{digits}f}{unit}"


def mb(n):
    return None if n is None else n / 1e6


def report(args, env, sizes, data, serve, links):
    lines = []
    add = lines.append
    add("# planportal vs Hugo: whole-build benchmark on national-scale corpora")
    add("")
    add(f"- date: {env['date']}; machine: `nproc` = {env['nproc']}, RAM {env['ram']}, {env['cpu']}, "
        f"Linux {env['kernel']}")
    add(f"- planportal: `{env['planportal']}`, "
        + (f"binary `{args.planportal}` (given with --planportal); tree at commit `{env['commit']}`"
           if args.planportal else f"built from commit `{env['commit']}`")
        + (f" **with {env['dirty']} modified tracked files** (uncommitted work in the tree)" if env["dirty"] else " (clean tree)"))
    add(f"- Hugo: `{env['hugo']}`; Python {env['python']}")
    add(f"- runs per size and tool: {args.runs} (alternating which goes first), seed {args.seed}, "
        f"work directory `{args.work}`")
    add("")
    add("## Corpora")
    add("")
    add("| plans | provinces | communes (xã/phường/đặc khu) | targets | tasks | avg front matter | avg body | kinds | `planportal check` | generated in |")
    add("|---|---|---|---|---|---|---|---|---|---|")
    for size in sizes:
        d = data[size]
        s = d["stats"]
        ck = d.get("check")
        kinds = ", ".join(f"{k} {v}" for k, v in s["kinds"].items())
        ck_text = f"{ck['summary']} ({ck['warnings']} warnings, {ck['wall']:.1f} s)" if ck else "not run"
        ck_kinds = s["commune_kinds"]
        add(f"| {s['plans']:,} | {s['provinces']} | {s['communes']:,} ({ck_kinds.get('xa', 0)}/"
            f"{ck_kinds.get('phuong', 0)}/{ck_kinds.get('dac-khu', 0)}) | {s['targets']:,} "
            f"({s['avg_targets']}/plan) | {s['tasks']:,} ({s['avg_tasks']}/plan) | "
            f"{s['avg_fm_kb']} KB | {s['avg_body_kb']} KB | {kinds} | {ck_text} | "
            + (f"{d['generated_s']:.0f} s" if d.get("generated_s") else "reused") + " |")
    add("")
    add("## Whole build (medians)")
    add("")
    add("| plans | tool | wall | CPU (user+sys) | peak RSS | output | files | per plan (wall) | Hugo wall / planportal wall |")
    add("|---|---|---|---|---|---|---|---|---|")
    for size in sizes:
        runs = data[size]["runs"]
        pp_wall = median([r["wall"] for r in runs["planportal"]])
        hugo_wall = median([r["wall"] for r in runs["hugo"]])
        for tool in ("planportal", "hugo"):
            rs = runs[tool]
            if not rs:
                continue
            wall = median([r["wall"] for r in rs])
            ratio = ""
            if tool == "planportal" and pp_wall and hugo_wall:
                ratio = (f"{hugo_wall / pp_wall:.2f} (planportal {hugo_wall / pp_wall:.1f}× faster)"
                         if hugo_wall >= pp_wall else
                         f"{hugo_wall / pp_wall:.2f} (planportal {pp_wall / hugo_wall:.1f}× slower)")
            add(f"| {size:,} | {tool} | {fmt(wall)} s | {fmt(median([r['cpu'] for r in rs]))} s | "
                f"{fmt(median([r['rss_kb'] for r in rs]) / 1024, 0)} MB | "
                f"{fmt(mb(median([r['bytes'] for r in rs])), 0)} MB | {int(median([r['files'] for r in rs])):,} | "
                f"{fmt(wall / size * 1000, 2)} ms | {ratio} |")
    add("")
    pp_sizes = [s for s in sizes if data[s]["runs"]["planportal"]]
    if len(pp_sizes) >= 2:
        small, large = min(pp_sizes), max(pp_sizes)
        if 1000 in pp_sizes and 10000 in pp_sizes:
            small, large = 1000, 10000
        per = {s: median([r["wall"] for r in data[s]["runs"]["planportal"]]) / s for s in (small, large)}
        add(f"**Linearity (planportal):** per-plan wall time at {large:,} plans / at {small:,} plans = "
            f"**{per[large] / per[small]:.2f}** (1.00 = linear; above 1 = superlinear).")
        hugo_sizes = [s for s in (small, large) if data[s]["runs"]["hugo"]]
        if len(hugo_sizes) == 2:
            hper = {s: median([r["wall"] for r in data[s]["runs"]["hugo"]]) / s for s in hugo_sizes}
            add(f"Same ratio for Hugo: {hper[large] / hper[small]:.2f}.")
        add("")
    if pp_sizes:
        add("## planportal stages (medians of `--timings`) and search index")
        add("")
        stages = []
        for size in pp_sizes:
            for r in data[size]["runs"]["planportal"]:
                for stage in r.get("stages", {}):
                    if stage not in stages:
                        stages.append(stage)
        add("| plans | " + " | ".join(stages) + " | search index on disk |")
        add("|---|" + "---|" * len(stages) + "---|")
        for size in pp_sizes:
            rs = data[size]["runs"]["planportal"]
            cells = [fmt(median([r.get("stages", {}).get(st) for r in rs])) + " s" for st in stages]
            sb = median([r.get("search_bytes") for r in rs])
            sf = median([r.get("search_files") for r in rs])
            add(f"| {size:,} | " + " | ".join(cells) +
                f" | {fmt(mb(sb), 1)} MB in {int(sf or 0):,} files (`tim-kiem/chi-muc/`) |")
        add("")
    if serve:
        add(f"## planportal serve: incremental rebuild after editing one plan ({serve['size']:,} plans)")
        add("")
        r = serve["result"]
        if "error" in r:
            add(f"Failed: {r['error']}")
        else:
            edits = r["edits"]
            add(f"- first build before serving: {fmt(r.get('first_build_ms', 0) / 1000, 1)} s "
                f"({r.get('first_build_pages', '?')} pages); server ready after {r['ready_s']} s; "
                f"RSS after the first build {fmt(r['after_first_build'].get('VmRSS', 0) / 1024, 0)} MB")
            add(f"- {len(edits)} edits of {len({e['plan'] for e in edits})} plans: “body” appends one "
                f"sentence to the body, “task” changes the text of the plan's first task (each "
                f"then restored, also measured):")
            add("")
            add("| | median | min | max |")
            add("|---|---|---|---|")
            kinds = sorted({e.get("kind", "body") for e in edits})
            for label, rows in [(f"{kind} {label}", [e for e in rows if e.get("kind", "body") == kind])
                                for kind in kinds
                                for label, rows in (("edit", edits), ("restore", r["restores"]))]:
                for key, name in (("rebuild_ms", "rebuild time printed by serve (“trong X ms”)"),
                                  ("end_to_end_ms", "file write → SSE `reload` event"),
                                  ("pages", "pages re-rendered (“dựng lại K trang”)")):
                    values = [e[key] for e in rows]
                    if values:
                        unit = "" if key == "pages" else " ms"
                        add(f"| {label}: {name} | {fmt(median(values), 0)}{unit} | {min(values):,}{unit} | {max(values):,}{unit} |")
            add("")
            add(f"- peak RSS of serve (VmHWM, read from /proc before SIGTERM): "
                f"**{fmt(r['status'].get('VmHWM', 0) / 1024, 0)} MB**; exit status after SIGTERM: {r['exit']}")
            add("- end-to-end includes serve's file-watcher debounce (150 ms, src/serve/watcher.rs).")
        add("")
    if links:
        add(f"## Link check of the {links['size']:,}-plan outputs (bench/linkcheck.py)")
        add("")
        add("| output | pages | links | internal checked | fragments checked | broken | time |")
        add("|---|---|---|---|---|---|---|")
        for tool, res in links["results"].items():
            if "error" in res:
                add(f"| {tool} | error: {res['error'][:200]} |||||")
                continue
            add(f"| {tool} | {res['pages']:,} | {res['links']:,} | {res['internal_checked']:,} | "
                f"{res['fragments_checked']:,} | **{res['broken']}** | {res['seconds']} s |")
            for example in res["examples"][:10]:
                add(f"|  | {example} ||||||")
        add("")
    add("## Fairness notes")
    add("")
    add("- Both tools read the same plans (identical front matter and Markdown; the Hugo copy adds "
        "`date` and the `indicators` taxonomy list) from a warm page cache, build into a directory "
        "deleted before each run, use every core, and neither minifies. Hugo gets a fresh "
        "`--cacheDir` each run.")
    add("- planportal does more work than the Hugo site: it validates every file (unknown fields, "
        "quotes found verbatim in the text, years, catalogue ids) and publishes atomically; writes a "
        "sharded, gzip-compressed search index, open data (CSV/JSON per indicator, datapackage.json), "
        "a page per reform area (paginated), indicator pages sorted by value with an SVG chart, "
        "national comparison and the communes that set no target, commune scorecards with progress "
        "from reports, an Atom feed and a sitemap. The Hugo theme (bench/hugo/layouts) renders plan "
        "pages (metadata, table of contents, Markdown body, targets with indicator names and national "
        "target, tasks grouped by area), province, commune (plans and all their targets), home "
        "(totals, top indicators, latest plans, provinces) and one page per indicator listing every "
        "plan's target for it (taxonomy `indicators`, unsorted), plus RSS of every plan (home only, "
        "as planportal has one feed), sitemap, robots.txt and 404.")
    add("- The machine is shared: wall times are noisy; CPU times are steadier.")
    add("")
    add("## Commands")
    add("")
    add("```sh")
    seen = set()
    for command in COMMANDS:
        if command not in seen:
            seen.add(command)
            add(command)
    add("```")
    add("")
    add("Raw figures of every run: " + os.path.join(args.work, "results.json"))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000 3000 10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", default="/tmp/planportal-bench")
    parser.add_argument("--report", default="/tmp/bench-report.md")
    parser.add_argument("--tools", default="planportal,hugo", help="comma-separated: planportal,hugo")
    parser.add_argument("--edits", type=int, default=5,
                        help="plans edited in the serve benchmark (each: a body edit, then a task edit)")
    parser.add_argument("--serve-size", type=int, help="size for the serve benchmark (default: largest)")
    parser.add_argument("--serve-timeout", type=int, default=1800)
    parser.add_argument("--settle", type=float, default=65.0,
                        help="seconds to wait after deleting a previous output (see fresh_output)")
    parser.add_argument("--no-serve", action="store_true")
    parser.add_argument("--no-linkcheck", action="store_true")
    parser.add_argument("--no-check", action="store_true", help="skip `planportal check` of each corpus")
    parser.add_argument("--planportal", help="use this binary instead of building one")
    args = parser.parse_args()
    args.work = os.path.abspath(args.work)
    args.tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    sizes = sorted({int(s) for s in args.sizes.replace(",", " ").split()})
    if not shutil.which("hugo") and "hugo" in args.tools:
        sys.exit("hugo is not installed")
    os.makedirs(os.path.join(args.work, "logs"), exist_ok=True)

    planportal = build_planportal(args)
    env = environment(planportal)
    log(f"planportal {env['planportal']}, {env['hugo']}, commit {env['commit'][:10]}"
        + (f" (+{env['dirty']} modified files)" if env["dirty"] else ""))
    data = {}
    for size in sizes:
        directory, generated = corpus(args, size)
        with open(os.path.join(directory, "corpus-stats.json")) as f:
            stats = json.load(f)
        data[size] = {"corpus": directory, "stats": stats, "generated_s": generated}
        if "planportal" in args.tools and not args.no_check:
            data[size]["check"] = check_corpus(planportal, directory, os.path.join(args.work, "logs"))
            log(f"check: {data[size]['check']['summary']}")
        data[size]["runs"] = build_runs(args, planportal, size, directory)

    largest = max(sizes)
    links = None
    if not args.no_linkcheck:
        results = {}
        for tool in args.tools:
            out = os.path.join(args.work, f"out-{tool}-{largest}")
            if os.path.isdir(out):
                log(f"link check of {out}")
                results[tool] = linkcheck(out)
        links = {"size": largest, "results": results}
    serve = None
    if "planportal" in args.tools and not args.no_serve and args.edits > 0:
        size = args.serve_size or largest
        directory = data[size]["corpus"] if size in data else corpus(args, size)[0]
        try:
            result = serve_benchmark(args, planportal, directory, size)
        except (TimeoutError, OSError) as error:
            result = {"error": str(error)}
        serve = {"size": size, "result": result}

    with open(os.path.join(args.work, "results.json"), "w") as f:
        json.dump({"env": env, "sizes": {str(k): v for k, v in data.items()}, "serve": serve,
                   "links": links}, f, indent=1, ensure_ascii=False)
    text = report(args, env, sizes, data, serve, links)
    with open(args.report, "w", encoding="utf-8") as f:
        f.write(text)
    print(text)
    log(f"report written to {args.report}")


if __name__ == "__main__":
    main()
