#include "ui/tray/Revalidator.h"

#include "core/hub/TokenValidator.h"
#include "core/runs/CheckRun.h"
#include "core/store/TokenStore.h"

#include <QNetworkInformation>

namespace hftm {

namespace {
// QTimer takes an int of milliseconds (about 24 days).
constexpr std::chrono::milliseconds MaxInterval{std::chrono::hours(24 * 24)};
} // namespace

Revalidator::Revalidator(TokenStore *store, TokenValidator *validator, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_validator(validator)
    // A run of its own: cancelling the window's run (same validator) leaves this one going.
    , m_runner(new CheckRun(store, validator, this))
{
    m_soon.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &Revalidator::runNow);
    connect(&m_soon, &QTimer::timeout, this, &Revalidator::runNow);
    connect(m_runner, &CheckRun::finished, this, [this](const CheckSummary &summary) {
        Q_EMIT finished(summary.total(), summary.problems());
    });
    connect(m_store, &TokenStore::changed, this, &Revalidator::applySettings);
}

void Revalidator::start(std::chrono::milliseconds startDelay)
{
    applySettings();
    if (m_timer.isActive() && anyCheckOlderThan(interval()))
        m_soon.start(startDelay);
}

void Revalidator::setIntervalOverride(std::chrono::milliseconds interval)
{
    m_override = interval;
    applySettings();
}

void Revalidator::applySettings()
{
    std::chrono::milliseconds wanted = m_override;
    if (wanted.count() <= 0) {
        const int hours = m_store->settings().revalidateIntervalHours;
        if (hours <= 0) { // the user turned periodic checks off
            m_timer.stop();
            return;
        }
        wanted = std::min<std::chrono::milliseconds>(std::chrono::hours(hours), MaxInterval);
    }
    // Restarting on every store change would postpone the run forever on a busy store.
    if (m_timer.isActive() && m_timer.intervalAsDuration() == wanted)
        return;
    m_timer.start(wanted);
}

bool Revalidator::anyCheckOlderThan(std::chrono::milliseconds age) const
{
    const QDateTime limit = m_now().addMSecs(-age.count());
    for (const TokenRecord &record : m_store->tokens()) {
        if (!record.check.checkedAt.isValid() || record.check.checkedAt < limit)
            return true;
    }
    return false;
}

bool Revalidator::watchNetwork()
{
    if (!QNetworkInformation::instance() &&
        !QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability))
        return false;
    QNetworkInformation *info = QNetworkInformation::instance();
    m_wasOnline = info->reachability() == QNetworkInformation::Reachability::Online;
    connect(info, &QNetworkInformation::reachabilityChanged, this,
            [this](QNetworkInformation::Reachability now) {
                const bool online = now == QNetworkInformation::Reachability::Online;
                if (online && !m_wasOnline)
                    onNetworkReturned();
                m_wasOnline = online;
            });
    return true;
}

void Revalidator::onNetworkReturned()
{
    // Networks flap while reconnecting; one run a moment later is enough.
    if (!m_soon.isActive())
        m_soon.start(m_reconnectDelay);
}

bool Revalidator::isRunning() const
{
    return m_runner->isRunning();
}

bool Revalidator::runNow()
{
    if (isRunning())
        return false;
    const QList<TokenRecord> records = m_store->tokens();
    if (records.isEmpty())
        return false;
    ++m_runs;
    QStringList names;
    for (const TokenRecord &record : records)
        names << record.name;
    Q_EMIT started(int(names.size()));
    m_runner->start(names); // secrets are read in the event loop, never inside this timer or click
    return true;
}

} // namespace hftm
