#include "storage/StatsStore.h"

#include "storage/Database.h"

#include <QCoreApplication>
#include <QScopeGuard>

#include <vector>

namespace counterpart {

namespace {

// This till's store, as the schema 8 triggers name it.
const QString HereStore = QStringLiteral("(SELECT value FROM settings WHERE key = 'store_id')");
constexpr int MemberColumnCount = 12;

StatsMemberRow readMember(const Statement &st)
{
    StatsMemberRow r;
    r.localId = st.int64(0);
    r.id = Uuid::fromBytes(st.blob(1));
    r.code = st.text(2);
    r.phone = st.text(3);
    r.name = st.text(4);
    r.tier = st.text(5);
    r.balance = st.int64(6);
    r.createdAtMs = st.int64(7);
    r.lastVisitAtMs = st.optionalInt64(8);
    r.visits = st.int32(9);
    if (auto v = st.optionalInt64(10))
        r.birthMonth = int(*v);
    if (auto v = st.optionalInt64(11))
        r.birthDay = int(*v);
    return r;
}

Result<QList<StatsMemberRow>> readMembers(Statement &st, const char *context, bool withSpend)
{
    QList<StatsMemberRow> rows;
    while (st.next()) {
        StatsMemberRow r = readMember(st);
        if (withSpend)
            r.spendMinor = st.int64(MemberColumnCount);
        rows.append(r);
    }
    if (!st.ok())
        return st.error(QLatin1String(context));
    return rows;
}

Result<qint64> single(Statement &st, const char *context)
{
    qint64 value = 0;
    if (st.next())
        value = st.isNull(0) ? 0 : st.int64(0);
    if (!st.ok())
        return st.error(QLatin1String(context));
    return value;
}

Result<StatsSums> readSums(Statement &st, const char *context)
{
    StatsSums sums;
    while (st.next())
        sums.insert(st.text(0), StatsSum{st.int64(1), st.int64(2)});
    if (!st.ok())
        return st.error(QLatin1String(context));
    return sums;
}

// A member's net spend in [?spendSince, ?end) on live purchases (at this store when `here`), through
// purchases_member_at: a few rows a member. (Left to itself the planner takes the store's index of
// purchases by time for the store's filter, and reads a year of the store's purchases for every member.)
QString spendOf(int spendSinceParam, int endParam, bool here)
{
    return QStringLiteral(
               "(SELECT COALESCE(SUM(p.amount - p.refunded), 0) FROM purchases p INDEXED BY "
               "purchases_member_at"
               " WHERE p.member = m.local_id AND p.voided_at IS NULL AND p.at >= ?%1 AND p.at < ?%2%3)")
        .arg(spendSinceParam)
        .arg(endParam)
        .arg(here ? QStringLiteral(" AND p.store_id = ") + HereStore : QString());
}

QString memberColumnsFor(bool here)
{
    const QString visits =
        here ? QStringLiteral("v.last_visit_at AS last_visit_at, COALESCE(v.visits, 0) AS visits")
             : QStringLiteral("m.last_visit_at, m.visits");
    return QStringLiteral("m.local_id, m.id, m.code, m.phone, m.name, m.tier, m.balance, m.created_at, ") +
           visits + QStringLiteral(", m.birth_month, m.birth_day");
}

// The WHERE clause of a segment (member alias m, spend subquery as `spend` in an outer query), and the
// ORDER BY of its list. Parameters: ?1 end, ?2 spend since, ?3 champion since, ?4 champion visits,
// ?5 champion spend, ?6 loyal since, ?7 loyal visits, ?8 at-risk since, ?9 at-risk visits.
struct SegmentSql {
    QString inner; // SELECT ... FROM members m WHERE ...
    QString outerWhere;
    QString order;
    QList<int> params; // which of ?1..?9 the statement uses
};

// The segments read the members' visits: their visits anywhere (members m, through members_last_visit),
// or their visits at this store (member_visits_here v).
SegmentSql segmentSql(Segment segment, bool here)
{
    const QString from =
        // CROSS JOIN keeps this store's visits the outer loop: the range on the index, then one member
        // each (with a plain JOIN the planner may loop over the members and scan the index for each).
        here ? QStringLiteral(" AS spend FROM member_visits_here v INDEXED BY member_visits_here_last"
                              " CROSS JOIN members m ON m.local_id = v.member WHERE m.status = 'active'")
             : QStringLiteral(
                   " AS spend FROM members m INDEXED BY members_last_visit WHERE m.status = 'active'");
    const QString last = here ? QStringLiteral("v.last_visit_at") : QStringLiteral("m.last_visit_at");
    const QString visits = here ? QStringLiteral("v.visits") : QStringLiteral("m.visits");
    const QString select = QStringLiteral("SELECT ") + memberColumnsFor(here) + QStringLiteral(", ") +
                           spendOf(2, 1, here) + from;
    switch (segment) {
    case Segment::Champions:
        return {select + QStringLiteral(" AND %1 >= ?3 AND %1 < ?1 AND %2 >= ?4").arg(last, visits),
                QStringLiteral("spend >= ?5"),
                QStringLiteral("spend DESC, local_id"),
                {1, 2, 3, 4, 5}};
    case Segment::Loyal:
        // Champions are loyal too; they are listed once, as champions.
        return {select + QStringLiteral(" AND %1 >= ?6 AND %1 < ?1 AND %2 >= ?7").arg(last, visits),
                QStringLiteral("NOT (last_visit_at >= ?3 AND visits >= ?4 AND spend >= ?5)"),
                QStringLiteral("visits DESC, last_visit_at DESC, local_id"),
                {1, 2, 3, 4, 5, 6, 7}};
    case Segment::AtRisk:
        return {select + QStringLiteral(" AND %1 >= ?8 AND %1 < ?6 AND %2 >= ?9").arg(last, visits),
                QString(),
                QStringLiteral("last_visit_at DESC, local_id"),
                {1, 2, 6, 8, 9}};
    case Segment::Lost:
        return {select + QStringLiteral(" AND %1 < ?8").arg(last),
                QString(),
                QStringLiteral("last_visit_at DESC, local_id"),
                {1, 2, 8}};
    }
    return {};
}

// Binds the segment's parameters by their fixed numbers; SQLite numbers ?N parameters up to the
// highest used, so the unused ones in between are simply left NULL.
void bindSegment(Statement &st, const SegmentSql &sql, const SegmentThresholds &t)
{
    const qint64 values[] = {t.endMs,
                             t.spendSinceMs,
                             t.championSinceMs,
                             qint64(t.championMinVisits),
                             t.championMinSpendMinor,
                             t.loyalSinceMs,
                             qint64(t.loyalMinVisits),
                             t.atRiskSinceMs,
                             qint64(t.atRiskMinVisits)};
    for (int p : sql.params)
        st.bind(p, values[p - 1]);
}

} // namespace

qint64 StatsStore::floorToBucket(qint64 ms)
{
    return ms - ((ms % BucketMs) + BucketMs) % BucketMs;
}

QString StatsStore::memberColumns() const
{
    return memberColumnsFor(here());
}

QString StatsStore::memberFrom() const
{
    return here() ? QStringLiteral(" FROM members m LEFT JOIN member_visits_here v ON v.member = m.local_id")
                  : QStringLiteral(" FROM members m");
}

Result<StatsSums> StatsStore::sums(qint64 fromMs, qint64 toMs)
{
    const QString sql = QStringLiteral("SELECT metric, SUM(n), SUM(amount) FROM stats_buckets"
                                       " WHERE here = ?3 AND bucket >= ?1 AND bucket < ?2 GROUP BY metric");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, fromMs).bind(2, toMs).bind(3, int(here()));
    return readSums(st, "stats.sums");
}

Status StatsStore::forEachBucket(
    qint64 fromMs, qint64 toMs,
    const std::function<void(qint64 bucketMs, const QString &metric, const StatsSum &sum)> &visit)
{
    const QString sql = QStringLiteral("SELECT bucket, metric, n, amount FROM stats_buckets"
                                       " WHERE here = ?3 AND bucket >= ?1 AND bucket < ?2 ORDER BY bucket");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, fromMs).bind(2, toMs).bind(3, int(here()));
    while (st.next())
        visit(st.int64(0), st.text(1), StatsSum{st.int64(2), st.int64(3)});
    if (!st.ok())
        return st.error(QStringLiteral("stats.buckets"));
    return {};
}

Result<StatsSums> StatsStore::totals()
{
    CP_TRY_ASSIGN(auto st,
                  m_db.prepare(QStringLiteral("SELECT metric, n, amount FROM stats_totals WHERE here = ?1")));
    st.bind(1, int(here()));
    return readSums(st, "stats.totals");
}

Result<qint64> StatsStore::pointsSince(qint64 fromMs)
{
    // 'balance' counts every entry by the member's home store, as the 'points' total does.
    const QString sql =
        QStringLiteral("SELECT SUM(amount) FROM stats_buckets WHERE here = ?2 AND bucket >= ?1"
                       " AND metric = 'balance'");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, floorToBucket(fromMs)).bind(2, int(here()));
    return single(st, "stats.pointsSince");
}

Result<StatsStore::Visitors> StatsStore::visitors(qint64 fromMs, qint64 toMs)
{
    CP_TRY_ASSIGN(auto maxId, m_db.prepare(QStringLiteral("SELECT MAX(local_id) FROM members")));
    CP_TRY_ASSIGN(auto highest, single(maxId, "stats.maxMember"));
    // One bit per member: the distinct count without a temporary B-tree (the index gives members in time
    // order, not member order).
    std::vector<bool> seen(size_t(highest) + 1, false);
    Visitors v;

    const QString boughtSql =
        here() ? QStringLiteral("SELECT member FROM purchases INDEXED BY purchases_store_at_member"
                                " WHERE store_id = ") +
                     HereStore + QStringLiteral(" AND at >= ?1 AND at < ?2 AND voided_at IS NULL")
               : QStringLiteral("SELECT member FROM purchases INDEXED BY purchases_at_member"
                                " WHERE at >= ?1 AND at < ?2 AND voided_at IS NULL");
    CP_TRY_ASSIGN(auto bought, m_db.prepare(boughtSql));
    bought.bind(1, fromMs).bind(2, toMs);
    while (bought.next()) {
        const qint64 m = bought.int64(0);
        if (m < 0 || size_t(m) >= seen.size())
            continue;
        if (!seen[size_t(m)]) {
            seen[size_t(m)] = true;
            ++v.members;
        }
    }
    if (!bought.ok())
        return bought.error(QStringLiteral("stats.visitors"));

    // Joined anywhere: a member who joined at another store this period and came here is not returning.
    const QString joinedSql = QStringLiteral("SELECT local_id FROM members INDEXED BY members_created_at "
                                             "WHERE created_at >= ?1 AND created_at < ?2");
    CP_TRY_ASSIGN(auto joined, m_db.prepare(joinedSql));
    joined.bind(1, fromMs).bind(2, toMs);
    while (joined.next()) {
        const qint64 m = joined.int64(0);
        if (m >= 0 && size_t(m) < seen.size() && seen[size_t(m)])
            ++v.joinedInPeriod;
    }
    if (!joined.ok())
        return joined.error(QStringLiteral("stats.joined"));
    return v;
}

Result<StatsVerifyReport> StatsStore::verify(int exampleLimit)
{
    // The recomputation sorts every ledger entry: on disk, not in memory (the till keeps temp_store in
    // memory for its small sorts; at chain size this one would take a gigabyte). Changing temp_store drops
    // temporary tables, and this connection has none besides the one made below.
    CP_TRY(m_db.execute(QStringLiteral("PRAGMA temp_store = FILE")));
    auto restoreTemp = qScopeGuard([&] { (void)m_db.execute(QStringLiteral("PRAGMA temp_store = MEMORY")); });
    // One snapshot for both sides: the sync thread may commit in between otherwise.
    const bool ownTransaction = !m_db.inTransaction();
    if (ownTransaction)
        CP_TRY(m_db.execute(QStringLiteral("BEGIN")));
    auto end = qScopeGuard([&] {
        if (ownTransaction)
            (void)m_db.execute(QStringLiteral("ROLLBACK"));
    });
    CP_TRY(m_db.execute(QStringLiteral(
        "DROP TABLE IF EXISTS temp.stats_check;"
        "CREATE TEMP TABLE stats_check (here INTEGER NOT NULL, bucket INTEGER NOT NULL, metric TEXT NOT NULL,"
        " n INTEGER NOT NULL, amount INTEGER NOT NULL, PRIMARY KEY (here, bucket, metric)) WITHOUT ROWID;"
        "INSERT INTO temp.stats_check SELECT here, bucket, metric, n, amount FROM main.stats_buckets_expected"
        " WHERE n <> 0 OR amount <> 0;"
        "INSERT INTO temp.stats_check SELECT here, -1, metric, n, amount FROM main.stats_totals_expected"
        " WHERE n <> 0 OR amount <> 0;")));
    auto dropTemp =
        qScopeGuard([&] { (void)m_db.execute(QStringLiteral("DROP TABLE IF EXISTS temp.stats_check")); });

    StatsVerifyReport report;
    {
        CP_TRY_ASSIGN(auto count, m_db.prepareOnce(QStringLiteral("SELECT COUNT(*) FROM temp.stats_check")));
        CP_TRY_ASSIGN(auto rows, single(count, "stats.verifyCount"));
        report.bucketRows = rows;
    }
    // Stored rows that are wrong or should not be there, then expected rows that are missing. Totals
    // take bucket -1 in the check table.
    const QString sql = QStringLiteral(
        "SELECT 'stats_buckets', s.here, s.bucket, s.metric, s.n, s.amount, COALESCE(e.n, 0), "
        "COALESCE(e.amount, 0)"
        "  FROM main.stats_buckets s LEFT JOIN temp.stats_check e"
        "    ON e.here = s.here AND e.bucket = s.bucket AND e.metric = s.metric"
        " WHERE (s.n <> 0 OR s.amount <> 0) AND (e.n IS NOT s.n OR e.amount IS NOT s.amount)"
        " UNION ALL "
        "SELECT 'stats_totals', s.here, -1, s.metric, s.n, s.amount, COALESCE(e.n, 0), COALESCE(e.amount, 0)"
        "  FROM main.stats_totals s LEFT JOIN temp.stats_check e"
        "    ON e.here = s.here AND e.bucket = -1 AND e.metric = s.metric"
        " WHERE (s.n <> 0 OR s.amount <> 0) AND (e.n IS NOT s.n OR e.amount IS NOT s.amount)"
        " UNION ALL "
        "SELECT CASE WHEN e.bucket = -1 THEN 'stats_totals' ELSE 'stats_buckets' END, e.here, e.bucket, "
        "e.metric,"
        "       0, 0, e.n, e.amount FROM temp.stats_check e"
        " WHERE (e.bucket <> -1 AND NOT EXISTS (SELECT 1 FROM main.stats_buckets s WHERE s.here = e.here"
        "        AND s.bucket = e.bucket AND s.metric = e.metric AND (s.n <> 0 OR s.amount <> 0)))"
        "    OR (e.bucket = -1 AND NOT EXISTS (SELECT 1 FROM main.stats_totals s WHERE s.here = e.here"
        "        AND s.metric = e.metric AND (s.n <> 0 OR s.amount <> 0)))");
    CP_TRY_ASSIGN(auto st, m_db.prepareOnce(sql));
    while (st.next()) {
        ++report.mismatchCount;
        if (report.mismatches.size() < exampleLimit) {
            StatsMismatch m;
            m.table = st.text(0);
            m.here = st.int64(1) != 0;
            m.bucketMs = st.int64(2);
            m.metric = st.text(3);
            m.stored = StatsSum{st.int64(4), st.int64(5)};
            m.expected = StatsSum{st.int64(6), st.int64(7)};
            report.mismatches.append(m);
        }
    }
    if (!st.ok())
        return st.error(QStringLiteral("stats.verify"));
    CP_TRY(verifyVisitsHere(report, exampleLimit));
    return report;
}

// This store's visits per member (schema 8) against their purchases here: n = visits, amount = the last
// visit.
Status StatsStore::verifyVisitsHere(StatsVerifyReport &report, int exampleLimit)
{
    const QString sql = QStringLiteral(
        "SELECT COALESCE(s.member, e.member), COALESCE(s.visits, 0), COALESCE(s.last_visit_at, 0),"
        "       COALESCE(e.visits, 0), COALESCE(e.last_visit_at, 0)"
        "  FROM member_visits_here s FULL JOIN member_visits_here_expected e ON e.member = s.member"
        " WHERE s.visits IS NOT e.visits OR s.last_visit_at IS NOT e.last_visit_at");
    CP_TRY_ASSIGN(auto st, m_db.prepareOnce(sql));
    while (st.next()) {
        ++report.mismatchCount;
        if (report.mismatches.size() < exampleLimit)
            report.mismatches.append(StatsMismatch{
                QStringLiteral("member_visits_here"), true, st.int64(0), QStringLiteral("visits"),
                StatsSum{st.int64(1), st.int64(2)}, StatsSum{st.int64(3), st.int64(4)}});
    }
    if (!st.ok())
        return st.error(QStringLiteral("stats.verifyVisitsHere"));
    return {};
}

Status StatsStore::rebuild()
{
    return m_db.execute(QStringLiteral(
        "DELETE FROM stats_buckets;"
        "INSERT INTO stats_buckets(here, bucket, metric, n, amount) SELECT here, bucket, metric, n, amount"
        " FROM stats_buckets_expected;"
        "DELETE FROM stats_totals;"
        "INSERT INTO stats_totals(here, metric, n, amount) SELECT here, metric, n, amount FROM "
        "stats_totals_expected;"
        "DELETE FROM member_visits_here;"
        "INSERT INTO member_visits_here(member, visits, last_visit_at)"
        " SELECT member, visits, last_visit_at FROM member_visits_here_expected;"));
}

Result<QList<StatsMemberRow>> StatsStore::segmentMembers(Segment segment, const SegmentThresholds &t,
                                                         int offset, int limit)
{
    const SegmentSql sql = segmentSql(segment, here());
    const QString text = QStringLiteral("SELECT * FROM (") + sql.inner + QStringLiteral(")") +
                         (sql.outerWhere.isEmpty() ? QString() : QStringLiteral(" WHERE ") + sql.outerWhere) +
                         QStringLiteral(" ORDER BY ") + sql.order + QStringLiteral(" LIMIT ?10 OFFSET ?11");
    CP_TRY_ASSIGN(auto st, m_db.prepare(text));
    bindSegment(st, sql, t);
    st.bind(10, limit).bind(11, offset);
    return readMembers(st, "stats.segment", true);
}

Result<qint64> StatsStore::segmentCount(Segment segment, const SegmentThresholds &t)
{
    const SegmentSql sql = segmentSql(segment, here());
    const QString text = QStringLiteral("SELECT COUNT(*) FROM (") + sql.inner + QStringLiteral(")") +
                         (sql.outerWhere.isEmpty() ? QString() : QStringLiteral(" WHERE ") + sql.outerWhere);
    CP_TRY_ASSIGN(auto st, m_db.prepare(text));
    bindSegment(st, sql, t);
    return single(st, "stats.segmentCount");
}

// The store's own members: those who joined here or bought here.
static QString ofThisStore(bool here)
{
    return here ? QStringLiteral(" AND (m.store_id = ") + HereStore +
                      QStringLiteral(" OR v.member IS NOT NULL)")
                : QString();
}

Result<QList<StatsMemberRow>> StatsStore::birthdays(const QList<std::pair<int, int>> &monthDays)
{
    if (monthDays.isEmpty())
        return QList<StatsMemberRow>{};
    QStringList terms;
    for (int i = 0; i < monthDays.size(); ++i)
        terms << QStringLiteral("(m.birth_month = ?%1 AND m.birth_day = ?%2)").arg(2 * i + 1).arg(2 * i + 2);
    const QString sql = QStringLiteral("SELECT ") + memberColumns() + memberFrom() +
                        QStringLiteral(" WHERE m.status = 'active' AND m.birth_month IS NOT NULL AND (") +
                        terms.join(QStringLiteral(" OR ")) + QStringLiteral(")") + ofThisStore(here()) +
                        QStringLiteral(" ORDER BY m.local_id");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    for (int i = 0; i < monthDays.size(); ++i)
        st.bind(2 * i + 1, monthDays[i].first).bind(2 * i + 2, monthDays[i].second);
    return readMembers(st, "stats.birthdays", false);
}

// Joined in [?1, ?2) (at this store in its scope) and not back: no visit anywhere later than ?3 after
// joining.
static QString joinedNotBackWhere(bool here)
{
    return (here ? QStringLiteral(" WHERE m.store_id = ") + HereStore + QStringLiteral(" AND")
                 : QStringLiteral(" WHERE")) +
           QStringLiteral(" m.created_at >= ?1 AND m.created_at < ?2 AND m.status = 'active'"
                          " AND (m.last_visit_at IS NULL OR m.last_visit_at < m.created_at + ?3)");
}

Result<QList<StatsMemberRow>> StatsStore::joinedNotBack(qint64 fromMs, qint64 toMs, qint64 backAfterMs,
                                                        int offset, int limit)
{
    const QString sql = QStringLiteral("SELECT ") + memberColumns() + memberFrom() +
                        joinedNotBackWhere(here()) +
                        QStringLiteral(" ORDER BY m.created_at DESC, m.local_id LIMIT ?4 OFFSET ?5");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(fromMs, toMs, backAfterMs, limit, offset);
    return readMembers(st, "stats.joinedNotBack", false);
}

Result<qint64> StatsStore::joinedNotBackCount(qint64 fromMs, qint64 toMs, qint64 backAfterMs)
{
    const QString sql = QStringLiteral("SELECT COUNT(*) FROM members m") + joinedNotBackWhere(here());
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(fromMs, toMs, backAfterMs);
    return single(st, "stats.joinedNotBackCount");
}

Result<QList<std::pair<qint64, qint64>>> StatsStore::expiringCandidates(qint64 afterMs, qint64 untilMs)
{
    const QString store = here()
                              ? QStringLiteral(" AND (member IN (SELECT member FROM member_visits_here) OR"
                                               " (SELECT store_id FROM members WHERE local_id = member) = ") +
                                    HereStore + QStringLiteral(")")
                              : QString();
    const QString sql =
        QStringLiteral(
            "SELECT member, MIN(expires_at) FROM ledger INDEXED BY ledger_expiring"
            " WHERE expires_at > ?1 AND expires_at <= ?2 AND expires_at IS NOT NULL AND points > 0") +
        store + QStringLiteral(" GROUP BY member ORDER BY 2, 1");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, afterMs).bind(2, untilMs);
    QList<std::pair<qint64, qint64>> rows;
    while (st.next())
        rows.append({st.int64(0), st.int64(1)});
    if (!st.ok())
        return st.error(QStringLiteral("stats.expiring"));
    return rows;
}

Result<std::optional<StatsMemberRow>> StatsStore::member(qint64 localId)
{
    const QString sql = QStringLiteral("SELECT ") + memberColumns() + memberFrom() +
                        QStringLiteral(" WHERE m.local_id = ?1 AND m.status = 'active'");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, localId);
    CP_TRY_ASSIGN(auto rows, readMembers(st, "stats.member", false));
    if (rows.isEmpty())
        return std::optional<StatsMemberRow>();
    return std::optional<StatsMemberRow>(rows.first());
}

} // namespace counterpart
