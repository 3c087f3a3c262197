"""Validates the JUnit XML of scripts/regress.sh and scripts/run-scenarios.sh: the files parse
(xml.etree), the counts in the XML match the "N passed, M failed" line of the same run, there is
one <testcase> per run with its reproduce command in <system-out>, failures are <failure>
elements carrying the run's report (special characters escaped and read back intact).

Fake binaries (shell scripts in a temporary BUILD folder) make the regression runner pass or fail
on demand in seconds; the real build/mmucosim and build/mmusim are used as well when present."""

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("BUILD", "build")
NASTY = 'report with <angle> & "quotes" \x01ctrl'

FAKE_COSIM = r"""#!/usr/bin/env bash
# fake mmucosim: one STAT line and every fault reason once; fails for "--mode FAILMODE "
args="$*"
if [ -n "${FAILMODE:-}" ] && [[ "$args" == *"--mode $FAILMODE "* ]]; then
    echo "kind:   output mismatch"
    echo "NASTY_TEXT"
    echo "first-divergence: cycle=7 signals=resp_valid"
    echo "after the divergence: not in the report"
    exit 1
fi
echo "STAT translations=10 hits=5 misses=5 walks=5 faults=1 cycles=100 secs=0.01"
# --cov-out F: a functional coverage file of one reachable bin (hit) and one unreachable bin
cov=""
while [ $# -gt 0 ]; do [ "$1" = --cov-out ] && cov=$2; shift; done
if [ -n "$cov" ]; then
    hit=1; [ -n "${FAKE_COV_HOLE:-}" ] && hit=0
    printf '# mmu-functional-coverage 1\n# group fake\tfake bins\nfake\tbin=a\t%d\t-\nfake\tbin=b\t0\tnever\n' $hit > "$cov"
fi
for r in $("$(dirname "$0")/mmusim" --list causes | cut -d' ' -f1); do  # every reason
    [ -n "${SKIP_CAUSE:-}" ] && [ "$r" = "$SKIP_CAUSE" ] && continue
    echo "COV fault $r 1"
done
"""


def summary(out: str):
    """The last "N passed, M failed" line, as (N, M)."""
    m = re.findall(r"^(?:[A-Za-z-]+: )?(\d+) passed, (\d+) failed", out, re.M)
    assert m, out[-2000:]
    return int(m[-1][0]), int(m[-1][1])


def parse(path):
    root = ET.parse(path).getroot()
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 1
    s = suites[0]
    cases = s.findall("testcase")
    fails = [c for c in cases if c.find("failure") is not None]
    assert int(root.get("tests")) == int(s.get("tests")) == len(cases)
    assert int(root.get("failures")) == int(s.get("failures")) == len(fails)
    for c in cases:
        assert c.get("name") and c.get("classname") and float(c.get("time")) >= 0
        assert c.find("system-out") is not None
    return s, cases, fails


def fake_build(tmp_path, fail_mode=""):
    b = tmp_path / "build"
    b.mkdir()
    text = FAKE_COSIM.replace("NASTY_TEXT", NASTY.replace('"', '\\"'))
    for name in ("mmucosim", "mmucosim-t4-a4", "mmucosim-t8-a0", "mmucosim-t32-a9"):
        p = b / name
        p.write_text(text)
        p.chmod(0o755)
    os.symlink(os.path.join(ROOT, BUILD, "mmusim"), b / "mmusim")  # the real list of reasons
    env = dict(os.environ, BUILD=str(b), FAILMODE=fail_mode)
    return b, env


def run(cmd, env=None):
    return subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=600)


def n_jobs(build_dir):
    """Runs in the regression's job list (its folder is kept when a run fails)."""
    latest = os.path.join(build_dir, "regress", "latest")
    return sum(1 for _ in open(os.path.join(latest, "jobs.txt")))


def test_regress_junit_failures_and_escaping(tmp_path):
    b, env = fake_build(tmp_path, fail_mode="sv39 --seed 1")  # one run of the sv39 seeds
    out_file = tmp_path / "out" / "junit.xml"
    r = run(["bash", "scripts/regress.sh", "--short", "--jobs", "2", "--junit", str(out_file)], env)
    assert r.returncode == 1, r.stdout[-3000:]
    passed, failed = summary(r.stdout)
    assert failed == 1 and passed > 10
    latest = b / "regress" / "latest" / "junit.xml"
    assert latest.read_bytes() == out_file.read_bytes()
    s, cases, fails = parse(out_file)
    assert len(cases) == passed + failed == n_jobs(b) + 2  # every run and the two coverage checks
    assert [c.get("name") for c in fails] == ["sv39-s1"]
    f = fails[0].find("failure")
    assert "output mismatch" in f.get("message") and f.get("type") == "exit 1"
    body = f.text
    assert 'report with <angle> & "quotes" ctrl' in body  # escaped, read back intact
    assert "first-divergence: cycle=7" in body and "not in the report" not in body
    out = fails[0].find("system-out").text
    assert "reproduce" in out and "--mode sv39 --seed 1" in out
    names = {c.get("name") for c in cases}
    assert {"bare-s1", "mix-s1001", "t4a4-mix-s2001", "fault-reasons-reached",
            "functional-coverage-closed"} <= names
    assert any(n.startswith("scn-") for n in names)
    classes = {c.get("classname") for c in cases}
    assert {"regress.sv39", "regress.scenarios", "regress.coverage"} <= classes


def test_regress_junit_passing_short_run_keeps_only_the_xml(tmp_path):
    b, env = fake_build(tmp_path)
    # an older passing short run (only its junit.xml left) and a run still going (its jobs.txt)
    for d, f in (("short-19700101-000000-old1", "junit.xml"), ("short-19700101-000000-busy", "jobs.txt")):
        (b / "regress" / d).mkdir(parents=True)
        (b / "regress" / d / f).write_text("")
    r = run(["bash", "scripts/regress.sh", "--short", "--jobs", "2"], env)
    assert r.returncode == 0, r.stdout[-3000:]
    passed, failed = summary(r.stdout)
    latest = b / "regress" / "latest"
    assert os.listdir(latest) == ["junit.xml"]
    left = sorted(d for d in os.listdir(b / "regress") if d.startswith("short-"))
    assert len(left) == 2 and "short-19700101-000000-busy" in left  # the old one is gone
    s, cases, fails = parse(latest / "junit.xml")
    assert (len(cases), len(fails), failed) == (passed, 0, 0)
    cov = [c for c in cases if c.get("classname") == "regress.coverage"][0]
    assert "coverage: every fault reason reached" in cov.find("system-out").text


def test_regress_junit_missing_coverage_is_a_failure(tmp_path):
    b, env = fake_build(tmp_path)
    env["SKIP_CAUSE"] = "D_CLEAR"  # the fakes never report it
    r = run(["bash", "scripts/regress.sh", "--short", "--jobs", "2"], env)
    assert r.returncode == 1
    passed, failed = summary(r.stdout)
    s, cases, fails = parse(b / "regress" / "latest" / "junit.xml")
    assert failed == 1 and [c.get("name") for c in fails] == ["fault-reasons-reached"]
    assert "D_CLEAR" in fails[0].find("failure").get("message")


def test_regress_junit_functional_hole_is_a_failure(tmp_path):
    b, env = fake_build(tmp_path)
    env["FAKE_COV_HOLE"] = "1"  # no run hits the fakes' one reachable bin
    r = run(["bash", "scripts/regress.sh", "--short", "--jobs", "2"], env)
    assert r.returncode == 1
    assert "fake  bin=a" in r.stdout  # the hole is listed
    passed, failed = summary(r.stdout)
    s, cases, fails = parse(b / "regress" / "latest" / "junit.xml")
    assert failed == 1 and [c.get("name") for c in fails] == ["functional-coverage-closed"]
    assert "functional coverage: 0/1 bins" in fails[0].find("failure").get("message")
    # with other seeds a hole is reported, not a failure
    r = run(["bash", "scripts/regress.sh", "--short", "--jobs", "2", "--seed-base", "5"], env)
    assert r.returncode == 0 and "fake  bin=a" in r.stdout


@pytest.mark.skipif(not os.path.exists(os.path.join(ROOT, BUILD, "mmucosim-t32-a9")),
                    reason="the lockstep binaries are not built (make cosim-bins)")
def test_regress_junit_real_binaries(tmp_path):
    # the real lockstep binaries at 1/50 of the --short budget (the coverage check may fail:
    # what matters here is that the XML describes the run exactly)
    b = tmp_path / "build"
    b.mkdir()
    for name in ("mmucosim", "mmucosim-t4-a4", "mmucosim-t8-a0", "mmucosim-t32-a9", "mmusim"):
        os.symlink(os.path.join(ROOT, BUILD, name), b / name)
    env = dict(os.environ, BUILD=str(b))
    out_file = tmp_path / "real.xml"
    r = run(["bash", "scripts/regress.sh", "--short", "--scale", "0.02", "--jobs", "2",
             "--junit", str(out_file)], env)
    passed, failed = summary(r.stdout)
    s, cases, fails = parse(out_file)
    assert (len(cases), len(fails)) == (passed + failed, failed)
    assert r.returncode == (1 if failed else 0)
    runs = [c for c in cases if c.get("classname") != "regress.coverage"]
    for c in runs:
        cmd = c.find("system-out").text.split(": ", 1)[1].strip()
        assert cmd.startswith(str(b / "mmucosim")) and "--quiet" in cmd


@pytest.mark.skipif(not os.path.exists(os.path.join(ROOT, BUILD, "mmusim")),
                    reason="build/mmusim is not built")
def test_run_scenarios_junit_real(tmp_path):
    out_file = tmp_path / "scn.xml"
    r = run(["bash", "scripts/run-scenarios.sh", "--junit", str(out_file)],
            dict(os.environ, MMUSIM=os.path.join(ROOT, BUILD, "mmusim")))
    passed, failed = summary(r.stdout)
    s, cases, fails = parse(out_file)
    assert (len(cases), len(fails)) == (passed + failed, failed)
    n_scn = len(os.listdir(os.path.join(ROOT, "tb", "scenarios")))
    assert len([c for c in cases if c.get("classname") == "run-scenarios.scenarios"]) == \
        len([f for f in os.listdir(os.path.join(ROOT, "tb", "scenarios")) if f.endswith(".scn")])
    assert n_scn > 0 and any(c.get("classname") == "run-scenarios.cli" for c in cases)


def test_run_scenarios_junit_failure(tmp_path):
    real = os.path.join(ROOT, BUILD, "mmusim")
    fake = tmp_path / "mmusim"
    # every scenario "fails" with a message full of XML specials; other calls go to the real one
    # (or fail too when it is not built)
    fake.write_text('#!/usr/bin/env bash\n'
                    'case "$1" in tb/scenarios/*) echo "FAIL <x> & \\"y\\" in $1"; exit 1 ;; esac\n'
                    f'[ -x "{real}" ] && exec "{real}" "$@"\nexit 3\n')
    fake.chmod(0o755)
    out_file = tmp_path / "scn.xml"
    r = run(["bash", "scripts/run-scenarios.sh", "--junit", str(out_file)],
            dict(os.environ, MMUSIM=str(fake)))
    assert r.returncode == 1
    passed, failed = summary(r.stdout)
    s, cases, fails = parse(out_file)
    assert (len(cases), len(fails)) == (passed + failed, failed)
    scn = [c for c in fails if c.get("classname") == "run-scenarios.scenarios"]
    assert scn and len(scn) == len([f for f in os.listdir(os.path.join(ROOT, "tb", "scenarios"))
                                    if f.endswith(".scn")])
    assert 'FAIL <x> & "y" in tb/scenarios/' in scn[0].find("failure").text
    assert "reproduce" in scn[0].find("system-out").text


def test_junit_option_errors():
    r = run(["bash", "scripts/run-scenarios.sh", "--bogus"])
    assert r.returncode == 2 and "unknown option" in r.stdout
    r = run(["bash", "scripts/regress.sh", "--bogus"])
    assert r.returncode == 2
    assert shutil.which("bash")
