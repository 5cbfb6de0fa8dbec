#include "ui/common/MessageBoxes.h"

#include <QInputDialog>
#include <QPushButton>

namespace hftm {

std::unique_ptr<QMessageBox> MessageBoxes::makeConfirmBox(QWidget *parent, const QString &title,
                                                          const QString &text, const QString &acceptText,
                                                          Confirm kind)
{
    const bool destructive = kind == Confirm::Destructive;
    auto box = std::make_unique<QMessageBox>(destructive ? QMessageBox::Warning : QMessageBox::Question,
                                             title, text, QMessageBox::Cancel, parent);
    QPushButton *accept =
        box->addButton(acceptText, destructive ? QMessageBox::DestructiveRole : QMessageBox::AcceptRole);
    accept->setObjectName(QStringLiteral("confirmButton"));
    accept->setAccessibleName(acceptText);
    // Destructive questions default to Cancel so a stray Enter never removes anything.
    box->setDefaultButton(QMessageBox::Cancel);
    box->setEscapeButton(QMessageBox::Cancel);
    return box;
}

void MessageBoxes::confirm(QWidget *parent, const QString &title, const QString &text,
                           const QString &acceptText, Confirm kind, std::function<void()> onAccept)
{
    m_asked.append(text);
    if (m_scripted) {
        m_lastConfirm = makeConfirmBox(nullptr, title, text, acceptText, kind);
        if (!m_answers.isEmpty() && m_answers.dequeue())
            onAccept();
        return;
    }
    QMessageBox *box = makeConfirmBox(parent, title, text, acceptText, kind).release();
    box->setAttribute(Qt::WA_DeleteOnClose);
    auto *accept = box->findChild<QPushButton *>(QStringLiteral("confirmButton"));
    // The box is the connection's context: if the window (its parent) goes first, nothing runs.
    QObject::connect(box, &QDialog::finished, box, [box, accept, onAccept = std::move(onAccept)] {
        if (box->clickedButton() == accept)
            onAccept();
    });
    box->open();
}

namespace {

void notify(QWidget *parent, QMessageBox::Icon icon, const QString &title, const QString &text)
{
    auto *box = new QMessageBox(icon, title, text, QMessageBox::Ok, parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace

void MessageBoxes::warning(QWidget *parent, const QString &title, const QString &text)
{
    m_asked.append(text);
    if (!m_scripted)
        notify(parent, QMessageBox::Warning, title, text);
}

void MessageBoxes::information(QWidget *parent, const QString &title, const QString &text)
{
    m_asked.append(text);
    if (!m_scripted)
        notify(parent, QMessageBox::Information, title, text);
}

void MessageBoxes::askText(QWidget *parent, const QString &title, const QString &label,
                           const QString &initial, std::function<void(const QString &text)> onText)
{
    m_asked.append(label);
    if (m_scripted) {
        if (!m_texts.isEmpty()) {
            if (const std::optional<QString> text = m_texts.dequeue())
                onText(*text);
        }
        return;
    }
    auto *dialog = new QInputDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(title);
    dialog->setLabelText(label);
    dialog->setTextValue(initial);
    QObject::connect(dialog, &QInputDialog::textValueSelected, dialog, std::move(onText));
    dialog->open();
}

} // namespace hftm
