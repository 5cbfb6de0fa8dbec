// TokenStore::refresh() and the per-token signals, over real files in a scratch HF_HOME and the in-memory
// keychain: a refresh changes no byte, mtime or keychain item; one changed record is one tokenChanged, a
// changed set of names is one tokensReset; recording a whole check run is one metadata write.
#include "core/files/TokenText.h"
#include "support/MetadataWrites.h"
#include "support/TestWorld.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>

#include <sys/stat.h>

using namespace hftm;
using namespace hftm::test;
using namespace hftm::test::fixture;

namespace {

// Everything about a file a write would change: its bytes, mode, inode and modification time (ns).
struct FileState {
    bool exists = false;
    QByteArray bytes;
    quint64 inode = 0;
    quint32 mode = 0;
    qint64 mtimeNs = 0;
    bool operator==(const FileState &) const = default;
};

FileState stateOf(const QString &path)
{
    FileState state;
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return state;
    state.exists = true;
    state.inode = info.st_ino;
    state.mode = info.st_mode;
    state.mtimeNs = qint64(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec;
    QFile file(path);
    if (file.open(QIODevice::ReadOnly))
        state.bytes = file.readAll();
    return state;
}

const QByteArray HfAdded = "[hf-added]\nhf_token = hf_FAKEaddedByHfLoginxxxxxxxxxxxxAdd1\n\n";

} // namespace

class TestTokenStoreRefresh : public QObject {
    Q_OBJECT

private slots:
    void refreshChangesNothingOnDiskOrInTheKeychain()
    {
        TestWorld world;
        QVERIFY(!world.makeStore()->reload().isError()); // imported once, as a first start would
        // What an import would act on: a token `hf` added, one it removed, one it refreshed, and files
        // other users may read (an import tightens them).
        QByteArray file = world.storedTokens();
        file.replace("[laptop-read]\nhf_token = " + LaptopReadSecret.toUtf8() + "\n\n", HfAdded);
        file.replace(BobSecret.toUtf8(), Canary.toUtf8());
        world.env.writeFile(QStringLiteral("stored_tokens"), file);
        const QStringList paths{world.env.paths().storedTokensPath, world.env.paths().tokenPath,
                                world.metadataPath()};
        for (const QString &path : paths)
            QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
        QList<FileState> before;
        for (const QString &path : paths)
            before << stateOf(path);
        const int operations = world.secrets.operationCount();
        const int requests = world.secrets.requestCount();

        auto store = world.makeStore();
        QVERIFY(!store->refresh().isError());
        QVERIFY(!store->refresh().isError());

        for (int i = 0; i < paths.size(); ++i)
            QVERIFY2(stateOf(paths.at(i)) == before.at(i), qPrintable(paths.at(i)));
        QCOMPARE(world.secrets.operationCount(), operations);
        QCOMPARE(world.secrets.requestCount(), requests);
        QVERIFY(!world.secrets.entries().contains(QStringLiteral("hf-added")));
        // Yet it shows what the files hold: the new token, held by the files only.
        const std::optional<TokenRecord> added = store->token(QStringLiteral("hf-added"));
        QVERIFY(added);
        QCOMPARE(added->storage, StorageLocations(StorageLocation::StoredTokens));
        QCOMPARE(added->masked, TokenText::mask(QStringLiteral("hf_FAKEaddedByHfLoginxxxxxxxxxxxxAdd1")));
        QVERIFY(store->syncNotes().isEmpty()); // nothing was imported
    }

    void oneChangedRecordIsOneTokenChanged()
    {
        TestWorld world;
        auto store = world.makeStore();
        QVERIFY(!store->reload().isError());
        QSignalSpy changedToken(store.get(), &TokenStore::tokenChanged);
        QSignalSpy reset(store.get(), &TokenStore::tokensReset);
        QSignalSpy changed(store.get(), &TokenStore::changed);

        // Another process records a Hub answer for one token.
        auto other = world.makeStore();
        QVERIFY(!other->reload().isError());
        TokenCheck valid;
        valid.status = TokenStatus::Valid;
        QVERIFY(!other->recordCheck(BobFine, valid).isError());

        QVERIFY(!store->refresh().isError());
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changedToken.count(), 1);
        QCOMPARE(changedToken.at(0).at(0).toString(), BobFine);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(store->token(BobFine)->check.verdict, TokenStatus::Valid);

        // Nothing changed since: nothing said.
        QVERIFY(!store->refresh().isError());
        QCOMPARE(changedToken.count(), 1);
        QCOMPARE(changed.count(), 1);
    }

    void anAddedOrRemovedNameIsOneTokensReset()
    {
        TestWorld world;
        auto store = world.makeStore();
        QVERIFY(!store->reload().isError());
        QSignalSpy changedToken(store.get(), &TokenStore::tokenChanged);
        QSignalSpy reset(store.get(), &TokenStore::tokensReset);

        world.env.writeFile(QStringLiteral("stored_tokens"), world.storedTokens() + HfAdded);
        QVERIFY(!store->refresh().isError());
        QCOMPARE(reset.count(), 1);
        QCOMPARE(changedToken.count(), 0);
        QVERIFY(store->token(QStringLiteral("hf-added")));

        auto other = world.makeStore(); // another process removes a token
        QVERIFY(!other->reload().isError());
        QVERIFY(other->remove(Colab).ok());
        QVERIFY(!store->refresh().isError());
        QCOMPARE(reset.count(), 2);
        QCOMPARE(changedToken.count(), 0);
        QVERIFY(!store->token(Colab));
    }

    void fiftyCheckResultsAreOneMetadataWriteAndNoReset()
    {
        TestWorld world(false);
        QByteArray file;
        QStringList names;
        for (int i = 0; i < 50; ++i) {
            names << QStringLiteral("token-%1").arg(i, 2, 10, QLatin1Char('0'));
            file += "[" + names.last().toUtf8() + "]\nhf_token = hf_FAKEbatch" +
                    QByteArray::number(10000000 + i) + "xxxxxxxxxxxxxxxxxx\n\n";
        }
        world.env.writeFile(QStringLiteral("stored_tokens"), file);
        auto store = world.makeStore();
        QVERIFY(!store->reload().isError());
        QCOMPARE(store->tokens().size(), 50);

        MetadataWrites writes(world.metadataPath());
        QVERIFY(writes.isValid());
        QSignalSpy changedToken(store.get(), &TokenStore::tokenChanged);
        QSignalSpy reset(store.get(), &TokenStore::tokensReset);
        QHash<QString, TokenCheck> checks;
        for (int i = 0; i < names.size(); ++i) {
            TokenCheck check;
            check.status = i % 2 ? TokenStatus::Valid : TokenStatus::Invalid;
            checks.insert(names.at(i), check);
        }
        QVERIFY(!store->recordChecks(checks).isError());

        QCOMPARE(writes.count(), 1);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changedToken.count(), 50);
        QStringList told;
        for (const QList<QVariant> &args : std::as_const(changedToken))
            told << args.at(0).toString();
        told.sort();
        QCOMPARE(told, names);
        for (int i = 0; i < names.size(); ++i)
            QCOMPARE(store->token(names.at(i))->check.verdict, checks.value(names.at(i)).status);
        // What the cache says is what the file says.
        auto fresh = world.makeStore();
        QVERIFY(!fresh->refresh().isError());
        QCOMPARE(fresh->token(names.at(1))->check.verdict, TokenStatus::Valid);
    }
};

QTEST_GUILESS_MAIN(TestTokenStoreRefresh)
#include "tst_tokenstore_refresh.moc"
