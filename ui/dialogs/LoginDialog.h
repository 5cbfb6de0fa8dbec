#pragma once

#include "core/base/Clock.h"

#include <QDialog>
#include <QSize>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <functional>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;
class QToolButton;

namespace hftm {

class PastedTokenCheck;
class StatusLine;
class TokenStore;
class TokenValidator;
class WhoamiSummaryWidget;

// Modal "paste a token" dialog: trims and checks the pasted text, has the Hub validate it (debounced;
// an answer for text that changed meanwhile is dropped), explains the verdict, names the token and
// stores it through the store's StoreEditor (TokenStore::add() off the GUI thread). Its size follows its
// content on every change, both ways, and stays on the screen.
class LoginDialog : public QDialog {
    Q_OBJECT
public:
    using UrlOpener = std::function<bool(const QUrl &)>;

    LoginDialog(TokenStore *store, TokenValidator *validator, QWidget *parent = nullptr);
    ~LoginDialog() override;

    // Name the token was saved under after accept(); empty before.
    QString savedName() const { return m_savedName; }
    // Git was asked for but no credential helper applies to the endpoint, so git holds nothing.
    bool gitSkipped() const { return m_gitSkipped; }
    // Replaces QDesktopServices::openUrl for the "create a token" link (tests must not start a browser).
    void setUrlOpener(UrlOpener opener) { m_openUrl = std::move(opener); }
    // Delay between the last edit and the Hub check; reveal time before the field masks itself again.
    void setDebounceInterval(int ms);
    void setRevealTimeout(int ms) { m_remask.setInterval(ms); }
    // Time source for the expiry warning and the summary's "in N days" (tests do not depend on today).
    void setClock(NowFunction clock);
    // Opens as "Replace…" from the details pane: the name is the stored token's, kept whatever name the
    // Hub suggests, and replacing it is already agreed to (the box stays, so it can still be unticked).
    void startReplacing(const QString &name);
    // The Hub's token settings page for the configured endpoint.
    QUrl tokenSettingsUrl() const;

    // Minimum length before text counts as a plausible token worth a (rate-limited) whoami call.
    static constexpr int MinPlausibleLength = 20;

protected:
    void done(int result) override;
    bool event(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void buildUi();
    void onTokenTextChanged(const QString &text);
    void onNameEdited();
    void onCheckChanged();
    void setRevealed(bool revealed);
    void openTokenPage();
    void save();
    void setSaving(bool saving);
    void updateState();
    void updateTokenStatus();
    void updateNameStatus();
    void updateExpiryWarning();
    void fitToContent();
    void fitScopeTree();
    QString hubEndpoint() const;
    QString duplicateOf(const QString &secret) const;

    TokenStore *m_store;
    PastedTokenCheck *m_check;
    UrlOpener m_openUrl;
    NowFunction m_clock;
    QTimer m_remask;

    QLineEdit *m_tokenEdit = nullptr;
    QToolButton *m_revealButton = nullptr;
    QScrollArea *m_scroll = nullptr; // the form; scrolls only when the screen is too short for it
    QWidget *m_body = nullptr;
    StatusLine *m_tokenStatus = nullptr;
    StatusLine *m_expiryStatus = nullptr;
    WhoamiSummaryWidget *m_summary = nullptr;
    QLineEdit *m_nameEdit = nullptr;
    StatusLine *m_nameStatus = nullptr;
    QCheckBox *m_replaceBox = nullptr;
    QCheckBox *m_unvalidatedBox = nullptr;
    QCheckBox *m_activateBox = nullptr;
    QCheckBox *m_gitBox = nullptr;
    QLabel *m_link = nullptr;
    StatusLine *m_saveStatus = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_saveButton = nullptr;

    // Derived from the current text and name by updateState(); read by save().
    QString m_secret;      // trimmed, acceptable token; empty when the text is not one
    QString m_duplicateOf; // name the same secret is already stored under
    bool m_nameTaken = false;
    bool m_nameOk = false;
    bool m_nameEdited = false;
    QString m_replaceTarget; // the name the replace checkbox currently refers to
    QString m_savedName;
    bool m_gitSkipped = false;
    bool m_saving = false;  // the store is writing the token: the form holds still until it is done
    bool m_fitting = false; // fitToContent() is resizing: its own resize events do not start another
    int m_minimumWidth = 0;
    int m_userWidth = 0; // a width the user gave the dialog; 0 = as narrow as the content allows
    QSize m_fittedSize;  // the size fitToContent() last asked for
};

} // namespace hftm
