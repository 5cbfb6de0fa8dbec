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

bool MessageBoxes::confirm(QWidget *parent, const QString &title, const QString &text,
                           const QString &acceptText, Confirm kind)
{
    m_asked.append(text);
    if (m_scripted) {
        m_lastConfirm = makeConfirmBox(nullptr, title, text, acceptText, kind);
        return m_answers.isEmpty() ? false : m_answers.dequeue();
    }

    const std::unique_ptr<QMessageBox> box = makeConfirmBox(parent, title, text, acceptText, kind);
    auto *accept = box->findChild<QPushButton *>(QStringLiteral("confirmButton"));
    box->exec();
    return box->clickedButton() == accept;
}

void MessageBoxes::warning(QWidget *parent, const QString &title, const QString &text)
{
    m_asked.append(text);
    if (!m_scripted)
        QMessageBox::warning(parent, title, text);
}

void MessageBoxes::information(QWidget *parent, const QString &title, const QString &text)
{
    m_asked.append(text);
    if (!m_scripted)
        QMessageBox::information(parent, title, text);
}

std::optional<QString> MessageBoxes::askText(QWidget *parent, const QString &title, const QString &label,
                                             const QString &initial)
{
    m_asked.append(label);
    if (m_scripted)
        return m_texts.isEmpty() ? std::nullopt : m_texts.dequeue();

    bool ok = false;
    const QString text = QInputDialog::getText(parent, title, label, QLineEdit::Normal, initial, &ok);
    if (!ok)
        return std::nullopt;
    return text;
}

} // namespace hftm
