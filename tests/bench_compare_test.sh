#!/bin/sh
# scripts/compare.sh on one build against itself, over a small text of
# its own: a table with a row per stage and its ratio; a clear refusal
# of a missing build, a bad run count or a folder without texts.
# usage: bench_compare_test.sh SOURCE_DIR BUILD_DIR
set -eu
SRC=$1
BUILD=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "bench_compare: $*" >&2; exit 1; }

# 200 short documents: enough text for each stage's clock to move.
mkdir -p "$T/texts/mine"
i=0
while [ $i -lt 100 ]; do
	printf '%s\n' \
		'{"id":"a","dct":"2024-04-26","text":"Russian Foreign Minister Sergey Lavrov said on Friday that Bolivia had asked to join BRICS."}' \
		'{"id":"b","text":"The European Union met in Brussels in November 2023."}'
	i=$((i + 1))
done >"$T/texts/mine/dev.jsonl"

EVAL_DIR="$T/texts" sh "$SRC/scripts/compare.sh" "$BUILD" "$BUILD" 2 \
	>"$T/out" 2>"$T/err" || fail "compare failed: $(cat "$T/err")"
grep -q '^median MB/s of 2 interleaved runs each' "$T/out" ||
	fail "no heading: $(cat "$T/out")"
for stage in pipeline tokens+keys dates officials organizations membership; do
	grep -Eq "^$(echo "$stage" | sed 's/+/[+]/') +[0-9]+\.[0-9] +[0-9]+\.[0-9] +[-+][0-9]+\.[0-9]%$" \
		"$T/out" || fail "no row for $stage: $(cat "$T/out")"
done

if sh "$SRC/scripts/compare.sh" "$T/none" "$BUILD" 1 >/dev/null 2>"$T/err"; then
	fail "a missing build was accepted"
fi
grep -q "no $T/none/bench/pipeline_bench" "$T/err" ||
	fail "unclear refusal: $(cat "$T/err")"

if sh "$SRC/scripts/compare.sh" "$BUILD" "$BUILD" 2x >/dev/null 2>"$T/err"; then
	fail "a bad run count was accepted"
fi
grep -q "RUNS must be a number" "$T/err" ||
	fail "unclear refusal: $(cat "$T/err")"
if EVAL_DIR="$T/none" sh "$SRC/scripts/compare.sh" "$BUILD" "$BUILD" 1 \
	>/dev/null 2>"$T/err"; then
	fail "a folder without texts was accepted"
fi
grep -q "pipeline_bench of $BUILD failed" "$T/err" ||
	fail "unclear refusal: $(cat "$T/err")"
echo "bench_compare: ok"
