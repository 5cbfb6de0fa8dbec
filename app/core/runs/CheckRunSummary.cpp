#include "core/runs/CheckRunSummary.h"

#include "core/notify/TokenStateView.h"
#include "core/store/TokenStore.h"

namespace hftm {

namespace {
bool isVerdict(TokenStatus status)
{
    return status == TokenStatus::Valid || status == TokenStatus::Expired || status == TokenStatus::Invalid;
}

// No translation catalogue ships yet, so English's singular is spelled out (a bare "%n" form would show
// "1 tokens"); each form stays its own translatable string, with %n for languages with more forms.
QString counted(int n, const char *one, const char *many)
{
    return n == 1 ? CheckRun::tr(one) : CheckRun::tr(many, nullptr, n);
}
} // namespace

CheckRunCounts CheckRunCounts::of(const CheckSummary &summary, const TokenStore &store, const QDateTime &now,
                                  int warningDays)
{
    CheckRunCounts counts;
    for (const QString &name : summary.names) {
        const std::optional<TokenRecord> record = store.token(name);
        if (!record)
            continue; // removed while the run went on: nothing to tell about it
        ++counts.total;
        const auto answer = summary.results.constFind(name);
        // An answer that was not written down leaves the store's older state: not checked, honestly.
        const bool answered =
            answer != summary.results.constEnd() && isVerdict(answer->status) && !(summary.recordError);
        if (!answered)
            ++counts.notChecked;
        switch (tokenStateView(*record, now, warningDays).judged) {
        case TokenState::Valid:
            ++counts.valid;
            break;
        case TokenState::Expiring:
            ++counts.expiring;
            break;
        case TokenState::Expired:
            ++counts.expired;
            break;
        case TokenState::Invalid:
            ++counts.invalid;
            break;
        case TokenState::Unchecked:
        case TokenState::Checking:
            ++counts.unchecked;
            break;
        }
    }
    return counts;
}

QString CheckRunCounts::text() const
{
    if (notChecked == 0 && valid == total)
        return counted(total, "Validated 1 token.", "Validated %n tokens.");
    QStringList parts;
    if (valid > 0)
        parts << counted(valid, "1 valid", "%n valid");
    if (expiring > 0)
        parts << counted(expiring, "1 expires soon", "%n expire soon");
    if (expired > 0)
        parts << counted(expired, "1 expired", "%n expired");
    if (invalid > 0)
        parts << counted(invalid, "1 invalid", "%n invalid");
    if (unchecked > 0)
        parts << counted(unchecked, "1 never checked", "%n never checked");
    const QString states = parts.join(CheckRun::tr(", "));
    if (notChecked == 0)
        return counted(total, "Validated 1 token: %1.", "Validated %n tokens: %1.").arg(states);
    return CheckRun::tr("%1; %2.", "token states; how many could not be checked")
        .arg(states, counted(notChecked, "1 could not be checked", "%n could not be checked"));
}

} // namespace hftm
