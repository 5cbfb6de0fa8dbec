// LoginDialog without a Hub verdict: trimming, refusing malformed text, duplicates, show/hide, the
// token-page link, keyboard/accessibility, and the canary never leaking into visible strings.
#include "core/files/TokenText.h"
#include "support/gui/DialogTestEnv.h"
#include "ui/dialogs/LoginDialog.h"
#include "ui/dialogs/PastedTokenCheck.h"
#include "ui/dialogs/StatusLine.h"

#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace hftm;
using namespace hftm::test;

namespace {
const QString Canary = QStringLiteral("hf_CANARYloginInputTestOnlyQq7Zx9Kw3M");
const QString Unreachable = QStringLiteral("http://127.0.0.1:9"); // discard port: nothing listens
} // namespace

class TestLoginDialogInput : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_env = std::make_unique<DialogTestEnv>();
        QVERIFY(m_env->scratch.isValid());
        QVERIFY(!m_env->setEndpoint(Unreachable));
        m_dialog = std::make_unique<LoginDialog>(m_env->store.get(), &m_env->validator);
        m_dialog->setUrlOpener([this](const QUrl &url) {
            m_opened << url;
            return true;
        });
        m_opened.clear();
    }
    void cleanup()
    {
        m_dialog.reset();
        m_env.reset();
    }

    void pasteIsTrimmed_data()
    {
        QTest::addColumn<QString>("clipboard");
        QTest::newRow("spaces") << QStringLiteral("   %1   ").arg(Canary);
        QTest::newRow("trailing newline") << QStringLiteral("%1\n").arg(Canary);
        QTest::newRow("CRLF and tab") << QStringLiteral("\t%1\r\n").arg(Canary);
    }
    void pasteIsTrimmed()
    {
        QFETCH(QString, clipboard);
        QGuiApplication::clipboard()->setText(clipboard);
        tokenEdit()->setFocus();
        tokenEdit()->paste();
        QCOMPARE(tokenEdit()->text(), Canary);
        QVERIFY(status(QStringLiteral("tokenStatus"))->kind() != StatusLine::Kind::Error);
        QVERIFY(check()->isBusy()); // a plausible token is scheduled for a (debounced) check
        QGuiApplication::clipboard()->clear();
    }

    void malformedInputIsExplained_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("inner space") << QStringLiteral("hf_abcdefghij klmnopqrstuvwxyz0123456");
        QTest::newRow("inner newline") << QStringLiteral("hf_abcdefghij\nhost=evil.example");
        QTest::newRow("control character") << QStringLiteral("hf_abcdefghij\x01klmnopqrstuvwxyz012345");
        QTest::newRow("non-ASCII") << QStringLiteral("hf_abcdefghijklmnopqrstuvwxyzé0123456");
        QTest::newRow("organization token") << QStringLiteral("api_org_abcdefghijklmnopqrstuvwxyz0123");
        QTest::newRow("oversized") << QStringLiteral("hf_") + QString(600, QLatin1Char('a'));
    }
    void malformedInputIsExplained()
    {
        QFETCH(QString, text);
        tokenEdit()->setText(text);
        QVERIFY(!TokenText::validatePasted(text).ok());
        StatusLine *line = status(QStringLiteral("tokenStatus"));
        QCOMPARE(line->kind(), StatusLine::Kind::Error);
        QVERIFY(!line->text().isEmpty());
        QCOMPARE(line->text(), TokenText::validatePasted(text).error().message);
        QVERIFY(!check()->isBusy()); // refused text never reaches the Hub
        QVERIFY(!saveButton()->isEnabled());
    }

    void incompleteTokenIsNotSent()
    {
        tokenEdit()->setText(QStringLiteral("hf_abc"));
        QCOMPARE(status(QStringLiteral("tokenStatus"))->kind(), StatusLine::Kind::Info);
        QVERIFY(!check()->isBusy());
        QVERIFY(!saveButton()->isEnabled());
    }

    void editRestartsAndForgets()
    {
        m_dialog->setDebounceInterval(60000); // never fires during this test
        tokenEdit()->setText(Canary);
        QVERIFY(check()->isBusy());
        QCOMPARE(status(QStringLiteral("tokenStatus"))->kind(), StatusLine::Kind::Busy);
        tokenEdit()->setText(QStringLiteral("hf_short"));
        QVERIFY(!check()->isBusy()); // the pending check of the previous text is gone
        tokenEdit()->clear();
        QVERIFY(!status(QStringLiteral("tokenStatus"))->isVisibleTo(m_dialog.get()));
    }

    void duplicateSecretIsExplained()
    {
        QVERIFY(m_env->store->add(QStringLiteral("laptop-read"), Canary, AddOptions{}).ok());
        tokenEdit()->setText(Canary);
        StatusLine *line = status(QStringLiteral("tokenStatus"));
        QCOMPARE(line->kind(), StatusLine::Kind::Error);
        QVERIFY2(line->text().contains(QStringLiteral("laptop-read")), qPrintable(line->text()));
        QVERIFY(!check()->isBusy()); // no rate-limited whoami call for a token we already hold
        QVERIFY(!saveButton()->isEnabled());
    }

    void nameIsValidated()
    {
        auto *name = m_dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
        name->setText(QStringLiteral("bad[name]"));
        QCOMPARE(status(QStringLiteral("nameStatus"))->kind(), StatusLine::Kind::Error);
        QVERIFY(!saveButton()->isEnabled());
    }

    void makeActiveDefaultsOnOnlyForTheFirstToken()
    {
        QVERIFY(m_dialog->findChild<QCheckBox *>(QStringLiteral("activateBox"))->isChecked());
        QVERIFY(m_env->store->add(QStringLiteral("first"), Canary, AddOptions{}).ok());
        LoginDialog second(m_env->store.get(), &m_env->validator);
        QVERIFY(!second.findChild<QCheckBox *>(QStringLiteral("activateBox"))->isChecked());
        QVERIFY(!second.findChild<QCheckBox *>(QStringLiteral("gitBox"))->isChecked());
    }

    void showHideTogglesEchoMode()
    {
        auto *reveal = m_dialog->findChild<QToolButton *>(QStringLiteral("revealButton"));
        QCOMPARE(tokenEdit()->echoMode(), QLineEdit::Password); // masked by default
        reveal->click();
        QCOMPARE(tokenEdit()->echoMode(), QLineEdit::Normal);
        QVERIFY(reveal->accessibleName().contains(QStringLiteral("Hide")));
        reveal->click();
        QCOMPARE(tokenEdit()->echoMode(), QLineEdit::Password);
        // Revealing is timed: the field masks itself again.
        m_dialog->setRevealTimeout(50);
        reveal->click();
        QCOMPARE(tokenEdit()->echoMode(), QLineEdit::Normal);
        QTRY_COMPARE(tokenEdit()->echoMode(), QLineEdit::Password);
        QVERIFY(!reveal->isChecked());
    }

    void linkOpensTokenPageThroughInjectedOpener()
    {
        auto *link = m_dialog->findChild<QLabel *>(QStringLiteral("tokenPageLink"));
        QVERIFY(link->text().contains(QStringLiteral("127.0.0.1")));
        emit link->linkActivated(QStringLiteral("ignored"));
        QCOMPARE(m_opened, QList<QUrl>{QUrl(Unreachable + QStringLiteral("/settings/tokens"))});
    }

    void everyControlIsNamedAndReachable()
    {
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
        for (QWidget *w : m_dialog->findChildren<QWidget *>()) {
            if (!(w->focusPolicy() & Qt::TabFocus) || !w->isVisibleTo(m_dialog.get()))
                continue;
            QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
            QVERIFY(iface);
            QVERIFY2(!iface->text(QAccessible::Name).isEmpty(), qPrintable(w->objectName()));
        }
        QCOMPARE(clashingMnemonics(m_dialog.get()), QStringList());
        QCOMPARE(QApplication::focusWidget(), tokenEdit());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("revealButton"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("nameEdit"));
        // Alt+T (the &Token label's buddy) brings focus back to the token field.
        QTest::keyClick(m_dialog.get(), Qt::Key_T, Qt::AltModifier);
        QCOMPARE(QApplication::focusWidget(), tokenEdit());
    }

    void followsPaletteSwitch()
    {
        tokenEdit()->setText(QStringLiteral("hf_has space"));
        StatusLine *line = status(QStringLiteral("tokenStatus"));
        QCOMPARE(line->kind(), StatusLine::Kind::Error);
        const QColor light = line->label()->palette().color(QPalette::WindowText);
        QPalette dark = m_dialog->palette();
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
        dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
        m_dialog->setPalette(dark); // what a system light/dark switch delivers to the widgets
        const QColor now = line->label()->palette().color(QPalette::WindowText);
        QCOMPARE(now, StatusLine::colorFor(StatusLine::Kind::Error, dark));
        QVERIFY(now != light);
        QVERIFY(now.lightness() > 128); // readable on the dark window
    }

    void canaryNeverExposed()
    {
        tokenEdit()->setText(Canary);
        m_dialog->findChild<QToolButton *>(QStringLiteral("revealButton"))->click();
        m_dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("x"));
        const QString middle = Canary.mid(6, 20); // also catches partial copies, not only masks
        for (const QString &text : exposedStrings(m_dialog.get(), QStringLiteral("tokenEdit")))
            QVERIFY2(!text.contains(middle), qPrintable(text));
        m_dialog->reject();
        QVERIFY(tokenEdit()->text().isEmpty()); // a closed dialog no longer holds the secret
    }

private:
    QLineEdit *tokenEdit() { return m_dialog->findChild<QLineEdit *>(QStringLiteral("tokenEdit")); }
    QPushButton *saveButton() { return m_dialog->findChild<QPushButton *>(QStringLiteral("saveButton")); }
    StatusLine *status(const QString &name) { return m_dialog->findChild<StatusLine *>(name); }
    PastedTokenCheck *check() { return m_dialog->findChild<PastedTokenCheck *>(); }

    std::unique_ptr<DialogTestEnv> m_env;
    std::unique_ptr<LoginDialog> m_dialog;
    QList<QUrl> m_opened;
};

QTEST_MAIN(TestLoginDialogInput)
#include "tst_logindialog_input.moc"
