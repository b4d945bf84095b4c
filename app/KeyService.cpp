#include "app/KeyService.h"

#include "app/TillContext.h"
#include "storage/Database.h"
#include "storage/KeyRing.h"
#include "storage/Stores.h"
#include "storage/SyncStore.h"
#include "sync/protocol/Hlc.h"

#include <QJsonObject>
#include <QMap>

namespace counterpart {

namespace {

constexpr int BatchSize = 200;
const QString ResealedSetting = QStringLiteral("chain_key_resealed"); // the key of the last full pass

struct SealedField {
    QByteArray MemberRow::*blob;
    const char *wireName; // the field's name in the stamps and on the wire
    const char *aad;      // what the ciphertext is bound to besides the member's id
};

constexpr SealedField SealedFields[] = {
    {&MemberRow::birthDateEnc, "birthDateEnc", "birth_date"},
    {&MemberRow::idNumberEnc, "idNumberEnc", "id_number"},
};

} // namespace

// Only a field whose last write was this till's own can be restated with its stamp: the server takes
// the new ciphertext for that same write and no later edit is overtaken (server/apply/ApplyUpdate.cpp).
// A field written before this till had stamps, or sealed by another till's own key, is left as it is.
Status KeyService::resealBatch(const QList<MemberRow> &rows, ResealOutcome &out)
{
    const KeyRing &ring = m_ctx.cipher();
    const QString terminal = m_ctx.config().terminalId;
    for (const MemberRow &row : rows) {
        CP_TRY_ASSIGN(const QJsonObject stamps, SyncStore(m_ctx.db()).fieldStamps(row.id));
        MemberRow updated = row;
        QMap<QString, sync::MemberFields> byStamp; // one op per write restated
        bool kept = false;
        for (const SealedField &f : SealedFields) {
            if (!KeyRing::isTillSealed(row.*f.blob))
                continue;
            const QString stamp = stamps.value(QLatin1String(f.wireName)).toString();
            const QByteArray aad = row.id.bytes() + f.aad;
            auto plain = ring.local().decrypt(row.*f.blob, aad);
            if (stamp.isEmpty() || sync::Hlc::parse(stamp).terminal() != terminal || !plain) {
                kept = true;
                continue;
            }
            CP_TRY_ASSIGN(updated.*f.blob, ring.encrypt(plain.value(), aad));
            const QString text = QString::fromLatin1((updated.*f.blob).toBase64());
            sync::MemberFields &fields = byStamp[stamp];
            (f.blob == &MemberRow::birthDateEnc ? fields.birthDateEnc : fields.idNumberEnc) = text;
        }
        out.kept += kept ? 1 : 0;
        if (byStamp.isEmpty())
            continue;
        CP_TRY(
            MemberStore(m_ctx.db()).setSealedFields(row.localId, updated.birthDateEnc, updated.idNumberEnc));
        for (auto it = byStamp.constBegin(); it != byStamp.constEnd(); ++it) {
            sync::ParsedOp op;
            op.kind = sync::OpKind::MemberUpdate;
            op.fields = it.value();
            CP_TRY(m_ctx.enqueue(row.id, op, it.key()));
        }
        ++out.resealed;
    }
    return {};
}

Result<ResealOutcome> KeyService::resealWithChainKey()
{
    ResealOutcome out;
    const qint64 key = m_ctx.cipher().currentChainKey();
    if (key == 0 || !m_ctx.cipher().local().isValid())
        return out;
    // Once per key: after a pass, nothing here is sealed with the till's own key any more (new values
    // take the chain's), so opening the till does not scan the members again.
    SettingsStore settings(m_ctx.db());
    CP_TRY_ASSIGN(const auto done, settings.get(ResealedSetting));
    if (done && done->toLongLong() >= key)
        return out;
    const OperatorScope asSystem(m_ctx, OperatorScope::system());
    qint64 after = 0;
    for (;;) {
        CP_TRY_ASSIGN(const QList<MemberRow> rows, MemberStore(m_ctx.db()).tillSealed(after, BatchSize));
        if (rows.isEmpty())
            break;
        after = rows.last().localId;
        const int before = out.resealed;
        Transaction tx(m_ctx.db());
        CP_TRY(tx.begin());
        CP_TRY(resealBatch(rows, out));
        if (out.resealed > before)
            CP_TRY(m_ctx.audit(QStringLiteral("keys.resealed"), std::nullopt, {}, {},
                               QJsonObject{{QStringLiteral("members"), out.resealed - before},
                                           {QStringLiteral("key"), key}}));
        CP_TRY(tx.commit());
    }
    CP_TRY(settings.set(ResealedSetting, QString::number(key)));
    return out;
}

} // namespace counterpart
