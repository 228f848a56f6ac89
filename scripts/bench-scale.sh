#!/usr/bin/env bash
# bench-scale.sh N... : for each N, builds a synthetic knowledge base of N entries (12 phrasings each) with
# ../shared/tools/synthetic-kb.py, trains the classifier on all cores, then measures index build and decision
# latency on one core (taskset -c 0) over ../shared/eval/realistic.jsonl. Everything it writes goes under
# ${BENCH_DIR:-/tmp/assistant-bench-scale}. A run is stopped after ${BENCH_TIMEOUT:-600} seconds per stage.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${SHARED:-$root/../shared}"
[ -d "$shared/tools" ] || shared=/work/shared
out="${BENCH_DIR:-/tmp/assistant-bench-scale}"
limit="${BENCH_TIMEOUT:-600}"
messages="${BENCH_MESSAGES:-$shared/eval/realistic.jsonl}"
mkdir -p "$out"
# BENCH_NO_BUILD=1 reuses the CLI already built under $out/cli (e.g. to measure while the sources change).
if [ -z "${BENCH_NO_BUILD:-}" ] || [ ! -f "$out/cli/assistant.dll" ]; then
  dotnet build "$root/src/Assistant.Cli" -c Release -nologo -v quiet -o "$out/cli" | { grep -E "error|warn" || true; }
fi
cli=(dotnet "$out/cli/assistant.dll")
[ $# -gt 0 ] || set -- 100 250 1000
for n in "$@"; do
  kb="$out/kb-$n"
  python3 "$shared/tools/synthetic-kb.py" "$root/knowledge" "$kb" "$n" >/dev/null
  echo "== $n entries"
  # /usr/bin/time outside timeout: a stopped run still reports its elapsed time and peak resident memory.
  if ! /usr/bin/time -f "train      (process) elapsed %e s, user %U s, peak RSS %M KiB" \
      timeout "$limit" "${cli[@]}" bench-scale --knowledge "$kb" --stage train --save-model "$out/model-$n.zip"; then
    echo "train      stopped or failed (limit ${limit} s)"; continue
  fi
  timeout "$limit" taskset -c 0 "${cli[@]}" bench-scale --knowledge "$kb" --stage decide --model "$out/model-$n.zip" --file "$messages" \
    || echo "decide  stopped or failed (limit ${limit} s)"
done
