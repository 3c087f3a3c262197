# GoogleTest unit tests of the C model: build/unit_tests from tb/unit/*.cpp (its own main).
UNIT_SRCS  := $(wildcard tb/unit/*.cpp)
UNIT_TESTS := $(BUILD)/unit_tests
ALL_OBJS   += $(call objs,$(UNIT_SRCS))

.PHONY: unit
unit: $(UNIT_TESTS)
	$(UNIT_TESTS)

$(OBJ)/tb/unit/%.o: CXXFLAGS_TB += -Itb/unit

$(UNIT_TESTS): $(call objs,$(UNIT_SRCS)) $(STIM_LIB) $(MODEL_LIB)
	$(Q)$(CXX) $(CXXFLAGS_TB) -o $@ $^ -lgtest -pthread

TEST_SUITES += $(UNIT_TESTS)
TEST_DEPS   += $(UNIT_TESTS)

# the lookup-memo test reads the model's TLB block directly (model/mmu_tlb.h)
$(OBJ)/tb/unit/test_tlb_memo.o: CXXFLAGS_TB += -Imodel
