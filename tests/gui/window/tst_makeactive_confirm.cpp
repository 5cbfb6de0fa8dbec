// Issue 12: making a token the Hub rejected, or one that expired, the active one asks first and says why
// ("programs using it will fail"); "Make Active Anyway" goes on, Cancel leaves the token file as it was.
// Valid, expiring and never-checked tokens become active without a question. activationWarning() is the
// core's wording, for the tray's switch too.
#include "core/notify/ActivationWarning.h"
#include "core/store/StoreEditor.h"
#include "support/gui/WindowFixture.h"
#include "ui/common/MessageBoxes.h"
#include "ui/window/TokenActions.h"

#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>

using namespace hftm;
using namespace hftm::test;
using namespace hftm::test::fixture;

namespace {
TokenCheck answer(TokenStatus status, const QDateTime &at, const QDateTime &expires = {})
{
    TokenCheck check;
    check.status = status;
    check.checkedAt = at;
    check.message = tokenStatusText(status);
    if (expires.isValid()) {
        WhoamiInfo whoami;
        whoami.user = QStringLiteral("alice-example");
        whoami.expiresAt = expires;
        check.whoami = whoami;
    }
    return check;
}

QString day(const QDateTime &when)
{
    return QLocale().toString(when.toLocalTime().date(), QLocale::ShortFormat);
}
} // namespace

class MakeActiveConfirmTest : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        m_fixture = std::make_unique<WindowFixture>();
        QVERIFY(m_fixture->env.isValid());
        m_rejectedAt = m_fixture->now.addDays(-20);
        m_expiredOn = m_fixture->now.addDays(-3);
        TokenStore *store = m_fixture->store();
        QVERIFY(!store->recordCheck(LaptopRead, answer(TokenStatus::Invalid, m_rejectedAt)));
        // The Hub described it valid with an expiry that has passed since.
        QVERIFY(
            !store->recordCheck(Colab, answer(TokenStatus::Valid, m_fixture->now.addDays(-10), m_expiredOn)));
        QVERIFY(!store->recordCheck(BobFine, answer(TokenStatus::Valid, m_fixture->now.addDays(-1))));
        QCOMPARE(m_fixture->world.tokenFile(), CiWriteSecret.toUtf8());
    }
    void cleanup() { m_fixture.reset(); }

    void wordsSayWhyAndWhen()
    {
        TokenStore *store = m_fixture->store();
        const QDateTime now = m_fixture->now;
        const QString rejected = activationWarning(*store->token(LaptopRead), now);
        QCOMPARE(rejected,
                 QStringLiteral("\u201Claptop-read\u201D was rejected by the Hub on %1: programs using it "
                                "will fail.")
                     .arg(day(m_rejectedAt)));
        const QString expired = activationWarning(*store->token(Colab), now);
        QCOMPARE(expired,
                 QStringLiteral("\u201CColab notebooks\u201D expired on %1: programs using it will fail.")
                     .arg(day(m_expiredOn)));
        QVERIFY(activationWarning(*store->token(BobFine), now).isEmpty());    // valid
        QVERIFY(activationWarning(*store->token(OauthCarol), now).isEmpty()); // never checked
        // Expiring soon still works: no question.
        TokenRecord soon = *store->token(BobFine);
        soon.check.whoami = WhoamiInfo{};
        soon.check.whoami->expiresAt = now.addDays(2);
        QVERIFY(activationWarning(soon, now).isEmpty());
        // An outage since keeps the Hub's refusal.
        QVERIFY(!store->recordCheck(LaptopRead, answer(TokenStatus::Unreachable, now)));
        QCOMPARE(activationWarning(*store->token(LaptopRead), now), rejected);
        QCOMPARE(activationWarningAcceptText(), QStringLiteral("Make Active Anyway"));
    }

    void rejectedTokenAsksFirst_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("why");
        QTest::newRow("invalid") << LaptopRead << LaptopReadSecret << QStringLiteral("rejected by the Hub");
        QTest::newRow("expired") << Colab << ColabSecret << QStringLiteral("expired on");
    }
    void rejectedTokenAsksFirst()
    {
        QFETCH(QString, name);
        QFETCH(QString, secret);
        QFETCH(QString, why);
        MainWindow &w = m_fixture->shownWindow();
        MessageBoxes &messages = m_fixture->context().messages();
        QVERIFY(w.selectToken(name));

        messages.queueAnswer(false); // Cancel
        WindowFixture::trigger(w.actions()->makeActive);
        QCOMPARE(messages.asked().size(), 1);
        QVERIFY2(messages.asked().first().contains(why) && messages.asked().first().contains(name),
                 qPrintable(messages.asked().first()));
        const QMessageBox *box = messages.lastConfirmBox();
        QVERIFY(box);
        auto *accept = box->findChild<QPushButton *>(QStringLiteral("confirmButton"));
        QVERIFY(accept);
        QCOMPARE(accept->text(), QStringLiteral("Make Active Anyway"));
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        QVERIFY(!StoreEditor::of(m_fixture->store())->isBusy()); // nothing was started
        QCOMPARE(m_fixture->world.tokenFile(), CiWriteSecret.toUtf8());

        messages.queueAnswer(true); // Make Active Anyway
        WindowFixture::trigger(w.actions()->makeActive);
        QTRY_COMPARE(m_fixture->world.tokenFile(), secret.toUtf8());
        QTRY_COMPARE(m_fixture->store()->active().name, name);
        QCOMPARE(messages.asked().size(), 2);
    }

    void workingTokensActivateWithoutAQuestion_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("secret");
        QTest::newRow("valid") << BobFine << BobSecret;
        QTest::newRow("never checked") << OauthCarol << OauthSecret;
    }
    void workingTokensActivateWithoutAQuestion()
    {
        QFETCH(QString, name);
        QFETCH(QString, secret);
        MainWindow &w = m_fixture->shownWindow();
        QVERIFY(w.selectToken(name));
        WindowFixture::trigger(w.actions()->makeActive);
        QTRY_COMPARE(m_fixture->world.tokenFile(), secret.toUtf8());
        QVERIFY(m_fixture->context().messages().asked().isEmpty());
    }

private:
    std::unique_ptr<WindowFixture> m_fixture;
    QDateTime m_rejectedAt;
    QDateTime m_expiredOn;
};

QTEST_MAIN(MakeActiveConfirmTest)
#include "tst_makeactive_confirm.moc"
