#!/usr/bin/env bash
# Runs every fuzz target in turn for SECONDS_PER_TARGET (default 60),
# each starting from its checked-in seeds (seeds/<target>/, merged into the
# working corpus corpus/<target>/), and prints a table of executions per
# target. Exits non-zero if any target crashed or did not run.
#
#   fuzz/run-all.sh [SECONDS_PER_TARGET]
#
# One target at a time, one process each: no -jobs/-workers.
# Needs the nightly toolchain and cargo-fuzz (see README.md).
set -uo pipefail

seconds="${1:-60}"
case "$seconds" in
'' | *[!0-9]*)
    echo "usage: $0 [SECONDS_PER_TARGET]" >&2
    exit 2
    ;;
esac

cd "$(dirname "$0")" || exit 2
mkdir -p logs

echo "building the fuzz targets (cargo +nightly fuzz build)..." >&2
if ! cargo +nightly fuzz build >logs/build.log 2>&1; then
    tail -n 30 logs/build.log >&2
    echo "build failed; full log in fuzz/logs/build.log" >&2
    exit 2
fi

mapfile -t targets < <(cargo +nightly fuzz list)
if [ "${#targets[@]}" -eq 0 ]; then
    echo "no fuzz targets found" >&2
    exit 2
fi

rows=()
failed=0
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t"
    if [ -d "seeds/$t" ]; then
        cp -n "seeds/$t"/* "corpus/$t/" 2>/dev/null || true
    else
        echo "warning: no seeds/$t; starting from corpus/$t only" >&2
    fi
    log="logs/$t.log"
    echo "fuzzing $t for ${seconds}s (log: fuzz/$log)..." >&2
    cargo +nightly fuzz run "$t" "corpus/$t" -- \
        -max_total_time="$seconds" -print_final_stats=1 >"$log" 2>&1
    rc=$?

    # Executions: libFuzzer's final stats, else its last "#N" status line.
    execs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
    [ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9][0-9]*\)[[:space:]].*/\1/p' "$log" | tail -n 1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
    [ -n "$speed" ] || speed=$(sed -n 's/.* exec\/s: \([0-9]*\).*/\1/p' "$log" | tail -n 1)
    if [ "$rc" -eq 0 ]; then
        crashed=0
    else
        crashed=1
        failed=1
        artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
        echo "  $t FAILED (exit $rc)${artifact:+; input: $artifact}; see fuzz/$log" >&2
    fi
    rows+=("| \`$t\` | ${execs:-?} | ${speed:-?} | $crashed |")
done

echo
echo "$(date -u +%Y-%m-%d), \`fuzz/run-all.sh $seconds\` (${seconds} s per target):"
echo
echo "| Target | Executions | Exec/s | Crashes |"
echo "| --- | ---: | ---: | ---: |"
printf '%s\n' "${rows[@]}"
exit "$failed"
