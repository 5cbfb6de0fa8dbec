// TokenTableModel follows the store row by row: a check result changes one row (dataChanged for that
// row only, no model reset, the selection and scroll position untouched); only a different set of
// tokens resets the model.
#include "support/TestWorld.h"
#include "ui/window/TokenTableModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace hftm;
using namespace hftm::test;

class TokenTableModelRowsTest : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        m_world = std::make_unique<TestWorld>();
        m_store = m_world->store();
        m_model = std::make_unique<TokenTableModel>(m_store, m_world->clock());
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_now = m_world->now;
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
        m_world.reset();
    }

    void checkResultUpdatesOneRow()
    {
        const QString name = QStringLiteral("laptop-read");
        const int row = m_model->rowOf(name);
        QVERIFY(row >= 0);
        QCOMPARE(m_model->index(row, TokenTableModel::CheckColumn).data().toString(),
                 tokenStatusText(TokenStatus::Unchecked));
        QSignalSpy aboutToReset(m_model.get(), &QAbstractItemModel::modelAboutToBeReset);
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy layout(m_model.get(), &QAbstractItemModel::layoutChanged);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

        QVERIFY(!m_store->recordCheck(name, TokenCheck{TokenStatus::Invalid,
                                                       m_now.addSecs(-120),
                                                       QStringLiteral("Invalid credentials"),
                                                       {},
                                                       {},
                                                       std::nullopt}));

        QCOMPARE(aboutToReset.count(), 0);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(layout.count(), 0);
        QVERIFY(changed.count() >= 1);
        for (const QList<QVariant> &args : std::as_const(changed)) {
            const auto topLeft = args.at(0).value<QModelIndex>();
            const auto bottomRight = args.at(1).value<QModelIndex>();
            QCOMPARE(topLeft.row(), row);
            QCOMPARE(bottomRight.row(), row);
        }
        QCOMPARE(m_model->index(row, TokenTableModel::CheckColumn).data().toString(),
                 QStringLiteral("invalid or revoked · 2 min ago"));
    }

    void manyResultsNeverReset()
    {
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QHash<QString, TokenCheck> checks;
        for (const TokenRecord &record : m_store->tokens())
            checks.insert(
                record.name,
                TokenCheck{TokenStatus::Unreachable, m_now, QStringLiteral("offline"), {}, {}, std::nullopt});
        QVERIFY(!m_store->recordChecks(checks));
        QCOMPARE(reset.count(), 0);
        QSet<int> rows;
        for (const QList<QVariant> &args : std::as_const(changed)) {
            const auto topLeft = args.at(0).value<QModelIndex>();
            QCOMPARE(args.at(1).value<QModelIndex>().row(), topLeft.row()); // one row at a time
            rows.insert(topLeft.row());
        }
        QCOMPARE(rows.size(), m_model->rowCount());
    }

    void aNewTokenResets()
    {
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        const int before = m_model->rowCount();
        QVERIFY(m_store
                    ->add(QStringLiteral("added-later"),
                          QStringLiteral("hf_FAKEaddedLaterxxxxxxxxxxxxxxxxAddL"), AddOptions{})
                    .ok());
        QVERIFY(reset.count() >= 1);
        QCOMPARE(m_model->rowCount(), before + 1);
        QVERIFY(m_model->rowOf(QStringLiteral("added-later")) >= 0);
    }

private:
    std::unique_ptr<TestWorld> m_world;
    TokenStore *m_store = nullptr;
    QDateTime m_now;
    std::unique_ptr<TokenTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_MAIN(TokenTableModelRowsTest)
#include "tst_tokentablemodel_rows.moc"
