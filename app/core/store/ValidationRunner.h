#pragma once

#include <QObject>
#include <QSet>
#include <QStringList>

#include <functional>

namespace hftm {

class TokenStore;
class TokenValidator;
struct ValidationResult;

// Validates stored tokens by name without freezing the UI: reads their secrets a few per event-loop turn
// (keychain reads are synchronous), hands them to the shared TokenValidator under its own key prefix,
// and records every answer through TokenStore::recordCheck(), so a network error never turns a token
// invalid. The window's "Validate" and the tray's background checks each own one.
class ValidationRunner : public QObject {
    Q_OBJECT
public:
    // endpointOf: the Hub a token is checked against (the window passes its model's resolved endpoints;
    // asking the store per token would re-read its metadata file each time).
    using EndpointOf = std::function<QString(const QString &name)>;
    // keyPrefix tells this runner's answers apart from other users of the same validator.
    ValidationRunner(TokenStore *store, TokenValidator *validator, EndpointOf endpointOf, QString keyPrefix,
                     QObject *parent = nullptr);

    void validate(const QStringList &names);
    void cancel();
    bool isRunning() const { return m_total > 0; }

signals:
    void progress(int done, int total);
    // problems: names whose secret could not be read or whose answer could not be recorded, with why.
    void finished(int total, const QStringList &problems);

private:
    void readNextBatch();
    void onResult(const QString &key, const ValidationResult &result);
    void onValidatorFinished();
    void markDone();
    void finish();

    TokenStore *m_store;
    TokenValidator *m_validator;
    EndpointOf m_endpointOf;
    QString m_keyPrefix;
    QStringList m_toRead;    // names whose secret is still to be read
    QSet<QString> m_pending; // names handed to the validator, not answered yet
    QStringList m_problems;
    int m_total = 0;
    int m_done = 0;
    bool m_batchScheduled = false;
};

} // namespace hftm
