// hftm_resources: the icons are in the executable without Q_INIT_RESOURCE, even when reached
// through a static library, and the SVGs render (Qt's SVG icon engine plugin is installed).
#include <QFile>
#include <QGuiApplication>
#include <QIcon>
#include <QImage>
#include <QPixmap>
#include <QTest>

class TestResources : public QObject {
    Q_OBJECT

private slots:
    void appIcon()
    {
        QVERIFY(QFile::exists(QStringLiteral(":/icons/hf-token-manager.svg")));
        const QIcon icon(QStringLiteral(":/icons/hf-token-manager.svg"));
        QVERIFY(!icon.isNull());
        for (const int size : {16, 32, 256}) {
            const QImage image = icon.pixmap(size, size).toImage();
            QCOMPARE(image.width(), size);
            // Drawn, not blank: the centre of the tile is opaque.
            QVERIFY2(qAlpha(image.pixel(size / 2, size / 2)) > 200, qPrintable(QString::number(size)));
        }
    }

    void trayIcons_data()
    {
        QTest::addColumn<QString>("path");
        for (const char *state : {"valid", "expiring", "invalid", "unchecked", "env-override"})
            for (const char *panel : {"light", "dark"}) {
                const QString path =
                    QStringLiteral(":/icons/tray/%1-%2.svg").arg(QLatin1String(state), QLatin1String(panel));
                QTest::newRow(qPrintable(path)) << path;
            }
    }

    void trayIcons()
    {
        QFETCH(QString, path);
        QVERIFY(QFile::exists(path));
        const QIcon icon(path);
        const QImage image = icon.pixmap(22, 22).toImage();
        QCOMPARE(image.width(), 22);
        // The state badge sits in the lower right corner.
        QVERIFY(qAlpha(image.pixel(18, 18)) > 200);
    }
};

QTEST_MAIN(TestResources)
#include "tst_resources.moc"
