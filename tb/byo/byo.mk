# Bring your own MMU (docs/class-projects.md, "Bring your own MMU"): another RTL with the ports of
# SPEC 1 in the lockstep harness, compared per request (--compare txn) whatever its timing.
#   make cosim DUT=path/files.f TOP=module [COMPARE=txn|cycle] [TLB=16] [ASID=16]
#       builds build/mmucosim-byo-<TOP> for that RTL and runs the grading suite on it
#   make grade [DUT=... TOP=...]   the grading suite (tb/byo/grade.sh): random runs per mode and
#       the directed scenarios, a table passed/failed per feature, JUnit XML, the first failure
#       of each feature with its report; without DUT= it grades the kit's own RTL
#   make byo-bins                  the test DUTs below
# DUT is a Verilator -F file list (FuseSoC-style .f: one file per line, +incdir+, +define+, -F
# for nested lists; relative paths are relative to the list's own folder). TOP takes parameters
# TlbEntries and AsidWidth (the template tb/byo/mmu_byo_wrapper.sv shows how), built
# with TLB and ASID, which the C model is created with too. The Verilated top stays
# csim/mmu_cosim_top.sv, with +define+MMU_COSIM_DUT=<TOP> in place of mmu_top.
#
# Test DUTs (tb/byo/byo-test.sh, in `make test`), wrappers around the unmodified rtl/:
#   build/mmucosim-byo-resp_pipe      tb/byo/duts/mmu_byo_resp_pipe.sv: every answer a cycle late
#   build/mmucosim-byo-slow_walk      tb/byo/duts/mmu_byo_slow_walk.sv: two cycles per walk level
#   build/mmucosim-byo-superpage_bug  rtl/ with tb/byo/duts/superpage_mask.patch (a real bug)

BYO_DIR       := $(BUILD)/byo
BYO_GEN_DIR   := $(BYO_DIR)/gen
BYO_PORTS_GEN := $(BYO_DIR)/byo_ports_gen
BYO_PORTS_SVH := $(BYO_GEN_DIR)/mmu_byo_ports_gen.svh
ALL_OBJS      += $(call objs,tb/byo/byo_ports_gen.cpp)

# The wrappers' port macros, from the kit's one port list (mmu_enums.h): see byo_ports_gen.cpp.
$(BYO_PORTS_GEN): $(call objs,tb/byo/byo_ports_gen.cpp)
	@mkdir -p $(dir $@)
	$(Q)$(CXX) $(CXXFLAGS_TB) -o $@ $^
$(BYO_PORTS_SVH): $(BYO_PORTS_GEN)
	@mkdir -p $(dir $@)
	$(Q)$(BYO_PORTS_GEN) $@

# $(1) name (binary $(BUILD)/mmucosim-byo-$(1)), $(2) the -F file list, $(3) the top module,
# $(4) TlbEntries, $(5) AsidWidth, $(6) more prerequisites, $(7) the report's description.
# Verilator's own dependency list (-Mdir/Vmmu_cosim_top__ver.d) becomes $(BUILD)/vl/<name>.dep,
# so an edit to any file of the list rebuilds the binary.
define byo_variant
$(BUILD)/mmucosim-byo-$(1): $(COSIM_VL_DEPS) $(BYO_PORTS_SVH) tb/byo/byo.mk $(6) | $(DEPS_STAMP)
	@mkdir -p $(BUILD)/vl/mmucosim-byo-$(1)
	@rm -f $$@  # Verilator's make does not see our objects change: force the link
	@printf '#define COSIM_BYO_DESC "%s"\n#define COSIM_BYO_VARIANT "-byo-%s"\n' '$(7)' '$(1)' \
	    > $(BUILD)/vl/mmucosim-byo-$(1)/cosim_byo_info.h
	@echo "verilator: mmucosim-byo-$(1) ($(3) from $(2), TlbEntries=$(4) AsidWidth=$(5)) ..."
	@t0=$$$$(date +%s); OBJCACHE=$(COSIM_OBJCACHE) $(VERILATOR) $(COSIM_VFLAGS) -GTlbEntries=$(4) \
	    -GAsidWidth=$(5) +define+MMU_COSIM_DUT=$(3) -I$(ROOT)/$(BYO_GEN_DIR) -F $(abspath $(2)) \
	    -Mdir $(ROOT)/$(BUILD)/vl/mmucosim-byo-$(1) -o $(ROOT)/$(BUILD)/mmucosim-byo-$(1) \
	    -MAKEFLAGS "$(COSIM_VMAKE)" \
	    -CFLAGS "-std=c++17 -I$(ROOT)/model/include -I$(ROOT)/csim -I$(ROOT)/tb -DVL_USER_STOP \
	             -DCOSIM_TLB_ENTRIES=$(4) -DCOSIM_ASID_BITS=$(5) -DCOSIM_BYO=1" \
	    $(ROOT)/$(COSIM_TOP_SV) $(ROOT)/csim/rtl_sim.cpp $(addprefix $(ROOT)/,$(COSIM_LINK)) \
	    > $(BUILD)/vl/mmucosim-byo-$(1).log 2>&1 || { cat $(BUILD)/vl/mmucosim-byo-$(1).log; exit 1; }; \
	  echo "verilator: mmucosim-byo-$(1) built in $$$$(($$$$(date +%s) - t0)) s"
	@grep -E '^%Warning' $(BUILD)/vl/mmucosim-byo-$(1).log || true
	@sed -n 's/^[^:]*://p' $(BUILD)/vl/mmucosim-byo-$(1)/Vmmu_cosim_top__ver.d | tr ' ' '\n' | \
	    grep -E '\.(sv|svh|v|vh|f)$$$$' | sed 's|^|$(BUILD)/mmucosim-byo-$(1): |' \
	    > $(BUILD)/vl/mmucosim-byo-$(1).dep
endef

# The real bug: rtl/ copied and patched at build time, like tb/defects/ (nothing under rtl/
# mentions it).
BYO_BUG_RTL := $(BYO_DIR)/defects/superpage_mask
$(BYO_BUG_RTL)/.applied: tb/byo/duts/superpage_mask.patch $(RTL_SRCS_REL) rtl/mmu.f | $(DEPS_STAMP)
	@rm -rf $(BYO_BUG_RTL) && mkdir -p $(BYO_BUG_RTL)
	@cp -r rtl $(BYO_BUG_RTL)/rtl
	@patch -s -d $(BYO_BUG_RTL) -p1 < tb/byo/duts/superpage_mask.patch || \
	    { echo "byo: tb/byo/duts/superpage_mask.patch no longer applies to rtl/ (update it)"; exit 1; }
	@touch $@

$(eval $(call byo_variant,resp_pipe,tb/byo/duts/resp_pipe.f,mmu_byo_resp_pipe,16,16,\
    tb/byo/duts/resp_pipe.f tb/byo/duts/mmu_byo_resp_pipe.sv,tb/byo/duts/resp_pipe.f (top mmu_byo_resp_pipe)))
$(eval $(call byo_variant,slow_walk,tb/byo/duts/slow_walk.f,mmu_byo_slow_walk,16,16,\
    tb/byo/duts/slow_walk.f tb/byo/duts/mmu_byo_slow_walk.sv,tb/byo/duts/slow_walk.f (top mmu_byo_slow_walk)))
$(eval $(call byo_variant,superpage_bug,$(BYO_BUG_RTL)/rtl/mmu.f,mmu_top,16,16,\
    $(BYO_BUG_RTL)/.applied,rtl/ with tb/byo/duts/superpage_mask.patch (top mmu_top)))

BYO_TEST_BINS := $(addprefix $(BUILD)/mmucosim-byo-,resp_pipe slow_walk superpage_bug)

# The comparison's self-test without Verilator: the model's cycle face as the DUT, late or with
# one defect per case (tb/byo/test_txn_checker.cpp).
BYO_UNIT      := $(BYO_DIR)/txn_checker_tests
BYO_UNIT_OBJS := $(call objs,tb/byo/test_txn_checker.cpp $(COSIM_TXN_SRCS:csim/txn_run.cpp=) \
                 csim/cosim_stats.cpp)
ALL_OBJS      += $(call objs,tb/byo/test_txn_checker.cpp)
$(BYO_UNIT): $(BYO_UNIT_OBJS) $(HARNESS_LINK)
	@mkdir -p $(dir $@)
	$(Q)$(CXX) $(CXXFLAGS_TB) -o $@ $^
.PHONY: byo-bins grade byo-lint
byo-bins: $(BYO_TEST_BINS)

# The test DUTs and the template are Verilator -Wall clean on their own too.
lint: byo-lint
byo-lint: $(BYO_PORTS_SVH) | $(DEPS_STAMP)
	@set -e; for t in resp_pipe slow_walk; do \
	  echo "lint (byo $$t): $(VERILATOR) --lint-only -Wall -F tb/byo/duts/$$t.f"; \
	  $(VERILATOR) --lint-only -Wall -I$(BYO_GEN_DIR) -F tb/byo/duts/$$t.f --top-module mmu_byo_$$t; \
	done
	@echo "lint (byo template): $(VERILATOR) --lint-only -Wall tb/byo/mmu_byo_wrapper.sv"
	@$(VERILATOR) --lint-only -Wall -I$(BYO_GEN_DIR) -F tb/byo/example/example.f --top-module mmu_byo_wrapper

# ---- a DUT of your own: DUT=files.f TOP=module ------------------------------------------------
TLB     ?= 16
ASID    ?= 16
COMPARE ?= txn
GRADE_ARGS ?=
ifneq ($(DUT),)
ifeq ($(TOP),)
$(error DUT=$(DUT) needs TOP=<the top module of the file list>)
endif
ifeq ($(wildcard $(DUT)),)
$(error DUT=$(DUT): no such file list (a Verilator -F file: tb/byo/example/example.f shows one))
endif
$(eval $(call byo_variant,$(TOP),$(DUT),$(TOP),$(TLB),$(ASID),$(DUT),$(DUT) (top $(TOP))))
GRADE_BIN   := $(BUILD)/mmucosim-byo-$(TOP)
GRADE_DEPS  := $(GRADE_BIN)
GRADE_FLAGS := --tlb $(TLB) --asid-bits $(ASID)
# `make cosim DUT=...`: this binary and the grading suite instead of the kit's regression
COSIM_DEPS    := $(GRADE_BIN) $(MMUSIM) $(GTKW_FILTERS)
COSIM_REGRESS  = bash tb/byo/grade.sh --bin $(GRADE_BIN) --compare $(COMPARE) $(GRADE_FLAGS) $(GRADE_ARGS)
else
# the kit's own RTL; its sibling builds run the scenarios that name another TLB size
GRADE_BIN   := $(COSIM_BIN)
GRADE_DEPS  := $(COSIM_BIN) $(COSIM_VAR_BINS)
GRADE_FLAGS := --tlb 16 --asid-bits 16 --siblings
endif

grade: | $(DEPS_STAMP)
	@$(SUBMAKE) $(GRADE_DEPS)
	@bash tb/byo/grade.sh --bin $(GRADE_BIN) --compare $(COMPARE) $(GRADE_FLAGS) $(GRADE_ARGS)

-include $(wildcard $(BUILD)/vl/mmucosim-byo-*.dep)

TEST_SUITES += $(BYO_UNIT) "bash tb/byo/byo-test.sh"
TEST_DEPS   += $(BYO_TEST_BINS) $(COSIM_BIN) $(BYO_UNIT)
