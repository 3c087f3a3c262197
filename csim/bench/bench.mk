# `make bench` (csim/bench/, docs/performance.md): speed figures, each repeated (BENCH_REPS),
# CPU time beside wall time, min/median/max, ratios measured in one run; scripts/bench.sh prints
# the table and writes build/bench.json.
#   build/mmubench-model   the C model: cycle face under the minimal driver, untimed TLB hits
#   build/mmubench-rtl     the raw Verilated mmu_top under the same minimal driver (the ceiling):
#                          no tracing, no assertions
#   build/mmucosim-bench   build/mmucosim without tracing or assertions: the RTL in the harness
#                          and the lockstep (`mmucosim --bench`)
BENCH_FIG_SRCS := csim/bench/bench_figures.cpp
MODEL_BENCH    := $(BUILD)/mmubench-model
ALL_OBJS       += $(call objs,csim/bench/model_bench.cpp $(BENCH_FIG_SRCS))

$(OBJ)/csim/bench/%.o: CXXFLAGS_TB += -Icsim/bench

$(MODEL_BENCH): $(call objs,csim/bench/model_bench.cpp $(BENCH_FIG_SRCS)) $(MODEL_LIB)
	$(Q)$(CXX) $(CXXFLAGS_TB) -o $@ $^

# The raw RTL: mmu_top Verilated on its own (no tracing, no --assert), as fast as Verilator makes it.
RTL_BENCH := $(BUILD)/mmubench-rtl
$(RTL_BENCH): $(RTL_SRCS) csim/bench/rtl_ceiling.cpp csim/bench/minimal_driver.h $(call objs,$(BENCH_FIG_SRCS)) \
    $(MODEL_LIB) csim/bench/bench.mk | $(DEPS_STAMP)
	@mkdir -p $(BUILD)/vl/mmubench-rtl
	@rm -f $@
	@echo "verilator bench: mmubench-rtl (mmu_top alone, no tracing, no assertions) ..."
	@OBJCACHE=$(COSIM_OBJCACHE) $(VERILATOR) --cc --exe --build --top-module mmu_top -O3 -Wall \
	    -Mdir $(ROOT)/$(BUILD)/vl/mmubench-rtl -o $(ROOT)/$@ -MAKEFLAGS "$(COSIM_VMAKE)" \
	    -CFLAGS "-std=c++17 -I$(ROOT)/model/include -I$(ROOT)/csim/bench" \
	    $(RTL_SRCS) $(ROOT)/csim/bench/rtl_ceiling.cpp $(addprefix $(ROOT)/,$(call objs,$(BENCH_FIG_SRCS)) $(MODEL_LIB)) \
	    > $(BUILD)/vl/mmubench-rtl.log 2>&1 || { cat $(BUILD)/vl/mmubench-rtl.log; exit 1; }

# build/mmucosim-bench: the lockstep harness over the RTL Verilated for speed (no --trace-fst, no
# --assert); `mmucosim-bench --bench` measures the RTL and the model in the harness and lockstep.
COSIM_BENCH_VFLAGS := --cc --exe --build --top-module mmu_cosim_top -O3 -Wall -I$(ROOT)/csim
$(eval $(call cosim_variant,mmucosim-bench,16,16,0,,bench,$(COSIM_BENCH_VFLAGS),-DCOSIM_BENCH=1))

BENCH_REPS   ?= 3
BENCH_CYCLES ?= 1000000
BENCH_BINS   := $(MODEL_BENCH) $(RTL_BENCH) $(BUILD)/mmucosim-bench $(COSIM_BIN) $(COSIM_VAR_BINS) $(MMUSIM)
.PHONY: bench bench-bins
bench-bins: $(BENCH_BINS)
bench: | $(DEPS_STAMP)
	@$(SUBMAKE) bench-bins
	@BENCH_REPS=$(BENCH_REPS) BENCH_CYCLES=$(BENCH_CYCLES) bash scripts/bench.sh
