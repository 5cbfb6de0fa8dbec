#pragma once

#include "core/Result.h"

#include <QList>
#include <QString>

namespace hftm {

class BoundedCaller;

// Items written before each token store had its own keychain namespace: QtKeychain's scheme with the
// service "hf-token-manager" and the token's bare name as the key, shared by every HF_HOME. Read so they
// can be moved into the store they belong to; removed only once moved.
class LegacyKeychainItems {
public:
    static constexpr const char *ServiceName = "hf-token-manager";
    struct Item {
        QString name;
        QString secret; // empty when only names were asked for
    };

    explicit LegacyKeychainItems(BoundedCaller &caller);
    Result<QList<Item>> list(bool withSecrets);
    Error remove(const QString &name);

private:
    BoundedCaller &m_caller;
};

} // namespace hftm
