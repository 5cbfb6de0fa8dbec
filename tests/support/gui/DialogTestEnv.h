#pragma once

#include "core/hub/HubClient.h"
#include "core/hub/TokenValidator.h"
#include "support/TestWorld.h"

#include <QAbstractButton>
#include <QAccessible>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QTreeWidget>
#include <QWidget>

#include <memory>

namespace hftm::test {

// The services a dialog is given, over an empty test world (scratch HF_HOME and config folder, in-memory
// keychain); the Hub client talks to whatever endpoint the settings name (the fake Hub in net tests).
struct DialogTestEnv {
    TestWorld world{false};
    ScratchEnvironment &scratch = world.env;
    MemorySecretStore &secrets = world.secrets;
    HubClient client;
    TokenValidator validator{&client};
    std::unique_ptr<TokenStore> store = makeStore();

    // A second store over the same files, to prove something was persisted rather than cached.
    std::unique_ptr<TokenStore> makeStore()
    {
        auto made = world.makeStore();
        made->reload();
        return made;
    }

    Error setEndpoint(const QString &endpoint)
    {
        Settings settings = store->settings();
        settings.endpoint = endpoint;
        return store->saveSettings(settings);
    }
};

// Every string a person or an assistive technology can get from root and its children without
// revealing a secret field: titles, tooltips, accessible names and descriptions, label and button
// texts, tree items, and the text of line edits other than the one named secretField.
inline QStringList exposedStrings(QWidget *root, const QString &secretField = QString())
{
    QStringList out;
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *w : widgets) {
        out << w->windowTitle() << w->toolTip() << w->statusTip() << w->whatsThis() << w->accessibleName()
            << w->accessibleDescription();
        if (QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w)) {
            out << iface->text(QAccessible::Name) << iface->text(QAccessible::Description);
            if (w->objectName() != secretField)
                out << iface->text(QAccessible::Value);
        }
        if (auto *label = qobject_cast<QLabel *>(w))
            out << label->text();
        if (auto *button = qobject_cast<QAbstractButton *>(w))
            out << button->text();
        if (auto *edit = qobject_cast<QLineEdit *>(w)) {
            out << edit->placeholderText();
            if (w->objectName() != secretField)
                out << edit->text();
        }
        if (auto *tree = qobject_cast<QTreeWidget *>(w)) {
            for (QTreeWidgetItemIterator it(tree); *it; ++it) {
                for (int c = 0; c < tree->columnCount(); ++c)
                    out << (*it)->text(c) << (*it)->toolTip(c);
            }
        }
    }
    return out;
}

// Alt+letter shortcuts of visible labels and buttons that clash (a clash makes one control unreachable
// by its shortcut). Empty when every mnemonic is unique.
inline QStringList clashingMnemonics(QWidget *root)
{
    QHash<int, QString> seen;
    QStringList clashes;
    for (QWidget *w : root->findChildren<QWidget *>()) {
        if (!w->isVisibleTo(root))
            continue;
        QString text;
        if (auto *label = qobject_cast<QLabel *>(w); label && label->buddy())
            text = label->text();
        else if (auto *button = qobject_cast<QAbstractButton *>(w))
            text = button->text();
        const QKeySequence key = QKeySequence::mnemonic(text);
        if (key.isEmpty())
            continue;
        if (seen.contains(key[0].toCombined()))
            clashes << seen.value(key[0].toCombined()) + QStringLiteral(" / ") + text;
        seen.insert(key[0].toCombined(), text);
    }
    return clashes;
}

} // namespace hftm::test
