#!/bin/sh
# Compares the in-process speed of two builds (say, main and a change) by
# the clock: RUNS interleaved runs of each build's pipeline_bench --rounds
# 30 (about a second each on the dev texts), then the median MB/s of the
# pipeline, of tokens + keys and of each plugin for each build, and B's
# over A's.  Each run's figures take every document at its fastest of the
# 30 passes (pipeline_bench's "best").
#
# Interleaving spreads the machine's slow and fast spells over both builds,
# per-document minima drop the passes the scheduler interrupted, and
# medians drop the odd slow run: two copies of one build agree within about
# 1-2% at 8 runs on a busy machine.  Why not callgrind's estimates: see
# README.md, "make compare".
#
# usage: compare.sh BUILD_A BUILD_B [RUNS]   (EVAL_DIR: the texts' folder,
#        default ../shared/eval, whose */dev.jsonl pipeline_bench reads)
set -eu
usage="usage: compare.sh BUILD_A BUILD_B [RUNS]"
A=${1:?$usage}
B=${2:?$usage}
RUNS=${3:-12}
EVAL=${EVAL_DIR:-../shared/eval}

case $RUNS in
'' | *[!0-9]*) echo "compare: RUNS must be a number, not '$RUNS'" >&2; exit 2 ;;
esac
for build in "$A" "$B"; do
	if [ ! -x "$build/bench/pipeline_bench" ]; then
		echo "compare: no $build/bench/pipeline_bench (build it first)" >&2
		exit 2
	fi
done

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# One run of build $1 appends its JSON summary (the last line of its
# output; the table goes to stderr) to $2.
run() {
	if ! "$1/bench/pipeline_bench" --plugins "$1/lib/nerd/plugins" \
		--eval "$EVAL" --rounds 30 >"$TMP/out" 2>"$TMP/err"; then
		cat "$TMP/err" >&2
		echo "compare: pipeline_bench of $1 failed" >&2
		exit 1
	fi
	tail -n 1 "$TMP/out" >>"$2"
}

i=0
while [ "$i" -lt "$RUNS" ]; do
	run "$A" "$TMP/a.jsonl"
	run "$B" "$TMP/b.jsonl"
	i=$((i + 1))
done

python3 - "$TMP/a.jsonl" "$TMP/b.jsonl" "$A" "$B" "$RUNS" <<'PY'
import json
import statistics
import sys

a_file, b_file, a_name, b_name, runs = sys.argv[1:6]


def figures(path):
    """Each run's MB/s by stage (pipeline, tokens + keys, each plugin),
    with every document at its fastest of the run's passes ("best")."""
    out = {}
    for line in open(path):
        r = json.loads(line)["best"]
        stages = {"pipeline": r["pipeline_mb_s"],
                  "tokens+keys": r["tokens_keys_mb_s"]}
        for name, p in sorted(r["plugins"].items()):
            stages[name] = p["mb_s"]
        for stage, mb_s in stages.items():
            out.setdefault(stage, []).append(mb_s)
    return out


a, b = figures(a_file), figures(b_file)
print("median MB/s of %s interleaved runs each (pipeline_bench --rounds 30,"
      " each document at its fastest of the 30 passes)" % runs)
print("%-16s %12s %12s %8s" % ("stage", "A", "B", "B/A"))
for stage in a:
    ma = statistics.median(a[stage])
    mb = statistics.median(b.get(stage, [0.0]))
    print("%-16s %12.1f %12.1f %+7.1f%%"
          % (stage, ma, mb, (mb / ma - 1) * 100 if ma > 0 else 0.0))
print("A: %s\nB: %s" % (a_name, b_name))
PY
