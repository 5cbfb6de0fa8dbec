// The token table model and its filter/sort proxy over real files in a scratch HF_HOME.
#include "core/hub/WhoamiParser.h"
#include "core/secrets/MemorySecretStore.h"
#include "core/store/TokenStore.h"
#include "support/ScratchEnvironment.h"
#include "ui/common/RoleBadgeDelegate.h"
#include "ui/window/TokenFilterProxy.h"
#include "ui/window/TokenTableModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace hftm;
using namespace hftm::test;

class TokenTableModelTest : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void rowsComeFromTheFiles();
    void passesModelTesterThroughChanges();
    void wordsTheHubAnswer();
    void expiryHighlight_data();
    void expiryHighlight();
    void sorts_data();
    void sorts();
    void filtersByTyping_data();
    void filtersByTyping();
    void endpointInForceIsShown();

private:
    WhoamiInfo whoami(const char *fixture) const;
    QString cell(const QString &name, int column, int role = Qt::DisplayRole) const;
    QStringList proxyNames() const;

    std::unique_ptr<ScratchEnvironment> m_env;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<TokenStore> m_store;
    std::unique_ptr<TokenTableModel> m_model;
    std::unique_ptr<TokenFilterProxy> m_proxy;
    QDateTime m_now = QDateTime(QDate(2026, 7, 1), QTime(12, 0), Qt::UTC);
};

void TokenTableModelTest::init()
{
    m_env = std::make_unique<ScratchEnvironment>();
    m_env->installFixture(QStringLiteral("files/stored_tokens"));
    m_env->installFixture(QStringLiteral("files/token"));
    m_secrets = std::make_unique<MemorySecretStore>();
    m_store = std::make_unique<TokenStore>(TokenStore::Options::fromEnvironment(m_env->environment()),
                                           m_secrets.get(), nullptr);
    QVERIFY(!m_store->reload());
    m_model = std::make_unique<TokenTableModel>(m_store.get(), [this] { return m_now; });
    m_proxy = std::make_unique<TokenFilterProxy>();
    m_proxy->setSourceModel(m_model.get());
}

void TokenTableModelTest::cleanup()
{
    m_proxy.reset();
    m_model.reset();
    m_store.reset();
    m_secrets.reset();
    m_env.reset();
}

WhoamiInfo TokenTableModelTest::whoami(const char *fixture) const
{
    const Result<WhoamiInfo> parsed =
        WhoamiParser::parse(ScratchEnvironment::fixture(QStringLiteral("hub/") + QLatin1String(fixture)));
    if (!parsed)
        qFatal("fixture %s does not parse", fixture);
    return *parsed;
}

QString TokenTableModelTest::cell(const QString &name, int column, int role) const
{
    const int row = m_model->rowOf(name);
    return row < 0 ? QStringLiteral("<no row>") : m_model->index(row, column).data(role).toString();
}

QStringList TokenTableModelTest::proxyNames() const
{
    QStringList names;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        names << m_proxy->index(row, 0).data(TokenTableModel::NameRole).toString();
    return names;
}

void TokenTableModelTest::rowsComeFromTheFiles()
{
    QCOMPARE(m_model->rowCount(), 5);
    QCOMPARE(m_model->columnCount(), int(TokenTableModel::ColumnCount));
    QVERIFY(m_model->rowOf(QStringLiteral("Colab notebooks")) >= 0);
    // The token file holds ci-write: it alone carries the active marker.
    QCOMPARE(cell(QStringLiteral("ci-write"), TokenTableModel::ActiveColumn), QStringLiteral("\u25CF"));
    QCOMPARE(cell(QStringLiteral("laptop-read"), TokenTableModel::ActiveColumn), QString());
    QCOMPARE(cell(QStringLiteral("ci-write"), TokenTableModel::ActiveColumn, Qt::AccessibleTextRole),
             QStringLiteral("active"));
    // Imported into the (memory) keychain and still in huggingface_hub's file.
    QCOMPARE(cell(QStringLiteral("ci-write"), TokenTableModel::StorageColumn), QStringLiteral("both"));
    QCOMPARE(cell(QStringLiteral("ci-write"), TokenTableModel::CheckColumn), QStringLiteral("not checked"));
    QCOMPARE(cell(QStringLiteral("ci-write"), TokenTableModel::EndpointColumn),
             QStringLiteral("huggingface.co"));
    // The OAuth token's expiry comes from stored_tokens' expires_at before any Hub check.
    QVERIFY(cell(QStringLiteral("oauth-carol-example"), TokenTableModel::ExpiryColumn)
                .contains(QStringLiteral("in ")));
    // No secret ever reaches a cell.
    for (int row = 0; row < m_model->rowCount(); ++row) {
        for (int column = 0; column < m_model->columnCount(); ++column) {
            for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::AccessibleTextRole)})
                QVERIFY(!m_model->index(row, column).data(role).toString().contains(QStringLiteral("FAKE")));
        }
    }
}

void TokenTableModelTest::passesModelTesterThroughChanges()
{
    QAbstractItemModelTester modelTester(m_model.get(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(m_proxy.get(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_proxy->sort(TokenTableModel::ExpiryColumn, Qt::DescendingOrder);
    m_proxy->setSearchText(QStringLiteral("a"));
    QVERIFY(!m_store->recordCheck(
        QStringLiteral("bob-finegrained"),
        TokenCheck{TokenStatus::Valid, m_now, {}, {}, {}, whoami("whoami_fine_grained.json")}));
    QVERIFY(!m_store->rename(QStringLiteral("laptop-read"), QStringLiteral("laptop")));
    QVERIFY(m_store->remove(QStringLiteral("ci-write")).ok());
    m_proxy->setSearchText(QString());
    QCOMPARE(m_model->rowCount(), 4);
    QVERIFY(m_model->rowOf(QStringLiteral("laptop")) >= 0);
}

void TokenTableModelTest::wordsTheHubAnswer()
{
    QVERIFY(!m_store->recordCheck(
        QStringLiteral("bob-finegrained"),
        TokenCheck{TokenStatus::Valid, m_now.addSecs(-180), {}, {}, {}, whoami("whoami_fine_grained.json")}));
    QVERIFY(
        !m_store->recordCheck(QStringLiteral("laptop-read"), TokenCheck{TokenStatus::Invalid,
                                                                        m_now.addSecs(-7200),
                                                                        QStringLiteral("Invalid credentials"),
                                                                        {},
                                                                        {},
                                                                        std::nullopt}));
    const QString bob = QStringLiteral("bob-finegrained");
    QCOMPARE(cell(bob, TokenTableModel::UserColumn), QStringLiteral("bob-example"));
    QCOMPARE(cell(bob, TokenTableModel::RoleColumn), QStringLiteral("fine-grained"));
    QCOMPARE(cell(bob, TokenTableModel::RoleColumn, TokenTableModel::RoleKindRole),
             QString::number(int(TokenRole::FineGrained)));
    QCOMPARE(cell(bob, TokenTableModel::CheckColumn), QStringLiteral("valid · 3 min ago"));
    const QString laptop = QStringLiteral("laptop-read");
    QCOMPARE(cell(laptop, TokenTableModel::CheckColumn), QStringLiteral("invalid or revoked · 2 h ago"));
    QCOMPARE(cell(laptop, TokenTableModel::CheckColumn, Qt::ToolTipRole),
             QStringLiteral("Invalid credentials"));
    QVERIFY(m_model->index(m_model->rowOf(laptop), TokenTableModel::CheckColumn)
                .data(Qt::ForegroundRole)
                .isValid());
}

void TokenTableModelTest::expiryHighlight_data()
{
    QTest::addColumn<qint64>("secondsLeft");
    QTest::addColumn<int>("warningDays");
    QTest::addColumn<TokenTableModel::ExpiryState>("state");
    QTest::addColumn<QString>("relative");
    constexpr qint64 day = 24 * 3600;
    QTest::newRow("now + 6 days") << 6 * day << 7 << TokenTableModel::ExpiryState::Soon
                                  << QStringLiteral("in 6 days");
    QTest::newRow("now + 8 days") << 8 * day << 7 << TokenTableModel::ExpiryState::Ok
                                  << QStringLiteral("in 8 days");
    QTest::newRow("8 days, warn at 10")
        << 8 * day << 10 << TokenTableModel::ExpiryState::Soon << QStringLiteral("in 8 days");
    QTest::newRow("in 3 h") << qint64(3 * 3600) << 7 << TokenTableModel::ExpiryState::Soon
                            << QStringLiteral("in 3 h");
    QTest::newRow("1 s ago") << qint64(-1) << 7 << TokenTableModel::ExpiryState::Expired
                             << QStringLiteral("expired");
}

void TokenTableModelTest::expiryHighlight()
{
    QFETCH(qint64, secondsLeft);
    QFETCH(int, warningDays);
    QFETCH(TokenTableModel::ExpiryState, state);
    QFETCH(QString, relative);
    Settings settings = m_store->settings();
    settings.expiryWarningDays = warningDays;
    QVERIFY(!m_store->saveSettings(settings));
    WhoamiInfo info = whoami("whoami_fine_grained.json");
    const QDateTime expiresAt = info.expiresAt; // 2026-12-31T23:59:59Z in the fixture
    QVERIFY(expiresAt.isValid());
    QVERIFY(!m_store->recordCheck(QStringLiteral("bob-finegrained"),
                                  TokenCheck{TokenStatus::Valid, m_now, {}, {}, {}, info}));
    // The clock moves, not the token: the same record is judged at another instant.
    m_now = expiresAt.addSecs(-secondsLeft);
    const QModelIndex index =
        m_model->index(m_model->rowOf(QStringLiteral("bob-finegrained")), TokenTableModel::ExpiryColumn);
    QCOMPARE(index.data(TokenTableModel::ExpiryStateRole).value<TokenTableModel::ExpiryState>(), state);
    QVERIFY2(index.data().toString().endsWith(relative), qPrintable(index.data().toString()));
    QCOMPARE(index.data(Qt::ForegroundRole).isValid(), state != TokenTableModel::ExpiryState::Ok);
}

void TokenTableModelTest::sorts_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("name ascending") << int(TokenTableModel::NameColumn) << Qt::AscendingOrder
                                    << QStringList{
                                           QStringLiteral("bob-finegrained"), QStringLiteral("ci-write"),
                                           QStringLiteral("Colab notebooks"), QStringLiteral("laptop-read"),
                                           QStringLiteral("oauth-carol-example")};
    QTest::newRow("active first") << int(TokenTableModel::ActiveColumn) << Qt::AscendingOrder
                                  << QStringList{QStringLiteral("ci-write")};
    // Known expiry dates first (the OAuth one), unknown ones after every date.
    QTest::newRow("expiry ascending") << int(TokenTableModel::ExpiryColumn) << Qt::AscendingOrder
                                      << QStringList{QStringLiteral("oauth-carol-example")};
}

void TokenTableModelTest::sorts()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    QFETCH(QStringList, expected);
    m_proxy->sort(column, order);
    QCOMPARE(proxyNames().mid(0, expected.size()), expected);
    // The sort survives a reload, as after a change made by another program.
    m_store->reload();
    QCOMPARE(proxyNames().mid(0, expected.size()), expected);
}

void TokenTableModelTest::filtersByTyping_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("empty") << QString()
                           << QStringList{QStringLiteral("bob-finegrained"), QStringLiteral("ci-write"),
                                          QStringLiteral("Colab notebooks"), QStringLiteral("laptop-read"),
                                          QStringLiteral("oauth-carol-example")};
    QTest::newRow("part of a name, any case")
        << QStringLiteral("COLAB") << QStringList{QStringLiteral("Colab notebooks")};
    QTest::newRow("hub user") << QStringLiteral("bob-exam") << QStringList{QStringLiteral("bob-finegrained")};
    QTest::newRow("role") << QStringLiteral("fine-grained") << QStringList{QStringLiteral("bob-finegrained")};
    QTest::newRow("two words, both must match")
        << QStringLiteral("carol oauth") << QStringList{QStringLiteral("oauth-carol-example")};
    QTest::newRow("no match") << QStringLiteral("zzz") << QStringList{};
}

void TokenTableModelTest::filtersByTyping()
{
    QFETCH(QString, typed);
    QFETCH(QStringList, expected);
    QVERIFY(!m_store->recordCheck(
        QStringLiteral("bob-finegrained"),
        TokenCheck{TokenStatus::Valid, m_now, {}, {}, {}, whoami("whoami_fine_grained.json")}));
    m_proxy->sort(TokenTableModel::NameColumn, Qt::AscendingOrder);
    m_proxy->setSearchText(typed);
    QCOMPARE(proxyNames(), expected);
}

// The window shows the endpoint huggingface_hub uses: HF_ENDPOINT beats a saved one, as in the CLI.
void TokenTableModelTest::endpointInForceIsShown()
{
    Settings settings = m_store->settings();
    settings.endpoint = QStringLiteral("https://saved.example");
    QVERIFY(!m_store->saveSettings(settings));
    m_model->refresh();
    QCOMPARE(cell(QStringLiteral("ci-write"), TokenTableModel::EndpointColumn, Qt::ToolTipRole),
             QStringLiteral("https://saved.example"));

    m_env->set(QStringLiteral("HF_ENDPOINT"), QStringLiteral("https://env.example/"));
    TokenStore withEnv(TokenStore::Options::fromEnvironment(m_env->environment()), nullptr, nullptr);
    QVERIFY(!withEnv.reload());
    TokenTableModel model(&withEnv, [this] { return m_now; });
    const QModelIndex shown = model.index(model.rowOf(QStringLiteral("ci-write")), TokenTableModel::EndpointColumn);
    QCOMPARE(shown.data(Qt::ToolTipRole).toString(), QStringLiteral("https://env.example"));
}

QTEST_MAIN(TokenTableModelTest)
#include "tst_tokentablemodel.moc"
