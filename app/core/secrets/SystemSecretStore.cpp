#include "core/secrets/SystemSecretStore.h"

#ifdef HFTM_HAVE_LIBSECRET
#include "core/secrets/SecretServiceStore.h"
#else
#include "core/secrets/KeychainSecretStore.h"
#endif

namespace hftm {

std::unique_ptr<SecretStore> makeSystemSecretStore(const StoreIdentity &identity)
{
#ifdef HFTM_HAVE_LIBSECRET
    return std::make_unique<SecretServiceStore>(identity);
#else
    return std::make_unique<KeychainSecretStore>(QString::fromLatin1(KeychainSecretStore::ServiceName) +
                                                 QLatin1Char('/') + identity.id);
#endif
}

} // namespace hftm
