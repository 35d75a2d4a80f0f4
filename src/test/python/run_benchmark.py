"""Runs memflame and the reference tools side by side on the benchmark inputs and prints one table.

Usage: python3 run_benchmark.py --classpath CP --work DIR [--heap 1g] [--only NAME ...] [--flamegraph PATH]
                                [--runs N]

Inputs are generated into DIR by the committed generators when missing (never committed): the shapes of
make_shaped_snapshot.py, each as a dump and as folded stacks, then ten times the realistic dump:
  realistic.pickle/.folded  1M traces sharing 40k tracebacks of 12 to 25 frames, the shape of real dumps
  distinct.pickle/.folded   1M traces, nearly every traceback distinct
  wide.pickle/.folded       1M traces over 500,000 distinct files, 3 frames deep
  deep.pickle/.folded       200k traces, 100 frames deep, every traceback distinct
  lines.pickle/.folded      1M traces, 10 frames deep over 200 files with lines up to 20,000
  10m-traces.pickle         make_big_snapshot.py 10000000 40000
  run-30                    30 realistic dumps (seeds 1 to 30) in one directory: one run of 30 scenes. CPython
                            loads each and computes statistics('traceback') in one process; memflame checks the
                            run on every processor, then again with a comparison and a leak check (CheckProcess
                            run-checks), to see what checks across the run add

Each measurement is a whole process, timed from start to exit, with its CPU time (user + system) and its peak
resident memory (wait4); on a shared machine the CPU time is the figure that compares. With --runs N, CPython and
memflame run N times each, alternately, and the run of median wall time is shown (flamegraph.pl, which takes minutes,
runs once):
  CPython   this interpreter: tracemalloc.Snapshot.load(f) then statistics('traceback'), pickles only
  memflame  java -XmxHEAP io.github.memflame.bench.CheckProcess: the whole check of a directory holding the
            one input (read, fold, both SVGs, folded exports, index), a plain JVM without Maven's start-up, with
            as many threads as processors, as the threads parameter defaults to
  flamegraph.pl  perl flamegraph.pl --width 1200 --minwidth 0.1 FILE > SVG, folded input only. Found at
            --flamegraph, else $FLAMEGRAPH_PL, else the copy Debian's libdevel-nytprof-perl installs, else on the
            PATH; skipped with a note when none exists.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))

SHAPES = ["realistic", "distinct", "wide", "deep", "lines"]

INPUTS = ([(shape + ".pickle", ["make_shaped_snapshot.py", shape]) for shape in SHAPES]
          + [(shape + ".folded", ["make_shaped_snapshot.py", shape]) for shape in SHAPES]
          + [("10m-traces.pickle", ["make_big_snapshot.py", "10000000", "40000"])])

NYTPROF_FLAMEGRAPH = "/usr/share/perl5/Devel/NYTProf/flamegraph.pl"

RUN_SCENES = 30

CPYTHON_LOAD_ALL = ("import os, sys, tracemalloc\n"
                    "for name in sorted(os.listdir(sys.argv[1])):\n"
                    "    snapshot = tracemalloc.Snapshot.load(os.path.join(sys.argv[1], name))\n"
                    "    print(name, len(snapshot.statistics('traceback')))\n")

CPYTHON_LOAD = ("import sys, tracemalloc\n"
                "snapshot = tracemalloc.Snapshot.load(sys.argv[1])\n"
                "print(len(snapshot.statistics('traceback')))\n")


def run(command, stdout_path):
    """Runs a whole process; returns (wall seconds, CPU seconds, peak RSS in MiB, exit status)."""
    with open(stdout_path, "wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0, process.returncode


def find_flamegraph(option):
    """flamegraph.pl from the option, $FLAMEGRAPH_PL, the NYTProf copy or the PATH; None when there is none."""
    for candidate in (option, os.environ.get("FLAMEGRAPH_PL"), NYTPROF_FLAMEGRAPH, shutil.which("flamegraph.pl")):
        if candidate and os.path.isfile(candidate):
            return candidate
    return None


def median(results):
    """The run of median wall time (the lower middle one of an even count); a failed run if any failed."""
    failed = [result for result in results if result[3] != 0]
    if failed:
        return failed[0]
    return sorted(results)[(len(results) - 1) // 2]


def figures(result):
    seconds, cpu, rss, status = result
    return "%.1f s (CPU %.1f s), %.0f MiB" % (seconds, cpu, rss) if status == 0 else "FAILED (%d)" % status


def run_of_scenes(args, java):
    """The rows of one run of RUN_SCENES realistic dumps: memflame's check alone, then with checks across the run."""
    scenes = os.path.join(args.work, "in-run-30")
    os.makedirs(scenes, exist_ok=True)
    for seed in range(1, RUN_SCENES + 1):
        path = os.path.join(scenes, "scene-%02d.pickle" % seed)
        if not os.path.exists(path):
            subprocess.run([sys.executable, os.path.join(HERE, "make_shaped_snapshot.py"), "realistic", path,
                            str(seed)], check=True, stdout=subprocess.DEVNULL)
    size_mb = sum(os.path.getsize(os.path.join(scenes, name)) for name in os.listdir(scenes)) / 1e6
    threads = str(os.cpu_count())
    variants = [("run-30", []), ("run-30 with a comparison and a leak check", ["run-checks"])]
    reference_runs, memflame_runs = [], {label: [] for label, _ in variants}
    for _ in range(args.runs):
        reference_runs.append(run([sys.executable, "-c", CPYTHON_LOAD_ALL, scenes],
                                  os.path.join(args.work, "run-30.cpython.log")))
        for label, extra in variants:
            log = os.path.join(args.work, "run-30%s.memflame.log" % ("-checks" if extra else ""))
            memflame_runs[label].append(run([java, "-Xmx" + args.heap, "-cp", args.classpath,
                                             "io.github.memflame.bench.CheckProcess", scenes,
                                             os.path.join(args.work, "out-run-30"), threads] + extra, log))
    reference = ("CPython load + statistics('traceback') of each", median(reference_runs))
    rows = []
    for label, extra in variants:
        log = os.path.join(args.work, "run-30%s.memflame.log" % ("-checks" if extra else ""))
        with open(log, encoding="utf-8", errors="replace") as text:
            peak = re.search(r"peak-heap-mib=(\d+)", text.read())
        rows.append((label, size_mb, reference, median(memflame_runs[label]), peak.group(1) if peak else "-"))
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--classpath", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--heap", default="1g")
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--flamegraph", help="flamegraph.pl to compare the folded input with")
    parser.add_argument("--runs", type=int, default=1, help="runs of CPython and memflame each, alternating")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    java = os.path.join(os.environ.get("JAVA_HOME", ""), "bin", "java") if os.environ.get("JAVA_HOME") else "java"
    flamegraph = find_flamegraph(args.flamegraph)
    print("machine: %d processors, load average %.2f; %s; memflame with -Xmx%s; flamegraph.pl: %s"
          % (os.cpu_count(), os.getloadavg()[0], sys.version.split()[0], args.heap,
             flamegraph or "none found (set FLAMEGRAPH_PL or --flamegraph; apt-get install libdevel-nytprof-perl)"))
    rows = []
    if not args.only or "run-30" in args.only:
        rows.extend(run_of_scenes(args, java))
    for name, generator in INPUTS:
        if args.only and name not in args.only:
            continue
        # The input is written inside the snapshot directory: check refuses links that lead out of it.
        snapshots = os.path.join(args.work, "in-" + name)
        os.makedirs(snapshots, exist_ok=True)
        path = os.path.join(snapshots, name)
        if not os.path.exists(path):
            subprocess.run([sys.executable, os.path.join(HERE, generator[0])] + generator[1:] + [path], check=True)
        size_mb = os.path.getsize(path) / 1e6
        reference = None
        if name.endswith(".pickle") or flamegraph:
            reference_runs, memflame_runs = [], []
        else:
            reference_runs, memflame_runs = None, []
        log = os.path.join(args.work, name + ".memflame.log")
        for _ in range(args.runs):
            if name.endswith(".pickle"):
                reference_runs.append(run([sys.executable, "-c", CPYTHON_LOAD, path],
                                          os.path.join(args.work, name + ".cpython.log")))
            elif flamegraph and not reference_runs:
                reference_runs.append(run(["perl", flamegraph, "--width", "1200", "--minwidth", "0.1", path],
                                          os.path.join(args.work, name + ".flamegraph.svg")))
            memflame_runs.append(run([java, "-Xmx" + args.heap, "-cp", args.classpath,
                                      "io.github.memflame.bench.CheckProcess", snapshots,
                                      os.path.join(args.work, "out-" + name), str(os.cpu_count())], log))
            if memflame_runs[-1][3] != 0:
                break
        if reference_runs:
            reference = ("CPython load + statistics('traceback')" if name.endswith(".pickle")
                         else "flamegraph.pl --width 1200 --minwidth 0.1", median(reference_runs))
        result = median(memflame_runs)
        with open(log, encoding="utf-8", errors="replace") as text:
            output = text.read()
        peak = re.search(r"peak-heap-mib=(\d+)", output)
        rows.append((name, size_mb, reference, result, peak.group(1) if peak else "-"))
        if result[3] != 0:
            print(output[-3000:])
    print()
    print("| input | size | reference | reference time (CPU), peak RSS | memflame time (CPU), peak RSS, peak heap "
          "| ratio of times (of CPU) |")
    print("|---|---|---|---|---|---|")
    for name, size_mb, reference, result, peak in rows:
        memflame = figures(result) + (", heap %s MiB" % peak if result[3] == 0 else "")
        if reference:
            label, ref_result = reference
            ratio = ("%.2f× (%.2f×)" % (result[0] / ref_result[0], result[1] / ref_result[1])
                     if result[3] == 0 and ref_result[3] == 0 else "-")
            ref = figures(ref_result)
        else:
            label, ref, ratio = ("flamegraph.pl not found: not measured", "-", "-")
        print("| %s | %.1f MB | %s | %s | %s | %s |" % (name, size_mb, label, ref, memflame, ratio))


if __name__ == "__main__":
    main()
