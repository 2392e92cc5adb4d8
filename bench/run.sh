#!/usr/bin/env bash
# Whole-build benchmark of planportal against Hugo on generated national-scale corpora.
# usage: bench/run.sh [--sizes "1000 3000 10000"] [--runs 3] [--report /tmp/bench-report.md] …
# (all options: bench/run.sh --help; the driver is bench/run.py)
set -euo pipefail
exec python3 "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/run.py" "$@"
