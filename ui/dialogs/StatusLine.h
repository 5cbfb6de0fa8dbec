#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;

namespace hftm {

// One line of feedback (icon + wrapped text, or a busy bar while waiting; either centred on the text's
// first line) whose colours come from the current palette, so it reads well in light and dark themes
// and follows a theme switch at runtime.
class StatusLine : public QWidget {
    Q_OBJECT
public:
    enum class Kind { None, Busy, Info, Success, Warning, Error };

    explicit StatusLine(QWidget *parent = nullptr);

    // Shows text of the given kind; Kind::None or empty text hides the line.
    void setMessage(Kind kind, const QString &text);
    void clear() { setMessage(Kind::None, QString()); }

    Kind kind() const { return m_kind; }
    QString text() const;
    QLabel *label() const { return m_text; }

    // A colour for the kind that keeps contrast on the palette's window colour (there is no "error"
    // role in QPalette, so light and dark variants are picked from the window's lightness).
    static QColor colorFor(Kind kind, const QPalette &palette);

    QSize sizeHint() const override;

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void applyStyle();
    void alignWithFirstLine(int iconSize);

    Kind m_kind = Kind::None;
    QLabel *m_icon;
    QLabel *m_text;
    QWidget *m_busyRow; // holds the busy bar centred on the first line's height
    QProgressBar *m_busy;
};

} // namespace hftm
