// hftoken's keychain upkeep: restoring what `hf auth logout` removed from the files, and cleaning up
// items a crash left behind.
#include "cli/CliApp.h"

#include "core/store/TokenStore.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace hftm::cli {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::cli", text);
}
} // namespace

int CliApp::restore()
{
    if (args().size() != 1)
        return usage(tr("`restore` takes exactly one NAME."));
    const QString name = args().first();
    importChanges(Copies::First);
    if (const Error error = m_store->restore(name))
        return fail(error);
    m_err << tr("Restored \"%1\" to %2.").arg(name, m_store->options().paths.storedTokensPath) << '\n';
    return ExitOk;
}

int CliApp::cleanup()
{
    if (!args().isEmpty())
        return usage(tr("`cleanup` takes no arguments."));
    importChanges(Copies::First);
    const Result<QStringList> orphans = m_store->orphanedKeychainItems();
    if (!orphans)
        return fail(orphans.error());
    if (orphans->isEmpty()) {
        m_err << tr("The keychain holds no item without a token.") << '\n';
        return ExitOk;
    }
    int failed = 0;
    for (const QString &name : *orphans) {
        if (const Error error = m_store->removeOrphanedKeychainItem(name)) {
            m_err << tr("failed: \"%1\": %2").arg(name, error.message) << '\n';
            ++failed;
        } else {
            m_err << tr("Removed the keychain item \"%1\", which belonged to no token.").arg(name) << '\n';
        }
    }
    return failed ? ExitFailed : ExitOk;
}

void CliApp::describeKeychainItems(QJsonObject *json, QList<QStringList> *rows)
{
    // Both lists need the keychain; a keychain that is down was already reported by `status`.
    const Result<QStringList> orphans = m_store->orphanedKeychainItems();
    const Result<QStringList> legacy = m_store->legacyKeychainItems();
    const QStringList orphanNames = orphans ? *orphans : QStringList();
    const QStringList legacyNames = legacy ? *legacy : QStringList();
    if (json) {
        json->insert(QStringLiteral("orphanedKeychainItems"), QJsonArray::fromStringList(orphanNames));
        json->insert(QStringLiteral("legacyKeychainItems"), QJsonArray::fromStringList(legacyNames));
    }
    if (!rows)
        return;
    if (!orphanNames.isEmpty()) {
        rows->append({tr("orphaned items:"),
                      tr("%1 (keychain items of no stored token, left by an interrupted operation; "
                         "`hftoken cleanup` removes them)")
                          .arg(orphanNames.join(QStringLiteral(", ")))});
    }
    if (!legacyNames.isEmpty()) {
        rows->append({tr("earlier items:"),
                      tr("%1 (kept from an earlier version: they match no token of this store; another "
                         "HF_HOME may still need them)")
                          .arg(legacyNames.join(QStringLiteral(", ")))});
    }
}

} // namespace hftm::cli
