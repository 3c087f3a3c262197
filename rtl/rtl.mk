# SystemVerilog RTL: source list for the other fragments and `make lint`.
# RTL_SRCS is absolute (Verilator's make runs inside its -Mdir), package first; RTL_SRCS_REL is the
# same list relative to the repository root.
RTL_SRCS_REL := rtl/mmu_pkg.sv rtl/mmu_csr.sv rtl/mmu_seg.sv rtl/mmu_tlb.sv rtl/mmu_ptw.sv \
                rtl/mmu_top.sv
RTL_SRCS     := $(abspath $(RTL_SRCS_REL))
RTL_TOP      := mmu_top
VERILATOR    ?= verilator

# Every build the lint covers: defaults, the parameter corners, and the two deliberate defects.
RTL_LINT_CONFIGS := default \
                    -GTlbEntries=4:-GAsidWidth=0 \
                    -GTlbEntries=64:-GAsidWidth=9 \
                    -GTlbEntries=8:-GAsidWidth=1 \
                    -DMMU_BUG_DIRTY \
                    -DMMU_BUG_LRU

.PHONY: lint
lint: $(RTL_SRCS) | $(DEPS_STAMP)
	@set -e; for cfg in $(RTL_LINT_CONFIGS); do \
	  opts=$$( [ "$$cfg" = default ] || echo "$$cfg" | tr ':' ' ' ); \
	  echo "lint ($$cfg): $(VERILATOR) --lint-only -Wall --top-module $(RTL_TOP) $$opts"; \
	  $(VERILATOR) --lint-only -Wall --top-module $(RTL_TOP) $$opts $(RTL_SRCS); \
	done; echo "lint: clean"
