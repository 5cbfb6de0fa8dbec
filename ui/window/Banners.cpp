#include "ui/window/Banners.h"

#include <QCoreApplication>

namespace hftm {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("hftm::Banners", text);
}

QString quotedList(const QStringList &names)
{
    constexpr int Shown = 5;
    QStringList quoted;
    for (const QString &name : names.mid(0, Shown))
        quoted << QStringLiteral("\u201C%1\u201D").arg(name);
    QString list = quoted.join(QStringLiteral(", "));
    if (names.size() > Shown)
        list += QLatin1Char(' ') + tr("and %1 more").arg(names.size() - Shown);
    return list;
}
// Core messages quote commands with `backticks` for terminals; a banner is prose, so it shows “quotes”.
QString withTypographicQuotes(QString text)
{
    bool opening = true;
    for (QChar &ch : text) {
        if (ch == QLatin1Char('`')) {
            ch = opening ? QChar(0x201C) : QChar(0x201D);
            opening = !opening;
        }
    }
    return text;
}

// Names both tokens: the one the environment puts in force, and the one the token file holds (what
// "Make Active" changes, and what programs started without the variable use).
QString envOverrideText(const ActiveToken &active)
{
    const QString variable = active.source == ActiveToken::Source::EnvHfToken
                                 ? QStringLiteral("HF_TOKEN")
                                 : QStringLiteral("HUGGING_FACE_HUB_TOKEN");
    const QString envToken = active.name.isEmpty()
                                 ? tr("a token that is not stored here (%1)").arg(active.masked)
                                 : tr("\u201C%1\u201D (%2)").arg(active.name, active.masked);
    QString fileToken;
    if (active.fileMasked.isEmpty())
        fileToken = tr("; huggingface_hub's token file holds no active token");
    else if (active.fileName.isEmpty())
        fileToken = tr(", not the active token in huggingface_hub's token file (%1), which is not "
                       "stored here")
                        .arg(active.fileMasked);
    else if (active.fileName == active.name)
        fileToken = tr(", the active token in huggingface_hub's token file too");
    else
        fileToken = tr(", not the active token \u201C%1\u201D (%2) in huggingface_hub's token file")
                        .arg(active.fileName, active.fileMasked);
    return tr("%1 is set in the environment: programs started from it use %2%3. Making another token active "
              "changes nothing for them until %1 is unset.")
        .arg(variable, envToken, fileToken);
}
} // namespace

QList<Banner> bannersFor(const BannerFacts &facts)
{
    QList<Banner> banners;

    const bool envOverrides = facts.active.source == ActiveToken::Source::EnvHfToken ||
                              facts.active.source == ActiveToken::Source::EnvLegacy;
    if (envOverrides)
        banners.append({Banner::Id::EnvOverride, Banner::Kind::Info, envOverrideText(facts.active), {}});

    // Which token is active cannot be told while stored_tokens cannot be read.
    if (!facts.loadError) {
        if (!facts.active.fileMasked.isEmpty() && facts.active.fileName.isEmpty()) {
            const QString text =
                tr("The active token (%1, in huggingface_hub's token file) is not one stored here: making "
                   "another token active would lose it. Import it to keep it under a name.")
                    .arg(facts.active.fileMasked);
            banners.append({Banner::Id::UnknownActiveToken, Banner::Kind::Warning, text, tr("Import\u2026")});
        } else if (facts.active.fileMasked.isEmpty() && !envOverrides && !facts.tokens.isEmpty()) {
            // The environment banner already says what programs use then.
            const QString text = tr("No token is active: \u201Chf\u201D and Python programs find none in "
                                    "huggingface_hub's token file and run without signing in.");
            if (facts.selectedName.isEmpty()) {
                banners.append(
                    {Banner::Id::NoActiveToken,
                     Banner::Kind::Warning,
                     text + QLatin1Char(' ') + tr("Select a token and choose Make Active (Ctrl+Return)."),
                     {}});
            } else {
                // One button text for every selection: naming the token made the button, the text's
                // wrapping and so the table above move with each click in the table.
                banners.append({Banner::Id::NoActiveToken, Banner::Kind::Warning, text,
                                tr("Make Selected Token Active")});
            }
        }
    }

    if (facts.loadError) {
        banners.append({Banner::Id::Unparseable, Banner::Kind::Error, facts.loadError.message, {}});
    }

    if (facts.mode != StorageMode::FilesOnly && facts.keychainChecking) {
        banners.append(
            {Banner::Id::CheckingKeychain, Banner::Kind::Info, tr("Checking the keychain\u2026"), {}});
    } else if (facts.mode != StorageMode::FilesOnly && facts.keychainError) {
        const QString text =
            tr("No keychain is reachable: %1 Tokens in the keychain cannot be copied or made "
               "active until it is.")
                .arg(facts.keychainError.message);
        banners.append({Banner::Id::NoKeychain, Banner::Kind::Error, text, tr("Check again")});
    }

    if (facts.mode != StorageMode::FilesOnly) {
        QStringList plaintext;
        for (const TokenRecord &record : facts.tokens) {
            if (record.storage == StorageLocations(StorageLocation::StoredTokens))
                plaintext << record.name;
        }
        if (!plaintext.isEmpty()) {
            const QString text = tr("Kept only in huggingface_hub's plaintext file, not in the keychain: %1.")
                                     .arg(quotedList(plaintext));
            banners.append(
                {Banner::Id::PlaintextOnly, Banner::Kind::Warning, text, tr("Move into keychain")});
        }
    }

    if (!facts.folderWarnings.isEmpty()) {
        const QString text = tr("The token files are not private: %1")
                                 .arg(withTypographicQuotes(facts.folderWarnings.join(QLatin1Char(' '))));
        banners.append({Banner::Id::FolderUnsafe, Banner::Kind::Warning, text, {}});
    }
    QStringList removedOutside;
    for (const TokenRecord &record : facts.tokens) {
        if (record.missingFromFiles && record.storage.testFlag(StorageLocation::Keychain))
            removedOutside << record.name;
    }
    if (!removedOutside.isEmpty()) {
        const QString text =
            tr("Removed from huggingface_hub's files outside this program (for example by "
               "\u201Chf auth logout\u201D), still in the keychain: %1. Python tools and \u201Chf\u201D no "
               "longer see them.")
                .arg(quotedList(removedOutside));
        banners.append({Banner::Id::RemovedOutside, Banner::Kind::Warning, text,
                        tr("Restore to huggingface_hub Files")});
    }

    if (!facts.orphanedItems.isEmpty()) {
        const QString text = tr("The keychain holds items of this token store that belong to no token "
                                "(left by an interrupted operation): %1.")
                                 .arg(quotedList(facts.orphanedItems));
        banners.append({Banner::Id::OrphanedItems, Banner::Kind::Info, text, tr("Remove Them…")});
    }
    return banners;
}

} // namespace hftm
