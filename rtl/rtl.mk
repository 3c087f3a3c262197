# SystemVerilog RTL: source list for the other fragments and `make lint`. The list is rtl/mmu.f
# (read with sed, which every machine has, so nothing installed is asked at parse time).
# RTL_SRCS is absolute (Verilator's make runs inside its -Mdir), package first; RTL_SRCS_REL is the
# same list relative to the repository root.
RTL_SRCS_REL := $(addprefix rtl/,$(shell sed 's/\#.*//' rtl/mmu.f))
RTL_SRCS     := $(abspath $(RTL_SRCS_REL))
RTL_TOP      := mmu_top
VERILATOR    ?= verilator

# Every build the lint covers: defaults and the parameter corners.
RTL_LINT_CONFIGS := default \
                    -GTlbEntries=4:-GAsidWidth=0 \
                    -GTlbEntries=64:-GAsidWidth=9 \
                    -GTlbEntries=8:-GAsidWidth=1

.PHONY: lint
lint: $(RTL_SRCS) | $(DEPS_STAMP)
	@set -e; for cfg in $(RTL_LINT_CONFIGS); do \
	  opts=$$( [ "$$cfg" = default ] || echo "$$cfg" | tr ':' ' ' ); \
	  echo "lint ($$cfg): $(VERILATOR) --lint-only -Wall --top-module $(RTL_TOP) $$opts"; \
	  $(VERILATOR) --lint-only -Wall --top-module $(RTL_TOP) $$opts $(RTL_SRCS); \
	done; echo "lint: clean"
