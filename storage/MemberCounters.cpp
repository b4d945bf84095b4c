#include "storage/MemberCounters.h"

#include "storage/Database.h"

#include <QCoreApplication>

namespace counterpart {

Result<CounterReport> MemberCounters::verify(int exampleLimit)
{
    // member_counters_wrong groups the live purchases once and joins them to the members (schema 7): one
    // pass over each table, not a subquery per member.
    const QString sql = QStringLiteral(
        "SELECT member, visits, first_purchase_at, last_visit_at, expected_visits, expected_first,"
        " expected_last FROM member_counters_wrong ORDER BY member");
    CP_TRY_ASSIGN(auto st, m_db.prepareOnce(sql));
    CounterReport report;
    while (st.next()) {
        ++report.mismatchCount;
        if (report.examples.size() >= exampleLimit)
            continue;
        report.examples.append(CounterMismatch{st.int64(0), st.int64(1), st.optionalInt64(2),
                                               st.optionalInt64(3), st.int64(4), st.optionalInt64(5),
                                               st.optionalInt64(6)});
    }
    if (!st.ok())
        return st.error(QStringLiteral("members.verifyCounters"));
    return report;
}

Result<CounterReport> MemberCounters::repair(int exampleLimit)
{
    if (!m_db.inTransaction())
        return makeError(ErrorCode::Internal,
                         QCoreApplication::translate(
                             "MemberCounters", "Internal error: counters mended outside a transaction."),
                         QStringLiteral("MemberCounters::repair without a transaction"));
    CP_TRY_ASSIGN(auto found, verify(exampleLimit));
    if (found.mismatchCount == 0)
        return found;
    CP_TRY(m_db.execute(
        QStringLiteral("UPDATE members SET visits = w.expected_visits, first_purchase_at = w.expected_first,"
                       " last_visit_at = w.expected_last"
                       " FROM (SELECT member, expected_visits, expected_first, expected_last FROM "
                       "member_counters_wrong) AS w"
                       " WHERE members.local_id = w.member")));
    if (m_db.changes() != found.mismatchCount)
        return makeError(
            ErrorCode::Internal,
            QCoreApplication::translate("MemberCounters",
                                        "Internal error: the counters changed while being mended."),
            QStringLiteral("repair mended %1 of %2").arg(m_db.changes()).arg(found.mismatchCount));
    return found;
}

} // namespace counterpart
