#include "ui/window/TokenFilterProxy.h"

#include "ui/window/TokenTableModel.h"

#include <algorithm>

namespace hftm {

TokenFilterProxy::TokenFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(TokenTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
}

bool TokenFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    // Texts in the user's language order; numbers (dates, flags) as numbers.
    if (a.userType() == QMetaType::QString && b.userType() == QMetaType::QString)
        return m_collator.compare(a.toString(), b.toString()) < 0;
    return QSortFilterProxyModel::lessThan(left, right);
}

void TokenFilterProxy::setSearchText(const QString &text)
{
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words == m_words)
        return;
    // Qt 6.4 has no begin/endFilterChange(); invalidateFilter() is the supported way to re-filter.
    m_words = words;
    invalidateFilter();
    emit searchTextChanged();
}

bool TokenFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_words.isEmpty())
        return true;
    static constexpr int Searched[] = {TokenTableModel::NameColumn, TokenTableModel::UserColumn,
                                       TokenTableModel::RoleColumn, TokenTableModel::StorageColumn,
                                       TokenTableModel::EndpointColumn};
    QString haystack;
    for (int column : Searched) {
        haystack += sourceModel()->index(sourceRow, column, sourceParent).data(Qt::DisplayRole).toString();
        haystack += QLatin1Char('\n');
    }
    // A state matches by the start of its words ("inv" finds "invalid"), never inside one: "valid" must
    // not find the invalid tokens.
    const QStringList stateWords = sourceModel()
                                       ->index(sourceRow, TokenTableModel::StatusColumn, sourceParent)
                                       .data(TokenTableModel::StateWordsRole)
                                       .toStringList()
                                       .join(QLatin1Char(' '))
                                       .split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const auto isStateWord = [&stateWords](const QString &word) {
        return std::any_of(stateWords.begin(), stateWords.end(), [&word](const QString &stateWord) {
            return stateWord.startsWith(word, Qt::CaseInsensitive);
        });
    };
    for (const QString &word : m_words) {
        if (!haystack.contains(word, Qt::CaseInsensitive) && !isStateWord(word))
            return false;
    }
    return true;
}

} // namespace hftm
