#pragma once

#include <QDateTime>

#include <functional>

namespace hftm {

// The one source of "now" for everything that decides by time: the Hub client's answers, check results
// the store records, expiry judgements, notifications and the widgets' "3 min ago". Injected (AppContext
// builds one for the app), so every decision can be tested at a fixed instant. Always UTC.
using NowFunction = std::function<QDateTime()>;

inline QDateTime systemNow()
{
    return QDateTime::currentDateTimeUtc();
}

} // namespace hftm
