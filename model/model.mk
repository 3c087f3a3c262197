# C11 reference model: build/libmmumodel.a (static, for harnesses) and build/libmmumodel.so.
MODEL_SRCS := $(wildcard model/*.c)
MODEL_OBJS := $(call objs,$(MODEL_SRCS))
MODEL_LIB  := $(BUILD)/libmmumodel.a
MODEL_SO   := $(BUILD)/libmmumodel.so
ALL_OBJS   += $(MODEL_OBJS)

model: $(MODEL_LIB) $(MODEL_SO)

$(MODEL_LIB): $(MODEL_OBJS)
	@rm -f $@
	$(Q)ar rcs $@ $^

$(MODEL_SO): $(MODEL_OBJS)
	$(Q)$(CC) -shared -o $@ $^

# The kit's version (the file VERSION) is compiled into the model: mmu_version(), every --version.
$(OBJ)/model/mmu_version.o: VERSION
$(OBJ)/model/mmu_version.o: CFLAGS_MODEL += -DMMU_KIT_VERSION='"$(VERSION)"'
