// SystemVerilog testbench for mmu_top with the C reference model as its scoreboard, through
// DPI-C (tb/sv/mmu_dpi_pkg.sv, csim/dpi/mmu_dpi.h). Built by tb/sv/dpi.mk with
// `verilator --binary --timing` (build/tb_mmu_dpi, and build/tb_mmu_dpi-bug-dirty with
// tb/defects/dirty.patch applied to the RTL, which must fail).
//
// Every cycle the testbench drives all inputs half a period before the rising edge, lets them
// settle for 1 time unit, and hands the 13 inputs and all 20 outputs of the DUT to mmu_dpi_check:
// every output port is compared with the model's every cycle (trace port and reset included).
// The first difference prints the lockstep harness's mismatch report (csim/report.h) and ends
// the run with $fatal (exit status 1, see tb/sv/vl_stop_exit.cpp).
//
// +txn_log=F writes every checked translation to F as JSON lines (mmu-txn/1, docs/txn-schema.md).
//
// Stimulus, all from one seed (+seed=N; +cycles=N sets the length): phases of a few thousand
// cycles in Bare, base-and-bounds, segments, Sv32, Sv39 and Sv48. Each paged phase builds its
// page tables in the shared C memory through DPI (mmu_dpi_map): 4 KiB pages and superpages,
// U and S pages, global pages, A/D clear, and illegal PTEs (V=0, W without R, reserved bits,
// a pointer at level 0, misaligned superpages, PTE words that answer with an error). Requests
// mostly hit mapped pages with a fitting access and privilege, the rest are random. Between
// requests: STATUS changes (SUM, MXR, HWAD), flushes of every kind, TLBCTL writes, CSR reads and
// A/D bits cleared behind the TLB's back. The page-table memory answers with random latency,
// back-pressure (mem_req_ready) and error responses, per phase.
module tb_mmu_dpi;
  import mmu_pkg::*;
  import mmu_dpi_pkg::*;

  localparam int unsigned TlbEntries = 16;
  localparam int unsigned AsidWidth  = 16;
  localparam int unsigned NTargets   = 64;

  // PTE flag masks (the bit positions, the register map and its fields come from mmu_pkg)
  localparam longint unsigned FlagV = 64'(1) << PteV, FlagR = 64'(1) << PteR, FlagW = 64'(1) << PteW;
  localparam longint unsigned FlagX = 64'(1) << PteX, FlagU = 64'(1) << PteU, FlagG = 64'(1) << PteG;
  localparam longint unsigned FlagA = 64'(1) << PteA, FlagD = 64'(1) << PteD;

  // ---------------------------------------------------------------------------------------------
  // DUT
  // ---------------------------------------------------------------------------------------------
  logic        clk = 1'b0;
  `MMU_PORT_SIGNALS  // every port of mmu_top (tb/sv/mmu_dpi_ports_gen.svh)

  mmu_top #(.TlbEntries(TlbEntries), .AsidWidth(AsidWidth)) dut (.*);

  // The only delays of the testbench: a free-running clock (period 10) and the settle step.
  // A clock generator is not sequential logic: the blocking assignment is intended.
  /* verilator lint_off BLKSEQ */
  always #5 clk = ~clk;
  /* verilator lint_on BLKSEQ */

  // ---------------------------------------------------------------------------------------------
  // Random numbers: xorshift64*, one seed for the whole run (reproducible in any simulator)
  // ---------------------------------------------------------------------------------------------
  longint unsigned rs = 64'h9e37_79b9_7f4a_7c15;

  function automatic longint unsigned rnd();
    rs = rs ^ (rs >> 12);
    rs = rs ^ (rs << 25);
    rs = rs ^ (rs >> 27);
    return rs * 64'h2545_f491_4f6c_dd1d;
  endfunction

  function automatic int unsigned below(int unsigned n);  // [0, n)
    if (n == 0) return 0;
    return 32'(rnd() % 64'(n));
  endfunction

  function automatic int unsigned range(int unsigned lo, int unsigned hi);  // [lo, hi]
    return lo + below(hi - lo + 1);
  endfunction

  function automatic bit chance(int unsigned permille);
    return below(1000) < permille;
  endfunction

  // ---------------------------------------------------------------------------------------------
  // Testbench state
  // ---------------------------------------------------------------------------------------------
  chandle          sb;   // the scoreboard (C model)
  chandle          pt;   // the page-table memory
  longint unsigned cycle;
  longint unsigned max_cycles;
  longint unsigned seed;

  // request channel
  bit              req_en;        // new requests may start
  bit              req_pend;      // a request is presented, not yet accepted
  longint unsigned n_accepted, n_answered;
  int unsigned     req_permille;

  // CSR channel: queued operations, each held until csr_ready
  typedef struct packed {
    logic        write;
    logic [7:0]  addr;
    logic [63:0] data;
  } csr_op_t;
  csr_op_t         csr_q[$];
  bit              csr_pend;
  csr_op_t         csr_cur;

  // page-table memory port
  bit              mem_busy;
  int unsigned     mem_cnt;
  longint unsigned mem_data;
  bit              mem_err;
  int unsigned     lat_min, lat_max, ready_pct, err_permille;

  // the phase's address space
  typedef enum int unsigned { PhBare, PhBb, PhSeg, PhSv32, PhSv39, PhSv48 } phase_e;
  phase_e          ph;
  int unsigned     satp_mode;     // 0, 1, 8, 9
  longint unsigned satp, status;
  logic [15:0]     asid;
  longint unsigned t_va [NTargets];  // mapped pages (or segment ranges)
  longint unsigned t_size [NTargets];
  longint unsigned t_flags [NTargets];
  longint unsigned t_pte [NTargets];  // leaf PTE address (0: none)
  int unsigned     n_t;
  int unsigned     ws_base;       // first target of the working set
  int unsigned     va_bits;       // segments: size of the segmented address space

  // ---------------------------------------------------------------------------------------------
  // One clock cycle
  // ---------------------------------------------------------------------------------------------
  task automatic run_cycle();
    @(negedge clk);
    drive_mem();
    drive_req();
    drive_csr();
    #1;  // settle: the outputs of this cycle
    check_cycle();
    observe_mem();
    observe_req();
    observe_csr();
    cycle++;
  endtask

  task automatic check_cycle();
    int r;
    r = mmu_dpi_check(sb, `MMU_DPI_IN_VALUES, `MMU_DPI_OUT_VALUES);
    if (r != 0) begin
      $display("%s", mmu_dpi_report(sb));
      $display("tb_mmu_dpi: FAIL at cycle %0d: DUT and C model differ on %s", cycle,
               mmu_dpi_mismatch_signals(sb));
      $fatal(1, "scoreboard mismatch: %s", mmu_dpi_mismatch_signals(sb));
    end
  endtask

  // Page-table memory: latency in [lat_min, lat_max] from acceptance to response, random
  // back-pressure, error words and random error responses.
  task automatic drive_mem();
    mem_req_ready  = !mem_busy && below(100) < ready_pct;
    mem_resp_valid = mem_busy && mem_cnt == 0;
    mem_resp_rdata = mem_resp_valid ? mem_data : 64'd0;
    mem_resp_err   = mem_resp_valid && mem_err;
  endtask

  task automatic observe_mem();
    int size;
    if (!rst_n) begin
      mem_busy = 1'b0;  // the MMU forgets its access in reset; so does the memory
      return;
    end
    if (mem_busy) begin
      if (mem_cnt == 0) mem_busy = 1'b0;
      else mem_cnt--;
    end
    if (mem_req_valid && mem_req_ready) begin
      size = 32'(mem_req_size);
      mem_err = mmu_dpi_mem_is_error(pt, 64'(mem_req_addr), size) || chance(err_permille);
      if (mem_req_write) begin
        if (!mem_err) mmu_dpi_mem_write(pt, 64'(mem_req_addr), size, mem_req_wdata);
        mem_data = 64'd0;
      end else begin
        mem_data = mem_err ? 64'd0 : mmu_dpi_mem_read(pt, 64'(mem_req_addr), size);
      end
      mem_cnt  = range(lat_min, lat_max) - 1;
      mem_busy = 1'b1;
    end
  endtask

  // Request channel: a request is held until req_ready; junk (legal) fields while idle.
  task automatic drive_req();
    longint unsigned j;
    if (rst_n && !req_pend && req_en && chance(req_permille)) begin
      pick_request();
      req_pend = 1'b1;
    end
    if (!req_pend) begin
      j = rnd();
      req_valid = 1'b0;
      req_vaddr = j;
      req_acc   = 2'(j[1:0] % 2'd3);
      req_priv  = j[2] ? 2'd3 : {1'b0, j[3]};
    end else begin
      req_valid = 1'b1;
    end
  endtask

  task automatic observe_req();
    if (!rst_n) begin
      req_pend = 1'b0;
      n_accepted = 0;
      n_answered = 0;
      return;
    end
    if (req_valid && req_ready) begin
      req_pend = 1'b0;
      n_accepted++;
    end
    if (resp_valid) n_answered++;
  endtask

  // CSR channel
  task automatic drive_csr();
    longint unsigned j;
    if (rst_n && !csr_pend && csr_q.size() > 0) begin
      csr_cur  = csr_q.pop_front();
      csr_pend = 1'b1;
    end
    if (csr_pend) begin
      csr_valid = 1'b1;
      csr_write = csr_cur.write;
      csr_addr  = csr_cur.addr;
      csr_wdata = csr_cur.data;
    end else begin
      j = rnd();
      csr_valid = 1'b0;
      csr_write = j[0];
      csr_addr  = j[15:8];
      csr_wdata = j;
    end
  endtask

  task automatic observe_csr();
    if (!rst_n) begin
      csr_pend = 1'b0;
      return;
    end
    if (csr_valid && csr_ready) csr_pend = 1'b0;
  endtask

  function automatic void csr_wr(logic [7:0] addr, longint unsigned data);
    csr_op_t op;
    op.write = 1'b1;
    op.addr  = addr;
    op.data  = data;
    csr_q.push_back(op);
  endfunction

  function automatic void csr_rd(logic [7:0] addr);
    csr_op_t op;
    op.write = 1'b0;
    op.addr  = addr;
    op.data  = 64'd0;
    csr_q.push_back(op);
  endfunction

  // ---------------------------------------------------------------------------------------------
  // Requests
  // ---------------------------------------------------------------------------------------------
  // A canonical VA of the current paging mode from a random number.
  function automatic longint unsigned canonical(longint unsigned v);
    case (satp_mode)
      1: return v & 64'hffff_ffff;
      8: return v[38] ? (v | 64'hffff_ff80_0000_0000) : (v & 64'h0000_007f_ffff_ffff);
      9: return v[47] ? (v | 64'hffff_0000_0000_0000) : (v & 64'h0000_ffff_ffff_ffff);
      default: return v;
    endcase
  endfunction

  // An access that suits the page's R W X U flags (PTE bits 4:1; segment flags alike), mostly.
  task automatic pick_access(logic [3:0] uxwr);
    int unsigned r = below(10);
    if (r < 7 && uxwr[0] && !uxwr[1] && !uxwr[2]) req_acc = 2'd0;
    else if (r < 7 && uxwr[1]) req_acc = below(2) == 0 ? 2'd1 : 2'd0;
    else if (r < 7 && uxwr[2]) req_acc = 2'd2;
    else req_acc = 2'(below(3));
    r = below(20);
    if (r == 0) req_priv = 2'd3;
    else if (r < 16) req_priv = uxwr[3] ? 2'd0 : 2'd1;
    else req_priv = 2'(below(2));
  endtask

  task automatic pick_request();
    int unsigned r = below(100);
    logic [5:0] i;
    if (n_t > 0 && r < 80) begin
      // locality: most requests go to a small working set (TLB hits), the rest anywhere
      i = 6'(r < 55 ? (ws_base + below(6)) % n_t : below(n_t));
      req_vaddr = t_va[i] + (rnd() % t_size[i]);
      pick_access(4'(t_flags[i] >> 1));
    end else if (r < 90) begin
      req_vaddr = rnd();
      if (ph == PhSeg || ph == PhBb) req_vaddr = req_vaddr >> range(20, 63);
      else req_vaddr = canonical(req_vaddr);
      pick_access(4'(rnd()));
    end else begin
      req_vaddr = rnd();
      req_acc   = 2'(below(3));
      req_priv  = below(4) == 0 ? 2'd3 : 2'(below(2));
    end
  endtask

  // ---------------------------------------------------------------------------------------------
  // Phases
  // ---------------------------------------------------------------------------------------------
  // Stop new requests and wait until every accepted request was answered and the CSR queue is
  // empty (a hang here is a failure too).
  task automatic drain();
    int unsigned guard = 0;
    req_en = 1'b0;
    while (req_pend || n_accepted != n_answered || csr_pend || csr_q.size() > 0) begin
      run_cycle();
      guard++;
      if (guard > 20000) begin
        $display("tb_mmu_dpi: FAIL: no progress for %0d cycles (pending request %0d, %0d accepted, %0d answered, %0d CSR ops queued)",
                 guard, req_pend, n_accepted, n_answered, csr_q.size());
        $fatal(1, "hang");
      end
    end
  endtask

  function automatic void choose_memory();
    case (below(6))
      0: begin lat_min = 1; lat_max = 1; ready_pct = 100; err_permille = 0; end
      1: begin lat_min = 1; lat_max = 4; ready_pct = 100; err_permille = 0; end
      2: begin lat_min = 1; lat_max = 3; ready_pct = 60;  err_permille = 0; end
      3: begin lat_min = 2; lat_max = 7; ready_pct = 40;  err_permille = 10; end
      4: begin lat_min = 1; lat_max = 2; ready_pct = 90;  err_permille = 30; end
      default: begin lat_min = 3; lat_max = 3; ready_pct = 80; err_permille = 5; end
    endcase
  endfunction

  // Leaf flags: mostly legal, with A/D clear and illegal encodings now and then.
  function automatic longint unsigned leaf_flags();
    longint unsigned f = FlagV | FlagA | FlagD;
    case (below(6))
      0: f |= FlagR;
      1: f |= FlagR | FlagW;
      2: f |= FlagX;
      3: f |= FlagR | FlagX;
      default: f |= FlagR | FlagW | FlagX;
    endcase
    if (chance(400)) f |= FlagU;
    if (chance(80)) f |= FlagG;
    if (chance(250)) f &= ~FlagD;
    if (chance(100)) f &= ~FlagA;
    if (chance(30)) f = (f & ~FlagR) | FlagW;          // W without R
    if (chance(30)) f &= ~FlagV;                      // invalid
    if (chance(20) && satp_mode != 1) f |= 64'h1 << (54 + below(10));  // reserved / PBMT / N
    return f;
  endfunction

  task automatic setup_paging(int unsigned mode);
    longint unsigned root, va, ppn, pte, region, ppn_mask, flags;
    int unsigned levels, level, top, k;
    satp_mode = mode;
    levels = mode == 1 ? 2 : (mode == 8 ? 3 : 4);
    ppn_mask = mode == 1 ? 64'h3f_ffff : 64'hfff_ffff_ffff;
    root = mmu_dpi_mem_alloc(pt, 4096, 4096) >> 12;
    asid = 16'(below(1 << AsidWidth));
    n_t = 0;
    // a few regions of neighbouring pages, so tables are shared and the TLB sees hits and fills
    for (int unsigned i = 0; i < NTargets; i++) begin
      if (i % 8 == 0) region = canonical(rnd()) & ~64'h3f_ffff;
      top = levels - 1;
      level = 0;
      if (chance(150)) level = 1;
      if (chance(40) && top >= 2) level = 2;
      if (chance(10) && top >= 3) level = 3;
      k = i % 8;
      va = (level == 0) ? region + 64'(k) * 64'h1000 + 64'(below(4)) * 64'h8000
                        : canonical(rnd());
      va = canonical(va & ~((64'h1 << (12 + (mode == 1 ? 10 : 9) * level)) - 1));
      ppn = rnd() & ppn_mask;
      if (!chance(60))  // misaligned superpage otherwise
        ppn &= ~((64'h1 << ((mode == 1 ? 10 : 9) * level)) - 1);
      flags = leaf_flags();
      if (level == 0 && chance(15)) flags = FlagV;  // a pointer at level 0
      pte = mmu_dpi_map(pt, int'(mode), root, va, int'(level), ppn, flags);
      if (pte == '1) continue;  // a superpage already covers it
      if (chance(15)) mmu_dpi_mem_set_error(pt, pte, 1'b1);
      t_va[n_t] = va;
      t_size[n_t] = 64'h1 << (12 + (mode == 1 ? 10 : 9) * level);
      t_flags[n_t] = flags;
      t_pte[n_t] = pte;
      n_t++;
    end
    if (mode == 1) satp = (64'(SatpSv32) << SatpModeLsb) | ({55'd0, asid[8:0]} << SatpAsidLsb) |
                          (root & 64'h3f_ffff);  // Sv32 keeps ASID[52:44], PPN[21:0]
    else satp = (64'(mode) << SatpModeLsb) | ({48'd0, asid[15:0]} << SatpAsidLsb) |
                (root & ((64'(1) << SatpPpnW) - 1));
    csr_wr(CsrSegctl, 64'd0);
  endtask

  task automatic setup_bb();
    longint unsigned base = rnd() & 64'h00ff_ffff_ffff_f000;
    longint unsigned bounds = 64'h1 << range(12, 40);
    satp_mode = 0;
    satp = 64'd0;
    n_t = 1;
    t_va[0] = 0;
    t_size[0] = bounds + (bounds >> 3);  // some requests beyond the bound
    t_flags[0] = FlagV | FlagR | FlagW | FlagX | (chance(500) ? FlagU : 64'd0);
    t_pte[0] = 0;
    csr_wr(CsrBase, base);
    csr_wr(CsrBounds, bounds);
    csr_wr(CsrSegctl, 64'd1);
  endtask

  task automatic setup_seg();
    int unsigned sel = range(1, 2);
    longint unsigned seg_size, limit, flags;
    va_bits = range(sel + 10, 40);
    seg_size = 64'h1 << (va_bits - sel);
    satp_mode = 0;
    satp = 64'd0;
    n_t = 0;
    for (int unsigned n = 0; n < (1 << sel); n++) begin
      flags = {58'd0, chance(250), chance(500), chance(500), chance(500), chance(700), chance(900)};
      limit = rnd() % (seg_size + 1);
      csr_wr(CsrSegFirst + 8'(3 * n), rnd() & 64'h00ff_ffff_ffff_ffff);
      csr_wr(CsrSegFirst + 8'(3 * n + 1), limit);
      csr_wr(CsrSegFirst + 8'(3 * n + 2), flags);
      t_va[n_t] = 64'(n) * seg_size;
      t_size[n_t] = seg_size;
      // segment flags in PTE positions for pick_access: V R W X U = bits 0..4
      t_flags[n_t] = flags & 64'h1f;
      t_pte[n_t] = 0;
      n_t++;
    end
    csr_wr(CsrSegctl, 64'h2 | (64'(sel) << 4) | (64'(va_bits) << 8));
  endtask

  task automatic start_phase(phase_e p);
    ph = p;
    choose_memory();
    req_permille = range(300, 900);
    case (p)
      PhBare: begin satp_mode = 0; satp = 64'd0; n_t = 0; csr_wr(CsrSegctl, 64'd0); end
      PhBb:   setup_bb();
      PhSeg:  setup_seg();
      PhSv32: setup_paging(1);
      PhSv39: setup_paging(8);
      default: setup_paging(9);
    endcase
    status = {44'd0, chance(300), chance(400), 17'd0, chance(600)};  // MXR SUM ... HWAD
    csr_wr(CsrStatus, status);
    csr_wr(CsrTlbctl, {32'd0, 16'(rnd()), 14'd0, 2'(below(4))});
    csr_wr(CsrSatp, satp);
  endtask

  // A random event between requests (CSR traffic, memory changes behind the MMU's back).
  task automatic random_event();
    logic [5:0] i;
    longint unsigned pte;
    case (below(8))
      0: begin status ^= 64'h1; csr_wr(CsrStatus, status); end             // HWAD
      1: begin status ^= 64'h1 << (18 + below(2)); csr_wr(CsrStatus, status); end  // SUM / MXR
      2: begin                                                               // flush
        i = 6'(below(n_t));
        csr_wr(CsrFlushVa, n_t > 0 ? t_va[i] + (rnd() % t_size[i]) : rnd());
        csr_wr(CsrFlush, ({48'd0, asid[15:0]} << FlushAsidLsb) | 64'(below(4)));
      end
      3: csr_rd(CsrHits + 8'(below(9)));                                     // a counter
      4: csr_rd(8'(below(256)));                                             // anything
      5: csr_wr(CsrTlbctl, {32'd0, 16'(rnd()), 14'd0, 2'(below(4))});       // policy, LFSR
      default: begin                                                         // A/D aging
        if (n_t > 0 && satp_mode != 0) begin
          i = 6'(below(n_t));
          if (t_pte[i] != 0) begin
            pte = mmu_dpi_mem_read(pt, t_pte[i], satp_mode == 1 ? 2 : 3);
            mmu_dpi_mem_write(pt, t_pte[i], satp_mode == 1 ? 2 : 3,
                              pte & ~(chance(300) ? FlagA | FlagD : FlagD));
          end
        end
      end
    endcase
  endtask

  task automatic run_phase(int unsigned len);
    req_en = 1'b1;
    ws_base = below(n_t);
    for (int unsigned c = 0; c < len && cycle < max_cycles; c++) begin
      if (csr_q.size() == 0 && !csr_pend && chance(12)) random_event();
      if (chance(2)) ws_base = below(n_t);  // the working set moves
      run_cycle();
    end
  endtask

  // ---------------------------------------------------------------------------------------------
  // Main
  // ---------------------------------------------------------------------------------------------
  initial begin
    phase_e p;
    string cmd, variant, txn_log;
    if (!$value$plusargs("seed=%d", seed)) seed = 1;
    if (!$value$plusargs("cycles=%d", max_cycles)) max_cycles = 200000;
    rs = rs ^ (seed * 64'hbf58_476d_1ce4_e5b9);
    if (rs == 0) rs = 1;
    sb = mmu_dpi_create(int'(TlbEntries), int'(AsidWidth));
    pt = mmu_dpi_mem_create(64'h1000_0000);  // tables from 256 MiB (below 2^34 for Sv32)
    if (sb == null || pt == null) $fatal(1, "cannot create the DPI scoreboard or memory");
    variant = "";
`ifdef TB_DEFECT
    variant = `TB_DEFECT;
`endif
    cmd = $sformatf("build/tb_mmu_dpi%s +seed=%0d +cycles=%0d", variant, seed, max_cycles);
    mmu_dpi_set_repro(sb, cmd);
    if ($value$plusargs("txn_log=%s", txn_log)) begin
      if (mmu_dpi_txn_log(sb, txn_log) != 0) $fatal(1, "+txn_log=%s: cannot write the file", txn_log);
    end
    $display("tb_mmu_dpi%s: seed %0d, %0d cycles, TlbEntries=%0d AsidWidth=%0d", variant, seed,
             max_cycles, TlbEntries, AsidWidth);

    cycle = 0;
    req_en = 1'b0;
    req_pend = 1'b0;
    csr_pend = 1'b0;
    mem_busy = 1'b0;
    n_t = 0;
    choose_memory();
    rst_n = 1'b0;
    repeat (3) run_cycle();
    rst_n = 1'b1;

    while (cycle < max_cycles) begin
      p = phase_e'(below(6));
      start_phase(p);
      run_phase(range(1500, 5000));
      drain();
      if (chance(50)) begin  // a reset between phases now and then
        rst_n = 1'b0;
        repeat (range(1, 3)) run_cycle();
        rst_n = 1'b1;
      end
    end

    $display("tb_mmu_dpi: %0d cycles checked, %0d translations (%0d TLB hits, %0d walks, %0d refills, %0d A/D writes, %0d fills suppressed by a flush, %0d faults)",
             mmu_dpi_count(sb, StatCycles), mmu_dpi_count(sb, StatTranslations),
             mmu_dpi_count(sb, StatHits), mmu_dpi_count(sb, StatWalks),
             mmu_dpi_count(sb, StatRefills), mmu_dpi_count(sb, StatAdWrites),
             mmu_dpi_count(sb, StatSuppressed), mmu_dpi_count(sb, StatFaults));
    for (int c = 1; c < 21; c++)
      if (mmu_dpi_cause_count(sb, c) != 0)
        $display("  %s %0d", mmu_dpi_cause_name(c), mmu_dpi_cause_count(sb, c));
    $display("tb_mmu_dpi: PASS (seed %0d): every output port matched the C model in every cycle",
             seed);
    mmu_dpi_destroy(sb);
    mmu_dpi_mem_destroy(pt);
    $finish;
  end

endmodule
