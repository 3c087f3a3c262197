#!/usr/bin/env python3
"""Writes the hand-made seed inputs of the model fuzz target into tb/fuzz/corpus/model/.

Each seed is a small program in the input format described at the top of tb/fuzz/fuzz_model.cpp:
a header (TLB size, ASID width, memory timing, the memory's default contents) and operations
(register writes and reads, requests, memory pokes and errors, resets). They put the fuzzer where
the interesting states are (a walk in every mode, A/D writes, superpages, teaching tables, HYBRID,
Soft mode's refill, segments, every policy and flush kind, back-pressure); libFuzzer mutates from
there. Run it again after changing the format:  python3 tb/fuzz/mkcorpus.py
"""
import os
import struct
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "model")

TLB = {4: 0, 8: 1, 16: 2, 32: 3, 64: 4}
LOAD, STORE, FETCH = 0, 1, 2
U, S, M = 0, 1, 2  # priv codes of the request operation (U S M S)

# registers (docs/spec.md 2)
SATP, STATUS, SEGCTL, BASE, BOUNDS, RADIX, TLBCTL = 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06
FLUSH, FLUSH_VA, TLB_INDEX, TLB_HI, TLB_LO, TLB_CMD, TLB_BADVA = 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E
HITS = 0x40
BARE, SV32, SV39, SV48, SOFT, TEACH = 0, 1, 8, 9, 14, 15
V, R, W, X, UB, G, A, D = 1, 2, 4, 8, 16, 32, 64, 128


def u64(v):
    return struct.pack("<Q", v & (2**64 - 1))


class Seed:
    def __init__(self, tlb=16, asid_bits=16, latency=1, step=0, txn=False, junk=False,
                 ready_mask=None, latency_pattern=0, garbage=False, pool=(0,)):
        b1 = (latency - 1) | (step << 2) | (16 if txn else 0) | (32 if junk else 0)
        b1 |= (64 if ready_mask is not None else 0) | (128 if garbage else 0)
        self.b = bytearray([TLB[tlb] | (asid_bits << 3), b1, len(pool) - 1])
        for w in pool:
            self.b += u64(w)
        if ready_mask is not None:
            self.b += struct.pack("<HH", ready_mask, latency_pattern)

    def req(self, acc, priv, va, nowait=False):
        self.b += bytes([0, acc | priv << 2 | (16 if nowait else 0), 0]) + u64(va)
        return self

    def csr(self, addr, data):
        self.b += bytes([8, addr]) + u64(data)
        return self

    def rd(self, addr):
        self.b += bytes([9, 0x80 | (addr - HITS) if addr >= HITS else addr])
        return self

    def counters(self):
        for k in range(9):
            self.rd(HITS + k)
        return self

    def poke(self, addr, value, size=3):
        self.b += bytes([10, size, 0x80]) + u64(addr)[:7] + u64(value)
        return self

    def err(self, addr, writes_only=False):
        self.b += bytes([11, 1 if writes_only else 0, 0x80]) + u64(addr)[:7]
        return self

    def reset(self, n=1):
        self.b += bytes([12, n - 1])
        return self

    def idle(self, n=1):
        self.b += bytes([13, n - 1])
        return self

    def map(self, va, level, flags, ppn, misaligned=False):
        """op 15, m even: a path for va in the Sv tables SATP points at"""
        self.b += bytes([15, 2 if misaligned else 0, 0]) + u64(va) + bytes([level, flags])
        self.b += struct.pack("<H", ppn)
        return self

    def soft_refill(self, recent, level, flags, ppn, asid=1, tlbwi=False):
        """op 15, m odd: TLB_HI from recent VA number `recent`, TLB_LO, TLBWR or TLBWI"""
        self.b += bytes([15, 1 | asid << 2 | recent << 4 | (64 if tlbwi else 0), level, flags])
        self.b += struct.pack("<H", ppn)
        return self

    def illegal(self, va):
        self.b += bytes([14, 0x03, 0]) + u64(va)
        return self


def satp(mode, asid, ppn):
    return mode << 60 | asid << 44 | ppn


def pte(ppn, flags):
    return ppn << 10 | flags


def sv39_map(s, root, va, pa, flags, level=0, tables=None, ptr=V):
    """Pokes an Sv39 path: root table at PPN root, next tables at root+1, root+2 (or `tables`)."""
    tables = tables or [root + 1, root + 2]
    vpn = [(va >> (12 + 9 * i)) & 0x1FF for i in range(3)]
    table = root
    for lvl in (2, 1, 0):
        addr = (table << 12) + vpn[lvl] * 8
        if lvl == level:
            s.poke(addr, pte(pa >> 12, flags))
            return
        nxt = tables[2 - lvl]
        s.poke(addr, pte(nxt, ptr))
        table = nxt


def seeds():
    out = {}
    ALL = V | R | W | X | A | D

    s = Seed()
    s.csr(SATP, satp(SV39, 1, 0x100))
    sv39_map(s, 0x100, 0x40201000, 0x90000000, ALL)
    s.req(LOAD, S, 0x40201ABC).req(STORE, S, 0x40201ABC).req(FETCH, S, 0x40201ABC)
    s.req(LOAD, U, 0x40201ABC).req(LOAD, M, 0x40201ABC).req(LOAD, S, 0x40202000)
    s.counters().csr(FLUSH_VA, 0x40201000).csr(FLUSH, 2).req(LOAD, S, 0x40201000).rd(TLBCTL)
    out["sv39_walk"] = s

    s = Seed(txn=True)
    s.csr(SATP, satp(SV39, 1, 0x100)).csr(STATUS, 1)
    sv39_map(s, 0x100, 0x1000, 0x80000000, V | R | W | X)
    s.req(LOAD, S, 0x1000).req(STORE, S, 0x1008).req(STORE, S, 0x1010).csr(STATUS, 0)
    s.req(LOAD, S, 0x1000).counters()
    out["sv39_hwad"] = s

    s = Seed()
    s.csr(SATP, satp(SV39, 0, 0x100))
    sv39_map(s, 0x100, 0x40000000, 0x80000000, ALL, level=2)
    sv39_map(s, 0x100, 0x80200000, 0x80400000, ALL | UB, level=1, tables=[0x103])
    sv39_map(s, 0x100, 0x80400000, 0x80401000, ALL, level=1, tables=[0x103])  # misaligned
    s.req(LOAD, S, 0x40123456).req(LOAD, U, 0x80212345).req(LOAD, S, 0x80212345)
    s.csr(STATUS, 1 << 18).req(LOAD, S, 0x80212345).req(FETCH, S, 0x80212345)
    s.req(LOAD, S, 0x80400000).req(LOAD, S, 0xFFFFFFC000000000).req(LOAD, S, 0x4000000000)
    out["sv39_superpages"] = s

    s = Seed(asid_bits=9)
    s.csr(SATP, satp(SV32, 0x1FF, 0x200))
    s.poke(0x200000 + 1 * 4, pte(0x201, V), 2)
    s.poke(0x201000 + 2 * 4, pte(0x12345, V | R | W | A | D), 2)
    s.poke(0x200000 + 3 * 4, pte(0x400, V | R | X | A), 2)  # 4 MiB page
    s.req(LOAD, S, 0x00402ABC).req(FETCH, S, 0x00C01234).req(STORE, S, 0x00C01234)
    s.req(LOAD, S, 0x100000000).counters()
    out["sv32"] = s

    s = Seed(tlb=8, asid_bits=5)
    s.csr(SATP, satp(SV48, 3, 0x300))
    s.poke(0x300000 + 1 * 8, pte(0x301, V | G))
    s.poke(0x301000 + 0 * 8, pte(0x80000, ALL))  # 1 GiB, global path
    s.poke(0x300000 + 2 * 8, pte(0x1000000, ALL))  # 512 GiB
    s.req(LOAD, S, 0x8000001234).req(LOAD, S, 0x10000005678).req(LOAD, S, 0xFFFF800000000000)
    s.csr(FLUSH, 1 | 3 << 44).req(LOAD, S, 0x8000001234).csr(SATP, satp(SV48, 4, 0x300))
    s.req(LOAD, S, 0x8000001234).counters()
    out["sv48"] = s

    s = Seed(latency=4, step=2, txn=True, ready_mask=0x5555, latency_pattern=0x1B6C, garbage=True)
    s.csr(SATP, satp(SV39, 1, 0x100)).csr(STATUS, 1)
    sv39_map(s, 0x100, 0x40201000, 0x90000000, V | R | W)
    s.req(LOAD, S, 0x40201000).req(STORE, S, 0x40201000).req(LOAD, S, 0x40201008, nowait=True)
    s.req(LOAD, S, 0x40201010, nowait=True).req(LOAD, S, 0x40202000).counters()
    out["timing_backpressure"] = s

    s = Seed()
    s.csr(SATP, satp(SV39, 1, 0x100)).csr(STATUS, 1)
    sv39_map(s, 0x100, 0x1000, 0x80000000, V | R | W)
    sv39_map(s, 0x100, 0x2000, 0x80001000, V | R | W)
    s.err(0x102000 + 2 * 8).req(STORE, S, 0x2000).req(LOAD, S, 0x1000).err(0x101000)
    s.req(STORE, U, 0x3000).err(0x101000).req(STORE, S, 0x1000)
    sv39_map(s, 0x100, 0x4000, 0x80004000, V | R | W | A)
    s.err(0x102000 + 4 * 8, writes_only=True).req(LOAD, S, 0x4008).req(STORE, S, 0x4000).counters()
    out["mem_errors"] = s

    s = Seed()  # OSTEP linear: 16 KiB space, 4 KiB pages, 4-byte PTE, valid bit 31
    radix = 14 | 12 << 6 | 1 << 12 | 2 << 14 | 31 << 16 | 0 << 29 | 8 << 35
    s.csr(RADIX, radix).csr(SATP, satp(TEACH, 0, 0x10))
    s.poke(0x10000 + 0, 0x80000005, 2).poke(0x10000 + 4, 0, 2).poke(0x10000 + 8, 0x8000001D, 2)
    s.req(LOAD, U, 0x0123).req(LOAD, U, 0x1123).req(STORE, S, 0x2FFF).req(LOAD, S, 0x4000)
    s.counters()
    out["teach_linear"] = s

    s = Seed(junk=True)  # OSTEP multi-level: 15-bit VA, 32-byte pages, 1-byte PDE/PTE
    radix = 15 | 5 << 6 | 2 << 12 | 0 << 14 | 7 << 16 | 0 << 29 | 7 << 35
    s.csr(RADIX, radix).csr(SATP, satp(TEACH, 0, 0x6C))
    s.poke(0x6C * 32 + 0x0E, 0x80 | 0x41, 0).poke(0x41 * 32 + 0x1D, 0x80 | 0x21, 0)
    s.req(LOAD, U, 0x39DC >> 0).req(LOAD, U, 0x0000).req(LOAD, U, 0x7FFF).counters()
    out["teach_multilevel"] = s

    s = Seed()  # HYBRID: two segments, each with a linear page table
    radix = 20 | 12 << 6 | 1 << 12 | 2 << 14 | 31 << 16 | 0 << 29 | 20 << 35
    s.csr(RADIX, radix)
    s.csr(0x10, 0x5000).csr(0x11, 2).csr(0x12, V | R | W | UB)
    s.csr(0x13, 0x6000).csr(0x14, 1).csr(0x15, V | R | X)
    s.csr(SEGCTL, 2 | 1 << 4 | 16 << 8 | 1 << 16).csr(SATP, satp(TEACH, 2, 0))
    s.poke(0x5000, 0x80000011, 2).poke(0x5004, 0x80000012, 2).poke(0x6000, 0x80000013, 2)
    s.req(LOAD, U, 0x0123).req(LOAD, U, 0x1123).req(LOAD, U, 0x2123).req(FETCH, S, 0x8000)
    s.req(LOAD, S, 0x8000).csr(FLUSH_VA, 0x1000).csr(FLUSH, 2).counters()
    out["hybrid"] = s

    s = Seed(tlb=4)
    s.csr(SATP, satp(SOFT, 1, 0)).req(LOAD, S, 0x40201ABC).rd(TLB_BADVA).rd(TLB_HI)
    s.csr(TLB_LO, pte(0x90000, V | R | W | A | D)).csr(TLB_CMD, 1).req(LOAD, S, 0x40201ABC)
    s.req(STORE, S, 0x40201ABC).csr(TLB_HI, 0x40201 << 12 | 1 << 44).csr(TLB_CMD, 2).rd(TLB_INDEX)
    s.csr(TLB_INDEX, 3).csr(TLB_LO, pte(0x200, V | R | X | A | G)).csr(TLB_CMD, 0).csr(TLB_CMD, 3)
    s.rd(TLB_HI).rd(TLB_LO).csr(TLB_LO, 0).csr(TLB_CMD, 0).req(FETCH, S, 0x40201000).counters()
    # TLB_CMDs accepted in a hit's answer cycle (SPEC 9.14), a TLB_MISS followed at once by TLB_LO
    s.csr(TLB_LO, pte(0x300, V | R | A)).req(LOAD, S, 0x40201ABC, nowait=True).csr(TLB_CMD, 0)
    s.req(LOAD, S, 0x40201ABC, nowait=True).csr(TLB_CMD, 2).req(LOAD, S, 0x7000, nowait=True)
    s.csr(TLB_LO, pte(0x301, V | R | A)).csr(TLB_CMD, 1).req(LOAD, S, 0x7000).counters()
    out["soft_refill"] = s

    s = Seed()  # OSTEP segmentation.py: 16 KiB space, code up, heap up, stack down
    s.csr(0x10, 0x8000).csr(0x11, 0x800).csr(0x12, V | R | W | UB)
    s.csr(0x13, 0x9000).csr(0x14, 0x800).csr(0x15, V | R | W | UB | 32)
    s.csr(SEGCTL, 2 | 1 << 4 | 14 << 8)
    s.req(LOAD, U, 0x0123).req(LOAD, U, 0x0900).req(STORE, U, 0x3F00).req(LOAD, U, 0x3000)
    s.req(FETCH, U, 0x0100).req(LOAD, U, 0x4000)
    s.csr(SATP, satp(SV39, 0, 0x100))
    sv39_map(s, 0x100, 0x8000, 0x70000000, ALL | UB)
    s.req(LOAD, U, 0x0123).counters()
    out["segments"] = s

    s = Seed()
    s.csr(BASE, 0x100000).csr(BOUNDS, 0x4000).csr(SEGCTL, 1)
    s.req(LOAD, U, 0x10).req(LOAD, U, 0x3FFF).req(LOAD, U, 0x4000).req(STORE, M, 0x4000)
    s.csr(BASE, 2**64 - 0x1000).req(LOAD, S, 0x2000).counters()
    out["base_bounds"] = s

    for policy, name in ((0, "lru"), (1, "plru"), (2, "fifo"), (3, "random")):
        s = Seed(tlb=4)
        s.csr(SATP, satp(SV39, 0, 0x100)).csr(TLBCTL, policy | 0xACE1 << 16)
        for i in range(7):
            sv39_map(s, 0x100, 0x1000 * (i + 1), 0x80000000 + 0x1000 * i, ALL)
        for i in (1, 2, 3, 4, 1, 5, 2, 6, 7, 1, 3):
            s.req(LOAD, S, 0x1000 * i)
        s.rd(TLBCTL).counters()
        out["policy_" + name] = s

    s = Seed(tlb=8)
    s.csr(SATP, satp(SV39, 1, 0x100))
    sv39_map(s, 0x100, 0x1000, 0x80000000, ALL | G)
    sv39_map(s, 0x100, 0x2000, 0x80001000, ALL)
    s.req(LOAD, S, 0x1000).req(LOAD, S, 0x2000).csr(SATP, satp(SV39, 2, 0x100))
    s.req(LOAD, S, 0x1000).req(LOAD, S, 0x2000).csr(FLUSH, 1 | 2 << 44)
    s.req(LOAD, S, 0x1000).csr(FLUSH_VA, 0x2000).csr(FLUSH, 3 | 1 << 44).csr(FLUSH, 0)
    s.req(LOAD, S, 0x2000).csr(SEGCTL, 1).csr(BOUNDS, 2**64 - 1).req(LOAD, S, 0x2000).counters()
    out["flush_kinds"] = s

    s = Seed(step=1, txn=True, garbage=True)
    s.csr(SATP, satp(SV39, 1, 0x100))
    sv39_map(s, 0x100, 0x1000, 0x80000000, ALL)
    s.req(LOAD, S, 0x1000).reset(2).idle(5).req(LOAD, S, 0x1000).csr(SATP, satp(SV39, 1, 0x100))
    s.req(LOAD, S, 0x1000).illegal(0x1000).idle(16).counters()
    out["reset_idle"] = s

    s = Seed(tlb=4)
    s.csr(SATP, satp(SV39, 1, 0x100))
    sv39_map(s, 0x100, 0x1000, 0x80000000, ALL)
    sv39_map(s, 0x100, 0x2000, 0x80001000, ALL)
    s.req(LOAD, S, 0x1000).req(LOAD, S, 0x2000)
    for i in range(8):
        s.req(i % 3, S, 0x1000 + 0x1000 * (i & 1) + i, nowait=True)
    s.req(LOAD, S, 0x3000, nowait=True).req(LOAD, S, 0x1000, nowait=True).counters()
    # register writes accepted in a hit's answer cycle
    s.req(LOAD, S, 0x1000, nowait=True).csr(TLBCTL, 2 | 0x1234 << 16)
    s.req(LOAD, S, 0x2000, nowait=True).csr(FLUSH_VA, 0x2000).req(LOAD, S, 0x2000, nowait=True)
    s.csr(FLUSH, 2).req(LOAD, M, 0x5000, nowait=True).csr(SATP, satp(SV39, 2, 0x100))
    s.req(LOAD, S, 0x2000).counters()
    out["nowait_stream"] = s

    # default memory full of plausible PTEs: every walk finds something
    pool = [pte(0x100 + i, fl) for i, fl in enumerate(
        (V, V | R | W | A | D, V | R | X | A, V | W, V | R | W | X | UB | A | D, 0, V | G, V | A,
         V | R | A, V | R | W | X, 1 << 54 | V | R, V | R | W | A | D | G))]
    s = Seed(latency=2, pool=pool)
    s.csr(SATP, satp(SV39, 1, 0x100))
    for va in (0x1000, 0x40000000, 0x7FFFFFF000, 0xFFFFFFC000001000, 0x12345678, 0x1000):
        s.req(LOAD, S, va).req(STORE, U, va + 8)
    s.csr(SATP, satp(SV48, 1, 0x101)).req(FETCH, S, 0x123456789).csr(SATP, satp(SV32, 1, 0x102))
    s.req(LOAD, S, 0x12345678).counters()
    out["hashed_memory"] = s

    s = Seed(asid_bits=0, junk=True, pool=[0x80000001 | 0xABCD << 32])
    radix = 24 | 12 << 6 | 3 << 12 | 1 << 14 | 15 << 16 | 14 << 22 | 1 << 28 | 0 << 29 | 12 << 35
    s.csr(RADIX, radix).csr(SATP, satp(TEACH, 5, 0x40)).csr(RADIX, 0x3F)
    s.req(LOAD, S, 0x123456).req(LOAD, S, 0x1000000).csr(RADIX, radix | 1 << 12).counters()
    out["teach_formats"] = s
    s = Seed(tlb=8, txn=True)
    s.csr(SATP, satp(SV39, 1, 0x100))
    for i, (lvl, fl) in enumerate(((0, ALL), (1, ALL), (2, V | R | A), (0, V | R | W | UB), (0, V | X | A),
                                   (1, V | R | W | A | G), (0, V | W), (0, V | R | W | A | D | G))):
        s.map(0x40000000 * (i + 1) + 0x201000 * i, lvl, fl, 0x8000 + 0x200 * i, misaligned=(i == 5))
    for i in range(8):
        s.req(i % 3, S, 0x40000000 * (i + 1) + 0x201000 * i + 0x10)
    s.csr(STATUS, 1)
    for i in range(8):
        s.req(STORE, U if i % 2 else S, 0x40000000 * (i + 1) + 0x201000 * i + 0x18)
    s.csr(SATP, satp(SV48, 1, 0x180)).map(0x123456789000, 3, ALL, 0).req(LOAD, S, 0x123456789ABC)
    s.csr(SATP, satp(SV32, 1, 0x1C0)).map(0x12345000, 1, ALL, 0x400).req(LOAD, S, 0x12345ABC)
    s.counters()
    out["mapped_mix"] = s

    # a full Soft TLB under LRU, a hit on the LRU entry and a TLBWR just after (SPEC 9.14)
    s = Seed(tlb=4)
    s.csr(SATP, satp(SOFT, 1, 0))
    for i in range(4):
        s.csr(TLB_HI, (0x10 + i) << 12 | 1 << 44).csr(TLB_LO, pte(0x100 + i, V | R | A)).csr(TLB_CMD, 1)
    s.req(LOAD, S, 0x11000).req(LOAD, S, 0x12000).req(LOAD, S, 0x13000)
    s.csr(TLB_HI, 0x20 << 12 | 1 << 44).req(LOAD, S, 0x10000, nowait=True).csr(TLB_CMD, 1)
    s.req(LOAD, S, 0x30000).soft_refill(0, 0, V | R | W | A | D, 0x555).req(STORE, S, 0x30000)
    s.soft_refill(0, 1, V | R | A | G, 0x600, tlbwi=True).counters()
    out["soft_full_tlbwr"] = s
    # a finding (tb/unit/test_tlb.cpp FlushIgnoresEntriesLeftByAnotherMode): an Sv39 1 GiB entry
    # left invalid by a mode change, then flushes under a RADIX format of 44 index bits; the
    # flush used to shift by level x index bits = 88 (undefined behaviour; UBSan stops)
    s = Seed()
    s.csr(SATP, satp(SV39, 0, 0x100))
    sv39_map(s, 0x100, 0x40000000, 0x80000000, ALL, level=2)
    s.req(LOAD, S, 0x40001234)
    s.csr(RADIX, 56 | 12 << 6 | 1 << 12 | 3 << 14 | 63 << 16 | 44 << 35).csr(SATP, satp(TEACH, 0, 0x300))
    s.csr(FLUSH_VA, 0x40000000).csr(FLUSH, 0).csr(FLUSH, 2).csr(FLUSH_VA, 0).csr(FLUSH, 3).counters()
    out["ub_flush_stale_level"] = s
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, s in sorted(seeds().items()):
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(bytes(s.b))
    print(f"mkcorpus: {len(seeds())} seeds in {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
