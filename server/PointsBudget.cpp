#include "server/PointsBudget.h"

namespace counterpart::server {

PointsBudget::PointsBudget(SqlConnection &c, QString terminal, qint64 limit)
    : m_c(c)
    , m_terminal(std::move(terminal))
    , m_limit(limit)
{}

Result<bool> PointsBudget::add(qint64 credit, const QString &day)
{
    if (m_limit <= 0 || credit <= 0)
        return false;
    if (day != m_day) {
        CP_TRY(save()); // a push that runs past midnight: the earlier day's part first
        auto rows =
            m_c.query(QStringLiteral(
                          "SELECT points, flagged FROM terminal_day_points WHERE terminal = $1 AND day = $2"),
                      {m_terminal, day});
        if (!rows)
            return rows.error();
        m_day = day;
        m_total = rows->isEmpty() ? 0 : rows->int64(0, 0);
        m_flagged = !rows->isEmpty() && rows->int64(0, 1) != 0;
    }
    m_total += credit; // each op's credit is bounded by PointsCheck, far below overflow
    m_added += credit;
    if (m_flagged || m_total <= m_limit)
        return false;
    m_flagged = true;
    return true;
}

Status PointsBudget::save()
{
    if (m_added == 0)
        return {};
    CP_TRY(m_c.exec(
        QStringLiteral("INSERT INTO terminal_day_points (terminal, day, points, flagged) VALUES ($1, "
                       "$2, $3, $4) ON CONFLICT (terminal, day) DO UPDATE SET points = "
                       "terminal_day_points.points + excluded.points, flagged = CASE WHEN "
                       "excluded.flagged = 1 THEN 1 ELSE terminal_day_points.flagged END"),
        {m_terminal, m_day, m_added, qint64(m_flagged ? 1 : 0)}));
    m_added = 0;
    return {};
}

} // namespace counterpart::server
