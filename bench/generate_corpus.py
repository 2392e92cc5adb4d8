#!/usr/bin/env python3
"""Generates a national-scale portal for benchmarks: PROVINCES provinces x COMMUNES communes, each
commune holding copies of the four real plans of content/ (front matter and text unchanged except
the commune name), so the corpus has the shape and size of real plans.

usage: bench/generate_corpus.py OUT_DIR [--provinces 34] [--communes-per-province 98]
"""
import argparse
import os
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def real_plans():
    plans = []
    for folder, _, files in sorted(os.walk(os.path.join(ROOT, "content"))):
        for name in sorted(files):
            if name.endswith(".md") and name != "_index.md":
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    plans.append((name, f.read()))
    return plans


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--provinces", type=int, default=34)
    parser.add_argument("--communes-per-province", type=int, default=98)
    args = parser.parse_args()
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    os.makedirs(args.out)
    for item in ("site.yaml", "data", "themes"):
        source = os.path.join(ROOT, item)
        target = os.path.join(args.out, item)
        (shutil.copytree if os.path.isdir(source) else shutil.copy)(source, target)
    plans = real_plans()
    count = 0
    for p in range(args.provinces):
        province = f"tinh-{p + 1:02d}"
        os.makedirs(os.path.join(args.out, "content", province))
        with open(os.path.join(args.out, "content", province, "_index.md"), "w", encoding="utf-8") as f:
            f.write(f"---\nname: Số {p + 1}\nkind: tinh\n---\n")
        for c in range(args.communes_per_province):
            commune = f"xa-{c + 1:03d}"
            folder = os.path.join(args.out, "content", province, commune)
            os.makedirs(folder)
            with open(os.path.join(folder, "_index.md"), "w", encoding="utf-8") as f:
                f.write(f"---\nname: Số {c + 1} tỉnh {p + 1}\nkind: xa\n---\n")
            for name, text in plans:
                with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                    f.write(text)
                count += 1
    print(f"{args.provinces * args.communes_per_province} communes, {count} plans in {args.out}")


if __name__ == "__main__":
    main()
