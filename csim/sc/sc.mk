# SystemC lockstep (csim/sc/, docs/interop.md "SystemC"): the RTL Verilated with --sc and the C
# model as an SC_MODULE in one SystemC kernel, page tables behind a TLM-2.0 b_transport memory,
# every output compared every cycle by the shared checker (csim/checker.h, csim/report.h).
#   build/mmucosim-sc            TlbEntries=16 AsidWidth=16
#   build/mmucosim-sc-bug-dirty  the RTL with tb/defects/dirty.patch (must fail: csim/sc/sc-test.sh)
# The SystemC modules and the harness and stimulus libraries (checker, report, generator, memory store) are
# compiled once; only csim/sc/sc_main.cpp (it instantiates Vmmu_top) is compiled per variant
# inside its Verilator -Mdir (build/vl/<binary>/). `make cosim-sc` builds and runs the default.
# --trace-fst: `--waves F.fst` records the RTL (VerilatedFstSc); a run without it does not trace.

SC_SRCS       := csim/sc/mmu_model_sc.cpp csim/sc/mem_tlm_adapter.cpp csim/sc/tlm_page_memory.cpp \
                 csim/sc/sc_lockstep.cpp
SC_OBJS       := $(call objs,$(SC_SRCS))
SC_LINK       := $(SC_OBJS) $(HARNESS_LINK)
ALL_OBJS      += $(SC_OBJS)
SC_VFLAGS     := --sc --exe --build --top-module mmu_top --assert -O3 -Wall --trace-fst
SC_VMAKE      := OPT_FAST=-O3 OPT_GLOBAL=-O2
SC_BINS       := $(BUILD)/mmucosim-sc $(BUILD)/mmucosim-sc-bug-dirty

$(OBJ)/csim/sc/%.o: CXXFLAGS_TB += -Icsim/sc

# $(1) binary name, $(2) TlbEntries, $(3) AsidWidth, $(4) SC_BUG id, $(5) defect name (or empty),
# $(6) k/N for the progress line
define sc_variant
$(BUILD)/$(1): $(SC_LINK) $(RTL_SRCS) csim/sc/sc_main.cpp $(wildcard csim/sc/*.h csim/*.h) csim/sc/sc.mk \
    $(if $(5),$(call defect_stamp,$(5)))
	@mkdir -p $(BUILD)/vl/$(1)
	@rm -f $(BUILD)/$(1)  # Verilator's make does not see our objects change: force the link
	@echo "verilator SystemC $(6): $(1) (TlbEntries=$(2) AsidWidth=$(3)$(if $(5), tb/defects/$(5).patch)) ..."
	@OBJCACHE=$(COSIM_OBJCACHE) $(VERILATOR) $(SC_VFLAGS) -GTlbEntries=$(2) -GAsidWidth=$(3) \
	    -Mdir $(ROOT)/$(BUILD)/vl/$(1) -o $(ROOT)/$(BUILD)/$(1) -MAKEFLAGS "$(SC_VMAKE)" \
	    -CFLAGS "-std=c++17 -I$(ROOT)/model/include -I$(ROOT)/csim -I$(ROOT)/csim/sc -I$(ROOT)/tb \
	             -DVL_USER_STOP -DSC_TLB_ENTRIES=$(2) -DSC_ASID_BITS=$(3) -DSC_BUG=$(4)" \
	    $(if $(5),$(call defect_srcs,$(5)),$(RTL_SRCS)) $(ROOT)/csim/sc/sc_main.cpp \
	    $(addprefix $(ROOT)/,$(SC_LINK)) \
	    > $(BUILD)/vl/$(1).log 2>&1 || { cat $(BUILD)/vl/$(1).log; exit 1; }
	@grep -E '^%Warning' $(BUILD)/vl/$(1).log || true
endef

$(eval $(call sc_variant,mmucosim-sc,16,16,0,,1/2))
$(eval $(call sc_variant,mmucosim-sc-bug-dirty,16,16,1,dirty,2/2))

.PHONY: cosim-sc sc-bins
sc-bins: $(SC_BINS)
SC_RUN_ARGS ?= --seed 1 --cycles 200000 --mode mix
cosim-sc: $(BUILD)/mmucosim-sc
	@SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1 $(BUILD)/mmucosim-sc $(SC_RUN_ARGS)

TEST_SUITES += "bash csim/sc/sc-test.sh"
TEST_DEPS   += $(SC_BINS)
