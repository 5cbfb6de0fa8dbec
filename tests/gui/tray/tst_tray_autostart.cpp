// "Open at login" writes an XDG autostart entry that starts the app in the tray, valid for
// desktop-file-validate, with the program quoted as the spec wants; turning it off removes it.
#include "support/TestWorld.h"
#include "ui/tray/Autostart.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>

using namespace hftm;
using namespace hftm::test;
using namespace hftm::test::fixture;

namespace {
QByteArray readEntry()
{
    QFile file(Autostart::entryPath());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void validate(const QString &path)
{
    const QString validator = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
    if (validator.isEmpty()) {
        qWarning("desktop-file-validate not installed; content checked by the test alone");
        return;
    }
    QProcess process;
    process.start(validator, {path});
    QVERIFY(process.waitForFinished(10000));
    const QByteArray output = process.readAllStandardOutput() + process.readAllStandardError();
    QVERIFY2(process.exitCode() == 0, output.constData());
    QVERIFY2(!output.contains("error"), output.constData());
}
} // namespace

class TestTrayAutostart : public QObject {
    Q_OBJECT

private slots:
    void init() { m_world = std::make_unique<TestWorld>(); }
    void cleanup() { m_world.reset(); }

    void entryLivesInTheScratchConfigFolder()
    {
        QCOMPARE(Autostart::entryPath(),
                 m_world->env.root() +
                     QStringLiteral("/config/autostart/" HFTM_APP_ID ".desktop"));
    }

    void writesAValidEntryAndRemovesIt()
    {
        QVERIFY(!Autostart::isEnabled());
        QVERIFY(!Autostart::setEnabled(true, QStringLiteral("hf-token-manager")));
        const QByteArray entry = readEntry();
        QVERIFY(entry.startsWith("[Desktop Entry]\n"));
        QVERIFY(entry.contains("\nType=Application\n"));
        QVERIFY(entry.contains("\nExec=hf-token-manager --minimized\n"));
        QVERIFY(entry.contains("\nIcon=hf-token-manager\n"));
        QVERIFY(entry.contains("\nX-GNOME-Autostart-enabled=true\n"));
        validate(Autostart::entryPath());
        QVERIFY(!Autostart::setEnabled(false));
        QVERIFY(!QFile::exists(Autostart::entryPath()));
        QVERIFY(!Autostart::setEnabled(false)); // nothing to remove is fine
    }

    void programPathsAreQuoted_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QByteArray>("exec");
        QTest::newRow("plain") << QStringLiteral("/usr/bin/hf-token-manager")
                               << QByteArray("Exec=/usr/bin/hf-token-manager --minimized");
        QTest::newRow("space") << QStringLiteral("/opt/My Apps/hf-token-manager")
                               << QByteArray("Exec=\"/opt/My Apps/hf-token-manager\" --minimized");
        QTest::newRow("dollar and quote")
            << QStringLiteral("/home/a$b/\"x\"/hftm")
            << QByteArray("Exec=\"/home/a\\\\$b/\\\\\"x\\\\\"/hftm\" --minimized");
        QTest::newRow("percent") << QStringLiteral("/opt/100%/hftm")
                                 << QByteArray("Exec=/opt/100%%/hftm --minimized");
    }

    void programPathsAreQuoted()
    {
        QFETCH(QString, program);
        QFETCH(QByteArray, exec);
        QVERIFY(!Autostart::setEnabled(true, program));
        QVERIFY2(readEntry().contains("\n" + exec + "\n"), readEntry().constData());
        validate(Autostart::entryPath());
    }

    void followsTheSetting()
    {
        AutostartSync sync(m_world->store());
        QVERIFY(!Autostart::isEnabled());
        Settings settings = m_world->store()->settings();
        settings.openAtLogin = true;
        QVERIFY(!m_world->store()->saveSettings(settings));
        QVERIFY(Autostart::isEnabled());
        QVERIFY(readEntry().contains(" --minimized\n"));
        validate(Autostart::entryPath());
        settings.openAtLogin = false;
        QVERIFY(!m_world->store()->saveSettings(settings));
        QVERIFY(!Autostart::isEnabled());
    }

    void startUpReconcilesWithoutFightingTheDesktop()
    {
        // Off, but an entry is there (e.g. from an older version): removed at start.
        QVERIFY(!Autostart::setEnabled(true, QStringLiteral("/old/place/hf-token-manager")));
        {
            AutostartSync sync(m_world->store());
        }
        QVERIFY(!Autostart::isEnabled());
        // On, and the entry points to where the program used to be: refreshed.
        Settings settings = m_world->store()->settings();
        settings.openAtLogin = true;
        QVERIFY(!m_world->store()->saveSettings(settings));
        QVERIFY(!Autostart::setEnabled(true, QStringLiteral("/old/place/hf-token-manager")));
        {
            AutostartSync sync(m_world->store());
        }
        QCOMPARE(readEntry(), Autostart::entryContent(Autostart::programForEntry()));
        // On, but the user removed the entry in the desktop's startup settings: left removed.
        QVERIFY(!Autostart::setEnabled(false));
        {
            AutostartSync sync(m_world->store());
        }
        QVERIFY(!Autostart::isEnabled());
    }

private:
    std::unique_ptr<TestWorld> m_world;
};

QTEST_GUILESS_MAIN(TestTrayAutostart)
#include "tst_tray_autostart.moc"
