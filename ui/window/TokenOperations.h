#pragma once

#include "core/Result.h"

#include <QObject>

#include <QString>
#include <functional>

#include <optional>

class QWidget;

namespace hftm {

class AppContext;
class StoreEditor;
class StoreEditJob;
struct StoreEditOutcome;

// Carries out what the user asked for on one token — make active, rename, remove, copy, read for
// reveal, move plaintext tokens into the keychain — through the store's StoreEditor, so the window keeps
// painting while the keychain answers, asking and reporting through the message-box wrapper. Each edit
// says it started in the status bar and reports when its job finishes. Holds no state of its own; the
// store's changed() refreshes everything shown.
class TokenOperations : public QObject {
    Q_OBJECT
public:
    TokenOperations(AppContext &context, QWidget *window);

    void makeActive(const QString &name);
    void rename(const QString &name);
    void remove(const QString &name);
    void copy(const QString &name);
    // Reads the secret without waiting for the keychain; then() runs later, only when it could be read.
    void secretForReveal(const QString &name, std::function<void(const QString &secret)> then);
    void moveIntoKeychain();
    // Puts tokens that `hf auth logout` removed from stored_tokens back there, from the keychain.
    void restore(const QStringList &names);
    // Removes keychain items of this store that no token knows, after asking.
    void removeOrphans(const QStringList &names);

    // The text of the remove confirmation: which places the token will be removed from.
    QString removeQuestion(const QString &name) const;

signals:
    void statusMessage(const QString &text);
    void renamed(const QString &from, const QString &to);
    void keychainFailed(const hftm::Error &error); // the window shows the "no keychain" banner
    void orphansRemoved();

private:
    // The keychain answers later: the window keeps painting and taking input meanwhile. A failure is
    // reported under purpose; then() runs only with the secret.
    void readSecret(const QString &name, const QString &purpose,
                    std::function<void(const QString &secret)> then);
    void report(const QString &title, const Error &error);
    // What rename, remove and removeOrphans do once the user answered their question.
    void renameTo(const QString &name, const QString &newName);
    void removeConfirmed(const QString &name);
    void removeOrphansConfirmed(const QStringList &names);
    StoreEditor *editor() const;
    // then() runs once the edit finished and the store shows its result.
    void whenDone(StoreEditJob *job, std::function<void(const StoreEditOutcome &outcome)> then);

    AppContext &m_context;
    QWidget *m_window;
};

} // namespace hftm
