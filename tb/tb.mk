# Stimulus, shared by the scenario runner, the unit tests and every lockstep harness (csim/):
#   build/libmmustim.a  the page-table memory (tb/mem_model), the scenario parser and executor
#                       (tb/scenario, over the Dut interface of tb/dut.h), the random
#                       generator (tb/gen) and the transaction JSON record (tb/txn_json)
#   build/mmusim        scenarios and quizzes against the model alone
# `make scenarios` runs the scenario regression (scripts/run-scenarios.sh). Nothing here uses csim/.
STIM_SRCS   := tb/mem_model.cpp tb/scenario.cpp tb/gen/random_gen.cpp tb/txn_json.cpp
STIM_LIB    := $(BUILD)/libmmustim.a
MMUSIM_SRCS := tb/mmusim.cpp tb/quiz.cpp
MMUSIM      := $(BUILD)/mmusim
ALL_OBJS    += $(call objs,$(STIM_SRCS) $(MMUSIM_SRCS))

.PHONY: mmusim scenarios
mmusim: $(MMUSIM)

$(STIM_LIB): $(call objs,$(STIM_SRCS))
	@rm -f $@
	$(Q)ar rcs $@ $^

$(MMUSIM): $(call objs,$(MMUSIM_SRCS)) $(STIM_LIB) $(MODEL_LIB)
	$(Q)$(CXX) $(CXXFLAGS_TB) -o $@ $^

scenarios: $(MMUSIM)
	@bash scripts/run-scenarios.sh

TEST_SUITES += "bash scripts/run-scenarios.sh" "bash tb/input-hygiene-test.sh" "bash tb/ostep/ostep-test.sh" \
               "bash tb/quiz-test.sh"
TEST_DEPS   += $(MMUSIM)
