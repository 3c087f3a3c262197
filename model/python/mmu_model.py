"""Python binding of the MMU reference model (model/, docs/spec.md), over ctypes.

The C model is loaded from the shared library ``libmmumodel.so``: ``$MMU_MODEL_LIB`` if set, else
``build/libmmumodel.so`` of this repository (``make model``), else an installed copy found through
the dynamic loader (``make install PREFIX=...``; set ``LD_LIBRARY_PATH`` for a private prefix).

    from mmu_model import MmuModel, Memory, Csr, Acc, Priv, SatpMode, Cause, pte, satp

    m = MmuModel(tlb_entries=16, asid_bits=16)
    m.csr_write(Csr.SATP, satp(SatpMode.SV39, ppn=0x80000))
    r = m.translate(0x1000, Acc.LOAD, Priv.S, memory)     # untimed, memory: Memory/dict/callbacks
    r.paddr, r.cause.name, r.exc.name, r.accesses       # repr in hex; r.hit_index None on a miss
    r.to_json()                                          # the mmu-txn/1 record (docs/txn-schema.md)
    satp_decode(v), pte_compose(SatpMode.SV39, ppn, PTE_V | PTE_R), pte_decode(SatpMode.SV32, v)

    out = m.step(req_valid=1, req_vaddr=0x1000, req_acc=Acc.LOAD, req_priv=Priv.S)  # one cycle

Both faces of the C model are here: ``step``/``eval`` (cycle level, port for port the RTL's
``mmu_top``) and ``translate``/``csr_write``/``csr_read`` (untimed). Every enumeration of
``mmu_enums.h`` is an ``IntEnum`` built from the library's own name tables, so the names cannot
drift from the C model (Cause, Acc, Priv, SatpMode, SegMode, Policy, FlushKind, Exc, Csr, Counter).
Several models can live side by side: a model has no global state.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import enum
import json
import os
import weakref
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterable, List, Mapping, Optional, Union

import mmu_defs  # generated from rtl/mmu_regs.rdl and rtl/mmu_iface.def (make regen)

__all__ = [
    "MmuModel", "Memory", "Inputs", "Outputs", "Result", "PteAccess", "TlbEntry", "Txn",
    "Cause", "Acc", "Priv", "SatpMode", "SegMode", "Policy", "FlushKind", "Exc", "Csr", "Counter",
    "INPUT_PORTS", "OUTPUT_PORTS", "OUTPUT_WIDTHS", "INPUT_WIDTHS",
    "PTE_V", "PTE_R", "PTE_W", "PTE_X", "PTE_U", "PTE_G", "PTE_A", "PTE_D",
    "STATUS_HWAD", "STATUS_SUM", "STATUS_MXR",
    "pte", "satp", "segctl", "exc_code", "library_path", "ModelError",
    "satp_decode", "SatpFields", "pte_compose", "pte_decode", "PteFields", "TXN_SCHEMA",
]

MAX_LEVELS = 4
MAX_TLB_ENTRIES = 64


class ModelError(RuntimeError):
    """The C library could not be loaded or refused an operation."""


# Argument checks: ctypes truncates an int to the C type silently (a VA of 2**70 became 0, a
# 50-bit PPN spilled into the PTE's reserved bits), so every number the binding hands on is
# checked first: TypeError for a non-integer, ValueError for one out of range.
def _uint(name: str, v, bits: int) -> int:
    """v as an int in [0, 2**bits); bool, IntEnum and anything with __index__ are integers."""
    if isinstance(v, float) or not hasattr(type(v), "__index__"):
        raise TypeError(f"{name} must be an integer, not {type(v).__name__}")
    i = v.__index__()
    if not 0 <= i < (1 << bits):
        raise ValueError(f"{name} = {i:#x} is out of range (0..{(1 << bits) - 1:#x}, {bits} bits)")
    return i


def _choice(name: str, v, allowed) -> int:
    i = _uint(name, v, 64)
    if i not in allowed:
        raise ValueError(f"{name} = {i} is not one of {sorted(int(a) for a in allowed)}")
    return i


# ---------------------------------------------------------------------------------- the library

def _candidates() -> List[str]:
    here = os.path.dirname(os.path.abspath(__file__))
    out = []
    env = os.environ.get("MMU_MODEL_LIB")
    if env:
        out.append(env)
    build = os.environ.get("BUILD", "build")
    out.append(os.path.join(here, "..", "..", build, "libmmumodel.so"))
    # installed next to this file's prefix: PREFIX/share/mmumodel/python -> PREFIX/lib
    out.append(os.path.join(here, "..", "..", "..", "lib", "libmmumodel.so"))
    found = ctypes.util.find_library("mmumodel")
    if found:
        out.append(found)
    out.append("libmmumodel.so")
    return out


def _load() -> ctypes.CDLL:
    errors = []
    env = os.environ.get("MMU_MODEL_LIB")
    for path in _candidates():
        if os.sep in path and not os.path.exists(path):
            errors.append(f"{path}: not found")
            if env and path == env:
                break
            continue
        try:
            lib = ctypes.CDLL(os.path.normpath(path) if os.sep in path else path)
            lib._mmu_path = os.path.normpath(path)
            return lib
        except OSError as e:
            errors.append(f"{path}: {e}")
            if env and path == env:
                break
    raise ModelError("cannot load libmmumodel.so (run 'make model', or set MMU_MODEL_LIB):\n  "
                     + "\n  ".join(errors))


_lib = _load()


def library_path() -> str:
    """Path of the loaded C library."""
    return _lib._mmu_path


# ---------------------------------------------------------------------------------- C structures

class _Config(ctypes.Structure):
    _fields_ = [("tlb_entries", ctypes.c_uint), ("asid_bits", ctypes.c_uint)]


class Inputs(ctypes.Structure):
    """Input ports of one cycle (mmu_inputs_t), the RTL's names; rst_n defaults to 1."""

    _fields_ = [(name, ctype) for name, ctype, _ in mmu_defs.INPUT_FIELDS]

    def __init__(self, **ports):
        super().__init__()
        self.rst_n = True
        for k, v in ports.items():
            if k not in INPUT_PORTS:
                raise KeyError(f"unknown input port '{k}'")
            setattr(self, k, _uint(f"input port {k}", v, INPUT_WIDTHS[k]))

    def as_dict(self) -> Dict[str, int]:
        return {k: int(getattr(self, k)) for k in INPUT_PORTS}

    def __repr__(self):
        return "Inputs(" + ", ".join(f"{k}={v:#x}" for k, v in self.as_dict().items() if v) + ")"


class Outputs(ctypes.Structure):
    """Output ports of one cycle (mmu_outputs_t); every field is a plain int (bools as 0/1)."""

    _fields_ = [(name, ctype) for name, ctype, _ in mmu_defs.OUTPUT_FIELDS]

    def as_dict(self) -> Dict[str, int]:
        return {k: int(getattr(self, k)) for k in OUTPUT_PORTS}

    def __getitem__(self, name: str) -> int:
        return int(getattr(self, name))

    def __repr__(self):
        return "Outputs(" + ", ".join(f"{k}={v:#x}" for k, v in self.as_dict().items() if v) + ")"


INPUT_PORTS = tuple(f[0] for f in Inputs._fields_)
OUTPUT_PORTS = tuple(f[0] for f in Outputs._fields_)
# Port widths in the RTL (mmu_top), for drivers and comparisons.
INPUT_WIDTHS = {name: width for name, _, width in mmu_defs.INPUT_FIELDS}
OUTPUT_WIDTHS = {name: width for name, _, width in mmu_defs.OUTPUT_FIELDS}


class _PteAccess(ctypes.Structure):
    _fields_ = [("addr", ctypes.c_uint64), ("value", ctypes.c_uint64), ("level", ctypes.c_uint8),
                ("write", ctypes.c_bool), ("err", ctypes.c_bool)]


class _Txn(ctypes.Structure):
    _fields_ = [
        ("id", ctypes.c_uint64), ("accept_cycle", ctypes.c_uint64),
        ("answer_cycle", ctypes.c_uint64), ("vaddr", ctypes.c_uint64),
        ("acc", ctypes.c_uint8), ("priv", ctypes.c_uint8),
        ("satp_mode", ctypes.c_uint8), ("seg_mode", ctypes.c_uint8),
        ("asid", ctypes.c_uint16), ("linear", ctypes.c_uint64),
        ("paged", ctypes.c_bool), ("hit", ctypes.c_bool), ("refill", ctypes.c_bool),
        ("hit_index", ctypes.c_uint8), ("walked", ctypes.c_bool),
        ("n_access", ctypes.c_uint), ("access", _PteAccess * (MAX_LEVELS + 1)),
        ("filled", ctypes.c_bool), ("fill_index", ctypes.c_uint8),
        ("fill_suppressed", ctypes.c_bool),
        ("paddr", ctypes.c_uint64), ("fault", ctypes.c_bool),
        ("exc", ctypes.c_uint8), ("cause", ctypes.c_uint8), ("level", ctypes.c_uint8),
        ("hybrid", ctypes.c_bool),
    ]


class _TlbEntry(ctypes.Structure):
    _fields_ = [("valid", ctypes.c_bool), ("asid", ctypes.c_uint16), ("global_", ctypes.c_bool),
                ("vpn", ctypes.c_uint64), ("level", ctypes.c_uint8), ("ppn", ctypes.c_uint64),
                ("r", ctypes.c_bool), ("w", ctypes.c_bool), ("x", ctypes.c_bool),
                ("u", ctypes.c_bool), ("a", ctypes.c_bool), ("d", ctypes.c_bool)]


_READ_CB = ctypes.CFUNCTYPE(ctypes.c_bool, ctypes.c_void_p, ctypes.c_uint64, ctypes.c_uint,
                            ctypes.POINTER(ctypes.c_uint64))
_WRITE_CB = ctypes.CFUNCTYPE(ctypes.c_bool, ctypes.c_void_p, ctypes.c_uint64, ctypes.c_uint,
                             ctypes.c_uint64)
_TXN_CB = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(_Txn))


class _Memory(ctypes.Structure):
    _fields_ = [("read", _READ_CB), ("write", _WRITE_CB), ("user", ctypes.c_void_p)]


class _Result(ctypes.Structure):
    _fields_ = [
        ("paddr", ctypes.c_uint64), ("fault", ctypes.c_bool),
        ("exc", ctypes.c_uint8), ("cause", ctypes.c_uint8), ("level", ctypes.c_uint8),
        ("hit", ctypes.c_bool), ("hit_index", ctypes.c_uint8),
        ("fill_valid", ctypes.c_bool), ("fill_index", ctypes.c_uint8),
        ("n_access", ctypes.c_uint), ("access", _PteAccess * (MAX_LEVELS + 1)),
    ]


def _proto(name, restype, *argtypes):
    f = getattr(_lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)
    return f


_P = ctypes.c_void_p
_create = _proto("mmu_create", _P, ctypes.POINTER(_Config), ctypes.c_char_p, ctypes.c_size_t)
_destroy = _proto("mmu_destroy", None, _P)
_reset = _proto("mmu_reset", None, _P)
_eval = _proto("mmu_eval", None, _P, ctypes.POINTER(Inputs), ctypes.POINTER(Outputs))
_step = _proto("mmu_step", None, _P, ctypes.POINTER(Inputs), ctypes.POINTER(Outputs))
_cycle = _proto("mmu_cycle", ctypes.c_uint64, _P)
_inflight = _proto("mmu_inflight", ctypes.POINTER(_Txn), _P)
_set_txn_cb = _proto("mmu_set_txn_callback", None, _P, _TXN_CB, _P)
_translate = _proto("mmu_translate", ctypes.c_bool, _P, ctypes.c_uint64, ctypes.c_uint,
                    ctypes.c_uint, ctypes.POINTER(_Memory), ctypes.POINTER(_Result))
_csr_write = _proto("mmu_csr_write", ctypes.c_bool, _P, ctypes.c_uint, ctypes.c_uint64)
_csr_read = _proto("mmu_csr_read", ctypes.c_uint64, _P, ctypes.c_uint)
_tlb_entries = _proto("mmu_tlb_entries", ctypes.c_uint, _P)
_asid_bits = _proto("mmu_asid_bits", ctypes.c_uint, _P)
_tlb_entry = _proto("mmu_tlb_entry", None, _P, ctypes.c_uint, ctypes.POINTER(_TlbEntry))
_policy_victim = _proto("mmu_policy_victim", ctypes.c_uint, _P)
_assert_count = _proto("mmu_assertion_count", ctypes.c_uint, _P)
_assert_msg = _proto("mmu_assertion_message", ctypes.c_char_p, _P)
_exc_code = _proto("mmu_exc_code", ctypes.c_uint, ctypes.c_uint, ctypes.c_uint, ctypes.c_bool)


# ---------------------------------------------------------------------------------- enumerations

def _names(fn_name: str, values: Iterable[int]) -> List[tuple]:
    fn = _proto(fn_name, ctypes.c_char_p, ctypes.c_uint)
    out = []
    for v in values:
        n = fn(v).decode()
        if n != "?":
            out.append((n, v))
    return out


def _enum(cls_name: str, fn_name: str, values: Iterable[int], doc: str):
    e = enum.IntEnum(cls_name, _names(fn_name, values), module=__name__)
    e.__doc__ = doc
    return e


Cause = _enum("Cause", "mmu_cause_name", range(32), "Fault reasons (resp_cause), SPEC 5.")
Acc = _enum("Acc", "mmu_acc_name", range(4), "Access types (req_acc).")
Priv = _enum("Priv", "mmu_priv_name", range(4), "Privilege levels (req_priv).")
SatpMode = _enum("SatpMode", "mmu_satp_mode_name", range(16), "SATP.MODE encodings.")
SegMode = _enum("SegMode", "mmu_seg_mode_name", range(4), "SEGCTL segmentation modes.")
Policy = _enum("Policy", "mmu_policy_name", range(4), "TLB replacement policies (TLBCTL[1:0]).")
FlushKind = _enum("FlushKind", "mmu_flush_kind_name", range(4), "FLUSH kinds (FLUSH[1:0]).")
Csr = _enum("Csr", "mmu_csr_name", range(256), "Register addresses, SEGn_* included.")
Counter = _enum("Counter", "mmu_counter_name", range(16), "Counters, index = addr - Csr.HITS.")
# The C library has no name table for the exception codes; these are SPEC 5's (mmu_enums.h).
Exc = enum.IntEnum("Exc", [("NONE", 0), ("FETCH_ACCESS", 1), ("LOAD_ACCESS", 5),
                           ("STORE_ACCESS", 7), ("FETCH_PAGE", 12), ("LOAD_PAGE", 13),
                           ("STORE_PAGE", 15)], module=__name__)
Exc.__doc__ = "RISC-V exception codes (resp_exc)."


def _as_enum(e, v):
    try:
        return e(v)
    except ValueError:
        return v


# ---------------------------------------------------------------------------------- field helpers

PTE_V, PTE_R, PTE_W, PTE_X, PTE_U, PTE_G, PTE_A, PTE_D = (1 << mmu_defs.PTE[n] for n in "VRWXUGAD")
_F = mmu_defs.FIELDS
STATUS_HWAD, STATUS_SUM, STATUS_MXR = (1 << _F["STATUS"][n][0] for n in ("HWAD", "SUM", "MXR"))


def _put(reg: str, name: str, value: int) -> int:
    lsb, width = _F[reg][name]
    return _uint(f"{reg}.{name}", value, width) << lsb


# The PTE layouts (mmu_defs.PTE_FIELDS, generated from rtl/mmu_iface.def like mmu_helpers.h's
# macros): "SV32", the 32-bit PTE of Sv32; "SV64", the 64-bit one of Sv39, Sv48 and Soft's TLB_LO.
_PTE_LAYOUT = mmu_defs.PTE_FIELDS
_PTE_FLAG_BITS = {n: b for n, b in mmu_defs.PTE.items()}
_PTE_FLAGS_MASK = sum(1 << b for b in _PTE_FLAG_BITS.values())


def _layout_of(mode) -> str:
    m = _uint("mode", mode, 4)
    if m == mmu_defs.SATP_MODE["SV32"]:
        return "SV32"
    if m in (mmu_defs.SATP_MODE[n] for n in ("SV39", "SV48", "SOFT")):
        return "SV64"
    raise ValueError(f"mode {m} has no Sv PTEs (Sv32, Sv39, Sv48 and Soft have; RADIX tables "
                     f"have the layout RADIX defines)")


def _pte_bits(layout: str) -> int:
    lsb, width = _PTE_LAYOUT[layout]["PPN"]
    return lsb + width if layout == "SV32" else 64


def pte(ppn: int, flags: int = PTE_V, sv32: bool = False) -> int:
    """An Sv39/Sv48 PTE (or with sv32=True an Sv32 one): the PPN in its field (44 bits; 22 for
    Sv32) and the flags: V R W X U G A D in bits 7:0, RSW in 9:8, and for the 64-bit formats
    any of the bits above the PPN (reserved 60:54, PBMT, N). flags may not touch the PPN.
    pte_compose() builds one from named fields."""
    layout = "SV32" if sv32 else "SV64"
    lsb, ppn_bits = _PTE_LAYOUT[layout]["PPN"]
    f = _uint("flags", flags, _pte_bits(layout))
    ppn_field = ((1 << ppn_bits) - 1) << lsb
    if f & ppn_field:
        raise ValueError(f"flags = {f:#x} overlap the PPN field (bits {lsb + ppn_bits - 1}:{lsb})")
    return (_uint("ppn", ppn, ppn_bits) << lsb) | f


def pte_compose(mode: int, ppn: int, flags: int = PTE_V, rsw: int = 0, rsvd: int = 0,
                pbmt: int = 0, n: bool = False) -> int:
    """The PTE with these fields in the layout of SATP mode `mode` (Sv32: 32 bits; Sv39, Sv48,
    Soft: 64 bits), as mmu_pte_compose() of mmu_helpers.h; flags are V..D (PTE_V | PTE_R ...).
    A value too wide for its field, or a field the layout lacks (rsvd, pbmt, n in Sv32), raises
    ValueError."""
    layout = _layout_of(mode)
    fields = _PTE_LAYOUT[layout]
    v = _uint("flags (V..D)", flags, 8)
    for name, value in (("PPN", ppn), ("RSW", rsw), ("RSVD", rsvd), ("PBMT", pbmt), ("N", n)):
        if name not in fields:
            if _uint(name.lower(), value, 64):
                raise ValueError(f"{layout} PTEs have no {name.lower()} field")
            continue
        lsb, width = fields[name]
        v |= _uint(f"{name.lower()}", value, width) << lsb
    return v


@dataclass(frozen=True)
class PteFields:
    """A decoded Sv PTE (pte_decode): the PPN, the V..D flag bits, RSW, and for the 64-bit
    layout the reserved bits 60:54, PBMT and N."""
    ppn: int
    flags: int
    rsw: int = 0
    rsvd: int = 0
    pbmt: int = 0
    n: bool = False

    def flag(self, letter: str) -> bool:
        return bool(self.flags >> _PTE_FLAG_BITS[letter] & 1)

    v = property(lambda self: self.flag("V"))
    r = property(lambda self: self.flag("R"))
    w = property(lambda self: self.flag("W"))
    x = property(lambda self: self.flag("X"))
    u = property(lambda self: self.flag("U"))
    g = property(lambda self: self.flag("G"))
    a = property(lambda self: self.flag("A"))
    d = property(lambda self: self.flag("D"))

    @property
    def flags_text(self) -> str:
        """V R W X U G A D with '-' where clear: "VRW---AD" (the logs' and the JSON's form)."""
        return _flags_text(self.flags)

    @property
    def kind(self) -> str:
        """"leaf" (V with R or X), "pointer" (V alone) or "invalid" (V clear)."""
        return _pte_kind(self.flags)

    def __repr__(self):
        extra = "".join(f", {k}={getattr(self, k):#x}" for k in ("rsw", "rsvd", "pbmt") if getattr(self, k))
        return (f"PteFields(ppn={self.ppn:#x}, flags={self.flags_text}, {self.kind}{extra}"
                f"{', N' if self.n else ''})")


def pte_decode(mode: int, value: int) -> PteFields:
    """The fields of a PTE read in SATP mode `mode` (mmu_pte_decode() of mmu_helpers.h); Sv32
    looks at bits 31:0 only."""
    layout = _layout_of(mode)
    v = _uint("PTE value", value, 64)
    got = {name.lower(): (v >> lsb) & ((1 << width) - 1)
           for name, (lsb, width) in _PTE_LAYOUT[layout].items()}
    got["n"] = bool(got.get("n", 0))
    return PteFields(flags=v & _PTE_FLAGS_MASK, **got)


def _flags_text(flags: int) -> str:
    return "".join(n if flags >> b & 1 else "-" for n, b in sorted(_PTE_FLAG_BITS.items(), key=lambda i: i[1]))


def _pte_kind(flags: int) -> str:
    if not flags & PTE_V:
        return "invalid"
    return "leaf" if flags & (PTE_R | PTE_X) else "pointer"


def satp(mode: int, ppn: int = 0, asid: int = 0) -> int:
    """A SATP value: MODE, ASID and PPN in their fields (no WARL applied)."""
    return _put("SATP", "MODE", mode) | _put("SATP", "ASID", asid) | _put("SATP", "PPN", ppn)


@dataclass(frozen=True)
class SatpFields:
    """A decoded SATP value (satp_decode)."""
    mode: "SatpMode"
    asid: int
    ppn: int

    def __repr__(self):
        mode = self.mode.name if isinstance(self.mode, enum.Enum) else self.mode
        return f"SatpFields(mode={mode}, asid={self.asid:#x}, ppn={self.ppn:#x})"


def satp_decode(value: int) -> SatpFields:
    """MODE, ASID and PPN of a SATP value (mmu_satp_decode() of mmu_helpers.h)."""
    v = _uint("SATP value", value, 64)
    get = {name: (v >> lsb) & ((1 << width) - 1) for name, (lsb, width) in _F["SATP"].items()}
    return SatpFields(_as_enum(SatpMode, get["MODE"]), get["ASID"], get["PPN"])


def segctl(mode: int, select: int = 1, va_bits: int = 14, hybrid: bool = False) -> int:
    """A SEGCTL value from its fields: mode, select, va_bits, HYBRID."""
    return (_put("SEGCTL", "MODE", mode) | _put("SEGCTL", "SELECT", select) |
            _put("SEGCTL", "VA_BITS", va_bits) | _put("SEGCTL", "HYBRID", hybrid))


def exc_code(cause: int, acc: int, by_segmentation: bool = False) -> "Exc":
    """Exception code of a fault reason for an access type (SPEC 5), from the C model."""
    if not isinstance(by_segmentation, (bool, int)):
        raise TypeError("by_segmentation must be a bool")
    return _as_enum(Exc, _exc_code(_choice("cause", cause, tuple(Cause)), _choice("acc", acc, (0, 1, 2)),
                                   bool(by_segmentation)))


# ---------------------------------------------------------------------------------- memory

class Memory:
    """Sparse little-endian byte-addressed memory for page tables (addresses wrap at 2^56).

    ``read(addr, size)`` / ``write(addr, size, data)`` take size as log2 bytes (0..3), the
    walker's ``mem_req_size``. Addresses in ``errors`` (any byte of the 8-byte word) answer with a
    memory error. ``writes`` records every write made through the port (the A/D updates)."""

    MASK = (1 << 56) - 1

    def __init__(self, contents: Optional[Mapping[int, int]] = None, size: int = 3):
        self.bytes: Dict[int, int] = {}
        self.errors: set = set()
        self.writes: List[tuple] = []
        if contents is not None and not isinstance(contents, Mapping):
            raise TypeError("contents must be a mapping {address: value}")
        for a, v in (contents or {}).items():
            self.store(a, size, v)

    @staticmethod
    def _check(addr, size, data=None):
        """The backdoor's arguments: an address whose 2**size bytes lie inside the 56-bit
        memory (no silent wrap), size 0..3, data that fits in those bytes."""
        size = _uint("size (log2 bytes)", size, 2)
        addr = _uint("address", addr, 56)
        if addr + (1 << size) - 1 > Memory.MASK:
            raise ValueError(f"address {addr:#x} + {1 << size} bytes runs past the 56-bit memory")
        if data is not None:
            data = _uint("data", data, 8 << size)
        return addr, size, data

    def store(self, addr: int, size: int, data: int) -> None:
        """Backdoor write (no error check, not recorded)."""
        addr, size, data = self._check(addr, size, data)
        for i in range(1 << size):
            self.bytes[(addr + i) & self.MASK] = (data >> (8 * i)) & 0xFF

    def load(self, addr: int, size: int) -> int:
        """Backdoor read (no error check)."""
        addr, size, _ = self._check(addr, size)
        return sum(self.bytes.get((addr + i) & self.MASK, 0) << (8 * i) for i in range(1 << size))

    def set_error(self, addr: int, on: bool = True) -> None:
        addr = _uint("address", addr, 56)
        (self.errors.add if on else self.errors.discard)((addr & self.MASK) >> 3)

    def is_error(self, addr: int) -> bool:
        return ((addr & self.MASK) >> 3) in self.errors

    def read(self, addr: int, size: int) -> Optional[int]:
        """Port read: the data, or None for a memory error."""
        if self.is_error(addr):
            return None
        return self.load(addr, size)

    def write(self, addr: int, size: int, data: int) -> bool:
        """Port write: False for a memory error (nothing written)."""
        if self.is_error(addr):
            return False
        self.writes.append((addr, size, data))
        self.store(addr, size, data)
        return True


class _DictMemory:
    """A plain dict {address: PTE value} seen as memory: the value stored at the exact address
    read (missing: 0), A/D writes stored back the same way."""

    def __init__(self, d: dict):
        self.d = d

    def read(self, addr, size):
        return self.d.get(addr, 0) & ((1 << (8 << size)) - 1)

    def write(self, addr, size, data):
        self.d[addr] = data
        return True


# ---------------------------------------------------------------------------------- results

def _hex_repr(obj, hex_fields=()) -> str:
    """ClassName(field=value, ...): the fields in hex_fields in hex, enums by name."""
    parts = []
    for f in obj.__dataclass_fields__:
        v = getattr(obj, f)
        if isinstance(v, enum.Enum):
            t = v.name
        elif f in hex_fields and isinstance(v, int) and not isinstance(v, bool):
            t = f"{v:#x}"
        else:
            t = repr(v)
        parts.append(f"{f}={t}")
    return f"{type(obj).__name__}({', '.join(parts)})"


@dataclass(frozen=True)
class PteAccess:
    """One page-table access of a walk: a PTE read, or the A/D write."""
    addr: int
    value: int
    level: int
    write: bool
    err: bool

    def __repr__(self):
        return _hex_repr(self, ("addr", "value"))


def _accesses(arr, n) -> List[PteAccess]:
    return [PteAccess(a.addr, a.value, a.level, bool(a.write), bool(a.err)) for a in arr[:n]]


TXN_SCHEMA = "mmu-txn/1"  # docs/txn.schema.json: the record of Txn.to_dict(), as the C harnesses


def _access_record(t: "Txn", i: int) -> dict:
    """One walk access as docs/txn.schema.json's access record (tb/txn_json.cpp's fields)."""
    a = t.accesses[i]
    rec = {"level": a.level, "op": "write" if a.write else "read", "addr": f"{a.addr:#x}",
           "value": f"{a.value:#x}", "err": a.err}
    try:
        layout = _layout_of(t.satp_mode)
    except ValueError:
        return rec  # teaching formats: the raw value only
    if a.err:
        return rec
    lsb, width = _PTE_LAYOUT[layout]["PPN"]
    rec["flags"] = _flags_text(a.value)
    rec["ppn"] = f"{(a.value >> lsb) & ((1 << width) - 1):#x}"
    if a.write:
        before = 0
        for b in t.accesses[:i]:
            if not b.write and b.addr == a.addr:
                before = b.value
        sets = a.value & ~before
        rec["sets"] = ("A" if sets & PTE_A else "") + ("D" if sets & PTE_D else "") or "none"
    else:
        rec["kind"] = _pte_kind(a.value)
    return rec


def _name(v) -> str:
    return v.name if isinstance(v, enum.Enum) else str(v)


@dataclass(frozen=True)
class Txn:
    """One translation as the model logs it (mmu_txn_t): completed (on_txn) or in flight
    (inflight(), in_flight=True: the answer fields mean nothing yet). hit_index is None unless
    the translation hit (or refilled) an entry, fill_index None unless it filled one."""
    id: int
    accept_cycle: int
    answer_cycle: int
    vaddr: int
    acc: Acc
    priv: Priv
    satp_mode: int
    seg_mode: int
    asid: int
    linear: int
    paged: bool
    hit: bool
    refill: bool
    hit_index: Optional[int]
    walked: bool
    accesses: List[PteAccess]
    filled: bool
    fill_index: Optional[int]
    fill_suppressed: bool
    paddr: int
    fault: bool
    exc: Exc
    cause: Cause
    level: int
    hybrid: bool = False
    in_flight: bool = False

    @staticmethod
    def _from_c(t: _Txn, in_flight: bool = False) -> "Txn":
        return Txn(t.id, t.accept_cycle, t.answer_cycle, t.vaddr, _as_enum(Acc, t.acc),
                   _as_enum(Priv, t.priv), _as_enum(SatpMode, t.satp_mode),
                   _as_enum(SegMode, t.seg_mode), t.asid, t.linear, t.paged, t.hit, t.refill,
                   t.hit_index if t.hit or t.refill else None, t.walked,
                   _accesses(t.access, min(t.n_access, MAX_LEVELS + 1)),
                   t.filled, t.fill_index if t.filled else None, t.fill_suppressed, t.paddr,
                   t.fault, _as_enum(Exc, t.exc), _as_enum(Cause, t.cause), t.level, t.hybrid,
                   in_flight)

    @property
    def ad_write(self) -> Optional[PteAccess]:
        """The A/D write of the walk, if any."""
        return next((a for a in self.accesses if a.write), None)

    def to_dict(self) -> dict:
        """The mmu-txn/1 record of docs/txn.schema.json: the same fields and values as the
        lockstep's --txn-log-json and mmusim --json write for this translation."""
        walk = [_access_record(self, i) for i in range(len(self.accesses))]
        ad = next((w for w, a in zip(walk, self.accesses) if a.write), None)
        live = not self.in_flight
        return {
            "schema": TXN_SCHEMA, "type": "txn", "id": self.id, "in_flight": self.in_flight,
            "accept_cycle": self.accept_cycle,
            "answer_cycle": self.answer_cycle if live else None,
            "cycles": self.answer_cycle - self.accept_cycle if live else None,
            "va": f"{self.vaddr:#x}", "access": _name(self.acc), "priv": _name(self.priv),
            "satp_mode": _name(self.satp_mode), "seg_mode": _name(self.seg_mode),
            "asid": self.asid, "linear": f"{self.linear:#x}", "hybrid": self.hybrid,
            "paged": self.paged, "hit": self.hit, "refill": self.refill,
            "hit_index": self.hit_index, "walked": self.walked, "walk": walk, "ad_write": ad,
            "fault": self.fault if live else None, "cause": _name(self.cause) if live else None,
            "exc": int(self.exc) if live else None, "exc_name": _name(self.exc) if live else None,
            "pa": f"{self.paddr:#x}" if live and not self.fault else None,
            "level": self.level if live else None,
            "fill_index": self.fill_index if live else None,
            "fill_suppressed": self.fill_suppressed if live else None,
        }

    def to_json(self) -> str:
        """to_dict() as one line of JSON (a line of a .jsonl log)."""
        return json.dumps(self.to_dict(), separators=(",", ":"))

    def __repr__(self):
        return _hex_repr(self, ("vaddr", "linear", "paddr", "asid"))


@dataclass(frozen=True)
class Result:
    """Answer of the untimed translate(). hit_index is None unless it hit, fill_index None
    unless it filled an entry; txn is the model's full record of the translation."""
    paddr: int
    fault: bool
    exc: Exc
    cause: Cause
    level: int
    hit: bool
    hit_index: Optional[int]
    fill_valid: bool
    fill_index: Optional[int]
    accesses: List[PteAccess] = field(default_factory=list)
    txn: Optional[Txn] = field(default=None, compare=False)

    @property
    def ad_write(self) -> Optional[PteAccess]:
        """The A/D write of the walk, if any."""
        return next((a for a in self.accesses if a.write), None)

    def to_dict(self) -> dict:
        """The translation's mmu-txn/1 record (Txn.to_dict of self.txn)."""
        if self.txn is None:
            raise ModelError("this Result carries no transaction record")
        return self.txn.to_dict()

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), separators=(",", ":"))

    def __repr__(self):
        return _hex_repr(self, ("paddr",))


@dataclass(frozen=True)
class TlbEntry:
    valid: bool
    asid: int
    global_: bool
    vpn: int
    level: int
    ppn: int
    r: bool
    w: bool
    x: bool
    u: bool
    a: bool
    d: bool

    def __repr__(self):
        return _hex_repr(self, ("asid", "vpn", "ppn"))


# ---------------------------------------------------------------------------------- the model

MemoryLike = Union[Memory, dict, object]
_NO_MEMORY = object()  # translate()'s default: an empty memory (None is refused)


class MmuModel:
    """One MMU (C model context). tlb_entries in {4, 8, 16, 32, 64}, asid_bits 0..16."""

    def __init__(self, tlb_entries: int = 16, asid_bits: int = 16):
        # range checks are the C model's (its messages); the types are checked here
        cfg = _Config(_uint("tlb_entries", tlb_entries, 32), _uint("asid_bits", asid_bits, 32))
        err = ctypes.create_string_buffer(256)
        h = _create(ctypes.byref(cfg), err, len(err))
        if not h:
            raise ValueError(err.value.decode() or "mmu_create failed")
        self._h = ctypes.c_void_p(h)
        self._out = Outputs()
        self._txn_fn = None
        self._last_txn = None
        # one C callback for the model's life: it keeps the latest Txn (for translate's Result)
        # and calls the on_txn function, if any (a weak reference: no cycle keeps self alive)
        me = weakref.ref(self)

        def cb(_user, t):
            obj = me()
            if obj is not None:
                obj._c_txn(t)

        self._txn_cb = _TXN_CB(cb)
        _set_txn_cb(self._h, self._txn_cb, None)

    def _c_txn(self, t):
        txn = Txn._from_c(t.contents)
        self._last_txn = txn
        if self._txn_fn is not None:
            self._txn_fn(txn)

    # lifetime
    def close(self) -> None:
        if getattr(self, "_h", None):
            _set_txn_cb(self._h, _TXN_CB(), None)
            _destroy(self._h)
            self._h = None

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown: the module's globals may be gone
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _handle(self):
        if not self._h:
            raise ModelError("model is closed")
        return self._h

    def reset(self) -> None:
        """Back to the reset state at once (same as a cycle with rst_n = 0)."""
        _reset(self._handle())

    @property
    def tlb_entries(self) -> int:
        return _tlb_entries(self._handle())

    @property
    def asid_bits(self) -> int:
        return _asid_bits(self._handle())

    @property
    def cycle(self) -> int:
        """Clock edges since the last reset."""
        return _cycle(self._handle())

    # cycle-level face
    @staticmethod
    def _inputs(inputs, ports) -> Inputs:
        if inputs is None:
            return Inputs(**ports)
        if isinstance(inputs, Inputs):
            if ports:
                raise TypeError("give either an Inputs object or keyword ports")
            return inputs
        return Inputs(**dict(inputs), **ports)

    def eval(self, inputs: Union[Inputs, Mapping[str, int], None] = None, **ports) -> Outputs:
        """Outputs of the current cycle for these inputs; changes nothing."""
        out = Outputs()
        _eval(self._handle(), ctypes.byref(self._inputs(inputs, ports)), ctypes.byref(out))
        return out

    def step(self, inputs: Union[Inputs, Mapping[str, int], None] = None, **ports) -> Outputs:
        """One clock cycle: returns the cycle's outputs, then applies the edge that ends it.
        Inputs: an Inputs, a dict of port values, or keyword ports (missing ports are 0, rst_n 1)."""
        out = Outputs()
        _step(self._handle(), ctypes.byref(self._inputs(inputs, ports)), ctypes.byref(out))
        return out

    def inflight(self) -> Optional[Txn]:
        """The translation accepted and not yet answered, if any."""
        p = _inflight(self._handle())
        return Txn._from_c(p.contents, in_flight=True) if p else None

    def on_txn(self, fn: Optional[Callable[[Txn], None]]) -> None:
        """Call fn(Txn) at the clock edge ending each translation's answer (None: stop)."""
        self._handle()
        self._txn_fn = fn

    # untimed face
    def csr_write(self, addr: int, data: int) -> bool:
        """Register write (WARL, flushes); True if it flushed the TLB."""
        return bool(_csr_write(self._handle(), _uint("csr address", addr, 8),
                               _uint("csr data", data, 64)))

    def csr_read(self, addr: int) -> int:
        return int(_csr_read(self._handle(), _uint("csr address", addr, 8)))

    def counters(self) -> Dict[str, int]:
        return {c.name: self.csr_read(Csr.HITS + c) for c in Counter}

    def translate(self, vaddr: int, acc: int = 0, priv: int = 1,
                  memory: MemoryLike = _NO_MEMORY) -> Result:
        """Translate one request untimed. memory: a Memory, a dict {address: PTE}, or any object
        with read(addr, size) -> int or None (error) and write(addr, size, data) -> bool; left
        out, an empty memory. Raises TypeError for a non-integer argument or a memory without
        read/write (memory=None included), ValueError for a VA outside 0..2**64-1 or an illegal
        acc/priv, ModelError while a cycle-level translation is in flight; exceptions raised by
        the memory's methods propagate."""
        vaddr = _uint("vaddr", vaddr, 64)
        if memory is _NO_MEMORY:
            memory = {}
        if memory is None:
            raise TypeError("memory=None: give a Memory, a dict, or leave memory out for an "
                            "empty one")
        if not isinstance(memory, dict) and not (callable(getattr(memory, "read", None)) and
                                                 callable(getattr(memory, "write", None))):
            raise TypeError(f"memory must be a Memory, a dict or an object with read() and "
                            f"write(), not {type(memory).__name__}")
        mem = _DictMemory(memory) if isinstance(memory, dict) else memory
        pending: List[BaseException] = []

        def rd(_u, addr, size, data):
            try:
                v = mem.read(addr, size)
            except BaseException as e:  # noqa: B902 - handed back after the C call
                pending.append(e)
                return False
            if v is None:
                return False
            data[0] = v & (2**64 - 1)
            return True

        def wr(_u, addr, size, data):
            try:
                return bool(mem.write(addr, size, data))
            except BaseException as e:  # noqa: B902
                pending.append(e)
                return False

        cmem = _Memory(_READ_CB(rd), _WRITE_CB(wr), None)
        res = _Result()
        self._last_txn = None
        acc, priv = _uint("acc", acc, 64), _uint("priv", priv, 64)
        if acc not in (0, 1, 2) or priv not in (0, 1, 3):
            raise ValueError(f"illegal access type {acc} or privilege {priv}")
        ok = _translate(self._handle(), vaddr, acc, priv, ctypes.byref(cmem),
                        ctypes.byref(res))
        if pending:
            raise pending[0]
        if not ok:
            raise ModelError("translate: a cycle-level translation is in flight")
        return Result(res.paddr, res.fault, _as_enum(Exc, res.exc), _as_enum(Cause, res.cause),
                      res.level, res.hit, res.hit_index if res.hit else None, res.fill_valid,
                      res.fill_index if res.fill_valid else None,
                      _accesses(res.access, min(res.n_access, MAX_LEVELS + 1)), self._last_txn)

    # inspection
    def tlb_entry(self, index: int) -> TlbEntry:
        n = self.tlb_entries
        if _uint("index", index, 32) >= n:
            raise ValueError(f"index {index} is out of range (0..{n - 1})")
        e = _TlbEntry()
        _tlb_entry(self._handle(), index, ctypes.byref(e))
        return TlbEntry(e.valid, e.asid, e.global_, e.vpn, e.level, e.ppn, e.r, e.w, e.x, e.u,
                        e.a, e.d)

    def tlb(self) -> List[TlbEntry]:
        return [self.tlb_entry(i) for i in range(self.tlb_entries)]

    def policy_victim(self) -> int:
        return _policy_victim(self._handle())

    @property
    def assertion_count(self) -> int:
        return _assert_count(self._handle())

    @property
    def assertion_message(self) -> str:
        m = _assert_msg(self._handle())
        return m.decode() if m else ""
