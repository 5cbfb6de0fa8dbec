#include "core/base/TokenRecord.h"

namespace hftm {

QDateTime TokenRecord::expires() const
{
    if (check.whoami && check.whoami->expiresAt.isValid())
        return check.whoami->expiresAt;
    return oauthExpiresAt;
}

} // namespace hftm
