"""Runs memflame and the reference tools side by side on the benchmark inputs and prints one table.

Usage: python3 run_benchmark.py --classpath CP --work DIR [--heap 1g] [--only NAME ...]

Inputs are generated into DIR by the committed generators when missing (never committed):
  1m-traces-40k.pickle make_big_snapshot.py 1000000 40000      (realistic: tracebacks shared)
  1m-distinct.pickle   make_big_snapshot.py 1000000 1000000    (worst case: ~630k distinct tracebacks)
  1m-distinct.folded   make_big_folded.py 1000000              (1M distinct stacks, ~440 MB)
  10m-traces.pickle    make_big_snapshot.py 10000000 40000     (ten times the realistic one)

Each measurement is a whole process, timed from start to exit, with its peak resident memory (wait4):
  CPython   this interpreter: tracemalloc.Snapshot.load(f) then statistics('traceback'), pickles only
  memflame  java -XmxHEAP io.github.memflame.bench.CheckProcess: the whole check of a directory holding the
            one input (read, fold, both SVGs, folded exports, index), a plain JVM without Maven's start-up
  flamegraph.pl  --width 1200 --minwidth 0.1, folded input only, when flamegraph.pl is on the PATH
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))

INPUTS = [
    ("1m-traces-40k.pickle", ["make_big_snapshot.py", "1000000", "40000"]),
    ("1m-distinct.pickle", ["make_big_snapshot.py", "1000000", "1000000"]),
    ("1m-distinct.folded", ["make_big_folded.py", "1000000"]),
    ("10m-traces.pickle", ["make_big_snapshot.py", "10000000", "40000"]),
]

CPYTHON_LOAD = ("import sys, tracemalloc\n"
                "snapshot = tracemalloc.Snapshot.load(sys.argv[1])\n"
                "print(len(snapshot.statistics('traceback')))\n")


def run(command, stdout_path):
    """Runs a whole process; returns (seconds, peak RSS in MiB, exit status)."""
    with open(stdout_path, "wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024.0, process.returncode


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--classpath", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--heap", default="1g")
    parser.add_argument("--only", nargs="*")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    java = os.path.join(os.environ.get("JAVA_HOME", ""), "bin", "java") if os.environ.get("JAVA_HOME") else "java"
    flamegraph = shutil.which("flamegraph.pl")
    print("machine: %d processors, load average %.2f; %s; memflame with -Xmx%s"
          % (os.cpu_count(), os.getloadavg()[0], sys.version.split()[0], args.heap))
    rows = []
    for name, generator in INPUTS:
        if args.only and name not in args.only:
            continue
        path = os.path.join(args.work, name)
        if not os.path.exists(path):
            subprocess.run([sys.executable, os.path.join(HERE, generator[0])] + generator[1:] + [path], check=True)
        size_mb = os.path.getsize(path) / 1e6
        snapshots = os.path.join(args.work, "in-" + name)
        os.makedirs(snapshots, exist_ok=True)
        link = os.path.join(snapshots, name)
        if not os.path.exists(link):
            os.symlink(path, link)
        reference = None
        if name.endswith(".pickle"):
            reference = ("CPython load + statistics('traceback')",
                         run([sys.executable, "-c", CPYTHON_LOAD, path], os.path.join(args.work, name + ".cpython.log")))
        elif flamegraph:
            reference = ("flamegraph.pl --minwidth 0.1",
                         run(["perl", flamegraph, "--width", "1200", "--minwidth", "0.1", path],
                             os.path.join(args.work, name + ".flamegraph.svg")))
        log = os.path.join(args.work, name + ".memflame.log")
        seconds, rss, status = run([java, "-Xmx" + args.heap, "-cp", args.classpath,
                                    "io.github.memflame.bench.CheckProcess", snapshots,
                                    os.path.join(args.work, "out-" + name), "1"], log)
        with open(log, encoding="utf-8", errors="replace") as text:
            output = text.read()
        peak = re.search(r"peak-heap-mib=(\d+)", output)
        rows.append((name, size_mb, reference, (seconds, rss, status), peak.group(1) if peak else "-"))
        if status != 0:
            print(output[-3000:])
    print()
    print("| input | size | reference | reference time, peak RSS | memflame time, peak RSS, peak heap | ratio |")
    print("|---|---|---|---|---|---|")
    for name, size_mb, reference, (seconds, rss, status), peak in rows:
        memflame = ("%.1f s, %.0f MiB, heap %s MiB" % (seconds, rss, peak)) if status == 0 else "FAILED (%d)" % status
        if reference:
            label, (ref_seconds, ref_rss, ref_status) = reference
            ref = "%.1f s, %.0f MiB" % (ref_seconds, ref_rss) if ref_status == 0 else "FAILED (%d)" % ref_status
            ratio = "%.2f×" % (seconds / ref_seconds) if status == 0 and ref_status == 0 else "-"
        else:
            label, ref, ratio = ("flamegraph.pl not on the PATH: not measured", "-", "-")
        print("| %s | %.1f MB | %s | %s | %s | %s |" % (name, size_mb, label, ref, memflame, ratio))


if __name__ == "__main__":
    main()
