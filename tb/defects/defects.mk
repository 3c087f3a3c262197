# Deliberate defects for the harnesses' self-tests (scripts/defect-test.sh and the SystemC, DPI,
# cocotb and waves suites): each tb/defects/NAME.patch is applied to a copy of rtl/ at build time
# (build/defects/NAME/rtl/), so that rtl/ is exactly what a user synthesizes and no file under it
# mentions a defect. `patch` comes with build-essential (dpkg-dev).
#   dirty.patch  with HWAD=1 a store to a clean page is taken as dirty: no D write, no refill
#   lru.patch    a TLB hit does not update the true-LRU state
DEFECTS := dirty lru

# The defect's copy of the RTL, absolute like RTL_SRCS: $(call defect_srcs,NAME)
defect_srcs  = $(addprefix $(ROOT)/$(BUILD)/defects/$(1)/,$(RTL_SRCS_REL))
defect_stamp = $(BUILD)/defects/$(1)/.applied

$(BUILD)/defects/%/.applied: tb/defects/%.patch $(RTL_SRCS_REL) rtl/mmu.f | $(DEPS_STAMP)
	@rm -rf $(BUILD)/defects/$* && mkdir -p $(BUILD)/defects/$*
	@cp -r rtl $(BUILD)/defects/$*/rtl
	@patch -s -d $(BUILD)/defects/$* -p1 < tb/defects/$*.patch || \
	    { echo "defects: tb/defects/$*.patch no longer applies to rtl/ (update it)"; exit 1; }
	@touch $@

.PHONY: lint-defects
lint: lint-defects
lint-defects: $(foreach d,$(DEFECTS),$(call defect_stamp,$(d)))
	@set -e; for d in $(DEFECTS); do \
	  echo "lint (defect $$d): $(VERILATOR) --lint-only -Wall --top-module $(RTL_TOP)"; \
	  $(VERILATOR) --lint-only -Wall --top-module $(RTL_TOP) \
	      $(addprefix $(BUILD)/defects/$$d/,$(RTL_SRCS_REL)); \
	done
