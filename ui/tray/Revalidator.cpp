#include "tray/Revalidator.h"

#include "hub/TokenValidator.h"
#include "store/TokenStore.h"

#include <QNetworkInformation>

namespace hftm {

namespace {
constexpr int SecretsPerTurn = 8; // keychain reads are synchronous: keep each turn short
// Background checks have their own keys: the window's runner and the login dialog share the validator.
const QString KeyPrefix = QStringLiteral("tray:");
// QTimer takes an int of milliseconds (about 24 days).
constexpr std::chrono::milliseconds MaxInterval{std::chrono::hours(24 * 24)};
} // namespace

Revalidator::Revalidator(TokenStore *store, TokenValidator *validator, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_validator(validator)
{
    m_soon.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &Revalidator::runNow);
    connect(&m_soon, &QTimer::timeout, this, &Revalidator::runNow);
    connect(m_validator, &TokenValidator::resultReady, this, &Revalidator::onResult);
    connect(m_validator, &TokenValidator::finished, this, &Revalidator::onValidatorFinished);
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
    if (!QNetworkInformation::instance()
        && !QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability))
        return false;
    QNetworkInformation *info = QNetworkInformation::instance();
    m_wasOnline = info->reachability() == QNetworkInformation::Reachability::Online;
    connect(info, &QNetworkInformation::reachabilityChanged, this, [this](QNetworkInformation::Reachability now) {
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

bool Revalidator::runNow()
{
    if (isRunning())
        return false;
    const QList<TokenRecord> records = m_store->tokens();
    if (records.isEmpty())
        return false;
    ++m_runs;
    for (const TokenRecord &record : records)
        m_toRead << record.name;
    m_total = int(m_toRead.size());
    Q_EMIT started(m_total);
    // Reading secrets happens in the event loop, never inside the click or timer that asked for it.
    QTimer::singleShot(0, this, &Revalidator::readNextBatch);
    return true;
}

void Revalidator::readNextBatch()
{
    QList<ValidationRequest> batch;
    for (int i = 0; i < SecretsPerTurn && !m_toRead.isEmpty(); ++i) {
        const QString name = m_toRead.takeFirst();
        const Result<QString> secret = m_store->secret(name);
        if (!secret) {
            m_problems << tr("%1: %2").arg(name, secret.error().message);
            markDone();
            continue;
        }
        m_pending.insert(name);
        // Hours have passed since the last look: the validator's one-minute cache must not answer.
        batch.append(ValidationRequest{KeyPrefix + name, m_store->endpointFor(name), *secret, true});
    }
    if (!batch.isEmpty())
        m_validator->validate(batch);
    if (!m_toRead.isEmpty())
        QTimer::singleShot(0, this, &Revalidator::readNextBatch);
}

void Revalidator::onResult(const QString &key, const ValidationResult &result)
{
    if (!key.startsWith(KeyPrefix))
        return;
    const QString name = key.mid(KeyPrefix.size());
    if (!m_pending.remove(name))
        return;
    TokenCheck check;
    check.status = result.status;
    check.checkedAt = result.checkedAt;
    check.message = result.message;
    check.whoami = result.whoami;
    // recordCheck keeps the last verdict for Unreachable / RateLimited answers.
    if (const Error error = m_store->recordCheck(name, check))
        m_problems << tr("%1: %2").arg(name, error.message);
    markDone();
}

void Revalidator::onValidatorFinished()
{
    // Someone cancelled the shared validator (e.g. the window's Cancel): our requests are gone too.
    if (!m_pending.isEmpty() && !m_validator->isRunning()) {
        m_done += int(m_pending.size());
        m_pending.clear();
        if (m_toRead.isEmpty())
            finish();
    }
}

void Revalidator::markDone()
{
    ++m_done;
    if (m_toRead.isEmpty() && m_pending.isEmpty())
        finish();
}

void Revalidator::finish()
{
    const int total = m_total;
    const QStringList problems = std::exchange(m_problems, {});
    m_total = m_done = 0;
    Q_EMIT finished(total, problems);
}

} // namespace hftm
