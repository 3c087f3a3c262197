"""cocotb test of the RTL (rtl/, toplevel mmu_top) against the Python-wrapped C model.

Every cycle: the stimulus (mmu_tb.Stimulus) and the behavioral memory (mmu_tb.PortMemory) set the
inputs at the falling edge of clk; in the read-only phase after they settle, EVERY output port of
the RTL is compared with the model's outputs for the same inputs (mmu_model.MmuModel.eval), then
the model takes the clock edge (step). The first difference fails the test with a report (cycle,
signals, expected and actual values, the inputs, the translation in flight, the last answers) and,
if $MMU_COCOTB_REPORT names a file, a JSON line there for tb/cocotb/check_results.py.

Environment: MMU_COCOTB_CYCLES (cycles per test, default 8000), MMU_TLB_ENTRIES / MMU_ASID_BITS
(must match the RTL build's parameters, default 16/16), RANDOM_SEED (cocotb's; the run is
reproducible from it).
"""

from __future__ import annotations

import json
import os
import random
from collections import deque

import cocotb
from cocotb.clock import Clock
from cocotb.triggers import FallingEdge, ReadOnly

from mmu_model import INPUT_PORTS, OUTPUT_PORTS, Inputs, MmuModel
from mmu_tb import PortMemory, Stimulus

CYCLES = int(os.environ.get("MMU_COCOTB_CYCLES", "8000"))
TLB_ENTRIES = int(os.environ.get("MMU_TLB_ENTRIES", "16"))
ASID_BITS = int(os.environ.get("MMU_ASID_BITS", "16"))


def _report(test: str, kind: str, **info) -> None:
    path = os.environ.get("MMU_COCOTB_REPORT")
    if path:
        with open(path, "a") as f:
            f.write(json.dumps(dict(test=test, kind=kind, **info)) + "\n")


async def run_lockstep(dut, test: str, modes, seed_offset: int) -> None:
    seed = (cocotb.RANDOM_SEED + seed_offset) & 0xFFFFFFFF
    rng = random.Random(seed)
    mem = PortMemory(rng)
    stim = Stimulus(rng, mem, modes=modes)
    model = MmuModel(TLB_ENTRIES, ASID_BITS)
    answers = deque(maxlen=6)  # the last answers, for the mismatch report
    causes = {}  # answers by reason name

    def on_txn(t):
        answers.append(t)
        causes[t.cause.name] = causes.get(t.cause.name, 0) + 1

    model.on_txn(on_txn)

    cocotb.start_soon(Clock(dut.clk, 10, units="ns").start())
    ins_h = {p: getattr(dut, p) for p in INPUT_PORTS}
    out_h = [(p, getattr(dut, p)) for p in OUTPUT_PORTS]
    driven = {}
    dut._log.info("%s: modes %s, %d cycles, seed %d (RANDOM_SEED=%d), TLB %d, ASID bits %d",
                  test, "/".join(modes), CYCLES, seed, cocotb.RANDOM_SEED, TLB_ENTRIES, ASID_BITS)

    for cycle in range(CYCLES):
        await FallingEdge(dut.clk)
        ins = stim.next()
        mem.drive(ins)
        for p, v in ins.items():
            if driven.get(p) != v:
                ins_h[p].value = v
                driven[p] = v
        await ReadOnly()
        cin = Inputs(**ins)
        exp = model.eval(cin)
        bad = []
        for p, h in out_h:
            got = h.value.integer
            want = getattr(exp, p)
            if got != want:
                bad.append((p, int(want), got))
        if bad:
            txn = model.inflight()
            lines = [f"{test}: output mismatch in cycle {cycle} (model cycle {model.cycle}), "
                     f"seed {seed}, episode {stim.episode} ({stim.mode})"]
            lines += [f"  {p}: model {w:#x}  rtl {g:#x}" for p, w, g in bad]
            lines.append("  inputs: " + ", ".join(f"{k}={v:#x}" for k, v in ins.items() if v))
            if txn:
                acc = ", ".join(f"{'W' if a.write else 'R'} {a.addr:#x}={a.value:#x}"
                                f"{' err' if a.err else ''} (level {a.level})" for a in txn.accesses)
                lines.append(f"  in flight: id {txn.id} accepted in model cycle {txn.accept_cycle}: "
                             f"va {txn.vaddr:#x} {txn.acc.name} {txn.priv.name} linear "
                             f"{txn.linear:#x} asid {txn.asid:#x} hit={int(txn.hit)} "
                             f"refill={int(txn.refill)} accesses [{acc}]")
            for t in answers:
                lines.append(f"  answered: id {t.id} va {t.vaddr:#x} {t.acc.name} {t.priv.name} -> "
                             f"pa {t.paddr:#x} {t.cause.name} hit={int(t.hit)}")
            variant = os.environ.get("MMU_COCOTB_VARIANT", "pass")
            lines.append(f"  reproduce: RANDOM_SEED={cocotb.RANDOM_SEED} TESTCASE={test} "
                         f"MMU_COCOTB_CYCLES={CYCLES} bash tb/cocotb/run.sh {variant}")
            msg = "\n".join(lines)
            dut._log.error(msg)
            _report(test, "mismatch", cycle=cycle, signals=[b[0] for b in bad], seed=seed)
            model.close()
            raise AssertionError(msg)
        model.step(cin)
        if model.assertion_count:
            msg = f"{test}: model assertion in cycle {cycle}: {model.assertion_message}"
            _report(test, "assertion", cycle=cycle, message=model.assertion_message)
            model.close()
            raise AssertionError(msg)
        stim.observe(ins, exp)
        mem.observe(ins, exp)

    counters = model.counters()
    model.close()
    s = stim.stats
    dut._log.info("%s: %d cycles compared on all %d outputs; %d requests, %d hits, %d faults, "
                  "%d A/D writes, %d CSR writes, %d CSR reads, %d flushes, episodes %s",
                  test, CYCLES, len(OUTPUT_PORTS), s["requests"], s["hits"], s["faults"],
                  s["ad-writes"], s["csr-writes"], s["csr-reads"], s["flushes"],
                  {k[9:]: v for k, v in s.items() if k.startswith("episodes-")})
    dut._log.info("%s: answers by reason: %s", test,
                  ", ".join(f"{k}={v}" for k, v in sorted(causes.items())))
    dut._log.info("%s: model counters at the end: %s", test, counters)
    _report(test, "pass", cycles=CYCLES, requests=s["requests"], hits=s["hits"],
            faults=s["faults"], causes=causes)
    # the run must have exercised something (guards against a stimulus that stalls)
    assert s["requests"] > CYCLES // 10, f"only {s['requests']} requests in {CYCLES} cycles"
    assert len(causes) > 3, f"too few distinct answers: {causes}"


@cocotb.test()
async def sv39_random(dut):
    """Sv39 page tables (4K/2M/1G, bad PTEs, A/D both ways), flushes, CSR traffic."""
    await run_lockstep(dut, "sv39_random", ("sv39",), 1)


@cocotb.test()
async def bb_seg_random(dut):
    """Base-and-bounds (sometimes with Sv39 under it) and OSTEP segments."""
    await run_lockstep(dut, "bb_seg_random", ("bb", "seg"), 2)
