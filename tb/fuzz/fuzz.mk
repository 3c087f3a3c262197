# libFuzzer targets (docs/verification.md, "Fuzzing"), built with Debian's clang into build/fuzz/:
#   build/fuzz/fuzz_scenario  the scenario parser (tb/scenario.cpp) on arbitrary bytes
#   build/fuzz/fuzz_model     the model's untimed face against its cycle face
# Each binary compiles the model and the stimulus sources itself, with clang and
# -fsanitize=fuzzer,address,undefined, into objects of its own under build/fuzz/obj/ (the gcc
# build in build/obj/ is not touched). clang and its runtimes (libclang-rt-14-dev) come from
# scripts/install-deps.sh.
#   make fuzz [FUZZ_SECONDS=N] [FUZZ_TARGETS="scenario model"]   N seconds per target (default 60)
#   make fuzz-build                                              the binaries only
# The short deterministic run in `make test` is tb/fuzz/fuzz-test.sh.
FUZZ_DIR      := $(BUILD)/fuzz
FUZZ_OBJ      := $(FUZZ_DIR)/obj
FUZZ_CC       ?= clang
FUZZ_CXX      ?= clang++
FUZZ_SECONDS  ?= 60
FUZZ_TARGETS  ?= scenario model
FUZZ_SAN      := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_CFLAGS   := -std=c11 -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link -Wall -Wextra -Imodel/include \
                 -DMMU_KIT_VERSION='"$(VERSION)"'
FUZZ_CXXFLAGS := -std=c++17 -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link -Wall -Wextra -Imodel/include \
                 -Icsim -Itb
FUZZ_LDFLAGS  := -fsanitize=fuzzer $(FUZZ_SAN)
fuzz_objs      = $(addprefix $(FUZZ_OBJ)/,$(addsuffix .o,$(basename $(1))))

FUZZ_MODEL_SRCS    := $(wildcard model/*.c)
FUZZ_SCENARIO_SRCS := tb/fuzz/fuzz_scenario.cpp tb/scenario.cpp tb/mem_model.cpp $(FUZZ_MODEL_SRCS)
FUZZ_MODEL_T_SRCS  := tb/fuzz/fuzz_model.cpp $(FUZZ_MODEL_SRCS)
FUZZ_BINS          := $(FUZZ_DIR)/fuzz_scenario $(FUZZ_DIR)/fuzz_model
ALL_OBJS           += $(call fuzz_objs,$(sort $(FUZZ_SCENARIO_SRCS) $(FUZZ_MODEL_T_SRCS)))

$(FUZZ_OBJ)/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  FUZZ-CC  $<")
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -c $< -o $@
$(FUZZ_OBJ)/%.o: %.cpp | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  FUZZ-CXX $<")
	$(Q)$(FUZZ_CXX) $(FUZZ_CXXFLAGS) -MMD -MP -c $< -o $@
$(FUZZ_OBJ)/model/mmu_version.o: VERSION

$(FUZZ_DIR)/fuzz_scenario: $(call fuzz_objs,$(FUZZ_SCENARIO_SRCS))
	$(Q)$(FUZZ_CXX) $(FUZZ_LDFLAGS) -o $@ $^
$(FUZZ_DIR)/fuzz_model: $(call fuzz_objs,$(FUZZ_MODEL_T_SRCS))
	$(Q)$(FUZZ_CXX) $(FUZZ_LDFLAGS) -o $@ $^

.PHONY: fuzz fuzz-build
fuzz-build: $(FUZZ_BINS)
fuzz: | $(DEPS_STAMP)
	@$(SUBMAKE) fuzz-build
	@bash tb/fuzz/fuzz-run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

TEST_SUITES += "bash tb/fuzz/fuzz-test.sh"
TEST_DEPS   += $(FUZZ_BINS)

#: make fuzz         libFuzzer on the scenario parser and on the model's two faces, FUZZ_SECONDS=N each (60)
