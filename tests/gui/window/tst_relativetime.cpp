// The short time phrases of the table and details pane, one row per boundary.
#include "ui/common/RelativeTime.h"

#include <QTest>

using namespace hftm;

class RelativeTimeTest : public QObject {
    Q_OBJECT
private slots:
    void since_data();
    void since();
    void until_data();
    void until();

private:
    const QDateTime m_now = QDateTime(QDate(2026, 7, 1), QTime(12, 0), Qt::UTC);
};

void RelativeTimeTest::since_data()
{
    QTest::addColumn<qint64>("secondsAgo");
    QTest::addColumn<QString>("expected");
    QTest::newRow("a little in the future") << qint64(-30) << QStringLiteral("just now");
    QTest::newRow("59 s") << qint64(59) << QStringLiteral("just now");
    QTest::newRow("1 min") << qint64(60) << QStringLiteral("1 min ago");
    QTest::newRow("59 min") << qint64(59 * 60 + 59) << QStringLiteral("59 min ago");
    QTest::newRow("3 h") << qint64(3 * 3600 + 5) << QStringLiteral("3 h ago");
    QTest::newRow("1 day") << qint64(24 * 3600) << QStringLiteral("1 day ago");
    QTest::newRow("2 days") << qint64(2 * 24 * 3600 + 7) << QStringLiteral("2 days ago");
    QTest::newRow("90 days") << qint64(90 * 24 * 3600) << QStringLiteral("3 months ago");
    QTest::newRow("400 days") << qint64(400 * 24 * 3600) << QStringLiteral("1 year ago");
}

void RelativeTimeTest::since()
{
    QFETCH(qint64, secondsAgo);
    QFETCH(QString, expected);
    QCOMPARE(RelativeTime::since(m_now.addSecs(-secondsAgo), m_now), expected);
}

void RelativeTimeTest::until_data()
{
    QTest::addColumn<qint64>("secondsLeft");
    QTest::addColumn<QString>("expected");
    QTest::newRow("passed") << qint64(-1) << QStringLiteral("expired");
    QTest::newRow("exactly now") << qint64(0) << QStringLiteral("expired");
    QTest::newRow("20 s") << qint64(20) << QStringLiteral("in 1 min");
    QTest::newRow("40 min") << qint64(40 * 60) << QStringLiteral("in 40 min");
    QTest::newRow("5 h") << qint64(5 * 3600 + 1) << QStringLiteral("in 5 h");
    QTest::newRow("1 day") << qint64(24 * 3600 + 1) << QStringLiteral("in 1 day");
    QTest::newRow("5 days") << qint64(5 * 24 * 3600 + 3600) << QStringLiteral("in 5 days");
    QTest::newRow("2 years") << qint64(800 * 24 * 3600) << QStringLiteral("in 2 years");
}

void RelativeTimeTest::until()
{
    QFETCH(qint64, secondsLeft);
    QFETCH(QString, expected);
    QCOMPARE(RelativeTime::until(m_now.addSecs(secondsLeft), m_now), expected);
    QVERIFY(RelativeTime::until(QDateTime(), m_now).isEmpty());
}

QTEST_MAIN(RelativeTimeTest)
#include "tst_relativetime.moc"
