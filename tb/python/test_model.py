"""Tests of the Python binding of the C model (model/python/mmu_model.py): hand-computed walks,
fault reasons and exception codes by name, WARL registers, the cycle-level face, two models side
by side, error handling, and the cocotb stimulus run against the model alone."""

import random

import pytest

import mmu_model as mm
import mmu_defs as mm_defs
from mmu_model import (Acc, Cause, Csr, Exc, Memory, MmuModel, Priv, SatpMode, SegMode, PTE_A,
                       PTE_D, PTE_G, PTE_R, PTE_U, PTE_V, PTE_W, PTE_X, STATUS_HWAD, STATUS_SUM,
                       pte, satp, segctl)

ROOT_PPN = 0x80000
L1_PPN, L0_PPN = 0x80001, 0x80002
VA = (1 << 30) | (2 << 21) | (3 << 12) | 0xABC  # VPN[2]=1, VPN[1]=2, VPN[0]=3
LEAF_ADDR = (L0_PPN << 12) + 3 * 8
LEAF_PPN = 0x12345


def sv39_memory(leaf_flags=PTE_V | PTE_R | PTE_W | PTE_A, leaf_ppn=LEAF_PPN):
    mem = Memory()
    mem.store((ROOT_PPN << 12) + 1 * 8, 3, pte(L1_PPN, PTE_V))
    mem.store((L1_PPN << 12) + 2 * 8, 3, pte(L0_PPN, PTE_V))
    mem.store(LEAF_ADDR, 3, pte(leaf_ppn, leaf_flags))
    return mem


def sv39_model(status=0, **cfg):
    m = MmuModel(**cfg)
    m.csr_write(Csr.SATP, satp(SatpMode.SV39, ROOT_PPN, asid=5))
    m.csr_write(Csr.STATUS, status)
    return m


# ------------------------------------------------------------------------------- untimed face

def test_sv39_walk_pa_and_accesses():
    m, mem = sv39_model(), sv39_memory()
    r = m.translate(VA, Acc.LOAD, Priv.S, mem)
    assert not r.fault and r.cause is Cause.NONE and r.exc is Exc.NONE
    assert r.paddr == (LEAF_PPN << 12) | 0xABC
    assert r.level == 0 and not r.hit and r.fill_valid
    assert [a.addr for a in r.accesses] == [(ROOT_PPN << 12) + 8, (L1_PPN << 12) + 16, LEAF_ADDR]
    assert [a.level for a in r.accesses] == [2, 1, 0]
    assert not any(a.write for a in r.accesses) and mem.writes == []
    # the same page again: a TLB hit in the entry just filled, no memory access
    r2 = m.translate(VA ^ 0x123, Acc.LOAD, Priv.S, mem)
    assert r2.hit and r2.hit_index == r.fill_index and r2.accesses == []
    assert r2.paddr == (LEAF_PPN << 12) | (0xABC ^ 0x123)
    e = m.tlb_entry(r.fill_index)
    assert e.valid and e.asid == 5 and e.vpn == VA >> 12 and e.ppn == LEAF_PPN
    assert (e.r, e.w, e.x, e.a, e.d) == (True, True, False, True, False)
    c = m.counters()
    assert (c["HITS"], c["MISSES"], c["WALKS"], c["PTE_READS"], c["AD_WRITES"]) == (1, 1, 1, 3, 0)


def test_sv39_store_sets_dirty_in_memory_with_hwad():
    m, mem = sv39_model(STATUS_HWAD), sv39_memory()
    before = mem.load(LEAF_ADDR, 3)
    r = m.translate(VA, Acc.STORE, Priv.S, mem)
    assert not r.fault and r.paddr == (LEAF_PPN << 12) | 0xABC
    w = r.ad_write
    assert w is not None and w.addr == LEAF_ADDR and w.level == 0
    assert w.value == before | PTE_A | PTE_D
    assert mem.writes == [(LEAF_ADDR, 3, before | PTE_D)]
    assert mem.load(LEAF_ADDR, 3) == before | PTE_D
    assert m.tlb_entry(r.fill_index).d
    # D now set in the TLB: the next store hits without a walk
    r2 = m.translate(VA, Acc.STORE, Priv.S, mem)
    assert r2.hit and r2.accesses == []
    assert m.counters()["AD_WRITES"] == 1


def test_hit_needing_dirty_walks_again_and_refills_the_entry():
    m, mem = sv39_model(STATUS_HWAD), sv39_memory()
    r = m.translate(VA, Acc.LOAD, Priv.S, mem)  # fills with D = 0
    r2 = m.translate(VA, Acc.STORE, Priv.S, mem)  # hit needing D: a refill walk
    assert not r2.hit and r2.fill_valid and r2.fill_index == r.fill_index
    assert [a.write for a in r2.accesses] == [False, False, False, True]


def test_fault_reasons_by_name_and_exception_codes():
    # A clear with HWAD = 0: A_CLEAR, a load page fault (13)
    m = sv39_model()
    r = m.translate(VA, Acc.LOAD, Priv.S, sv39_memory(PTE_V | PTE_R))
    assert r.fault and r.cause.name == "A_CLEAR" and r.exc.name == "LOAD_PAGE" and r.exc == 13
    assert r.paddr == 0 and r.level == 0
    # D clear on a store: D_CLEAR, store page fault (15); nothing written to memory
    mem = sv39_memory()
    r = sv39_model().translate(VA, Acc.STORE, Priv.S, mem)
    assert (r.cause, r.exc) == (Cause.D_CLEAR, Exc.STORE_PAGE) and mem.writes == []
    # U page from S without SUM, then with SUM; never fetchable from S
    mem = sv39_memory(PTE_V | PTE_R | PTE_X | PTE_U | PTE_A)
    assert sv39_model().translate(VA, Acc.LOAD, Priv.S, mem).cause is Cause.PERM_USER_PAGE
    assert not sv39_model(STATUS_SUM).translate(VA, Acc.LOAD, Priv.S, mem).fault
    r = sv39_model(STATUS_SUM).translate(VA, Acc.FETCH, Priv.S, mem)
    assert (r.cause, r.exc) == (Cause.PERM_USER_PAGE, Exc.FETCH_PAGE)
    # supervisor page from U
    r = sv39_model().translate(VA, Acc.LOAD, Priv.U, sv39_memory())
    assert r.cause.name == "PERM_SUPERVISOR_PAGE"
    # W without R
    r = sv39_model().translate(VA, Acc.LOAD, Priv.S, sv39_memory(PTE_V | PTE_W | PTE_A))
    assert r.cause is Cause.PTE_RESERVED_WR and r.level == 0
    # not canonical: VA_RANGE found by paging is a page fault, no memory access
    r = sv39_model().translate(1 << 40, Acc.STORE, Priv.S, sv39_memory())
    assert (r.cause, r.exc, r.accesses) == (Cause.VA_RANGE, Exc.STORE_PAGE, [])
    # memory error on the leaf: an access fault of the original access type
    mem = sv39_memory()
    mem.set_error(LEAF_ADDR)
    r = sv39_model().translate(VA, Acc.FETCH, Priv.S, mem)
    assert (r.cause, r.exc) == (Cause.WALK_ACCESS_ERROR, Exc.FETCH_ACCESS)
    assert r.accesses[-1].err and r.accesses[-1].addr == LEAF_ADDR


def test_superpages():
    mem = Memory()
    mem.store((ROOT_PPN << 12) + 1 * 8, 3, pte(L1_PPN, PTE_V))
    mem.store((L1_PPN << 12) + 2 * 8, 3, pte(0x400, PTE_V | PTE_R | PTE_X | PTE_A | PTE_G))
    r = sv39_model().translate(VA, Acc.FETCH, Priv.S, mem)
    assert not r.fault and r.level == 1 and r.paddr == (0x400 << 12) | (VA & ((1 << 21) - 1))
    mem.store((L1_PPN << 12) + 2 * 8, 3, pte(0x401, PTE_V | PTE_R | PTE_A))
    r = sv39_model().translate(VA, Acc.LOAD, Priv.S, mem)
    assert (r.cause, r.level) == (Cause.MISALIGNED_SUPERPAGE, 1)


def test_dict_memory_and_callback_memory():
    d = {(ROOT_PPN << 12) + 8: pte(L1_PPN, PTE_V), (L1_PPN << 12) + 16: pte(L0_PPN, PTE_V),
         LEAF_ADDR: pte(LEAF_PPN, PTE_V | PTE_R | PTE_W | PTE_A)}
    r = sv39_model(STATUS_HWAD).translate(VA, Acc.STORE, Priv.S, d)
    assert r.paddr == (LEAF_PPN << 12) | 0xABC and d[LEAF_ADDR] & PTE_D

    class Mem:
        def __init__(self):
            self.reads = []

        def read(self, addr, size):
            self.reads.append((addr, size))
            return d.get(addr, 0)

        def write(self, addr, size, data):
            return False  # the A/D write answers with an error

    cb = Mem()
    d[LEAF_ADDR] &= ~PTE_D
    m = sv39_model(STATUS_HWAD)
    m.translate(VA, Acc.LOAD, Priv.S, d)  # fill with D clear
    r = m.translate(VA, Acc.STORE, Priv.S, cb)
    assert [s for _, s in cb.reads] == [3, 3, 3]
    assert (r.cause, r.exc) == (Cause.WALK_ACCESS_ERROR, Exc.STORE_ACCESS) and not r.fill_valid


def test_memory_callback_exception_propagates():
    class Broken:
        def read(self, addr, size):
            raise KeyError(hex(addr))

        def write(self, addr, size, data):
            return True

    with pytest.raises(KeyError):
        sv39_model().translate(VA, Acc.LOAD, Priv.S, Broken())


def test_base_and_bounds_and_segments():
    m = MmuModel()
    m.csr_write(Csr.BASE, 0x10000)
    m.csr_write(Csr.BOUNDS, 0x1000)
    assert m.csr_write(Csr.SEGCTL, segctl(SegMode.BASE_BOUNDS))  # a mode change flushes
    assert m.translate(0xFFF, Acc.STORE, Priv.U).paddr == 0x10FFF
    r = m.translate(0x1000, Acc.STORE, Priv.U)
    assert (r.cause, r.exc) == (Cause.BOUNDS, Exc.STORE_ACCESS)
    assert m.translate(0x5000, Acc.LOAD, Priv.M).paddr == 0x5000  # M: no translation
    # OSTEP segments: 16 KiB space, 1 select bit; segment 1 grows down from 0x8000
    s = MmuModel()
    s.csr_write(Csr.SEG0_BASE, 0x4000)
    s.csr_write(Csr.SEG0_LIMIT, 0x100)
    s.csr_write(Csr.SEG0_FLAGS, 0b11111)  # valid R W X U
    s.csr_write(Csr["SEG1_BASE"], 0x8000)
    s.csr_write(Csr["SEG1_LIMIT"], 0x800)
    s.csr_write(Csr["SEG1_FLAGS"], 0b100111)  # valid R W, grows down, no U
    s.csr_write(Csr.SEGCTL, segctl(SegMode.SEGMENTS, select=1, va_bits=14))
    assert s.translate(0x00FF, Acc.LOAD, Priv.U).paddr == 0x40FF
    assert s.translate(0x0100, Acc.LOAD, Priv.U).cause is Cause.SEG_LIMIT
    assert s.translate(0x3FFF, Acc.STORE, Priv.S).paddr == 0x7FFF  # offset -1
    assert s.translate(0x3800, Acc.LOAD, Priv.S).paddr == 0x7800  # offset -0x800: the limit
    assert s.translate(0x37FF, Acc.LOAD, Priv.S).cause is Cause.SEG_LIMIT
    assert s.translate(0x3FFF, Acc.LOAD, Priv.U).cause is Cause.SEG_PERM
    assert s.translate(0x3FFF, Acc.FETCH, Priv.S).exc is Exc.FETCH_ACCESS
    assert s.translate(0x4000, Acc.LOAD, Priv.S).cause is Cause.VA_RANGE


def test_warl_registers():
    m = MmuModel(tlb_entries=8, asid_bits=4)
    good = satp(SatpMode.SV39, 0x1234, asid=0xFFFF)
    assert m.csr_write(Csr.SATP, good)  # a MODE change flushes
    assert m.csr_read(Csr.SATP) == satp(SatpMode.SV39, 0x1234, asid=0xF)  # ASID width 4
    assert not m.csr_write(Csr.SATP, 5 << 60)  # unsupported MODE: ignored whole
    assert not m.csr_write(Csr.SATP, satp(SatpMode.RADIX, 1))  # MODE 15 with RADIX 0: ignored
    assert m.csr_read(Csr.SATP) == satp(SatpMode.SV39, 0x1234, asid=0xF)
    # Sv32 keeps PPN[21:0] and ASID[52:44] (then the build's 4 bits)
    m.csr_write(Csr.SATP, (1 << 60) | (0xFFFF << 44) | ((1 << 44) - 1))
    assert m.csr_read(Csr.SATP) == (1 << 60) | (0xF << 44) | ((1 << 22) - 1)
    # SEGCTL: mode 3 and a bad select are ignored
    m.csr_write(Csr.SEGCTL, segctl(SegMode.SEGMENTS, 2, 20))
    m.csr_write(Csr.SEGCTL, 3)
    m.csr_write(Csr.SEGCTL, segctl(SegMode.SEGMENTS, 0, 20))
    assert m.csr_read(Csr.SEGCTL) == segctl(SegMode.SEGMENTS, 2, 20)
    # TLBCTL: LFSR 0 is taken as 1; STATUS keeps bits 0, 18, 19 only; counters are read-only
    m.csr_write(Csr.TLBCTL, 2)
    assert m.csr_read(Csr.TLBCTL) == 2 | 1 << 16
    m.csr_write(Csr.STATUS, (1 << 64) - 1)
    assert m.csr_read(Csr.STATUS) == 1 | 1 << 18 | 1 << 19
    m.csr_write(Csr.HITS, 99)
    assert m.csr_read(Csr.HITS) == 0
    assert m.csr_read(Csr.FLUSH) == 0 and m.csr_read(0x7F) == 0


def test_two_models_side_by_side():
    a = sv39_model(tlb_entries=4, asid_bits=0)
    b = MmuModel(tlb_entries=64, asid_bits=16)
    mem = sv39_memory()
    assert (a.tlb_entries, a.asid_bits, b.tlb_entries, b.asid_bits) == (4, 0, 64, 16)
    ra = a.translate(VA, Acc.LOAD, Priv.S, mem)
    rb = b.translate(VA, Acc.LOAD, Priv.S, mem)  # b is Bare
    assert ra.paddr == (LEAF_PPN << 12) | 0xABC and rb.paddr == VA and not rb.hit
    assert a.csr_read(Csr.SATP) >> 60 == 8 and b.csr_read(Csr.SATP) == 0
    assert a.counters()["WALKS"] == 1 and b.counters()["WALKS"] == 0
    a.reset()
    assert a.csr_read(Csr.SATP) == 0 and b.translate(VA, Acc.LOAD, Priv.S).paddr == VA
    assert not any(e.valid for e in a.tlb())


# ------------------------------------------------------------------------------- cycle-level face

def test_cycle_level_csr_and_bare_request():
    m = MmuModel()
    assert m.step(rst_n=0).as_dict() == {p: 0 for p in mm.OUTPUT_PORTS}  # all 0 in reset
    out = m.step(csr_valid=1, csr_write=1, csr_addr=Csr.BASE, csr_wdata=0xBEEF)
    assert out.csr_ready and not out.req_ready  # req_ready = !busy && !csr_valid
    out = m.step(csr_valid=1, csr_write=0, csr_addr=Csr.BASE)
    assert out.csr_ready and not out.csr_rvalid
    out = m.step()
    assert out.csr_rvalid and out.csr_rdata == 0xBEEF
    t = m.cycle
    out = m.step(req_valid=1, req_vaddr=0x1234, req_acc=Acc.LOAD, req_priv=Priv.S)
    assert out.req_ready and not out.resp_valid
    out = m.step()  # answered in t+1
    assert out.resp_valid and out.resp_paddr == 0x1234 and not out.resp_fault
    assert m.cycle == t + 2


def test_cycle_level_walk_matches_untimed_and_timing():
    mem = sv39_memory()
    untimed = sv39_model(STATUS_HWAD).translate(VA, Acc.STORE, Priv.S, sv39_memory())
    m = MmuModel()
    txns = []
    m.on_txn(txns.append)
    for addr, data in ((Csr.SATP, satp(SatpMode.SV39, ROOT_PPN, asid=5)), (Csr.STATUS, STATUS_HWAD)):
        m.step(csr_valid=1, csr_write=1, csr_addr=addr, csr_wdata=data)
    ins = mm.Inputs(req_valid=1, req_vaddr=VA, req_acc=Acc.STORE, req_priv=Priv.S, mem_req_ready=1)
    t = m.cycle
    out = m.step(ins)
    assert out.req_ready
    pending, cyc, answer, seen = None, t + 1, None, []
    while answer is None and cyc < t + 40:
        ins = mm.Inputs(mem_req_ready=1)
        if pending is not None and pending[0] < cyc:  # latency L = 1
            ins.mem_resp_valid, ins.mem_resp_rdata = 1, pending[1]
            pending = None
        out = m.step(ins)
        if out.mem_req_valid:
            seen.append((out.mem_req_addr, out.mem_req_write))
            if out.mem_req_write:
                mem.write(out.mem_req_addr, out.mem_req_size, out.mem_req_wdata)
                pending = (cyc, 0)
            else:
                pending = (cyc, mem.read(out.mem_req_addr, out.mem_req_size))
        if out.resp_valid:
            answer = (cyc, out)
        cyc += 1
    assert answer is not None
    a_cycle, out = answer
    # 3 levels and an A/D write, L = 1: A = t + (n+1)(L+1) + 1
    assert a_cycle == t + 4 * 2 + 1
    assert out.resp_paddr == untimed.paddr and not out.resp_fault and out.trace_fill_valid
    assert seen == [(a.addr, a.write) for a in untimed.accesses]
    assert mem.load(LEAF_ADDR, 3) & PTE_D
    assert len(txns) == 1 and txns[0].accept_cycle == t and txns[0].answer_cycle == a_cycle
    assert txns[0].paddr == untimed.paddr and txns[0].cause is Cause.NONE


def test_inputs_accept_dicts_and_reject_unknown_ports():
    m = MmuModel()
    assert m.eval({"csr_valid": 1}).csr_ready
    with pytest.raises(KeyError):
        m.step(req_vald=1)


# ------------------------------------------------------------------------------- API errors, names

def test_bad_config_and_illegal_request():
    with pytest.raises(ValueError, match="tlb_entries must be 4, 8, 16, 32 or 64"):
        MmuModel(tlb_entries=12)
    with pytest.raises(ValueError):
        MmuModel(asid_bits=17)
    m = MmuModel()
    with pytest.raises(ValueError):
        m.translate(0, 3, Priv.S)
    with pytest.raises(ValueError):
        m.translate(0, Acc.LOAD, 2)
    m.close()
    with pytest.raises(mm.ModelError):
        m.csr_read(0)


def test_enum_names_match_the_c_tables():
    # The binding reads the names from the library; mmu_defs.py is generated from the RDL/enums.
    assert {c.value: c.name for c in Cause} == mm_defs.CAUSES
    assert Cause(6).name == "PTE_INVALID" and Cause.PAGE_BOUND == 20 and Cause.TLB_MISS == 21
    assert [a.name for a in Acc] == ["LOAD", "STORE", "FETCH"]
    assert [p.name for p in Priv] == ["U", "S", "M"] and Priv.M == 3
    assert SatpMode.SV48 == 9 and SatpMode.RADIX == 15
    assert Csr.SEG7_FLAGS == 0x10 + 3 * 7 + 2 and Csr.FLUSHES == 0x48
    assert mm.Counter.EVICTIONS == 7 and mm.Policy.RANDOM == 3 and mm.FlushKind.VA_ASID == 3
    assert mm.exc_code(Cause.VA_RANGE, Acc.LOAD, True) is Exc.LOAD_ACCESS
    assert mm.exc_code(Cause.VA_RANGE, Acc.LOAD, False) is Exc.LOAD_PAGE
    assert mm.exc_code(Cause.PAGE_BOUND, Acc.STORE) is Exc.STORE_ACCESS
    assert mm.library_path().endswith("libmmumodel.so")
    assert PTE_G == 0x20 and PTE_X == 8 and PTE_D == 0x80


# ------------------------------------------------------------------------------- the cocotb stimulus

@pytest.mark.parametrize("modes", [("sv39",), ("bb", "seg")])
def test_cocotb_stimulus_keeps_the_protocol(modes):
    """The stimulus of tb/cocotb against the model alone: no protocol assertion fires, and the
    run reaches many distinct answers (what the cocotb test then compares with the RTL)."""
    from mmu_tb import PortMemory, Stimulus

    rng = random.Random(11)
    mem = PortMemory(rng)
    stim = Stimulus(rng, mem, modes=modes)
    m = MmuModel()
    causes = set()
    m.on_txn(lambda t: causes.add(t.cause))
    for _ in range(8000):
        ins = stim.next()
        mem.drive(ins)
        out = m.step(ins)
        assert m.assertion_count == 0, m.assertion_message
        stim.observe(ins, out)
        mem.observe(ins, out)
    assert stim.stats["requests"] > 500 and stim.stats["hits"] > 20
    want = {Cause.NONE, Cause.PTE_INVALID, Cause.A_CLEAR, Cause.PERM_USER_PAGE} if "sv39" in modes \
        else {Cause.NONE, Cause.BOUNDS, Cause.SEG_LIMIT, Cause.SEG_PERM, Cause.SEG_INVALID}
    assert want <= causes, causes
    if "sv39" in modes:
        assert stim.stats["ad-writes"] > 5


# ------------------------------------------------------------------------------- argument checks
# (issue 12) ctypes used to truncate silently: a VA of 2**70 translated as VA 0, memory=None was
# an empty memory, pte() put a 50-bit PPN's top bits into the reserved bits 63:54.

def test_out_of_range_numbers_raise_value_error():
    m = sv39_model()
    mem = sv39_memory()
    for bad in (2**64, 2**70, -1):
        with pytest.raises(ValueError, match="vaddr"):
            m.translate(bad, Acc.LOAD, Priv.S, mem)
    with pytest.raises(ValueError, match="ppn"):
        pte(1 << 50, PTE_V)
    with pytest.raises(ValueError, match="ppn"):
        pte(1 << 22, PTE_V, sv32=True)
    assert pte((1 << 22) - 1, PTE_V, sv32=True) == (((1 << 22) - 1) << 10) | PTE_V
    assert pte((1 << 44) - 1, PTE_V) >> 54 == 0  # the widest legal PPN stays below bit 54
    with pytest.raises(ValueError, match="overlap the PPN"):
        pte(1, 1 << 10)
    with pytest.raises(ValueError, match="flags"):
        pte(1, 1 << 32, sv32=True)
    assert pte(1, PTE_V | (1 << 63)) == (1 << 63) | (1 << 10) | PTE_V  # N bit: legal flags
    with pytest.raises(ValueError, match="SATP.PPN"):
        satp(SatpMode.SV39, 1 << 44)
    with pytest.raises(ValueError, match="SATP.ASID"):
        satp(SatpMode.SV39, 0, asid=1 << 16)
    with pytest.raises(ValueError, match="SEGCTL.SELECT"):
        segctl(SegMode.SEGMENTS, select=8)
    with pytest.raises(ValueError, match="csr data"):
        m.csr_write(Csr.SATP, 2**64)
    with pytest.raises(ValueError, match="csr address"):
        m.csr_read(256)
    with pytest.raises(ValueError, match="input port req_priv"):
        m.step(req_priv=4)
    with pytest.raises(ValueError, match="input port req_vaddr"):
        mm.Inputs(req_vaddr=2**64)
    with pytest.raises(ValueError, match="index"):
        m.tlb_entry(16)
    with pytest.raises(ValueError, match="acc"):
        mm.exc_code(Cause.PTE_INVALID, 3)
    with pytest.raises(ValueError, match="cause"):
        mm.exc_code(200, Acc.LOAD)


def test_memory_backdoor_checks_address_size_and_data():
    mem = Memory()
    with pytest.raises(ValueError, match="address"):
        mem.store(1 << 56, 3, 0)                  # used to wrap to address 0
    with pytest.raises(ValueError, match="runs past"):
        mem.store((1 << 56) - 4, 3, 0)            # the last 4 bytes would wrap
    with pytest.raises(ValueError, match="size"):
        mem.store(0, 4, 0)
    with pytest.raises(ValueError, match="data"):
        mem.store(0, 0, 0x100)                    # 9 bits in one byte
    with pytest.raises(ValueError, match="address"):
        mem.load(-8, 3)
    with pytest.raises(ValueError, match="address"):
        mem.set_error(1 << 60)
    assert mem.bytes == {}


def test_wrong_types_raise_type_error():
    m = sv39_model()
    with pytest.raises(TypeError, match="memory=None"):
        m.translate(VA, Acc.LOAD, Priv.S, None)
    with pytest.raises(TypeError, match="memory must be"):
        m.translate(VA, Acc.LOAD, Priv.S, [1, 2, 3])
    with pytest.raises(TypeError, match="vaddr"):
        m.translate(float(VA), Acc.LOAD, Priv.S, {})
    with pytest.raises(TypeError, match="vaddr"):
        m.translate("0x1000", Acc.LOAD, Priv.S, {})
    with pytest.raises(TypeError, match="acc"):
        m.translate(VA, None, Priv.S, {})
    with pytest.raises(TypeError, match="csr data"):
        m.csr_write(Csr.SATP, 1.5)
    with pytest.raises(TypeError, match="ppn"):
        pte("0x1000")
    with pytest.raises(TypeError, match="input port req_valid"):
        m.step(req_valid=None)
    with pytest.raises(TypeError, match="tlb_entries"):
        MmuModel(tlb_entries="16")
    with pytest.raises(TypeError, match="contents"):
        Memory([1, 2])
    # what stays legal: left-out memory (empty), IntEnums, bools as 0/1 ports
    assert m.translate(0x1000, Acc.LOAD, Priv.M).paddr == 0x1000
    assert m.step(req_valid=True, req_vaddr=0x1000, req_acc=Acc.LOAD, req_priv=Priv.M).req_ready


# ------------------------------------------------------------------------------- value helpers
# The same helpers as model/include/mmu_helpers.h (tb/unit/test_helpers.cpp checks those against
# the same values, written out from the specification's PTE and satp figures).

def test_satp_compose_and_decode():
    assert satp(SatpMode.SV39, 0x80000, asid=5) == 0x8000500000080000
    f = mm.satp_decode(0x8000500000080000)
    assert (f.mode, f.asid, f.ppn) == (SatpMode.SV39, 5, 0x80000)
    assert repr(f) == "SatpFields(mode=SV39, asid=0x5, ppn=0x80000)"
    f = mm.satp_decode(2**64 - 1)
    assert (f.mode, f.asid, f.ppn) == (SatpMode.RADIX, 0xFFFF, (1 << 44) - 1)
    rng = random.Random(1)
    for _ in range(200):
        v = rng.getrandbits(64)
        f = mm.satp_decode(v)
        assert satp(f.mode, f.ppn, asid=f.asid) == v
    with pytest.raises(ValueError, match="SATP value"):
        mm.satp_decode(2**64)


def test_pte_compose_and_decode_per_layout():
    vrwad = PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    for mode in (SatpMode.SV39, SatpMode.SV48, SatpMode.SOFT):
        assert mm.pte_compose(mode, 0x90000, vrwad) == 0x240000C7
        assert mm.pte_compose(mode, 0x80201, vrwad, rsw=3, rsvd=0x7F, pbmt=2, n=True) == \
            0xDFC00000200807C7
    assert mm.pte_compose(SatpMode.SV32, 0x3FFFFF, vrwad, rsw=1) == 0xFFFFFDC7
    f = mm.pte_decode(SatpMode.SV39, 0xDFC00000200807C7)
    assert (f.ppn, f.flags, f.rsw, f.rsvd, f.pbmt, f.n) == (0x80201, vrwad, 3, 0x7F, 2, True)
    assert (f.v, f.r, f.w, f.x, f.u, f.g, f.a, f.d) == (True, True, True, False, False, False, True, True)
    assert f.flags_text == "VRW---AD" and f.kind == "leaf"
    assert repr(f) == "PteFields(ppn=0x80201, flags=VRW---AD, leaf, rsw=0x3, rsvd=0x7f, pbmt=0x2, N)"
    f = mm.pte_decode(SatpMode.SV32, 0xDFC00000200807C7)  # Sv32: bits 31:0 only
    assert (f.ppn, f.rsw, f.rsvd, f.pbmt, f.n) == (0x80201, 3, 0, 0, False)
    assert mm.pte_decode(SatpMode.SV39, pte(L1_PPN, PTE_V)).kind == "pointer"
    assert mm.pte_decode(SatpMode.SV39, 0).kind == "invalid"
    rng = random.Random(2)
    for _ in range(200):  # every bit belongs to a field: decode then compose is the identity
        v = rng.getrandbits(64)
        f = mm.pte_decode(SatpMode.SV48, v)
        assert mm.pte_compose(SatpMode.SV48, f.ppn, f.flags, f.rsw, f.rsvd, f.pbmt, f.n) == v
        f = mm.pte_decode(SatpMode.SV32, v)
        assert mm.pte_compose(SatpMode.SV32, f.ppn, f.flags, f.rsw) == v & 0xFFFFFFFF
    with pytest.raises(ValueError, match="ppn"):
        mm.pte_compose(SatpMode.SV32, 1 << 22)
    with pytest.raises(ValueError, match="no rsvd field"):
        mm.pte_compose(SatpMode.SV32, 1, rsvd=1)
    with pytest.raises(ValueError, match="pbmt"):
        mm.pte_compose(SatpMode.SV39, 1, pbmt=4)
    with pytest.raises(ValueError, match="flags"):
        mm.pte_compose(SatpMode.SV39, 1, flags=1 << 8)  # RSW is a field of its own
    for mode in (SatpMode.BARE, SatpMode.RADIX):
        with pytest.raises(ValueError, match="no Sv PTEs"):
            mm.pte_decode(mode, 0)
    # the short form builds the same PTE
    assert pte(0x80201, vrwad | (3 << 8)) == mm.pte_compose(SatpMode.SV39, 0x80201, vrwad, rsw=3)


def test_reprs_in_hex_and_hit_index_none_on_a_miss():
    m, mem = sv39_model(), sv39_memory()
    r = m.translate(VA, Acc.LOAD, Priv.S, mem)
    assert not r.hit and r.hit_index is None and r.fill_valid and r.fill_index == 0
    text = repr(r)
    assert f"paddr={(LEAF_PPN << 12) | 0xABC:#x}" in text and "cause=NONE" in text
    assert "hit_index=None" in text and "exc=NONE" in text
    assert f"addr={LEAF_ADDR:#x}" in repr(r.accesses[-1])
    assert f"value={pte(LEAF_PPN, PTE_V | PTE_R | PTE_W | PTE_A):#x}" in repr(r.accesses[-1])
    assert r.txn is not None and r.txn.hit_index is None and f"vaddr={VA:#x}" in repr(r.txn)
    r2 = m.translate(VA, Acc.LOAD, Priv.S, mem)
    assert r2.hit and r2.hit_index == 0 and not r2.fill_valid and r2.fill_index is None
    assert "hit_index=0" in repr(r2) and r2.txn.hit_index == 0 and r2.txn.fill_index is None
    e = m.tlb_entry(0)
    assert f"vpn={VA >> 12:#x}" in repr(e) and f"ppn={LEAF_PPN:#x}" in repr(e)
    # a fault before any lookup: no entry
    m.csr_write(Csr.SATP, satp(SatpMode.SV39, ROOT_PPN, asid=5))
    r3 = m.translate(1 << 40, Acc.LOAD, Priv.S, mem)
    assert r3.fault and r3.cause is Cause.VA_RANGE and r3.hit_index is None
    # the cycle face's records too
    seen = []
    m.on_txn(seen.append)
    m.translate(VA, Acc.LOAD, Priv.S, mem)
    assert len(seen) == 1 and seen[0].hit and seen[0].hit_index == 0


def test_txn_to_dict_is_the_lockstep_record():
    m, mem = sv39_model(STATUS_HWAD), sv39_memory()
    r = m.translate(VA, Acc.STORE, Priv.S, mem)
    d = r.to_dict()
    assert d["schema"] == "mmu-txn/1" and d["type"] == "txn" and d["in_flight"] is False
    assert d["va"] == f"{VA:#x}" and d["access"] == "STORE" and d["priv"] == "S"
    assert d["satp_mode"] == "SV39" and d["asid"] == 5 and d["pa"] == f"{r.paddr:#x}"
    assert [w["op"] for w in d["walk"]] == ["read", "read", "read", "write"]
    assert [w["kind"] for w in d["walk"][:3]] == ["pointer", "pointer", "leaf"]
    assert d["ad_write"] == d["walk"][3] and d["ad_write"]["sets"] == "D"
    assert d["walk"][2]["flags"] == "VRW---A-" and d["walk"][2]["ppn"] == f"{LEAF_PPN:#x}"
    assert d["hit_index"] is None and d["fill_index"] == r.fill_index
    import json
    assert json.loads(r.to_json()) == d
    # in flight (cycle face): the answer fields are null
    m2 = sv39_model()
    m2.step(req_valid=1, req_vaddr=VA, req_acc=Acc.LOAD, req_priv=Priv.S)
    t = m2.inflight()
    assert t is not None and t.in_flight
    d = t.to_dict()
    assert d["in_flight"] is True and d["pa"] is None and d["fault"] is None and d["cycles"] is None
