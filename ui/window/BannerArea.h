#pragma once

#include "ui/window/Banners.h"

#include <QWidget>

class QVBoxLayout;

namespace hftm {

// The strip of notices above the token table: shows the banners it is given, each with an icon, its text
// and an optional button, in colours taken from the current (light or dark) palette. Hidden when empty.
class BannerArea : public QWidget {
    Q_OBJECT
public:
    explicit BannerArea(QWidget *parent = nullptr);

    void setBanners(const QList<Banner> &banners);
    QList<Banner> banners() const { return m_banners; }
    bool isShowing(Banner::Id id) const;

signals:
    void actionTriggered(hftm::Banner::Id id);

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    QWidget *makeBanner(const Banner &banner);

    QVBoxLayout *m_layout;
    QList<Banner> m_banners;
};

} // namespace hftm
