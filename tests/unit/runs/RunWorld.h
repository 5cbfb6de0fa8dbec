#pragma once

// One run test's world: a scratch HF_HOME whose stored_tokens `hf` filled with N tokens, a store over it
// whose secrets live only in a slow fake keychain, and the fake Hub knowing every token.
#include "core/hub/HubClient.h"
#include "core/hub/TokenValidator.h"
#include "core/store/MetadataFile.h"
#include "core/store/TokenStore.h"
#include "support/FakeHub.h"
#include "support/ScratchEnvironment.h"
#include "support/SlowSecretStore.h"

#include <QTest>

#include <memory>

namespace hftm::test {

class RunWorld {
public:
    // Secrets look like tokens and are unique; the Hub answers each with the read-token fixture.
    static QString secretOf(int i)
    {
        return QStringLiteral("hf_FAKErunWorldToken%1xxxxxxxxxxxx").arg(i, 4, 10, QLatin1Char('0'));
    }
    static QString nameOf(int i) { return QStringLiteral("token-%1").arg(i, 4, 10, QLatin1Char('0')); }

    bool setUp(int count)
    {
        if (!hub.start())
            return false;
        QByteArray ini;
        for (int i = 0; i < count; ++i) {
            ini += '[' + nameOf(i).toUtf8() + "]\nhf_token = " + secretOf(i).toUtf8() + "\n\n";
            hub.addToken(secretOf(i), QStringLiteral("whoami_read_token.json"));
            names << nameOf(i);
        }
        if (count > 0)
            env.writeFile(QStringLiteral("stored_tokens"), ini);
        keychain.setLatencyMs(0); // setting up is not what is measured
        store = std::make_unique<TokenStore>(TokenStore::Options::fromEnvironment(env.environment()),
                                             &keychain, nullptr);
        store->reload(); // imports what `hf` added
        // Only the keychain holds the secrets: every run has to ask it.
        if (store->setStorageMode(StorageMode::KeychainOnly))
            return false;
        Settings settings = store->settings();
        settings.endpoint = hub.endpoint();
        if (store->saveSettings(settings))
            return false;
        for (const TokenRecord &record : store->tokens()) {
            if (record.storage != StorageLocations(StorageLocation::Keychain))
                return false;
        }
        // Answers carry the Hub client's clock: an hour behind, so a record stamped "now" would show.
        client.setClock([] { return QDateTime::currentDateTimeUtc().addSecs(-3600); });
        validator = std::make_unique<TokenValidator>(&client);
        return int(store->tokens().size()) == count;
    }

    QString metadataPath() const { return MetadataFile(env.configDir()).path(); }

    ScratchEnvironment env;
    FakeHub hub;
    SlowSecretStore keychain;
    HubClient client;
    std::unique_ptr<TokenStore> store;
    std::unique_ptr<TokenValidator> validator;
    QStringList names;
};

} // namespace hftm::test
