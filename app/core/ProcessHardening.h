#pragma once

namespace hftm {

// Start-up hardening for both programs: the process holds secrets, so it must never be written to a core
// file and no other process of the same user may read its memory (ptrace, /proc/<pid>/mem).
namespace ProcessHardening {

// Sets PR_SET_DUMPABLE 0 and RLIMIT_CORE 0. Call first thing in main(), before any secret is read.
// Returns false if either call failed (the program still runs; there is nothing better to do).
bool apply();

} // namespace ProcessHardening
} // namespace hftm
