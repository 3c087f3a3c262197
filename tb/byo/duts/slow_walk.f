# tb/byo test DUT: the kit's mmu_top with a register on the page-table response path
# (two cycles per walk level). Verilator -F list: paths relative to this file.
-F ../../../rtl/mmu.f
mmu_byo_slow_walk.sv
