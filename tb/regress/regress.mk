# Regression runs beyond the default one (docs/verification.md, docs/regression.md):
#   make xcheck   X-initialisation: the RTL Verilated with --x-assign unique --x-initial unique
#                 (build/mmucosim-xinit), tb/regress/xcheck.list under 10 +verilator+seed+ values
#   make soak     100 M random lockstep cycles over every mode, 0 mismatches, constant memory
# make test runs the short form of xcheck (one seed) and the backend test (tb/regress/backend-test.sh).
COSIM_XINIT_BIN := $(BUILD)/mmucosim-xinit
$(eval $(call cosim_variant,mmucosim-xinit,16,16,0,,x-init,$(COSIM_VFLAGS) --x-assign unique --x-initial unique,\
    -DCOSIM_XINIT=1))

.PHONY: xcheck soak
xcheck: | $(DEPS_STAMP)
	@$(SUBMAKE) $(COSIM_DEPS) $(COSIM_XINIT_BIN)
	@bash scripts/xcheck.sh $(XCHECK_SEEDS)
soak: | $(DEPS_STAMP)
	@$(SUBMAKE) cosim-build
	@bash scripts/soak.sh $(if $(SOAK_CYCLES),--cycles $(SOAK_CYCLES))

TEST_SUITES += "bash scripts/xcheck.sh --short 7"
TEST_DEPS   += $(COSIM_XINIT_BIN)

# make sanitize: the model, the scenario runner, the unit tests and the lockstep harness (with
# the Verilated RTL) built with -fsanitize=address,undefined into build/san and run
# (scripts/sanitize.sh); make test runs it too. -O1: the runs are short, the compiles are not.
SAN_BUILD := $(BUILD)/san
.PHONY: sanitize sanitize-build
sanitize-build: | $(DEPS_STAMP)
	@$(MAKE) --no-print-directory BUILD=$(SAN_BUILD) SANITIZE=address,undefined OPT=-O1 MODEL_OPT=-O1 \
	    COSIM_VMAKE="OPT_FAST=-O1 OPT_GLOBAL=-O1" \
	    $(SAN_BUILD)/mmusim $(SAN_BUILD)/unit_tests $(SAN_BUILD)/mmucosim
sanitize: sanitize-build
	@bash scripts/sanitize.sh
TEST_SUITES += "bash scripts/sanitize.sh"
TEST_DEPS   += sanitize-build

# make mutate: scripts/mutate.py (MUTATE_COUNT mutants, MUTATE_SEED), over tb/regress/mutate.list.
# The mutants build like build/mmucosim without --trace-fst (faster); assertions stay in.
MUTATE_COUNT ?= 24
MUTATE_SEED  ?= 1
.PHONY: mutate cosim-vcmd
cosim-vcmd:
	@echo '$(call cosim_vcmd,mmucosim-mutant,16,16,0,,,--cc --exe --build --top-module mmu_cosim_top --assert -O3 -Wall -I$(ROOT)/csim,-DCOSIM_BENCH=0)'
mutate: | $(DEPS_STAMP)
	@$(SUBMAKE) cosim-build
	@python3 scripts/mutate.py --count $(MUTATE_COUNT) --seed $(MUTATE_SEED)
