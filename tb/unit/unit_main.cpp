// main() of build/unit_tests: GoogleTest's, plus --version like every binary of the kit.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>

#include "mmu_model.h"

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (std::strcmp(argv[i], "--version") == 0) {
            std::printf("unit_tests (MMU verification kit) %s\n", mmu_version());
            return 0;
        }
    testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
