# A bring-your-own-MMU file list (Verilator -F; FuseSoC's .f style): one file per line, paths
# relative to this file, packages first, +incdir+ / +define+ allowed, -F for a nested list.
# This one is the kit's own RTL behind the wrapper template; yours lists your files instead.
-F ../../../rtl/mmu.f
../mmu_byo_wrapper.sv
