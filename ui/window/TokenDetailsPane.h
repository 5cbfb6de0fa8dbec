#pragma once

#include "core/base/Clock.h"
#include "core/base/TokenRecord.h"
#include "core/notify/TokenStateView.h"

#include <QUrl>
#include <QWidget>

#include <chrono>
#include <functional>
#include <optional>

class QFormLayout;
class QLabel;
class QPushButton;
class QStackedWidget;
class QToolButton;

namespace hftm {

class SecretLine;
class WhoamiSummaryWidget;

// Shows one token: its state told once in words (core tokenStory) with the next steps as buttons, the
// Hub's raw words only on demand, the account and scopes as the add dialog shows them
// (WhoamiSummaryWidget), the last check, storage and endpoint. The secret appears only while revealed:
// the widget tree holds it for the reveal time, then drops it. Its size hint never follows its text, so
// a new selection never moves the splitter; its labels word-wrap.
class TokenDetailsPane : public QWidget {
    Q_OBJECT
public:
    using StateSource = std::function<TokenStateView(const TokenRecord &)>;

    explicit TokenDetailsPane(NowFunction now, QWidget *parent = nullptr);

    // Where the shown state comes from (the table's model, so "checking" and the warning window
    // agree with the Status column); without one: the core's view at 'now', no expiry warning.
    void setStateSource(StateSource source) { m_stateOf = std::move(source); }
    // endpoint: the Hub the token is checked against (already resolved by the store).
    void setRecord(const std::optional<TokenRecord> &record, const QString &endpoint);
    QString shownName() const { return m_name; }
    // The Hub's token settings page for the shown token's endpoint; invalid unless it is https.
    QUrl tokenPageUrl() const { return m_tokenPage; }

    void revealSecret(const QString &secret, std::chrono::milliseconds duration);
    bool isRevealing() const;

    QSize sizeHint() const override;

public slots:
    void hideSecret();

signals:
    void revealEnded();
    // Next steps: the window carries them out for the token named.
    void replaceRequested(const QString &name);
    void removeRequested(const QString &name);
    void openUrlRequested(const QUrl &url);

private:
    QWidget *buildStory(QWidget *parent);
    QLabel *addRow(const QString &label, const QString &accessibleName);
    void showStory(const TokenRecord &record);
    void showFacts(const TokenRecord &record, const QString &endpoint);

    NowFunction m_now;
    StateSource m_stateOf;
    QString m_name;
    QUrl m_tokenPage;
    QStackedWidget *m_stack;
    QLabel *m_title;
    QLabel *m_stateIcon;
    QLabel *m_headline;
    QLabel *m_sentence;
    QToolButton *m_detailsToggle;
    QLabel *m_diagnostic;
    QPushButton *m_replace;
    QPushButton *m_remove;
    QPushButton *m_openPage;
    SecretLine *m_secret;
    WhoamiSummaryWidget *m_summary;
    QFormLayout *m_form;
    QLabel *m_expires; // only without an account summary, which has its own
    QLabel *m_check;
    QLabel *m_storage;
    QLabel *m_endpoint;
};

} // namespace hftm
