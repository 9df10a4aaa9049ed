#!/usr/bin/env python3
"""Where the time goes: per Spark stage of one event log (spark.eventLog.enabled=true), the task time, CPU time,
rows and bytes read, shuffled and written, grouped under the job's call site. Used by bench/pipeline.sh
(EVENTLOG=1); run by hand as  bench/stages.py EVENT_LOG_FILE [--top N].

Prints aggregates only (stage names are code locations, numbers are row and byte counts): nothing record-level."""
import json
import sys


def main():
    args = sys.argv[1:]
    top = None
    if "--top" in args:
        i = args.index("--top")
        top = int(args[i + 1])
        del args[i:i + 2]
    path = args[0]
    stages = {}
    stage_job = {}
    jobs = {}
    for line in open(path, encoding="utf-8"):
        e = json.loads(line)
        ev = e.get("Event")
        if ev == "SparkListenerJobStart":
            props = e.get("Properties") or {}
            desc = props.get("spark.job.description") or props.get("callSite.short") or ""
            jobs[e["Job ID"]] = desc
            for s in e.get("Stage IDs", []):
                stage_job.setdefault(s, e["Job ID"])
        elif ev == "SparkListenerStageCompleted":
            info = e["Stage Info"]
            acc = {a["Name"]: a.get("Value") for a in info.get("Accumulables", [])}

            def m(name):
                v = acc.get("internal.metrics." + name, 0)
                try:
                    return int(v)
                except (TypeError, ValueError):
                    return 0
            sid = info["Stage ID"]
            stages[sid] = {
                "name": info.get("Stage Name", ""),
                "tasks": info.get("Number of Tasks", 0),
                "wall": (info.get("Completion Time", 0) - info.get("Submission Time", 0)) / 1000.0,
                "run": m("executorRunTime") / 1000.0,
                "cpu": m("executorCpuTime") / 1e9,
                "gc": m("jvmGCTime") / 1000.0,
                "in_rec": m("input.recordsRead"),
                "in_b": m("input.bytesRead"),
                "sr_rec": m("shuffle.read.recordsRead"),
                "sr_b": m("shuffle.read.remoteBytesRead") + m("shuffle.read.localBytesRead"),
                "sw_rec": m("shuffle.write.recordsWritten"),
                "sw_b": m("shuffle.write.bytesWritten"),
                "out_rec": m("output.recordsWritten"),
                "spill": m("diskBytesSpilled"),
            }
    rows = sorted(stages.items())
    if top:
        rows = sorted(stages.items(), key=lambda kv: -kv[1]["run"])[:top]
    mb = lambda b: b / 1e6
    print(f"{'stage':>5} {'job':>4} {'tasks':>5} {'wall_s':>7} {'task_s':>7} {'cpu_s':>6} {'gc_s':>5} "
          f"{'in_rows':>10} {'shufR_rows':>10} {'shufR_MB':>8} {'shufW_rows':>10} {'shufW_MB':>8} {'out_rows':>10} {'spill_MB':>8}  name")
    tot = {"run": 0, "cpu": 0, "sw_b": 0, "sr_b": 0}
    for sid, s in rows:
        for k in tot:
            tot[k] += s[k]
        print(f"{sid:>5} {stage_job.get(sid, -1):>4} {s['tasks']:>5} {s['wall']:>7.1f} {s['run']:>7.1f} {s['cpu']:>6.1f} {s['gc']:>5.1f} "
              f"{s['in_rec']:>10} {s['sr_rec']:>10} {mb(s['sr_b']):>8.1f} {s['sw_rec']:>10} {mb(s['sw_b']):>8.1f} "
              f"{s['out_rec']:>10} {mb(s['spill']):>8.1f}  {s['name'][:70]}")
    print(f"total over {len(rows)} stages: task time {tot['run']:.1f} s, executor CPU {tot['cpu']:.1f} s, "
          f"shuffle written {mb(tot['sw_b']):.1f} MB, shuffle read {mb(tot['sr_b']):.1f} MB")


if __name__ == "__main__":
    main()
