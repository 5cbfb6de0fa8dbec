#pragma once

#include <QDateTime>

#include <functional>

namespace hftm {

// Where widgets and models get "now" from, so expiry and "3 min ago" can be tested at any instant.
using NowFunction = std::function<QDateTime()>;

inline QDateTime systemNow()
{
    return QDateTime::currentDateTimeUtc();
}

} // namespace hftm
