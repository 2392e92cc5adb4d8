#!/bin/sh
# Huge and hostile inputs at full size against a release build: for each case, whether the build
# published or refused (and the diagnostic code), the wall time and the peak memory (maximum
# resident set size from /usr/bin/time -v). Figures go to docs/security.md. Not part of CI; the
# same cases, smaller or stopped at their limit, are tests/huge_inputs.rs.
#
#   scripts/stress.sh            # needs /usr/bin/time (Debian package `time`)
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
bin="$CARGO_TARGET_DIR/release/planportal"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

portal="$work/portal"
mkdir -p "$portal/content/hai-phong/tue-tinh"
cp -r "$repo/site.yaml" "$repo/data" "$repo/themes" "$portal/"
printf -- '---\nname: Hải Phòng\nkind: thanh-pho\n---\n' >"$portal/content/hai-phong/_index.md"
printf -- '---\nname: Tuệ Tĩnh\nkind: xa\n---\n' >"$portal/content/hai-phong/tue-tinh/_index.md"
plan="$portal/content/hai-phong/tue-tinh/ke-hoach-2026.md"

# front_matter EXTRA_YAML TASKS_YAML: the small test portal's plan front matter.
front_matter() {
    printf -- '---\ntitle: Kế hoạch cải cách hành chính năm 2026\nkind: ke-hoach\n%s\nperiod: {from: 2026, to: 2026}\nstatus: hieu-luc\ndecision:\n  number: 12/QĐ-UBND\n  date: 2026-01-10\n' "$1"
    printf 'targets:\n  - indicator: hai-long-tthc\n    value: 95\n    op: ">="\n    year: 2026\n    quote: "đạt tối thiểu 95%%"\n'
    printf '%s\n---\n\n## I. MỤC TIÊU\n\nMức độ hài lòng đạt tối thiểu 95%%.\n\n' "$2"
}
one_task='tasks:
  - {no: "1", area: thu-tuc-hanh-chinh, content: Rà soát thủ tục hành chính}'
tasks() { # tasks N
    echo 'tasks:'
    seq 1 "$1" | awk '{printf "  - {no: \"%d\", area: thu-tuc-hanh-chinh, content: Nhiệm vụ số %d}\n", $1, $1}'
}
paragraphs() { # paragraphs MIB
    yes 'Nâng cao chất lượng giải quyết thủ tục hành chính, lấy người dân làm trung tâm.' |
        head -c "$(($1 * 1024 * 1024))"
    echo
}
repeat() { # repeat TEXT N
    awk -v t="$1" -v n="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", t; print "" }'
}
laughs() {
    printf 'legal_bases: {a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'
    for i in 1 2 3 4 5 6 7 8 9; do
        p="*a$((i - 1))"
        printf ', a%d: &a%d [%s, %s, %s, %s, %s, %s, %s, %s, %s, %s]' "$i" "$i" "$p" "$p" "$p" "$p" "$p" "$p" "$p" "$p" "$p" "$p"
    done
    echo '}'
}
amplify() { # one 1 MiB string, then 20,000 aliases to it
    printf 'legal_bases:\n  - &big "%s"\n' "$(head -c 1048576 /dev/zero | tr '\0' x)"
    repeat '  - *big
' 20000
}

run() { # run NAME: builds the portal, prints one row
    out="$work/out-$1"
    if /usr/bin/time -v -o "$work/time" "$bin" -q build --root "$portal" --out "$out" 2>"$work/err"; then
        outcome=published
    else
        outcome="refused $(sed -n 's/.*lỗi \[\([a-z-]*\)\].*/\1/p' "$work/err" | head -n 1)"
    fi
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
    printf '%-26s %10s %-28s %9s %8s MiB\n' "$1" "$(du -h "$plan" | cut -f1)" "$outcome" "$wall" "$((rss / 1024))"
    rm -rf "$out"
}

printf '%-26s %10s %-28s %9s %12s\n' case size outcome wall 'peak memory'
{ front_matter '' "$one_task"; } >"$plan" && run baseline-small-plan
{ front_matter '' "$one_task"; paragraphs 50; } >"$plan" && run plan-50-mib
{ front_matter '' "$one_task"; paragraphs 15; } >"$plan" && run plan-15-mib
{ front_matter '' "$(tasks 100000)"; } >"$plan" && run tasks-100000
{ front_matter '' "$(tasks 2000)"; } >"$plan" && run tasks-2000
{ front_matter '' "$one_task"; repeat '- ' 10000; } >"$plan" && run markdown-list-10000
{ front_matter '' "$one_task"; repeat '- ' 100000; } >"$plan" && run markdown-list-100000
{ front_matter '' "$one_task"; repeat '> ' 10000; } >"$plan" && run markdown-quote-10000
{ front_matter '' "$one_task"; repeat '* ' 10000; echo '<b>html</b>'; } >"$plan" && run markdown-list-html-10000
{ front_matter '' "$one_task"; repeat '<div>' 10000; } >"$plan" && run raw-html-div-10000
{ front_matter '' "$one_task"; repeat '<div>' 100000; } >"$plan" && run raw-html-div-100000
{ front_matter "legal_bases: $(repeat '[' 10000)x$(repeat ']' 10000)" "$one_task"; } >"$plan" && run yaml-nested-10000
{ front_matter "$(laughs)" "$one_task"; } >"$plan" && run yaml-billion-laughs
{ front_matter "$(amplify)" "$one_task"; } >"$plan" && run yaml-alias-1mib-x20000
