#pragma once

#include <QList>
#include <QObject>

class QAction;
class QWidget;

namespace hftm {

// Gives a few widgets one minimum width, the widest one's: a toolbar button that takes another's place
// ("Stop Validating" for "Validate All") then moves nothing beside it, so a click meant for the next
// button still lands on it. Kept up to date when the actions they show change text or the font changes.
class SharedWidth : public QObject {
    Q_OBJECT
public:
    SharedWidth(QList<QWidget *> widgets, const QList<QAction *> &actions, QObject *parent);

    void update();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QList<QWidget *> m_widgets;
};

} // namespace hftm
