// Issue 12, "who is active, always said": with no token active the tray has an icon of its own, not the
// "unchecked" one nor the valid one — both when there is no token file and when the file holds a token
// that is not stored here — and its tooltip says which of the two it is (never the token itself).
#include "support/TestWorld.h"
#include "ui/tray/TrayController.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QSignalSpy>

using namespace hftm;
using namespace hftm::test;
using namespace hftm::test::fixture;

namespace {
QImage imageOf(const QIcon &icon)
{
    return icon.pixmap(22, 22).toImage().convertToFormat(QImage::Format_ARGB32);
}
} // namespace

class TestTrayNoToken : public QObject {
    Q_OBJECT

private slots:
    void init() { m_world = std::make_unique<TestWorld>(); }
    void cleanup() { m_world.reset(); }

    void noTokenFileHasItsOwnIconAndSaysSo()
    {
        m_world->recordVerdict(CiWrite, TokenStatus::Valid);
        TrayController tray(m_world->store(), m_world->clock());
        QCOMPARE(tray.trayState(), TrayState::Valid);
        const QImage valid = imageOf(tray.icon());
        QSignalSpy changed(&tray, &TrayController::stateChanged);

        QVERIFY(QFile::remove(tokenPath()));
        m_world->store()->refresh(); // what the file watcher does when the file goes
        QTRY_COMPARE(tray.trayState(), TrayState::NoToken);
        QCOMPARE(changed.count(), 1);
        const QImage none = imageOf(tray.icon());
        QVERIFY(!none.isNull());
        QVERIFY(none != valid);
        QVERIFY(none != imageOf(trayStateIcon(TrayState::Unchecked, true)));
        QVERIFY(none != imageOf(trayStateIcon(TrayState::Unchecked, false)));
        // Drawn like the rest of the set (a resource per panel shade), not the painted stand-in.
        for (const QString &shade : {QStringLiteral("dark"), QStringLiteral("light")})
            QVERIFY(QFile::exists(QStringLiteral(":/icons/tray/no-token-%1.svg").arg(shade)));
        const QString tip = tray.toolTip();
        QVERIFY2(tip.contains(QStringLiteral("No active token")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("no token file")), qPrintable(tip));
        QVERIFY2(tip.contains(QDir::toNativeSeparators(tokenPath())), qPrintable(tip));
    }

    void aTokenFileNotStoredHereIsNoTokenOfOursAndSaysSo()
    {
        const QByteArray stranger = "hf_FAKEstrangerNotStoredHerexxxxxxStrn";
        m_world->env.writeFile(QStringLiteral("token"), stranger);
        TrayController tray(m_world->store(), m_world->clock());
        QCOMPARE(tray.trayState(), TrayState::NoToken);
        QVERIFY(imageOf(tray.icon()) != imageOf(trayStateIcon(TrayState::Unchecked, true)));
        const QString tip = tray.toolTip();
        QVERIFY2(tip.contains(QStringLiteral("not stored here")), qPrintable(tip));
        QVERIFY2(!tip.contains(QStringLiteral("no token file")), qPrintable(tip));
        QVERIFY(!tip.contains(QString::fromLatin1(stranger)));
        QVERIFY(!tip.contains(QStringLiteral("hf_"))); // not even masked
        for (QAction *action : tray.tokenActions())
            QVERIFY(!action->isChecked());
    }

private:
    QString tokenPath() const { return QDir(m_world->env.hfHome()).filePath(QStringLiteral("token")); }
    std::unique_ptr<TestWorld> m_world;
};

QTEST_MAIN(TestTrayNoToken)
#include "tst_tray_notoken.moc"
