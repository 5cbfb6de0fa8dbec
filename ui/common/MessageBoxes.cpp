#include "ui/common/MessageBoxes.h"

#include <QInputDialog>
#include <QPushButton>

namespace hftm {

bool MessageBoxes::confirm(QWidget *parent, const QString &title, const QString &text,
                           const QString &acceptText)
{
    m_asked.append(text);
    if (m_scripted)
        return m_answers.isEmpty() ? false : m_answers.dequeue();

    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::Cancel, parent);
    QPushButton *accept = box.addButton(acceptText, QMessageBox::AcceptRole);
    accept->setAccessibleName(acceptText);
    // Destructive questions default to Cancel so a stray Enter never removes anything.
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == accept;
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
