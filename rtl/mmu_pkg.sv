// MMU package: widths, the generated register map and encodings, types, and the helpers that the
// request path and the walker share.
package mmu_pkg;

  // Register map, fields, encodings and sizes: generated from rtl/mmu_regs.rdl and
  // rtl/mmu_iface.def (make regen), so that the C model, the harnesses and the docs read the same.
  // Modules import both packages (`import mmu_gen_pkg::*, mmu_pkg::*;`): a wildcard export carries
  // only the names this package itself uses (IEEE 1800-2017 26.6), as slang (Yosys) enforces.
  import mmu_gen_pkg::*;
  export mmu_gen_pkg::*;

  // ---------------------------------------------------------------------------------------------
  // Widths
  // ---------------------------------------------------------------------------------------------
  localparam int unsigned XLen      = 64;  // register and virtual address width
  localparam int unsigned PaW       = 56;  // physical address width
  localparam int unsigned PageOffW  = 12;  // 4 KiB base page
  localparam int unsigned TagVaW    = PaW; // linear address bits kept by a lookup and a walk
  localparam int unsigned VpnW      = TagVaW - 1;  // TLB tag: linear[55:0] >> page shift (>= 1)
  localparam int unsigned PpnW      = 44;  // RV64 PPN width (SATP, Sv39/48 PTEs)
  localparam int unsigned TlbPpnW   = PaW - 1;  // page number at the mode's page size (>= 2 B)
  localparam int unsigned ShiftW    = 6;   // page shifts, index widths, RADIX bit positions
  localparam int unsigned LevelW    = 2;   // resp_level
  localparam int unsigned IdxMaxW   = 6;   // trace_*_index width (64 entries)
  localparam int unsigned SegIdxW   = 3;
  localparam int unsigned LfsrW     = 16;

  // Sv32 / Sv39 / Sv48 geometry
  localparam int unsigned Sv32PpnW    = 22;  // PTE and SATP PPN width in Sv32
  localparam int unsigned Sv32AsidW   = 9;   // SATP ASID width in Sv32
  localparam int unsigned Sv32VaW     = 32;  // Sv32 translates vaddr[31:0]
  localparam int unsigned Sv32PaW     = 34;  // Sv32 physical address width
  localparam int unsigned Sv32IdxW    = 10;  // VPN bits per level
  localparam int unsigned Sv39VaW     = 39;
  localparam int unsigned Sv48VaW     = 48;
  localparam int unsigned Sv64IdxW    = 9;   // VPN bits per level in Sv39/Sv48
  localparam logic [1:0]  Sv32PteSize = 2'd2;  // log2 bytes
  localparam logic [1:0]  Sv64PteSize = 2'd3;
  localparam logic [LevelW-1:0] Sv32TopLevel = 2'd1;
  localparam logic [LevelW-1:0] Sv39TopLevel = 2'd2;
  localparam logic [LevelW-1:0] Sv48TopLevel = 2'd3;

  // ---------------------------------------------------------------------------------------------
  // Facts of the modes that are not register fields
  // ---------------------------------------------------------------------------------------------
  localparam int unsigned SegMaxVaBits   = 56;  // largest legal segmented va_bits (SPEC 2)
  localparam int unsigned RadixMaxVaBits = 56;  // largest legal RADIX va_bits (SPEC 4.4)
  localparam int unsigned RadixW         = RadixPfnWidthLsb + RadixPfnWidthW;  // bits kept
  localparam int unsigned RadixFieldW    = RadixVaBitsW;  // every 6-bit RADIX field
  localparam int unsigned SegFlagsW      = SegFlagsDownLsb + 1;
  localparam int unsigned PteRsvLsb      = 54;  // Sv39/48: bits 60:54 reserved, 62:61 PBMT, 63 N

  // The walker's states (the waveform shows the names).
  typedef enum logic [2:0] {
    PtwIdle     = 3'd0,
    PtwReadReq  = 3'd1,  // PTE read presented, held until mem_req_ready
    PtwReadWait = 3'd2,  // waiting for the PTE
    PtwAdReq    = 3'd3,  // A/D write presented, held until mem_req_ready
    PtwAdWait   = 3'd4,  // waiting for the write acknowledgement
    PtwAnswer   = 3'd5   // answer presented (response register), fill at the end of the cycle
  } ptw_state_e;

  // ---------------------------------------------------------------------------------------------
  // Types
  // ---------------------------------------------------------------------------------------------
  // TLB entry without its ASID (the ASID is stored at the build's width in mmu_tlb).
  typedef struct packed {
    logic              valid;
    logic              is_global;
    logic [VpnW-1:0]   vpn;    // linear address [55:0] >> page shift
    logic [LevelW-1:0] level;
    logic [TlbPpnW-1:0] ppn;   // Sv: the PTE's PPN; teaching: the PFN
    logic              r;
    logic              w;
    logic              x;
    logic              u;
    logic              a;
    logic              d;
  } tlb_entry_t;

  // One translation answer (the response register's contents).
  typedef struct packed {
    logic               valid;
    logic [PaW-1:0]     paddr;
    logic               fault;
    exc_e               exc;
    cause_e             cause;
    logic [LevelW-1:0]  level;
    logic               hit;
    logic [IdxMaxW-1:0] hit_idx;
  } resp_t;

  // The geometry of the paged mode in force (mmu_csr derives it from SATP, RADIX and SEGCTL): a
  // VA's VPN is va >> shift; level k's index is idx_w bits at shift + k * idx_w, the top level's
  // is top_w bits wide. Sv32/39/48 are the RISC-V schemes; teaching (SPEC 4.4) and HYBRID (4.5)
  // take theirs from RADIX (and SEGCTL).
  typedef struct packed {
    logic              teaching;      // teaching PTE format (RADIX or HYBRID)
    logic              hybrid;        // one level; the segment's BASE is the table
    logic              soft_mode;     // Soft (SPEC 4.6): Sv39's address space, no walker
    logic [LevelW-1:0] top_level;     // levels - 1
    logic [ShiftW-1:0] shift;         // page offset bits
    logic [ShiftW-1:0] idx_w;         // index bits of each level below the top
    logic [ShiftW-1:0] top_w;         // index bits of the top level
    logic [1:0]        pte_size;      // log2 bytes
    logic [ShiftW-1:0] va_bits;       // paging's VA check ...
    logic              canonical;     // ... canonical (Sv39/48) or zero-extended
    logic [ShiftW-1:0] ppn_w;         // PTE PPN width (Sv32 22, Sv39/48 44); teaching: PFN width
    logic [ShiftW-1:0] valid_bit;     // teaching PTE fields
    logic [ShiftW-1:0] present_bit;
    logic              present_used;
    logic [ShiftW-1:0] pfn_lsb;
  } geom_t;

  // ---------------------------------------------------------------------------------------------
  // Helpers shared by the TLB-hit path and the walker, so that a hit answers as a walk would
  // ---------------------------------------------------------------------------------------------
  // Exception code of a fault reason for an access type (SPEC 5).
  function automatic exc_e fault_exc(cause_e cause, acc_e acc, logic by_seg);
    logic access;
    access = (cause == CauseBounds) || (cause == CauseSegInvalid) || (cause == CauseSegLimit) ||
             (cause == CauseSegPerm) || (cause == CausePageBound) ||
             (cause == CauseWalkAccessError) || ((cause == CauseVaRange) && by_seg);
    if (cause == CauseNone) begin
      return ExcNone;
    end
    unique case (acc)
      AccLoad:  return access ? ExcLoadAccess : ExcLoadPage;
      AccStore: return access ? ExcStoreAccess : ExcStorePage;
      default:  return access ? ExcFetchAccess : ExcFetchPage;  // fetch (and the illegal 3)
    endcase
  endfunction

  // Leaf U/S then R/W/X checks (SPEC 4.3); CauseNone when the access is allowed.
  function automatic cause_e leaf_perm(priv_e priv, acc_e acc, logic sum, logic mxr,
                                       logic u, logic r, logic w, logic x);
    if (priv == PrivU && !u) begin
      return CausePermSupervisorPage;
    end
    if (priv == PrivS && u && (!sum || acc == AccFetch)) begin
      return CausePermUserPage;
    end
    unique case (acc)
      AccLoad:  return (r || (x && mxr)) ? CauseNone : CausePermRead;
      AccStore: return w ? CauseNone : CausePermWrite;
      default:  return x ? CauseNone : CausePermExec;  // fetch (and the illegal 3)
    endcase
  endfunction

  // The leaf's A/D bits do not allow the access as they are (SPEC 4.3: A=0, or a store with D=0).
  // Both HWAD settings then walk again (HWAD=1 to write A/D, HWAD=0 to raise A_CLEAR/D_CLEAR).
  function automatic logic ad_needed(acc_e acc, logic a, logic d);
    return !a || (acc == AccStore && !d);
  endfunction

  // Paging's VA check (SPEC 4.3, 4.4): canonical (Sv39/48), or no bit at or above va_bits set.
  function automatic logic va_ok(logic canonical, logic [ShiftW-1:0] va_bits,
                                 logic [XLen-1:0] va);
    logic [XLen-1:0] above;
    if (canonical) begin
      above = XLen'($signed(va) >>> (va_bits - ShiftW'(1)));
      return (above == '0) || (above == '1);
    end
    return (va >> va_bits) == '0;
  endfunction

  // A Soft entry's tag (SPEC 4.6, 9.15): TLB_HI's VPN (VA[38:12]) sign-extended as a canonical
  // Sv39 address is, then taken like the lookup's tag (linear[55:0] >> 12).
  function automatic logic [VpnW-1:0] soft_vpn(logic [TlbHiVpnW-1:0] hi_vpn);
    logic [TagVaW-PageOffW-1:0] vpn;
    vpn = (TagVaW - PageOffW)'($signed(hi_vpn));
    return VpnW'(vpn);
  endfunction

  // ASID bits compared in a mode (Sv32: 9) at the build's ASID width.
  function automatic logic [AsidMaxW-1:0] asid_mask(satp_mode_e mode, int unsigned asid_width);
    logic [AsidMaxW-1:0] mask;
    for (int unsigned i = 0; i < AsidMaxW; i++) begin
      mask[i] = (i < asid_width) && (mode != SatpSv32 || i < Sv32AsidW);
    end
    return mask;
  endfunction

  // VPN bits below the page of a level (a superpage's in-page VPN bits).
  function automatic logic [VpnW-1:0] vpn_low_mask(logic [ShiftW-1:0] idx_w,
                                                   logic [LevelW-1:0] level);
    // A shift, not a per-bit loop: Verilator unrolls the loop into VpnW compares for every
    // TLB entry, which made the whole simulation ~10x slower (84 K vs 816 K cycles/s).
    return ~({VpnW{1'b1}} << (32'(idx_w) * 32'(level)));
  endfunction

  // Physical address of a leaf: the page above the leaf's reach, the linear address within it;
  // modulo 2^56 (SPEC 9.10).
  function automatic logic [PaW-1:0] compose_pa(logic [ShiftW-1:0] shift, logic [ShiftW-1:0] idx_w,
                                                logic [LevelW-1:0] level, logic [TlbPpnW-1:0] ppn,
                                                logic [TagVaW-1:0] va);
    logic [PaW-1:0] in_page;
    in_page = ~({PaW{1'b1}} << (32'(shift) + 32'(idx_w) * 32'(level)));
    return ((PaW'(ppn) << shift) & ~in_page) | (va & in_page);
  endfunction

endpackage
