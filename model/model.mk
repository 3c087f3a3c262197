# C11 reference model: build/libmmumodel.a (static, for harnesses) and build/libmmumodel.so.
MODEL_SRCS := $(wildcard model/*.c)
MODEL_OBJS := $(patsubst model/%.c,$(BUILD)/model/%.o,$(MODEL_SRCS))
MODEL_HDRS := $(wildcard model/*.h model/include/*.h)
MODEL_LIB  := $(BUILD)/libmmumodel.a
MODEL_SO   := $(BUILD)/libmmumodel.so

model: $(MODEL_LIB) $(MODEL_SO)

$(BUILD)/model/%.o: model/%.c $(MODEL_HDRS) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_MODEL) -c $< -o $@

$(MODEL_LIB): $(MODEL_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(MODEL_SO): $(MODEL_OBJS)
	$(CC) -shared -o $@ $^

# The kit's version (the file VERSION) is compiled into the model: mmu_version(), every --version.
$(BUILD)/model/mmu_version.o: VERSION
$(BUILD)/model/mmu_version.o: CFLAGS_MODEL += -DMMU_KIT_VERSION='"$(VERSION)"'
