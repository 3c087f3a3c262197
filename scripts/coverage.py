#!/usr/bin/env python3
"""Functional coverage files (build/mmucosim --cov-out, format in tb/cov/mmu_cov.h): merge them
and report. The bins, crosses and unreachable-bin reasons come from the files, which the coverage
model (tb/cov/mmu_cov.cpp) writes in full: nothing here declares a bin.

  coverage.py merge OUT IN...          add the counts of the IN files (same model) into OUT
  coverage.py report MERGED [--out DIR] [--title T] [--extra FILE] [--triage TSV]
        prints "functional coverage: N/M bins (P %)" (M: reachable bins, N: those hit), the
        per-group table and the holes; with --out also DIR/summary.txt, DIR/holes.txt and
        DIR/index.html (--extra: a text file of more summary lines, e.g. code coverage, put in
        the page; --triage: scripts/regress.sh's triage.tsv, failures per signature). With
        gnuplot (Debian's gnuplot-nox) the page has PNG bar charts of the coverage per group and
        the failures per signature. Exit 1 if a bin declared unreachable was hit (the model or
        the RTL is wrong).

  coverage.py rtl DAT [--under DIR] [--out FILE]
        Verilator's coverage points (verilator_coverage --write, SystemC::Coverage-3) of the
        files under DIR (default rtl/): per kind (line, branch, toggle, user: the assertions'
        and cover points) and per file, points hit / points, and the uncovered line and branch
        points with their file:line; --out also writes the list there.

Only the Python standard library: any python3 will do."""
import html
import os
import sys

HEADER = "# mmu-functional-coverage 1"


def read_cov(path):
    """[(group, bin, count, reason)], {group: description}; reason '' = reachable."""
    bins, what = [], {}
    with open(path, encoding="utf-8") as f:
        first = f.readline().rstrip("\n")
        if first != HEADER:
            raise SystemExit(f"coverage.py: {path}: not a coverage file (first line {first!r})")
        for n, line in enumerate(f, 2):
            line = line.rstrip("\n")
            if line.startswith("# group "):
                name, _, desc = line[len("# group "):].partition("\t")
                what[name] = desc
                continue
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 4 or not parts[2].isdigit():
                raise SystemExit(f"coverage.py: {path}:{n}: bad bin line {line!r}")
            g, b, c, r = parts
            bins.append((g, b, int(c), "" if r == "-" else r))
    return bins, what


def write_cov(path, bins, what):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(HEADER + "\n")
        last = None
        for g, b, c, r in bins:
            if g != last:
                f.write(f"# group {g}\t{what.get(g, '')}\n")
                last = g
            f.write(f"{g}\t{b}\t{c}\t{r or '-'}\n")
    os.replace(tmp, path)


def merge(out, inputs):
    if not inputs:
        raise SystemExit("coverage.py merge: no input files")
    total, what = read_cov(inputs[0])
    keys = [(g, b, r) for g, b, _, r in total]
    counts = [c for _, _, c, _ in total]
    for p in inputs[1:]:
        bins, w = read_cov(p)
        if [(g, b, r) for g, b, _, r in bins] != keys:
            raise SystemExit(f"coverage.py merge: {p} has other bins than {inputs[0]} "
                             "(written by another coverage model: rebuild and rerun)")
        for i, (_, _, c, _) in enumerate(bins):
            counts[i] += c
        what.update(w)
    write_cov(out, [(g, b, c, r) for (g, b, r), c in zip(keys, counts)], what)
    return len(inputs)


def pct(n, m):
    return 100.0 * n / m if m else 100.0


def report(path, out_dir=None, title="MMU functional coverage", extra=None, triage=None):
    bins, what = read_cov(path)
    groups = []
    per = {}
    for g, b, c, r in bins:
        if g not in per:
            per[g] = []
            groups.append(g)
        per[g].append((b, c, r))
    reach = [(g, b, c) for g, b, c, r in bins if not r]
    hit = [x for x in reach if x[2] > 0]
    illegal_hit = [(g, b, c, r) for g, b, c, r in bins if r and c > 0]
    unreachable = [x for x in bins if x[3]]
    lines = []
    summary = (f"functional coverage: {len(hit)}/{len(reach)} bins ({pct(len(hit), len(reach)):.1f} %)"
               f"; {len(unreachable)} bins declared unreachable; {len(illegal_hit)} unreachable bins hit")
    lines.append(summary)
    lines.append("")
    lines.append(f"{'group':30} {'hit':>6} {'reach':>6} {'%':>6} {'unreach':>8}  what")
    for g in groups:
        rs = [x for x in per[g] if not x[2]]
        h = sum(1 for x in rs if x[1] > 0)
        u = len(per[g]) - len(rs)
        lines.append(f"{g:30} {h:6d} {len(rs):6d} {pct(h, len(rs)):6.1f} {u:8d}  {what.get(g, '')}")
    holes = [f"{g}\t{b}" for g, b, c in reach if c == 0]
    lines.append("")
    lines.append(f"holes ({len(holes)} reachable bins never hit):")
    lines += ["  " + h.replace("\t", "  ") for h in holes] or ["  none"]
    if illegal_hit:
        lines.append("")
        lines.append("ERROR: bins declared unreachable were hit:")
        lines += [f"  {g}  {b}  count={c}  (declared: {r})" for g, b, c, r in illegal_hit]
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if out_dir:
        os.makedirs(out_dir, exist_ok=True)
        with open(os.path.join(out_dir, "summary.txt"), "w", encoding="utf-8") as f:
            f.write(text)
        with open(os.path.join(out_dir, "holes.txt"), "w", encoding="utf-8") as f:
            f.write("".join(h + "\n" for h in holes))
        with open(os.path.join(out_dir, "unreachable.txt"), "w", encoding="utf-8") as f:
            f.write("".join(f"{g}\t{b}\t{r}\n" for g, b, c, r in unreachable))
        extra_text = ""
        if extra and os.path.exists(extra):
            with open(extra, encoding="utf-8") as f:
                extra_text = f.read()
        write_html(os.path.join(out_dir, "index.html"), title, summary, groups, per, what, extra_text,
                   triage if triage and os.path.exists(triage) else None)
    return 1 if illegal_hit else 0


def gnuplot_bars(png, title, ylabel, rows, ymax=None):
    """A horizontal-label bar chart of rows [(label, value)] as PNG via gnuplot (Debian's
    gnuplot-nox); False if gnuplot is not there or fails (the report then has no picture)."""
    import shutil
    import subprocess
    if not rows or not shutil.which("gnuplot"):
        return False
    data = png + ".dat"
    with open(data, "w", encoding="utf-8") as f:
        for i, (label, v) in enumerate(rows):
            f.write(f'{i} "{label}" {v}\n')
    height = 360
    script = "\n".join([
        f"set terminal png size {max(640, 34 * len(rows) + 160)},{height} font ',9' noenhanced",
        f"set output '{png}'",
        f"set title '{title}'", f"set ylabel '{ylabel}'",
        "set style fill solid 0.8 border -1", "set boxwidth 0.7", "unset key",
        "set xtics rotate by -40 left nomirror", "set grid ytics",
        f"set yrange [0:{ymax if ymax is not None else '*'}]",
        f"set xrange [-0.6:{len(rows) - 0.4}]",
        f"plot '{data}' using 1:3:xtic(2) with boxes lc rgb '#4a7fb5'", ""])
    r = subprocess.run(["gnuplot"], input=script, text=True, capture_output=True)
    os.remove(data)
    return r.returncode == 0 and os.path.exists(png)


def read_triage(path):
    """[(signature, count)] from regress.sh's triage.tsv (signature, cycle, run, reproduce)."""
    counts = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            sig = line.split("\t")[0]
            counts[sig] = counts.get(sig, 0) + 1
    return sorted(counts.items(), key=lambda kv: -kv[1])


def write_html(path, title, summary, groups, per, what, extra_text, triage=None):
    e = html.escape
    out = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{e(title)}</title><style>",
           "body{font-family:sans-serif;margin:2em} table{border-collapse:collapse;margin-bottom:1.5em}",
           "td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px} .hit{background:#cfc}",
           ".hole{background:#fbb;font-weight:bold} .na{color:#999;background:#eee} .bad{background:#f66}",
           "</style></head><body>", f"<h1>{e(title)}</h1>", f"<p><b>{e(summary)}</b></p>"]
    if extra_text:
        out.append(f"<pre>{e(extra_text)}</pre>")
    out_dir = os.path.dirname(path)
    rows = []
    for g in groups:
        rs = [x for x in per[g] if not x[2]]
        rows.append((g, round(pct(sum(1 for x in rs if x[1] > 0), len(rs)), 1)))
    if gnuplot_bars(os.path.join(out_dir, "groups.png"), "functional coverage per group",
                    "% of reachable bins hit", rows, 100):
        out.append("<p><img src='groups.png' alt='coverage per group'></p>")
    if triage:
        sigs = read_triage(triage)
        out.append(f"<h2>Failures by signature</h2><p>{sum(c for _, c in sigs)} failed runs in "
                   f"{len(sigs)} signatures (kind | first signal | mode | access path); "
                   "the regression's triage.txt has each one's smallest failing run.</p>")
        labels = [(f"#{i + 1}", c) for i, (_, c) in enumerate(sigs)]
        if gnuplot_bars(os.path.join(out_dir, "failures.png"), "failed runs per signature", "runs", labels):
            out.append("<p><img src='failures.png' alt='failures per signature'></p>")
        out.append("<table><tr><th>#</th><th>runs</th><th>signature</th></tr>")
        for i, (sig, c) in enumerate(sigs):
            out.append(f"<tr class='hole'><td>{i + 1}</td><td>{c}</td><td>{e(sig)}</td></tr>")
        out.append("</table>")
    out.append("<h2>Groups</h2><table><tr><th>group</th><th>hit / reachable</th><th>%</th>"
               "<th>unreachable</th><th>what</th></tr>")
    for g in groups:
        rs = [x for x in per[g] if not x[2]]
        h = sum(1 for x in rs if x[1] > 0)
        cls = "hit" if h == len(rs) else "hole"
        out.append(f"<tr><td><a href='#{e(g)}'>{e(g)}</a></td><td class='{cls}'>{h} / {len(rs)}</td>"
                   f"<td>{pct(h, len(rs)):.1f}</td><td>{len(per[g]) - len(rs)}</td><td>{e(what.get(g, ''))}</td></tr>")
    out.append("</table>")
    for g in groups:
        out.append(f"<h2 id='{e(g)}'>{e(g)}</h2><p>{e(what.get(g, ''))}</p>")
        out.append("<table><tr><th>bin</th><th>count</th><th>unreachable because</th></tr>")
        for b, c, r in per[g]:
            cls = ("bad" if c else "na") if r else ("hit" if c else "hole")
            out.append(f"<tr class='{cls}'><td>{e(b)}</td><td>{c}</td><td>{e(r)}</td></tr>")
        out.append("</table>")
    out.append("</body></html>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def read_verilator_dat(path):
    """[(file, line, kind, what, count)] of a Verilator coverage file."""
    points = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f, 1):
            if not line.startswith("C '"):
                continue
            q = line.rfind("'")
            try:
                count = int(line[q + 1:].strip())
            except ValueError:
                raise SystemExit(f"coverage.py: {path}:{n}: bad coverage point line")
            kv = {}
            for item in line[3:q].split("\x01"):
                k, _, v = item.partition("\x02")
                if k:
                    kv[k] = v
            page = kv.get("page", "")
            kind = page.split("/")[0][2:] if page.startswith("v_") else page
            points.append((kv.get("f", "?"), int(kv.get("l", "0") or 0), kind, kv.get("o", ""), count))
    return points


def rtl_summary(path, under="rtl/", out=None):
    pts = [p for p in read_verilator_dat(path) if ("/" + under) in p[0] or p[0].startswith(under)]
    if not pts:
        raise SystemExit(f"coverage.py rtl: {path} has no points in files under {under}")
    kinds = ["line", "branch", "toggle", "user"]
    lines = []
    tot = {}
    for k in kinds:
        ks = [p for p in pts if p[2] == k]
        h = sum(1 for p in ks if p[4] > 0)
        tot[k] = (h, len(ks))
    lines.append("RTL code coverage (" + under + "): " + ", ".join(
        f"{k} {h}/{n} ({pct(h, n):.1f} %)" for k, (h, n) in tot.items() if n))
    files = sorted({p[0] for p in pts})
    lines.append(f"  {'file':22}" + "".join(f" {k:>15}" for k in kinds))
    for fn in files:
        row = f"  {os.path.basename(fn):22}"
        for k in kinds:
            ks = [p for p in pts if p[0] == fn and p[2] == k]
            h = sum(1 for p in ks if p[4] > 0)
            row += f" {f'{h}/{len(ks)}':>15}"
        lines.append(row)
    miss = sorted({(os.path.relpath(p[0]) if os.path.isabs(p[0]) else p[0], p[1], p[2], p[3])
                   for p in pts if p[4] == 0 and p[2] in ("line", "branch", "user")})
    detail = [f"{f}:{l}: {k} {o}".rstrip() for f, l, k, o in miss]
    lines.append(f"uncovered line, branch and user points: {len(detail)}")
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if out:
        with open(out, "w", encoding="utf-8") as f:
            f.write(text + "".join(d + "\n" for d in detail))
    return 0


def parse_options(args, opts):
    """Fills opts (option -> default) from "--name VALUE" pairs in args; returns the other words."""
    files = []
    i = 0
    while i < len(args):
        if args[i] in opts and i + 1 < len(args):
            opts[args[i]] = args[i + 1]
            i += 2
        else:
            files.append(args[i])
            i += 1
    return files


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__)
        return 0 if len(argv) >= 2 else 2
    cmd = argv[1]
    if cmd == "merge":
        if len(argv) < 4:
            raise SystemExit("usage: coverage.py merge OUT IN...")
        n = merge(argv[2], argv[3:])
        print(f"coverage.py: merged {n} files into {argv[2]}")
        return 0
    if cmd == "report":
        opts = {"--out": None, "--title": "MMU functional coverage", "--extra": None, "--triage": None}
        files = parse_options(argv[2:], opts)
        if len(files) != 1:
            raise SystemExit("usage: coverage.py report MERGED [--out DIR] [--title T] [--extra FILE] [--triage TSV]")
        return report(files[0], opts["--out"], opts["--title"], opts["--extra"], opts["--triage"])
    if cmd == "rtl":
        opts = {"--under": "rtl/", "--out": None}
        files = parse_options(argv[2:], opts)
        if len(files) != 1:
            raise SystemExit("usage: coverage.py rtl DAT [--under DIR] [--out FILE]")
        return rtl_summary(files[0], opts["--under"], opts["--out"])
    raise SystemExit(f"coverage.py: unknown command {cmd!r} (merge, report, rtl)")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
