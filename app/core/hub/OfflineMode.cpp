#include "core/hub/OfflineMode.h"

#include <QCoreApplication>

namespace hftm::OfflineMode {

bool isTrue(const QString &value)
{
    const QString word = value.toUpper(); // no trimming: Python compares the raw value
    return word == QLatin1String("1") || word == QLatin1String("ON") || word == QLatin1String("YES") ||
           word == QLatin1String("TRUE");
}

bool isOn()
{
    return isTrue(qEnvironmentVariable("HF_HUB_OFFLINE"));
}

bool isOn(const QProcessEnvironment &environment)
{
    return isTrue(environment.value(QStringLiteral("HF_HUB_OFFLINE")));
}

QString message()
{
    return QCoreApplication::translate("hftm::OfflineMode",
                                       "HF_HUB_OFFLINE is set: nothing was sent to the Hub. Unset it (or set "
                                       "it to 0) to check tokens.");
}

} // namespace hftm::OfflineMode
