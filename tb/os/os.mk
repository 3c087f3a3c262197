# The OS model and the paging studies (tb/os/, docs/studies.md):
#   build/libmmuos.a      the OS model (C11, on the model's untimed face) and the trace reader
#   build/mmustudy        a trace through it: TLB, page-fault and AMAT figures; --sweep: CSV, PNG
#   build/os_tests        GoogleTest of the OS model (tb/os/test_*.cpp)
#   build/os/programs/*   the small C programs the study traces under valgrind (tb/os/programs/)
# `make study` traces the programs and sweeps them into build/study/ (tb/os/study.sh).
OS_SRCS       := tb/os/os_model.c tb/os/os_pagetable.c tb/os/os_frames.c tb/os/os_swap.c \
                 tb/os/os_replace.c tb/os/os_trace.c
OS_LIB        := $(BUILD)/libmmuos.a
MMUSTUDY_SRCS := tb/os/mmustudy.cpp
MMUSTUDY      := $(BUILD)/mmustudy
OS_TEST_SRCS  := $(wildcard tb/os/test_*.cpp)
OS_TESTS      := $(BUILD)/os_tests
OS_PROGRAMS   := $(patsubst tb/os/programs/%.c,$(BUILD)/os/programs/%,$(wildcard tb/os/programs/*.c))
ALL_OBJS      += $(call objs,$(OS_SRCS) $(MMUSTUDY_SRCS) $(OS_TEST_SRCS))

$(OBJ)/tb/os/%.o: CFLAGS_MODEL += -Itb/os
$(OBJ)/tb/os/%.o: CXXFLAGS_TB += -Itb/os

.PHONY: study os-tests
#: make study        trace tb/os/programs under valgrind; TLB and paging sweeps into build/study/

$(OS_LIB): $(call objs,$(OS_SRCS))
	@rm -f $@
	$(Q)ar rcs $@ $^

$(MMUSTUDY): $(call objs,$(MMUSTUDY_SRCS)) $(OS_LIB) $(MODEL_LIB)
	$(Q)$(CXX) $(CXXFLAGS_TB) -o $@ $^

$(OS_TESTS): $(call objs,$(OS_TEST_SRCS)) $(OS_LIB) $(MODEL_LIB)
	$(Q)$(CXX) $(CXXFLAGS_TB) -o $@ $^ -lgtest -lgtest_main -pthread

# Linked statically: the traces then hold the program and libc, not the dynamic loader's work.
$(BUILD)/os/programs/%: tb/os/programs/%.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CC   $<")
	$(Q)$(CC) -std=c11 -O2 -g -Wall -Wextra -Wpedantic -Werror -static -o $@ $<

os-tests: $(OS_TESTS)
	$(OS_TESTS)

study: $(MMUSTUDY) $(OS_PROGRAMS)
	@bash tb/os/study.sh

TEST_SUITES += $(OS_TESTS) "bash tb/os/study-test.sh"
TEST_DEPS   += $(OS_TESTS) $(MMUSTUDY) $(OS_PROGRAMS)
