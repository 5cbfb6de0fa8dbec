// Renders the access window with a filled grid (the fake Hub, the repo table, every cell checked and
// the gated cell selected) to a PNG: access_screenshot <out.png> [--dark]. Run under xvfb-run; not a
// test. --dark renders with a dark Fusion palette, to judge the colours there too.
#include "support/gui/AccessFixture.h"

#include "ui/access/AccessGridModel.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QTableView>
#include <QTest>

#include <cstdio>

using namespace hftm::test;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: access_screenshot OUT.png\n");
        return 2;
    }
    if (argc > 2 && QByteArray(argv[2]) == "--dark") {
        QApplication::setStyle(QStringLiteral("Fusion"));
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::AlternateBase, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
        dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe0));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        QApplication::setPalette(dark);
    }
    AccessFixture f;
    if (!f.isValid())
        return 1;
    f.recordWhoami(QStringLiteral("laptop-read"), QStringLiteral("whoami_read_token.json"));
    f.recordWhoami(QStringLiteral("ci-write"), QStringLiteral("whoami_write_token.json"));
    f.recordWhoami(QStringLiteral("bob-finegrained"), QStringLiteral("whoami_fine_grained.json"));
    f.recordWhoami(QStringLiteral("Colab notebooks"), QStringLiteral("whoami_org_member.json"));
    hftm::AccessWindow &w = f.window();
    w.resize(1280, 760);
    w.show();
    if (!QTest::qWaitForWindowExposed(&w))
        return 1;
    w.actions().checkAll->trigger();
    if (!QTest::qWaitFor([&] { return f.allAnswered(); }, 20000))
        return 1;
    w.view()->setFocus();
    w.view()->setCurrentIndex(
        w.model()->index(f.row(RepoTable.at(3)), f.column(QStringLiteral("laptop-read"))));
    QTest::qWait(300); // let the status bar and repaint settle; this is a picture, not a test
    if (!w.grab().save(QString::fromLocal8Bit(argv[1])))
        return 1;
    std::printf("saved %s\n", argv[1]);
    return 0;
}
