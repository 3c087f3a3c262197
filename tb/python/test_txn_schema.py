"""Every producer of transaction JSON writes the one mmu-txn/1 record (docs/txn.schema.json,
docs/txn-schema.md): build/mmusim --json, the lockstep's --txn-log-json (random, --scenario and
--compare txn) and a failure's .txn.jsonl, the SystemC harness's --txn-log-json, the DPI-C
scoreboard's +txn_log, and the Python binding's Txn/Result.to_dict(). Each is run here and every
line validated with tb/python/txn_schema.py. The validator and the schema must also reject what
is not a record: a missing, renamed or mistyped field, another version, the pre-schema mmusim
format (so a passing run means something). `make txn-schema`; part of `make test`."""

import copy
import glob
import json
import os
import re
import subprocess

import pytest

import txn_schema
from mmu_model import Acc, Csr, Memory, MmuModel, Priv, SatpMode, STATUS_HWAD, PTE_A, PTE_R, \
    PTE_V, PTE_W, pte, satp

ROOT = txn_schema.ROOT
BUILD = os.path.join(ROOT, os.environ.get("BUILD", "build"))
SCHEMA = txn_schema.load_schema()
SCENARIOS = sorted(glob.glob(os.path.join(ROOT, "tb", "scenarios", "*.scn")))


def binary(name):
    path = os.path.join(BUILD, name)
    assert os.access(path, os.X_OK), f"{path} missing: make test builds it (or make {name})"
    return path


def run(cmd, ok=(0,)):
    p = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                       env=dict(os.environ, SYSTEMC_DISABLE_COPYRIGHT_MESSAGE="1"))
    assert p.returncode in ok, f"{' '.join(cmd)}: exit {p.returncode}\n{p.stdout[-3000:]}"
    return p.stdout


def valid_lines(path):
    records, problems = txn_schema.validate_lines(path, SCHEMA)
    assert not problems, "\n".join(problems[:10])
    assert records, f"{path}: no records"
    return records


def txns(records):
    return [r for r in records if r["type"] == "txn"]


# ------------------------------------------------------------------------------- the producers

def test_mmusim_json_every_scenario(tmp_path):
    out = tmp_path / "all.jsonl"
    out.write_text(run([binary("mmusim"), "--json"] + SCENARIOS))
    recs = valid_lines(out)
    assert {r["type"] for r in recs} == {"txn", "summary"}
    t = txns(recs)
    assert {r["satp_mode"] for r in t} >= {"BARE", "SV32", "SV39", "SV48", "RADIX", "SOFT"}
    assert any(r["ad_write"] for r in t) and any(r["hit"] for r in t) and any(r["fault"] for r in t)
    assert all(r["file"].endswith(".scn") for r in t)
    # an unchecked csr read is a "note", a failed expectation a "fail" record
    scn = tmp_path / "t.scn"
    scn.write_text("csr SATP mode=SV39 asid=1 ppn=0x80000\ncsr read SATP\nreq 0x1000 load M pa=0x2000\n")
    out = tmp_path / "notes.jsonl"
    out.write_text(run([binary("mmusim"), "--json", str(scn)], ok=(1,)))
    assert [r["type"] for r in valid_lines(out)] == ["note", "txn", "fail", "summary"]


@pytest.mark.parametrize("name", ["ad_hwad1.scn", "reset_walk.scn", "bug05_flush_during_walk.scn",
                                  "hybrid.scn", "teach_formats.scn", "soft_refill.scn"])
def test_lockstep_scenario_writes_what_mmusim_writes(tmp_path, name):
    scn = os.path.join(ROOT, "tb", "scenarios", name)
    sim = tmp_path / "sim.jsonl"
    sim.write_text(run([binary("mmusim"), "--json", scn]))
    log = tmp_path / "cosim.jsonl"
    run([binary("mmucosim"), "--scenario", scn, "--txn-log-json", str(log), "--quiet"])
    a = txns(valid_lines(sim))
    b = valid_lines(log)
    for r in a:
        assert r.pop("file") == scn
    assert a == b  # same scenario, same records, field for field


def test_lockstep_random_run(tmp_path):
    log = tmp_path / "r.jsonl"
    out = run([binary("mmucosim"), "--seed", "3", "--mode", "mix", "--cycles", "20000",
               "--txn-log-json", str(log), "--quiet"])
    recs = valid_lines(log)
    n = int(re.search(r"STAT translations=(\d+)", out).group(1))
    assert len(recs) == n and not any(r["in_flight"] for r in recs)
    assert {r["seg_mode"] for r in recs} == {"OFF", "BASE_BOUNDS", "SEGMENTS"}


def test_lockstep_compare_txn(tmp_path):
    log = tmp_path / "t.jsonl"
    run([binary("mmucosim"), "--compare", "txn", "--seed", "1", "--mode", "sv39", "--cycles", "5000",
         "--txn-log-json", str(log), "--quiet"])
    assert any(r["walked"] for r in valid_lines(log))


def test_lockstep_failure_files(tmp_path):
    out = run([binary("mmucosim-bug-dirty"), "--seed", "1", "--mode", "sv39", "--cycles", "300000",
               "--fail-dir", str(tmp_path)], ok=(1,))
    files = glob.glob(str(tmp_path / "*.txn.jsonl"))
    assert len(files) == 1, out[-2000:]
    recs = valid_lines(files[0])
    assert recs[-1]["in_flight"] and not any(r["in_flight"] for r in recs[:-1])


def test_systemc_harness(tmp_path):
    log = tmp_path / "sc.jsonl"
    run([binary("mmucosim-sc"), "--seed", "2", "--cycles", "10000", "--txn-log-json", str(log),
         "--quiet"])
    valid_lines(log)
    log = tmp_path / "scn.jsonl"
    scn = os.path.join(ROOT, "tb", "scenarios", "ad_hwad1.scn")
    run([binary("mmucosim-sc"), "--scenario", scn, "--txn-log-json", str(log), "--quiet"])
    sim = tmp_path / "sim.jsonl"
    sim.write_text(run([binary("mmusim"), "--json", scn]))
    a = txns(valid_lines(sim))
    for r in a:
        r.pop("file")
    assert valid_lines(log) == a


def test_dpi_scoreboard(tmp_path):
    log = tmp_path / "dpi.jsonl"
    run([binary("tb_mmu_dpi"), "+seed=2", "+cycles=20000", f"+txn_log={log}"])
    recs = valid_lines(log)
    assert {r["satp_mode"] for r in recs} >= {"SV32", "SV39", "SV48"}
    log = tmp_path / "dpi-dirty.jsonl"
    run([binary("tb_mmu_dpi-bug-dirty"), "+seed=1", "+cycles=100000", f"+txn_log={log}"], ok=(1,))
    assert valid_lines(log)[-1]["in_flight"]


def test_python_binding(tmp_path):
    m = MmuModel()
    mem = Memory()
    mem.store(0x80000008, 3, pte(0x80001, PTE_V))
    mem.store(0x80001008, 3, pte(0x80002, PTE_V))
    mem.store(0x80002008, 3, pte(0x90000, PTE_V | PTE_R | PTE_W | PTE_A))
    m.csr_write(Csr.STATUS, STATUS_HWAD)
    m.csr_write(Csr.SATP, satp(SatpMode.SV39, 0x80000, asid=1))
    seen = []
    m.on_txn(seen.append)
    results = [m.translate(0x40201ABC, acc, Priv.S, mem) for acc in (Acc.LOAD, Acc.STORE, Acc.FETCH)]
    results.append(m.translate(1 << 45, Acc.LOAD, Priv.S, mem))  # VA_RANGE
    m.csr_write(Csr.SATP, satp(SatpMode.SV32, 0x80000, asid=1))  # Sv32: a 32-bit PTE layout
    mem.store(0x80000004, 2, pte(0x80001, PTE_V, sv32=True))
    mem.store(0x80001004, 2, pte(0x12345, PTE_V | PTE_R | PTE_A, sv32=True))
    results.append(m.translate(0x00401ABC, Acc.LOAD, Priv.S, mem))
    path = tmp_path / "py.jsonl"
    path.write_text("".join(r.to_json() + "\n" for r in results) +
                    "".join(t.to_json() + "\n" for t in seen))
    recs = valid_lines(path)
    assert len(recs) == 2 * len(results)
    assert recs[1]["ad_write"]["sets"] == "D" and recs[2]["fault"] and recs[3]["cause"] == "VA_RANGE"
    assert recs[4]["walk"][-1]["ppn"] == "0x12345"
    # in flight, from the cycle face
    m2 = MmuModel()
    m2.csr_write(Csr.SATP, satp(SatpMode.SV39, 0x80000, asid=1))
    m2.step(req_valid=1, req_vaddr=0x40201ABC, req_acc=Acc.LOAD, req_priv=Priv.S)
    rec = m2.inflight().to_dict()
    assert rec["in_flight"] and not txn_schema.validate(rec, SCHEMA)


# ------------------------------------------------------------------------------- it can fail

def sample_record():
    out = run([binary("mmusim"), "--json", os.path.join(ROOT, "tb", "scenarios", "ad_hwad1.scn")])
    recs = [json.loads(l) for l in out.splitlines()]
    t = [r for r in recs if r["type"] == "txn" and r["ad_write"]]
    assert t and not txn_schema.validate(t[0], SCHEMA)
    return t[0]


def rejected(rec):
    return bool(txn_schema.validate(rec, SCHEMA))


def test_every_required_field_missing_is_rejected():
    good = sample_record()
    for k in SCHEMA["$defs"]["txn"]["required"]:
        rec = copy.deepcopy(good)
        del rec[k]
        assert rejected(rec), f"a record without '{k}' was accepted"
    for k in SCHEMA["$defs"]["access_rec"]["required"]:
        rec = copy.deepcopy(good)
        del rec["walk"][0][k]
        assert rejected(rec), f"a walk entry without '{k}' was accepted"


@pytest.mark.parametrize("old,new", [("access", "acc"), ("accept_cycle", "accept"), ("walk", "ptes"),
                                     ("fill_index", "fill"), ("answer_cycle", "answer")])
def test_renamed_fields_are_rejected(old, new):
    rec = sample_record()
    rec[new] = rec.pop(old)
    errs = txn_schema.validate(rec, SCHEMA)
    assert any(f"'{old}' is missing" in e for e in errs) and any(f"'{new}'" in e for e in errs)


def test_wrong_values_are_rejected():
    good = sample_record()
    cases = [
        ("schema", "mmu-txn/0"), ("type", "transaction"), ("va", 0x40201000), ("va", "0X40201000"),
        ("pa", "90000abc"), ("access", "load"), ("priv", "H"), ("id", -1), ("hit", 1),
        ("hit_index", 64), ("level", 4), ("cause", "pte invalid"), ("walk", [{}]),
        ("ad_write", "none"), ("in_flight", True),  # in flight: the answer fields must be null
    ]
    for field, value in cases:
        rec = copy.deepcopy(good)
        rec[field] = value
        assert rejected(rec), f"{field}={value!r} was accepted"
    rec = copy.deepcopy(good)
    rec["walk"][0]["flags"] = "VRWX"
    assert rejected(rec)
    rec = copy.deepcopy(good)
    rec["walk"][0]["kind"] = "huge"
    assert rejected(rec)
    rec = copy.deepcopy(good)
    rec["ad_write"]["kind"] = "leaf"  # a write has "sets", not "kind"
    assert rejected(rec)
    rec = copy.deepcopy(good)
    rec["fault"], rec["pa"] = True, "0x1000"  # a fault has no PA
    assert rejected(rec)
    rec = copy.deepcopy(good)
    rec["hit"] = rec["refill"] = False
    rec["hit_index"] = 3  # no hit, no index
    assert rejected(rec)
    rec = copy.deepcopy(good)
    rec["extra"] = 1
    assert rejected(rec)


def test_the_pre_schema_mmusim_format_is_rejected():
    # a txn line of mmusim --json before the schema (docs/scenarios.md of that time)
    old = {"type": "txn", "file": "t.scn", "id": 0, "accept": 1, "answer": 8, "va": "0x40201abc",
           "acc": "LOAD", "priv": "S", "linear": "0x40201abc", "fault": False, "pa": "0x90000abc",
           "cause": "NONE", "exc": 0, "level": 0, "paged": True, "hit": False, "hit_index": None,
           "refill": False, "fill": 0, "fill_suppressed": False,
           "ptes": [{"addr": "0x80000008", "value": "0x20000401", "level": 2, "write": False, "err": False}]}
    assert rejected(old)
    assert rejected(dict(old, schema="mmu-txn/1"))


def test_other_records_and_the_validator_itself():
    ok = {"schema": "mmu-txn/1", "type": "summary", "file": "x.scn", "checks": 3, "failed": 0, "cycles": 9}
    assert not txn_schema.validate(ok, SCHEMA)
    assert rejected(dict(ok, checks="3"))
    assert rejected({"schema": "mmu-txn/1", "type": "fail"})
    assert rejected({"schema": "mmu-txn/1", "type": "bogus", "message": "x"})
    assert rejected([1, 2])
    # a keyword the validator does not implement is a schema error, not a silent pass
    assert txn_schema.check_schema({"type": "object", "minProperties": 1})
    assert txn_schema.check_schema({"$ref": "#/$defs/nowhere"})
    assert not txn_schema.check_schema(SCHEMA)


def test_the_doc_lists_exactly_the_schema_fields():
    doc = open(os.path.join(ROOT, "docs", "txn-schema.md")).read()
    tables = re.split(r"\n(?=An access)", doc.split("## Fields of a `txn` record", 1)[1])
    fields = [set(re.findall(r"^\| `(\w+)` \|", t, re.M)) for t in tables[:2]]
    assert fields[0] == set(SCHEMA["$defs"]["txn"]["properties"])
    assert fields[1] == set(SCHEMA["$defs"]["access_rec"]["properties"])
