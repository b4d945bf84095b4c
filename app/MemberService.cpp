// Registering, finding and showing members.

#include "app/MemberService.h"

#include "app/PointsService.h"
#include "app/TillContext.h"
#include "storage/Crypto.h"
#include "storage/Database.h"
#include "storage/Stores.h"
#include "storage/TillQueries.h"

#include <QJsonObject>
#include <QRegularExpression>

namespace counterpart {

namespace {

constexpr int MaxNameLength = 60;
constexpr int MaxNoteLength = 500;
constexpr int MaxIdNumberLength = 32;

// Full-width digits and the separators people type, folded away: "１３８-0013 8000" -> "13800138000".
QString digitsOnly(const QString &text, bool *onlyDigitsAndSeparators)
{
    QString out;
    bool clean = true;
    for (QChar c : text) {
        const ushort u = c.unicode();
        if (u >= 0xFF10 && u <= 0xFF19)
            c = QChar(u - 0xFF10 + '0');
        if (c.isDigit() && c.unicode() < 128)
            out.append(c);
        else if (!(c.isSpace() || c == QLatin1Char('-') || c == QLatin1Char('.') || c == QChar(0x3000)))
            clean = false;
    }
    if (onlyDigitsAndSeparators)
        *onlyDigitsAndSeparators = clean;
    return out;
}

Status validateName(const QString &name)
{
    if (name.isEmpty())
        return makeError(ErrorCode::InvalidInput, Till::tr("Please type the member's name."));
    if (name.size() > MaxNameLength)
        return makeError(ErrorCode::InvalidInput,
                         Till::tr("That name is too long (at most %1 characters).").arg(MaxNameLength));
    for (const QChar c : name) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return makeError(ErrorCode::InvalidInput,
                             Till::tr("The name has a character that cannot be shown."));
    }
    return {};
}

} // namespace

Result<RegisterOutcome> MemberService::registerMember(const RegisterRequest &request)
{
    auto phone = PhoneNumber::parse(request.phone, m_ctx.config().region);
    if (!phone)
        return phone.error();
    const QString name = request.name.simplified();
    CP_TRY(validateName(name));
    static const QStringList genders = {QString(), QStringLiteral("female"), QStringLiteral("male"),
                                        QStringLiteral("other")};
    if (!genders.contains(request.gender))
        return makeError(ErrorCode::InvalidInput, tr("Gender is female, male, other, or left empty."));
    const QDate today = m_ctx.today();
    if (request.birthDate) {
        if (!request.birthDate->isValid() || *request.birthDate > today || request.birthDate->year() < 1900)
            return makeError(ErrorCode::InvalidInput, tr("That birthday is not a real date in the past."));
    }
    const QString idNumber = request.idNumber.trimmed();
    if (idNumber.size() > MaxIdNumberLength)
        return makeError(ErrorCode::InvalidInput, tr("That ID number is too long."));
    if (request.note.size() > MaxNoteLength)
        return makeError(ErrorCode::InvalidInput,
                         tr("The note is too long (at most %1 characters).").arg(MaxNoteLength));
    static const QStringList channels = {QStringLiteral("till"), QStringLiteral("online"),
                                         QStringLiteral("import")};
    if (!channels.contains(request.channel))
        return makeError(ErrorCode::InvalidInput, tr("Unknown registration channel."));
    if ((request.birthDate || !idNumber.isEmpty()) && !m_ctx.cipher().isValid())
        return makeError(ErrorCode::Crypto, m_ctx.cipherProblem());

    MemberStore members(m_ctx.db());
    // One phone, one active member: say who has it, so the cashier can open that card instead.
    auto existing = members.byActivePhone(phone->e164());
    if (!existing)
        return existing.error();
    if (existing->has_value()) {
        const MemberRow &owner = existing->value();
        const Tier *tier = m_ctx.rules().tier(owner.tier);
        return makeError(ErrorCode::Conflict,
                         tr("%1 is already %2's number (%3, member %4). Open that card instead.")
                             .arg(m_ctx.phoneForDisplay(phone.value()), owner.name,
                                  tier ? tier->name.text(m_ctx.config().language) : owner.tier,
                                  TillContext::toMember(owner).code.isEmpty()
                                      ? tr("no number")
                                      : TillContext::toMember(owner).code.grouped()));
    }

    Transaction tx(m_ctx.db());
    CP_TRY(tx.begin());
    auto lastSeq = members.maxCodeSequence(m_ctx.config().terminalNumber);
    if (!lastSeq)
        return lastSeq.error();
    auto code = MemberCode::make(m_ctx.config().terminalNumber, lastSeq.value() + 1);
    if (!code)
        return makeError(ErrorCode::Refused,
                         tr("This till has used up its member codes. Ask the technician to give "
                            "it a new terminal number."));

    const qint64 now = m_ctx.clock().nowMs();
    MemberRow row;
    row.id = Uuid::createV7(m_ctx.clock());
    row.code = code->digits();
    row.phone = phone->e164();
    row.name = name;
    row.gender = request.gender;
    if (request.birthDate) {
        row.birthMonth = request.birthDate->month();
        row.birthDay = request.birthDate->day();
        auto sealed = m_ctx.cipher().encrypt(request.birthDate->toString(Qt::ISODate).toLatin1(),
                                             row.id.bytes() + QByteArrayLiteral("birth_date"));
        if (!sealed)
            return sealed.error();
        row.birthDateEnc = sealed.value();
    }
    if (!idNumber.isEmpty()) {
        auto sealed =
            m_ctx.cipher().encrypt(idNumber.toUtf8(), row.id.bytes() + QByteArrayLiteral("id_number"));
        if (!sealed)
            return sealed.error();
        row.idNumberEnc = sealed.value();
    }
    row.tier = m_ctx.rules().entryTier().id;
    row.tierSinceMs = now;
    row.channel = request.channel;
    row.marketingConsent = request.marketingConsent;
    row.consentAtMs = now; // when the member said yes or no
    row.note = request.note.trimmed();
    row.storeId = m_ctx.config().storeId;
    row.terminalId = m_ctx.config().terminalId;
    row.createdAtMs = now;
    row.updatedAtMs = now;
    if (auto s = members.insert(row); !s) {
        if (s.error().code == ErrorCode::Conflict)
            return makeError(ErrorCode::Conflict,
                             tr("%1 was registered a moment ago at this till. Search for it.")
                                 .arg(m_ctx.phoneForDisplay(phone.value())));
        return s.error();
    }

    sync::ParsedOp op;
    op.kind = sync::OpKind::MemberRegister;
    op.member = row.id.toString();
    sync::MemberProfile &profile = op.profile.emplace();
    profile.id = row.id.toString();
    profile.code = row.code;
    profile.phone = row.phone;
    profile.tier = row.tier;
    profile.channel = row.channel;
    profile.createdAt = row.createdAtMs;
    profile.fields.name = row.name;
    profile.fields.gender = row.gender;
    profile.fields.marketingConsent = row.marketingConsent;
    if (row.birthMonth) {
        profile.fields.birthMonth = *row.birthMonth;
        profile.fields.birthDay = *row.birthDay;
        profile.fields.birthDateEnc = QString::fromLatin1(row.birthDateEnc.toBase64());
    }
    if (!row.idNumberEnc.isEmpty())
        profile.fields.idNumberEnc = QString::fromLatin1(row.idNumberEnc.toBase64());

    RegisterOutcome outcome;
    const int welcome = m_ctx.rules().gifts.welcomePoints;
    if (welcome > 0) {
        LedgerRow entry;
        entry.member = row.localId;
        entry.kind = ledgerKindId(LedgerKind::WelcomeGift);
        entry.points = welcome;
        entry.atMs = now;
        if (m_ctx.rules().expiry.months > 0)
            entry.expiresAtMs = m_ctx.expiresAtFor(now);
        CP_TRY(m_ctx.appendEntry(entry));
        auto granted =
            GiftStore(m_ctx.db())
                .grant(row.localId, QStringLiteral("welcome"), QStringLiteral("once"), entry.localId, now);
        if (!granted)
            return granted.error();
        op.entries.append(TillContext::wireEntry(entry));
        outcome.welcomePoints = welcome;
    }
    CP_TRY(m_ctx.enqueue(row.id, op));
    CP_TRY(m_ctx.audit(
        QStringLiteral("member.register"), row.localId, {}, {},
        QJsonObject{{QStringLiteral("channel"), row.channel}, {QStringLiteral("welcomePoints"), welcome}}));
    // Read back before the commit: after it, a failed read would report an error for a member who
    // was registered.
    auto saved = members.byLocalId(row.localId);
    if (!saved)
        return saved.error();
    CP_TRY(tx.commit());
    outcome.member = TillContext::toMember(saved->value_or(row));
    return outcome;
}

Result<LookupResult> MemberService::lookup(const QString &text)
{
    const QString input = text.trimmed();
    LookupResult result;
    if (input.isEmpty()) {
        result.explanation = tr("Type a phone number, member code or name, or scan the member's card.");
        return result;
    }
    auto single = [&](const Result<std::optional<Member>> &found,
                      const QString &notFound) -> Result<LookupResult> {
        if (!found)
            return found.error();
        if (found->has_value()) {
            result.kind = LookupResult::Kind::Member;
            result.members = {found->value()};
        } else {
            result.explanation = notFound;
        }
        return result;
    };

    // A scanned card: "CP1:..." (and later versions, which decode() explains).
    if (input.size() > 3 && input.startsWith(QLatin1String("CP"), Qt::CaseInsensitive) &&
        input[2].isDigit()) {
        auto qr = MemberQrPayload::decode(input);
        if (!qr) {
            result.explanation = qr.error().message;
            return result;
        }
        return single(findByCode(qr->code.digits()),
                      tr("No member has the code %1 in this till. If the member "
                         "joined at another store, the till may not have synced yet.")
                          .arg(qr->code.grouped()));
    }

    bool numeric = false;
    const QString digits = digitsOnly(input, &numeric);
    if (numeric && digits.size() == 4) {
        auto candidates = findByLast4(digits);
        if (!candidates)
            return candidates.error();
        result.members = candidates.value();
        result.kind = result.members.isEmpty() ? LookupResult::Kind::None : LookupResult::Kind::Candidates;
        if (result.members.isEmpty())
            result.explanation = tr("No member's phone number ends in %1.").arg(digits);
        return result;
    }
    if (numeric && digits.size() == MemberCode::Length) {
        if (auto code = MemberCode::parse(digits); code.ok()) {
            auto found = findByCode(code->digits());
            if (!found)
                return found.error();
            if (found->has_value())
                return single(found, {});
        }
    }
    if ((numeric && digits.size() >= 5) || input.startsWith(QLatin1Char('+')) ||
        input.startsWith(QChar(0xFF0B))) {
        auto phone = PhoneNumber::parse(input, m_ctx.config().region);
        if (!phone) {
            if (digits.size() == MemberCode::Length) {
                auto code = MemberCode::parse(digits);
                result.explanation =
                    code ? tr("No member has the code %1.").arg(code->grouped()) : code.error().message;
            } else {
                result.explanation = phone.error().message;
            }
            return result;
        }
        return single(findByPhone(input), tr("No member has the phone number %1. Register them?")
                                              .arg(m_ctx.phoneForDisplay(phone.value())));
    }
    if (numeric) {
        result.explanation =
            tr("Type the full phone number, its last four digits, or the 12-digit member code.");
        return result;
    }
    auto byName = findByNamePrefix(input);
    if (!byName)
        return byName.error();
    result.members = byName.value();
    result.kind = result.members.isEmpty() ? LookupResult::Kind::None : LookupResult::Kind::Candidates;
    if (result.members.isEmpty())
        result.explanation = tr("No member's name starts with \"%1\".").arg(input.left(40));
    return result;
}

Result<std::optional<Member>> MemberService::findByPhone(const QString &phoneText)
{
    auto phone = PhoneNumber::parse(phoneText, m_ctx.config().region);
    if (!phone)
        return phone.error();
    auto row = MemberStore(m_ctx.db()).byActivePhone(phone->e164());
    if (!row)
        return row.error();
    if (!row->has_value())
        return std::optional<Member>();
    return std::optional<Member>(TillContext::toMember(row->value()));
}

namespace {
Result<QList<Member>> toMembers(const Result<QList<MemberRow>> &rows)
{
    if (!rows)
        return rows.error();
    QList<Member> out;
    out.reserve(rows->size());
    for (const MemberRow &r : rows.value())
        out.append(TillContext::toMember(r));
    return out;
}
} // namespace

Result<QList<Member>> MemberService::findByLast4(const QString &digits, int limit)
{
    bool numeric = false;
    const QString d = digitsOnly(digits, &numeric);
    if (!numeric || d.size() != 4)
        return makeError(ErrorCode::InvalidInput,
                         tr("Type exactly the last four digits of the phone number."));
    return toMembers(MemberStore(m_ctx.db()).byLast4(d, limit));
}

Result<QList<Member>> MemberService::findByNamePrefix(const QString &prefix, int limit)
{
    const QString p = prefix.simplified();
    if (p.isEmpty())
        return makeError(ErrorCode::InvalidInput, tr("Type the first letters of the member's name."));
    return toMembers(MemberStore(m_ctx.db()).byNamePrefix(p, limit));
}

Result<qint64> MemberService::memberCount()
{
    return MemberStore(m_ctx.db()).count();
}

Result<std::optional<Member>> MemberService::findByCode(const QString &codeText)
{
    auto code = MemberCode::parse(codeText);
    if (!code)
        return code.error();
    auto row = MemberStore(m_ctx.db()).byCode(code->digits());
    if (!row)
        return row.error();
    if (!row->has_value())
        return std::optional<Member>();
    // A card of a member merged into another (same phone, two tills) opens the member that stayed.
    auto current = m_ctx.followMerge(row->value());
    if (!current)
        return current.error();
    if (current->status != QStringLiteral("active"))
        return std::optional<Member>();
    return std::optional<Member>(TillContext::toMember(current.value()));
}

Result<std::optional<Member>> MemberService::findByScan(const QString &payload)
{
    auto qr = MemberQrPayload::decode(payload.trimmed());
    if (!qr)
        return qr.error();
    return findByCode(qr->code.digits());
}

Result<std::optional<Member>> MemberService::findById(const Uuid &id)
{
    auto row = MemberStore(m_ctx.db()).byId(id);
    if (!row)
        return row.error();
    if (!row->has_value())
        return std::optional<Member>();
    return std::optional<Member>(TillContext::toMember(row->value()));
}

Result<Member> MemberService::resolve(const QString &reference)
{
    auto row = m_ctx.resolveRow(reference);
    if (!row)
        return row.error();
    return TillContext::toMember(row.value());
}

Result<MemberCard> MemberService::card(const Uuid &memberId)
{
    // One snapshot for the whole card (the sync thread may commit between two of its reads, e.g. a
    // balance without the entries behind it), and one read lock instead of one per query.
    ReadTransaction read(m_ctx.db());
    CP_TRY(read.begin());

    auto row = m_ctx.rowById(memberId);
    if (!row)
        return row.error();
    MemberCard card;
    card.member = TillContext::toMember(row.value());
    const qint64 now = m_ctx.clock().nowMs();
    const QDate today = m_ctx.today();

    // The spend in the rolling window and its oldest counted purchase: the window forgets that one
    // first, so "spend X more" holds until the day before it leaves.
    const qint64 windowStart = m_ctx.addMonthsLocal(now, -m_ctx.rules().tiers.windowMonths);
    auto spend = PurchaseStore(m_ctx.db()).windowSpend(row->localId, windowStart);
    if (!spend)
        return spend.error();
    card.progress = tierProgress(m_ctx.rules(), row->tier, spend->spendMinor);
    card.tierWindowEnd = today;
    if (!card.progress.nextTier.isEmpty() && card.progress.spendInWindowMinor > 0 && spend->oldestCountedAtMs)
        card.tierSpendDeadline =
            m_ctx.localDate(m_ctx.addMonthsLocal(*spend->oldestCountedAtMs, m_ctx.rules().tiers.windowMonths))
                .addDays(-1);

    QList<PointsLot> lots;
    QList<PointsDebit> debits;
    CP_TRY(TillQueries(m_ctx.db()).lotsAndDebits(row->localId, lots, debits));
    const QList<LotRemainder> remaining = remainingLots(lots, debits);
    card.expiringBy = today.addDays(m_ctx.rules().expiry.warnDays);
    card.expiringSoonPoints =
        expiringPoints(remaining, now, m_ctx.localMidnightMs(card.expiringBy.addDays(1)));
    card.expiringWorthMinor = card.expiringSoonPoints * m_ctx.rules().redemption.pointValueMinor;
    const Reward *best = nullptr;
    for (const Reward &r : m_ctx.rules().redemption.catalogue) {
        if (r.costPoints <= row->balance && row->balance >= m_ctx.rules().redemption.minimumBalance &&
            (!best || r.costPoints > best->costPoints))
            best = &r;
    }
    if (best)
        card.expiringAffordableReward = best->name.text(m_ctx.config().language);

    GiftStore gifts(m_ctx.db());
    if (row->birthMonth && row->birthDay) {
        const QString period =
            birthdayPeriod(m_ctx.rules().birthday, *row->birthMonth, *row->birthDay, today);
        card.birthdayWindow = !period.isEmpty();
        if (card.birthdayWindow && m_ctx.rules().birthday.giftPoints > 0) {
            auto granted = gifts.isGranted(row->localId, QStringLiteral("birthday"), period);
            if (!granted)
                return granted.error();
            card.birthdayGiftAvailable = !granted.value();
        }
    }
    card.memberDay = isMemberDay(m_ctx.rules(), today, &card.memberDayMultiplierPercent);
    auto welcome = gifts.isGranted(row->localId, QStringLiteral("welcome"), QStringLiteral("once"));
    auto first = gifts.isGranted(row->localId, QStringLiteral("first_purchase"), QStringLiteral("once"));
    if (!welcome)
        return welcome.error();
    if (!first)
        return first.error();
    card.welcomeGiftGranted = welcome.value();
    card.firstPurchaseGiftGranted = first.value();
    auto recent = PointsService(m_ctx).purchases(memberId, 5);
    if (!recent)
        return recent.error();
    card.recentPurchases = recent.value();
    return card;
}

Status MemberService::setNote(const Uuid &memberId, const QString &note)
{
    if (note.size() > MaxNoteLength)
        return makeError(ErrorCode::InvalidInput,
                         tr("The note is too long (at most %1 characters).").arg(MaxNoteLength));
    auto row = m_ctx.rowById(memberId);
    if (!row)
        return row.error();
    Transaction tx(m_ctx.db());
    CP_TRY(tx.begin());
    const qint64 now = m_ctx.clock().nowMs();
    CP_TRY(MemberStore(m_ctx.db()).setNote(row->localId, note.trimmed(), now));
    sync::ParsedOp op;
    op.kind = sync::OpKind::MemberUpdate;
    op.fields.emplace().note = note.trimmed();
    CP_TRY(m_ctx.enqueue(memberId, op));
    CP_TRY(m_ctx.audit(QStringLiteral("member.note"), row->localId, {}, {}, QJsonObject{}));
    return tx.commit();
}

Status MemberService::setMarketingConsent(const Uuid &memberId, bool consent)
{
    auto row = m_ctx.rowById(memberId);
    if (!row)
        return row.error();
    Transaction tx(m_ctx.db());
    CP_TRY(tx.begin());
    const qint64 now = m_ctx.clock().nowMs();
    CP_TRY(MemberStore(m_ctx.db()).setConsent(row->localId, consent, now));
    sync::ParsedOp op;
    op.kind = sync::OpKind::MemberUpdate;
    op.fields.emplace().marketingConsent = consent;
    op.fields->consentAt = now;
    CP_TRY(m_ctx.enqueue(memberId, op));
    CP_TRY(m_ctx.audit(QStringLiteral("member.consent"), row->localId, {}, {},
                       QJsonObject{{QStringLiteral("consent"), consent}}));
    return tx.commit();
}

Result<std::pair<std::optional<QDate>, QString>>
MemberService::privateDetails(const Uuid &memberId, const std::optional<ManagerApproval> &approval)
{
    QString approvedBy;
    CP_TRY(m_ctx.requireManager(approval, tr("Seeing an ID number or full birth date"), &approvedBy));
    auto row = m_ctx.rowById(memberId);
    if (!row)
        return row.error();
    std::pair<std::optional<QDate>, QString> out;
    if (row->birthDateEnc.isEmpty() && row->idNumberEnc.isEmpty())
        return out;
    if (!m_ctx.cipher().isValid())
        return makeError(ErrorCode::Crypto, m_ctx.cipherProblem());
    if (!row->birthDateEnc.isEmpty()) {
        auto plain =
            m_ctx.cipher().decrypt(row->birthDateEnc, memberId.bytes() + QByteArrayLiteral("birth_date"));
        if (!plain)
            return plain.error();
        out.first = QDate::fromString(QString::fromLatin1(plain.value()), Qt::ISODate);
    }
    if (!row->idNumberEnc.isEmpty()) {
        auto plain =
            m_ctx.cipher().decrypt(row->idNumberEnc, memberId.bytes() + QByteArrayLiteral("id_number"));
        if (!plain)
            return plain.error();
        out.second = QString::fromUtf8(plain.value());
    }
    Transaction tx(m_ctx.db());
    CP_TRY(tx.begin());
    CP_TRY(
        m_ctx.audit(QStringLiteral("member.private_details"), row->localId, {}, approvedBy, QJsonObject{}));
    CP_TRY(tx.commit());
    return out;
}

} // namespace counterpart
