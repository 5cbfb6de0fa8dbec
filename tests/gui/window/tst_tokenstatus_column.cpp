// Issue 12, "state is a colour in one column only": twelve tokens in every state the window knows, over
// real files in a scratch HF_HOME. The Status column shows each state in words, with an icon (never colour
// alone) and an accessible text; it sorts problems first; the expiry column puts the expired before
// "never"; the filter finds tokens by their state, also in the user's language.
#include "support/TestWorld.h"
#include "ui/common/TokenStateStyle.h"
#include "ui/window/TokenFilterProxy.h"
#include "ui/window/TokenTableModel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QIcon>
#include <QPalette>
#include <QStyle>
#include <QTest>
#include <QTranslator>

#include <cmath>

using namespace hftm;
using namespace hftm::test;

namespace {
constexpr qint64 Day = 24 * 3600;

// The twelve tokens, labelled after the state they are in; stored under names that say nothing of it
// ("tok-05"), so the filter can only find them by their state.
const QStringList Labels{
    QStringLiteral("valid-never"),       QStringLiteral("valid-later"),       QStringLiteral("expiring"),
    QStringLiteral("expired-date"),      QStringLiteral("expired-hub"),       QStringLiteral("invalid"),
    QStringLiteral("invalid-offline"),   QStringLiteral("valid-offline"),     QStringLiteral("unchecked"),
    QStringLiteral("unchecked-offline"), QStringLiteral("valid-ratelimited"), QStringLiteral("checking"),
};

QString N(const QString &label)
{
    Q_ASSERT(Labels.contains(label));
    return QStringLiteral("tok-%1").arg(Labels.indexOf(label), 2, 10, QLatin1Char('0'));
}

QString N(const char *label)
{
    return N(QString::fromLatin1(label));
}

QString secretOf(const QString &name)
{
    return QStringLiteral("hf_FAKEstatusColumnToken%1xxxxxxxxxxxx").arg(name.right(2));
}

QImage imageOf(const QIcon &icon)
{
    return icon.pixmap(16, 16).toImage();
}

// A translator as a catalogue would be: the state words in German.
class GermanStates : public QTranslator {
public:
    bool isEmpty() const override { return false; }
    QString translate(const char *context, const char *source, const char *, int) const override
    {
        if (QByteArrayView(context) != "hftm::TokenState")
            return {};
        if (QByteArrayView(source) == "invalid")
            return QStringLiteral("ungültig");
        if (QByteArrayView(source) == "expired")
            return QStringLiteral("abgelaufen");
        return {};
    }
};
} // namespace

class TokenStatusColumnTest : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void statusColumnPerState_data();
    void statusColumnPerState();
    void lastVerdictStaysWhenTheHubWasNotReached();
    void problemsFirst();
    void expirySortPutsExpiredBeforeNever();
    void filterFindsStates_data();
    void filterFindsStates();
    void filterFindsTranslatedStates();
    void checkingComesAndGoes();
    void coloursReadOnLightAndDark();

private:
    void record(const QString &name, TokenStatus status, const QDateTime &expires = {}, qint64 ago = 0);
    QModelIndex at(const QString &name, int column) const;
    QStringList proxyNames() const;

    std::unique_ptr<TestWorld> m_world;
    TokenStore *m_store = nullptr;
    std::unique_ptr<TokenTableModel> m_model;
    std::unique_ptr<TokenFilterProxy> m_proxy;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TokenStatusColumnTest::record(const QString &name, TokenStatus status, const QDateTime &expires,
                                   qint64 ago)
{
    TokenCheck check;
    check.status = status;
    check.checkedAt = m_world->now.addSecs(-ago);
    check.message = status == TokenStatus::Unreachable ? QStringLiteral("Connection refused") : QString();
    if (status == TokenStatus::Valid) {
        WhoamiInfo whoami;
        whoami.type = QStringLiteral("user");
        whoami.user = QStringLiteral("alice-example");
        whoami.role = QStringLiteral("read");
        whoami.roleKind = TokenRole::Read;
        whoami.expiresAt = expires;
        check.whoami = whoami;
    }
    const Error error = m_store->recordCheck(name, check);
    QVERIFY2(!error, qPrintable(error.message));
}

void TokenStatusColumnTest::init()
{
    m_world = std::make_unique<TestWorld>(false);
    QByteArray ini;
    for (const QString &label : Labels)
        ini += '[' + N(label).toUtf8() + "]\nhf_token = " + secretOf(N(label)).toUtf8() + "\n\n";
    m_world->env.writeFile(QStringLiteral("stored_tokens"), ini);
    m_store = m_world->store();
    QCOMPARE(int(m_store->tokens().size()), int(Labels.size()));
    m_world->setWarningDays(7);
    const QDateTime now = m_world->now;
    record(N("valid-never"), TokenStatus::Valid);
    record(N("valid-later"), TokenStatus::Valid, now.addSecs(60 * Day));
    record(N("expiring"), TokenStatus::Valid, now.addSecs(3 * Day));
    record(N("expired-date"), TokenStatus::Valid, now.addSecs(-2 * Day), 3 * Day);
    record(N("expired-hub"), TokenStatus::Expired); // the Hub's 401 carries no date
    record(N("invalid"), TokenStatus::Invalid);
    record(N("invalid-offline"), TokenStatus::Invalid, {}, 2 * 3600);
    record(N("invalid-offline"), TokenStatus::Unreachable, {}, 60);
    record(N("valid-offline"), TokenStatus::Valid, {}, 2 * 3600);
    record(N("valid-offline"), TokenStatus::Unreachable, {}, 60);
    record(N("unchecked-offline"), TokenStatus::Unreachable, {}, 60);
    record(N("valid-ratelimited"), TokenStatus::Valid, {}, 2 * 3600);
    record(N("valid-ratelimited"), TokenStatus::RateLimited, {}, 60);
    record(N("checking"), TokenStatus::Valid, {}, 2 * 3600);

    m_model = std::make_unique<TokenTableModel>(m_store, m_world->clock());
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->setChecking({N("checking")});
    m_proxy = std::make_unique<TokenFilterProxy>();
    m_proxy->setSourceModel(m_model.get());
}

void TokenStatusColumnTest::cleanup()
{
    m_proxy.reset();
    m_tester.reset();
    m_model.reset();
    m_world.reset();
}

QModelIndex TokenStatusColumnTest::at(const QString &label, int column) const
{
    return m_model->index(m_model->rowOf(N(label)), column);
}

QStringList TokenStatusColumnTest::proxyNames() const
{
    QStringList labels;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        labels << Labels.value(
            m_proxy->index(row, 0).data(TokenTableModel::NameRole).toString().mid(4).toInt());
    return labels;
}

void TokenStatusColumnTest::statusColumnPerState_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<TokenState>("state");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("coloured");
    QTest::newRow("valid, never expires")
        << QStringLiteral("valid-never") << TokenState::Valid << QStringLiteral("valid") << true;
    QTest::newRow("valid, 60 days left")
        << QStringLiteral("valid-later") << TokenState::Valid << QStringLiteral("valid") << true;
    QTest::newRow("3 days left, warning at 7")
        << QStringLiteral("expiring") << TokenState::Expiring << QStringLiteral("expires soon") << true;
    QTest::newRow("date passed") << QStringLiteral("expired-date") << TokenState::Expired
                                 << QStringLiteral("expired") << true;
    QTest::newRow("the Hub said expired")
        << QStringLiteral("expired-hub") << TokenState::Expired << QStringLiteral("expired") << true;
    QTest::newRow("invalid") << QStringLiteral("invalid") << TokenState::Invalid << QStringLiteral("invalid")
                             << true;
    QTest::newRow("invalid, then Hub unreachable")
        << QStringLiteral("invalid-offline") << TokenState::Invalid << QStringLiteral("invalid") << true;
    QTest::newRow("valid, then Hub unreachable")
        << QStringLiteral("valid-offline") << TokenState::Valid << QStringLiteral("valid") << true;
    QTest::newRow("never checked") << QStringLiteral("unchecked") << TokenState::Unchecked
                                   << QStringLiteral("not checked") << false;
    QTest::newRow("never answered") << QStringLiteral("unchecked-offline") << TokenState::Unchecked
                                    << QStringLiteral("not checked") << false;
    QTest::newRow("valid, then rate-limited")
        << QStringLiteral("valid-ratelimited") << TokenState::Valid << QStringLiteral("valid") << true;
    QTest::newRow("checking now") << QStringLiteral("checking") << TokenState::Checking
                                  << QStringLiteral("checking\u2026") << false;
}

void TokenStatusColumnTest::statusColumnPerState()
{
    QFETCH(QString, name);
    QFETCH(TokenState, state);
    QFETCH(QString, text);
    QFETCH(bool, coloured);
    const QModelIndex status = at(name, TokenTableModel::StatusColumn);
    QVERIFY(status.isValid());
    QCOMPARE(m_model->headerData(TokenTableModel::StatusColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
             QStringLiteral("Status"));
    QCOMPARE(status.data(TokenTableModel::StateRole).toInt(), int(state));
    QCOMPARE(status.data(Qt::DisplayRole).toString(), text);
    // Never colour alone: an icon, the words, and a sentence for screen readers.
    const QIcon icon = status.data(Qt::DecorationRole).value<QIcon>();
    QVERIFY(!icon.isNull());
    QCOMPARE(imageOf(icon), imageOf(TokenStateStyle::icon(state)));
    QVERIFY2(status.data(Qt::AccessibleTextRole).toString().contains(text),
             qPrintable(status.data(Qt::AccessibleTextRole).toString()));
    QVERIFY(status.data(Qt::ToolTipRole).toString().contains(text));
    QCOMPARE(status.data(Qt::ForegroundRole).isValid(), coloured);
    // Every state has its own icon.
    QList<QImage> images;
    for (TokenState each : {TokenState::Valid, TokenState::Expiring, TokenState::Expired, TokenState::Invalid,
                            TokenState::Unchecked, TokenState::Checking}) {
        const QImage image = imageOf(TokenStateStyle::icon(each));
        QVERIFY(!image.isNull());
        QVERIFY2(!images.contains(image), qPrintable(tokenStateId(each)));
        images << image;
    }
}

void TokenStatusColumnTest::lastVerdictStaysWhenTheHubWasNotReached()
{
    QCOMPARE(at(QStringLiteral("invalid-offline"), TokenTableModel::CheckColumn).data().toString(),
             QStringLiteral("invalid · Hub unreachable 1 min ago"));
    QCOMPARE(at(QStringLiteral("valid-offline"), TokenTableModel::CheckColumn).data().toString(),
             QStringLiteral("valid · Hub unreachable 1 min ago"));
    QCOMPARE(at(QStringLiteral("valid-ratelimited"), TokenTableModel::CheckColumn).data().toString(),
             QStringLiteral("valid · rate-limited by the Hub 1 min ago"));
    QCOMPARE(at(QStringLiteral("unchecked-offline"), TokenTableModel::CheckColumn).data().toString(),
             QStringLiteral("not checked · Hub unreachable 1 min ago"));
    // A real verdict reads as before.
    QCOMPARE(at(QStringLiteral("invalid"), TokenTableModel::CheckColumn).data().toString(),
             QStringLiteral("invalid or revoked · just now"));
    // Red where the words begin with a refusal, and only there.
    const auto red = [this](const char *label) {
        return at(QString::fromLatin1(label), TokenTableModel::CheckColumn)
            .data(Qt::ForegroundRole)
            .isValid();
    };
    QVERIFY(red("invalid") && red("invalid-offline") && red("expired-hub"));
    QVERIFY(!red("expired-date") && !red("unchecked") && !red("valid-offline"));
    // The explanation says when the Hub last answered and why the last check did not.
    const QString tip =
        at(QStringLiteral("invalid-offline"), TokenTableModel::StatusColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("2 h ago")) && tip.contains(QStringLiteral("Hub unreachable")) &&
                 tip.contains(QStringLiteral("Connection refused")),
             qPrintable(tip));
}

void TokenStatusColumnTest::problemsFirst()
{
    m_proxy->sort(TokenTableModel::StatusColumn, Qt::AscendingOrder);
    const QStringList sorted = proxyNames();
    QCOMPARE(sorted.size(), Labels.size());
    // Invalid (the one whose check did not reach the Hub first), expired, expiring, never checked, valid.
    QCOMPARE(sorted.mid(0, 2), (QStringList{QStringLiteral("invalid-offline"), QStringLiteral("invalid")}));
    QCOMPARE(QSet<QString>(sorted.begin() + 2, sorted.begin() + 4),
             (QSet<QString>{QStringLiteral("expired-date"), QStringLiteral("expired-hub")}));
    QCOMPARE(sorted.at(4), QStringLiteral("expiring"));
    QCOMPARE(sorted.mid(5, 2),
             (QStringList{QStringLiteral("unchecked-offline"), QStringLiteral("unchecked")}));
    // A check going on does not move the row: "checking" sorts with what is known, the valid ones.
    QCOMPARE(QSet<QString>(sorted.begin() + 7, sorted.begin() + 9),
             (QSet<QString>{QStringLiteral("valid-offline"), QStringLiteral("valid-ratelimited")}));
    QCOMPARE(QSet<QString>(sorted.begin() + 9, sorted.end()),
             (QSet<QString>{QStringLiteral("valid-never"), QStringLiteral("valid-later"),
                            QStringLiteral("checking")}));
    m_proxy->sort(TokenTableModel::StatusColumn, Qt::DescendingOrder);
    QCOMPARE(proxyNames().constLast(), QStringLiteral("invalid-offline"));
}

void TokenStatusColumnTest::expirySortPutsExpiredBeforeNever()
{
    m_proxy->sort(TokenTableModel::ExpiryColumn, Qt::AscendingOrder);
    const QStringList sorted = proxyNames();
    const auto pos = [&sorted](const char *name) { return sorted.indexOf(QLatin1String(name)); };
    // expired < soonest < later < never < nothing known.
    QVERIFY2(pos("expired-hub") < pos("expired-date"), qPrintable(sorted.join(u',')));
    QVERIFY2(pos("expired-date") < pos("expiring"), qPrintable(sorted.join(u',')));
    QVERIFY2(pos("expiring") < pos("valid-later"), qPrintable(sorted.join(u',')));
    QVERIFY2(pos("valid-later") < pos("valid-never"), qPrintable(sorted.join(u',')));
    QVERIFY2(pos("valid-never") < pos("unchecked"), qPrintable(sorted.join(u',')));
    QCOMPARE(sorted.mid(0, 2), (QStringList{QStringLiteral("expired-hub"), QStringLiteral("expired-date")}));
    // The Hub's "expired" shows in the expiry column too, not an empty cell.
    QCOMPARE(at(QStringLiteral("expired-hub"), TokenTableModel::ExpiryColumn).data().toString(),
             QStringLiteral("expired"));
}

void TokenStatusColumnTest::filterFindsStates_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("invalid") << QStringLiteral("invalid")
                             << QStringList{QStringLiteral("invalid"), QStringLiteral("invalid-offline")};
    QTest::newRow("INVALID, any case")
        << QStringLiteral("INVALID")
        << QStringList{QStringLiteral("invalid"), QStringLiteral("invalid-offline")};
    // "valid" is not found inside "invalid".
    QTest::newRow("valid") << QStringLiteral("valid")
                           << QStringList{QStringLiteral("checking"), QStringLiteral("valid-later"),
                                          QStringLiteral("valid-never"), QStringLiteral("valid-offline"),
                                          QStringLiteral("valid-ratelimited")};
    QTest::newRow("expired") << QStringLiteral("expired")
                             << QStringList{QStringLiteral("expired-date"), QStringLiteral("expired-hub")};
    QTest::newRow("expiring") << QStringLiteral("expiring") << QStringList{QStringLiteral("expiring")};
    QTest::newRow("unchecked") << QStringLiteral("unchecked")
                               << QStringList{QStringLiteral("unchecked"),
                                              QStringLiteral("unchecked-offline")};
    QTest::newRow("unreachable") << QStringLiteral("unreachable")
                                 << QStringList{QStringLiteral("invalid-offline"),
                                                QStringLiteral("unchecked-offline"),
                                                QStringLiteral("valid-offline")};
    QTest::newRow("checking") << QStringLiteral("checking") << QStringList{QStringLiteral("checking")};
}

void TokenStatusColumnTest::filterFindsStates()
{
    QFETCH(QString, typed);
    QFETCH(QStringList, expected);
    // The names say nothing of the state ("tok-05"): the state alone must match.
    m_proxy->sort(TokenTableModel::NameColumn, Qt::AscendingOrder);
    m_proxy->setSearchText(typed);
    QStringList got = proxyNames();
    std::sort(got.begin(), got.end());
    QCOMPARE(got, expected);
}

void TokenStatusColumnTest::filterFindsTranslatedStates()
{
    GermanStates german;
    QVERIFY(QCoreApplication::installTranslator(&german));
    m_model->refresh();
    QCOMPARE(at(QStringLiteral("invalid"), TokenTableModel::StatusColumn).data().toString(),
             QStringLiteral("ungültig"));
    m_proxy->setSearchText(QStringLiteral("ungült"));
    QStringList got = proxyNames();
    std::sort(got.begin(), got.end());
    QCOMPARE(got, (QStringList{QStringLiteral("invalid"), QStringLiteral("invalid-offline")}));
    m_proxy->setSearchText(QStringLiteral("abgelaufen"));
    got = proxyNames();
    std::sort(got.begin(), got.end());
    QCOMPARE(got, (QStringList{QStringLiteral("expired-date"), QStringLiteral("expired-hub")}));
    QCoreApplication::removeTranslator(&german);
}

void TokenStatusColumnTest::checkingComesAndGoes()
{
    const QString name = QStringLiteral("valid-never");
    m_model->setChecking({N(name), N("invalid")});
    QCOMPARE(at(name, TokenTableModel::StatusColumn).data(TokenTableModel::StateRole).toInt(),
             int(TokenState::Checking));
    QCOMPARE(at(QStringLiteral("checking"), TokenTableModel::StatusColumn).data().toString(),
             QStringLiteral("valid"));
    m_model->checkAnswered(N(name));
    QCOMPARE(at(name, TokenTableModel::StatusColumn).data().toString(), QStringLiteral("valid"));
    QCOMPARE(at(QStringLiteral("invalid"), TokenTableModel::StatusColumn).data().toString(),
             QStringLiteral("checking\u2026"));
    m_model->setChecking({});
    QCOMPARE(at(QStringLiteral("invalid"), TokenTableModel::StatusColumn).data().toString(),
             QStringLiteral("invalid"));
}

// WCAG's contrast ratio: 4.5:1 is what body text needs.
double contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &c) {
        const auto channel = [](double v) {
            return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double x = luminance(a) + 0.05;
    const double y = luminance(b) + 0.05;
    return x > y ? x / y : y / x;
}

void TokenStatusColumnTest::coloursReadOnLightAndDark()
{
    QPalette light = QApplication::style()->standardPalette();
    light.setColor(QPalette::Base, Qt::white);
    QPalette dark = light;
    dark.setColor(QPalette::Base, QColor(42, 42, 42));
    dark.setColor(QPalette::AlternateBase, QColor(53, 53, 53));
    for (const QPalette &palette : {light, dark}) {
        for (TokenState state :
             {TokenState::Valid, TokenState::Expiring, TokenState::Expired, TokenState::Invalid}) {
            const QColor color = TokenStateStyle::color(state, palette);
            QVERIFY(color.isValid());
            for (QPalette::ColorRole role : {QPalette::Base, QPalette::AlternateBase})
                QVERIFY2(
                    contrast(color, palette.color(role)) >= 4.5,
                    qPrintable(tokenStateId(state) + QStringLiteral(" on ") + palette.color(role).name()));
        }
    }
}

QTEST_MAIN(TokenStatusColumnTest)
#include "tst_tokenstatus_column.moc"
