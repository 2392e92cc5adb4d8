#!/usr/bin/env python3
"""Checks that every internal link of a built site resolves: each `href`/`src` of each HTML page
that points inside the site (relative, root-relative, or absolute under --base-url) must name a file
of the output (a directory means its index.html), and its #fragment an id of that page. The same
rules as tests/example_site.rs (check_links), for sites too big for the test suite.

usage: bench/linkcheck.py OUT [--base-url https://cchc.example.gov.vn/] [--json] [--show 20]
"""
import argparse
import html
import json
import os
import posixpath
import re
import sys
import time
from urllib.parse import unquote, urlsplit

LINK = re.compile(rb"""\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
ID = re.compile(rb"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")


def page_url_path(out, file):
    """URL path (relative to the site root, no leading slash) of an output file."""
    return os.path.relpath(file, out).replace(os.sep, "/")


def target_file(out, path):
    """The file a site path (no leading slash) is served from, or None."""
    candidate = os.path.join(out, *[p for p in path.split("/") if p])
    if path == "" or path.endswith("/") or os.path.isdir(candidate):
        candidate = os.path.join(candidate, "index.html")
    return candidate if os.path.isfile(candidate) else None


def check(out, base_url, show):
    base = urlsplit(base_url)
    base_path = base.path if base.path.endswith("/") else base.path + "/"
    started = time.monotonic()
    pages = links = internal = external = 0
    broken = []
    fragments = {}  # target file -> {fragment: first page linking to it}
    resolved_cache = {}
    for folder, dirs, files in os.walk(out):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".html"):
                continue
            file = os.path.join(folder, name)
            page = page_url_path(out, file)
            page_dir = posixpath.dirname(page)
            pages += 1
            with open(file, "rb") as f:
                data = f.read()
            seen = set()
            for match in LINK.finditer(data):
                raw = (match.group(1) if match.group(1) is not None else match.group(2))
                links += 1
                if raw in seen:
                    continue
                seen.add(raw)
                link = html.unescape(raw.decode("utf-8", "replace")).strip()
                if not link or link.startswith(SKIP_SCHEMES):
                    continue
                parts = urlsplit(link)
                if parts.scheme or link.startswith("//"):
                    if parts.netloc != base.netloc or not parts.path.startswith(base_path):
                        external += 1
                        continue
                    path = parts.path[len(base_path):]
                elif link.startswith("/"):
                    if not parts.path.startswith(base_path):
                        broken.append((page, link, f"outside the site path {base_path}"))
                        continue
                    path = parts.path[len(base_path):]
                elif link.startswith("#"):
                    path = page
                else:
                    path = posixpath.normpath(posixpath.join(page_dir, parts.path)) if parts.path else page
                    if parts.path.endswith("/") and not path.endswith("/"):
                        path += "/"
                    if path.startswith(".."):
                        broken.append((page, link, "above the site root"))
                        continue
                    if path == ".":
                        path = ""
                internal += 1
                path = unquote(path)
                key = path
                if key not in resolved_cache:
                    resolved_cache[key] = target_file(out, path)
                target = resolved_cache[key]
                if target is None:
                    broken.append((page, link, f"no file for /{path}"))
                    continue
                if parts.fragment:
                    fragments.setdefault(target, {}).setdefault(unquote(parts.fragment), (page, link))
    missing_ids = 0
    for target, wanted in sorted(fragments.items()):
        with open(target, "rb") as f:
            data = f.read()
        ids = {html.unescape((m.group(1) or m.group(2) or b"").decode("utf-8", "replace"))
               for m in ID.finditer(data)}
        for fragment, (page, link) in sorted(wanted.items()):
            if fragment not in ids:
                missing_ids += 1
                broken.append((page, link, f"no id “{fragment}” in {page_url_path(out, target)}"))
    return {
        "pages": pages,
        "links": links,
        "internal_checked": internal,
        "external_skipped": external,
        "fragments_checked": sum(len(w) for w in fragments.values()),
        "broken": len(broken),
        "broken_fragments": missing_ids,
        "examples": [f"{p}: {l} → {why}" for p, l, why in broken[:show]],
        "seconds": round(time.monotonic() - started, 1),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out")
    parser.add_argument("--base-url", default="https://cchc.example.gov.vn/",
                        help="absolute links under it are internal (default: site.yaml's)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--show", type=int, default=20, help="broken links to list")
    args = parser.parse_args()
    result = check(args.out, args.base_url, args.show)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(f"{result['pages']} pages, {result['links']} links, {result['internal_checked']} "
              f"internal checked ({result['fragments_checked']} distinct fragments), "
              f"{result['external_skipped']} external skipped: {result['broken']} broken "
              f"({result['seconds']} s)")
        for example in result["examples"]:
            print("  " + example)
    return 1 if result["broken"] else 0


if __name__ == "__main__":
    sys.exit(main())
