// An item in the keychain named after a token the store lists is that token's copy, even before the
// metadata records it: the background import writes the keychain copy of a token `hf` added first and
// records it once all copies are done, and the window asks for "items that belong to no token" after
// its first frame, meanwhile. Calling such a copy an orphan offered it for removal.
#include "support/TestWorld.h"

#include <QTest>

using namespace hftm;
using namespace hftm::test;

class OrphansDuringImportTest : public QObject {
    Q_OBJECT

private slots:
    void aListedTokensUnrecordedCopyIsNoOrphan()
    {
        TestWorld world;
        TokenStore *store = world.store();
        const QString secret = QStringLiteral("hf_FAKEaddedByHfxxxxxxxxxxxxxxxxxxxxAdd");
        world.env.writeFile(QStringLiteral("stored_tokens"),
                            world.storedTokens() + "\n[added-by-hf]\nhf_token = " + secret.toUtf8() + "\n");
        QVERIFY(!store->refresh()); // listed at once (files), not yet imported into the metadata
        QVERIFY(store->token(QStringLiteral("added-by-hf")));
        // The keychain copy landed; the metadata write that records it has not happened yet.
        QVERIFY(!world.secrets.write(QStringLiteral("added-by-hf"), secret));
        QVERIFY(!world.secrets.write(QStringLiteral("crashed"),
                                     QStringLiteral("hf_FAKEcrashedxxxxxxxxxxxxxxxxxxxxxxx")));

        const Result<QStringList> orphans = store->orphanedKeychainItems();
        QVERIFY(orphans.ok());
        QCOMPARE(*orphans, QStringList{QStringLiteral("crashed")});
        QCOMPARE(store->removeOrphanedKeychainItem(QStringLiteral("added-by-hf")).code, ErrorCode::NotFound);
        QCOMPARE(world.secrets.read(QStringLiteral("added-by-hf")).value(), secret);
    }
};

QTEST_MAIN(OrphansDuringImportTest)
#include "tst_orphans_import.moc"
