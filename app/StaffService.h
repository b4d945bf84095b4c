#pragma once

// Staff: adding them, and signing them in with a PIN (Till's "operators" use cases, documented there).

#include "app/Till.h"

namespace counterpart {

class TillContext;

class StaffService
{
    Q_DECLARE_TR_FUNCTIONS(Till)

public:
    explicit StaffService(TillContext &ctx)
        : m_ctx(ctx)
    {}

    static Result<PinHash> hashNewPin(const QString &pin, int iterations = 0);
    Status createOperator(const QString &id, const QString &name, Role role, const QString &pin,
                          int iterations = 0);
    Status createOperator(const QString &id, const QString &name, Role role, const PinHash &pin);
    bool hasOperators();
    // The people who may sign in at this till (managers only with `managersOnly`), by name: for a
    // picker, so nobody types an id. Ids, names and roles only.
    Result<QList<Operator>> staffToPick(bool managersOnly);

    Result<Operator> login(const QString &id, const QString &pin);
    Result<Operator> login(const ManagerApproval &approval);
    Result<PinCheck> startLogin(const QString &id);
    static QByteArray hashPin(const QString &pin, const PinCheck &check);
    Result<Operator> finishLogin(const PinCheck &check, const QByteArray &hash);

private:
    Status notManagedByHeadOffice();

    TillContext &m_ctx;
};

} // namespace counterpart
