#!/usr/bin/env python3
"""Compare budgetpack with the peer path (../shared/peer: an openpyxl script
for three tables, then LibreOffice headless to PDF), in one run with the
two interleaved, and time a batch of 200 seed copies.

Usage (from the repository root):
    python3 bench/run.py [--rounds N] [--peer DIR] [--batch N] [--jobs J]

Prints each measurement, then medians (with min–max) and the ratios. Wall
time is measured around the whole process; CPU is user+system of the
process and all its children; RSS is the peak of the process. On a machine
shared with other work the wall times are noisy: compare the CPU figures
too, and repeat.
"""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = [os.path.join(ROOT, "testdata", "hebei-xushui-gongxin-2024.txt"),
         os.path.join(ROOT, "testdata", "henan-hongqi-gongxin-2023.txt")]


def run(cmd, **kw):
    """Runs cmd; returns (wall s, cpu s of it and its children, peak RSS MiB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)}: exit {p.returncode}\n{err}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, ru.ru_maxrss / 1024


def med(xs):
    return f"{statistics.median(xs):.3f} ({min(xs):.3f}–{max(xs):.3f})"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--peer", default=os.path.join(ROOT, "..", "shared", "peer"))
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=os.cpu_count())
    ap.add_argument("--batch-rounds", type=int, default=3)
    ap.add_argument("--pack", default="审核版",
                    help="which packs render writes (审核版: every table with the appendix, as the issue measures; "
                         "公开版,审核版: both, render's default)")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="bpbench-")
    bp = os.path.join(work, "budgetpack")
    subprocess.run(["go", "build", "-o", bp, "./cmd/budgetpack"], cwd=ROOT, check=True)
    make_pack = os.path.join(os.path.abspath(args.peer), "make_pack.py")
    have_peer = os.path.exists(make_pack) and shutil.which("soffice")
    if not have_peer:
        print("peer path not available (make_pack.py or soffice missing): budgetpack only")

    render = [bp, "render", "--pack", args.pack]

    # Warm the OS file cache and LibreOffice's files once.
    run(render + ["-o", os.path.join(work, "warm"), SEEDS[0]])
    if have_peer:
        run(["/usr/bin/python3", make_pack, "1", os.path.join(work, "pw")])
        run(["soffice", f"-env:UserInstallation=file://{work}/lo-warm", "--headless",
             "--convert-to", "pdf", "--outdir", os.path.join(work, "pw"), os.path.join(work, "pw", "pack_01.xlsx")])

    # One department, interleaved: the peer's three tables (script, then
    # soffice with a fresh profile), then budgetpack's full Hebei pack.
    ours, peer = {"wall": [], "cpu": [], "rss": []}, {"wall": [], "cpu": [], "rss": []}
    for r in range(args.rounds):
        order = ["peer", "ours"] if r % 2 == 0 else ["ours", "peer"]
        for who in order:
            if who == "ours" or not have_peer:
                w, c, m = run(render + ["-o", os.path.join(work, f"o{r}"), SEEDS[0]])
                ours["wall"].append(w); ours["cpu"].append(c); ours["rss"].append(m)
                print(f"round {r+1} budgetpack Hebei full pack: wall {w:.3f} s, cpu {c:.3f} s, rss {m:.0f} MiB")
            else:
                d = os.path.join(work, f"p{r}")
                w1, c1, m1 = run(["/usr/bin/python3", make_pack, "1", d])
                w2, c2, m2 = run(["soffice", f"-env:UserInstallation=file://{work}/lo{r}", "--headless",
                                  "--convert-to", "pdf", "--outdir", d, os.path.join(d, "pack_01.xlsx")])
                peer["wall"].append(w1 + w2); peer["cpu"].append(c1 + c2); peer["rss"].append(max(m1, m2))
                print(f"round {r+1} peer three tables: wall {w1+w2:.3f} s (script {w1:.3f} + soffice {w2:.3f}), cpu {c1+c2:.3f} s")

    # Batches, interleaved: budgetpack on N copies of the two seeds, and
    # the peer on 20 departments (script for 20, one soffice call).
    src = os.path.join(work, "batch-in")
    os.makedirs(src)
    for i in range(args.batch):
        seed = SEEDS[i % 2]
        stem = os.path.splitext(os.path.basename(seed))[0]
        shutil.copy(seed, os.path.join(src, f"{stem}-{i:04d}.txt"))
    small = os.path.join(work, "batch-small")
    os.makedirs(small)
    for f in sorted(os.listdir(src))[:20]:
        shutil.copy(os.path.join(src, f), small)
    batch = {"wall": [], "cpu": [], "rss": []}
    batch20 = {"rss": []}
    pbatch = {"wall": [], "cpu": []}
    for r in range(args.batch_rounds):
        out = os.path.join(work, f"bo{r}")
        w, c, m = run(render + ["-j", str(args.jobs), "-o", out, src])
        n = len([f for f in os.listdir(out) if f.endswith(".pdf")])
        if n != args.batch * len(args.pack.split(",")):
            sys.exit(f"batch wrote {n} PDFs, want {args.batch}")
        batch["wall"].append(w); batch["cpu"].append(c); batch["rss"].append(m)
        print(f"round {r+1} budgetpack {args.batch} files -j {args.jobs}: wall {w:.2f} s = {args.batch/w:.1f} packs/s, cpu {c:.2f} s, rss {m:.0f} MiB")
        _, _, m20 = run(render + ["-j", str(args.jobs), "-o", out + "-20", small])
        batch20["rss"].append(m20)
        print(f"round {r+1} budgetpack 20 files -j {args.jobs}: rss {m20:.0f} MiB")
        if have_peer:
            d = os.path.join(work, f"pb{r}")
            w1, c1, _ = run(["/usr/bin/python3", make_pack, "20", d])
            xs = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".xlsx"))
            w2, c2, _ = run(["soffice", f"-env:UserInstallation=file://{work}/lob{r}", "--headless",
                             "--convert-to", "pdf", "--outdir", d] + xs)
            pbatch["wall"].append(w1 + w2); pbatch["cpu"].append(c1 + c2)
            print(f"round {r+1} peer 20 departments: wall {w1+w2:.2f} s = {20/(w1+w2):.1f} packs/s, cpu {c1+c2:.2f} s")

    print()
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end")
    print(f"budgetpack Hebei full pack ({args.pack}: every table, appendix, xlsx + pdf): wall {med(ours['wall'])} s, cpu {med(ours['cpu'])} s, rss {statistics.median(ours['rss']):.0f} MiB")
    if have_peer:
        print(f"peer three tables (openpyxl + soffice):                  wall {med(peer['wall'])} s, cpu {med(peer['cpu'])} s")
        print(f"ratio peer / budgetpack, medians: wall {statistics.median(peer['wall'])/statistics.median(ours['wall']):.1f}×, "
              f"cpu {statistics.median(peer['cpu'])/statistics.median(ours['cpu']):.1f}×")
    rate = [args.batch / w for w in batch["wall"]]
    print(f"budgetpack batch of {args.batch}: {statistics.median(rate):.1f} packs/s median ({min(rate):.1f}–{max(rate):.1f}), "
          f"cpu {med(batch['cpu'])} s = {1000*statistics.median(batch['cpu'])/args.batch:.0f} ms cpu per pack, "
          f"peak rss {statistics.median(batch['rss']):.0f} MiB (20 files: {statistics.median(batch20['rss']):.0f} MiB)")
    if have_peer:
        prate = [20 / w for w in pbatch["wall"]]
        print(f"peer batch of 20: {statistics.median(prate):.1f} packs/s median; ratio {statistics.median(rate)/statistics.median(prate):.1f}×")
    sizes = os.path.join(work, "sizes")
    run([bp, "render", "-o", sizes] + SEEDS)  # both packs
    for f in sorted(os.listdir(sizes)):
        print(f"{f}: {os.path.getsize(os.path.join(sizes, f))} bytes")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
