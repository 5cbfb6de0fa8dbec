#pragma once

#include "core/base/Clock.h"
#include "core/base/TokenRecord.h"
#include "core/store/Settings.h"

#include <QAbstractTableModel>

namespace hftm {

class TokenStore;

// One row per stored token: maps each TokenRecord the store holds to display, sort and style roles.
// It decides nothing about a token; it only words and colours what the store says.
class TokenTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        ActiveColumn,
        NameColumn,
        UserColumn,
        RoleColumn,
        ExpiryColumn,
        CheckColumn,
        StorageColumn,
        EndpointColumn,
        ColumnCount
    };
    enum Role {
        NameRole = Qt::UserRole + 1, // the token's stored name, on every column
        SortRole,                    // what the proxy sorts by
        RoleKindRole,                // RoleKind on RoleColumn
        ExpiryStateRole,             // ExpiryState on every column
        StatusRole,                  // TokenStatus of the last check on every column
    };
    enum class ExpiryState { Unknown, None, Ok, Soon, Expired };
    Q_ENUM(ExpiryState)

    TokenTableModel(TokenStore *store, NowFunction now, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    int rowOf(const QString &name) const; // -1 when absent
    // The store's settings and each token's resolved endpoint as of the last refresh. The store re-reads
    // its metadata file on every settings() / endpointFor() call, so the window asks the model instead.
    const Settings &settings() const { return m_settings; }
    QString endpointOf(const QString &name) const;
    ExpiryState expiryState(const TokenRecord &record) const;

public slots:
    void refresh();   // re-reads the store (connected to TokenStore::changed)
    void timeMoved(); // "3 min ago" / "in 5 days" texts are due for a repaint

private:
    struct Row {
        TokenRecord record;
        QString endpoint;
    };
    QVariant display(const Row &row, int column) const;
    QVariant sortKey(const Row &row, int column) const;
    QVariant toolTip(const Row &row, int column) const;
    QVariant foreground(const Row &row, int column) const;

    TokenStore *m_store;
    NowFunction m_now;
    QList<Row> m_rows;
    Settings m_settings;
};

QString roleText(const QString &hubRole); // "read", "write", "fine-grained", or the Hub's word
QString storageText(StorageLocations storage);

} // namespace hftm
