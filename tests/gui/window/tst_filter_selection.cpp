// The filter never loses the user's place: a token chosen while the list is filtered stays chosen (and
// in view) when the filter is cleared. Typed into the real filter field of the window over the test
// world's tokens.
#include "support/gui/WindowFixture.h"

#include <QLineEdit>
#include <QTableView>
#include <QTest>

using namespace hftm;
using namespace hftm::test;

namespace {
QLineEdit *filterField(MainWindow &window)
{
    for (QLineEdit *edit : window.findChildren<QLineEdit *>()) {
        if (edit->accessibleName() == QStringLiteral("Filter tokens"))
            return edit;
    }
    return nullptr;
}

void typeFilter(QLineEdit *field, const QString &text)
{
    field->setFocus();
    field->selectAll();
    if (text.isEmpty())
        QTest::keyClick(field, Qt::Key_Backspace);
    else
        QTest::keyClicks(field, text);
}

QTableView *table(MainWindow &window)
{
    return window.findChild<QTableView *>();
}
} // namespace

class TestFilterSelection : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_fixture = std::make_unique<WindowFixture>();
        QVERIFY(m_fixture->env.isValid());
    }
    void cleanup() { m_fixture.reset(); }

    void choiceMadeWhileFilteredSurvivesClearing()
    {
        MainWindow &window = m_fixture->shownWindow();
        window.loadStore();
        QTRY_VERIFY(window.selectToken(QStringLiteral("ci-write")));
        QLineEdit *field = filterField(window);
        QVERIFY(field);

        typeFilter(field, QStringLiteral("laptop"));
        QVERIFY(window.selectToken(QStringLiteral("laptop-read")));
        typeFilter(field, QString());
        QCOMPARE(field->text(), QString());
        QCOMPARE(table(window)->model()->rowCount(), int(m_fixture->store()->tokens().size()));
        QCOMPARE(window.currentName(), QStringLiteral("laptop-read"));
        // ...and it is where the user can see it.
        const QRect row = table(window)->visualRect(table(window)->currentIndex());
        QVERIFY(table(window)->viewport()->rect().intersects(row));
    }

private:
    std::unique_ptr<WindowFixture> m_fixture;
};

QTEST_MAIN(TestFilterSelection)
#include "tst_filter_selection.moc"
