#!/usr/bin/env python3
"""`make mutate` (docs/verification.md): the regression's own mutation score. Seeded operator
mutations of rtl/ (comparisons, logic and bitwise operators, constants, off-by-one), each in a
copy of rtl/ under build/mutate/mNN/, Verilated like build/mmucosim (without tracing, to build
faster) and run through the lockstep over tb/regress/mutate.list. A mutant is killed when the
regression fails, survives when it passes, and did-not-build when Verilator rejects it.
Prints one line per mutant, the survivors with their diff, and the kill rate; writes
build/mutate/summary.txt. Exit 1 if a mutant survived (each survivor is then either killed by
new stimulus or explained as equivalent in docs/verification.md).

  mutate.py [--count N] [--seed S] [--list]   (default 24 mutants, seed 1; --list: the sites)

Only the Python standard library. The Verilator command is the default build's, printed by
`make -s cosim-vcmd`."""
import os
import random
import re
import shutil
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
BUILD = os.environ.get("BUILD", "build")
OUT = os.path.join(ROOT, BUILD, "mutate")

# (name, pattern, replacement); patterns avoid the nonblocking assignment `<=` and shifts
OPERATORS = [
    ("== -> !=", r"(?<![=!<>])==(?!=)", "!="),
    ("!= -> ==", r"!=(?!=)", "=="),
    ("&& -> ||", r"&&", "||"),
    ("|| -> &&", r"\|\|", "&&"),
    ("< -> <=", r"(?<![<\s])\s<\s(?![<=])", " <= "),
    ("> -> >=", r"(?<![->\s])\s>\s(?![>=])", " >= "),
    (">= -> >", r"\s>=\s", " > "),
    ("1'b0 -> 1'b1", r"1'b0", "1'b1"),
    ("1'b1 -> 1'b0", r"1'b1", "1'b0"),
    ("+ 1 -> + 2", r"\+ 1\b(?!')", "+ 2"),
    ("- 1 -> - 0", r"- 1\b(?!')", "- 0"),
    ("!x -> x", r"(?<![!=<>])!(?=[a-z_(])", ""),
]
SKIP_LINE = re.compile(r"^\s*(//|`|import|package|endpackage|localparam|parameter)|assert|assume|\$error|\$fatal")


def rtl_files():
    with open(os.path.join(ROOT, "rtl", "mmu.f"), encoding="utf-8") as f:
        names = [l.split("#")[0].strip() for l in f]
    # the generated package holds only declarations and lookup tables
    return [n for n in names if n and n != "mmu_gen_pkg.sv"]


def sites():
    """[(file, line number, column, operator name, original text, replacement)]"""
    out = []
    for fn in rtl_files():
        with open(os.path.join(ROOT, "rtl", fn), encoding="utf-8") as f:
            lines = f.read().split("\n")
        in_block_comment = False
        in_assertion = False  # an assertion's statement: checks, not design (mutants of them
        #                       only weaken a check or make it fire)
        for i, line in enumerate(lines):
            code = line.split("//")[0]
            if re.search(r"\b(assert|assume|cover)\s+property\b", code):
                in_assertion = True
            if in_assertion:
                if code.rstrip().endswith(";"):
                    in_assertion = False
                continue
            if "/*" in code:
                in_block_comment = True
            if in_block_comment:
                if "*/" in line:
                    in_block_comment = False
                continue
            if SKIP_LINE.search(code):
                continue
            for name, pat, rep in OPERATORS:
                for m in re.finditer(pat, code):
                    out.append((fn, i + 1, m.start(), name, m.group(0), rep))
    return out


def apply(site, rtl_dir):
    fn, ln, col, name, orig, rep = site
    p = os.path.join(rtl_dir, fn)
    with open(p, encoding="utf-8") as f:
        lines = f.read().split("\n")
    line = lines[ln - 1]
    assert line[col:col + len(orig)] == orig, (site, line)
    lines[ln - 1] = line[:col] + rep + line[col + len(orig):]
    with open(p, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    return line.strip(), lines[ln - 1].strip()


def main(argv):
    count, seed, list_only = 24, 1, False
    args = argv[1:]
    while args:
        a = args.pop(0)
        if a == "--count" and args:
            count = int(args.pop(0))
        elif a == "--seed" and args:
            seed = int(args.pop(0))
        elif a == "--list":
            list_only = True
        else:
            print(__doc__)
            return 2
    all_sites = sites()
    if list_only:
        for s in all_sites:
            print(f"rtl/{s[0]}:{s[1]}:{s[2] + 1}: {s[3]}")
        print(f"{len(all_sites)} mutation sites")
        return 0
    chosen = random.Random(seed).sample(all_sites, min(count, len(all_sites)))
    vcmd = subprocess.run(["make", "-s", "--no-print-directory", "cosim-vcmd"], cwd=ROOT, text=True,
                          capture_output=True)
    if vcmd.returncode != 0 or "verilator" not in vcmd.stdout:
        print("mutate: `make -s cosim-vcmd` did not print the Verilator command:\n" + vcmd.stderr)
        return 2
    vcmd = vcmd.stdout.strip().splitlines()[-1]
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    print(f"mutate: {len(chosen)} of {len(all_sites)} mutation sites (seed {seed}); each Verilated and "
          f"run over tb/regress/mutate.list")
    results = []
    for k, site in enumerate(chosen):
        d = os.path.join(OUT, f"m{k + 1:02d}")
        shutil.copytree(os.path.join(ROOT, "rtl"), os.path.join(d, "rtl"))
        before, after = apply(site, os.path.join(d, "rtl"))
        where = f"rtl/{site[0]}:{site[1]}"
        cmd = vcmd.replace(os.path.join(ROOT, "rtl") + "/", os.path.join(d, "rtl") + "/")
        cmd = re.sub(r"-Mdir \S+", f"-Mdir {d}/vl", cmd)
        cmd = re.sub(r"-o \S+", f"-o {d}/mmucosim", cmd)
        cmd = cmd.replace("OPT_FAST=-O3 OPT_GLOBAL=-O2", "OPT_FAST=-O1 OPT_GLOBAL=-O1")  # build time over speed
        b = subprocess.run(cmd, shell=True, cwd=ROOT, capture_output=True, text=True)
        with open(os.path.join(d, "build.log"), "w") as f:
            f.write(b.stdout + b.stderr)
        if b.returncode != 0 or not os.path.exists(f"{d}/mmucosim"):
            verdict = "did-not-build"
        else:
            # the scenarios of other TLB sizes re-run on the unmutated variant builds
            for v in os.listdir(os.path.join(ROOT, BUILD)):
                if re.fullmatch(r"mmucosim-t\d+-a\d+", v):
                    os.symlink(os.path.join(ROOT, BUILD, v), os.path.join(d, v))
            # --no-fail-waves: a mutant has no tracing to show, and its failure needs no wave
            r = subprocess.run(["bash", "scripts/regress.sh", "--short", "--list", "tb/regress/mutate.list",
                                "--bin", f"{d}/mmucosim", "--args", "--no-fail-waves"],
                               cwd=ROOT, capture_output=True, text=True)
            with open(os.path.join(d, "regress.log"), "w") as f:
                f.write(r.stdout + r.stderr)
            m = re.findall(r"^regress: (\d+) passed, (\d+) failed", r.stdout, re.M)
            verdict = "killed" if r.returncode != 0 else "survived"
            if m and verdict == "killed":
                verdict += f" ({m[-1][1]} runs failed)"
            shutil.rmtree(os.path.join(d, "vl"), ignore_errors=True)
        results.append((site, where, before, after, verdict))
        print(f"  m{k + 1:02d} {where:22} {site[3]:14} {verdict}", flush=True)
    killed = sum(1 for r in results if r[4].startswith("killed"))
    survived = [r for r in results if r[4] == "survived"]
    nobuild = sum(1 for r in results if r[4] == "did-not-build")
    built = killed + len(survived)
    lines = [f"mutate: {killed} killed, {len(survived)} survived, {nobuild} did not build; "
             f"kill rate {100.0 * killed / built if built else 0:.1f} % of {built} mutants that built"]
    for site, where, before, after, _ in survived:
        lines.append(f"survivor {where} ({site[3]}):\n    - {before}\n    + {after}")
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    with open(os.path.join(OUT, "summary.txt"), "w") as f:
        f.write("\n".join(f"{r[1]}\t{r[0][3]}\t{r[4]}\t{r[2]}\t{r[3]}" for r in results) + "\n" + text)
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
