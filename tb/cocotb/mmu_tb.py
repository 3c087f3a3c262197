"""Stimulus and page-table memory for the cocotb test of mmu_top (tb/cocotb/test_mmu.py).

Simulator-free on purpose: the same classes drive the Python model alone in tb/python/ (a quick
check that the stimulus keeps the port protocol, so no assertion fires), and the RTL plus the
model under cocotb.

- PortMemory: the behavioral memory behind the walker's port (SPEC 1): sparse little-endian
  storage (mmu_model.Memory), latency 1..N, random back-pressure on mem_req_ready, injected error
  responses and words that always answer with an error. drive() fills the mem_* inputs of a cycle
  (they never depend on that cycle's outputs), observe() sees the cycle's outputs and accepts.
- Stimulus: episodes, each in one mode ("sv39": Sv39 page tables with 4 KiB, 2 MiB and 1 GiB
  pages, U/S, R/W/X, A/D, G and the illegal PTEs of SPEC 4.3; "bb": base-and-bounds, sometimes with
  Sv39 paging under it; "seg": OSTEP segments, up and down), configured through the CSR port, then
  a request stream with TLB locality, mixed with register changes (SUM/MXR/HWAD, ASID, policy,
  LFSR), flushes of all four kinds, CSR and counter reads and WARL probes. Request fields are held
  until req_ready, CSR fields until csr_ready, req_acc/req_priv are always legal.
"""

from __future__ import annotations

import random
from collections import Counter as Tally, deque
from typing import Deque, Dict, List, Optional, Tuple

from mmu_model import (Csr, FlushKind, Memory, SatpMode, SegMode, INPUT_PORTS, PTE_A,
                       PTE_D, PTE_G, PTE_R, PTE_U, PTE_V, PTE_W, PTE_X, STATUS_HWAD, STATUS_MXR,
                       STATUS_SUM, pte, satp, segctl)

MASK64 = (1 << 64) - 1


def zero_inputs() -> Dict[str, int]:
    d = {p: 0 for p in INPUT_PORTS}
    d["rst_n"] = 1
    return d


class PortMemory(Memory):
    """Page-table memory with the walker port's protocol (one request outstanding)."""

    def __init__(self, rng: random.Random):
        super().__init__()
        self.rng = rng
        self.min_lat, self.max_lat, self.ready_p, self.err_p = 1, 1, 1.0, 0.0
        self.reset_port()
        self.reads = self.ad_writes = self.errors_injected = 0

    def reset_port(self) -> None:
        self.pending = False
        self.countdown = 0
        self.rdata = 0
        self.rerr = False
        self.ready_now = True

    def configure(self, min_lat: int, max_lat: int, ready_p: float, err_p: float) -> None:
        self.min_lat, self.max_lat, self.ready_p, self.err_p = min_lat, max_lat, ready_p, err_p

    def drive(self, ins: Dict[str, int]) -> None:
        respond = self.pending and self.countdown == 0
        ins["mem_req_ready"] = int(self.ready_now)
        ins["mem_resp_valid"] = int(respond)
        ins["mem_resp_rdata"] = self.rdata if respond else 0
        ins["mem_resp_err"] = int(self.rerr) if respond else 0

    def observe(self, ins: Dict[str, int], out) -> None:
        if not ins["rst_n"]:
            self.reset_port()
            return
        if ins["mem_resp_valid"]:
            self.pending = False
        elif self.pending:
            self.countdown -= 1
        if out.mem_req_valid and ins["mem_req_ready"]:
            addr, size = out.mem_req_addr, out.mem_req_size
            err = self.is_error(addr) or self.rng.random() < self.err_p
            self.errors_injected += err
            if out.mem_req_write:
                self.ad_writes += 1
                if not err:
                    self.write(addr, size, out.mem_req_wdata)
                self.rdata = 0
            else:
                self.reads += 1
                self.rdata = 0 if err else self.load(addr, size)
            self.rerr = err
            self.pending = True
            self.countdown = self.rng.randint(self.min_lat, self.max_lat) - 1
        self.ready_now = self.rng.random() < self.ready_p


def sext39(va: int) -> int:
    return (va | (MASK64 << 39)) & MASK64 if va >> 38 & 1 else va & ((1 << 39) - 1)


class Stimulus:
    """Per-cycle inputs (request, CSR, reset) for one run; see the module text."""

    MODES = ("sv39", "bb", "seg")

    def __init__(self, rng: random.Random, mem: PortMemory, modes=("sv39",), asid_bits: int = 16,
                 reset_cycles: int = 3, ops_per_episode: Tuple[int, int] = (150, 400)):
        for m in modes:
            if m not in self.MODES:
                raise ValueError(f"unknown mode '{m}' (one of {', '.join(self.MODES)})")
        self.rng, self.mem, self.modes, self.asid_bits = rng, mem, tuple(modes), asid_bits
        self.ops_range = ops_per_episode
        self.reset_left = reset_cycles
        self.req: Optional[Tuple[int, int, int]] = None
        self.cur_csr: Optional[Tuple[int, int, int]] = None
        self.csr_q: Deque[Tuple[int, int, int]] = deque()
        self.ops_left = 0
        self.outstanding = 0
        self.episode = 0
        self.mode = ""
        self.pool: List[Tuple[int, int]] = []  # (VA, page size) of mapped pages
        self.last_va = 0
        self.satp_val = 0
        self.seg_va_bits = 14
        self.bounds = 0
        self.stats: Tally = Tally()

    # ------------------------------------------------------------------ per cycle
    def next(self) -> Dict[str, int]:
        ins = zero_inputs()
        if self.reset_left > 0:
            self.reset_left -= 1
            ins["rst_n"] = 0
            self.req = self.cur_csr = None  # (csr_q holds only the next episode's setup here)
            self.outstanding = 0
            return ins
        idle = self.req is None and self.cur_csr is None and not self.csr_q
        if idle and self.ops_left == 0 and self.outstanding == 0 and not self.mem.pending:
            self._new_episode()
            if self.reset_left > 0:
                return self.next()
        if self.cur_csr is None and self.csr_q:
            self.cur_csr = self.csr_q.popleft()
        elif self.cur_csr is None and self.req is None and self.ops_left > 0:
            self.ops_left -= 1
            r = self.rng.random()
            if r < 0.07:
                self._csr_op()
                if self.csr_q:
                    self.cur_csr = self.csr_q.popleft()
            elif r < 0.22:
                pass  # an idle cycle
            else:
                self.req = self._request()
        if self.req is not None:
            ins["req_valid"] = 1
            ins["req_vaddr"], ins["req_acc"], ins["req_priv"] = self.req
        if self.cur_csr is not None:
            ins["csr_valid"] = 1
            ins["csr_write"], ins["csr_addr"], ins["csr_wdata"] = self.cur_csr
        return ins

    def observe(self, ins: Dict[str, int], out) -> None:
        if not ins["rst_n"]:
            return
        if ins["req_valid"] and out.req_ready:
            self.req = None
            self.outstanding += 1
            self.stats["requests"] += 1
        if out.resp_valid:
            self.outstanding -= 1
            self.stats["hits" if out.resp_hit else "answers-not-hit"] += 1
            if out.resp_fault:
                self.stats["faults"] += 1
        if ins["csr_valid"] and out.csr_ready:
            self.cur_csr = None
            self.stats["csr-writes" if ins["csr_write"] else "csr-reads"] += 1
        if out.mem_req_valid and out.mem_req_write and ins["mem_req_ready"]:
            self.stats["ad-writes"] += 1
        if out.trace_flush_valid:
            self.stats["flushes"] += 1

    # ------------------------------------------------------------------ episodes
    def _w(self, addr: int, data: int) -> None:
        self.csr_q.append((1, int(addr), data & MASK64))

    def _r(self, addr: int) -> None:
        self.csr_q.append((0, int(addr), 0))

    def _new_episode(self) -> None:
        rng = self.rng
        self.episode += 1
        if self.episode > 1 and rng.random() < 0.15:
            self.reset_left = 2  # a reset between episodes (the walker is idle here)
        self.mode = rng.choice(self.modes)
        self.stats["episodes-" + self.mode] += 1
        self.ops_left = rng.randint(*self.ops_range)
        self.mem.bytes.clear()
        self.mem.errors.clear()
        lat = rng.choice([(1, 1), (1, 3), (2, 5), (1, 8)])
        self.mem.configure(lat[0], lat[1], rng.choice([1.0, 1.0, 0.8, 0.5]),
                           rng.choice([0.0, 0.0, 0.005, 0.02]))
        self.pool = []
        self.satp_val = 0
        # start from a known state: no segmentation, Bare, then the episode's registers
        self._w(Csr.SEGCTL, 0)
        self._w(Csr.SATP, 0)
        self._w(Csr.FLUSH, FlushKind.ALL)
        status = (STATUS_HWAD if rng.random() < 0.6 else 0) | \
                 (STATUS_SUM if rng.random() < 0.4 else 0) | (STATUS_MXR if rng.random() < 0.3 else 0)
        self._w(Csr.STATUS, status)
        self._w(Csr.TLBCTL, rng.randrange(4) | rng.randrange(1 << 16) << 16)
        if self.mode == "sv39":
            self._build_sv39()
            self._w(Csr.SATP, self.satp_val)
        elif self.mode == "bb":
            paged = rng.random() < 0.4
            if paged:
                self._build_sv39()
                va, size = rng.choice(self.pool)
                base = (va & ~(size - 1)) & MASK64
                self.bounds = rng.choice([size, 2 * size, 1 << 21, rng.randrange(1, 1 << 22)])
            else:
                base = rng.choice([rng.randrange(1 << 40), rng.randrange(1 << 64),
                                   (1 << 64) - rng.randrange(1, 1 << 20)])
                self.bounds = rng.choice([1 << rng.randrange(8, 40), rng.randrange(1 << 32),
                                          rng.randrange(1 << 64), 0])
            self._w(Csr.BASE, base)
            self._w(Csr.BOUNDS, self.bounds)
            self._w(Csr.SEGCTL, segctl(SegMode.BASE_BOUNDS, 1, 14))
            if paged:
                self._w(Csr.SATP, self.satp_val)
        else:
            sel = rng.randint(1, 3)
            self.seg_va_bits = rng.choice([14, 16, 20, 24, 32, 40, rng.randint(sel + 1, 56)])
            nseg = 1 << sel
            seg_size = 1 << (self.seg_va_bits - sel)
            for n in range(8):
                if n < nseg or rng.random() < 0.2:
                    flags = (1 if rng.random() < 0.85 else 0) | rng.randrange(16) << 1 | \
                            (1 << 5 if rng.random() < 0.3 else 0)
                    limit = rng.choice([seg_size, seg_size // 2, rng.randrange(seg_size + 2),
                                        rng.randrange(1 << 20), seg_size + 1])
                    self._w(0x10 + 3 * n, rng.choice([rng.randrange(1 << 36), rng.randrange(1 << 64)]))
                    self._w(0x11 + 3 * n, limit)
                    self._w(0x12 + 3 * n, flags)
            self._w(Csr.SEGCTL, segctl(SegMode.SEGMENTS, sel, self.seg_va_bits))
        self.stats["csr-config-writes"] += len(self.csr_q)

    def _build_sv39(self) -> None:
        rng, mem = self.rng, self.mem
        next_ppn = [rng.randrange(0x80000, 0x81000)]
        root = next_ppn[0]

        def alloc() -> int:
            next_ppn[0] += 1
            return next_ppn[0]

        def slot(table_ppn: int, va: int, level: int) -> int:
            return (table_ppn << 12) + ((va >> (12 + 9 * level)) & 0x1FF) * 8

        def walk_to(va: int, level: int) -> Optional[int]:
            table = root
            for lvl in range(2, level, -1):
                a = slot(table, va, lvl)
                e = mem.load(a, 3)
                if e == 0:
                    t = alloc()
                    flags = PTE_V | (PTE_G if rng.random() < 0.05 else 0)
                    if rng.random() < 0.02:  # A, D or U on a pointer: reserved
                        flags |= rng.choice([PTE_A, PTE_D, PTE_U])
                    mem.store(a, 3, pte(t, flags))
                    table = t
                elif e & (PTE_R | PTE_X) or not e & PTE_V or e & (PTE_A | PTE_D | PTE_U):
                    return None  # a leaf (or a bad pointer) is in the way
                else:
                    table = (e >> 10) & ((1 << 44) - 1)
            a = slot(table, va, level)
            return None if mem.load(a, 3) else a

        vpn2_pool = [0, 1, 2, 0x1FF, 0x100, rng.randrange(512)]
        for _ in range(rng.randint(8, 28)):
            level = rng.choices([0, 1, 2], [70, 22, 8])[0]
            va = sext39(rng.choice(vpn2_pool) << 30 | rng.randrange(1 << 30)) & ~0xFFF
            size = 1 << (12 + 9 * level)
            va &= ~(size - 1) & MASK64
            a = walk_to(va, level)
            if a is None:
                continue
            perms = rng.choice([PTE_R, PTE_R | PTE_W, PTE_R | PTE_X, PTE_R | PTE_W | PTE_X, PTE_X,
                                PTE_R | PTE_W])
            flags = PTE_V | perms | (PTE_U if rng.random() < 0.35 else 0) | \
                (PTE_G if rng.random() < 0.1 else 0) | (PTE_A if rng.random() < 0.6 else 0) | \
                (PTE_D if rng.random() < 0.4 else 0) | (rng.randrange(4) << 8)  # RSW
            ppn = rng.choice([rng.randrange(0x100000, 0x200000), rng.randrange(1 << 44)])
            ppn &= ~((1 << (9 * level)) - 1)
            r = rng.random()
            if r < 0.04:
                flags &= ~PTE_V
            elif r < 0.07:
                flags = (flags & ~(PTE_R | PTE_X)) | PTE_W  # W without R
            elif r < 0.10:
                flags |= 1 << rng.choice([54, 57, 60, 61, 62, 63])  # reserved / PBMT / N
            elif r < 0.13 and level > 0:
                ppn |= 1 << rng.randrange(9 * level)  # misaligned superpage
            elif r < 0.15 and level == 0:
                flags &= ~(PTE_R | PTE_W | PTE_X)  # a pointer at level 0
            elif r < 0.17:
                mem.set_error(a)  # the PTE word answers with a memory error
            mem.store(a, 3, pte(ppn, flags))
            self.pool.append((va, size))
        if not self.pool:
            self.pool.append((0, 1 << 12))
        asid = rng.randrange(1 << 16)
        self.satp_val = satp(SatpMode.SV39, root, asid)

    # ------------------------------------------------------------------ operations
    def _request(self) -> Tuple[int, int, int]:
        rng = self.rng
        acc = rng.choice([0, 0, 1, 1, 2])
        priv = rng.choices([1, 0, 3], [60, 30, 10])[0]
        r = rng.random()
        if r < 0.12 and self.last_va:
            va = self.last_va
        elif self.mode == "sv39":
            if r < 0.82:
                # TLB locality: mostly a small working set of the mapped pages
                hot = self.pool[:6] if rng.random() < 0.7 else self.pool
                base, size = rng.choice(hot)
                va = base + rng.randrange(size)
            elif r < 0.95:
                va = sext39(rng.randrange(1 << 39))
            else:
                va = rng.randrange(1 << 64)  # most likely not canonical
        elif self.mode == "bb":
            b = self.bounds
            va = rng.choice([rng.randrange(max(b, 1)), rng.randrange(max(b, 1)),
                             (b - 1) & MASK64, b, b + 1, rng.randrange(1 << 64), rng.randrange(4096)])
        else:
            vb = self.seg_va_bits
            va = rng.choice([rng.randrange(1 << vb)] * 4 + [(1 << vb) - 1 - rng.randrange(64),
                                                             rng.randrange(1 << 64), 1 << vb])
        va &= MASK64
        self.last_va = va
        return va, acc, priv

    def _csr_op(self) -> None:
        rng = self.rng
        r = rng.random()
        if r < 0.18:
            self._w(Csr.STATUS, (STATUS_HWAD if rng.random() < 0.6 else 0) |
                    (STATUS_SUM if rng.random() < 0.5 else 0) |
                    (STATUS_MXR if rng.random() < 0.3 else 0))
        elif r < 0.34:
            kind = rng.randrange(4)
            if kind >= 2:
                va = rng.choice(self.pool)[0] if self.pool else rng.randrange(1 << 64)
                self._w(Csr.FLUSH_VA, va + rng.randrange(4096))
            self._w(Csr.FLUSH, kind | rng.randrange(1 << 16) << 44)
        elif r < 0.42:
            self._w(Csr.TLBCTL, rng.randrange(4) | rng.randrange(1 << 16) << 16)
        elif r < 0.60:
            self._r(Csr.HITS + rng.randrange(9))
        elif r < 0.72:
            self._r(rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 9, 0x10, 0x12, 0x2F, 0x40, 0x48, 0x7F]))
        elif r < 0.84 and self.mode in ("sv39", "bb") and self.satp_val:
            # a new ASID on the same tables (no flush: MODE unchanged)
            self.satp_val = (self.satp_val & ~(0xFFFF << 44)) | rng.randrange(1 << 16) << 44
            self._w(Csr.SATP, self.satp_val)
        else:
            # WARL probes: ignored writes, read back
            self._w(rng.choice([Csr.SATP, Csr.SEGCTL, Csr.RADIX]),
                    rng.choice([5 << 60, 15 << 60, 3, segctl(2, 0, 14), 0x3F]))
            self._r(rng.choice([Csr.SATP, Csr.SEGCTL, Csr.RADIX]))
