// Validates 100 tokens through the fake Hub with 50 ms latency per request, one by one and then with
// the default bounded concurrency, and prints both wall times and their ratio. Not a pass/fail test.
#include "core/hub/HubClient.h"
#include "core/hub/TokenValidator.h"
#include "support/FakeHub.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

using namespace hftm;

namespace {
constexpr int TokenCount = 100;
constexpr int LatencyMs = 50;

// Returns the wall time in ms, or -1 if any token did not come back Valid.
qint64 run(test::FakeHub &hub, const QList<ValidationRequest> &requests, int concurrency, int *maxInFlight)
{
    HubClient client;
    TokenValidator validator(&client);
    validator.setMaxConcurrentPerHost(concurrency);
    validator.setCacheTtlSeconds(0); // measure the network path, not the cache
    hub.resetStats();
    QElapsedTimer timer;
    timer.start();
    const auto results = validator.validateAndWait(requests);
    const qint64 elapsed = timer.elapsed();
    *maxInFlight = hub.maxInFlight();
    if (results.size() != requests.size())
        return -1;
    for (const ValidationResult &result : results) {
        if (result.status != TokenStatus::Valid)
            return -1;
    }
    return elapsed;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    test::FakeHub hub;
    if (!hub.start()) {
        out << "could not start the fake Hub\n";
        return 1;
    }
    hub.setLatencyMs(LatencyMs);
    QList<ValidationRequest> requests;
    for (int i = 0; i < TokenCount; ++i) {
        const QString token = QStringLiteral("hf_BenchToken%1FAKE").arg(i, 3, 10, QLatin1Char('0'));
        hub.addToken(token, QStringLiteral("whoami_read_token.json"));
        requests.append({QString::number(i), hub.endpoint(), token});
    }

    int sequentialInFlight = 0;
    int concurrentInFlight = 0;
    const qint64 sequential = run(hub, requests, 1, &sequentialInFlight);
    const int concurrency = TokenValidator(nullptr).maxConcurrentPerHost();
    const qint64 concurrent = run(hub, requests, concurrency, &concurrentInFlight);
    if (sequential < 0 || concurrent < 0) {
        out << "some validations failed\n";
        return 1;
    }
    out << "tokens: " << TokenCount << ", added latency: " << LatencyMs << " ms, HTTP/1.1 over loopback\n";
    out << "one by one:            " << sequential << " ms (max in flight " << sequentialInFlight << ")\n";
    out << "concurrent (" << concurrency << "/host):   " << concurrent << " ms (max in flight "
        << concurrentInFlight << ")\n";
    out << "speed-up:              "
        << QString::number(double(sequential) / double(qMax<qint64>(1, concurrent)), 'f', 2) << "x (ideal "
        << concurrency << "x)\n";
    return 0;
}
