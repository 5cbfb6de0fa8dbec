// huggingface_hub rewrites stored_tokens in place (open with truncate, write, no lock). A TokenStore that
// reads inside that window must neither flag nor drop a token, and must not write a partial file back.
#include "core/files/IniDocument.h"
#include "support/TestWorld.h"

#include <QElapsedTimer>
#include <QTest>

#include <atomic>
#include <chrono>
#include <random>
#include <thread>

#include <fcntl.h>
#include <unistd.h>

using namespace hftm;
using hftm::test::TestWorld;

namespace {

constexpr int SectionCount = 80;

QString raceName(int i)
{
    return QStringLiteral("tok-%1").arg(i, 2, 10, QLatin1Char('0'));
}

QString raceSecret(int i)
{
    return QStringLiteral("hf_FAKEraceTokenForTestsOnly%1xx").arg(i, 4, 10, QLatin1Char('0'));
}

QByteArray raceFile()
{
    IniDocument doc;
    for (int i = 0; i < SectionCount; ++i)
        doc.ensureSection(raceName(i)).setValue(QStringLiteral("hf_token"), raceSecret(i));
    return doc.serialize();
}

bool writeAll(int fd, const char *data, qsizetype size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size_t(size));
        if (n <= 0)
            return false;
        data += n;
        size -= n;
    }
    return true;
}

// What `_save_stored_tokens` does: open with truncate and write, no temp file, no lock. The pause in the
// middle stands for a slow disk or a preempted Python process; it is the scenario, not synchronisation.
bool writeInPlace(const QString &path, const QByteArray &bytes, qsizetype firstPart,
                  std::chrono::microseconds pause)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return false;
    bool ok = writeAll(fd, bytes.constData(), firstPart);
    std::this_thread::sleep_for(pause);
    ok = ok && writeAll(fd, bytes.constData() + firstPart, bytes.size() - firstPart);
    return ::close(fd) == 0 && ok;
}

// `hf auth login` of a token already stored, in a loop: read everything, write it all back in place. It
// re-saves what it read without re-serializing, so that, like Python, it takes microseconds between its
// read and its truncating open.
class HubLikeWriter {
public:
    HubLikeWriter(QString path, int rounds)
        : m_path(std::move(path))
        , m_rounds(rounds)
    {
    }

    void start()
    {
        m_thread = std::thread([this] { run(); });
    }
    void join()
    {
        if (m_thread.joinable())
            m_thread.join();
    }
    bool done() const { return m_done.load(); }
    int failures() const { return m_failures.load(); }

private:
    void run()
    {
        std::mt19937 random(20261201);
        for (int round = 0; round < m_rounds; ++round) {
            QFile file(m_path);
            const QByteArray bytes = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
            file.close();
            const qsizetype firstPart = bytes.isEmpty() ? 0 : qsizetype(random() % quint32(bytes.size()));
            if (!writeInPlace(m_path, bytes, firstPart, std::chrono::microseconds(500 + random() % 2500)))
                ++m_failures;
            // Our own writes are atomic renames, so this writer must never have seen a partial file.
            if (!IniDocument::parse(bytes) || !bytes.endsWith("\n\n"))
                ++m_failures;
            std::this_thread::sleep_for(std::chrono::microseconds(random() % 3000));
        }
        m_done = true;
    }

    QString m_path;
    int m_rounds;
    std::thread m_thread;
    std::atomic<bool> m_done{false};
    std::atomic<int> m_failures{0};
};

QStringList flagged(const TokenStore &store)
{
    QStringList names;
    for (const TokenRecord &record : store.tokens()) {
        if (record.missingFromFiles)
            names << record.name;
    }
    return names;
}

} // namespace

class TestConcurrentHfWriter : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_world = std::make_unique<TestWorld>(false);
        m_path = m_world->env.writeFile(QStringLiteral("stored_tokens"), raceFile());
    }
    void cleanup() { m_world.reset(); }

    void fiveHundredInPlaceRewritesLoseNothing()
    {
        auto store = m_world->makeStore();
        QVERIFY(!store->reload().isError());
        QCOMPARE(store->tokens().size(), SectionCount);

        HubLikeWriter writer(m_path, 500);
        QStringList added;
        QStringList flaggedOnce;
        int reloads = 0;
        int refused = 0;
        QElapsedTimer clock;
        clock.start();
        writer.start();
        while (!writer.done()) {
            // Every third operation adds a new token while huggingface_hub keeps rewriting the file.
            if (reloads % 3 == 2) {
                const QString name = QStringLiteral("added-%1").arg(added.size() + refused);
                const QString secret =
                    QStringLiteral("hf_FAKEaddedTokenForTestsOnly%1x").arg(name.size() + reloads);
                const Result<TokenRecord> record = store->add(name, secret, AddOptions{});
                if (record)
                    added << name;
                else
                    ++refused; // "being rewritten, nothing was changed" is allowed; a loss is not
            }
            store->reload();
            ++reloads;
            flaggedOnce << flagged(*store);
        }
        writer.join();
        qInfo("%d store operations against 500 in-place rewrites in %lld ms; %lld adds, %d refused",
              reloads + int(added.size()) + refused, clock.elapsed(), qlonglong(added.size()), refused);

        QCOMPARE(writer.failures(), 0);
        QVERIFY2(flaggedOnce.isEmpty(), qPrintable(flaggedOnce.join(QLatin1String(", "))));
        QVERIFY(!added.isEmpty());

        const std::optional<IniDocument> last = IniDocument::parse(m_world->storedTokens());
        QVERIFY(last);
        for (int i = 0; i < SectionCount; ++i) {
            QVERIFY2(last->hasSection(raceName(i)), qPrintable(raceName(i)));
            QCOMPARE(last->section(raceName(i))->value(QStringLiteral("hf_token")), raceSecret(i));
        }
        for (const QString &name : std::as_const(added))
            QVERIFY2(last->hasSection(name), qPrintable(name));
        QVERIFY(!store->reload().isError());
        QCOMPARE(flagged(*store), QStringList());
        QCOMPARE(store->tokens().size(), SectionCount + added.size());
    }

    // The deterministic case: huggingface_hub has truncated the file and writes it again a second
    // later (a slow disk, a stopped process). Nothing read in between may be flagged or written back.
    void oneSecondEmptyWindowLosesNothing_data()
    {
        QTest::addColumn<bool>("addDuringWindow");
        QTest::newRow("reload") << false;
        QTest::newRow("add") << true;
    }

    void oneSecondEmptyWindowLosesNothing()
    {
        QFETCH(bool, addDuringWindow);
        const QByteArray full = test::ScratchEnvironment::fixture(QStringLiteral("files/stored_tokens"));
        m_world->env.writeFile(QStringLiteral("stored_tokens"), full);
        auto store = m_world->makeStore();
        QVERIFY(!store->reload().isError());
        const QStringList before = test::namesOf(store->tokens());
        const QHash<QString, QString> keychain = m_world->secrets.entries();

        QVERIFY(writeInPlace(m_path, QByteArray(), 0, std::chrono::microseconds(0))); // truncated
        std::thread writer([this, full] {
            std::this_thread::sleep_for(std::chrono::seconds(1)); // the scenario's slow writer
            writeInPlace(m_path, full, 0, std::chrono::microseconds(0));
        });
        const QString added = QStringLiteral("added-in-window");
        const QString addedSecret = QStringLiteral("hf_FAKEaddedInTheEmptyWindowTestOnly");
        if (addDuringWindow)
            QVERIFY(store->add(added, addedSecret, AddOptions{}).ok());
        else
            store->reload();
        writer.join();

        QCOMPARE(flagged(*store), QStringList());
        const std::optional<IniDocument> now = IniDocument::parse(m_world->storedTokens());
        const std::optional<IniDocument> original = IniDocument::parse(full);
        QVERIFY(now && original);
        for (const QString &name : original->sectionNames()) {
            QVERIFY2(now->hasSection(name), qPrintable(name));
            QCOMPARE(now->section(name)->entries.size(), original->section(name)->entries.size());
            for (const auto &entry : original->section(name)->entries)
                QCOMPARE(now->section(name)->value(entry.key), entry.value); // refresh_token included
        }
        QCOMPARE(now->hasSection(added), addDuringWindow);
        if (!addDuringWindow)
            QCOMPARE(m_world->storedTokens(), full);
        QVERIFY(!store->reload().isError());
        QCOMPARE(flagged(*store), QStringList());
        QStringList expected = before;
        if (addDuringWindow)
            expected << added;
        expected.sort();
        QStringList names = test::namesOf(store->tokens());
        names.sort();
        QCOMPARE(names, expected);
        for (auto it = keychain.cbegin(); it != keychain.cend(); ++it)
            QCOMPARE(m_world->secrets.entries().value(it.key()), it.value());
    }

    // `hf auth logout --token-name` of the last token really leaves an empty file: after the bounded wait
    // it is believed, and the tokens the keychain still holds are flagged, not lost.
    void aReallyEmptiedFileIsBelievedAfterTheBound()
    {
        auto store = m_world->makeStore();
        QVERIFY(!store->reload().isError());
        QVERIFY(writeInPlace(m_path, QByteArray(), 0, std::chrono::microseconds(0)));

        QElapsedTimer clock;
        clock.start();
        QVERIFY(!store->reload().isError());
        const qint64 waited = clock.elapsed();
        qInfo("an emptied file was believed after %lld ms", waited);
        QCOMPARE(flagged(*store).size(), SectionCount);
        QVERIFY2(waited >= 1000 && waited < 5000, qPrintable(QString::number(waited)));
        QCOMPARE(m_world->secrets.entries().size(), SectionCount);

        // Once believed, the next look is immediate: nothing is expected in the file any more.
        clock.restart();
        QVERIFY(!store->reload().isError());
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
    }

private:
    std::unique_ptr<TestWorld> m_world;
    QString m_path;
};

QTEST_GUILESS_MAIN(TestConcurrentHfWriter)
#include "tst_concurrent_hf_writer.moc"
