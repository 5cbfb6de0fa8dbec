// SettingsDialog's "Open at login": ticking it and pressing OK saves the setting and, through the
// AutostartSync the app runs, writes the XDG autostart entry in the scratch XDG_CONFIG_HOME; unticking
// removes it; a reopened dialog shows what was saved.
#include "support/gui/DialogTestEnv.h"
#include "ui/dialogs/SettingsDialog.h"
#include "ui/tray/Autostart.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QTest>

using namespace hftm;
using namespace hftm::test;

class TestSettingsDialogAutostart : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_env = std::make_unique<DialogTestEnv>();
        QVERIFY(m_env->scratch.isValid());
        // The entry must land in the test's own config folder, never the user's.
        QVERIFY(Autostart::entryPath().startsWith(m_env->scratch.root() + QLatin1Char('/')));
        m_sync = std::make_unique<AutostartSync>(m_env->store.get());
    }
    void cleanup()
    {
        m_sync.reset();
        m_env.reset();
    }

    void tickWritesEntryUntickRemovesIt()
    {
        QVERIFY(!QFile::exists(Autostart::entryPath()));
        {
            SettingsDialog dialog(m_env->store.get());
            QCheckBox *box = checkBox(dialog);
            QVERIFY(box);
            QVERIFY(!box->isChecked());
            QVERIFY(!box->accessibleName().isEmpty());
            box->click();
            ok(dialog)->click();
            QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        }
        QVERIFY(m_env->makeStore()->settings().openAtLogin); // persisted, not just cached
        QTRY_VERIFY(QFile::exists(Autostart::entryPath()));
        QFile entry(Autostart::entryPath());
        QVERIFY(entry.open(QIODevice::ReadOnly));
        QVERIFY(entry.readAll().contains(" --minimized\n"));
        QVERIFY(!m_sync->lastError());

        {
            SettingsDialog reopened(m_env->store.get());
            QVERIFY(checkBox(reopened)->isChecked()); // shows the saved value
            checkBox(reopened)->click();
            ok(reopened)->click();
            QTRY_COMPARE(reopened.result(), int(QDialog::Accepted));
        }
        QVERIFY(!m_env->makeStore()->settings().openAtLogin);
        QTRY_VERIFY(!QFile::exists(Autostart::entryPath()));

        SettingsDialog third(m_env->store.get());
        QVERIFY(!checkBox(third)->isChecked());
    }

    void cancelChangesNothing()
    {
        SettingsDialog dialog(m_env->store.get());
        checkBox(dialog)->click();
        dialog.reject();
        QVERIFY(!m_env->store->settings().openAtLogin);
        QVERIFY(!QFile::exists(Autostart::entryPath()));
    }

    void hintNamesWhereTheEntryGoes()
    {
        SettingsDialog dialog(m_env->store.get());
        auto *hint = dialog.findChild<QLabel *>(QStringLiteral("openAtLoginHint"));
        QVERIFY(hint);
        QVERIFY2(hint->text().contains(QDir::toNativeSeparators(Autostart::entryPath())),
                 qPrintable(hint->text()));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(hint->isVisible());
        QCOMPARE(clashingMnemonics(&dialog), QStringList());
    }

private:
    static QCheckBox *checkBox(SettingsDialog &d)
    {
        return d.findChild<QCheckBox *>(QStringLiteral("openAtLogin"));
    }
    static QPushButton *ok(SettingsDialog &d)
    {
        return d.findChild<QPushButton *>(QStringLiteral("okButton"));
    }

    std::unique_ptr<DialogTestEnv> m_env;
    std::unique_ptr<AutostartSync> m_sync;
};

QTEST_MAIN(TestSettingsDialogAutostart)
#include "tst_settingsdialog_autostart.moc"
