#!/bin/sh
# Long fuzzing sessions (not part of CI): runs each libFuzzer target of an
# optimised ASan+UBSan build for RUNS executions, one after another, on a
# corpus kept between sessions, and prints one line per target:
#   target  executions  crashes  seconds
# usage: scripts/fuzz-long.sh BUILD RUNS TARGET...
# Crash inputs land in BUILD/fuzz-long/crashes-TARGET/; logs in
# BUILD/fuzz-long/TARGET.log.  Exits non-zero when any target crashed.
set -eu
BUILD=$1
RUNS=$2
shift 2
WORK=$BUILD/fuzz-long
mkdir -p "$WORK"
status=0
printf '%-15s %12s %8s %8s\n' target executions crashes seconds
for t in "$@"; do
	corpus=$WORK/corpus-$t
	crashes=$WORK/crashes-$t
	mkdir -p "$corpus" "$crashes"
	if [ -d "tests/fuzz/corpus/$t" ]; then
		cp -r "tests/fuzz/corpus/$t/." "$corpus/"
	fi
	start=$(date +%s)
	# -close_fd_mask=2: the target's own stderr (server logs) is closed;
	# libFuzzer's and the sanitizers' reports still reach the log.
	rc=0
	ASAN_OPTIONS=detect_leaks=1 "$BUILD/tests/fuzz_$t" -runs="$RUNS" \
		-timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
		-close_fd_mask=2 -artifact_prefix="$crashes/" "$corpus" \
		>"$WORK/$t.log" 2>&1 || rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' \
		"$WORK/$t.log" | tail -n 1)
	found=$(find "$crashes" -type f | wc -l)
	printf '%-15s %12s %8s %8s\n' "$t" "${execs:-?}" "$found" \
		"$(($(date +%s) - start))"
	if [ "$rc" -ne 0 ] || [ "$found" -ne 0 ]; then
		echo "fuzz-long: $t failed (exit $rc); see $WORK/$t.log" >&2
		status=1
	fi
done
exit $status
