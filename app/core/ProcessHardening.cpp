#include "core/ProcessHardening.h"

#if defined(__linux__)
#include <sys/prctl.h>
#include <sys/resource.h>
#endif

namespace hftm::ProcessHardening {

bool apply()
{
#if defined(__linux__)
    // Not dumpable: no core file even if RLIMIT_CORE is raised again, /proc/<pid>/mem, environ and
    // ptrace closed to other processes of the same user (only CAP_SYS_PTRACE gets through).
    const bool notDumpable = ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0;
    // A zero hard limit as well, so neither this process nor a child it starts can raise it back.
    const rlimit noCore{0, 0};
    const bool noCoreFile = ::setrlimit(RLIMIT_CORE, &noCore) == 0;
    return notDumpable && noCoreFile;
#else
    return true;
#endif
}

} // namespace hftm::ProcessHardening
