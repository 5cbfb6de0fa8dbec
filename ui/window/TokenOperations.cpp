#include "ui/window/TokenOperations.h"

#include "ui/app/AppContext.h"

#include "core/files/TokenText.h"
#include "core/notify/ActivationWarning.h"
#include "core/secrets/SecretJob.h"
#include "core/store/StoreEditor.h"

#include <QDir>
#include <QWidget>

namespace hftm {

TokenOperations::TokenOperations(AppContext &context, QWidget *window)
    : QObject(window)
    , m_context(context)
    , m_window(window)
{
}

void TokenOperations::report(const QString &title, const Error &error)
{
    if (error.code == ErrorCode::KeychainUnavailable)
        emit keychainFailed(error);
    m_context.messages().warning(m_window, title, error.message);
}

void TokenOperations::readSecret(const QString &name, const QString &purpose,
                                 std::function<void(const QString &secret)> then)
{
    SecretJob *job = m_context.store()->readSecrets({name});
    connect(job, &SecretJob::finished, this, [this, name, purpose, then = std::move(then)](SecretJob *done) {
        const Result<QString> secret = done->result(name);
        if (!secret) {
            report(purpose, secret.error());
            return;
        }
        then(*secret);
    });
}

StoreEditor *TokenOperations::editor() const
{
    return StoreEditor::of(m_context.store());
}

void TokenOperations::whenDone(StoreEditJob *job, std::function<void(const StoreEditOutcome &)> then)
{
    connect(job, &StoreEditJob::finished, this,
            [then = std::move(then)](StoreEditJob *done) { then(done->outcome()); });
}

void TokenOperations::makeActive(const QString &name)
{
    const std::optional<TokenRecord> record = m_context.store()->token(name);
    const QString warning = record ? activationWarning(*record, m_context.now()()) : QString();
    if (warning.isEmpty()) {
        makeActiveConfirmed(name);
        return;
    }
    m_context.messages().confirm(m_window, tr("Make Token Active"), warning, activationWarningAcceptText(),
                                 MessageBoxes::Confirm::Plain, [this, name] { makeActiveConfirmed(name); });
}

void TokenOperations::makeActiveConfirmed(const QString &name)
{
    emit statusMessage(tr("Making \u201C%1\u201D active\u2026").arg(name));
    whenDone(editor()->switchTo(name), [this, name](const StoreEditOutcome &outcome) {
        if (outcome.error) {
            report(tr("Could not make \u201C%1\u201D active").arg(name), outcome.error);
            return;
        }
        emit statusMessage(tr("\u201C%1\u201D is now the active token.").arg(name));
    });
}

QString TokenOperations::nameRefusal(const QString &name) const
{
    if (const Error error = TokenText::validateName(name))
        return error.message;
    if (m_context.store()->token(name))
        return tr("A token named \u201C%1\u201D is already stored.").arg(name);
    return {};
}

void TokenOperations::rename(const QString &name, const QString &typed)
{
    const QString newName = typed.trimmed();
    if (newName == name)
        return;
    if (const QString refusal = nameRefusal(newName); !refusal.isEmpty()) {
        emit renameRefused(name, typed, refusal);
        return;
    }
    emit statusMessage(tr("Renaming \u201C%1\u201D to \u201C%2\u201D\u2026").arg(name, newName));
    whenDone(editor()->rename(name, newName), [this, name, typed, newName](const StoreEditOutcome &outcome) {
        if (outcome.error) {
            // Taken meanwhile (another program) or refused by the files: the typed name is kept to edit.
            if (outcome.error.code == ErrorCode::AlreadyExists ||
                outcome.error.code == ErrorCode::InvalidInput)
                emit renameRefused(name, typed, outcome.error.message);
            else
                report(tr("Could not rename \u201C%1\u201D").arg(name), outcome.error);
            return;
        }
        emit renamed(name, newName);
        emit statusMessage(tr("Renamed \u201C%1\u201D to \u201C%2\u201D.").arg(name, newName));
    });
}

void TokenOperations::importActive()
{
    askImportName({}, {});
}

void TokenOperations::askImportName(const QString &typed, const QString &refused)
{
    const QString masked = m_context.store()->active().fileMasked;
    QString label = tr("Name for the active token (%1):").arg(masked);
    if (!refused.isEmpty())
        label = refused + QLatin1Char('\n') + label; // said in the prompt itself: one box, the name kept
    m_context.messages().askText(m_window, tr("Import Active Token"), label, typed,
                                 [this](const QString &text) { importActiveAs(text); });
}

void TokenOperations::importActiveAs(const QString &typed)
{
    const QString name = typed.trimmed();
    if (const QString refusal = nameRefusal(name); !refusal.isEmpty()) {
        askImportName(typed, refusal);
        return;
    }
    // Read now, not when the banner was shown: the file may have changed since.
    const QString secret = m_context.store()->tokenFileSecret();
    if (secret.isEmpty()) {
        m_context.messages().information(m_window, tr("Nothing to Import"),
                                         tr("huggingface_hub's token file holds no token any more."));
        return;
    }
    emit statusMessage(tr("Storing the active token as \u201C%1\u201D\u2026").arg(name));
    // Not activated again: the token file already holds this secret and stays byte for byte as it is.
    whenDone(editor()->add(name, secret, AddOptions{}), [this, name, typed](const StoreEditOutcome &outcome) {
        if (outcome.error) {
            // The name was taken meanwhile: ask again. Anything else (the secret itself refused, stored
            // under another name meanwhile, the keychain) is no matter of the name.
            if (outcome.error.code == ErrorCode::AlreadyExists && m_context.store()->token(name))
                askImportName(typed, outcome.error.message);
            else
                report(tr("Could not import the active token"), outcome.error);
            return;
        }
        emit imported(name);
        emit statusMessage(tr("Stored the active token as \u201C%1\u201D.").arg(name));
    });
}

QString TokenOperations::removeQuestion(const QString &name) const
{
    const std::optional<TokenRecord> record = m_context.store()->token(name);
    if (!record)
        return {};
    const HfPaths &paths = m_context.store()->options().paths;
    QStringList places;
    if (record->storage.testFlag(StorageLocation::Keychain))
        places << tr("the keychain");
    if (record->storage.testFlag(StorageLocation::StoredTokens))
        places
            << tr("huggingface_hub's token list (%1)").arg(QDir::toNativeSeparators(paths.storedTokensPath));
    const ActiveToken active = m_context.store()->active();
    if (active.fileName == name)
        places << tr("the active token file (%1), so no token will be active")
                      .arg(QDir::toNativeSeparators(paths.tokenPath));
    // Remove takes the token back from git whoever put it there, as `hf auth logout` does.
    places << (record->gitRegistered ? tr("git's credential helper")
                                     : tr("git's credential helper, if it holds this token"));
    QString text = tr("Remove \u201C%1\u201D (%2)?").arg(name, record->masked);
    if (!places.isEmpty())
        text += QLatin1Char('\n') + tr("It will be removed from:") + QStringLiteral("\n\u2022 ") +
                places.join(QStringLiteral("\n\u2022 "));
    // "Stays valid" only where the Hub last said valid: an expired or invalid token does not, and an
    // unchecked one may not.
    const bool valid = record->check.verdict == TokenStatus::Valid;
    text +=
        QLatin1Char('\n') + (valid ? tr("The token itself stays valid on the Hub until you delete it there.")
                                   : tr("Removing it here does not revoke it on the Hub."));
    return text;
}

void TokenOperations::remove(const QString &name)
{
    const QString question = removeQuestion(name);
    if (question.isEmpty())
        return;
    m_context.messages().confirm(m_window, tr("Remove Token"), question, tr("Remove"),
                                 MessageBoxes::Confirm::Destructive, [this, name] { removeConfirmed(name); });
}

void TokenOperations::removeConfirmed(const QString &name)
{
    emit statusMessage(tr("Removing \u201C%1\u201D\u2026").arg(name));
    whenDone(editor()->remove(name), [this, name](const StoreEditOutcome &outcome) {
        if (outcome.error) {
            report(tr("Could not remove \u201C%1\u201D").arg(name), outcome.error);
            return;
        }
        if (!outcome.removal.failures.isEmpty()) {
            // Some places kept it: say which, so the user can fix the cause and remove again.
            m_context.messages().warning(m_window, tr("\u201C%1\u201D was not removed everywhere").arg(name),
                                         outcome.removal.failures.join(QLatin1Char('\n')));
            emit statusMessage(tr("\u201C%1\u201D was removed only partly.").arg(name));
            return;
        }
        emit statusMessage(tr("Removed \u201C%1\u201D.").arg(name));
    });
}

void TokenOperations::copy(const QString &name)
{
    readSecret(name, tr("Could not copy \u201C%1\u201D").arg(name), [this, name](const QString &secret) {
        const int seconds = m_context.store()->settings().clipboardTimeoutSeconds;
        m_context.clipboard()->copySecret(secret, std::chrono::seconds(seconds));
        emit statusMessage(
            tr("Copied \u201C%1\u201D. The clipboard will be cleared in %2 s.").arg(name).arg(seconds));
    });
}

void TokenOperations::secretForReveal(const QString &name, std::function<void(const QString &secret)> then)
{
    readSecret(name, tr("Could not reveal \u201C%1\u201D").arg(name), std::move(then));
}

void TokenOperations::moveIntoKeychain()
{
    // Re-applying the current mode copies every plaintext-only secret into the keychain (and, in
    // keychain-only mode, drops the plaintext copy); it never loses one.
    const StorageMode mode = m_context.store()->settings().storageMode;
    emit statusMessage(tr("Moving tokens into the keychain\u2026"));
    whenDone(editor()->setStorageMode(mode), [this](const StoreEditOutcome &outcome) {
        if (outcome.error) {
            report(tr("Could not move tokens into the keychain"), outcome.error);
            return;
        }
        emit statusMessage(tr("Tokens moved into the keychain."));
    });
}

void TokenOperations::restore(const QStringList &names)
{
    if (names.isEmpty())
        return;
    emit statusMessage(tr("Restoring %n token(s)\u2026", nullptr, int(names.size())));
    whenDone(editor()->restore(names), [this, names](const StoreEditOutcome &outcome) {
        if (outcome.error) {
            // The edit stops at the first that fails: the one after those it restored.
            report(tr("Could not restore \u201C%1\u201D").arg(names.value(outcome.names.size())),
                   outcome.error);
            return;
        }
        emit statusMessage(tr("Restored %1 to huggingface_hub's files.")
                               .arg(QStringLiteral("\u201C%1\u201D")
                                        .arg(outcome.names.join(QStringLiteral("\u201D, \u201C")))));
    });
}

void TokenOperations::removeOrphans(const QStringList &names)
{
    const QString text =
        tr("The keychain holds items of this token store that belong to no token: %1. They were left by an "
           "operation that was interrupted before it finished. Remove them from the keychain?")
            .arg(QStringLiteral("\u201C%1\u201D").arg(names.join(QStringLiteral("\u201D, \u201C"))));
    m_context.messages().confirm(m_window, tr("Remove Leftover Keychain Items"), text, tr("Remove"),
                                 MessageBoxes::Confirm::Plain,
                                 [this, names] { removeOrphansConfirmed(names); });
}

void TokenOperations::removeOrphansConfirmed(const QStringList &names)
{
    emit statusMessage(tr("Removing %n leftover keychain item(s)\u2026", nullptr, int(names.size())));
    whenDone(editor()->removeOrphanedKeychainItems(names), [this, names](const StoreEditOutcome &outcome) {
        if (outcome.error) {
            report(tr("Could not remove the keychain item \u201C%1\u201D")
                       .arg(names.value(outcome.names.size())),
                   outcome.error);
            return;
        }
        emit orphansRemoved();
        emit statusMessage(tr("Removed %n leftover keychain item(s).", nullptr, int(names.size())));
    });
}

} // namespace hftm
