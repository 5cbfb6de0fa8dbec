#pragma once

#include <QEventLoop>
#include <QHash>
#include <QObject>
#include <QString>

namespace hftm {

// For synchronous callers (the CLI): starts a batch on a checker that answers with
// resultReady(key, value) per item and finished() once, and spins a local event loop until finished(),
// collecting every answer by key. TokenValidator and RepoAccessChecker share this shape.
template <class Checker, class Value, class Start>
QHash<QString, Value>
collectResults(Checker *checker, void (Checker::*resultReady)(const QString &, const Value &), Start start)
{
    QHash<QString, Value> results;
    QEventLoop loop;
    const auto onResult =
        QObject::connect(checker, resultReady, checker,
                         [&results](const QString &key, const Value &value) { results.insert(key, value); });
    const auto onFinished = QObject::connect(checker, &Checker::finished, &loop, &QEventLoop::quit);
    start();
    loop.exec();
    QObject::disconnect(onResult);
    QObject::disconnect(onFinished);
    return results;
}

} // namespace hftm
