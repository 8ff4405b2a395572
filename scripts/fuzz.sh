#!/usr/bin/env bash
# Fuzzes what the app reads from files people hand it — exchange bundles, Excel
# registers (the archive check included) and register PDFs to verify — each target
# for a bounded time, on the stable toolchain (cargo-fuzz with RUSTC_BOOTSTRAP=1 and
# no sanitizer: the code is safe Rust, we look for panics, hangs and runaway
# memory). Not part of `make test`.
#
#   make fuzz                       # 60 s per target
#   FUZZ_SECONDS=600 FUZZ_TARGETS=bundle_import make fuzz
#
# A crash is written to tests/fuzz/artifacts/<target>/ and the run fails; turn it
# into a regression test beside the code it broke, then fix it.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-"bundle_reader bundle_import spreadsheet_reader register_pdf"}
cargo_bin=${CARGO_HOME:-$HOME/.cargo}/bin

if ! command -v cargo-fuzz >/dev/null && [[ ! -x $cargo_bin/cargo-fuzz ]]; then
  cargo install cargo-fuzz --locked
fi
export RUSTC_BOOTSTRAP=1
mkdir -p target
status=0
for target in $targets; do
  corpus=tests/fuzz/corpus/$target
  mkdir -p "$corpus"
  log=target/fuzz-$target.log
  echo "==> $target for ${seconds}s"
  if ! cargo fuzz run --fuzz-dir tests/fuzz -s none "$target" "$corpus" "tests/fuzz/seeds/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 >"$log" 2>&1; then
    status=1
    echo "$target: FOUND A CRASH (see $log and tests/fuzz/artifacts/$target/)"
    tail -n 40 "$log"
  fi
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
  speed=$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo "?")
  echo "$target: $runs executions ($speed/s), coverage $cov edges, corpus $(ls "$corpus" | wc -l) inputs"
done
exit $status
