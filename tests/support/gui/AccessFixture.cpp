#include "support/gui/AccessFixture.h"

#include "core/hub/WhoamiParser.h"
#include "ui/access/AccessGridModel.h"

#include <QLineEdit>

namespace hftm::test {

AccessFixture::AccessFixture(bool withRepoTable)
{
    if (!env.isValid() || !world.startHub())
        return;
    hub.addRepo(RepoRef::Model, QStringLiteral("example-org/tiny-demo-gpt"));
    FakeRepo privateData;
    privateData.isPrivate = true;
    privateData.allowedTokens = {CiWriteSecret, ColabSecret, BobSecret};
    privateData.deniedTokens = {BobSecret};
    hub.addRepo(RepoRef::Dataset, QStringLiteral("acme-research/private-data"), privateData);
    FakeRepo secret;
    secret.isPrivate = true;
    hub.addRepo(RepoRef::Model, QStringLiteral("example-org/secret-model"), secret);
    FakeRepo gated;
    gated.gated = QStringLiteral("manual");
    gated.gatedApprovedTokens = {CiWriteSecret, BobSecret};
    hub.addRepo(RepoRef::Model, QStringLiteral("acme-research/gated-llm-8b"), gated);

    env.installFixture(QStringLiteral("files/stored_tokens"));
    store = world.makeStore();
    if (store->reload())
        return;
    client = std::make_unique<HubClient>();
    client->setClock(world.clock());
    m_valid = store->tokens().size() == 5;
    if (withRepoTable && m_valid)
        addRepoTable();
}

AccessFixture::~AccessFixture()
{
    m_window.reset();
}

AccessWindow &AccessFixture::window()
{
    if (!m_window) {
        m_window = std::make_unique<AccessWindow>(store.get(), client.get());
        m_window->setFileDialog([this](QWidget *, const QString &, const QString &, const QString &,
                                       const std::function<void(const QString &)> &chosen) {
            if (!nextSavePath.isEmpty()) // an empty path stands for the user cancelling
                chosen(nextSavePath);
        });
        m_window->setUrlOpener([this](const QUrl &url) {
            openedUrls << url.toString();
            return true;
        });
    }
    return *m_window;
}

void AccessFixture::addRepoTable()
{
    for (const QString &repo : RepoTable) {
        window().repoField()->setText(repo);
        window().actions().addRepo->trigger();
    }
}

void AccessFixture::recordWhoami(const QString &name, const QString &fixture)
{
    TokenCheck check;
    check.status = check.verdict = TokenStatus::Valid;
    check.checkedAt = check.verdictAt = now;
    const Result<WhoamiInfo> whoami = WhoamiParser::parse(FakeHub::fixtureBytes(fixture));
    if (whoami)
        check.whoami = *whoami;
    store->recordCheck(name, check);
}

int AccessFixture::row(const QString &displayId)
{
    for (int r = 0; r < window().model()->rowCount(); ++r) {
        if (window().model()->repo(r).displayId() == displayId)
            return r;
    }
    return -1;
}

int AccessFixture::column(const QString &token)
{
    for (int c = 0; c < window().model()->columnCount(); ++c) {
        if (window().model()->column(c).name == token)
            return c;
    }
    return -1;
}

QString AccessFixture::stateId(const QString &displayId, const QString &token)
{
    return window()
        .model()
        ->index(row(displayId), column(token))
        .data(AccessGridModel::StateIdRole)
        .toString();
}

QString AccessFixture::explanation(const QString &displayId, const QString &token)
{
    return window()
        .model()
        ->index(row(displayId), column(token))
        .data(AccessGridModel::ExplanationRole)
        .toString();
}

QStringList AccessFixture::stateIds()
{
    QStringList ids;
    const AccessGridModel *model = window().model();
    for (int r = 0; r < model->rowCount(); ++r) {
        for (int c = 0; c < model->columnCount(); ++c)
            ids << model->index(r, c).data(AccessGridModel::StateIdRole).toString();
    }
    return ids;
}

bool AccessFixture::allAnswered()
{
    const QStringList ids = stateIds();
    return !ids.isEmpty() && !ids.contains(QStringLiteral("checking")) &&
           !ids.contains(QStringLiteral("not-checked"));
}

} // namespace hftm::test
