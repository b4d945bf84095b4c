#pragma once

// The points one terminal may credit in one local day of its store before head office is told
// (docs/sync-protocol.md, "What the server checks of points"; `terminal-day-points` in server.ini). Each
// op is still decided by PointsCheck alone: the budget refuses nothing, it flags the op that takes the
// terminal past it (`budget_exceeded`), once a terminal and day. The running total lives in
// terminal_day_points, read once and written once a push.

#include "core/Result.h"
#include "server/Sql.h"

#include <QString>

namespace counterpart::server {

class PointsBudget
{
public:
    // `limit` 0: no budget.
    PointsBudget(SqlConnection &c, QString terminal, qint64 limit);

    // Counts `credit` points (> 0) credited on `day` ("2026-12-05", the store's local date); true when
    // they take the terminal past its budget for that day and it was not flagged that day yet.
    Result<bool> add(qint64 credit, const QString &day);
    qint64 dayTotal() const { return m_total; }
    // Writes what this push added (one statement); nothing when it added nothing.
    Status save();

private:
    SqlConnection &m_c;
    QString m_terminal;
    qint64 m_limit = 0;
    QString m_day; // the day read; empty before the first credit
    qint64 m_total = 0;
    qint64 m_added = 0;
    bool m_flagged = false;
};

} // namespace counterpart::server
