#pragma once

#include <QCollator>
#include <QSortFilterProxyModel>

namespace hftm {

// Sorts the token table by each column's SortRole and filters it by what the user types: every word
// must appear (case-insensitively) in the name, user, role, storage or endpoint of a row, or begin a
// word of its state ("invalid", "expir", "unreachable", and the same words translated).
class TokenFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit TokenFilterProxy(QObject *parent = nullptr);

    QString searchText() const { return m_words.join(QLatin1Char(' ')); } // the words filtered by

signals:
    void searchTextChanged();

public slots:
    void setSearchText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QStringList m_words;
    // One collator for every comparison: Qt's locale-aware sort opens one per comparison, which made
    // sorting 200 names a visible part of start-up.
    QCollator m_collator;
};

} // namespace hftm
