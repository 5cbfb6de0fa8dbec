#pragma once

#include "core/files/StoreIdentity.h"
#include "core/secrets/SecretStore.h"

#include <memory>

namespace hftm {

// The platform keychain for one token store: the Secret Service through libsecret on Linux (labelled,
// attributed items), QtKeychain elsewhere (service "hf-token-manager/<store id>").
std::unique_ptr<SecretStore> makeSystemSecretStore(const StoreIdentity &identity);

} // namespace hftm
