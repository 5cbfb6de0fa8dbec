#pragma once

#include <QGroupBox>

namespace hftm {

// What each cell colour, mark and label means, each sample painted exactly like a grid cell.
class AccessLegend : public QGroupBox {
    Q_OBJECT
public:
    explicit AccessLegend(QWidget *parent = nullptr);
    QStringList entries() const; // "Readable: files can be downloaded …", for tests and accessibility

protected:
    void changeEvent(QEvent *event) override;

private:
    void restyle();
    QList<QWidget *> m_swatches;
};

} // namespace hftm
