# Waveform debugging (issue 4, docs/debugging.md): GTKWave views of the lockstep waves.
#   waves/mmu.gtkw     the save-file template (signal groups, enum flags); build/mmucosim writes a
#                      filled-in copy next to every FST it records (--waves, failures)
#   waves/render.sh    headless PNG rendering (xvfb-run + gtkwave -S grab.tcl)
#   waves/closeup.sh   a failure view's close-up: its last cycles, the marker on a later event
#   waves/mmu_wave_filter.cpp  the GTKWave filters, installed in build/gtkw/ (`make gtkw-filters`,
#                      part of cosim-bins, make cosim and make test): mmu-wave-filter, the PTE
#                      process filter, and the translate filter files it writes from the kit's one
#                      list of names (mmu_enums.h): cause.txt, exc.txt, csr.txt. The .gtkw files
#                      the harness writes point at the filters next to its binary.
# `make waves` renders, without a display:
#   build/waves/sv39_walk.png       a real Sv39 translation with a 3-level walk (random stimulus,
#                                   first translation matching WAVES_FOCUS)
#   build/waves/dirty_mismatch.png  the MMU_BUG_DIRTY defect's first mismatch (the failure files)
#   build/waves/dirty_closeup.png   the same failure's transaction and walker groups up close, the
#                                   marker on the model's A/D write (decoded PTEs at the marker)
# Choose another translation: make waves WAVES_FOCUS="--focus-txn 120" WAVES_SEED=3
# `make waves-docs` copies them into docs/img/ (the pictures in README.md and docs/debugging.md).
WAVES_DIR    := $(BUILD)/waves
WAVES_SEED   ?= 1
WAVES_MODE   ?= sv39
WAVES_FOCUS  ?= --focus-walk 3
WAVES_ARGS   ?= --cycles 20000 --latency 1
WAVES_SIZE   ?= 1900x1500
WAVES_GROUPS ?= 01345
WAVES_CLOSEUP_SIZE ?= 1900x1150

GTKW_FILTER_DIR := $(BUILD)/gtkw
GTKW_FILTER     := $(GTKW_FILTER_DIR)/mmu-wave-filter
GTKW_FILTERS    := $(GTKW_FILTER) $(addprefix $(GTKW_FILTER_DIR)/,cause.txt exc.txt csr.txt)
ALL_OBJS        += $(call objs,waves/mmu_wave_filter.cpp)

.PHONY: waves waves-check waves-docs gtkw-filters
gtkw-filters: $(GTKW_FILTERS)
$(GTKW_FILTER): $(call objs,waves/mmu_wave_filter.cpp) $(STIM_LIB) $(MODEL_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CXX) $(CXXFLAGS_TB) -o $@ $^
$(GTKW_FILTER_DIR)/%.txt: $(GTKW_FILTER)
	$(Q)$< --translate $* > $@.tmp && mv $@.tmp $@
cosim-bins: $(GTKW_FILTERS)
COSIM_DEPS += $(GTKW_FILTERS)
TEST_DEPS  += $(GTKW_FILTERS)

waves-check:
	@bash waves/render.sh --check

waves: waves-check $(COSIM_BIN) $(BUILD)/mmucosim-bug-dirty $(GTKW_FILTERS)
	@mkdir -p $(WAVES_DIR)
	@echo "waves: seed $(WAVES_SEED), mode $(WAVES_MODE), $(WAVES_FOCUS)"
	@$(COSIM_BIN) --seed $(WAVES_SEED) --mode $(WAVES_MODE) $(WAVES_ARGS) $(WAVES_FOCUS) \
	    --waves $(WAVES_DIR)/sv39_walk.fst --wave-window 20 --gtkw-open $(WAVES_GROUPS) \
	    --gtkw-size $(WAVES_SIZE) --txn-log $(WAVES_DIR)/sv39_walk.txn.log --quiet \
	    > $(WAVES_DIR)/sv39_walk.log 2>&1 || { cat $(WAVES_DIR)/sv39_walk.log; exit 1; }
	@grep -q 'GTKWave view' $(WAVES_DIR)/sv39_walk.log || \
	    { cat $(WAVES_DIR)/sv39_walk.log; echo "waves: no translation matched $(WAVES_FOCUS)"; exit 1; }
	@bash waves/render.sh $(WAVES_DIR)/sv39_walk.gtkw $(WAVES_DIR)/sv39_walk.png
	@rm -rf $(WAVES_DIR)/dirty && mkdir -p $(WAVES_DIR)/dirty
	@$(BUILD)/mmucosim-bug-dirty --seed 1 --mode sv39 --fail-dir $(WAVES_DIR)/dirty \
	    --gtkw-open $(WAVES_GROUPS) --gtkw-size $(WAVES_SIZE) > $(WAVES_DIR)/dirty_mismatch.log 2>&1; \
	    test $$? = 1 || { cat $(WAVES_DIR)/dirty_mismatch.log; echo "waves: MMU_BUG_DIRTY did not fail"; exit 1; }
	@bash waves/render.sh $(WAVES_DIR)/dirty/mmucosim-bug-dirty-seed1-sv39.gtkw \
	    $(WAVES_DIR)/dirty_mismatch.png
	@rm -rf $(WAVES_DIR)/dirty-closeup && mkdir -p $(WAVES_DIR)/dirty-closeup
	@$(BUILD)/mmucosim-bug-dirty --seed 1 --mode sv39 --fail-dir $(WAVES_DIR)/dirty-closeup \
	    --gtkw-open 04 --gtkw-size $(WAVES_CLOSEUP_SIZE) > $(WAVES_DIR)/dirty_closeup.log 2>&1; \
	    test $$? = 1 || { cat $(WAVES_DIR)/dirty_closeup.log; echo "waves: MMU_BUG_DIRTY did not fail"; exit 1; }
	@bash waves/closeup.sh $(WAVES_DIR)/dirty-closeup/mmucosim-bug-dirty-seed1-sv39.gtkw \
	    $(WAVES_DIR)/dirty_closeup.png model_mem_req_write

waves-docs: waves
	@mkdir -p docs/img
	cp $(WAVES_DIR)/sv39_walk.png docs/img/sv39_walk.png
	cp $(WAVES_DIR)/dirty_mismatch.png docs/img/dirty_mismatch.png
	cp $(WAVES_DIR)/dirty_closeup.png docs/img/dirty_closeup.png

TEST_SUITES += "bash scripts/waves-test.sh"
