// LoginDialog warns when the pasted token expires inside the settings' expiry warning window (the same
// judgement as the window's Status column), with the date and the days left, and still lets it be saved;
// outside the window, or with the warning turned off, it says nothing. The Hub is the fake one over real
// sockets, its whoami answer carries the expiry.
#include "support/FakeHub.h"
#include "support/gui/DialogTestEnv.h"
#include "ui/common/RelativeTime.h"
#include "ui/dialogs/LoginDialog.h"
#include "ui/dialogs/StatusLine.h"

#include <QPushButton>
#include <QTest>

using namespace hftm;
using namespace hftm::test;

namespace {
const QString FineToken = QStringLiteral("hf_FAKEbobFineTokenForTestsOnlyxxBobF");
const QString ReadToken = QStringLiteral("hf_FAKElaptopReadTokenForTestsOnlLrdA");    // no expiry known
const QDateTime Expires = QDateTime(QDate(2026, 12, 31), QTime(23, 59, 59), Qt::UTC); // the fixture's
} // namespace

class TestLoginDialogExpiry : public QObject {
    Q_OBJECT

private slots:
    void warnsInsideTheWindow_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<int>("warningDays");
        QTest::addColumn<QString>("days"); // expected "in N days"; empty = no warning
        const QDateTime near(QDate(2026, 12, 26), QTime(12, 0), Qt::UTC);
        const QDateTime far(QDate(2026, 11, 1), QTime(12, 0), Qt::UTC);
        QTest::newRow("5 days left, 7-day window") << FineToken << near << 7 << QStringLiteral("in 5 days");
        QTest::newRow("60 days left, 7-day window") << FineToken << far << 7 << QString();
        QTest::newRow("60 days left, 90-day window")
            << FineToken << far << 90 << QStringLiteral("in 60 days");
        QTest::newRow("warning turned off") << FineToken << near << 0 << QString();
        QTest::newRow("no expiry known") << ReadToken << near << 7 << QString();
    }
    void warnsInsideTheWindow()
    {
        QFETCH(QString, token);
        QFETCH(QDateTime, now);
        QFETCH(int, warningDays);
        QFETCH(QString, days);
        DialogTestEnv env;
        FakeHub hub;
        QVERIFY(hub.start());
        hub.addToken(FineToken, QStringLiteral("whoami_fine_grained.json"));
        hub.addToken(ReadToken, QStringLiteral("whoami_read_token.json"));
        env.client.setClock([now] { return now; });
        QVERIFY(!env.setEndpoint(hub.endpoint()));
        Settings settings = env.store->settings();
        settings.expiryWarningDays = warningDays;
        QVERIFY(!env.store->saveSettings(settings));

        LoginDialog dialog(env.store.get(), &env.validator);
        dialog.setDebounceInterval(1);
        dialog.setUrlOpener([](const QUrl &) { return false; });
        dialog.setClock([now] { return now; });
        dialog.show();
        auto *tokenStatus = dialog.findChild<StatusLine *>(QStringLiteral("tokenStatus"));
        auto *expiry = dialog.findChild<StatusLine *>(QStringLiteral("expiryStatus"));
        auto *save = dialog.findChild<QPushButton *>(QStringLiteral("saveButton"));
        QVERIFY(tokenStatus && expiry && save);
        dialog.findChild<QLineEdit *>(QStringLiteral("tokenEdit"))->setText(token);
        QTRY_COMPARE(tokenStatus->kind(), StatusLine::Kind::Success);
        QVERIFY(save->isEnabled()); // a warning, never a refusal
        if (days.isEmpty()) {
            QCOMPARE(expiry->kind(), StatusLine::Kind::None);
            QVERIFY(!expiry->isVisibleTo(&dialog));
            return;
        }
        QCOMPARE(expiry->kind(), StatusLine::Kind::Warning);
        QVERIFY(expiry->isVisibleTo(&dialog));
        const QString expected =
            QStringLiteral("This token expires on %1, %2.").arg(RelativeTime::shortDate(Expires), days);
        QVERIFY2(expiry->text().startsWith(expected), qPrintable(expiry->text()));

        // Text that is no longer that token drops the warning with the verdict.
        dialog.findChild<QLineEdit *>(QStringLiteral("tokenEdit"))->setText(QStringLiteral("hf_abc"));
        QCOMPARE(expiry->kind(), StatusLine::Kind::None);
    }
};

QTEST_MAIN(TestLoginDialogExpiry)
#include "tst_logindialog_expiry.moc"
