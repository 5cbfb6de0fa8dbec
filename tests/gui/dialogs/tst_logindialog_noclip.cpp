// LoginDialog never clips its text: in every state it can reach (empty, malformed input, checking,
// each Hub verdict from the fake Hub over real sockets, duplicates, long names, short and long scope
// lists), every visible label, button and check box gets at least the size it needs (heightForWidth for
// word-wrapped labels, sizeHint otherwise), nothing sticks out of its parent, the scope tree fits its
// rows, status icons sit on the first line of their text, and the dialog follows its content both ways
// without leaving the screen.
#include "support/FakeHub.h"
#include "support/gui/DialogTestEnv.h"
#include "ui/dialogs/LoginDialog.h"
#include "ui/dialogs/PastedTokenCheck.h"
#include "ui/dialogs/StatusLine.h"
#include "ui/dialogs/WhoamiSummaryWidget.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLayout>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QTest>

using namespace hftm;
using namespace hftm::test;

namespace {
const QString ReadToken = QStringLiteral("hf_FAKElaptopReadTokenForTestsOnlLrdA");
const QString FineToken = QStringLiteral("hf_FAKEbobFineTokenForTestsOnlyxxBobF");
const QString ShortScopeToken = QStringLiteral("hf_FAKEshortScopeTokenForTestsOnlyShS");
const QString LongScopeToken = QStringLiteral("hf_FAKElongScopeTokenForTestsOnlyxLnS");
const QString OddShapeToken = QStringLiteral("xyz_FAKEoddShapeTokenForTestsOnlyOdSh");
const QString UnknownToken = QStringLiteral("hf_FAKEunknownTokenForTestsOnlyxxUnkn");
const QDateTime Now = QDateTime(QDate(2026, 11, 1), QTime(12, 0), Qt::UTC);
// 5 days 12 h before the fine-grained fixture's expiry (2026-12-31T23:59:59Z): inside the 7-day window.
const QDateTime NearExpiry = QDateTime(QDate(2026, 12, 26), QTime(12, 0), Qt::UTC);
// A tree up to this many rows shows them all; the long list must be capped and scroll instead.
constexpr int ShortListRows = 6;
constexpr int LongListRows = 12 * 6;

// The fine-grained fixture with its scoped permissions replaced by `entities` entities of `perms` each.
QJsonObject scopedWhoami(int entities, int perms)
{
    static const QStringList permissions = {
        QStringLiteral("repo.content.read"), QStringLiteral("repo.write"), QStringLiteral("repo.access.read"),
        QStringLiteral("inference.endpoints.infer.write"), QStringLiteral("collection.read")};
    QJsonObject whoami = FakeHub::fixture(QStringLiteral("whoami_fine_grained.json"));
    QJsonObject auth = whoami.value(QStringLiteral("auth")).toObject();
    QJsonObject access = auth.value(QStringLiteral("accessToken")).toObject();
    QJsonObject fine = access.value(QStringLiteral("fineGrained")).toObject();
    QJsonArray scoped;
    for (int e = 0; e < entities; ++e) {
        QJsonArray list;
        for (int p = 0; p < perms; ++p)
            list.append(permissions.at(p % permissions.size()));
        scoped.append(QJsonObject{
            {QStringLiteral("entity"),
             QJsonObject{{QStringLiteral("_id"),
                          QStringLiteral("66ff0011223344556677%1").arg(e, 4, 10, QLatin1Char('0'))},
                         {QStringLiteral("type"), QStringLiteral("model")},
                         {QStringLiteral("name"), QStringLiteral("acme-research/model-%1").arg(e)}}},
            {QStringLiteral("permissions"), list}});
    }
    fine.insert(QStringLiteral("scoped"), scoped);
    access.insert(QStringLiteral("fineGrained"), fine);
    auth.insert(QStringLiteral("accessToken"), access);
    whoami.insert(QStringLiteral("auth"), auth);
    return whoami;
}

QString describe(const QWidget *w)
{
    QString text;
    if (auto *label = qobject_cast<const QLabel *>(w))
        text = label->text();
    else if (auto *button = qobject_cast<const QAbstractButton *>(w))
        text = button->text();
    QString name = w->objectName();
    for (const QObject *p = w->parent(); name.isEmpty() && p; p = p->parent())
        name = p->objectName().isEmpty() ? QString() : p->objectName() + QStringLiteral("/…");
    return QStringLiteral("%1 %2 \"%3\"")
        .arg(QString::fromLatin1(w->metaObject()->className()), name, text.left(60));
}

int visibleRows(const QTreeWidget *tree)
{
    int rows = 0;
    for (QTreeWidgetItemIterator it(const_cast<QTreeWidget *>(tree)); *it; ++it) {
        bool shown = true;
        for (QTreeWidgetItem *p = (*it)->parent(); p; p = p->parent())
            shown = shown && p->isExpanded();
        rows += shown ? 1 : 0;
    }
    return rows;
}

// Every way the dialog's text can be clipped, as readable lines; empty when nothing is.
QStringList clippings(QDialog *dialog)
{
    QStringList out;
    const QRect screen = dialog->screen()->availableGeometry();
    if (dialog->height() > screen.height() || dialog->width() > screen.width())
        out << QStringLiteral("dialog %1x%2 is larger than the screen %3x%4")
                   .arg(dialog->width())
                   .arg(dialog->height())
                   .arg(screen.width())
                   .arg(screen.height());
    // Not taller than the content asks for: it shrinks back when content goes away.
    const QLayout *layout = dialog->layout();
    const int wanted = layout->hasHeightForWidth() ? layout->totalHeightForWidth(dialog->width())
                                                   : layout->totalSizeHint().height();
    if (dialog->height() > qMax(wanted, layout->totalMinimumSize().height()) + 4)
        out << QStringLiteral("dialog is %1 px tall, its content needs %2").arg(dialog->height()).arg(wanted);

    for (QWidget *w : dialog->findChildren<QWidget *>()) {
        if (!w->isVisibleTo(dialog))
            continue;
        QSize need;
        if (auto *label = qobject_cast<QLabel *>(w)) {
            if (label->text().isEmpty() && label->pixmap().isNull())
                continue;
            need = label->wordWrap()
                       ? QSize(label->minimumSizeHint().width(), label->heightForWidth(w->width()))
                       : label->sizeHint();
        } else if (auto *button = qobject_cast<QAbstractButton *>(w)) {
            if (button->text().isEmpty() && button->icon().isNull())
                continue;
            need = button->sizeHint();
            if (qobject_cast<QCheckBox *>(w) == nullptr)
                need.setWidth(button->minimumSizeHint().width());
        } else if (auto *tree = qobject_cast<QTreeWidget *>(w)) {
            const int rows = visibleRows(tree);
            const int rowHeight = tree->sizeHintForRow(0);
            const bool scrolls = tree->verticalScrollBar()->maximum() > 0;
            if (rows <= ShortListRows * 2 && scrolls)
                out << QStringLiteral("scope tree scrolls for only %1 rows").arg(rows);
            if (!scrolls && tree->viewport()->height() > rows * rowHeight + rowHeight)
                out << QStringLiteral("scope tree has %1 px of empty space under %2 rows")
                           .arg(tree->viewport()->height() - rows * rowHeight)
                           .arg(rows);
            if (rows >= LongListRows && !scrolls)
                out << QStringLiteral("scope tree of %1 rows is not capped").arg(rows);
            if (scrolls && tree->viewport()->height() < 4 * rowHeight)
                out << QStringLiteral("scope tree shows fewer than 4 rows");
            const QAbstractItemView *view = tree; // sizeHintForColumn is public there, protected in QTreeView
            for (int c = 0; c < tree->columnCount(); ++c) {
                if (tree->header()->sectionSize(c) < view->sizeHintForColumn(c))
                    out << QStringLiteral("scope tree column %1 is %2 px, its text needs %3")
                               .arg(c)
                               .arg(tree->header()->sectionSize(c))
                               .arg(view->sizeHintForColumn(c));
            }
            continue;
        } else {
            continue;
        }
        // Nor taller than it needs by more than a line: a gap under a message reads as a missing line.
        if (auto *label = qobject_cast<QLabel *>(w);
            label && label->wordWrap() && w->height() > need.height() + label->fontMetrics().height())
            out << QStringLiteral("%1 is %2 px tall, its text needs %3")
                       .arg(describe(w))
                       .arg(w->height())
                       .arg(need.height());
        if (w->width() < need.width() || w->height() < need.height())
            out << QStringLiteral("%1 is %2x%3, needs %4x%5")
                       .arg(describe(w))
                       .arg(w->width())
                       .arg(w->height())
                       .arg(need.width())
                       .arg(need.height());
        // Sticking out of an ancestor clips as much as being too small; a scroll area's content may, as
        // it can be scrolled to.
        for (QWidget *p = w->parentWidget(); p && p != dialog; p = p->parentWidget()) {
            if (qobject_cast<QAbstractScrollArea *>(p->parentWidget()))
                break;
            const QRect inParent(w->mapTo(p, QPoint(0, 0)), w->size());
            if (!p->rect().contains(inParent)) {
                out << QStringLiteral("%1 sticks out of %2 (%3,%4 %5x%6 in %7x%8)")
                           .arg(describe(w), describe(p))
                           .arg(inParent.x())
                           .arg(inParent.y())
                           .arg(inParent.width())
                           .arg(inParent.height())
                           .arg(p->width())
                           .arg(p->height());
                break;
            }
        }
    }
    // A status icon sits on the first line of its text, not above or below it.
    for (StatusLine *line : dialog->findChildren<StatusLine *>()) {
        if (!line->isVisibleTo(dialog))
            continue;
        for (QLabel *icon : line->findChildren<QLabel *>()) {
            if (icon == line->label() || !icon->isVisibleTo(dialog) || icon->pixmap().isNull())
                continue;
            const QLabel *text = line->label();
            const int pixmapHeight = qRound(icon->pixmap().deviceIndependentSize().height());
            const int iconCentre =
                icon->y() + icon->contentsRect().top() +
                (icon->alignment() & Qt::AlignTop ? pixmapHeight / 2 : icon->contentsRect().height() / 2);
            const int lineCentre = text->y() + text->contentsRect().top() + text->fontMetrics().height() / 2;
            if (qAbs(iconCentre - lineCentre) > 1)
                out << QStringLiteral("%1: icon centre at %2, first text line centre at %3")
                           .arg(describe(text))
                           .arg(iconCentre)
                           .arg(lineCentre);
        }
    }
    return out;
}
} // namespace

// A clipping found ends the test there: later steps would only report the same layout again.
#define EXPECT_NO_CLIP()                                                                                     \
    do {                                                                                                     \
        expectNoClip();                                                                                      \
        if (QTest::currentTestFailed())                                                                      \
            return;                                                                                          \
    } while (false)

class TestLoginDialogNoClip : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_env = std::make_unique<DialogTestEnv>();
        m_hub = std::make_unique<FakeHub>();
        QVERIFY(m_hub->start());
        m_hub->addToken(ReadToken, QStringLiteral("whoami_read_token.json"));
        m_hub->addToken(FineToken, QStringLiteral("whoami_fine_grained.json"));
        m_hub->addToken(OddShapeToken, QStringLiteral("whoami_read_token.json"));
        m_hub->addToken(ShortScopeToken, scopedWhoami(1, ShortListRows - 1));
        m_hub->addToken(LongScopeToken, scopedWhoami(12, 5));
        setNow(Now);
        QVERIFY(!m_env->setEndpoint(m_hub->endpoint()));
    }
    void cleanup()
    {
        m_dialog.reset();
        m_hub.reset();
        m_env.reset();
    }

    void empty()
    {
        open();
        EXPECT_NO_CLIP();
    }

    void malformed_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("control character") << QStringLiteral("hf_abcdefghij\x01klmnopqrstuvwxyz012345");
        QTest::newRow("inner newline") << QStringLiteral("hf_abcdefghij\nhost=evil.example");
        QTest::newRow("organization token") << QStringLiteral("api_org_abcdefghijklmnopqrstuvwxyz0123");
        QTest::newRow("incomplete") << QStringLiteral("hf_abc");
    }
    void malformed()
    {
        QFETCH(QString, text);
        open();
        tokenEdit()->setText(text);
        QVERIFY(tokenStatus()->kind() == StatusLine::Kind::Error ||
                tokenStatus()->kind() == StatusLine::Kind::Info);
        EXPECT_NO_CLIP();
    }

    void checking()
    {
        m_hub->setLatencyMs(60000); // answers long after the test is done: the check stays in flight
        open();
        paste(FineToken);
        QTRY_COMPARE(m_hub->inFlight(), 1);
        QCOMPARE(tokenStatus()->kind(), StatusLine::Kind::Busy);
        EXPECT_NO_CLIP();
    }

    void valid_data()
    {
        QTest::addColumn<QString>("token");
        QTest::newRow("read") << ReadToken;
        QTest::newRow("fine-grained") << FineToken;
        QTest::newRow("short scope list") << ShortScopeToken;
        QTest::newRow("long scope list") << LongScopeToken;
        QTest::newRow("not the hf_ shape") << OddShapeToken;
    }
    void valid()
    {
        QFETCH(QString, token);
        open();
        paste(token);
        QTRY_VERIFY(!check()->isBusy() && check()->hasVerdict());
        QVERIFY(summary()->isVisibleTo(m_dialog.get()));
        EXPECT_NO_CLIP();
    }

    void expiringSoon()
    {
        setNow(NearExpiry);
        open();
        paste(FineToken);
        QTRY_COMPARE(tokenStatus()->kind(), StatusLine::Kind::Success);
        EXPECT_NO_CLIP();
    }

    void refused_data()
    {
        QTest::addColumn<bool>("expired");
        QTest::newRow("401 invalid") << false;
        QTest::newRow("401 expired") << true;
    }
    void refused()
    {
        QFETCH(bool, expired);
        if (expired)
            m_hub->setTokenExpired(ReadToken);
        open();
        paste(expired ? ReadToken : UnknownToken);
        QTRY_COMPARE(tokenStatus()->kind(), StatusLine::Kind::Error);
        EXPECT_NO_CLIP();
    }

    void hubDown()
    {
        m_hub.reset(); // nothing listens on the endpoint any more: connection refused
        open();
        paste(ReadToken);
        QTRY_COMPARE(tokenStatus()->kind(), StatusLine::Kind::Warning);
        nameEdit()->setText(QStringLiteral("offline"));
        EXPECT_NO_CLIP();
    }

    void hubServerErrorWithLongMessage()
    {
        const QByteArray body =
            "{\"error\":\"The service is temporarily unavailable while we roll out a new version of the "
            "authentication backend. Requests made during this window may fail; please retry in a few "
            "minutes. If the problem persists, check the status page for the current incident.\"}";
        m_hub->failNext(503, {{"Content-Type", "application/json"}}, body);
        open();
        paste(ReadToken);
        QTRY_COMPARE(tokenStatus()->kind(), StatusLine::Kind::Warning);
        QVERIFY(tokenStatus()->label()->heightForWidth(tokenStatus()->label()->width()) >
                3 * tokenStatus()->fontMetrics().height()); // really a long, several-line message
        EXPECT_NO_CLIP();
    }

    void duplicateName()
    {
        QVERIFY(m_env->store->add(QStringLiteral("bob-finegrained"), ReadToken, AddOptions{}).ok());
        open();
        paste(FineToken);
        QTRY_COMPARE(tokenStatus()->kind(), StatusLine::Kind::Success);
        QCOMPARE(nameStatus()->kind(), StatusLine::Kind::Warning);
        EXPECT_NO_CLIP();
    }

    void duplicateSecret()
    {
        QVERIFY(m_env->store->add(QStringLiteral("laptop"), ReadToken, AddOptions{}).ok());
        open();
        paste(ReadToken);
        QCOMPARE(tokenStatus()->kind(), StatusLine::Kind::Error);
        EXPECT_NO_CLIP();
    }

    void longNames()
    {
        const QString longName =
            QStringLiteral("a-very-long-token-name-that-someone-typed-without-any-spaces-"
                           "to-describe-exactly-where-it-is-used-and-why-it-exists");
        QVERIFY(m_env->store->add(longName, ReadToken, AddOptions{}).ok());
        open();
        paste(FineToken);
        QTRY_COMPARE(tokenStatus()->kind(), StatusLine::Kind::Success);
        nameEdit()->setText(longName);
        QCOMPARE(nameStatus()->kind(), StatusLine::Kind::Warning); // taken: the replace box names it
        EXPECT_NO_CLIP();
        paste(ReadToken); // the same secret as the long-named token
        QTRY_COMPARE(tokenStatus()->kind(), StatusLine::Kind::Error);
        EXPECT_NO_CLIP();
    }

    // The dialog follows its content: it grows for every message, not only for the Hub's answer, and
    // goes back to its empty size when the content goes away.
    void growsAndShrinksBack()
    {
        open();
        EXPECT_NO_CLIP();
        const int emptyHeight = m_dialog->height();
        tokenEdit()->setText(QStringLiteral("hf_abcdefghij\x01klmnopqrstuvwxyz012345"));
        EXPECT_NO_CLIP();
        QVERIFY(m_dialog->height() > emptyHeight);
        paste(FineToken);
        QTRY_COMPARE(tokenStatus()->kind(), StatusLine::Kind::Success);
        EXPECT_NO_CLIP();
        const int validHeight = m_dialog->height();
        QVERIFY(validHeight > emptyHeight);
        paste(UnknownToken);
        QTRY_COMPARE(tokenStatus()->kind(), StatusLine::Kind::Error);
        EXPECT_NO_CLIP();
        QVERIFY(m_dialog->height() < validHeight);
        tokenEdit()->setText(QString());
        EXPECT_NO_CLIP();
        QTRY_COMPARE(m_dialog->height(), emptyHeight); // refits on the turn after the layout settles
    }

private:
    void setNow(const QDateTime &now)
    {
        m_now = now;
        m_env->client.setClock([now] { return now; });
    }
    void open()
    {
        m_dialog = std::make_unique<LoginDialog>(m_env->store.get(), &m_env->validator);
        m_dialog->setDebounceInterval(1);
        m_dialog->setUrlOpener([](const QUrl &) { return false; });
        const QDateTime now = m_now;
        m_dialog->setClock([now] { return now; });
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    }
    // Layout requests are posted events: the check waits for them (a condition, never a sleep) and fails
    // with every clipping it still sees.
    void expectNoClip()
    {
        QStringList found;
        QTRY_VERIFY2_WITH_TIMEOUT((found = clippings(m_dialog.get())).isEmpty(),
                                  qPrintable(found.join(QLatin1Char('\n'))), 2000);
    }
    void paste(const QString &text) { tokenEdit()->setText(text + QLatin1Char('\n')); }
    QLineEdit *tokenEdit() { return m_dialog->findChild<QLineEdit *>(QStringLiteral("tokenEdit")); }
    QLineEdit *nameEdit() { return m_dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit")); }
    StatusLine *tokenStatus() { return m_dialog->findChild<StatusLine *>(QStringLiteral("tokenStatus")); }
    StatusLine *nameStatus() { return m_dialog->findChild<StatusLine *>(QStringLiteral("nameStatus")); }
    WhoamiSummaryWidget *summary() { return m_dialog->findChild<WhoamiSummaryWidget *>(); }
    PastedTokenCheck *check() { return m_dialog->findChild<PastedTokenCheck *>(); }

    std::unique_ptr<DialogTestEnv> m_env;
    std::unique_ptr<FakeHub> m_hub;
    std::unique_ptr<LoginDialog> m_dialog;
    QDateTime m_now;
};

QTEST_MAIN(TestLoginDialogNoClip)
#include "tst_logindialog_noclip.moc"
