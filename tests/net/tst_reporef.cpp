// RepoRef::parse over the id and link forms people paste, and the paths/URLs built from a RepoRef.
#include "core/hub/RepoRef.h"

#include <QTest>

using namespace hftm;

Q_DECLARE_METATYPE(RepoRef::Type)

class TestRepoRef : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void accepted_data();
    void accepted();
    void refused_data();
    void refused();
    void paths();
    void foreignHost_data();
    void foreignHost();
};

void TestRepoRef::accepted_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<RepoRef::Type>("type");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("host");

    const auto row = [](const char *name, const char *text, RepoRef::Type type, const char *id,
                        const char *host) {
        QTest::newRow(name) << QString::fromUtf8(text) << type << QString::fromUtf8(id)
                            << QString::fromUtf8(host);
    };
    row("model id", "org/name", RepoRef::Model, "org/name", "");
    row("padded", "  org/name \n", RepoRef::Model, "org/name", "");
    row("models/ prefix", "models/org/name", RepoRef::Model, "org/name", "");
    row("datasets/ prefix", "datasets/org/data", RepoRef::Dataset, "org/data", "");
    row("spaces/ prefix", "spaces/org/app", RepoRef::Space, "org/app", "");
    row("dots and dashes", "acme-research/gated-llm-8b.v2_final", RepoRef::Model,
        "acme-research/gated-llm-8b.v2_final", "");
    row("model url", "https://huggingface.co/org/name", RepoRef::Model, "org/name", "huggingface.co");
    row("dataset url", "https://huggingface.co/datasets/org/data", RepoRef::Dataset, "org/data",
        "huggingface.co");
    row("space url", "https://huggingface.co/spaces/org/app", RepoRef::Space, "org/app", "huggingface.co");
    row("trailing slash", "https://huggingface.co/org/name/", RepoRef::Model, "org/name", "huggingface.co");
    row("tree/main", "https://huggingface.co/org/name/tree/main", RepoRef::Model, "org/name",
        "huggingface.co");
    row("blob", "https://huggingface.co/datasets/org/data/blob/main/train/part-0.parquet", RepoRef::Dataset,
        "org/data", "huggingface.co");
    row("resolve", "https://huggingface.co/org/name/resolve/main/config.json?download=true", RepoRef::Model,
        "org/name", "huggingface.co");
    row("query and fragment", "https://huggingface.co/org/name?library=transformers#usage", RepoRef::Model,
        "org/name", "huggingface.co");
    row("no scheme", "huggingface.co/spaces/org/app", RepoRef::Space, "org/app", "huggingface.co");
    row("hf.co alias", "https://hf.co/org/name", RepoRef::Model, "org/name", "huggingface.co");
    row("api url", "https://huggingface.co/api/datasets/org/data", RepoRef::Dataset, "org/data",
        "huggingface.co");
    row("custom endpoint host", "https://hub.example.com/datasets/org/data/tree/main", RepoRef::Dataset,
        "org/data", "hub.example.com");
    row("loopback with port", "http://127.0.0.1:8080/spaces/org/app/", RepoRef::Space, "org/app",
        "127.0.0.1");
}

void TestRepoRef::accepted()
{
    QFETCH(QString, text);
    QString error;
    const std::optional<RepoRef> ref = RepoRef::parse(text, &error);
    QVERIFY2(ref.has_value(), qPrintable(error));
    QTEST(ref->type, "type");
    QTEST(ref->id, "id");
    QTEST(ref->sourceHost, "host");
}

void TestRepoRef::refused_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("blank") << QStringLiteral("   ");
    QTest::newRow("single name") << QStringLiteral("gpt2");
    QTest::newRow("three segments") << QStringLiteral("a/b/c");
    QTest::newRow("inner space") << QStringLiteral("org/my model");
    QTest::newRow("newline inside") << QStringLiteral("org/na\nme");
    QTest::newRow("double dash") << QStringLiteral("org/na--me");
    QTest::newRow("double dot") << QStringLiteral("org/na..me");
    QTest::newRow("bad chars") << QStringLiteral("org/na$me");
    QTest::newRow("leading dash") << QStringLiteral("-org/name");
    QTest::newRow("datasets without name") << QStringLiteral("datasets/org");
    QTest::newRow("too long") << QStringLiteral("org/") + QString(100, QLatin1Char('a'));
    QTest::newRow("url without repo") << QStringLiteral("https://huggingface.co/datasets");
    QTest::newRow("url one segment") << QStringLiteral("https://huggingface.co/spaces/org");
    QTest::newRow("ftp url") << QStringLiteral("ftp://huggingface.co/org/name");
    QTest::newRow("junk") << QStringLiteral("://///");
    // Found by fuzz_repo_ref: read as owner "models", it named a repo no id could name again.
    QTest::newRow("link, owner is a type word") << QStringLiteral("http://localhost:808/models/models/o/no/n");
    QTest::newRow("link, owner datasets") << QStringLiteral("https://huggingface.co/datasets/datasets/x");
    QTest::newRow("owner spaces, typed") << QStringLiteral("models/spaces/x");
    QTest::newRow("link, owner is a host") << QStringLiteral("http://dt/hf.co/owner/maodeA");
}

void TestRepoRef::refused()
{
    QFETCH(QString, text);
    QString error;
    QVERIFY(!RepoRef::parse(text, &error).has_value());
    QVERIFY(!error.isEmpty());
}

void TestRepoRef::paths()
{
    const RepoRef model = *RepoRef::parse(QStringLiteral("org/name"));
    QCOMPARE(model.apiPath(), QStringLiteral("/api/models/org/name"));
    QCOMPARE(model.authCheckPath(), QStringLiteral("/api/models/org/name/auth-check"));
    QCOMPARE(model.displayId(), QStringLiteral("org/name"));
    QCOMPARE(model.webUrl(QStringLiteral("https://huggingface.co/")),
             QStringLiteral("https://huggingface.co/org/name"));

    const RepoRef dataset =
        *RepoRef::parse(QStringLiteral("https://huggingface.co/datasets/org/data/tree/main"));
    QCOMPARE(dataset.apiPath(), QStringLiteral("/api/datasets/org/data"));
    QCOMPARE(dataset.displayId(), QStringLiteral("datasets/org/data"));
    QCOMPARE(dataset.webUrl(QStringLiteral("http://127.0.0.1:9")),
             QStringLiteral("http://127.0.0.1:9/datasets/org/data"));

    const RepoRef space = *RepoRef::parse(QStringLiteral("spaces/org/app"));
    QCOMPARE(space.apiPath(), QStringLiteral("/api/spaces/org/app"));
    QCOMPARE(space.displayId(), QStringLiteral("spaces/org/app"));
}

void TestRepoRef::foreignHost_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<bool>("foreign");
    QTest::newRow("typed id") << QStringLiteral("org/name") << QStringLiteral("https://huggingface.co")
                              << false;
    QTest::newRow("same host") << QStringLiteral("https://huggingface.co/org/name")
                               << QStringLiteral("https://huggingface.co") << false;
    QTest::newRow("hf.co alias") << QStringLiteral("https://hf.co/org/name")
                                 << QStringLiteral("https://huggingface.co") << false;
    QTest::newRow("other host") << QStringLiteral("https://evil.example/org/name")
                                << QStringLiteral("https://huggingface.co") << true;
    QTest::newRow("mirror link, default hub") << QStringLiteral("https://hub.example.com/org/name")
                                              << QStringLiteral("https://huggingface.co") << true;
    QTest::newRow("other port") << QStringLiteral("http://127.0.0.1:81/org/name")
                                << QStringLiteral("http://127.0.0.1:80") << true;
    QTest::newRow("same port") << QStringLiteral("http://127.0.0.1:81/org/name")
                               << QStringLiteral("http://127.0.0.1:81") << false;
}

void TestRepoRef::foreignHost()
{
    QFETCH(QString, text);
    QFETCH(QString, endpoint);
    QTEST(RepoRef::parse(text)->isForeignTo(endpoint), "foreign");
}

QTEST_GUILESS_MAIN(TestRepoRef)
#include "tst_reporef.moc"
