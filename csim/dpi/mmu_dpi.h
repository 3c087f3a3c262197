/* DPI-C face of the C reference model: a cycle-accurate scoreboard for SystemVerilog testbenches,
 * and a shared sparse page-table memory with a page-table builder. The SystemVerilog side of
 * these declarations is tb/sv/mmu_dpi_pkg.sv (import mmu_dpi_pkg::*); docs/interop.md "DPI-C"
 * shows how to use it. Implementation: csim/dpi/mmu_dpi.cpp (C++, extern "C"), linked with the
 * model library and the lockstep checker and report of csim/ (checker.h, report.h), so a
 * mismatch found through DPI is reported exactly like one found by build/mmucosim.
 *
 * Types are those of the DPI standard for the SV argument types used in mmu_dpi_pkg.sv:
 * chandle -> void *, bit -> svBit, int -> int, int unsigned -> unsigned int,
 * longint unsigned -> unsigned long long, string -> const char *. */
#ifndef MMU_DPI_H
#define MMU_DPI_H

#include "svdpi.h"

#include "mmu_dpi_ports_gen.h"  /* the port argument lists, from rtl/mmu_iface.def */

#ifdef __cplusplus
extern "C" {
#endif

typedef unsigned long long mmu_dpi_u64;

/* ---- scoreboard ---- */

/* A model in reset state with the DUT's TLB size (4, 8, 16, 32, 64) and ASID width (0..16).
 * NULL (and a message on stderr) for a configuration the model refuses. */
void *mmu_dpi_create(int tlb_entries, int asid_bits);
void mmu_dpi_destroy(void *h);
/* The command line (or any text) printed as "reproduce:" in a mismatch report. */
void mmu_dpi_set_repro(void *h, const char *cmd);
/* From now on, every translation the scoreboard checks is written to path as one JSON line, the
 * mmu-txn/1 record of docs/txn-schema.md; after a failed check the translation in flight last.
 * 0 on success, -1 (and a message on stderr) if the file cannot be written. */
int mmu_dpi_txn_log(void *h, const char *path);

/* One clock cycle, checked: the inputs the DUT saw in this cycle and its outputs, sampled
 * before the rising edge that ends the cycle. Compares every output with the model's for the
 * same inputs, then applies the edge to the model. Returns 0 if all 20 ports agree, otherwise the
 * number of differing ports; the model then stays frozen at that cycle and every later call
 * returns the same number. A protocol assertion of the model (SPEC 9.12) counts as a mismatch
 * too (returns -1). Details: mmu_dpi_report, mmu_dpi_mismatch_signals. */
int mmu_dpi_check(void *h, MMU_DPI_IN_PARAMS, /* the DUT's outputs */ MMU_DPI_OUT_PARAMS);

/* The two halves of mmu_dpi_check for a testbench that compares by itself: the model's outputs
 * for this cycle's inputs (changes nothing), and the edge ending the cycle (same inputs). */
void mmu_dpi_eval(void *h, MMU_DPI_IN_PARAMS, MMU_DPI_OUT_PTR_PARAMS);
void mmu_dpi_clock(void *h, MMU_DPI_IN_PARAMS);

/* After a failed mmu_dpi_check: the full mismatch report (csim/report.h format, with the
 * translation in flight, the last translations and cycles), and the differing ports as
 * "resp_valid,mem_req_valid,..."; "" while nothing failed. Valid until the next call. */
const char *mmu_dpi_report(void *h);
const char *mmu_dpi_mismatch_signals(void *h);

/* Statistics: what = 0 cycles checked, 1 translations, 2 TLB hits, 3 walks, 4 faults,
 * 5 A/D writes, 6 refills, 7 fills suppressed by a flush. */
mmu_dpi_u64 mmu_dpi_count(void *h, int what);
/* Faults answered with this reason (resp_cause), and the reason's SPEC name ("?" if unknown). */
mmu_dpi_u64 mmu_dpi_cause_count(void *h, int cause);
const char *mmu_dpi_cause_name(int cause);
/* A register as the model holds it now (backdoor, no port protocol; counters included). */
mmu_dpi_u64 mmu_dpi_csr_read(void *h, int addr);

/* ---- page-table memory (sparse, little-endian, addresses taken modulo 2^56) ---- */

/* alloc_base: where mmu_dpi_mem_alloc starts handing out memory. */
void *mmu_dpi_mem_create(mmu_dpi_u64 alloc_base);
void mmu_dpi_mem_destroy(void *m);
/* size: log2 of the access size in bytes (0..3), as on mem_req_size. */
void mmu_dpi_mem_write(void *m, mmu_dpi_u64 addr, int size, mmu_dpi_u64 data);
mmu_dpi_u64 mmu_dpi_mem_read(void *m, mmu_dpi_u64 addr, int size);
/* Mark the 8-byte word holding addr: accesses touching it should answer mem_resp_err. */
void mmu_dpi_mem_set_error(void *m, mmu_dpi_u64 addr, svBit on);
svBit mmu_dpi_mem_is_error(void *m, mmu_dpi_u64 addr, int size);
/* bytes of zeroed memory aligned to align (a power of two): returns the address. */
mmu_dpi_u64 mmu_dpi_mem_alloc(void *m, mmu_dpi_u64 bytes, mmu_dpi_u64 align);
/* Writes a leaf PTE for va at `level` (0 = 4 KiB page) in the Sv32 (satp_mode 1), Sv39 (8) or
 * Sv48 (9) table whose root page is root_ppn: PTE = ppn << 10 | flags (flags: V R W X U G A D,
 * RSW and, for tests, any reserved bits). Missing tables on the way are allocated with
 * mmu_dpi_mem_alloc and linked with pointer PTEs (V only). Returns the leaf PTE's address, or
 * ~0 if the path runs into a leaf above `level` or the mode or level is not supported. */
mmu_dpi_u64 mmu_dpi_map(void *m, int satp_mode, mmu_dpi_u64 root_ppn, mmu_dpi_u64 va, int level,
                        mmu_dpi_u64 ppn, mmu_dpi_u64 flags);

#ifdef __cplusplus
}
#endif
#endif
