// Issue 12, "who is active, always said": the window says when no token is active (and offers to make the
// selected one active), when huggingface_hub's token file holds a secret no stored token has (and imports
// it under a name the user gives, leaving the token file as it is), and, with HF_TOKEN set, which token
// the environment puts in force and which one the token file holds. Real files in a scratch HF_HOME.
#include "core/files/TokenText.h"
#include "core/store/StoreEditor.h"
#include "support/gui/WindowFixture.h"
#include "ui/window/BannerArea.h"
#include "ui/window/Banners.h"
#include "ui/window/TokenActions.h"

#include <QFile>
#include <QPushButton>
#include <QStatusBar>
#include <QTest>

using namespace hftm;
using namespace hftm::test;
using namespace hftm::test::fixture;

namespace {
// Well-formed, in no fixture section: what another tool (or an old huggingface_hub) left in `token`.
const QString Unknown = QStringLiteral("hf_FAKEunknownActiveTokenForTestsUnkw");

QPushButton *bannerButton(BannerArea *area, const QString &text)
{
    for (QPushButton *button : area->findChildren<QPushButton *>()) {
        if (button->text() == text)
            return button;
    }
    return nullptr;
}

Banner shown(BannerArea *area, Banner::Id id)
{
    for (const Banner &banner : area->banners()) {
        if (banner.id == id)
            return banner;
    }
    return {};
}

bool showsSecret(WindowFixture &f, const QString &secret)
{
    for (const QString &text : f.visibleStrings() + f.context().messages().asked()) {
        if (text.contains(secret))
            return true;
    }
    return false;
}
} // namespace

class BannersActiveTest : public QObject {
    Q_OBJECT
private slots:
    void removingTheActiveTokenSaysNoneIsActive()
    {
        WindowFixture f;
        MainWindow &w = f.shownWindow();
        QVERIFY(!w.bannerArea()->isShowing(Banner::Id::NoActiveToken)); // ci-write is active
        QVERIFY(w.selectToken(CiWrite));
        f.context().messages().queueAnswer(true);
        WindowFixture::trigger(w.actions()->remove);
        QTRY_VERIFY(!f.sectionsOnDisk().contains(CiWrite));
        QTRY_VERIFY(w.bannerArea()->isShowing(Banner::Id::NoActiveToken));
        QVERIFY(f.world.tokenFile().isEmpty());

        // Its button makes the selected token active; choosing another row never moves the layout.
        const int bannerHeight = w.bannerArea()->sizeHint().height();
        for (const TokenRecord &record : f.store()->tokens()) {
            QVERIFY(w.selectToken(record.name));
            QCOMPARE(w.bannerArea()->sizeHint().height(), bannerHeight);
        }
        QVERIFY(w.selectToken(LaptopRead));
        const Banner banner = shown(w.bannerArea(), Banner::Id::NoActiveToken);
        QCOMPARE(banner.kind, Banner::Kind::Warning);
        QVERIFY2(banner.text.startsWith(QStringLiteral("No token is active")), qPrintable(banner.text));
        QPushButton *button =
            bannerButton(w.bannerArea(), QStringLiteral("Make Selected Token Active"));
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_COMPARE(f.world.tokenFile(), LaptopReadSecret.toUtf8());
        QTRY_VERIFY(!w.bannerArea()->isShowing(Banner::Id::NoActiveToken));
        QCOMPARE(f.store()->active().name, LaptopRead);
    }

    void noSelectionSaysHowToMakeOneActive()
    {
        BannerFacts facts;
        TokenRecord record;
        record.name = LaptopRead;
        facts.tokens = {record};
        const QList<Banner> banners = bannersFor(facts);
        QCOMPARE(banners.size(), 1);
        QCOMPARE(banners.first().id, Banner::Id::NoActiveToken);
        QVERIFY(banners.first().actionText.isEmpty());
        QVERIFY2(banners.first().text.contains(QStringLiteral("Make Active")),
                 qPrintable(banners.first().text));

        // Nothing stored: the empty table says what to do, no banner repeats it.
        facts.tokens.clear();
        QVERIFY(bannersFor(facts).isEmpty());
        // stored_tokens unreadable: which token is active cannot be told.
        facts.tokens = {record};
        facts.loadError =
            makeError(ErrorCode::FileUnparseable, QStringLiteral("stored_tokens cannot be read"));
        QCOMPARE(bannersFor(facts).size(), 1);
        QCOMPARE(bannersFor(facts).first().id, Banner::Id::Unparseable);
    }

    void unknownActiveTokenIsImportedUnderAName()
    {
        WindowFixture f;
        f.env.writeFile(QStringLiteral("token"), Unknown.toUtf8());
        const QByteArray tokenBefore = f.world.tokenFile();
        MainWindow &w = f.shownWindow();
        QVERIFY(w.bannerArea()->isShowing(Banner::Id::UnknownActiveToken));
        QVERIFY(!w.bannerArea()->isShowing(Banner::Id::NoActiveToken));
        const Banner banner = shown(w.bannerArea(), Banner::Id::UnknownActiveToken);
        QVERIFY2(banner.text.contains(TokenText::mask(Unknown)) &&
                     banner.text.contains(QStringLiteral("not one stored here")),
                 qPrintable(banner.text));
        QVERIFY(!showsSecret(f, Unknown));

        // A refused name is asked again, saying why; then a taken one; then a good one.
        MessageBoxes &messages = f.context().messages();
        messages.clearAsked();
        messages.queueText(QStringLiteral("bad]name"));
        messages.queueText(LaptopRead);
        messages.queueText(QStringLiteral("  from the file  "));
        QPushButton *import = bannerButton(w.bannerArea(), QStringLiteral("Import\u2026"));
        QVERIFY(import);
        QTest::mouseClick(import, Qt::LeftButton);
        QTRY_VERIFY(f.sectionsOnDisk().contains(QStringLiteral("from the file")));
        const QStringList asked = messages.asked();
        QCOMPARE(asked.size(), 3);
        QVERIFY2(asked.at(0).contains(TokenText::mask(Unknown)), qPrintable(asked.at(0)));
        QVERIFY2(asked.at(1).contains(QStringLiteral("[")) || asked.at(1).contains(QStringLiteral("]")),
                 qPrintable(asked.at(1))); // the reason names the refused characters
        QVERIFY2(asked.at(2).contains(QStringLiteral("already stored")), qPrintable(asked.at(2)));

        // Stored under that name, still the active token: the token file is byte for byte as it was.
        QTRY_VERIFY(!w.bannerArea()->isShowing(Banner::Id::UnknownActiveToken));
        QVERIFY(f.world.storedTokens().contains("[from the file]\nhf_token = " + Unknown.toUtf8() + "\n"));
        QCOMPARE(f.world.tokenFile(), tokenBefore);
        QCOMPARE(f.store()->active().name, QStringLiteral("from the file"));
        QVERIFY(f.store()->token(QStringLiteral("from the file"))->active);
        QCOMPARE(f.secrets->entries().value(QStringLiteral("from the file")), Unknown);
        QCOMPARE(w.currentName(), QStringLiteral("from the file"));
        QTRY_VERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("from the file")));
        QVERIFY(!w.bannerArea()->isShowing(Banner::Id::NoActiveToken));
        QVERIFY(!showsSecret(f, Unknown));
        QCOMPARE(f.sectionsOnDisk().size(), 6); // the five fixture tokens are all still there
    }

    void importCancelledChangesNothing()
    {
        WindowFixture f;
        f.env.writeFile(QStringLiteral("token"), Unknown.toUtf8());
        const QByteArray stored = f.world.storedTokens();
        MainWindow &w = f.shownWindow();
        f.context().messages().queueText(std::nullopt); // Cancel
        QPushButton *import = bannerButton(w.bannerArea(), QStringLiteral("Import\u2026"));
        QVERIFY(import);
        QTest::mouseClick(import, Qt::LeftButton);
        QVERIFY(!StoreEditor::of(f.store())->isBusy());
        QCOMPARE(f.world.storedTokens(), stored);
        QVERIFY(w.bannerArea()->isShowing(Banner::Id::UnknownActiveToken));
    }

    void hfTokenNamesBothTokens_data()
    {
        QTest::addColumn<QString>("variable");
        QTest::newRow("HF_TOKEN") << QStringLiteral("HF_TOKEN");
        QTest::newRow("HUGGING_FACE_HUB_TOKEN") << QStringLiteral("HUGGING_FACE_HUB_TOKEN");
    }
    void hfTokenNamesBothTokens()
    {
        QFETCH(QString, variable);
        WindowFixture f; // the token file holds ci-write
        f.env.set(variable, LaptopReadSecret);
        MainWindow &w = f.shownWindow();
        const QString text = shown(w.bannerArea(), Banner::Id::EnvOverride).text;
        QVERIFY2(text.startsWith(variable + QStringLiteral(" is set in the environment")), qPrintable(text));
        // The environment's token, then the token file's, each by name and masked secret.
        const qsizetype envAt = text.indexOf(
            QStringLiteral("\u201Claptop-read\u201D (%1)").arg(TokenText::mask(LaptopReadSecret)));
        const qsizetype fileAt =
            text.indexOf(QStringLiteral("\u201Cci-write\u201D (%1)").arg(TokenText::mask(CiWriteSecret)));
        QVERIFY2(envAt > 0 && fileAt > envAt, qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("not the active token")), qPrintable(text));
        QVERIFY(!text.contains(LaptopReadSecret) && !text.contains(CiWriteSecret));
        QVERIFY(!w.bannerArea()->isShowing(Banner::Id::NoActiveToken));
        QVERIFY(!w.bannerArea()->isShowing(Banner::Id::UnknownActiveToken));
    }

    void hfTokenOverAnUnknownOrEmptyTokenFile()
    {
        {
            WindowFixture f;
            f.env.set(QStringLiteral("HF_TOKEN"), LaptopReadSecret);
            f.env.writeFile(QStringLiteral("token"), Unknown.toUtf8());
            MainWindow &w = f.shownWindow();
            const QString text = shown(w.bannerArea(), Banner::Id::EnvOverride).text;
            QVERIFY2(text.contains(QStringLiteral("\u201Claptop-read\u201D")) &&
                         text.contains(TokenText::mask(Unknown)) &&
                         text.contains(QStringLiteral("not stored here")),
                     qPrintable(text));
            QVERIFY(w.bannerArea()->isShowing(Banner::Id::UnknownActiveToken)); // still worth importing
        }
        {
            WindowFixture f;
            f.env.set(QStringLiteral("HF_TOKEN"), LaptopReadSecret);
            QVERIFY(QFile::remove(f.env.paths().tokenPath));
            MainWindow &w = f.shownWindow();
            const QString text = shown(w.bannerArea(), Banner::Id::EnvOverride).text;
            QVERIFY2(text.contains(QStringLiteral("holds no active token")), qPrintable(text));
            // The environment banner says it: no second banner about the empty token file.
            QVERIFY(!w.bannerArea()->isShowing(Banner::Id::NoActiveToken));
        }
    }
};

QTEST_MAIN(BannersActiveTest)
#include "tst_banners_active.moc"
