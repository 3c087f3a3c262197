// MMU package: encodings (mirroring model/include/mmu_enums.h), field positions, types, helpers.
package mmu_pkg;

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
  localparam int unsigned AsidMaxW  = 16;  // SATP.ASID width
  localparam int unsigned IdxMaxW   = 6;   // trace_*_index width (64 entries)
  localparam int unsigned CauseW    = 5;
  localparam int unsigned CntNum    = 9;   // number of counters
  localparam int unsigned SegNum    = 8;   // number of segments
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
  // Register map (SPEC 2)
  // ---------------------------------------------------------------------------------------------
  localparam logic [7:0] CsrSatp      = 8'h00;
  localparam logic [7:0] CsrStatus    = 8'h01;
  localparam logic [7:0] CsrSegctl    = 8'h02;
  localparam logic [7:0] CsrBase      = 8'h03;
  localparam logic [7:0] CsrBounds    = 8'h04;
  localparam logic [7:0] CsrRadix     = 8'h05;
  localparam logic [7:0] CsrTlbctl    = 8'h06;
  localparam logic [7:0] CsrFlush     = 8'h08;
  localparam logic [7:0] CsrFlushVa   = 8'h09;
  localparam logic [7:0] CsrSegFirst  = 8'h10;  // SEG0_BASE; SEGn_{BASE,LIMIT,FLAGS} = 0x10+3n+k
  localparam logic [7:0] CsrCntFirst  = 8'h40;  // HITS
  localparam logic [7:0] CsrCntLast   = 8'h48;  // FLUSHES

  // SATP fields
  localparam int unsigned SatpModeLsb = 60;
  localparam int unsigned SatpModeW   = 4;
  localparam int unsigned SatpAsidLsb = 44;
  localparam int unsigned SatpPpnLsb  = 0;

  // STATUS bits
  localparam int unsigned StatusHwadBit = 0;
  localparam int unsigned StatusSumBit  = 18;
  localparam int unsigned StatusMxrBit  = 19;

  // SEGCTL fields
  localparam int unsigned SegctlModeLsb   = 0;
  localparam int unsigned SegctlModeW     = 2;
  localparam int unsigned SegctlSelLsb    = 4;
  localparam int unsigned SegctlSelW      = 3;
  localparam int unsigned SegctlVaBitsLsb = 8;
  localparam int unsigned SegctlVaBitsW   = 6;
  localparam int unsigned SegctlHybridBit = 16;
  localparam int unsigned SegMaxVaBits    = 56;  // largest legal segmented va_bits

  // SEGn_FLAGS bits
  localparam int unsigned SegFlagsW      = 6;
  localparam int unsigned SegFlagValid   = 0;
  localparam int unsigned SegFlagR       = 1;
  localparam int unsigned SegFlagW       = 2;
  localparam int unsigned SegFlagX       = 3;
  localparam int unsigned SegFlagU       = 4;
  localparam int unsigned SegFlagDown    = 5;

  // TLBCTL fields
  localparam int unsigned TlbctlPolicyLsb = 0;
  localparam int unsigned TlbctlPolicyW   = 2;
  localparam int unsigned TlbctlLfsrLsb   = 16;

  // FLUSH fields
  localparam int unsigned FlushKindLsb = 0;
  localparam int unsigned FlushKindW   = 2;
  localparam int unsigned FlushAsidLsb = 44;

  // RADIX fields (SPEC 4.4)
  localparam int unsigned RadixW          = 41;
  localparam int unsigned RadixVaBitsLsb  = 0;
  localparam int unsigned RadixOffsetLsb  = 6;
  localparam int unsigned RadixLevelsLsb  = 12;
  localparam int unsigned RadixPteSzLsb   = 14;
  localparam int unsigned RadixValidLsb   = 16;
  localparam int unsigned RadixPresLsb    = 22;
  localparam int unsigned RadixPresUsed   = 28;
  localparam int unsigned RadixPfnLsbLsb  = 29;
  localparam int unsigned RadixPfnWLsb    = 35;
  localparam int unsigned RadixFieldW     = 6;  // width of every 6-bit RADIX field
  localparam int unsigned RadixMaxVaBits  = 56;

  // PTE bits (RISC-V privileged architecture)
  localparam int unsigned PteV      = 0;
  localparam int unsigned PteR      = 1;
  localparam int unsigned PteW      = 2;
  localparam int unsigned PteX      = 3;
  localparam int unsigned PteU      = 4;
  localparam int unsigned PteG      = 5;
  localparam int unsigned PteA      = 6;
  localparam int unsigned PteD      = 7;
  localparam int unsigned PtePpnLsb = 10;
  localparam int unsigned PteRsvLsb = 54;  // Sv39/48: bits 60:54 reserved, 62:61 PBMT, 63 N

  // ---------------------------------------------------------------------------------------------
  // Enumerations (values as SPEC / mmu_enums.h)
  // ---------------------------------------------------------------------------------------------
  typedef enum logic [1:0] {
    AccLoad  = 2'd0,
    AccStore = 2'd1,
    AccFetch = 2'd2
  } acc_e;

  typedef enum logic [1:0] {
    PrivU = 2'd0,
    PrivS = 2'd1,
    PrivM = 2'd3
  } priv_e;

  typedef enum logic [CauseW-1:0] {
    CauseNone               = 5'd0,
    CauseBounds             = 5'd1,
    CauseSegInvalid         = 5'd2,
    CauseSegLimit           = 5'd3,
    CauseSegPerm            = 5'd4,
    CauseVaRange            = 5'd5,
    CausePteInvalid         = 5'd6,
    CausePteReservedWr      = 5'd7,
    CausePteReservedBits    = 5'd8,
    CauseNonleafAtLevel0    = 5'd9,
    CausePermRead           = 5'd10,
    CausePermWrite          = 5'd11,
    CausePermExec           = 5'd12,
    CausePermUserPage       = 5'd13,
    CausePermSupervisorPage = 5'd14,
    CauseMisalignedSuperpage = 5'd15,
    CauseAClear             = 5'd16,
    CauseDClear             = 5'd17,
    CauseWalkAccessError    = 5'd18,
    CauseNotPresent         = 5'd19,
    CausePageBound          = 5'd20
  } cause_e;

  typedef enum logic [4:0] {
    ExcNone        = 5'd0,
    ExcFetchAccess = 5'd1,
    ExcLoadAccess  = 5'd5,
    ExcStoreAccess = 5'd7,
    ExcFetchPage   = 5'd12,
    ExcLoadPage    = 5'd13,
    ExcStorePage   = 5'd15
  } exc_e;

  typedef enum logic [SatpModeW-1:0] {
    SatpBare  = 4'd0,
    SatpSv32  = 4'd1,
    SatpSv39  = 4'd8,
    SatpSv48  = 4'd9,
    SatpRadix = 4'd15
  } satp_mode_e;

  typedef enum logic [SegctlModeW-1:0] {
    SegOff        = 2'd0,
    SegBaseBounds = 2'd1,
    SegSegments   = 2'd2
  } seg_mode_e;

  typedef enum logic [TlbctlPolicyW-1:0] {
    PolicyLru    = 2'd0,
    PolicyPlru   = 2'd1,
    PolicyFifo   = 2'd2,
    PolicyRandom = 2'd3
  } policy_e;

  typedef enum logic [FlushKindW-1:0] {
    FlushAll    = 2'd0,
    FlushAsid   = 2'd1,
    FlushVa     = 2'd2,
    FlushVaAsid = 2'd3
  } flush_kind_e;

  typedef enum logic [2:0] {
    PtwIdle     = 3'd0,
    PtwReadReq  = 3'd1,  // PTE read presented, held until mem_req_ready
    PtwReadWait = 3'd2,  // waiting for the PTE
    PtwAdReq    = 3'd3,  // A/D write presented, held until mem_req_ready
    PtwAdWait   = 3'd4,  // waiting for the write acknowledgement
    PtwAnswer   = 3'd5   // answer presented (response register), fill at the end of the cycle
  } ptw_state_e;

  // Counter indices (address - CsrCntFirst)
  typedef enum logic [3:0] {
    CntHits       = 4'd0,
    CntMisses     = 4'd1,
    CntWalks      = 4'd2,
    CntWalkCycles = 4'd3,
    CntPteReads   = 4'd4,
    CntAdWrites   = 4'd5,
    CntFaults     = 4'd6,
    CntEvictions  = 4'd7,
    CntFlushes    = 4'd8
  } cnt_e;

  // ---------------------------------------------------------------------------------------------
  // Types
  // ---------------------------------------------------------------------------------------------
  // TLB entry without its ASID (the ASID is stored at the build's width in mmu_tlb).
  typedef struct packed {
    logic              valid;
    logic              global;
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
  /* verilator lint_off UNUSEDSIGNAL */  // hwad is read only by the MMU_BUG_DIRTY defect
  function automatic logic ad_needed(acc_e acc, logic a, logic d, logic hwad);
  /* verilator lint_on UNUSEDSIGNAL */
    logic clean_store_ok;  // a store may proceed on a page with D=0
    clean_store_ok = 1'b0;
`ifdef MMU_BUG_DIRTY
    // DELIBERATE DEFECT (MMU_BUG_DIRTY): with HWAD=1 a store to a clean page is taken as dirty.
    clean_store_ok = hwad;
`endif
    return !a || (acc == AccStore && !d && !clean_store_ok);
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
