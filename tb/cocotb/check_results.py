#!/usr/bin/env python3
"""Judges a cocotb run of tb/cocotb/test_mmu.py from its results.xml (cocotb's xUnit file) and the
JSON lines the test writes to $MMU_COCOTB_REPORT, and prints "NAME: N passed, M failed".

  check_results.py --expect pass RESULTS REPORT TEST...   every TEST ran and passed (a compared
                                                          run, not a skipped or crashed one)
  check_results.py --expect mismatch RESULTS REPORT TEST  the defect build: TEST must FAIL, and by
                                                          an output mismatch (not a crash or a
                                                          stimulus assertion); one check, counted
                                                          as passed when it failed that way
cocotb 1.8 exits 0 whatever the tests did, so this is what makes the suite fail."""
import argparse
import json
import os
import sys
import xml.etree.ElementTree as ET


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--expect", choices=["pass", "mismatch"], required=True)
    ap.add_argument("--name", default="cocotb")
    ap.add_argument("--signals", default="resp_valid,mem_req_valid",
                    help="with --expect mismatch: the first divergence must name one of these")
    ap.add_argument("results")
    ap.add_argument("report")
    ap.add_argument("tests", nargs="+")
    a = ap.parse_args()

    cases = {}
    if os.path.exists(a.results):
        for tc in ET.parse(a.results).getroot().iter("testcase"):
            failed = tc.find("failure") is not None or tc.find("error") is not None
            skipped = tc.find("skipped") is not None
            cases[tc.get("name")] = "skipped" if skipped else ("failed" if failed else "passed")
    reports = {}
    if os.path.exists(a.report):
        with open(a.report) as f:
            for line in f:
                line = line.strip()
                if line:
                    r = json.loads(line)
                    reports.setdefault(r["test"], r)  # the first word of each test
    passed = failed = 0
    for t in a.tests:
        got, rep = cases.get(t, "missing"), reports.get(t, {})
        if a.expect == "pass":
            ok = got == "passed" and rep.get("kind") == "pass"
            why = (f"{rep.get('cycles')} cycles, {rep.get('requests')} requests, "
                   f"{rep.get('hits')} hits, {rep.get('faults')} faults, "
                   f"{len(rep.get('causes', {}))} distinct answers") if ok else \
                f"result {got}, report {rep or 'none'}"
        else:
            want = set(a.signals.split(","))
            ok = got == "failed" and rep.get("kind") == "mismatch" and bool(want & set(rep.get("signals", [])))
            why = (f"the defect was caught: output mismatch in cycle {rep.get('cycle')} on "
                   f"{','.join(rep.get('signals', []))}") if ok else \
                f"expected a failure by output mismatch on one of {a.signals}; result {got}, report {rep or 'none'}"
        print(f"{'PASS' if ok else 'FAIL'}  {a.name}: {t}: {why}")
        passed += ok
        failed += not ok
    print(f"{a.name}: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
