#pragma once

// The till's side of the chain's keys (docs/security.md, "Keys for a chain"): moving what this till
// sealed with its own key under the chain's key, so the member's other tills can open it.

#include "app/Till.h"

namespace counterpart {

class TillContext;

class KeyService
{
    Q_DECLARE_TR_FUNCTIONS(Till)

public:
    explicit KeyService(TillContext &ctx)
        : m_ctx(ctx)
    {}

    Result<ResealOutcome> resealWithChainKey();

private:
    Status resealBatch(const QList<MemberRow> &rows, ResealOutcome &out);
    TillContext &m_ctx;
};

} // namespace counterpart
