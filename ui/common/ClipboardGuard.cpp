#include "ui/common/ClipboardGuard.h"

#include <QClipboard>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QMimeData>

namespace hftm {

namespace {
QByteArray digestOf(const QString &text)
{
    return QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256);
}
} // namespace

ClipboardGuard::ClipboardGuard(QClipboard *clipboard, QObject *parent)
    : QObject(parent)
    , m_clipboard(clipboard)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ClipboardGuard::clearIfOurs);
    // The destructor may run after the event loop is gone; aboutToQuit is the last moment the clipboard
    // owner (us) can still hand an empty value to the system reliably.
    if (QCoreApplication *app = QCoreApplication::instance())
        connect(app, &QCoreApplication::aboutToQuit, this, &ClipboardGuard::clearIfOurs);
}

ClipboardGuard::~ClipboardGuard()
{
    clearIfOurs();
}

void ClipboardGuard::copySecret(const QString &secret, std::chrono::milliseconds clearAfter)
{
    auto *mime = new QMimeData;
    mime->setText(secret);
    mime->setData(QStringLiteral("x-kde-passwordManagerHint"), QByteArrayLiteral("secret"));
    m_clipboard->setMimeData(mime); // the clipboard owns it
    m_digest = digestOf(secret);
    m_timer.start(clearAfter);
}

bool ClipboardGuard::holdsOurValue() const
{
    return !m_digest.isEmpty() && digestOf(m_clipboard->text()) == m_digest;
}

void ClipboardGuard::clearIfOurs()
{
    if (m_digest.isEmpty())
        return;
    m_timer.stop();
    const bool ours = holdsOurValue();
    m_digest.clear();
    if (ours) {
        m_clipboard->clear();
        emit cleared();
    } else {
        emit released();
    }
}

} // namespace hftm
