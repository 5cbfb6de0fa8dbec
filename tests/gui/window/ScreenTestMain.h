#pragma once

// Runs a QtTest class on an offscreen screen of a given size and scale factor (the offscreen platform
// reads its screens from a JSON "configfile"), as on a user's monitor: a window sized from its screen
// meets the size the test names, not the platform's 800×600 default.
#include <QApplication>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#define HFTM_SCREEN_TEST_MAIN(TestClass, width, height, scale)                                               \
    int main(int argc, char *argv[])                                                                         \
    {                                                                                                        \
        QTemporaryDir dir;                                                                                   \
        const QString path = dir.filePath(QStringLiteral("screens.json"));                                   \
        QFile config(path);                                                                                  \
        if (!config.open(QIODevice::WriteOnly))                                                              \
            return 2;                                                                                        \
        config.write(QStringLiteral("{\"screens\": [{\"name\": \"monitor\", \"x\": 0, \"y\": 0, "            \
                                    "\"width\": %1, \"height\": %2, \"logicalDpi\": 96, "                    \
                                    "\"logicalBaseDpi\": 96, \"dpr\": 1}]}")                                 \
                         .arg(width)                                                                         \
                         .arg(height)                                                                        \
                         .toUtf8());                                                                         \
        config.close();                                                                                      \
        qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + path.toLocal8Bit());                            \
        if ((scale) != 1.0)                                                                                  \
            qputenv("QT_SCALE_FACTOR", QByteArray::number(double(scale)));                                   \
        QApplication app(argc, argv);                                                                        \
        TestClass test;                                                                                      \
        QTEST_SET_MAIN_SOURCE_PATH                                                                           \
        return QTest::qExec(&test, argc, argv);                                                              \
    }
