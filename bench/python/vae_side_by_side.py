#!/usr/bin/env python3
"""Times the VAEs in DJL (VaeBench) and in PyTorch from Python (vae_torch.py) alternately, as whole processes.

Each round runs the Java benchmark, then the Python one (A B A B ...), each pinned to the same CPU with taskset
and one thread, so both see the same machine load over the sitting. Every process prints
"RESULT model=<basic|conv> median_ms_per_epoch=<wall ms> median_cpu_ms_per_epoch=<training thread CPU ms>"; this script
collects them and prints every run, the median over runs per side and the ratio DJL / PyTorch (below 1: DJL is
faster), for wall-clock time and for the training thread's CPU time (less disturbed by other processes on the CPU).

Run from the repository root after `./mvnw -B -q -pl bench -am package -DskipTests`:
    /usr/bin/python3 bench/python/vae_side_by_side.py --rounds 3
"""
import argparse
import os
import re
import statistics
import subprocess
import sys

RESULT = re.compile(r"^RESULT model=(\w+) median_ms_per_epoch=([0-9.]+) median_cpu_ms_per_epoch=([0-9.]+)", re.M)


def run(command, log):
    out = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    log.write(f"$ {' '.join(command)}\n{out.stdout}\n")
    log.flush()
    if out.returncode != 0:
        sys.exit(f"{command[0]} exited with {out.returncode}; see the log")
    return {m: (float(wall), float(cpu)) for m, wall, cpu in RESULT.findall(out.stdout)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cpu", default="0", help="taskset CPU list for both sides")
    ap.add_argument("--java", default=os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "java"))
    ap.add_argument("--java-cp", default="bench/target/classes:bench/target/lib/*")
    ap.add_argument("--python", default="/usr/bin/python3", help="a python3 with torch (Debian's python3-torch)")
    ap.add_argument("--epochs", default="3,10,1,3",
                    help="basic warm-up, basic measured, conv warm-up, conv measured (0 measured skips a model)")
    ap.add_argument("--loader", choices=["index", "dataloader"], default="index")
    ap.add_argument("--log", default="vae_side_by_side.log")
    args = ap.parse_args()
    bw, bm, cw, cm = args.epochs.split(",")
    java = ["taskset", "-c", args.cpu, args.java, "-Dai.djl.pytorch.num_threads=1", "-cp", args.java_cp,
            "io.songspace.bench.VaeBench", bw, bm, cw, cm]
    here = os.path.dirname(os.path.abspath(__file__))
    models = [m for m, n in (("basic", bm), ("conv", cm)) if int(n) > 0]
    python = ["taskset", "-c", args.cpu, args.python, os.path.join(here, "vae_torch.py"), "--threads", "1",
              "--warmup", bw, "--epochs", bm, "--conv-warmup", cw, "--conv-epochs", cm, "--loader", args.loader,
              "--model", "both" if len(models) == 2 else models[0]]
    runs = {"djl": [], "torch": []}
    with open(args.log, "w") as log:
        for r in range(1, args.rounds + 1):
            for side, command in (("djl", java), ("torch", python)):
                result = run(command, log)
                runs[side].append(result)
                print(f"round {r} {side:5s} " + "  ".join(
                    f"{m} {result[m][0]:.1f} ms/epoch (CPU {result[m][1]:.1f})" for m in models), flush=True)
    print(f"\nmedian over {args.rounds} rounds of each run's median ms/epoch (PyTorch: {args.loader} loader):")
    for m in models:
        for i, what in ((0, "wall"), (1, "CPU ")):
            djl = statistics.median(x[m][i] for x in runs["djl"])
            torch = statistics.median(x[m][i] for x in runs["torch"])
            print(f"  {m:5s} {what}  DJL {djl:8.1f}   PyTorch {torch:8.1f}   DJL/PyTorch {djl / torch:.2f}")


if __name__ == "__main__":
    main()
