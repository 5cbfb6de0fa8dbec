#pragma once

#include <cstdio>
#include <cstdlib>

// A property that must hold for every input: abort() so libFuzzer records the input as a crash.
// Never prints the input (it may hold something shaped like a token); libFuzzer saves it to a file.
#define HFTM_FUZZ_REQUIRE(condition)                                                                     \
    do {                                                                                                 \
        if (!(condition)) {                                                                              \
            std::fprintf(stderr, "property failed: %s (%s:%d)\n", #condition, __FILE__, __LINE__);      \
            std::abort();                                                                                \
        }                                                                                                \
    } while (false)
