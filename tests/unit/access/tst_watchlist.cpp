// WatchList: what a paste becomes (or why it is refused), dedupe, order, and the file on disk.
#include "core/access/WatchList.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using hftm::ErrorCode;
using hftm::RepoRef;
using hftm::WatchList;

class TestWatchList : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path() const { return m_dir.filePath(QStringLiteral("cfg/watchlist.json")); }

private slots:
    void init() { QFile::remove(path()); }

    void addParsesWhatPeoplePaste_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("displayId"); // empty: refused
        QTest::addColumn<QString>("host");
        QTest::newRow("id") << QStringLiteral("openai-community/gpt2")
                            << QStringLiteral("openai-community/gpt2") << QString();
        QTest::newRow("models prefix")
            << QStringLiteral("models/org/m") << QStringLiteral("org/m") << QString();
        QTest::newRow("dataset id") << QStringLiteral("datasets/org/data")
                                    << QStringLiteral("datasets/org/data") << QString();
        QTest::newRow("space id") << QStringLiteral("spaces/org/demo") << QStringLiteral("spaces/org/demo")
                                  << QString();
        QTest::newRow("padded") << QStringLiteral("  org/m \n") << QStringLiteral("org/m") << QString();
        QTest::newRow("model url") << QStringLiteral("https://huggingface.co/meta-llama/Llama-3.1-8B")
                                   << QStringLiteral("meta-llama/Llama-3.1-8B")
                                   << QStringLiteral("huggingface.co");
        QTest::newRow("dataset url") << QStringLiteral("https://huggingface.co/datasets/org/name")
                                     << QStringLiteral("datasets/org/name")
                                     << QStringLiteral("huggingface.co");
        QTest::newRow("space url") << QStringLiteral("https://huggingface.co/spaces/org/app")
                                   << QStringLiteral("spaces/org/app") << QStringLiteral("huggingface.co");
        QTest::newRow("tree main") << QStringLiteral(
                                          "https://huggingface.co/datasets/org/name/tree/main/data")
                                   << QStringLiteral("datasets/org/name") << QStringLiteral("huggingface.co");
        QTest::newRow("blob with query") << QStringLiteral("https://hf.co/org/m/blob/main/config.json?x=1#L2")
                                         << QStringLiteral("org/m") << QStringLiteral("huggingface.co");
        QTest::newRow("no scheme") << QStringLiteral("huggingface.co/org/m") << QStringLiteral("org/m")
                                   << QStringLiteral("huggingface.co");
        QTest::newRow("mirror") << QStringLiteral("http://127.0.0.1:8080/datasets/org/d")
                                << QStringLiteral("datasets/org/d") << QStringLiteral("127.0.0.1");
        QTest::newRow("empty") << QString() << QString() << QString();
        QTest::newRow("one segment") << QStringLiteral("gpt2") << QString() << QString();
        QTest::newRow("too long path") << QStringLiteral("org/m/extra") << QString() << QString();
        QTest::newRow("space inside") << QStringLiteral("org/my model") << QString() << QString();
        QTest::newRow("bad chars") << QStringLiteral("org/m$del") << QString() << QString();
        QTest::newRow("double dash") << QStringLiteral("org/a--b") << QString() << QString();
        QTest::newRow("prefix only") << QStringLiteral("datasets/org") << QString() << QString();
        QTest::newRow("ftp link") << QStringLiteral("ftp://huggingface.co/org/m") << QString() << QString();
        QTest::newRow("link to settings")
            << QStringLiteral("https://huggingface.co/settings") << QString() << QString();
    }

    void addParsesWhatPeoplePaste()
    {
        QFETCH(QString, text);
        QFETCH(QString, displayId);
        QFETCH(QString, host);
        WatchList list(path());
        const hftm::Result<WatchList::Added> added = list.add(text);
        if (displayId.isEmpty()) {
            QVERIFY(!added);
            QCOMPARE(added.error().code, ErrorCode::InvalidInput);
            QVERIFY2(!added.error().message.isEmpty(), "a refusal tells the user why");
            QCOMPARE(list.size(), 0);
            return;
        }
        QVERIFY2(added, qPrintable(added.error().message));
        QCOMPARE(added->row, 0);
        QCOMPARE(list.repos().at(0).displayId(), displayId);
        QCOMPARE(list.repos().at(0).sourceHost, host);
    }

    void duplicatesAreNotAddedTwice()
    {
        WatchList list(path());
        QVERIFY(list.add(QStringLiteral("org/Model")));
        QVERIFY(list.add(QStringLiteral("datasets/org/model"))); // another type: another repo
        const auto again = list.add(QStringLiteral("https://huggingface.co/ORG/model/tree/main"));
        QVERIFY(again);
        QVERIFY(again->duplicate);
        QCOMPARE(again->row, 0);
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.repos().at(0).id, QStringLiteral("org/Model")); // the first spelling stays
    }

    void orderSurvivesSaveAndLoad()
    {
        WatchList list(path());
        for (const char *text : {"a/one", "datasets/b/two", "spaces/c/three", "https://hf.co/d/four"})
            QVERIFY(list.add(QString::fromLatin1(text)));
        QVERIFY(list.move(3, 0));
        QVERIFY(list.move(1, 2));
        QVERIFY(list.remove(3));
        QVERIFY(!list.move(0, 9));
        QVERIFY(!list.remove(-1));
        QVERIFY(!list.save());

        WatchList reloaded(path());
        QVERIFY(!reloaded.load());
        QStringList ids;
        for (const RepoRef &repo : reloaded.repos())
            ids << repo.displayId();
        QCOMPARE(ids, (QStringList{QStringLiteral("d/four"), QStringLiteral("datasets/b/two"),
                                   QStringLiteral("a/one")}));
        QCOMPARE(reloaded.repos().at(0).sourceHost,
                 QStringLiteral("huggingface.co")); // kept for the host check
        QCOMPARE(reloaded.repos().at(1).sourceHost, QString());
    }

    void fileIsPrivateAndAtomic()
    {
        WatchList list(path());
        QVERIFY(list.add(QStringLiteral("a/one")));
        QVERIFY(!list.save());
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(path()).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, mode_t(0600));
        QCOMPARE(QDir(m_dir.filePath(QStringLiteral("cfg"))).entryList(QDir::Files),
                 QStringList{QStringLiteral("watchlist.json")}); // no temp file left behind
        const QJsonObject root = QJsonDocument::fromJson([&] {
                                     QFile f(path());
                                     f.open(QIODevice::ReadOnly);
                                     return f.readAll();
                                 }())
                                     .object();
        QCOMPARE(root.value(QStringLiteral("version")).toInt(), 1);
        QCOMPARE(root.value(QStringLiteral("repos"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("type"))
                     .toString(),
                 QStringLiteral("models"));
    }

    void missingFileIsAnEmptyList()
    {
        WatchList list(path());
        QVERIFY(!list.load());
        QCOMPARE(list.size(), 0);
    }

    void brokenFileIsKeptAsideAndBadEntriesSkipped()
    {
        QDir().mkpath(QFileInfo(path()).path());
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{ not json");
        file.close();
        WatchList list(path());
        const hftm::Error error = list.load();
        QCOMPARE(error.code, ErrorCode::FileUnparseable);
        QCOMPARE(list.size(), 0);
        QVERIFY(
            QDir(QFileInfo(path()).path()).entryList({QStringLiteral("watchlist.json.unparsed-*")}).size() ==
            1);

        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(R"({"version":1,"repos":[{"type":"models","id":"ok/one"},{"type":"models","id":"bad id/x"},
                       {"type":"buckets","id":"a/b"},{"type":"datasets","id":"ok/two"},{"type":"models","id":"OK/one"}]})");
        file.close();
        QVERIFY(!list.load());
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.repos().at(1).displayId(), QStringLiteral("datasets/ok/two"));
    }

    void defaultPathIsInTheConfigFolder()
    {
        QCOMPARE(WatchList::defaultPath(QStringLiteral("/x/hf-token-manager")),
                 QStringLiteral("/x/hf-token-manager/watchlist.json"));
    }
};

QTEST_GUILESS_MAIN(TestWatchList)
#include "tst_watchlist.moc"
