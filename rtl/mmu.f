# The RTL of mmu_top, in compile order (the package first): the one file list that make
# (rtl/rtl.mk), FuseSoC (rtl/mmu.core, generated from it) and cocotb (tb/cocotb/Makefile) read.
# Paths are relative to rtl/; mmu_gen_pkg.sv is generated (make regen).
mmu_gen_pkg.sv
mmu_pkg.sv
mmu_csr.sv
mmu_seg.sv
mmu_tlb.sv
mmu_ptw.sv
mmu_top.sv
