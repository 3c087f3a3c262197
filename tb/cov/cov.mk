# `make coverage` (docs/verification.md): what the regression covered.
#   functional   the default regression (scripts/regress.sh) with every run's bins of the coverage
#                model (tb/cov/mmu_cov.cpp) merged by scripts/coverage.py
#   RTL code     build/mmucosim-cov, the lockstep Verilated with --coverage (line, toggle,
#                assertion/cover points), over every mode, the mix, two fixed memories and every
#                16-entry scenario; merged by verilator_coverage, HTML by genhtml (Debian's lcov)
#   model code   the same runs with the C model compiled for gcov (-O0 --coverage), lcov + genhtml
# Everything goes to build/coverage/ (index.html links the three reports).
COV_OUT         := $(BUILD)/coverage
GCOV_OBJ        := $(BUILD)/gcov
GCOV_MODEL_OBJS := $(addprefix $(GCOV_OBJ)/,$(MODEL_SRCS:.c=.o))
GCOV_MODEL_LIB  := $(GCOV_OBJ)/libmmumodel-gcov.a
COSIM_COV_BIN   := $(BUILD)/mmucosim-cov

$(GCOV_OBJ)/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CC   $< (gcov)")
	$(Q)$(CC) $(filter-out -O%,$(CFLAGS_MODEL)) -O0 --coverage -MMD -MP -c $< -o $@
$(GCOV_OBJ)/model/mmu_version.o: CFLAGS_MODEL += -DMMU_KIT_VERSION='"$(VERSION)"'
-include $(GCOV_MODEL_OBJS:.o=.d)
$(GCOV_MODEL_LIB): $(GCOV_MODEL_OBJS)
	@rm -f $@
	$(Q)ar rcs $@ $^

# --coverage for Verilator's points, -LDFLAGS --coverage for gcov's runtime (the model's .gcda)
$(eval $(call cosim_variant,mmucosim-cov,16,16,0,,coverage,$(COSIM_VFLAGS) --coverage -LDFLAGS --coverage,\
    -DCOSIM_COV=1,$(COSIM_OBJS) $(HARNESS_LIB) $(STIM_LIB) $(GCOV_MODEL_LIB)))

.PHONY: coverage coverage-build
coverage: | $(DEPS_STAMP)
	@$(SUBMAKE) coverage-build
	@bash scripts/code-coverage.sh
coverage-build: $(COSIM_DEPS) $(COSIM_COV_BIN)

# coverage.py's own checks (a merge, a hole, an unreachable bin that was hit): no build needed.
TEST_SUITES += "bash tb/cov/cov-test.sh"
