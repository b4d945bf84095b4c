// Erasure at head office's request (`admin erase-member`): a member who writes to head office instead of
// asking at a till. The same as a till's member.erase (server/apply/ApplyClose.cpp): profile, phone and
// previous numbers cleared and the membership closed, in one transaction with the change every till
// pulls (docs/security.md, "Erasure"); the ledger and purchases stay, naming no one.

#include "core/Uuid.h"
#include "server/ChangeLog.h"
#include "server/Log.h"
#include "server/ServerStore.h"

namespace counterpart::server {

namespace {

// The member a text names: an id, a member code or a phone number in E.164 ("+8613912345678"), as the
// member it lives on after merges.
Result<QString> findMember(SqlConnection &c, const QString &text)
{
    const QString column = !Uuid::fromString(text).isNull()    ? QStringLiteral("id")
                           : text.startsWith(QLatin1Char('+')) ? QStringLiteral("phone")
                                                               : QStringLiteral("code");
    auto rows = c.query(QStringLiteral("SELECT id, merged_into FROM members WHERE %1 = $1 ORDER BY "
                                       "status = 'active' DESC LIMIT 1")
                            .arg(column),
                        {column == QLatin1String("id") ? text.toLower() : text});
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("No member has the %1 %2. Give the member's id, member code or phone "
                                        "number as +8613912345678.")
                             .arg(column == QLatin1String("code") ? QStringLiteral("member code") : column,
                                  text.left(40)));
    return rows->isNull(0, 1) ? rows->text(0, 0) : rows->text(0, 1);
}

} // namespace

Result<ErasedMember> ServerStore::eraseMember(const QString &member)
{
    auto lease = acquire();
    if (!lease)
        return lease.error();
    SqlConnection &c = **lease;
    ErasedMember out;
    CP_TRY(write(c, [&]() -> Status {
        CP_TRY_ASSIGN(out.id, findMember(c, member));
        CP_TRY_ASSIGN(const std::optional<MemberRecord> m, readMember(c, out.id, true));
        if (!m)
            return makeError(ErrorCode::NotFound, QStringLiteral("The member is gone."));
        out.balance = m->balance;
        out.already = m->erasedAt.has_value();
        if (out.already)
            return {};
        const qint64 now = m_clock.nowMs();
        ChangeLog log;
        auto erased =
            c.query(QStringLiteral("UPDATE members SET status = CASE WHEN status = 'merged' THEN status "
                                   "ELSE 'closed' END, phone = '', profile = '{}', field_hlc = '{}', "
                                   "previous_phones = '[]', erased_at = $2 WHERE id = $1 OR "
                                   "merged_into = $1 RETURNING id"),
                    {out.id, now});
        if (!erased)
            return erased.error();
        for (qsizetype r = 0; r < erased->size(); ++r)
            log.member(erased->text(r, 0));
        return log.commit(c);
    }));
    qCInfo(lcServer).noquote() << "head office erased a member's personal data";
    return out;
}

} // namespace counterpart::server
