#pragma once

#include <QMessageBox>
#include <QQueue>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace hftm {

// Every question and notice the UI shows goes through here. Boxes are window-modal but never block: they
// open (QDialog::open, no nested event loop) and the answer arrives in a callback after the user chose,
// never if the window went away first. In scripted mode (tests) nothing is shown: questions take the
// queued answers (or "No") and answer at once, text prompts the queued texts (or cancel), and every text
// asked is recorded.
class MessageBoxes {
public:
    // Destructive: the accepting button does something that cannot be undone here (Remove), so the box
    // looks like a warning and the button has QMessageBox::DestructiveRole (styles and screen readers
    // tell it apart).
    enum class Confirm { Plain, Destructive };

    // A yes/no style question; acceptText names the action on the accepting button ("Remove").
    // onAccept runs once the user accepted; nothing runs when they cancel.
    void confirm(QWidget *parent, const QString &title, const QString &text, const QString &acceptText,
                 Confirm kind, std::function<void()> onAccept);
    // The box confirm() shows (not yet shown); its accepting button is named "confirmButton".
    static std::unique_ptr<QMessageBox> makeConfirmBox(QWidget *parent, const QString &title,
                                                       const QString &text, const QString &acceptText,
                                                       Confirm kind);
    void warning(QWidget *parent, const QString &title, const QString &text);
    void information(QWidget *parent, const QString &title, const QString &text);
    // A one-line text prompt; onText runs with what was typed, nothing runs when cancelled.
    void askText(QWidget *parent, const QString &title, const QString &label, const QString &initial,
                 std::function<void(const QString &text)> onText);

    // For tests.
    void setScripted(bool scripted) { m_scripted = scripted; }
    void queueAnswer(bool accept) { m_answers.enqueue(accept); }
    void queueText(std::optional<QString> text) { m_texts.enqueue(std::move(text)); }
    QStringList asked() const { return m_asked; }
    void clearAsked() { m_asked.clear(); }
    // In scripted mode, the box the last confirm() would have shown (never shown), or null.
    const QMessageBox *lastConfirmBox() const { return m_lastConfirm.get(); }

private:
    bool m_scripted = false;
    QQueue<bool> m_answers;
    QQueue<std::optional<QString>> m_texts;
    QStringList m_asked;
    std::unique_ptr<QMessageBox> m_lastConfirm; // parentless: outlives any window a test closes
};

} // namespace hftm
