#include "sync/client/Applier.h"

#include "core/Clock.h"
#include "core/Uuid.h"
#include "storage/Database.h"
#include "storage/Schema.h"
#include "storage/SnapshotFile.h"
#include "storage/Stores.h"
#include "sync/client/ChangeMapping.h"
#include "sync/client/Log.h"
#include "sync/protocol/Hlc.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>

namespace counterpart::sync {

namespace {

// lupdate files these tr() calls under the namespace's name: the same context here, or they are never
// translated.
QString tr(const char *text)
{
    return QCoreApplication::translate("counterpart::sync", text);
}

Error unreadable(const Error &parse)
{
    return makeError(ErrorCode::InvalidInput,
                     tr("The server sent data this till cannot read (%1). Update the till or ask the "
                        "server's administrator.")
                         .arg(parse.message.left(200)),
                     parse.detail);
}

SyncApplyContext contextFor(const ApplyEnv &env, QSet<qint64> *touched)
{
    SyncApplyContext ctx;
    ctx.clock = env.clock;
    ctx.terminalId = env.terminalId;
    ctx.timeZone = env.timeZone;
    ctx.birthday = env.rules ? &env.rules->birthday : nullptr;
    ctx.touchedMembers = touched;
    return ctx;
}

// Moves this till's HLC past the newest one seen, so a till whose clock is behind still orders its next
// edits after what it has seen.
Status observeHlc(SyncStore &store, const QString &newestSeen, const ApplyEnv &env)
{
    const Hlc remote = Hlc::parse(newestSeen);
    if (remote.isNull())
        return {};
    auto state = store.hlcState();
    if (!state)
        return state.error();
    const Hlc last = Hlc::parse(state->lastHlc);
    if (!(last < remote))
        return {};
    const Hlc next = Hlc::observe(last, remote, env.clock->nowMs() + state->clockOffsetMs, env.terminalId);
    return store.setSetting(SyncKeys::LastHlc, next.toString());
}

// A pulled member's field stamps further ahead of this till's clock (corrected by the server's offset)
// than Hlc::MaxAheadMs are not trusted (docs/sync-protocol.md, "Hybrid logical clock"): the value is taken
// (it is the server's), but the stamp is held at the till's present, so it neither moves the till's clock
// nor freezes the field here. The manager is told once per stamp (flag `clock_ahead`); the page goes on.
Status screenStamps(SyncStore &store, PulledMember &m, const ApplyEnv &env)
{
    const qint64 now = env.clock->nowMs();
    const qint64 wall = now + env.clockOffsetMs;
    for (auto it = m.fieldHlc.begin(); it != m.fieldHlc.end(); ++it) {
        const Hlc stamp = Hlc::parse(it.value());
        if (stamp.isNull() || !stamp.isAheadOf(wall))
            continue;
        qCWarning(lcSync).noquote() << "a pulled member's" << it.key() << "stamp is"
                                    << (stamp.ms() - wall) / 60'000 << "minutes ahead; not adopted";
        const Uuid flag =
            Uuid::derived(QStringLiteral("clock_ahead\n%1\n%2").arg(m.id.toString(), it.value()));
        CP_TRY(store.addFlag(flag, QStringLiteral("clock_ahead"), {}, m.id, std::nullopt, now, now));
        it.value() = Hlc(wall, 0, stamp.terminal()).toString();
    }
    return {};
}

QString newestHlc(const PulledMember &m, const QString &sofar)
{
    QString newest = sofar;
    for (auto it = m.fieldHlc.constBegin(); it != m.fieldHlc.constEnd(); ++it) {
        if (Hlc::parse(it.value()).isNull())
            continue;
        if (newest.isEmpty() || Hlc::parse(newest) < Hlc::parse(it.value()))
            newest = it.value();
    }
    return newest;
}

// A rules change inside the page's transaction. Rules that do not validate, or are for another
// currency, are not installed: the till keeps its rules and the manager sees a flag.
Result<QString> applyRules(Database &db, SyncStore &store, const RulesChange &change, ApplyEnv &env)
{
    const QByteArray json = QJsonDocument(change.document).toJson(QJsonDocument::Compact);
    auto rules = LoyaltyRules::fromJson(json);
    const qint64 now = env.clock->nowMs();
    if (!rules || (!env.currency.isEmpty() && rules->currency != env.currency)) {
        qCWarning(lcSync).noquote() << "rules version" << change.version << "not installed:"
                                    << (rules ? QStringLiteral("currency differs") : rules.error().message);
        CP_TRY(store.addFlag({}, QStringLiteral("rules_refused"), {}, {}, std::nullopt, now, now));
        return QString();
    }
    CP_TRY(RulesStore(db).activate(rules->version, rules->toJson(), now));
    env.rules = rules.value();
    return rules->version;
}

} // namespace

Status ApplyEnv::auditSystem(Database &db, const QString &action, const QJsonObject &details) const
{
    AuditRow a;
    a.id = Uuid::createV7(*clock);
    a.atMs = clock->nowMs();
    a.actor = QStringLiteral("system");
    a.role = QStringLiteral("system");
    a.terminalId = terminalId;
    a.action = action;
    a.details = QJsonDocument(details).toJson(QJsonDocument::Compact);
    return AuditStore(db).append(a);
}

Result<ApplyEnv> ApplyEnv::load(Database &db, const Clock &clock)
{
    ApplyEnv env;
    env.clock = &clock;
    SettingsStore settings(db);
    auto terminal = settings.get(QStringLiteral("terminal_id"));
    auto zone = settings.get(QStringLiteral("time_zone"));
    auto currency = settings.get(QStringLiteral("currency"));
    auto offset = settings.get(SyncKeys::ClockOffsetMs);
    for (const auto *r : {&terminal, &zone, &currency, &offset}) {
        if (!r->ok())
            return r->error();
    }
    env.terminalId = terminal->value_or(QString());
    env.timeZone = zone->value_or(QStringLiteral("UTC")).toLatin1();
    env.currency = currency->value_or(QString());
    env.clockOffsetMs = offset->value_or(QStringLiteral("0")).toLongLong();
    auto active = RulesStore(db).active();
    if (!active)
        return active.error();
    if (active->has_value()) {
        auto rules = LoyaltyRules::fromJson(active->value());
        if (rules)
            env.rules = rules.value();
    }
    return env;
}

QByteArray pushBody(const QList<PendingOp> &ops, const QString &terminalId)
{
    PushRequest request;
    request.ops.reserve(ops.size());
    for (const PendingOp &op : ops) {
        // Profile updates written before every op named its member: the member is the op's entity.
        request.ops.append(PushOp::fromOutbox(QJsonDocument::fromJson(op.payload).object(), op.id.toString(),
                                              Hlc(op.createdAtMs, 0, terminalId).toString(),
                                              op.entity.isNull() ? QString() : op.entity.toString()));
    }
    return request.toJson();
}

Result<PushOutcome> applyPushResults(Database &db, const QList<PendingOp> &ops, const PushResponse &response,
                                     const ApplyEnv &env)
{
    QHash<QByteArray, const OpResult *> byId;
    for (const OpResult &r : response.results)
        byId.insert(Uuid::fromString(r.opId).bytes(), &r);
    PushOutcome out;
    QSet<qint64> touched;
    const SyncApplyContext ctx = contextFor(env, &touched);
    SyncStore store(db);
    const qint64 now = env.clock->nowMs();
    Transaction tx(db);
    CP_TRY(tx.begin());
    for (const PendingOp &op : ops) {
        const OpResult *r = byId.value(op.id.bytes(), nullptr);
        if (!r) {
            ++out.unanswered;
            continue;
        }
        // A duplicate carries what the first answer said: one with a reason was a rejection.
        const bool rejected =
            r->status == OpStatus::Rejected || (r->status == OpStatus::Duplicate && !r->reason.isEmpty());
        switch (rejected ? OpStatus::Rejected : r->status) {
        case OpStatus::Applied:
        case OpStatus::Duplicate: {
            auto marked = store.markApplied(op.id, now, ctx);
            if (!marked)
                return marked.error();
            if (r->status == OpStatus::Applied)
                ++out.applied;
            else
                ++out.duplicates;
            break;
        }
        case OpStatus::Rejected:
            CP_TRY(store.markRejected(op.id, r->reason, r->message, ctx));
            ++out.rejected;
            out.rejections << QStringLiteral("%1 %2: %3 (%4)")
                                  .arg(op.kind, op.id.toString(), r->reason, r->message.left(200));
            break;
        }
        for (const QString &flag : r->flags)
            CP_TRY(store.addFlag({}, flag, op.id, op.entity, std::nullopt, now, now));
        if (!r->mergedInto.isEmpty()) {
            // The registration became an alias at the server: merge here at once when the member it
            // lives on is already here; otherwise the pull brings that member and the merge.
            const Uuid into = Uuid::fromString(r->mergedInto);
            auto here = store.localId(into, false);
            if (!here)
                return here.error();
            if (here->has_value())
                CP_TRY(store.applyMerge(op.entity, into, ctx));
        }
    }
    CP_TRY(store.refreshSyncedBalances(touched));
    CP_TRY(tx.commit());
    return out;
}

namespace {

// Members first: a change about an entry, purchase or merge of a member in this page finds it. Returns
// the newest field stamp among them.
Result<QString> applyPageMembers(SyncStore &store, const ChangesPage &page, qint64 after,
                                 const SyncApplyContext &ctx, const ApplyEnv &env, PageOutcome &out)
{
    QString newest;
    for (const Change &c : page.changes) {
        if (c.type != ChangeType::Member || c.seq <= after)
            continue;
        auto m = toPulledMember(c.payload, QStringLiteral("changes[seq %1].member").arg(c.seq));
        if (!m)
            return unreadable(m.error());
        CP_TRY(screenStamps(store, m.value(), env));
        CP_TRY(store.applyMember(m.value(), ctx));
        newest = newestHlc(m.value(), newest);
        ++out.members;
    }
    return newest;
}

// Then purchases, so an earn entry finds the purchase it belongs to wherever the page put it.
Status applyPagePurchases(SyncStore &store, const ChangesPage &page, qint64 after,
                          const SyncApplyContext &ctx)
{
    for (const Change &c : page.changes) {
        if (c.type != ChangeType::Purchase || c.seq <= after)
            continue;
        auto p = toPulledPurchase(c.payload, QStringLiteral("changes[seq %1].purchase").arg(c.seq));
        if (!p)
            return unreadable(p.error());
        CP_TRY(store.applyPurchase(p.value(), ctx));
    }
    return {};
}

// One change of the other types (members and purchases are applied before, in their own pass).
Status applyChange(Database &db, SyncStore &store, const Change &c, const SyncApplyContext &ctx,
                   ApplyEnv &env, PageOutcome &out)
{
    const QString field = QStringLiteral("changes[seq %1]").arg(c.seq);
    switch (c.type) {
    case ChangeType::Member:
    case ChangeType::Purchase:
        return {};
    case ChangeType::Entry: {
        auto e = toPulledEntry(c.payload, field);
        if (!e)
            return unreadable(e.error());
        CP_TRY(store.applyEntry(e.value(), ctx));
        return {};
    }
    case ChangeType::Merge: {
        auto m = MergeChange::fromJsonObject(c.payload, field);
        if (!m)
            return unreadable(m.error());
        return store.applyMerge(Uuid::fromString(m->from), Uuid::fromString(m->into), ctx);
    }
    case ChangeType::Rules: {
        auto r = RulesChange::fromJsonObject(c.payload, field);
        if (!r)
            return unreadable(r.error());
        CP_TRY_ASSIGN(const QString version, applyRules(db, store, r.value(), env));
        if (!version.isEmpty())
            out.rulesVersion = version;
        return {};
    }
    case ChangeType::Flag: {
        auto f = FlagChange::fromJsonObject(c.payload, field);
        if (!f)
            return unreadable(f.error());
        return store.addFlag(Uuid::fromString(f->id), f->kind, Uuid::fromString(f->opId),
                             Uuid::fromString(f->member), f->balance, f->at, env.clock->nowMs());
    }
    }
    return {};
}

} // namespace

Result<PageOutcome> applyChangesPage(Database &db, const ChangesPage &page, qint64 after, ApplyEnv &env)
{
    if (page.next < after)
        return makeError(ErrorCode::InvalidInput,
                         tr("The server's change list went backwards; sync stops "
                            "until the server is corrected."),
                         QStringLiteral("changes: next %1 < after %2").arg(page.next).arg(after));
    PageOutcome out;
    QSet<qint64> touched;
    const SyncApplyContext ctx = contextFor(env, &touched);
    SyncStore store(db);
    Transaction tx(db);
    CP_TRY(tx.begin());
    CP_TRY_ASSIGN(const QString newest, applyPageMembers(store, page, after, ctx, env, out));
    CP_TRY(applyPagePurchases(store, page, after, ctx));
    for (const Change &c : page.changes) {
        if (c.seq <= after)
            continue; // already applied (a page asked again after a lost answer)
        ++out.changes;
        CP_TRY(applyChange(db, store, c, ctx, env, out));
    }
    CP_TRY(observeHlc(store, newest, env));
    CP_TRY(store.refreshSyncedBalances(touched));
    CP_TRY(store.setCursor(page.next));
    CP_TRY(tx.commit());
    out.cursor = page.next;
    return out;
}

Result<PageOutcome> applySnapshotPage(Database &db, const SnapshotPage &page,
                                      std::optional<qint64> firstCursor, ApplyEnv &env)
{
    PageOutcome out;
    QSet<qint64> touched;
    const SyncApplyContext ctx = contextFor(env, &touched);
    SyncStore store(db);
    QString newest;
    const qint64 cursor = firstCursor.value_or(page.cursor);
    Transaction tx(db);
    CP_TRY(tx.begin());
    // A new till loads the chain in bulk: the time-keyed indexes are built
    // once at the last page instead of row by row (Schema::deferBulkLoadWork). Only for a snapshot of
    // more than one page; a small chain's single page is written with everything in place.
    if (!firstCursor && page.more)
        CP_TRY(Schema::deferBulkLoadWork(db));
    if (page.rules) {
        auto version = applyRules(db, store, *page.rules, env);
        if (!version)
            return version.error();
        out.rulesVersion = version.value();
    }
    for (qsizetype i = 0; i < page.members.size(); ++i) {
        const SnapshotMember &sm = page.members.at(i);
        const QString field = QStringLiteral("members[%1]").arg(i);
        auto m = toPulledMember(sm.member, field + QStringLiteral(".member"));
        if (!m)
            return unreadable(m.error());
        CP_TRY(screenStamps(store, m.value(), env));
        newest = newestHlc(m.value(), newest);
        QList<OpeningLot> lots;
        lots.reserve(sm.lots.size());
        for (const SnapshotLot &lot : sm.lots)
            lots.append(OpeningLot{Uuid::fromString(lot.id), lot.points, lot.at, lot.expiresAt});
        QList<PulledPurchase> purchases;
        purchases.reserve(sm.purchases.size());
        for (qsizetype j = 0; j < sm.purchases.size(); ++j) {
            auto p = toPulledPurchase(sm.purchases.at(j), field + QStringLiteral(".purchases[%1]").arg(j));
            if (!p)
                return unreadable(p.error());
            purchases.append(p.value());
        }
        ++out.members;
        // A member new here (all of them, on a till that bootstraps) goes in with its lots and purchases
        // in one pass; one whose phone or code this till already holds takes the general path below.
        auto inserted = store.insertSnapshotMember(m.value(), lots, purchases, ctx);
        if (!inserted)
            return inserted.error();
        if (inserted->has_value())
            continue;
        auto applied = store.applyMember(m.value(), ctx);
        if (!applied)
            return applied.error();
        CP_TRY(store.writeOpeningFor(applied.value(), lots, ctx));
        for (const PulledPurchase &p : std::as_const(purchases))
            CP_TRY(store.applyPurchaseFor(applied.value(), p, ctx));
    }
    if (page.more) {
        CP_TRY(store.setSetting(SyncKeys::SnapshotCursor, QString::number(cursor)));
        CP_TRY(store.setSetting(SyncKeys::SnapshotAfter, page.next));
    } else {
        CP_TRY(store.setCursor(cursor));
        CP_TRY(store.removeSetting(SyncKeys::SnapshotCursor));
        CP_TRY(store.removeSetting(SyncKeys::SnapshotAfter));
        CP_TRY(Schema::restoreBulkLoadWork(db));
    }
    CP_TRY(observeHlc(store, newest, env));
    CP_TRY(store.refreshSyncedBalances(touched));
    CP_TRY(tx.commit());
    out.cursor = cursor;
    return out;
}

Result<PageOutcome> installSnapshotFile(Database &db, const QString &path, ApplyEnv &env)
{
    PageOutcome out;
    ApplyEnv after = env;
    auto copied = SnapshotFile::copyInto(db, path, [&](const SnapshotFile::Contents &c) -> Status {
        SyncStore store(db);
        if (!c.rulesDocument.isEmpty()) {
            RulesChange change;
            change.version = c.rulesVersion;
            change.document = QJsonDocument::fromJson(c.rulesDocument).object();
            auto version = applyRules(db, store, change, after);
            if (!version)
                return version.error();
            out.rulesVersion = version.value();
        }
        CP_TRY(observeHlc(store, c.lastHlc, after));
        // The file's name search may be an older server's, without pinyin: the till adds it at its next
        // start (MaintenanceService::indexPinyin).
        CP_TRY(store.removeSetting(QStringLiteral("name_tokens_version")));
        return store.setCursor(c.cursor);
    });
    if (!copied)
        return copied.error();
    env = after;
    out.members = int(copied->members);
    out.cursor = copied->cursor;
    return out;
}

} // namespace counterpart::sync
