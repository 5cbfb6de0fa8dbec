#include "support/Files.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

namespace hftm::test {

QByteArray readBytes(const QString &path, const QByteArray &ifMissing)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : ifMissing;
}

QByteArray bytesOrMissing(const QString &path)
{
    return readBytes(path, QByteArrayLiteral("<missing>"));
}

void writeBytes(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    QCOMPARE(file.write(bytes), bytes.size());
    file.close();
    QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
}

} // namespace hftm::test
