# tb/byo test DUT: the kit's mmu_top with one more pipeline stage on the response path.
# Verilator -F list: paths relative to this file. The kit's own list first (package first).
-F ../../../rtl/mmu.f
mmu_byo_resp_pipe.sv
