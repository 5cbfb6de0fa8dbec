// The Remove confirmation: it says the token "stays valid on the Hub" only when the Hub's last verdict
// was valid (a Hub outage since keeps that verdict), something true otherwise; and its confirm button is
// destructive (DestructiveRole, warning icon, Cancel the default), the box the scripted double builds too.
#include "support/gui/WindowFixture.h"
#include "ui/common/MessageBoxes.h"
#include "ui/window/TokenOperations.h"

#include <QMessageBox>
#include <QPushButton>
#include <QTest>

using namespace hftm;
using namespace hftm::test;
using namespace hftm::test::fixture;

namespace {
const QString StaysValid = QStringLiteral("stays valid on the Hub");
const QString NotRevoked = QStringLiteral("does not revoke it on the Hub");

TokenCheck answer(TokenStatus status)
{
    TokenCheck check;
    check.status = status;
    check.message = tokenStatusText(status);
    return check;
}
} // namespace

class TestTokenOperationsRemove : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_fixture = std::make_unique<WindowFixture>();
        QVERIFY(m_fixture->env.isValid());
        TokenStore *store = m_fixture->store();
        QVERIFY(!store->recordCheck(CiWrite, answer(TokenStatus::Valid)));
        QVERIFY(!store->recordCheck(LaptopRead, answer(TokenStatus::Invalid)));
        QVERIFY(!store->recordCheck(Colab, answer(TokenStatus::Expired)));
        // BobFine stays unchecked.
        QCOMPARE(store->token(CiWrite)->check.verdict, TokenStatus::Valid);
        QCOMPARE(store->token(BobFine)->check.verdict, TokenStatus::Unchecked);
    }
    void cleanup() { m_fixture.reset(); }

    void questionFollowsTheLastVerdict_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("valid") << CiWrite << true;
        QTest::newRow("invalid") << LaptopRead << false;
        QTest::newRow("expired") << Colab << false;
        QTest::newRow("unchecked") << BobFine << false;
    }
    void questionFollowsTheLastVerdict()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        TokenOperations operations(m_fixture->context(), &m_fixture->window());
        const QString question = operations.removeQuestion(name);
        QVERIFY(question.contains(name));
        QVERIFY2(question.contains(StaysValid) == valid, qPrintable(question));
        QVERIFY2(question.contains(NotRevoked) == !valid, qPrintable(question));
    }

    void hubDownKeepsTheValidVerdict()
    {
        QVERIFY(!m_fixture->store()->recordCheck(CiWrite, answer(TokenStatus::Unreachable)));
        QCOMPARE(m_fixture->store()->token(CiWrite)->check.status, TokenStatus::Unreachable);
        TokenOperations operations(m_fixture->context(), &m_fixture->window());
        QVERIFY(operations.removeQuestion(CiWrite).contains(StaysValid));
        QVERIFY(!m_fixture->store()->recordCheck(LaptopRead, answer(TokenStatus::Unreachable)));
        QVERIFY(operations.removeQuestion(LaptopRead).contains(NotRevoked));
    }

    void removeBoxIsDestructive()
    {
        MessageBoxes &messages = m_fixture->context().messages();
        TokenOperations operations(m_fixture->context(), &m_fixture->window());
        messages.queueAnswer(false); // Cancel: nothing is removed
        operations.remove(LaptopRead);
        QCOMPARE(messages.asked(), QStringList{operations.removeQuestion(LaptopRead)});
        const QMessageBox *box = messages.lastConfirmBox();
        QVERIFY(box);
        QCOMPARE(box->text(), operations.removeQuestion(LaptopRead));
        auto *confirm = box->findChild<QPushButton *>(QStringLiteral("confirmButton"));
        QVERIFY(confirm);
        QCOMPARE(confirm->text(), QStringLiteral("Remove"));
        QCOMPARE(confirm->accessibleName(), QStringLiteral("Remove"));
        QCOMPARE(box->buttonRole(confirm), QMessageBox::DestructiveRole);
        QCOMPARE(box->icon(), QMessageBox::Warning);
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel)); // a stray Enter removes nothing
        QVERIFY(m_fixture->store()->token(LaptopRead));                   // the answer was "no"
    }

    void plainConfirmStaysAQuestion()
    {
        const std::unique_ptr<QMessageBox> box =
            MessageBoxes::makeConfirmBox(nullptr, QStringLiteral("Title"), QStringLiteral("Text?"),
                                         QStringLiteral("Go"), MessageBoxes::Confirm::Plain);
        auto *confirm = box->findChild<QPushButton *>(QStringLiteral("confirmButton"));
        QVERIFY(confirm);
        QCOMPARE(box->buttonRole(confirm), QMessageBox::AcceptRole);
        QCOMPARE(box->icon(), QMessageBox::Question);
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
    }

private:
    std::unique_ptr<WindowFixture> m_fixture;
};

QTEST_MAIN(TestTokenOperationsRemove)
#include "tst_tokenoperations_remove.moc"
