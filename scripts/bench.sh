#!/bin/sh
# The benchmark suite (under 5 minutes): prints a table per part and writes
# bench/results.json.
#  1. in-process throughput of each plugin and of the whole pipeline
#     (single thread, the dev texts of ../shared/eval concatenated);
#  2. scaling with document size (us per KB, 1 KB .. 1 MB);
#  3. the server end to end with nerbench over tcp and ipc at concurrency
#     1, 8 and 64 with ~3 KB documents;
#  4. in the same run, the same load against nerd-echo (same transport, no
#     recognition): nerd/echo is the share of the transport's ceiling kept;
#  5. the server's peak RSS;
#  6. the server's own overhead: nerd with only the tests' server_probe
#     plugin (one entity per capitalised word, no lexicons) against
#     nerd-echo over ipc at concurrency 64 (skipped when the tests are not
#     built);
#  7. the ceiling that recognition's own cost leaves: nerd-echo --work-us W
#     spends W us of CPU per call and nothing else, so its req/s over
#     echo's is the most any server whose recognition takes W per 3 KB
#     document can keep on this machine (client and server share its
#     cores).  W is the pipeline's measured cost per 3,000 bytes, then
#     the cost at the 100 MB/s target (30 us), then 10 us (a 300 MB/s
#     pipeline): how much of echo's req/s even a third of that costs;
#  8. the server's RSS over a longer run (BENCH_SOAK_SECONDS, default 60)
#     at concurrency 64 over ipc, sampled every second: it must stay flat.
set -eu
BUILD=${1:-build}
EVAL=${EVAL_DIR:-../shared/eval}
SECONDS_PER_RUN=${BENCH_SECONDS:-5}
SOAK_SECONDS=${BENCH_SOAK_SECONDS:-60}
PLUGINS=$BUILD/lib/nerd/plugins
OUT=bench/results.json
TMP=$(mktemp -d)
trap 'kill $(cat "$TMP"/*.pid 2>/dev/null) 2>/dev/null || true; rm -rf "$TMP"' EXIT

echo "== 1-2. in-process pipeline (single thread)"
"$BUILD/bench/pipeline_bench" --plugins "$PLUGINS" --eval "$EVAL" \
	--seconds 5 >"$TMP/pipeline.json"
"$BUILD/bench/pipeline_bench" --plugins "$PLUGINS" --eval "$EVAL" \
	--write-docs "$TMP/docs3k.jsonl" --doc-size 3000

wait_up() { # url
	i=0
	until "$BUILD/clients/nerbench/nerbench" --connect "$1" -n 1 -c 1 \
		-t 500ms --method /nerd.v1.Health/Check --max-error-rate 0 \
		--no-progress -O json >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -lt 100 ] || { echo "bench: $1 did not come up" >&2; exit 1; }
		sleep 0.1
	done
}

rss_peak_mb() { # pid
	awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

# The server's CPU ticks (user, then system) and its threads' voluntary
# and involuntary context switches: CPU per call and switches per call
# depend far less on what else the machine runs than wall-clock req/s
# does.  The user/system split tells the server's own work from the
# kernel's (socket I/O, wake-ups).
proc_snap() { # pid
	awk '{ printf "%d %d ", $14, $15 }' "/proc/$1/stat"
	cat /proc/"$1"/task/*/status | awk '/^voluntary_ctxt/ { v += $2 }
		/^nonvoluntary_ctxt/ { n += $2 } END { print v, n }'
}

load() { # name url concurrency server-pid [seconds]
	before=$(proc_snap "$4")
	"$BUILD/clients/nerbench/nerbench" --connect "$2" -c "$3" \
		-z "${5:-$SECONDS_PER_RUN}s" --warmup 1s -t 10s \
		--data "$TMP/docs3k.jsonl" -O json --no-progress \
		>"$TMP/$1.json"
	after=$(proc_snap "$4")
	python3 - "$TMP/$1.json" "$1" "$before" "$after" <<'PY'
import json, os, sys
r = json.load(open(sys.argv[1]))
a = [int(x) for x in sys.argv[3].split()]
b = [int(x) for x in sys.argv[4].split()]
n = max(r["count"] + r.get("warmup", 0), 1)  # the CPU covers the warmup too
tick = 1e6 / os.sysconf("SC_CLK_TCK") / n
user, system = (b[0] - a[0]) * tick, (b[1] - a[1]) * tick
vcs, nvcs = (b[2] - a[2]) / n, (b[3] - a[3]) / n
client = r["client"]
json.dump({"cpu_us_per_call": round(user + system, 1),
           "cpu_user_us_per_call": round(user, 1),
           "cpu_sys_us_per_call": round(system, 1),
           "vcs_per_call": round(vcs, 3), "nvcs_per_call": round(nvcs, 3),
           "client_cpu_us_per_call": client["cpu_us_per_call"],
           "client_switches_per_call": client["switches_per_call"]},
          open(sys.argv[1][:-5] + ".cpu", "w"))
print("  %-22s %10.0f req/s  p50 %8.0f us  p99 %8.0f us  errors %d  server %5.1f us CPU/call (%.1f user), %.2f+%.2f switches/call; client %5.1f us, %.2f switches"
      % (sys.argv[2], r["rps"], r["latency_us"]["p50"], r["latency_us"]["p99"],
         r["count"] - r["ok"], user + system, user, vcs, nvcs,
         client["cpu_us_per_call"], client["switches_per_call"]))
PY
}

start_nerd() { # url plugin-dir log-name pid-name
	"$BUILD/server/nerd" --listen "$1" --plugins "$2" \
		--log-level warn 2>"$TMP/$3" &
	echo $! >"$TMP/$4.pid"
}

start_servers() { # nerd-url echo-url plugin-dir log-name
	start_nerd "$1" "$3" "$4" nerd
	"$BUILD/bench/nerd-echo" --listen "$2" &
	echo $! >"$TMP/echo.pid"
	wait_up "$1"
	wait_up "$2"
}

stop_servers() {
	kill -TERM "$(cat "$TMP/nerd.pid")" "$(cat "$TMP/echo.pid")"
	wait "$(cat "$TMP/nerd.pid")" "$(cat "$TMP/echo.pid")" 2>/dev/null || true
	rm -f "$TMP/nerd.pid" "$TMP/echo.pid"
}

echo "== 3-5. server end to end (~3 KB documents, ${SECONDS_PER_RUN}s per run)"
for transport in ipc tcp; do
	if [ $transport = ipc ]; then
		url_nerd="ipc://$TMP/nerd.sock"
		url_echo="ipc://$TMP/echo.sock"
	else
		url_nerd="tcp://127.0.0.1:17411"
		url_echo="tcp://127.0.0.1:17412"
	fi
	start_servers "$url_nerd" "$url_echo" "$PLUGINS" "nerd-$transport.log"
	for c in 1 8 64; do
		load "server_${transport}_c$c" "$url_nerd" $c \
			"$(cat "$TMP/nerd.pid")"
		load "echo_${transport}_c$c" "$url_echo" $c \
			"$(cat "$TMP/echo.pid")"
	done
	rss_peak_mb "$(cat "$TMP/nerd.pid")" >"$TMP/rss_$transport"
	echo "  server peak RSS: $(cat "$TMP/rss_$transport") MB"
	stop_servers
done

PROBE=$BUILD/tests/server_plugins
if [ -f "$PROBE/server_probe.so" ]; then
	echo "== 6. server overhead (server_probe plugin only, ipc, c64)"
	start_servers "ipc://$TMP/probe.sock" "ipc://$TMP/echo.sock" "$PROBE" \
		nerd-probe.log
	load probe_ipc_c64 "ipc://$TMP/probe.sock" 64 "$(cat "$TMP/nerd.pid")"
	load echo_probe_ipc_c64 "ipc://$TMP/echo.sock" 64 \
		"$(cat "$TMP/echo.pid")"
	stop_servers
else
	echo "== 6. skipped: build the tests for $PROBE/server_probe.so"
fi

# 7. The pipeline's cost per 3,000 bytes, from part 1.
work_us=$(python3 -c 'import json, sys
print("%.1f" % (3000 / json.load(open(sys.argv[1]))["pipeline_mb_s"]))' \
	"$TMP/pipeline.json")
echo "== 7. ceiling left by recognition's cost (nerd-echo --work-us, ipc, c64)"
for w in "work:$work_us" target:30 w10:10; do
	name=${w%%:*}
	"$BUILD/bench/nerd-echo" --listen "ipc://$TMP/work.sock" \
		--work-us "${w#*:}" &
	echo $! >"$TMP/work.pid"
	wait_up "ipc://$TMP/work.sock"
	echo "  $name: ${w#*:} us of CPU per call"
	load "echo_${name}_ipc_c64" "ipc://$TMP/work.sock" 64 \
		"$(cat "$TMP/work.pid")"
	kill -TERM "$(cat "$TMP/work.pid")"
	wait "$(cat "$TMP/work.pid")" 2>/dev/null || true
	rm -f "$TMP/work.pid"
done

echo "== 8. server RSS over a ${SOAK_SECONDS}s run (all plugins, ipc, c64)"
start_nerd "ipc://$TMP/soak.sock" "$PLUGINS" nerd-soak.log soak
wait_up "ipc://$TMP/soak.sock"
soak_pid=$(cat "$TMP/soak.pid")
# One VmRSS sample (KB) a second while the server lives.
while [ -e "/proc/$soak_pid/status" ]; do
	awk '/VmRSS/ { print $2 }' "/proc/$soak_pid/status" 2>/dev/null || true
	sleep 1
done >"$TMP/soak.rss" &
echo $! >"$TMP/sampler.pid"
load soak_ipc_c64 "ipc://$TMP/soak.sock" 64 "$soak_pid" "$SOAK_SECONDS"
rss_peak_mb "$soak_pid" >"$TMP/rss_soak"
kill -TERM "$soak_pid"
wait "$soak_pid" 2>/dev/null || true
wait "$(cat "$TMP/sampler.pid")" 2>/dev/null || true
rm -f "$TMP/soak.pid" "$TMP/sampler.pid"

python3 - "$TMP" "$OUT" "$work_us" "$SOAK_SECONDS" <<'PY'
import glob, json, os, sys
tmp, out = sys.argv[1], sys.argv[2]
pipe = json.load(open(os.path.join(tmp, "pipeline.json")))
res = {"pipeline_mb_s": pipe["pipeline_mb_s"],
       "pipeline_docs_s": pipe["pipeline_docs_s"],
       "tokenizer_mb_s": pipe["tokenizer_mb_s"],
       "plugins": pipe["plugins"],
       "scaling_us_per_kb": pipe["scaling_us_per_kb"]}
for name, p in pipe["plugins"].items():
    res["plugin_%s_mb_s" % name] = p["mb_s"]
for f in sorted(glob.glob(os.path.join(tmp, "*_c*.json"))):
    name = os.path.basename(f)[:-5]
    r = json.load(open(f))
    res[name + "_rps"] = r["rps"]
    res[name + "_p50_us"] = r["latency_us"]["p50"]
    res[name + "_p99_us"] = r["latency_us"]["p99"]
    res[name + "_errors"] = r["count"] - r["ok"]
    cpu = f[:-5] + ".cpu"
    if os.path.exists(cpu):
        for k, v in json.load(open(cpu)).items():
            res[name + "_" + k] = v
for t in ("ipc", "tcp"):
    for c in (1, 8, 64):
        s, e = res.get("server_%s_c%d_rps" % (t, c)), res.get("echo_%s_c%d_rps" % (t, c))
        if s and e:
            res["ratio_%s_c%d" % (t, c)] = round(s / e, 3)
s, e = res.get("probe_ipc_c64_rps"), res.get("echo_probe_ipc_c64_rps")
if s and e:
    res["ratio_probe_ipc_c64"] = round(s / e, 3)
e = res.get("echo_ipc_c64_rps")
res["work_us_per_3kb"] = float(sys.argv[3])  # what part 7 ran
for name in ("work", "target", "w10"):
    w = res.get("echo_%s_ipc_c64_rps" % name)
    if w and e:
        res["ratio_%s_ipc_c64" % name] = round(w / e, 3)
rss = [float(open(os.path.join(tmp, "rss_" + t)).read() or 0)
       for t in ("ipc", "tcp", "soak")]
res["server_rss_mb"] = max(rss)
# Part 8: the first sample is the idle server; the load's first seconds
# grow its arenas and caches, so flat means no growth from 5 s (or a
# third of a short run) to the end.
soak = [int(x) / 1024 for x in open(os.path.join(tmp, "soak.rss")).read().split()]
if len(soak) >= 3:
    i = min(5, len(soak) // 3)
    res["server_soak_seconds"] = int(sys.argv[4])
    res["server_soak_rss_idle_mb"] = round(soak[0], 1)
    res["server_soak_rss_start_mb"] = round(soak[i], 1)
    res["server_soak_rss_end_mb"] = round(soak[-1], 1)
    res["server_soak_rss_growth_mb"] = round(soak[-1] - soak[i], 1)
json.dump(res, open(out, "w"), indent=1, sort_keys=True)
print("\n== summary")
print("  pipeline %.1f MB/s; ipc c64: nerd %.0f req/s = %.0f%% of echo; p99 %.0f us vs echo %.0f us; RSS %.1f MB"
      % (res["pipeline_mb_s"], res.get("server_ipc_c64_rps", 0),
         100 * res.get("ratio_ipc_c64", 0), res.get("server_ipc_c64_p99_us", 0),
         res.get("echo_ipc_c64_p99_us", 0), res["server_rss_mb"]))
def cpu(run):  # a run's server CPU per call, "80.3 us (53.3 user)"
    return "%.1f us (%.1f user)" % (res.get(run + "_cpu_us_per_call", 0),
                                    res.get(run + "_cpu_user_us_per_call", 0))
print("  ipc c64 server CPU per call: nerd %s vs echo %s; context switches per call %.2f vs %.2f"
      % (cpu("server_ipc_c64"), cpu("echo_ipc_c64"),
         res.get("server_ipc_c64_vcs_per_call", 0) + res.get("server_ipc_c64_nvcs_per_call", 0),
         res.get("echo_ipc_c64_vcs_per_call", 0) + res.get("echo_ipc_c64_nvcs_per_call", 0)))
print("  ipc c64 client (nerbench) CPU per call: against nerd %.1f us, %.2f switches; against echo %.1f us, %.2f switches"
      % (res.get("server_ipc_c64_client_cpu_us_per_call", 0),
         res.get("server_ipc_c64_client_switches_per_call", 0),
         res.get("echo_ipc_c64_client_cpu_us_per_call", 0),
         res.get("echo_ipc_c64_client_switches_per_call", 0)))
if "server_soak_seconds" in res:
    print("  RSS over a %d s run at c64: %.1f MB idle, %.1f MB after the first seconds, %.1f MB at the end (%+.1f MB)"
          % (res["server_soak_seconds"], res["server_soak_rss_idle_mb"],
             res["server_soak_rss_start_mb"], res["server_soak_rss_end_mb"],
             res["server_soak_rss_growth_mb"]))
if "ratio_probe_ipc_c64" in res:
    print("  server overhead (probe plugin, ipc c64): nerd %.0f req/s = %.0f%% of echo; p99 %.0f us vs echo %.0f us"
          % (res["probe_ipc_c64_rps"], 100 * res["ratio_probe_ipc_c64"],
             res["probe_ipc_c64_p99_us"], res["echo_probe_ipc_c64_p99_us"]))
    print("  server overhead CPU per call: nerd %s vs echo %s"
          % (cpu("probe_ipc_c64"), cpu("echo_probe_ipc_c64")))
if "ratio_work_ipc_c64" in res:
    print("  ceiling at nerd's recognition cost (%.1f us per 3 KB): %.0f%% of echo; nerd keeps %.0f%% of that ceiling"
          % (res["work_us_per_3kb"], 100 * res["ratio_work_ipc_c64"],
             100 * res.get("server_ipc_c64_rps", 0) / res["echo_work_ipc_c64_rps"]))
if "ratio_target_ipc_c64" in res:
    print("  ceiling at the 100 MB/s pipeline target (30 us per 3 KB): %.0f%% of echo"
          % (100 * res["ratio_target_ipc_c64"]))
if "ratio_w10_ipc_c64" in res:
    print("  ceiling at a 300 MB/s pipeline (10 us per 3 KB): %.0f%% of echo"
          % (100 * res["ratio_w10_ipc_c64"]))
print("  written to " + out)
PY
