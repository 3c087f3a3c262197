"""pytest setup for tb/python: import paths (model/python, tb/cocotb), and a closing line
"NAME: N passed, M failed" for scripts/run-tests.sh (NAME from $PYTEST_SUITE_NAME, default
"pytest"; skipped tests count as neither)."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
for p in (os.path.join(ROOT, "model", "python"), os.path.join(ROOT, "tb", "cocotb")):
    if p not in sys.path:
        sys.path.insert(0, p)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    stats = terminalreporter.stats
    passed = len(stats.get("passed", []))
    failed = len(stats.get("failed", [])) + len(stats.get("error", []))
    name = os.environ.get("PYTEST_SUITE_NAME", "pytest")
    terminalreporter.write_line(f"{name}: {passed} passed, {failed} failed")
