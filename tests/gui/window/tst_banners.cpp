// Which banners apply (a pure function, one row per case) and the window showing them for real
// situations: HF_TOKEN set, an unparseable stored_tokens, no keychain, plaintext-only tokens.
#include "support/gui/WindowFixture.h"
#include "ui/window/BannerArea.h"
#include "ui/window/Banners.h"
#include "ui/window/TokenTableModel.h"

#include <QPushButton>
#include <QTest>

using namespace hftm;
using namespace hftm::test;

Q_DECLARE_METATYPE(hftm::BannerFacts)

namespace {
using Ids = QList<int>;

Ids idsOf(const QList<Banner> &banners)
{
    Ids ids;
    for (const Banner &banner : banners)
        ids << int(banner.id);
    return ids;
}

TokenRecord record(const QString &name, StorageLocations storage)
{
    TokenRecord r;
    r.name = name;
    r.storage = storage;
    return r;
}

QPushButton *bannerButton(BannerArea *area, const QString &text)
{
    for (QPushButton *button : area->findChildren<QPushButton *>()) {
        if (button->text() == text)
            return button;
    }
    return nullptr;
}
} // namespace

class BannersTest : public QObject {
    Q_OBJECT
private slots:
    void decides_data();
    void decides();
    void hfTokenInTheEnvironmentIsShownNeverWritten();
    void unparseableFileIsNamedAndKept();
    void noKeychainAndPlaintextTokens();
    void filesOnlyIsAChoiceNotAWarning();
    void folderOthersCanChangeIsShown();
};

void BannersTest::decides_data()
{
    QTest::addColumn<BannerFacts>("facts");
    QTest::addColumn<Ids>("expected");
    const auto both = StorageLocation::Keychain | StorageLocation::StoredTokens;
    const auto plain = StorageLocations(StorageLocation::StoredTokens);

    BannerFacts calm;
    calm.tokens = {record(QStringLiteral("a"), both)};
    calm.active.source = ActiveToken::Source::TokenFile; // "a" is active: no "no active token" banner
    calm.active.name = calm.active.fileName = QStringLiteral("a");
    calm.active.masked = calm.active.fileMasked = QStringLiteral("hf_****aaaa");
    QTest::newRow("nothing to say") << calm << Ids{};

    BannerFacts env = calm;
    env.active.source = ActiveToken::Source::EnvHfToken;
    QTest::newRow("HF_TOKEN") << env << Ids{int(Banner::Id::EnvOverride)};
    env.active.source = ActiveToken::Source::EnvLegacy;
    QTest::newRow("HUGGING_FACE_HUB_TOKEN") << env << Ids{int(Banner::Id::EnvOverride)};

    BannerFacts broken = calm;
    broken.loadError = makeError(ErrorCode::FileUnparseable, QStringLiteral("stored_tokens cannot be read"));
    QTest::newRow("unparseable") << broken << Ids{int(Banner::Id::Unparseable)};

    BannerFacts plaintext = calm;
    plaintext.tokens << record(QStringLiteral("b"), plain);
    QTest::newRow("plaintext only") << plaintext << Ids{int(Banner::Id::PlaintextOnly)};
    plaintext.keychainError = makeError(ErrorCode::KeychainUnavailable, QStringLiteral("no bus."));
    QTest::newRow("no keychain, plaintext")
        << plaintext << Ids{int(Banner::Id::NoKeychain), int(Banner::Id::PlaintextOnly)};
    plaintext.mode = StorageMode::FilesOnly;
    QTest::newRow("files-only chosen") << plaintext << Ids{};

    BannerFacts shared = calm;
    shared.folderWarnings = {QStringLiteral("/srv/hf can be changed by every user of this computer.")};
    QTest::newRow("token folder not private") << shared << Ids{int(Banner::Id::FolderUnsafe)};
}

void BannersTest::decides()
{
    QFETCH(BannerFacts, facts);
    QFETCH(Ids, expected);
    QCOMPARE(idsOf(bannersFor(facts)), expected);
}

void BannersTest::hfTokenInTheEnvironmentIsShownNeverWritten()
{
    WindowFixture f;
    f.env.set(QStringLiteral("HF_TOKEN"), LaptopReadSecret);
    const QByteArray tokenFile = f.env.readFile(QStringLiteral("token"));
    const QByteArray storedTokens = f.env.readFile(QStringLiteral("stored_tokens"));
    MainWindow &w = f.shownWindow();
    QVERIFY(w.bannerArea()->isShowing(Banner::Id::EnvOverride));
    QVERIFY(w.bannerArea()->isVisible());
    const QString text = w.bannerArea()->banners().constFirst().text;
    QVERIFY2(text.contains(QStringLiteral("HF_TOKEN")) && text.contains(QStringLiteral("laptop-read")),
             qPrintable(text));
    QVERIFY(!text.contains(LaptopReadSecret));
    // The store reports the env token as active; the files keep what they had.
    QCOMPARE(f.store()->active().name, QStringLiteral("laptop-read"));
    QCOMPARE(f.env.readFile(QStringLiteral("token")), tokenFile);
    QCOMPARE(f.env.readFile(QStringLiteral("stored_tokens")), storedTokens);
}

void BannersTest::unparseableFileIsNamedAndKept()
{
    WindowFixture f(false);
    const QByteArray junk = "[dup]\nhf_token = hf_FAKEaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n[dup]\nhf_token = "
                            "hf_FAKEbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n";
    f.env.writeFile(QStringLiteral("stored_tokens"), junk);
    MainWindow &w = f.shownWindow();
    QVERIFY(w.bannerArea()->isShowing(Banner::Id::Unparseable));
    const Banner banner = w.bannerArea()->banners().constFirst();
    QCOMPARE(banner.kind, Banner::Kind::Error);
    QVERIFY2(banner.text.contains(QStringLiteral("stored_tokens")), qPrintable(banner.text));
    QVERIFY(!banner.text.contains(QStringLiteral("hf_FAKE")));
    f.store()->reload();
    QCOMPARE(f.env.readFile(QStringLiteral("stored_tokens")), junk);

    // Fixed by someone else: the banner goes by itself.
    f.env.writeFile(QStringLiteral("stored_tokens"),
                    ScratchEnvironment::fixture(QStringLiteral("files/stored_tokens")));
    QTRY_VERIFY_WITH_TIMEOUT(!w.bannerArea()->isShowing(Banner::Id::Unparseable), 3000);
    QCOMPARE(w.model()->rowCount(), 5);
}

void BannersTest::noKeychainAndPlaintextTokens()
{
    WindowFixture f;
    f.secrets->setUnavailable(true); // before the first load: nothing can be copied into it
    MainWindow &w = f.shownWindow();
    // The keychain is probed once the window has painted, not before.
    QTRY_VERIFY(w.bannerArea()->isShowing(Banner::Id::NoKeychain));
    QVERIFY(w.bannerArea()->isShowing(Banner::Id::PlaintextOnly));
    QVERIFY(bannerButton(w.bannerArea(), QStringLiteral("Move into keychain")));

    // Moving while the keychain is still away fails with a message and keeps everything.
    f.context().messages().clearAsked();
    QTest::mouseClick(bannerButton(w.bannerArea(), QStringLiteral("Move into keychain")), Qt::LeftButton);
    QTRY_COMPARE(f.context().messages().asked().size(), 1); // the move runs off the GUI thread
    QCOMPARE(f.sectionsOnDisk().size(), 5);

    f.secrets->setUnavailable(false);
    QTest::mouseClick(bannerButton(w.bannerArea(), QStringLiteral("Check again")), Qt::LeftButton);
    QTRY_VERIFY(!w.isCheckingKeychain()); // the probe runs in the background
    QVERIFY(!w.bannerArea()->isShowing(Banner::Id::NoKeychain));
    QTest::mouseClick(bannerButton(w.bannerArea(), QStringLiteral("Move into keychain")), Qt::LeftButton);
    QTRY_VERIFY(!w.bannerArea()->isShowing(Banner::Id::PlaintextOnly));
    QCOMPARE(f.secrets->entries().size(), 5);
    QCOMPARE(f.sectionsOnDisk().size(), 5); // keychain-and-files keeps `hf auth` working
    QVERIFY(!w.bannerArea()->isVisible());
}

void BannersTest::filesOnlyIsAChoiceNotAWarning()
{
    WindowFixture f;
    QVERIFY(!f.store()->setStorageMode(StorageMode::FilesOnly));
    f.secrets->setUnavailable(true);
    MainWindow &w = f.shownWindow();
    w.checkKeychain();
    QVERIFY(w.bannerArea()->banners().isEmpty());
    QVERIFY(!w.bannerArea()->isVisible());
}

void BannersTest::folderOthersCanChangeIsShown()
{
    // Issue 10 item 6: a world-writable HF_HOME lets anyone swap the token files; the window says so.
    WindowFixture f;
    QVERIFY(QFile::setPermissions(f.env.hfHome(), QFileDevice::Permissions(0x7777)));
    MainWindow &w = f.shownWindow();
    QVERIFY(w.bannerArea()->isShowing(Banner::Id::FolderUnsafe));
    Banner shown{};
    for (const Banner &banner : w.bannerArea()->banners()) {
        if (banner.id == Banner::Id::FolderUnsafe)
            shown = banner;
    }
    QCOMPARE(shown.kind, Banner::Kind::Warning);
    QVERIFY2(shown.text.contains(f.env.hfHome()) && shown.text.contains(QStringLiteral("every user")),
             qPrintable(shown.text));
    // Prose, not a terminal: the command is quoted like the rest of the window, never in backticks.
    QVERIFY2(!shown.text.contains(QLatin1Char('`')) && shown.text.contains(QStringLiteral("\u201Cchmod 700")),
             qPrintable(shown.text));
}

QTEST_MAIN(BannersTest)
#include "tst_banners.moc"
