// Adding a token through the login dialog against the fake Hub over real sockets, then using it from
// the window. Built twice: with the in-memory keychain, and (HFTM_REAL_KEYCHAIN) against a real
// gnome-keyring, where the copy must read the secret back from the Secret Service.
#include "core/secrets/KeychainSecretStore.h"
#include "support/FakeHub.h"
#include "support/gui/WindowFixture.h"
#include "ui/dialogs/LoginDialog.h"
#include "ui/window/TokenActions.h"
#include "ui/window/TokenDetailsPane.h"
#include "ui/window/TokenTableModel.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QTableView>
#include <QTest>

using namespace hftm;
using namespace hftm::test;

namespace {
const QString NewToken = QStringLiteral("hf_FAKEwindowAddTokenForTestsOnlyxWinA");

std::unique_ptr<SecretStore> keychainUnderTest()
{
#ifdef HFTM_REAL_KEYCHAIN
    return std::make_unique<KeychainSecretStore>(QStringLiteral("hf-token-manager-gui-test"));
#else
    return nullptr; // the fixture's in-memory keychain
#endif
}
} // namespace

class AddTokenTest : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void emptyStateInvitesAdding();
    void addThroughTheDialogThenCopy();
    void gitWithoutAHelperIsSaidNotClaimed();

private:
    LoginDialog *openDialog();

    std::unique_ptr<FakeHub> m_hub;
    std::unique_ptr<WindowFixture> m_fixture;
};

void AddTokenTest::init()
{
    m_hub = std::make_unique<FakeHub>();
    QVERIFY(m_hub->start());
    m_hub->addToken(NewToken, QStringLiteral("whoami_write_token.json"));
    m_fixture = std::make_unique<WindowFixture>(false, keychainUnderTest());
    m_fixture->now = QDateTime(QDate(2026, 11, 1), QTime(12, 0), Qt::UTC);
    Settings settings = m_fixture->store()->settings();
    settings.endpoint = m_hub->endpoint(); // loopback http is allowed for local Hubs
    QVERIFY(!m_fixture->store()->saveSettings(settings));
}

void AddTokenTest::cleanup()
{
    m_fixture.reset();
    m_hub.reset();
    QGuiApplication::clipboard()->clear();
}

LoginDialog *AddTokenTest::openDialog()
{
    MainWindow &w = m_fixture->shownWindow();
    WindowFixture::trigger(w.actions()->add);
    LoginDialog *dialog = w.findChild<LoginDialog *>();
    if (dialog && !QTest::qWaitForWindowExposed(dialog))
        qWarning("login dialog not exposed");
    return dialog;
}

void AddTokenTest::emptyStateInvitesAdding()
{
    MainWindow &w = m_fixture->shownWindow();
    QCOMPARE(w.model()->rowCount(), 0);
    QVERIFY(w.currentName().isEmpty());
    QVERIFY(w.actions()->add->isEnabled());
    QVERIFY(!w.actions()->copy->isEnabled());
    QVERIFY(!w.actions()->validateAll->isEnabled());
    QVERIFY(w.details()->shownName().isEmpty());
}

void AddTokenTest::addThroughTheDialogThenCopy()
{
    LoginDialog *dialog = openDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isModal() || dialog->windowModality() != Qt::NonModal);
    auto *tokenEdit = dialog->findChild<QLineEdit *>(QStringLiteral("tokenEdit"));
    auto *saveButton = dialog->findChild<QPushButton *>(QStringLiteral("saveButton"));
    QVERIFY(tokenEdit && saveButton);
    QTest::keyClicks(tokenEdit, NewToken);
    QTRY_VERIFY_WITH_TIMEOUT(saveButton->isEnabled(), 10000); // debounce + whoami on the fake Hub
    QTest::mouseClick(saveButton, Qt::LeftButton);

    MainWindow &w = m_fixture->window();
    QTRY_VERIFY(!w.findChild<LoginDialog *>()); // deleted on close
    QCOMPARE(w.model()->rowCount(), 1);
    QCOMPARE(w.currentName(), QStringLiteral("ci-write")); // the Hub's displayName, selected
    const QModelIndex user = w.model()->index(0, TokenTableModel::UserColumn);
    QCOMPARE(user.data().toString(), QStringLiteral("alice-example"));
    QVERIFY(m_fixture->sectionsOnDisk().contains(QStringLiteral("ci-write")));
    QCOMPARE(m_hub->requestCount(QStringLiteral("/api/whoami-v2")), 1);

    // The secret comes back out of the keychain for the copy.
    WindowFixture::trigger(w.actions()->copy);
    QTRY_COMPARE(QGuiApplication::clipboard()->text(), NewToken); // the keychain answers on a later turn
    QCOMPARE(QGuiApplication::clipboard()->mimeData()->data(QStringLiteral("x-kde-passwordManagerHint")),
             QByteArray("secret"));
    const Result<QString> stored = m_fixture->context().secrets()->read(QStringLiteral("ci-write"));
    QVERIFY2(stored.ok(), qPrintable(stored.error().message));
    QCOMPARE(*stored, NewToken);

    // Validate from the window: a fresh request, answered and recorded.
    WindowFixture::trigger(w.actions()->validate);
    QTRY_COMPARE_WITH_TIMEOUT(m_hub->requestCount(QStringLiteral("/api/whoami-v2")), 2, 10000);
    QTRY_VERIFY(w.actions()->validate->isEnabled());
    QVERIFY(w.model()
                ->index(0, TokenTableModel::CheckColumn)
                .data()
                .toString()
                .startsWith(QStringLiteral("valid")));

    // Removed everywhere, the keychain entry included.
    m_fixture->context().messages().queueAnswer(true);
    WindowFixture::trigger(w.actions()->remove);
    QTRY_COMPARE(w.model()->rowCount(), 0); // removed off the GUI thread
    QCOMPARE(m_fixture->context().secrets()->read(QStringLiteral("ci-write")).error().code,
             ErrorCode::NotFound);
}

// "Register with git" ticked where no credential helper applies: stored, nothing claimed, said in words.
void AddTokenTest::gitWithoutAHelperIsSaidNotClaimed()
{
    m_fixture = std::make_unique<WindowFixture>(false, keychainUnderTest());
    m_fixture->withGit = true;
    Settings settings = m_fixture->store()->settings();
    settings.endpoint = m_hub->endpoint();
    QVERIFY(!m_fixture->store()->saveSettings(settings));
    LoginDialog *dialog = openDialog();
    QVERIFY(dialog);
    auto *tokenEdit = dialog->findChild<QLineEdit *>(QStringLiteral("tokenEdit"));
    auto *saveButton = dialog->findChild<QPushButton *>(QStringLiteral("saveButton"));
    auto *gitBox = dialog->findChild<QCheckBox *>(QStringLiteral("gitBox"));
    QVERIFY(tokenEdit && saveButton && gitBox);
    gitBox->setChecked(true);
    QTest::keyClicks(tokenEdit, NewToken);
    QTRY_VERIFY_WITH_TIMEOUT(saveButton->isEnabled(), 10000);
    QTest::mouseClick(saveButton, Qt::LeftButton);
    MainWindow &w = m_fixture->window();
    QTRY_VERIFY(!w.findChild<LoginDialog *>());
    QCOMPARE(w.model()->rowCount(), 1);
    QVERIFY(!m_fixture->store()->token(QStringLiteral("ci-write"))->gitRegistered);
    const QString asked = m_fixture->context().messages().asked().join(QLatin1Char('\n'));
    QVERIFY2(asked.contains(QStringLiteral("no credential helper")), qPrintable(asked));
}

QTEST_MAIN(AddTokenTest)
#include "tst_addtoken.moc"
