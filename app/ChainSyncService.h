#pragma once

// The till's place in the chain: enrolment with the central server, what the sync engine asks of the
// till (rules, a cycle on demand, signed requests) and what the manager sees of it (overview, flags,
// clock stamps ahead). Till's "sync" use cases.

#include "app/Till.h"

namespace counterpart {

class TillContext;

class ChainSyncService
{
    Q_DECLARE_TR_FUNCTIONS(Till)

public:
    explicit ChainSyncService(TillContext &ctx)
        : m_ctx(ctx)
    {}

    Result<EnrolmentOutcome> enrol(const EnrolmentRequest &request);
    Result<sync::EnrolRequest> enrolmentRequest(const EnrolmentRequest &request);
    Result<EnrolmentOutcome> applyEnrolment(const sync::EnrolResponse &response, const QString &serverUrl,
                                            const QString &caFile);
    Status reloadRules();

    Result<SyncOverview> syncOverview(int listLimit);
    Result<QList<StampAhead>> stampsAhead(bool repair);
    Status markSyncFlagsSeen();

    sync::CycleReport syncOnce(const std::function<void(const sync::SyncStatus &)> &onStatus);
    Result<QList<std::pair<QByteArray, QByteArray>>>
    signRequest(const QByteArray &method, const QByteArray &pathAndQuery, const QByteArray &body);

private:
    TillContext &m_ctx;
};

} // namespace counterpart
