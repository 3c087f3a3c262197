# GoogleTest unit tests of the C model: build/unit_tests from tb/unit/*.cpp and csim/mem_model.cpp.
# Objects go to $(BUILD)/unit/ (not $(BUILD)/tb/, whose pattern rule belongs to tb/tb.mk).
UNIT_SRCS  := $(wildcard tb/unit/*.cpp)
UNIT_HDRS  := $(wildcard tb/unit/*.h) csim/mem_model.h $(wildcard model/include/*.h)
UNIT_OBJS  := $(patsubst tb/unit/%.cpp,$(BUILD)/unit/%.o,$(UNIT_SRCS)) $(BUILD)/unit/mem_model.o
UNIT_TESTS := $(BUILD)/unit_tests

.PHONY: unit
unit: $(UNIT_TESTS)
	$(UNIT_TESTS)

$(BUILD)/unit/%.o: tb/unit/%.cpp $(UNIT_HDRS) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS_TB) -Itb/unit -c $< -o $@

$(BUILD)/unit/mem_model.o: csim/mem_model.cpp csim/mem_model.h $(wildcard model/include/*.h) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS_TB) -c $< -o $@

$(UNIT_TESTS): $(UNIT_OBJS) $(MODEL_LIB)
	$(CXX) $(CXXFLAGS_TB) -o $@ $^ -lgtest -pthread

TEST_SUITES += $(UNIT_TESTS)
TEST_DEPS   += $(UNIT_TESTS)
