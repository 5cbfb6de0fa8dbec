#include "ui/window/SharedWidth.h"

#include <QAction>
#include <QEvent>
#include <QWidget>

#include <algorithm>

namespace hftm {

SharedWidth::SharedWidth(QList<QWidget *> widgets, const QList<QAction *> &actions, QObject *parent)
    : QObject(parent)
    , m_widgets(std::move(widgets))
{
    m_widgets.removeAll(nullptr);
    for (QWidget *widget : std::as_const(m_widgets))
        widget->installEventFilter(this);
    // The buttons have taken the action's new text by the time it says it changed.
    for (QAction *action : actions)
        connect(action, &QAction::changed, this, &SharedWidth::update);
    update();
}

void SharedWidth::update()
{
    int widest = 0;
    for (QWidget *widget : std::as_const(m_widgets))
        widest = std::max(widest, widget->sizeHint().width());
    for (QWidget *widget : std::as_const(m_widgets)) {
        if (widget->minimumWidth() != widest)
            widget->setMinimumWidth(widest);
    }
}

bool SharedWidth::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::FontChange:
    case QEvent::StyleChange:
    case QEvent::LanguageChange:
        update();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace hftm
