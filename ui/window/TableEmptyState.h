#pragma once

#include <QLabel>

class QAbstractItemView;

namespace hftm {

class TokenFilterProxy;

// What an empty token table says instead of nothing: how to add the first token, or that the filter
// matches none. A label over the table's viewport that mouse clicks pass through (the context menu
// still offers Add Token); silent while the tokens are still being read.
class TableEmptyState : public QLabel {
    Q_OBJECT
public:
    TableEmptyState(QAbstractItemView *view, TokenFilterProxy *proxy);

    void setLoading(bool loading);

    static QString noTokensText();
    static QString noMatchText(const QString &filter);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refresh();
    void place();

    QAbstractItemView *m_view;
    TokenFilterProxy *m_proxy;
    bool m_loading = false;
};

} // namespace hftm
