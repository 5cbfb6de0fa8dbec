#pragma once
// Private to KeychainSecretStore: the one thread every QtKeychain job runs on.

#include <functional>

namespace hftm::keychainthread {

// Posts 'start' to the keychain thread, whose own event loop (not the caller's) drives QtKeychain's jobs
// and their GLib callbacks, and blocks the calling thread until 'start' calls the function it was given,
// or until timeoutMs passed. Never call it from the keychain thread itself. 'start' must own what it
// touches: after a timeout it may finish long after the caller has gone.
bool run(const std::function<void(std::function<void()> done)> &start, int timeoutMs);

} // namespace hftm::keychainthread
