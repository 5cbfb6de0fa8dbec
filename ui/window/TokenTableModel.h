#pragma once

#include "core/base/Clock.h"
#include "core/base/TokenExpiry.h"
#include "core/base/TokenRecord.h"
#include "core/notify/TokenStateView.h"

#include <QAbstractTableModel>
#include <QSet>

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
        StatusColumn, // the state the core decided (tokenStateView): icon, colour and words
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
        RoleKindRole,                // int(TokenRole) on RoleColumn, as the core parsed it
        ExpiryStateRole,             // ExpiryState on every column, as the core judged it
        StatusRole,                  // TokenStatus of the last check on every column
        StateRole,                   // int(TokenState) shown, on every column, as the core decided it
        StateWordsRole,              // QStringList a filter matches the state by (tokenStateSearchWords)
    };
    using ExpiryState = hftm::ExpiryState;

    TokenTableModel(TokenStore *store, NowFunction now, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    // The Name cell is edited in place (rename); what is typed goes to nameEdited, never into a row:
    // the rows show the store, which changes once the rename is written.
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    int rowOf(const QString &name) const; // -1 when absent
    // A column's name in saved window layouts ("name", "status"…): stable across versions and languages;
    // empty for none. columnOfKey is its inverse, -1 for a key no column has (any more).
    static QString columnKey(int column);
    static int columnOfKey(const QString &key);
    // The core's judgement of a record's expiry at the model's "now" and the store's warning window.
    ExpiryState expiryState(const TokenRecord &record) const;
    // The core's decision of what a record's state is to show, with "checking" for the names a run
    // is checking now.
    TokenStateView stateView(const TokenRecord &record) const;

signals:
    void nameEdited(const QString &from, const QString &to); // typed into the Name cell's editor

public slots:
    void refresh();   // takes every row from the store again: a model reset (TokenStore::tokensReset)
    void timeMoved(); // "3 min ago" / "in 5 days" texts are due for a repaint
    // The names a check run is checking now (replacing any before); an empty list ends "checking".
    void setChecking(const QStringList &names);
    void checkAnswered(const QString &name); // one of them has its answer: no longer "checking"

private:
    struct Row {
        TokenRecord record;
        QString endpoint;
    };
    void onTokenChanged(const QString &name);
    // TokenStore::changed: rows whose record differs get dataChanged; only a different set or order of
    // tokens resets. A store that already said tokenChanged / tokensReset leaves nothing to do here.
    void syncRows();
    Row rowFor(const TokenRecord &record) const;
    QVariant display(const Row &row, int column) const;
    QVariant sortKey(const Row &row, int column) const;
    QVariant toolTip(const Row &row, int column) const;
    QVariant foreground(const Row &row, int column) const;
    QVariant statusData(const Row &row, int role) const;
    void rowChanged(const QString &name);

    TokenStore *m_store;
    NowFunction m_now;
    QList<Row> m_rows;
    int m_warningDays = 0; // as of the last sync: a change recolours the expiry column
    QSet<QString> m_checking;
};

QString storageText(StorageLocations storage);

} // namespace hftm
