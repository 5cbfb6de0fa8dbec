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

    // An invalid or expired token is made active only after the user confirmed (activationWarning()).
    void makeActive(const QString &name);
    // What was typed into the Name cell: refused at once with renameRefused() when the name cannot be
    // used (empty, control characters, taken…), or when the store refuses it once the edit ran.
    void rename(const QString &name, const QString &typed);
    // Stores the token file's secret, which matches no stored token, under a name the user gives; the
    // token file is left as it is, so it stays the active token.
    void importActive();
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
    // typed cannot be the new name of name, for reason: the window opens the Name cell again with it.
    void renameRefused(const QString &name, const QString &typed, const QString &reason);
    void imported(const QString &name);
    void keychainFailed(const hftm::Error &error); // the window shows the "no keychain" banner
    void orphansRemoved();

private:
    // The keychain answers later: the window keeps painting and taking input meanwhile. A failure is
    // reported under purpose; then() runs only with the secret.
    void readSecret(const QString &name, const QString &purpose,
                    std::function<void(const QString &secret)> then);
    void report(const QString &title, const Error &error);
    // What rename, remove and removeOrphans do once the user answered their question.
    void makeActiveConfirmed(const QString &name);
    void removeConfirmed(const QString &name);
    // Asks the name to import the token file's secret under; refused shows why the last one was not taken.
    void askImportName(const QString &typed, const QString &refused);
    void importActiveAs(const QString &typed);
    // Why name cannot be a new token name here, or empty.
    QString nameRefusal(const QString &name) const;
    void removeOrphansConfirmed(const QStringList &names);
    StoreEditor *editor() const;
    // then() runs once the edit finished and the store shows its result.
    void whenDone(StoreEditJob *job, std::function<void(const StoreEditOutcome &outcome)> then);

    AppContext &m_context;
    QWidget *m_window;
};

} // namespace hftm
