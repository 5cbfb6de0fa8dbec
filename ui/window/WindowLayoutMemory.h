#pragma once

#include <QMargins>
#include <QObject>
#include <QRect>

#include <memory>

class QSettings;
class QSplitter;
class QWidget;

namespace hftm {

class TokenTableView;

// Remembers the main window's layout between runs, in an ini file of the app's config folder: its size
// and place, the details pane's width, and the table's column widths (those the user chose), order,
// hidden columns and sort order. What no longer fits (a smaller screen, a column that is gone) is clamped
// or dropped, never applied as it was; with nothing saved, the window is sized from the screen it is on.
class WindowLayoutMemory : public QObject {
    Q_OBJECT
public:
    // path: the ini file; empty to remember nothing (the layout is still fitted to the screen).
    WindowLayoutMemory(const QString &path, QWidget *window, QSplitter *splitter, TokenTableView *table);
    ~WindowLayoutMemory() override;

    // <configHome>/window.ini, configHome being XDG_CONFIG_HOME/hf-token-manager.
    static QString pathIn(const QString &configHome);

    // Before the window is first shown: the saved layout, clamped, or the default one. Changes are
    // saved from then on, as they happen.
    void restore();

    // The client geometry of a window that asked for 'wanted' on a screen whose free area is
    // 'available', its frame adding 'frame' around it: where and as large as asked if that fits, else as
    // large as fits and moved in so that its frame is inside the free area.
    static QRect fitToScreen(const QRect &wanted, const QRect &available, const QMargins &frame);
    // A first-run window: most of the free area, up to a size beyond which more room only adds blank.
    static QRect defaultGeometry(const QRect &available, const QMargins &frame);
    // The details pane's width with nothing saved: room for its labels and values, wrapped beyond.
    int defaultDetailsWidth() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QMargins frameEstimate() const; // before the window manager framed it
    QRect availableFor(const QRect &geometry) const;
    void restoreWindow();
    void restoreSplitter();
    void restoreColumns();
    void saveWindow();
    void saveSplitter();
    void saveColumns();
    void keepOnScreen(); // once shown, with the frame the window manager really gave it

    std::unique_ptr<QSettings> m_settings;
    QWidget *m_window;
    QSplitter *m_splitter;
    TokenTableView *m_table;
    bool m_restored = false;
    bool m_checkedOnScreen = false;
};

} // namespace hftm
