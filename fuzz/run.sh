#!/bin/sh
# Runs every fuzz target for SECONDS (default 60) each, one after the other, and prints the
# executions and crashes of each. Not part of CI. Needs cargo-fuzz (`cargo install cargo-fuzz`);
# RUSTC_BOOTSTRAP=1 lets the stable toolchain accept the sanitizer flags cargo-fuzz passes.
#
#   fuzz/run.sh [SECONDS] [TARGET...]
#
# Crashing inputs are kept in fuzz/artifacts/<target>/; the corpora grow in fuzz/corpus/<target>/
# (seeded from the example portal and the importer's fixtures on the first run).
set -eu
cd "$(dirname "$0")"
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-front_matter markdown import_text import_docx tokenizer}
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

seed() { # seed TARGET: the first run's corpus, from the repository's own files
    dir=corpus/$1
    [ -d "$dir" ] && return 0
    mkdir -p "$dir"
    case $1 in
    front_matter)
        find ../content -name '*.md' | while read -r f; do
            for role in 0 1 2; do
                { printf '%s' "$role"; cat "$f"; } >"$dir/$(basename "$(dirname "$f")")-$(basename "$f")-$role"
            done
        done ;;
    markdown | tokenizer)
        find ../content ../docs -name '*.md' -size -64k -exec cp {} "$dir/" \; ;;
    import_text)
        cp ../tests/fixtures/seeds/*.txt "$dir/"
        cp ../tests/fixtures/docx/*.docx "$dir/" 2>/dev/null || true ;;
    import_docx)
        for f in ../tests/fixtures/docx/*.docx; do
            unzip -p "$f" word/document.xml >"$dir/$(basename "$f").xml"
        done ;;
    esac
}

# Build once, then run the binaries themselves: editing the sources meanwhile changes nothing.
cargo fuzz build -O >/dev/null 2>&1 || cargo fuzz build -O
bin="$CARGO_TARGET_DIR/$(rustc -vV | sed -n 's/^host: //p')/release"
total_runs=0
total_crashes=0
printf '%-14s %12s %8s %8s\n' target executions exec/s crashes
for target in $targets; do
    seed "$target"
    mkdir -p "artifacts/$target"
    mkdir -p logs
    log=logs/$target.log
    # -max_len: whole plans are a few hundred KB; 64 KB reaches every construct fast enough.
    "$bin/$target" "corpus/$target" \
        -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="artifacts/$target/" >"$log" 2>&1 || true
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    crashes=$(find "artifacts/$target" -type f | wc -l)
    if grep -q 'ERROR: libFuzzer\|panicked at' "$log"; then
        grep -m 3 'panicked at\|ERROR: libFuzzer' "$log" >&2
    fi
    printf '%-14s %12s %8s %8s\n' "$target" "${runs:-0}" "${speed:-0}" "$crashes"
    total_runs=$((total_runs + ${runs:-0}))
    total_crashes=$((total_crashes + crashes))

done
printf '%-14s %12s %8s %8s\n' total "$total_runs" '' "$total_crashes"
