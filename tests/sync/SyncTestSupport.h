#pragma once

// Helpers for the sync tests: the JSON the server sends (changes, snapshot pages, push answers), an
// enrolled till without a server, and reads of the outbox.

#include "core/MemberCode.h"
#include "core/Uuid.h"
#include "storage/SyncStore.h"
#include "sync/client/Applier.h"
#include "sync/protocol/Hlc.h"
#include "sync/protocol/Wire.h"
#include "tests/support/TillFixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

namespace counterpart::test {

inline QString newId()
{
    static SystemClock clock;
    return Uuid::createV7(clock).toString();
}

inline QString code(int terminal, int sequence)
{
    return MemberCode::make(terminal, sequence)->digits();
}

inline QString hlcAt(qint64 ms,
                     const QString &terminal = QStringLiteral("0193aaaa-0000-7000-8000-000000000001"),
                     int counter = 0)
{
    return sync::Hlc(ms, counter, terminal).toString();
}

// A `member` change payload.
inline QJsonObject memberJson(const QString &id, const QString &code, const QString &phone,
                              const QString &name, qint64 createdAt, const QJsonObject &fieldHlc = {},
                              const QString &status = QStringLiteral("active"),
                              const QString &mergedInto = {})
{
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("code"), code},
                  {QStringLiteral("phone"), phone},
                  {QStringLiteral("status"), status},
                  {QStringLiteral("tier"), QStringLiteral("member")},
                  {QStringLiteral("tierSince"), createdAt},
                  {QStringLiteral("channel"), QStringLiteral("till")},
                  {QStringLiteral("store"), QStringLiteral("S001")},
                  {QStringLiteral("createdAt"), createdAt},
                  {QStringLiteral("balance"), 0},
                  {QStringLiteral("name"), name},
                  {QStringLiteral("fieldHlc"), fieldHlc}};
    if (!mergedInto.isEmpty())
        o.insert(QStringLiteral("mergedInto"), mergedInto);
    return o;
}

// An `entry` change payload.
inline QJsonObject entryJson(const QString &id, const QString &member, const QString &kind, qint64 points,
                             qint64 at, const QString &purchase = {})
{
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("member"), member},
                  {QStringLiteral("kind"), kind},
                  {QStringLiteral("points"), points},
                  {QStringLiteral("at"), at},
                  {QStringLiteral("rulesVersion"), QStringLiteral("remote")},
                  {QStringLiteral("store"), QStringLiteral("S001")}};
    if (!purchase.isEmpty())
        o.insert(QStringLiteral("purchase"), purchase);
    return o;
}

inline QJsonObject purchaseJson(const QString &id, const QString &member, const QString &receipt,
                                qint64 amountMinor, qint64 at, qint64 refunded = 0, bool voided = false)
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("member"), member},
                       {QStringLiteral("store"), QStringLiteral("S001")},
                       {QStringLiteral("receipt"), receipt},
                       {QStringLiteral("amountMinor"), amountMinor},
                       {QStringLiteral("eligibleMinor"), amountMinor},
                       {QStringLiteral("currency"), QStringLiteral("CNY")},
                       {QStringLiteral("at"), at},
                       {QStringLiteral("refundedMinor"), refunded},
                       {QStringLiteral("voided"), voided}};
}

// Builds a changes page from (type, payload) pairs numbered from `firstSeq`.
class PageBuilder
{
public:
    explicit PageBuilder(qint64 firstSeq = 1)
        : m_seq(firstSeq - 1)
    {}
    PageBuilder &add(const QString &type, const QJsonObject &payload)
    {
        ++m_seq;
        m_changes.append(
            QJsonObject{{QStringLiteral("seq"), m_seq}, {QStringLiteral("type"), type}, {type, payload}});
        return *this;
    }
    PageBuilder &member(const QJsonObject &m) { return add(QStringLiteral("member"), m); }
    PageBuilder &entry(const QJsonObject &e) { return add(QStringLiteral("entry"), e); }
    PageBuilder &purchase(const QJsonObject &p) { return add(QStringLiteral("purchase"), p); }
    PageBuilder &merge(const QString &from, const QString &into)
    {
        return add(QStringLiteral("merge"),
                   QJsonObject{{QStringLiteral("from"), from}, {QStringLiteral("into"), into}});
    }
    qint64 lastSeq() const { return m_seq; }
    QByteArray json(bool more = false) const
    {
        return QJsonDocument(QJsonObject{{QStringLiteral("changes"), m_changes},
                                         {QStringLiteral("next"), m_seq},
                                         {QStringLiteral("more"), more},
                                         {QStringLiteral("serverTime"), qint64(1'790'000'000'000)}})
            .toJson(QJsonDocument::Compact);
    }
    sync::ChangesPage page(bool more = false) const
    {
        auto p = sync::ChangesPage::fromJson(json(more));
        if (!p)
            qFatal("test page does not parse: %s", qPrintable(p.error().message));
        return p.value();
    }

private:
    qint64 m_seq = 0;
    QJsonArray m_changes;
};

inline Result<sync::PageOutcome> applyPage(Till &till, const sync::ChangesPage &page, qint64 after)
{
    auto env = sync::ApplyEnv::load(till.database(), till.clock());
    if (!env)
        return env.error();
    return sync::applyChangesPage(till.database(), page, after, env.value());
}

// The server's answer "applied" to every pending operation, applied at the till.
inline Result<sync::PushOutcome> acknowledgeAll(Till &till)
{
    auto ops = SyncStore(till.database()).pendingOps(100000);
    if (!ops)
        return ops.error();
    sync::PushResponse response;
    for (const PendingOp &op : ops.value()) {
        sync::OpResult r;
        r.opId = op.id.toString();
        r.status = sync::OpStatus::Applied;
        response.results.append(r);
    }
    auto env = sync::ApplyEnv::load(till.database(), till.clock());
    if (!env)
        return env.error();
    return sync::applyPushResults(till.database(), ops.value(), response, env.value());
}

inline QJsonObject outboxPayload(Database &db, qint64 seq)
{
    const QStringList r = rows(db, QStringLiteral("SELECT payload FROM outbox WHERE seq = %1").arg(seq));
    return r.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(r.front().toUtf8()).object();
}

inline QStringList outboxHlcs(Database &db)
{
    return rows(db, QStringLiteral("SELECT json_extract(payload, '$.hlc') FROM outbox ORDER BY seq"));
}

inline qint64 cursorOf(Database &db)
{
    return scalar(db,
                  QStringLiteral("SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'sync_cursor'"));
}

} // namespace counterpart::test
