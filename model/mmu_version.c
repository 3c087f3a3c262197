/* The kit's version, from the file VERSION (model/model.mk passes it as MMU_KIT_VERSION). */
#include "mmu_model.h"

#ifndef MMU_KIT_VERSION
#error "MMU_KIT_VERSION must be defined by model/model.mk (from the file VERSION)"
#endif

const char *mmu_version(void) { return MMU_KIT_VERSION; }
