#pragma once

#include <QGroupBox>

class QLabel;

namespace hftm {

// What each cell colour and label means, drawn with the same colours as the grid.
class AccessLegend : public QGroupBox {
    Q_OBJECT
public:
    explicit AccessLegend(QWidget *parent = nullptr);
    QStringList entries() const; // "Readable: files can be downloaded …", for tests and accessibility

protected:
    void changeEvent(QEvent *event) override;

private:
    void restyle();
    QList<QLabel *> m_swatches;
};

} // namespace hftm
