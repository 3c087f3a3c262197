# DPI-C scoreboard (csim/dpi/, tb/sv/, docs/interop.md "DPI-C"): the C model exported to
# SystemVerilog through DPI-C, and a SystemVerilog testbench that checks mmu_top against it,
# every output port every cycle, under `verilator --binary --timing`.
#   build/obj/csim/dpi/mmu_dpi.o the DPI-C functions (csim/dpi/mmu_dpi.cpp, extern "C")
#   build/tb_mmu_dpi             tb/sv/tb_mmu_dpi.sv + mmu_top (TlbEntries=16 AsidWidth=16)
#   build/tb_mmu_dpi-bug-dirty   the same with tb/defects/dirty.patch (must fail: dpi-test.sh)
# To use the scoreboard from another testbench, compile tb/sv/mmu_dpi_pkg.sv before it and link
# $(DPI_LINK) (the objects below and build/libmmumodel.a).
# `make dpi-lint` runs verilator --lint-only -Wall on the testbench and the package.

# svdpi.h: Verilator's root is asked for when the recipe runs (after install-deps.sh), not while
# make parses.
DPI_VLTSTD      = `$(VERILATOR) --getenv VERILATOR_ROOT`/include/vltstd
DPI_OBJ        := $(call objs,csim/dpi/mmu_dpi.cpp)
DPI_LINK       := $(DPI_OBJ) $(HARNESS_LINK)
ALL_OBJS       += $(DPI_OBJ)
DPI_SV         := tb/sv/mmu_dpi_pkg.sv tb/sv/tb_mmu_dpi.sv
DPI_VFLAGS     := --cc --exe --build --timing --top-module tb_mmu_dpi --assert -O3 -Wall -I$(ROOT)/tb/sv
DPI_VMAKE      := OPT_FAST=-O2 OPT_GLOBAL=-O2
DPI_BINS       := $(BUILD)/tb_mmu_dpi $(BUILD)/tb_mmu_dpi-bug-dirty

$(OBJ)/csim/dpi/%.o: CXXFLAGS_TB += -I$(DPI_VLTSTD) -Icsim/dpi

# $(1) binary name, $(2) defect name (or empty), $(3) k/N for the progress line
define dpi_tb
$(BUILD)/$(1): $(DPI_LINK) $(RTL_SRCS) $(DPI_SV) tb/sv/mmu_dpi_ports_gen.svh tb/sv/vl_stop_exit.cpp tb/sv/tb_main.cpp tb/sv/dpi.mk \
    $(if $(2),$(call defect_stamp,$(2)))
	@mkdir -p $(BUILD)/vl/$(1)
	@rm -f $(BUILD)/$(1)  # Verilator's make does not see our objects change: force the link
	@echo "verilator DPI $(3): $(1)$(if $(2), (tb/defects/$(2).patch)) ..."
	@OBJCACHE=$(COSIM_OBJCACHE) $(VERILATOR) $(DPI_VFLAGS) $(if $(2),+define+TB_DEFECT=\"-bug-$(2)\") \
	    -Mdir $(ROOT)/$(BUILD)/vl/$(1) -o $(ROOT)/$(BUILD)/$(1) -MAKEFLAGS "$(DPI_VMAKE)" \
	    -CFLAGS "-DVL_USER_STOP -I$(ROOT)/model/include" \
	    $(if $(2),$(call defect_srcs,$(2)),$(RTL_SRCS)) $(abspath $(DPI_SV)) $(ROOT)/tb/sv/vl_stop_exit.cpp \
	    $(ROOT)/tb/sv/tb_main.cpp \
	    $(addprefix $(ROOT)/,$(DPI_LINK)) \
	    > $(BUILD)/vl/$(1).log 2>&1 || { cat $(BUILD)/vl/$(1).log; exit 1; }
	@grep -E '^%Warning' $(BUILD)/vl/$(1).log || true
endef

$(eval $(call dpi_tb,tb_mmu_dpi,,1/2))
$(eval $(call dpi_tb,tb_mmu_dpi-bug-dirty,dirty,2/2))

.PHONY: dpi-bins dpi-lint
dpi-bins: $(DPI_BINS)
dpi-lint:
	$(VERILATOR) --lint-only -Wall --timing -Itb/sv --top-module tb_mmu_dpi $(RTL_SRCS) $(DPI_SV)
	@echo "dpi-lint: clean"

TEST_SUITES += "bash tb/sv/dpi-test.sh"
TEST_DEPS   += $(DPI_BINS)
