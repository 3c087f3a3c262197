# Scenario runner: build/mmusim (scenarios against the model alone), its parser/executor for the
# lockstep harnesses (SCENARIO_SRCS), and the scenario regression (scripts/run-scenarios.sh).
SCENARIO_SRCS := tb/scenario.cpp csim/mem_model.cpp
SCENARIO_HDRS := tb/scenario.h tb/quiz.h tb/dut.h csim/mem_model.h $(wildcard model/include/*.h)
SCENARIO_OBJS := $(patsubst %.cpp,$(BUILD)/%.o,$(SCENARIO_SRCS))
MMUSIM        := $(BUILD)/mmusim

.PHONY: mmusim scenarios
mmusim: $(MMUSIM)

$(BUILD)/tb/%.o: tb/%.cpp $(SCENARIO_HDRS) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS_TB) -c $< -o $@

$(BUILD)/csim/mem_model.o: csim/mem_model.cpp csim/mem_model.h $(wildcard model/include/*.h) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS_TB) -c $< -o $@

$(MMUSIM): $(BUILD)/tb/mmusim.o $(BUILD)/tb/quiz.o $(SCENARIO_OBJS) $(MODEL_LIB)
	$(CXX) $(CXXFLAGS_TB) -o $@ $^

scenarios: $(MMUSIM)
	@bash scripts/run-scenarios.sh

TEST_SUITES += "bash scripts/run-scenarios.sh" "bash tb/ostep/ostep-test.sh" "bash tb/quiz-test.sh"
TEST_DEPS   += $(MMUSIM)
