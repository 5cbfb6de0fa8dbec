#include "ui/dialogs/PastedTokenCheck.h"

#include "core/hub/TokenValidator.h"

namespace hftm {

namespace {
constexpr int DebounceMs = 400;
}

PastedTokenCheck::PastedTokenCheck(TokenValidator *validator, QObject *parent)
    : QObject(parent)
    , m_validator(validator)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(DebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &PastedTokenCheck::start);
    // The validator may be shared with the main window: answers are matched by our own key.
    connect(m_validator, &TokenValidator::resultReady, this, &PastedTokenCheck::onResult);
}

PastedTokenCheck::~PastedTokenCheck()
{
    cancel();
}

void PastedTokenCheck::setToken(const QString &token, const QString &endpoint)
{
    cancel();
    m_token = token;
    m_endpoint = endpoint;
    m_status = TokenStatus::Unchecked;
    m_message.clear();
    m_whoami.reset();
    if (!token.isEmpty())
        m_debounce.start(); // restarted by every edit: only quiet text costs a whoami call
    emit changed();
}

void PastedTokenCheck::cancel()
{
    m_debounce.stop();
    // TokenValidator::cancel() aborts every request of the validator, including the main window's
    // when it is shared, so ours is only forgotten: its late answer no longer matches m_pendingKey.
    m_pendingKey.clear();
}

void PastedTokenCheck::start()
{
    m_pendingKey = QStringLiteral("login-dialog-%1-%2").arg(quintptr(this), 0, 16).arg(++m_generation);
    emit started();
    emit changed();
    m_validator->validate({ValidationRequest{m_pendingKey, m_endpoint, m_token}});
}

void PastedTokenCheck::onResult(const QString &key, const ValidationResult &result)
{
    if (key.isEmpty() || key != m_pendingKey)
        return;
    m_pendingKey.clear();
    m_status = result.status;
    m_message = result.message;
    m_whoami = result.status == TokenStatus::Valid ? result.whoami : std::nullopt;
    emit changed();
}

} // namespace hftm
