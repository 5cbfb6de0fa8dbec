#pragma once

#include "core/base/TokenRecord.h"

#include <QDateTime>
#include <QDialog>
#include <QList>

class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QStandardItemModel;

namespace hftm {

// The tray's "All tokens…": a small window with a filter line over the list of every stored token (state
// icon and words, the active one marked), run from the keyboard: type to filter by name, user or state,
// arrows move, Enter picks, Esc closes. Never modal and never a nested event loop (show(), not exec()):
// the tray, the window and the store keep going while it is open.
class TokenPicker : public QDialog {
    Q_OBJECT
public:
    explicit TokenPicker(QWidget *parent = nullptr);

    // The list as the store has it now; the current row stays on the same token where it still exists.
    void setTokens(const QList<TokenRecord> &records, const QString &activeName, const QDateTime &now,
                   int warningDays);
    // Clears the filter and shows the picker in front, ready for typing.
    void present();

    QLineEdit *filterEdit() const { return m_filter; }
    QListView *listView() const { return m_list; }
    QStringList shownNames() const; // the rows the filter lets through, in order
    QString currentName() const;

Q_SIGNALS:
    void picked(const QString &name);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onFilterChanged(const QString &text);
    void pickCurrent();
    void selectRow(int row);

    QLineEdit *m_filter;
    QListView *m_list;
    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_proxy;
};

} // namespace hftm
