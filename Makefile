# MMU verification kit: one Makefile, one fragment per directory (model/, tb/, rtl/, csim/).
# The README's two commands: `make cosim` (build everything, default lockstep regression) and
# `make test` (every test, ending with "N passed, M failed").
SHELL      := /bin/bash
BUILD      ?= build
ROOT       := $(abspath .)
CC         ?= gcc
CXX        ?= g++
OPT        ?= -O2
CFLAGS_MODEL := -std=c11 $(OPT) -g -fPIC -Wall -Wextra -Wpedantic -Werror -Imodel/include
CXXFLAGS_TB  := -std=c++17 $(OPT) -g -Wall -Wextra -Imodel/include -Icsim -Itb
DEPS_STAMP := $(BUILD)/.deps-ok

.PHONY: all deps model test cosim bench lint clean
all: model

# Installs missing Debian packages when run as root, otherwise names them and stops.
deps: $(DEPS_STAMP)
$(DEPS_STAMP): scripts/install-deps.sh
	@bash scripts/install-deps.sh
	@mkdir -p $(BUILD) && touch $@

include model/model.mk
-include tb/tb.mk
-include tb/unit/unit.mk
-include rtl/rtl.mk
-include csim/csim.mk
-include csim/sc/sc.mk
-include tb/sv/dpi.mk
-include tb/interop.mk
-include waves/waves.mk

# Every test suite prints "N passed, M failed"; run-tests.sh runs them all and adds them up.
test: $(TEST_DEPS)
	@bash scripts/run-tests.sh $(TEST_SUITES)

clean:
	rm -rf $(BUILD)
