// Issue 12, "when the Hub cannot be reached": twelve tokens checked by the window against the fake Hub
// on 127.0.0.1 (nine valid, one expired, two invalid), then the Hub goes away (its port refuses) and
// "Validate all" runs again. The rows keep the Hub's last verdict and say the Hub was not reached, the
// status bar counts honestly, and the tray says of every token what the table says.
#include "support/FakeHub.h"
#include "support/gui/WindowFixture.h"

#include "core/notify/TokenStateView.h"
#include "ui/tray/TrayController.h"
#include "ui/tray/TrayState.h"
#include "ui/window/TokenActions.h"
#include "ui/window/TokenDetailsPane.h"
#include "ui/window/TokenTableModel.h"

#include <QAction>
#include <QLabel>
#include <QStatusBar>
#include <QTest>

using namespace hftm;
using namespace hftm::test;

namespace {
constexpr int Tokens = 12;
constexpr int Expired = 4;
const QList<int> Invalid{7, 10};

QString nameOf(int i)
{
    return QStringLiteral("hubdown-%1").arg(i, 2, 10, QLatin1Char('0'));
}

QString secretOf(int i)
{
    return QStringLiteral("hf_FAKEhubDownToken%1xxxxxxxxxxxxxxxxx").arg(i, 2, 10, QLatin1Char('0'));
}

TokenState expectedState(int i)
{
    if (i == Expired)
        return TokenState::Expired;
    return Invalid.contains(i) ? TokenState::Invalid : TokenState::Valid;
}
} // namespace

class TestWindowHubDown : public QObject {
    Q_OBJECT

private slots:
    void lastVerdictsStayAndTheSummaryIsHonest()
    {
        WindowFixture f(false);
        auto hub = std::make_unique<FakeHub>();
        QVERIFY(hub->start());
        QByteArray ini;
        for (int i = 0; i < Tokens; ++i) {
            ini += '[' + nameOf(i).toUtf8() + "]\nhf_token = " + secretOf(i).toUtf8() + "\n\n";
            if (!Invalid.contains(i)) // the Hub does not know the invalid ones: 401
                hub->addToken(secretOf(i), QStringLiteral("whoami_read_token.json"));
        }
        hub->setTokenExpired(secretOf(Expired));
        f.env.writeFile(QStringLiteral("stored_tokens"), ini);
        f.env.writeFile(QStringLiteral("token"), secretOf(0).toUtf8());
        f.env.set(QStringLiteral("HF_ENDPOINT"), hub->endpoint());
        TokenStore *store = f.store();
        QCOMPARE(int(store->tokens().size()), Tokens);
        MainWindow &w = f.shownWindow();
        TokenTableModel *model = w.model();

        // The Hub answers every token.
        WindowFixture::trigger(w.actions()->validateAll);
        QTRY_COMPARE_WITH_TIMEOUT(w.statusBar()->currentMessage(),
                                  QStringLiteral("Validated 12 tokens: 9 valid, 1 expired, 2 invalid."),
                                  20000);
        QCOMPARE(hub->requestCount(QStringLiteral("/api/whoami-v2")), Tokens);
        for (int i = 0; i < Tokens; ++i) {
            const int row = model->rowOf(nameOf(i));
            QCOMPARE(
                model->index(row, TokenTableModel::StatusColumn).data(TokenTableModel::StateRole).toInt(),
                int(expectedState(i)));
        }

        // The Hub goes away: its port refuses every connection.
        hub.reset();
        f.now = f.now.addSecs(60);
        WindowFixture::trigger(w.actions()->validateAll);
        QTRY_COMPARE_WITH_TIMEOUT(w.statusBar()->currentMessage(),
                                  QStringLiteral("9 valid, 1 expired, 2 invalid; 12 could not be checked."),
                                  20000);
        f.now = f.now.addSecs(60); // a minute after the failed check
        model->timeMoved();

        TrayController tray(store, f.context().now());
        for (int i = 0; i < Tokens; ++i) {
            const std::optional<TokenRecord> record = store->token(nameOf(i));
            QVERIFY(record);
            QCOMPARE(record->check.status, TokenStatus::Unreachable);
            const int row = model->rowOf(nameOf(i));
            const QModelIndex status = model->index(row, TokenTableModel::StatusColumn);
            // The last real verdict stays in front, with the failed attempt after it.
            QCOMPARE(status.data(TokenTableModel::StateRole).toInt(), int(expectedState(i)));
            QCOMPARE(status.data().toString(), tokenStateText(expectedState(i)));
            const QString verdict = i == Expired          ? QStringLiteral("expired")
                                    : Invalid.contains(i) ? QStringLiteral("invalid")
                                                          : QStringLiteral("valid");
            QCOMPARE(model->index(row, TokenTableModel::CheckColumn).data().toString(),
                     verdict + QStringLiteral(" · Hub unreachable 1 min ago"));
            QVERIFY(
                status.data(Qt::AccessibleTextRole).toString().contains(QStringLiteral("Hub unreachable")));

            // The tray, with this token in the token file, says what the table says.
            f.env.writeFile(QStringLiteral("token"), secretOf(i).toUtf8());
            QVERIFY(!store->reload());
            QCOMPARE(store->active().name, nameOf(i));
            tray.refresh();
            const auto tableState =
                TokenState(model->index(model->rowOf(nameOf(i)), TokenTableModel::StatusColumn)
                               .data(TokenTableModel::StateRole)
                               .toInt());
            QCOMPARE(tableState, expectedState(i));
            const TrayState expectedTray =
                expectedState(i) == TokenState::Valid ? TrayState::Valid : TrayState::Invalid;
            QCOMPARE(trayStateFor(*store, f.now, store->settings().expiryWarningDays), expectedTray);
            QCOMPARE(tray.trayState(), expectedTray);
            QCOMPARE(trayStateOf(tableState), expectedTray);
            // Its menu item warns of exactly the tokens the table shows as a problem.
            const QString label = tray.tokenAction(nameOf(i))->text();
            QCOMPARE(label.contains(QChar(0x26A0)), expectedState(i) != TokenState::Valid);
        }

        // The details pane tells the same story as the row.
        QLabel *lastCheck = nullptr;
        for (QLabel *label : w.details()->findChildren<QLabel *>()) {
            if (label->accessibleName() == QStringLiteral("Last check"))
                lastCheck = label;
        }
        QVERIFY(lastCheck);
        for (int i : {0, Expired, Invalid.first()}) {
            QVERIFY(w.selectToken(nameOf(i)));
            const QString row =
                model->index(model->rowOf(nameOf(i)), TokenTableModel::CheckColumn).data().toString();
            QVERIFY2(lastCheck->text().startsWith(row), qPrintable(lastCheck->text()));
        }
    }
};

QTEST_MAIN(TestWindowHubDown)
#include "tst_window_hubdown.moc"
