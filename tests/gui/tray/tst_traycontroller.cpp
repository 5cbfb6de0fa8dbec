// The tray menu and icon state, driven offscreen without a tray: tokens as exclusive checkable items,
// warning marks, labels refreshed when the menu opens, switching through the one core path (token file
// bytes, git only for git-registered tokens), the icon state for each case, and no secret in any text.
#include "support/TestWorld.h"
#include "ui/tray/TrayController.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QMenu>
#include <QPalette>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace hftm;
using namespace hftm::test;
using namespace hftm::test::fixture;

namespace {
// A `git` that appends "argv" and its stdin to a log: enough to see which token was approved.
class RecordingGit {
public:
    explicit RecordingGit(const QProcessEnvironment &environment)
    {
        const QString path = m_dir.filePath(QStringLiteral("git"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write fake git");
        file.write("#!/bin/sh\nd=$(dirname \"$0\")\n"
                   // a git with the `store` helper configured; `git config` is answered, not logged
                   "if [ \"$1\" = config ]; then printf 'credential.helper\\nstore\\0'; exit 0; fi\n"
                   "printf 'argv:%s\\n' \"$*\" >> \"$d/log\"\ncat >> \"$d/log\"\n");
        file.close();
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        m_git = std::make_unique<GitCredential>(path, environment, 15000);
    }
    GitCredential *credential() const { return m_git.get(); }
    QByteArray log() const
    {
        QFile file(m_dir.filePath(QStringLiteral("log")));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    void clear() const { QFile::remove(m_dir.filePath(QStringLiteral("log"))); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<GitCredential> m_git;
};

QStringList everyText(const TrayController &tray)
{
    QStringList texts{tray.toolTip(), tray.menu()->title(), tray.menu()->accessibleName()};
    for (QAction *action : tray.menu()->actions())
        texts << action->text() << action->toolTip() << action->statusTip();
    return texts;
}
} // namespace

class TestTrayController : public QObject {
    Q_OBJECT

private slots:
    void init() { m_world = std::make_unique<TestWorld>(); }
    void cleanup() { m_world.reset(); }

    void listsTokensAsExclusiveCheckableItems()
    {
        TrayController tray(m_world->store(), m_world->clock());
        const QList<QAction *> tokens = tray.tokenActions();
        QCOMPARE(tokens.size(), 5);
        QList<QAction *> checked;
        for (QAction *action : tokens) {
            QVERIFY(action->isCheckable());
            QVERIFY(action->actionGroup());
            QCOMPARE(action->actionGroup()->exclusionPolicy(), QActionGroup::ExclusionPolicy::Exclusive);
            if (action->isChecked())
                checked << action;
        }
        QCOMPARE(checked, QList<QAction *>{tray.tokenAction(CiWrite)});
        // Then the commands, in the order the issue lists them, after the tokens.
        const QList<QAction *> all = tray.menu()->actions();
        const qsizetype validate = all.indexOf(tray.validateAllAction());
        QVERIFY(validate > all.indexOf(tokens.last()));
        QVERIFY(all.at(validate - 1)->isSeparator());
        QCOMPARE(all.indexOf(tray.addTokenAction()), validate + 1);
        QCOMPARE(all.indexOf(tray.openManagerAction()), validate + 2);
        QCOMPARE(all.last(), tray.quitAction());
        QCOMPARE(tray.addTokenAction()->text(), QStringLiteral("&Add token\u2026"));
    }

    void commandsEmitRequests()
    {
        TrayController tray(m_world->store(), m_world->clock());
        QSignalSpy validate(&tray, &TrayController::validateAllRequested);
        QSignalSpy add(&tray, &TrayController::addTokenRequested);
        QSignalSpy open(&tray, &TrayController::openManagerRequested);
        QSignalSpy quit(&tray, &TrayController::quitRequested);
        tray.validateAllAction()->trigger();
        tray.addTokenAction()->trigger();
        tray.openManagerAction()->trigger();
        tray.quitAction()->trigger();
        QCOMPARE(validate.count() + add.count() + open.count() + quit.count(), 4);
        QCOMPARE(quit.count(), 1);
    }

    void warningMarksForExpiredInvalidAndExpiring()
    {
        m_world->setWarningDays(7);
        m_world->recordVerdict(CiWrite, TokenStatus::Valid, QStringLiteral("alice-example"),
                               QStringLiteral("write"));
        m_world->recordVerdict(LaptopRead, TokenStatus::Valid, QStringLiteral("alice-example"),
                               QStringLiteral("read"), m_world->now.addDays(6));
        m_world->recordVerdict(BobFine, TokenStatus::Invalid);
        m_world->recordVerdict(Colab, TokenStatus::Expired);
        m_world->recordVerdict(QStringLiteral("oauth-carol-example"), TokenStatus::Valid,
                               QStringLiteral("carol"), QStringLiteral("read"), m_world->now.addDays(8));
        TrayController tray(m_world->store(), m_world->clock());
        const QChar mark(0x26A0);
        QCOMPARE(tray.tokenAction(CiWrite)->text(), QStringLiteral("ci-write \u2014 alice-example, write"));
        QVERIFY(tray.tokenAction(LaptopRead)->text().contains(mark));
        QVERIFY2(tray.tokenAction(LaptopRead)->text().contains(QStringLiteral("expires in 6 days")),
                 qPrintable(tray.tokenAction(LaptopRead)->text()));
        QVERIFY(tray.tokenAction(BobFine)->text().endsWith(mark + QStringLiteral(" invalid")));
        QVERIFY(tray.tokenAction(Colab)->text().endsWith(mark + QStringLiteral(" expired")));
        QVERIFY(
            !tray.tokenAction(QStringLiteral("oauth-carol-example"))->text().contains(mark)); // 8 days > 7
    }

    void labelsRefreshWhenTheMenuIsAboutToShow()
    {
        m_world->recordVerdict(LaptopRead, TokenStatus::Valid, QStringLiteral("alice-example"),
                               QStringLiteral("read"), m_world->now.addDays(9));
        TrayController tray(m_world->store(), m_world->clock());
        QVERIFY(!tray.tokenAction(LaptopRead)->text().contains(QChar(0x26A0)));
        m_world->now = m_world->now.addDays(3); // time passes, the store does not change
        QVERIFY(!tray.tokenAction(LaptopRead)->text().contains(QChar(0x26A0)));
        Q_EMIT tray.menu()->aboutToShow();
        QVERIFY(tray.tokenAction(LaptopRead)->text().contains(QStringLiteral("expires in 6 days")));
        // A store change relabels at once (a verdict from elsewhere), and a token added elsewhere appears.
        m_world->recordVerdict(BobFine, TokenStatus::Valid, QStringLiteral("bob"),
                               QStringLiteral("fineGrained"));
        QCOMPARE(tray.tokenAction(BobFine)->text(),
                 QStringLiteral("bob-finegrained \u2014 bob, fine-grained"));
        QVERIFY(m_world->store()
                    ->add(QStringLiteral("R&D"), QStringLiteral("hf_FAKEnewTokenAddedLaterxxxxxxxxNewT"),
                          AddOptions{})
                    .ok());
        QVERIFY(tray.tokenAction(QStringLiteral("R&D")));
        QCOMPARE(tray.tokenAction(QStringLiteral("R&D"))->text(), QStringLiteral("R&&D")); // no mnemonic
        QCOMPARE(tray.tokenActions().size(), 6);
    }

    void pickingAnItemRewritesTheTokenFile()
    {
        TrayController tray(m_world->store(), m_world->clock());
        QSignalSpy switched(&tray, &TrayController::switched);
        QCOMPARE(m_world->tokenFile(), CiWriteSecret.toUtf8());
        tray.tokenAction(LaptopRead)->trigger();
        QTRY_COMPARE(switched.count(), 1); // the switch is written off the GUI thread
        // Exactly what `hftoken switch` and huggingface_hub write: the raw token, no newline, 0600.
        QCOMPARE(m_world->tokenFile(), LaptopReadSecret.toUtf8());
        const QString path = QDir(m_world->env.hfHome()).filePath(QStringLiteral("token"));
        QCOMPARE(QFile::permissions(path) & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QVERIFY(tray.tokenAction(LaptopRead)->isChecked());
        QVERIFY(!tray.tokenAction(CiWrite)->isChecked());
        QCOMPARE(m_world->store()->active().name, LaptopRead);
    }

    void failedSwitchKeepsTheRealActiveChecked()
    {
        TrayController tray(m_world->store(), m_world->clock());
        QSignalSpy failed(&tray, &TrayController::switchFailed);
        QSignalSpy notified(&tray, &TrayController::notified);
        m_world->secrets.setUnavailable(true);
        // Gone from stored_tokens too, so only the (unavailable) keychain could give the secret.
        m_world->env.writeFile(QStringLiteral("stored_tokens"),
                               "[ci-write]\nhf_token = " + CiWriteSecret.toUtf8() + "\n");
        tray.tokenAction(LaptopRead)->trigger();
        QTRY_COMPARE(failed.count(), 1); // the switch is tried off the GUI thread
        QCOMPARE(notified.count(), 1);
        QCOMPARE(m_world->tokenFile(), CiWriteSecret.toUtf8());
        QVERIFY(tray.tokenAction(CiWrite)->isChecked());
    }

    void registersWithGitOnlyWhenTheTokenIsMarkedSo()
    {
        RecordingGit git(m_world->env.environment());
        TokenStore *store = m_world->store(git.credential());
        const QString pusherSecret = QStringLiteral("hf_FAKEpusherGitTokenxxxxxxxxxxxxxPush");
        QVERIFY(store->add(QStringLiteral("pusher"), pusherSecret, AddOptions{false, true, false}).ok());
        QVERIFY(store->token(QStringLiteral("pusher"))->gitRegistered);
        git.clear();
        TrayController tray(store, m_world->clock());
        QSignalSpy switched(&tray, &TrayController::switched); // switches finish off the GUI thread
        tray.tokenAction(LaptopRead)->trigger();
        QTRY_COMPARE(switched.count(), 1);
        QCOMPARE(m_world->tokenFile(), LaptopReadSecret.toUtf8());
        QCOMPARE(git.log(), QByteArray()); // not registered: git never ran
        tray.tokenAction(QStringLiteral("pusher"))->trigger();
        QTRY_COMPARE(switched.count(), 2);
        QCOMPARE(m_world->tokenFile(), pusherSecret.toUtf8());
        const QByteArray log = git.log();
        QVERIFY2(log.startsWith("argv:credential approve\n"), log.constData());
        QVERIFY(log.contains("password=" + pusherSecret.toUtf8() + "\n"));
        QVERIFY(!log.split('\n').first().contains("hf_")); // stdin only, never argv
    }

    void iconState_data()
    {
        QTest::addColumn<int>("verdict");
        QTest::addColumn<int>("expiresInDays"); // 0: no expiry known
        QTest::addColumn<bool>("envOverride");
        QTest::addColumn<bool>("tokenFile");
        QTest::addColumn<TrayState>("expected");
        QTest::newRow("valid") << int(TokenStatus::Valid) << 0 << false << true << TrayState::Valid;
        QTest::newRow("valid, expires in 30 days")
            << int(TokenStatus::Valid) << 30 << false << true << TrayState::Valid;
        QTest::newRow("expiring in 6 of 7 days")
            << int(TokenStatus::Valid) << 6 << false << true << TrayState::Expiring;
        QTest::newRow("invalid") << int(TokenStatus::Invalid) << 0 << false << true << TrayState::Invalid;
        QTest::newRow("expired by the Hub")
            << int(TokenStatus::Expired) << 0 << false << true << TrayState::Invalid;
        QTest::newRow("expired by date")
            << int(TokenStatus::Valid) << -1 << false << true << TrayState::Invalid;
        QTest::newRow("unchecked") << int(TokenStatus::Unchecked) << 0 << false << true
                                   << TrayState::Unchecked;
        QTest::newRow("unreachable keeps unchecked")
            << int(TokenStatus::Unreachable) << 0 << false << true << TrayState::Unchecked;
        QTest::newRow("env override")
            << int(TokenStatus::Valid) << 0 << true << true << TrayState::EnvOverride;
        QTest::newRow("no token at all")
            << int(TokenStatus::Valid) << 0 << false << false << TrayState::NoToken;
    }

    void iconState()
    {
        QFETCH(int, verdict);
        QFETCH(int, expiresInDays);
        QFETCH(bool, envOverride);
        QFETCH(bool, tokenFile);
        QFETCH(TrayState, expected);
        if (envOverride)
            m_world->env.set(QStringLiteral("HF_TOKEN"), Canary);
        if (!tokenFile)
            QFile::remove(QDir(m_world->env.hfHome()).filePath(QStringLiteral("token")));
        m_world->setWarningDays(7);
        if (verdict != int(TokenStatus::Unchecked))
            m_world->recordVerdict(CiWrite, TokenStatus(verdict), QStringLiteral("alice-example"),
                                   QStringLiteral("write"),
                                   expiresInDays ? m_world->now.addDays(expiresInDays) : QDateTime());
        TrayController tray(m_world->store(), m_world->clock());
        QCOMPARE(tray.trayState(), expected);
        QVERIFY(!tray.icon().isNull());
        QVERIFY(!tray.icon().pixmap(22, 22).isNull());
    }

    void stateFollowsTheStoreAndTheClock()
    {
        m_world->recordVerdict(CiWrite, TokenStatus::Valid, QStringLiteral("alice-example"),
                               QStringLiteral("write"), m_world->now.addDays(10));
        TrayController tray(m_world->store(), m_world->clock());
        QSignalSpy changed(&tray, &TrayController::stateChanged);
        QCOMPARE(tray.trayState(), TrayState::Valid);
        const qint64 validIcon = tray.icon().cacheKey();
        m_world->now = m_world->now.addDays(4);
        tray.refresh(); // the integration's hourly tick
        QCOMPARE(tray.trayState(), TrayState::Expiring);
        QVERIFY(tray.icon().cacheKey() != validIcon);
        m_world->recordVerdict(CiWrite, TokenStatus::Invalid);
        QCOMPARE(tray.trayState(), TrayState::Invalid);
        QCOMPARE(changed.count(), 2);
    }

    void toolTipNamesTheActiveTokenButNeverTheSecret()
    {
        const QDateTime expires = m_world->now.addDays(20);
        m_world->recordVerdict(CiWrite, TokenStatus::Valid, QStringLiteral("alice-example"),
                               QStringLiteral("write"), expires);
        TrayController tray(m_world->store(), m_world->clock());
        const QString tip = tray.toolTip();
        QVERIFY2(tip.contains(CiWrite), qPrintable(tip));
        QVERIFY(tip.contains(QStringLiteral("alice-example")));
        QVERIFY(tip.contains(QLocale().toString(expires.toLocalTime(), QLocale::ShortFormat)));
        QVERIFY(tip.contains(QStringLiteral("in 20 days")));
        for (const QString &text : everyText(tray)) {
            for (const QString &secret : AllSecrets)
                QVERIFY2(!text.contains(secret), qPrintable(text));
            QVERIFY2(!text.contains(QStringLiteral("hf_")), qPrintable(text)); // not even masked
        }
    }

    void envOverrideIsSaidAndTheCanaryNeverShown()
    {
        m_world->env.set(QStringLiteral("HF_TOKEN"), Canary);
        TrayController tray(m_world->store(), m_world->clock());
        QCOMPARE(tray.trayState(), TrayState::EnvOverride);
        QVERIFY(tray.toolTip().contains(QStringLiteral("HF_TOKEN")));
        QAction *notice = tray.menu()->actions().first();
        QVERIFY(notice->isVisible());
        QVERIFY(!notice->isEnabled());
        QVERIFY(tray.tokenAction(CiWrite)->isChecked()); // what the token file holds
        // Picking still writes the file (what a pick changes), while HF_TOKEN stays in force.
        QSignalSpy switched(&tray, &TrayController::switched);
        tray.tokenAction(LaptopRead)->trigger();
        QTRY_COMPARE(switched.count(), 1); // the switch is written off the GUI thread
        QCOMPARE(m_world->tokenFile(), LaptopReadSecret.toUtf8());
        QVERIFY(tray.tokenAction(LaptopRead)->isChecked());
        QCOMPARE(tray.trayState(), TrayState::EnvOverride);
        for (const QString &text : everyText(tray))
            QVERIFY2(!text.contains(Canary.mid(3, 20)), qPrintable(text));
    }

    void panelShadeForTheIcons()
    {
        QPalette light;
        light.setColor(QPalette::Window, Qt::white);
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
        // Most panels are dark whatever the app palette says; Plasma's follows the colour scheme.
        QVERIFY(prefersDarkPanel(light, QStringLiteral("GNOME")));
        QVERIFY(prefersDarkPanel(light, QString()));
        QVERIFY(!prefersDarkPanel(light, QStringLiteral("KDE")));
        QVERIFY(prefersDarkPanel(dark, QStringLiteral("KDE")));
        for (TrayState state : {TrayState::Valid, TrayState::Expiring, TrayState::Invalid,
                                TrayState::Unchecked, TrayState::EnvOverride}) {
            for (const bool shade : {false, true}) {
                const QString path = QStringLiteral(":/icons/tray/%1-%2.svg")
                                         .arg(trayStateIconId(state),
                                              shade ? QStringLiteral("dark") : QStringLiteral("light"));
                QVERIFY2(QFile::exists(path), qPrintable(path)); // the drawn icons, not the painted fallback
                QVERIFY(!trayStateIcon(state, shade).pixmap(22, 22).isNull());
            }
        }
    }

private:
    std::unique_ptr<TestWorld> m_world;
};

QTEST_MAIN(TestTrayController)
#include "tst_traycontroller.moc"
