# Lockstep co-simulation (csim/): the Verilated RTL and the C model, every output compared every
# cycle. Builds one binary per RTL build variant:
#   build/mmucosim               TlbEntries=16 AsidWidth=16 (the default build)
#   build/mmucosim-tT-aA         the variants in COSIM_VARIANTS (TlbEntries=T AsidWidth=A)
#   build/mmucosim-bug-dirty     the RTL with tb/defects/dirty.patch (must fail: defect-test.sh)
#   build/mmucosim-bug-lru       the RTL with tb/defects/lru.patch
# The harness (csim/*.cpp, the stimulus library of tb/tb.mk, the model) is compiled once;
# only csim/rtl_sim.cpp, the Verilator glue, is compiled per variant inside its Verilator -Mdir
# (build/vl/<binary>/). Targets: `make cosim` (build everything, run
# scripts/regress.sh), `make bench` (speed: RTL alone vs lockstep), `make cosim-bins`.

VERILATOR      ?= verilator
# ccache for Verilator's C++ (OBJCACHE), looked up when a recipe runs: install-deps.sh installs it.
COSIM_OBJCACHE  = `command -v ccache || true`
# Verilator's own optimisation (-O3) and the C++ compiler's (OPT_FAST, see TOOLCHAIN.md: -O2/-O3
# is ~1.6x faster than Verilator's default -Os). --trace-fst is compiled in; a run traces only
# with --waves. The Verilated top is the harness-only wrapper csim/mmu_cosim_top.sv (mmu_top as
# u_dut plus model_* ports that put the C model's outputs into the same FST; docs/debugging.md).
# --trace-structs: packed structs (resp_q, TLB entries) show field by field in the wave.
COSIM_TOP_SV   := csim/mmu_cosim_top.sv
COSIM_VFLAGS   := --cc --exe --build --top-module mmu_cosim_top --assert -O3 -Wall --trace-fst -I$(ROOT)/csim \
                  --trace-structs
COSIM_VMAKE    := OPT_FAST=-O3 OPT_GLOBAL=-O2
# TlbEntries:AsidWidth pairs built besides the default 16:16: a small TLB with a narrow ASID (and
# the scenarios that need TLB 4 or ASID width 4), the degenerate ASID width 0 with an 8-entry
# PLRU tree, and Sv32's 9 ASID bits with 32 entries.
COSIM_VARIANTS ?= 4:4 8:0 32:9

# build/libmmuharness.a: what every lockstep harness here (Verilator, SystemC, DPI-C) shares: the
# port comparison (checker), the mismatch report, the stimulus options (cli) and the functional
# coverage model (tb/cov/mmu_cov, sampled by the checker). HARNESS_LINK
# puts it before the stimulus and model libraries it uses.
HARNESS_SRCS   := csim/checker.cpp csim/report.cpp csim/cli.cpp tb/cov/mmu_cov.cpp
HARNESS_LIB    := $(BUILD)/libmmuharness.a
HARNESS_LINK   := $(HARNESS_LIB) $(STIM_LIB) $(MODEL_LIB)
ALL_OBJS       += $(call objs,$(HARNESS_SRCS))
$(HARNESS_LIB): $(call objs,$(HARNESS_SRCS))
	@rm -f $@
	$(Q)ar rcs $@ $^

# --compare txn (per request, any timing): the checker and its report need no Verilator.
COSIM_TXN_SRCS := csim/txn_checker.cpp csim/txn_report.cpp csim/txn_latency.cpp csim/txn_dut.cpp \
                  csim/txn_run.cpp
COSIM_SRCS     := csim/lockstep.cpp csim/cosim_main.cpp csim/cosim_options.cpp csim/cosim_run.cpp \
                  csim/cosim_stats.cpp csim/txn_log.cpp csim/fail_files.cpp csim/wave_views.cpp \
                  csim/bench/cosim_bench.cpp csim/bench/bench_figures.cpp csim/gtkw.cpp \
                  $(COSIM_TXN_SRCS)
COSIM_OBJS     := $(call objs,$(COSIM_SRCS))
COSIM_LINK     := $(COSIM_OBJS) $(HARNESS_LINK)
COSIM_VL_DEPS  := $(COSIM_LINK) $(RTL_SRCS) $(COSIM_TOP_SV) csim/mmu_cosim_ports_gen.svh csim/rtl_sim.cpp \
                  csim/rtl_sim.h csim/csim.mk
ALL_OBJS       += $(COSIM_OBJS)

# The GTKWave save-file template waves/mmu.gtkw, compiled into every mmucosim as a string.
COSIM_GTKW_INC := $(BUILD)/csim/gen/mmu_gtkw.inc
$(COSIM_GTKW_INC): waves/mmu.gtkw csim/csim.mk
	@mkdir -p $(dir $@)
	@{ printf '%s' 'R"MMUGTKW('; cat $<; echo ')MMUGTKW"'; } > $@
$(OBJ)/csim/gtkw.o: $(COSIM_GTKW_INC)
$(OBJ)/csim/gtkw.o: CXXFLAGS_TB += -I$(BUILD)/csim/gen

# $(1) binary name, $(2) TlbEntries, $(3) AsidWidth, $(4) COSIM_BUG id, $(5) defect name (or empty),
# $(6) "k/N" of its group for the progress line, $(7) Verilator flags (default COSIM_VFLAGS),
# $(8) extra C++ defines, $(9) what it links (default COSIM_LINK)
# The Verilator command of one build (the arguments of cosim_variant below); `make -s cosim-vcmd`
# prints the default build's without tracing (scripts/mutate.py builds its mutants with it).
cosim_vcmd = OBJCACHE=$(COSIM_OBJCACHE) $(VERILATOR) $(or $(7),$(COSIM_VFLAGS)) -GTlbEntries=$(2) -GAsidWidth=$(3) \
    -Mdir $(ROOT)/$(BUILD)/vl/$(1) -o $(ROOT)/$(BUILD)/$(1) -MAKEFLAGS "$(COSIM_VMAKE)" \
    -CFLAGS "-std=c++17 -I$(ROOT)/model/include -I$(ROOT)/csim -I$(ROOT)/tb -DVL_USER_STOP \
             -DCOSIM_TLB_ENTRIES=$(2) -DCOSIM_ASID_BITS=$(3) -DCOSIM_BUG=$(4) $(8) $(SAN_FLAGS)" \
    $(if $(SAN_FLAGS),-LDFLAGS "$(SAN_FLAGS)") \
    $(if $(5),$(call defect_srcs,$(5)),$(RTL_SRCS)) $(ROOT)/$(COSIM_TOP_SV) $(ROOT)/csim/rtl_sim.cpp \
    $(addprefix $(ROOT)/,$(or $(9),$(COSIM_LINK)))

define cosim_variant
$(BUILD)/$(1): $(COSIM_VL_DEPS) $(9) $(if $(5),$(call defect_stamp,$(5)))
	@mkdir -p $(BUILD)/vl/$(1)
	@rm -f $(BUILD)/$(1)  # Verilator's make does not see our objects change: force the link
	@echo "verilator $(6): $(1) (TlbEntries=$(2) AsidWidth=$(3)$(if $(5), tb/defects/$(5).patch)) ..."
	@t0=$$$$(date +%s); $(call cosim_vcmd,$(1),$(2),$(3),$(4),$(5),$(6),$(7),$(8),$(9)) \
	    > $(BUILD)/vl/$(1).log 2>&1 || { cat $(BUILD)/vl/$(1).log; exit 1; }; \
	  echo "verilator $(6): $(1) built in $$$$(($$$$(date +%s) - t0)) s"
	@grep -E '^%Warning' $(BUILD)/vl/$(1).log || true
endef

VAR_NAME        = mmucosim-t$(word 1,$(subst :, ,$(1)))-a$(word 2,$(subst :, ,$(1)))
COSIM_BIN      := $(BUILD)/mmucosim
COSIM_VAR_BINS := $(foreach v,$(COSIM_VARIANTS),$(BUILD)/$(call VAR_NAME,$(v)))
COSIM_BUG_BINS := $(BUILD)/mmucosim-bug-dirty $(BUILD)/mmucosim-bug-lru
COSIM_BINS     := $(COSIM_BIN) $(COSIM_VAR_BINS) $(COSIM_BUG_BINS)

COSIM_NREG := $(words x $(COSIM_VARIANTS))
NUMBERS    := 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16
$(eval $(call cosim_variant,mmucosim,16,16,0,,1/$(COSIM_NREG)))
$(foreach i,$(wordlist 1,$(words $(COSIM_VARIANTS)),$(NUMBERS)),$(eval $(call cosim_variant,$(call \
    VAR_NAME,$(word $(i),$(COSIM_VARIANTS))),$(word 1,$(subst :, ,$(word $(i),$(COSIM_VARIANTS)))),$(word \
    2,$(subst :, ,$(word $(i),$(COSIM_VARIANTS)))),0,,$(word $(i),$(wordlist 2,99,$(NUMBERS)))/$(COSIM_NREG))))
$(eval $(call cosim_variant,mmucosim-bug-dirty,16,16,1,dirty,defect 1/2))
$(eval $(call cosim_variant,mmucosim-bug-lru,16,16,2,lru,defect 2/2))

.PHONY: cosim-bins
cosim-bins: $(COSIM_BINS)

# What `make cosim` builds: the binaries scripts/regress.sh runs (the defect builds belong to
# `make test`, scripts/defect-test.sh).
COSIM_DEPS  := $(COSIM_BIN) $(COSIM_VAR_BINS) $(MMUSIM) $(MODEL_SO)


TEST_SUITES += "bash scripts/regress.sh --short" "bash scripts/defect-test.sh" "bash tb/regress/backend-test.sh"
TEST_DEPS   += $(COSIM_BINS)

# `make lint` also covers the cosim wrapper (default and defect builds).
.PHONY: lint-cosim-top
lint: lint-cosim-top
lint-cosim-top: $(RTL_SRCS) $(COSIM_TOP_SV) | $(DEPS_STAMP)
	@set -e; for opts in "" "-GTlbEntries=4 -GAsidWidth=0"; do \
	  echo "lint (cosim top $$opts): $(VERILATOR) --lint-only -Wall --top-module mmu_cosim_top"; \
	  $(VERILATOR) --lint-only -Wall -Icsim --top-module mmu_cosim_top $$opts $(RTL_SRCS) $(COSIM_TOP_SV); \
	done
