#pragma once

#include <QObject>
#include <QString>

class QAbstractItemView;

namespace hftm {

// Keeps the current row of a view on the same token (by name) when its model is reset or re-sorted,
// e.g. after a reload caused by another program. When that token is gone it selects the row that took
// its place, so keyboard users keep a current row.
class SelectionKeeper : public QObject {
    Q_OBJECT
public:
    SelectionKeeper(QAbstractItemView *view, int nameRole, QObject *parent = nullptr);

    QString currentName() const;
    bool select(const QString &name); // false when no row has that name

signals:
    void currentNameChanged(const QString &name); // empty when nothing is selected

private:
    void remember();
    void restore();
    void onCurrentChanged();

    QAbstractItemView *m_view;
    int m_nameRole;
    QString m_remembered;
    int m_rememberedRow = -1;
    QString m_lastEmitted;
    bool m_restoring = false;
};

} // namespace hftm
