// The window offers what `hftoken restore` and `hftoken cleanup` do: a token `hf auth logout` removed
// from stored_tokens is put back from the keychain, and keychain items no token knows are found and
// removed after asking.
#include "support/gui/WindowFixture.h"
#include "ui/window/BannerArea.h"
#include "ui/window/Banners.h"
#include "ui/window/TokenActions.h"

#include <QPushButton>
#include <QTest>

using namespace hftm;
using namespace hftm::test;

namespace {
QPushButton *bannerButton(MainWindow &window, const QString &text)
{
    for (QPushButton *button : window.findChildren<BannerArea *>().value(0)->findChildren<QPushButton *>()) {
        if (button->text() == text)
            return button;
    }
    return nullptr;
}

bool showing(MainWindow &window, Banner::Id id)
{
    return window.findChildren<BannerArea *>().value(0)->isShowing(id);
}
} // namespace

class RestoreOrphansTest : public QObject {
    Q_OBJECT
private slots:
    void restoreAfterHfLogout()
    {
        WindowFixture f;
        f.store()->reload(); // the fixture's tokens are imported into the in-memory keychain
        QVERIFY(f.secrets->entries().contains(QStringLiteral("laptop-read")));
        // `hf auth logout --token-name laptop-read`: the section leaves stored_tokens.
        QByteArray file = f.env.readFile(QStringLiteral("stored_tokens"));
        const qsizetype start = file.indexOf("[laptop-read]");
        file.remove(start, file.indexOf("[", start + 1) - start);
        f.env.writeFile(QStringLiteral("stored_tokens"), file);
        f.store()->reload();
        MainWindow &window = f.shownWindow();
        QTRY_VERIFY(showing(window, Banner::Id::RemovedOutside));
        QVERIFY(!f.sectionsOnDisk().contains(QStringLiteral("laptop-read")));

        // The action is offered on that token only.
        TokenActions *actions = window.actions();
        QVERIFY(actions);
        QVERIFY(window.selectToken(QStringLiteral("ci-write")));
        QVERIFY(!actions->restore->isEnabled());
        QVERIFY(window.selectToken(QStringLiteral("laptop-read")));
        QVERIFY(actions->restore->isEnabled());
        WindowFixture::trigger(actions->restore);
        QTRY_VERIFY(f.sectionsOnDisk().contains(QStringLiteral("laptop-read")));
        QVERIFY(f.env.readFile(QStringLiteral("stored_tokens")).contains(LaptopReadSecret.toLatin1()));
        QTRY_VERIFY(!showing(window, Banner::Id::RemovedOutside));
        QVERIFY(!actions->restore->isEnabled());
    }

    void restoreFromTheBanner()
    {
        WindowFixture f;
        f.store()->reload();
        f.env.writeFile(QStringLiteral("stored_tokens"), QByteArray()); // `hf auth logout` of everything
        f.store()->reload();
        MainWindow &window = f.shownWindow();
        QTRY_VERIFY(bannerButton(window, QStringLiteral("Restore to huggingface_hub Files")));
        bannerButton(window, QStringLiteral("Restore to huggingface_hub Files"))->click();
        QTRY_COMPARE(f.sectionsOnDisk().size(), 5);
    }

    void orphansAreOfferedAndRemovedAfterAsking()
    {
        WindowFixture f;
        f.store()->reload();
        // A crash between the keychain write and the file write.
        QVERIFY(!f.secrets->write(QStringLiteral("half-added"),
                                  QStringLiteral("hf_FAKEhalfAddedxxxxxxxxxxxxxxxxxxxx")));
        MainWindow &window = f.shownWindow();
        QTRY_VERIFY(showing(window, Banner::Id::OrphanedItems));
        QPushButton *button = bannerButton(window, QStringLiteral("Remove Them…"));
        QVERIFY(button);

        f.context().messages().setScripted(true);
        f.context().messages().queueAnswer(false); // "no": nothing is removed
        button->click();
        QVERIFY(f.secrets->entries().contains(QStringLiteral("half-added")));
        QVERIFY(
            f.context().messages().asked().join(QLatin1Char('\n')).contains(QStringLiteral("half-added")));

        f.context().messages().queueAnswer(true);
        bannerButton(window, QStringLiteral("Remove Them…"))->click();
        QTRY_VERIFY(!f.secrets->entries().contains(QStringLiteral("half-added")));
        QTRY_VERIFY(!showing(window, Banner::Id::OrphanedItems));
        QVERIFY(f.secrets->entries().contains(QStringLiteral("ci-write"))); // real tokens untouched
    }

    void decides()
    {
        BannerFacts facts;
        facts.active.source = ActiveToken::Source::TokenFile; // a stored token is active: no banner for that
        facts.active.name = facts.active.fileName = QStringLiteral("ci-write");
        facts.active.masked = facts.active.fileMasked = QStringLiteral("hf_****CiWr");
        TokenRecord gone;
        gone.name = QStringLiteral("gone");
        gone.storage = StorageLocation::Keychain;
        gone.missingFromFiles = true;
        facts.tokens = {gone};
        facts.orphanedItems = {QStringLiteral("left-behind")};
        QList<Banner::Id> ids;
        for (const Banner &banner : bannersFor(facts))
            ids << banner.id;
        QCOMPARE(ids, (QList<Banner::Id>{Banner::Id::RemovedOutside, Banner::Id::OrphanedItems}));
        facts.tokens.first().storage = {}; // not in the keychain either: nothing to restore from
        facts.orphanedItems.clear();
        QVERIFY(bannersFor(facts).isEmpty());
    }
};

QTEST_MAIN(RestoreOrphansTest)
#include "tst_restore_orphans.moc"
