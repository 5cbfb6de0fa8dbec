// SettingsDialog: values round-trip into TokenStore (and its file), the endpoint rule (HTTPS, loopback
// excepted) blocks OK with an explanation, and a failed storage-mode change keeps the dialog open.
#include "support/gui/DialogTestEnv.h"
#include "ui/dialogs/SettingsDialog.h"
#include "ui/dialogs/StatusLine.h"

#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTest>

using namespace hftm;
using namespace hftm::test;

class TestSettingsDialog : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_env = std::make_unique<DialogTestEnv>();
        QVERIFY(m_env->scratch.isValid());
    }
    void cleanup() { m_env.reset(); }

    void showsCurrentSettings()
    {
        Settings settings = m_env->store->settings();
        settings.endpoint = QStringLiteral("https://hub.example.org");
        settings.expiryWarningDays = 12;
        QVERIFY(!m_env->store->saveSettings(settings));
        SettingsDialog dialog(m_env->store.get());
        QCOMPARE(edit(dialog)->text(), QStringLiteral("https://hub.example.org"));
        QCOMPARE(spin(dialog, "expiryDays")->value(), 12);
        QCOMPARE(spin(dialog, "clipboardSeconds")->value(), settings.clipboardTimeoutSeconds);
        QCOMPARE(spin(dialog, "revalidateHours")->value(), settings.revalidateIntervalHours);
        QVERIFY(radio(dialog, StorageMode::KeychainAndFiles)->isChecked());
    }

    void spinBoxRanges()
    {
        SettingsDialog dialog(m_env->store.get());
        QCOMPARE(spin(dialog, "expiryDays")->minimum(), 0);
        QCOMPARE(spin(dialog, "expiryDays")->maximum(), 365);
        QCOMPARE(spin(dialog, "clipboardSeconds")->minimum(), 5);
        QCOMPARE(spin(dialog, "clipboardSeconds")->maximum(), 600);
        QCOMPARE(spin(dialog, "revalidateHours")->minimum(), 1);
        QCOMPARE(spin(dialog, "revalidateHours")->maximum(), 168);
    }

    void roundTrip()
    {
        QVERIFY(m_env->store
                    ->add(QStringLiteral("kept"), QStringLiteral("hf_FAKEsettingsRoundTripTokenAbCdEf12"),
                          AddOptions{})
                    .ok());
        SettingsDialog dialog(m_env->store.get());
        radio(dialog, StorageMode::KeychainOnly)->click();
        edit(dialog)->setText(QStringLiteral("  http://127.0.0.1:8080/  "));
        spin(dialog, "expiryDays")->setValue(30);
        spin(dialog, "clipboardSeconds")->setValue(45);
        spin(dialog, "revalidateHours")->setValue(24);
        QVERIFY(okButton(dialog)->isEnabled());
        okButton(dialog)->click();
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted)); // the move runs off the GUI thread

        // Read back through a second store over the same files: it was persisted, not just cached.
        const Settings saved = m_env->makeStore()->settings();
        QCOMPARE(saved.storageMode, StorageMode::KeychainOnly);
        QCOMPARE(saved.endpoint, QStringLiteral("http://127.0.0.1:8080"));
        QCOMPARE(saved.expiryWarningDays, 30);
        QCOMPARE(saved.clipboardTimeoutSeconds, 45);
        QCOMPARE(saved.revalidateIntervalHours, 24);
        // KeychainOnly moved the secret out of huggingface_hub's plaintext file.
        QVERIFY(!m_env->scratch.readFile(QStringLiteral("stored_tokens")).contains("hf_FAKEsettings"));
    }

    void endpointRule_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("empty means default") << QString() << true;
        QTest::newRow("https") << QStringLiteral("https://hub.example.org") << true;
        QTest::newRow("https with path") << QStringLiteral("https://mirror.example.org/hf/") << true;
        QTest::newRow("loopback http") << QStringLiteral("http://127.0.0.1:8123") << true;
        QTest::newRow("plain http") << QStringLiteral("http://example.org") << false;
        QTest::newRow("not a URL") << QStringLiteral("huggingface.co") << false;
        QTest::newRow("user info") << QStringLiteral("https://user:pw@hub.example.org") << false;
    }
    void endpointRule()
    {
        QFETCH(QString, endpoint);
        QFETCH(bool, accepted);
        SettingsDialog dialog(m_env->store.get());
        edit(dialog)->setText(endpoint);
        auto *status = dialog.findChild<StatusLine *>(QStringLiteral("endpointStatus"));
        QCOMPARE(okButton(dialog)->isEnabled(), accepted);
        QCOMPARE(status->kind() == StatusLine::Kind::Error, !accepted);
        if (!accepted) {
            QVERIFY(!status->text().isEmpty());
            dialog.accept(); // e.g. Enter in a field: must not save an invalid endpoint
            QVERIFY(dialog.result() != QDialog::Accepted);
            QCOMPARE(m_env->store->settings().endpoint, QString());
        }
    }

    void storageModeErrorKeepsDialogOpen()
    {
        QVERIFY(!m_env->store->setStorageMode(StorageMode::FilesOnly));
        m_env->secrets.setUnavailable(true);
        SettingsDialog dialog(m_env->store.get());
        dialog.show();
        QVERIFY(radio(dialog, StorageMode::FilesOnly)->isChecked());
        radio(dialog, StorageMode::KeychainAndFiles)->click();
        spin(dialog, "expiryDays")->setValue(3);
        okButton(dialog)->click();
        auto *status = dialog.findChild<StatusLine *>(QStringLiteral("saveStatus"));
        QTRY_COMPARE(status->kind(), StatusLine::Kind::Error); // the move runs off the GUI thread
        QVERIFY(!status->text().isEmpty());
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.result() != QDialog::Accepted);
        QCOMPARE(m_env->store->settings().storageMode, StorageMode::FilesOnly);
        QVERIFY(m_env->store->settings().expiryWarningDays != 3); // nothing half-applied
        // Going back to the current mode lets the rest be saved.
        radio(dialog, StorageMode::FilesOnly)->click();
        okButton(dialog)->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(m_env->store->settings().expiryWarningDays, 3);
    }

    void everyControlIsNamed()
    {
        SettingsDialog dialog(m_env->store.get());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        for (QSpinBox *box : dialog.findChildren<QSpinBox *>())
            QVERIFY(!box->accessibleName().isEmpty());
        QCOMPARE(clashingMnemonics(&dialog), QStringList());
        for (QWidget *w : dialog.findChildren<QWidget *>()) {
            if (!(w->focusPolicy() & Qt::TabFocus) || !w->isVisibleTo(&dialog))
                continue;
            if (qobject_cast<QAbstractSpinBox *>(w->parentWidget()))
                continue; // a spin box's inner line edit: assistive tools read the spin box itself
            QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
            QVERIFY2(iface && !iface->text(QAccessible::Name).isEmpty(), qPrintable(w->objectName()));
        }
    }

private:
    static QLineEdit *edit(SettingsDialog &d)
    {
        return d.findChild<QLineEdit *>(QStringLiteral("endpointEdit"));
    }
    static QSpinBox *spin(SettingsDialog &d, const char *name)
    {
        return d.findChild<QSpinBox *>(QString::fromLatin1(name));
    }
    static QPushButton *okButton(SettingsDialog &d)
    {
        return d.findChild<QPushButton *>(QStringLiteral("okButton"));
    }
    static QRadioButton *radio(SettingsDialog &d, StorageMode mode)
    {
        return d.findChild<QRadioButton *>(QStringLiteral("mode-") + storageModeId(mode));
    }

    std::unique_ptr<DialogTestEnv> m_env;
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
