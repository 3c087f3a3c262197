# The C++ of rtl/mmu.core's `sim` target (FuseSoC + Verilator, docs/interop.md): the testbench
# (scenario_sim.cpp), the scenario parser and executor with the page-table memory, and the two
# model files they call (mmu_enums.c: the name tables; mmu_pkg.c: mmu_geometry), compiled by
# Verilator's C++ build; then the headers they include. Paths from the repository root;
# scripts/regen.py writes them into rtl/mmu.core (make regen).
tb/fusesoc/scenario_sim.cpp
tb/scenario.cpp
tb/mem_model.cpp
model/mmu_enums.c
model/mmu_pkg.c
tb/scenario.h
tb/dut.h
tb/mem_model.h
model/mmu_pkg.h
model/include/mmu_model.h
model/include/mmu_enums.h
model/include/mmu_regs.h
model/include/mmu_helpers.h
