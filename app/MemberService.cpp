// Registering, finding and showing members.

#include "app/MemberService.h"

#include "app/PointsService.h"
#include "app/TillContext.h"
#include "storage/Crypto.h"
#include "storage/Database.h"
#include "storage/KeyRing.h"
#include "storage/Stores.h"
#include "storage/TillQueries.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace counterpart {

namespace {

constexpr int MaxNameLength = 60;
constexpr int MaxNoteLength = 500;
constexpr int MaxIdNumberLength = 32;
constexpr int MaxCloseReasonLength = 200;

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

Status checkGender(const QString &gender)
{
    static const QStringList genders = {QString(), QStringLiteral("female"), QStringLiteral("male"),
                                        QStringLiteral("other")};
    if (!genders.contains(gender))
        return makeError(ErrorCode::InvalidInput, Till::tr("Gender is female, male, other, or left empty."));
    return {};
}

Status checkBirthDate(TillContext &ctx, const QDate &date)
{
    if (!date.isValid() || date > ctx.today() || date.year() < 1900)
        return makeError(ErrorCode::InvalidInput, Till::tr("That birthday is not a real date in the past."));
    return {};
}

Status checkIdNumber(const QString &idNumber)
{
    if (idNumber.trimmed().size() > MaxIdNumberLength)
        return makeError(ErrorCode::InvalidInput, Till::tr("That ID number is too long."));
    return {};
}

Status checkNote(const QString &note)
{
    if (note.size() > MaxNoteLength)
        return makeError(ErrorCode::InvalidInput,
                         Till::tr("The note is too long (at most %1 characters).").arg(MaxNoteLength));
    return {};
}

// A registration's own checks: gender, birthday, ID number, note, channel, and a key for the
// encrypted fields when it has them.
Status checkRegisterRequest(TillContext &ctx, const RegisterRequest &request)
{
    CP_TRY(checkGender(request.gender));
    if (request.birthDate)
        CP_TRY(checkBirthDate(ctx, *request.birthDate));
    CP_TRY(checkIdNumber(request.idNumber));
    CP_TRY(checkNote(request.note));
    const QString idNumber = request.idNumber.trimmed();
    static const QStringList channels = {QStringLiteral("till"), QStringLiteral("online"),
                                         QStringLiteral("import")};
    if (!channels.contains(request.channel))
        return makeError(ErrorCode::InvalidInput, Till::tr("Unknown registration channel."));
    if ((request.birthDate || !idNumber.isEmpty()) && !ctx.cipher().isValid())
        return makeError(ErrorCode::Crypto, ctx.cipherProblem());
    return {};
}

// One phone, one active member: say who has it, so the cashier can open that card instead.
Status phoneFree(TillContext &ctx, const PhoneNumber &phone)
{
    auto existing = MemberStore(ctx.db()).byActivePhone(phone.e164());
    if (!existing)
        return existing.error();
    if (existing->has_value()) {
        const MemberRow &owner = existing->value();
        const Tier *tier = ctx.rules().tier(owner.tier);
        return makeError(ErrorCode::Conflict,
                         Till::tr("%1 is already %2's number (%3, member %4). Open that card instead.")
                             .arg(ctx.phoneForDisplay(phone), owner.name,
                                  tier ? tier->name.text(ctx.config().language) : owner.tier,
                                  TillContext::toMember(owner).code.isEmpty()
                                      ? Till::tr("no number")
                                      : TillContext::toMember(owner).code.grouped()));
    }
    return {};
}

// A personal field sealed with the till's key, bound to its member and its name ("birth_date").
Result<QByteArray> seal(TillContext &ctx, const Uuid &member, const QByteArray &plain,
                        const QByteArray &field)
{
    return ctx.cipher().encrypt(plain, member.bytes() + field);
}

// The new member's row, with the birth date and ID number encrypted.
Result<MemberRow> newMemberRow(TillContext &ctx, const RegisterRequest &request, const PhoneNumber &phone,
                               const MemberCode &code, qint64 now)
{
    MemberRow row;
    row.id = Uuid::createV7(ctx.clock());
    row.code = code.digits();
    row.phone = phone.e164();
    row.name = request.name.simplified();
    row.gender = request.gender;
    if (request.birthDate) {
        row.birthMonth = request.birthDate->month();
        row.birthDay = request.birthDate->day();
        CP_TRY_ASSIGN(row.birthDateEnc, seal(ctx, row.id, request.birthDate->toString(Qt::ISODate).toLatin1(),
                                             QByteArrayLiteral("birth_date")));
    }
    if (const QString idNumber = request.idNumber.trimmed(); !idNumber.isEmpty()) {
        CP_TRY_ASSIGN(row.idNumberEnc, seal(ctx, row.id, idNumber.toUtf8(), QByteArrayLiteral("id_number")));
    }
    row.tier = ctx.rules().entryTier().id;
    row.tierSinceMs = now;
    row.channel = request.channel;
    row.marketingConsent = request.marketingConsent;
    row.consentAtMs = now; // when the member said yes or no
    row.note = request.note.trimmed();
    row.storeId = ctx.config().storeId;
    row.terminalId = ctx.config().terminalId;
    row.createdAtMs = now;
    row.updatedAtMs = now;
    return row;
}

// member.register carries the whole profile: the server makes the member from it.
sync::ParsedOp registerOp(const MemberRow &row)
{
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
    return op;
}

// The welcome gift, when the rules give one: its entry joins the registration's operation.
Status grantWelcome(TillContext &ctx, const MemberRow &row, int welcome, qint64 now, sync::ParsedOp &op)
{
    if (welcome <= 0)
        return {};
    LedgerRow entry;
    entry.member = row.localId;
    entry.kind = ledgerKindId(LedgerKind::WelcomeGift);
    entry.points = welcome;
    entry.atMs = now;
    if (ctx.rules().expiry.months > 0)
        entry.expiresAtMs = ctx.expiresAtFor(now);
    CP_TRY(ctx.appendEntry(entry));
    auto granted = GiftStore(ctx.db()).grant(row.localId, QStringLiteral("welcome"), QStringLiteral("once"),
                                             entry.localId, now);
    if (!granted)
        return granted.error();
    op.entries.append(TillContext::wireEntry(entry));
    return {};
}

LookupResult explained(const QString &why)
{
    LookupResult result;
    result.explanation = why;
    return result;
}

// One member found, or why not.
Result<LookupResult> single(const Result<std::optional<Member>> &found, const QString &notFound)
{
    if (!found)
        return found.error();
    LookupResult result;
    if (found->has_value()) {
        result.kind = LookupResult::Kind::Member;
        result.members = {found->value()};
    } else {
        result.explanation = notFound;
    }
    return result;
}

// The members a partial reference fits (the last four digits, a name prefix), or why none.
Result<LookupResult> candidates(const Result<QList<Member>> &found, const QString &none)
{
    if (!found)
        return found.error();
    LookupResult result;
    result.members = found.value();
    result.kind = result.members.isEmpty() ? LookupResult::Kind::None : LookupResult::Kind::Candidates;
    if (result.members.isEmpty())
        result.explanation = none;
    return result;
}

// A scanned card: "CP1:..." (and later versions, which decode() explains).
Result<LookupResult> lookupScan(MemberService &members, const QString &input)
{
    auto qr = MemberQrPayload::decode(input);
    if (!qr)
        return explained(qr.error().message);
    return single(members.findByCode(qr->code.digits()),
                  Till::tr("No member has the code %1 in this till. If the member "
                           "joined at another store, the till may not have synced yet.")
                      .arg(qr->code.grouped()));
}

// A full phone number, or digits that are neither a phone number nor a member's code.
Result<LookupResult> lookupPhone(MemberService &members, TillContext &ctx, const QString &input,
                                 const QString &digits)
{
    auto phone = PhoneNumber::parse(input, ctx.config().region);
    if (!phone) {
        if (digits.size() == MemberCode::Length) {
            auto code = MemberCode::parse(digits);
            return explained(code ? Till::tr("No member has the code %1.").arg(code->grouped())
                                  : code.error().message);
        }
        return explained(phone.error().message);
    }
    // Parsed once; the "not found" sentence (a second pass through libphonenumber to format the number)
    // is written only when it is shown.
    auto found = members.findByPhone(phone.value());
    if (!found || found->has_value())
        return single(found, {});
    auto before = members.findByPreviousPhone(phone.value());
    if (!before || before->has_value()) {
        auto result = single(before, {});
        if (result && before)
            result->explanation =
                Till::tr("%1 was this member's number before; it is now %2.")
                    // Masked: whoever knows an old number must not learn the new one from it.
                    .arg(ctx.phoneForDisplay(phone.value()),
                         before->value().phone.masked(ctx.config().region));
        return result;
    }
    return explained(Till::tr("No member has the phone number %1. Register them?")
                         .arg(ctx.phoneForDisplay(phone.value())));
}

} // namespace

Result<RegisterOutcome> MemberService::registerMember(const RegisterRequest &request)
{
    auto phone = PhoneNumber::parse(request.phone, m_ctx.config().region);
    if (!phone)
        return phone.error();
    CP_TRY(validateName(request.name.simplified()));
    CP_TRY(checkRegisterRequest(m_ctx, request));
    CP_TRY(phoneFree(m_ctx, phone.value()));

    MemberStore members(m_ctx.db());
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
    auto made = newMemberRow(m_ctx, request, phone.value(), code.value(), now);
    if (!made)
        return made.error();
    MemberRow row = made.value();
    if (auto s = members.insert(row); !s) {
        if (s.error().code == ErrorCode::Conflict)
            return makeError(ErrorCode::Conflict,
                             tr("%1 was registered a moment ago at this till. Search for it.")
                                 .arg(m_ctx.phoneForDisplay(phone.value())));
        return s.error();
    }

    sync::ParsedOp op = registerOp(row);
    RegisterOutcome outcome;
    const int welcome = m_ctx.rules().gifts.welcomePoints;
    CP_TRY(grantWelcome(m_ctx, row, welcome, now, op));
    outcome.welcomePoints = qMax(welcome, 0);
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
    if (input.isEmpty())
        return explained(tr("Type a phone number, member code or name, or scan the member's card."));
    if (input.size() > 3 && input.startsWith(QLatin1String("CP"), Qt::CaseInsensitive) && input[2].isDigit())
        return lookupScan(*this, input);

    bool numeric = false;
    const QString digits = digitsOnly(input, &numeric);
    if (numeric && digits.size() == 4)
        return candidates(findByLast4(digits), tr("No member's phone number ends in %1.").arg(digits));
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
        input.startsWith(QChar(0xFF0B)))
        return lookupPhone(*this, m_ctx, input, digits);
    if (numeric)
        return explained(
            tr("Type the full phone number, its last four digits, or the 12-digit member code."));
    return candidates(findByNamePrefix(input),
                      tr("No member's name starts with \"%1\".").arg(input.left(40)));
}

namespace {

Result<std::optional<Member>> toOptionalMember(const Result<std::optional<MemberRow>> &row)
{
    if (!row)
        return row.error();
    if (!row->has_value())
        return std::optional<Member>();
    return std::optional<Member>(TillContext::toMember(row->value()));
}

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

Result<std::optional<Member>> MemberService::findByPhone(const QString &phoneText)
{
    auto phone = PhoneNumber::parse(phoneText, m_ctx.config().region);
    if (!phone)
        return phone.error();
    return findByPhone(phone.value());
}

Result<std::optional<Member>> MemberService::findByPhone(const PhoneNumber &phone)
{
    return toOptionalMember(MemberStore(m_ctx.db()).byActivePhone(phone.e164()));
}

Result<std::optional<Member>> MemberService::findByPreviousPhone(const PhoneNumber &phone)
{
    return toOptionalMember(MemberStore(m_ctx.db()).byPreviousPhone(phone.e164(), m_ctx.clock().nowMs()));
}

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
    return toOptionalMember(MemberStore(m_ctx.db()).byId(id));
}

Result<Member> MemberService::resolve(const QString &reference, bool includeClosed)
{
    auto row = m_ctx.resolveRow(reference, includeClosed);
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
    CP_TRY_ASSIGN(const TierRecord record, m_ctx.tierRecord(row->localId, now));
    card.progress = tierProgress(m_ctx.rules(), row->tier, record, today);
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

namespace {

// How a change to a member's record is written down in the audit.
struct UpdateAudit {
    QString action;     // "member.note"
    QString approvedBy; // the manager who approved it, if one had to
    QJsonObject detail; // never the personal data itself
};

// A change to a member's own record at this till: the row, the outbox's member.update (the fields
// `change` fills) and the audit row, in one transaction.
template<typename Change>
Status updateMember(TillContext &ctx, const Uuid &memberId, const UpdateAudit &audit, Change change)
{
    auto row = ctx.rowById(memberId);
    if (!row)
        return row.error();
    if (row->status != QStringLiteral("active")) // closed (or merged): its record no longer changes here
        return makeError(ErrorCode::Refused, Till::tr("This membership is closed."));
    Transaction tx(ctx.db());
    CP_TRY(tx.begin());
    MemberStore members(ctx.db());
    sync::ParsedOp op;
    op.kind = sync::OpKind::MemberUpdate;
    CP_TRY(change(members, row.value(), ctx.clock().nowMs(), op.fields.emplace()));
    CP_TRY(ctx.enqueue(memberId, op));
    CP_TRY(ctx.audit(audit.action, row->localId, {}, audit.approvedBy, audit.detail));
    return tx.commit();
}

// The fields of `change` that differ from the member's record. A birthday or an ID number given is
// always a change: the till does not decrypt the old one to compare.
ProfileChange changedFields(const MemberRow &row, ProfileChange change)
{
    if (change.name && change.name->simplified() == row.name)
        change.name.reset();
    if (change.gender && *change.gender == row.gender)
        change.gender.reset();
    if (change.note && change.note->trimmed() == row.note)
        change.note.reset();
    return change;
}

Status checkProfileChange(TillContext &ctx, const ProfileChange &change)
{
    if (change.name)
        CP_TRY(validateName(change.name->simplified()));
    if (change.gender)
        CP_TRY(checkGender(*change.gender));
    if (change.birthDate && change.birthDate->has_value())
        CP_TRY(checkBirthDate(ctx, **change.birthDate));
    if (change.idNumber)
        CP_TRY(checkIdNumber(*change.idNumber));
    if (change.note)
        CP_TRY(checkNote(*change.note));
    return {};
}

// The birthday's three columns and its wire fields: month and day stay readable (birthday gifts,
// lists), the full date is sealed; an empty date removes all three.
Status applyBirthDate(TillContext &ctx, MemberRow &row, const std::optional<QDate> &date,
                      sync::MemberFields &fields)
{
    row.birthMonth.reset();
    row.birthDay.reset();
    row.birthDateEnc.clear();
    fields.clearBirthday = !date;
    if (date) {
        CP_TRY_ASSIGN(row.birthDateEnc, seal(ctx, row.id, date->toString(Qt::ISODate).toLatin1(),
                                             QByteArrayLiteral("birth_date")));
        row.birthMonth = date->month();
        row.birthDay = date->day();
        fields.birthMonth = date->month();
        fields.birthDay = date->day();
    }
    fields.birthDateEnc = QString::fromLatin1(row.birthDateEnc.toBase64());
    return {};
}

// `row` with the change applied, and the same change as member.update's fields.
Status applyProfile(TillContext &ctx, MemberRow &row, const ProfileChange &change, sync::MemberFields &fields)
{
    if (change.name)
        fields.name = row.name = change.name->simplified();
    if (change.gender)
        fields.gender = row.gender = *change.gender;
    if (change.note)
        fields.note = row.note = change.note->trimmed();
    if (change.birthDate)
        CP_TRY(applyBirthDate(ctx, row, *change.birthDate, fields));
    if (change.idNumber) {
        const QString idNumber = change.idNumber->trimmed();
        row.idNumberEnc.clear();
        if (!idNumber.isEmpty()) {
            CP_TRY_ASSIGN(row.idNumberEnc,
                          seal(ctx, row.id, idNumber.toUtf8(), QByteArrayLiteral("id_number")));
        }
        fields.idNumberEnc = QString::fromLatin1(row.idNumberEnc.toBase64());
    }
    return {};
}

QJsonArray changedNames(const ProfileChange &change)
{
    QJsonArray names;
    const std::pair<bool, const char *> fields[] = {{change.name.has_value(), "name"},
                                                    {change.gender.has_value(), "gender"},
                                                    {change.birthDate.has_value(), "birthday"},
                                                    {change.idNumber.has_value(), "idNumber"},
                                                    {change.note.has_value(), "note"}};
    for (const auto &[given, name] : fields)
        if (given)
            names.append(QLatin1String(name));
    return names;
}

} // namespace

Status MemberService::setNote(const Uuid &memberId, const QString &note)
{
    if (note.size() > MaxNoteLength)
        return makeError(ErrorCode::InvalidInput,
                         tr("The note is too long (at most %1 characters).").arg(MaxNoteLength));
    const QString text = note.trimmed();
    return updateMember(
        m_ctx, memberId, {QStringLiteral("member.note"), {}, {}},
        [&](MemberStore &members, const MemberRow &row, qint64 now, sync::MemberFields &fields) {
            fields.note = text;
            return members.setNote(row.localId, text, now);
        });
}

Status MemberService::setMarketingConsent(const Uuid &memberId, bool consent)
{
    return updateMember(
        m_ctx, memberId,
        {QStringLiteral("member.consent"), {}, QJsonObject{{QStringLiteral("consent"), consent}}},
        [&](MemberStore &members, const MemberRow &row, qint64 now, sync::MemberFields &fields) {
            fields.marketingConsent = consent;
            fields.consentAt = now;
            return members.setConsent(row.localId, consent, now);
        });
}

Result<Member> MemberService::updateProfile(const Uuid &memberId, const ProfileChange &change,
                                            const std::optional<ManagerApproval> &approval)
{
    CP_TRY(checkProfileChange(m_ctx, change));
    CP_TRY_ASSIGN(const MemberRow current, m_ctx.rowById(memberId));
    const ProfileChange diff = changedFields(current, change);
    if (diff.isEmpty())
        return TillContext::toMember(current);
    UpdateAudit audit{QStringLiteral("member.profile"), {}, {{QStringLiteral("fields"), changedNames(diff)}}};
    if (diff.birthDate || diff.idNumber) {
        CP_TRY(m_ctx.requireManager(approval, tr("Changing a member's birthday or ID number"),
                                    &audit.approvedBy));
        if (!m_ctx.cipher().isValid())
            return makeError(ErrorCode::Crypto, m_ctx.cipherProblem());
    }
    const auto write = [&](MemberStore &members, const MemberRow &row, qint64 now,
                           sync::MemberFields &fields) -> Status {
        MemberRow updated = row;
        CP_TRY(applyProfile(m_ctx, updated, diff, fields));
        return members.updateProfile(updated, now);
    };
    CP_TRY(updateMember(m_ctx, memberId, audit, write));
    CP_TRY_ASSIGN(const MemberRow after, m_ctx.rowById(memberId));
    return TillContext::toMember(after);
}

// A new number (docs/user-guide.md, "Changing a member's phone number"): the row, the old number kept
// findable, the member.phone that carries both to the chain and the audit row, in one transaction.
Result<Member> MemberService::changePhone(const Uuid &memberId, const QString &phoneText,
                                          const std::optional<ManagerApproval> &approval)
{
    CP_TRY_ASSIGN(const PhoneNumber phone, PhoneNumber::parse(phoneText, m_ctx.config().region));
    CP_TRY_ASSIGN(const MemberRow row, m_ctx.rowById(memberId));
    if (row.status != QStringLiteral("active"))
        return makeError(ErrorCode::Refused, tr("This membership is closed."));
    if (row.phone == phone.e164())
        return makeError(ErrorCode::InvalidInput, tr("That is already the member's number."));
    QString approvedBy;
    CP_TRY(m_ctx.requireManager(approval, tr("Changing a member's phone number"), &approvedBy));
    CP_TRY(phoneFree(m_ctx, phone));
    const qint64 now = m_ctx.clock().nowMs();
    const int days = m_ctx.rules().members.oldPhoneDays;
    std::optional<PreviousPhoneRow> previous;
    if (days > 0)
        previous = PreviousPhoneRow{row.phone, now + qint64(days) * 86'400'000};
    Transaction tx(m_ctx.db());
    CP_TRY(tx.begin());
    CP_TRY(MemberStore(m_ctx.db()).changePhone(row.localId, phone.e164(), previous, now));
    sync::ParsedOp op;
    op.kind = sync::OpKind::MemberPhone;
    op.phone = phone.e164();
    op.previousPhone = row.phone;
    CP_TRY(m_ctx.enqueue(row.id, op));
    CP_TRY(m_ctx.audit(QStringLiteral("member.phone"), row.localId, {}, approvedBy,
                       QJsonObject{{QStringLiteral("oldPhoneDays"), days}}));
    CP_TRY(tx.commit());
    CP_TRY_ASSIGN(const MemberRow after, m_ctx.rowById(memberId));
    return TillContext::toMember(after);
}

Result<QStringList> MemberService::previousPhones(const Uuid &memberId)
{
    CP_TRY_ASSIGN(const MemberRow row, m_ctx.rowById(memberId));
    CP_TRY_ASSIGN(const QList<PreviousPhoneRow> rows,
                  MemberStore(m_ctx.db()).previousPhones(row.localId, m_ctx.clock().nowMs()));
    QStringList out;
    for (const PreviousPhoneRow &p : rows)
        out << m_ctx.phoneForDisplay(PhoneNumber::fromE164(p.phone));
    return out;
}

// A membership closed at the member's request (docs/user-guide.md, "Closing a membership"): the points
// left are forfeited by an adjustment that names the manager, in the same transaction as the status,
// the member.close that carries both to the chain, and the audit row.
Result<ClosedMembership> MemberService::closeMembership(const Uuid &memberId, const QString &reason,
                                                        const std::optional<ManagerApproval> &approval)
{
    const QString why = reason.simplified();
    if (why.size() > MaxCloseReasonLength)
        return makeError(ErrorCode::InvalidInput,
                         tr("The reason is too long (at most %1 characters).").arg(MaxCloseReasonLength));
    QString approvedBy;
    CP_TRY(m_ctx.requireManager(approval, tr("Closing a membership"), &approvedBy));
    Transaction tx(m_ctx.db());
    CP_TRY(tx.begin());
    CP_TRY_ASSIGN(const MemberRow row, m_ctx.rowById(memberId));
    if (row.status != QStringLiteral("active"))
        return makeError(ErrorCode::Refused, tr("This membership is already closed."));
    ClosedMembership out;
    CP_TRY_ASSIGN(out.pointsForfeited, closeInTransaction(row, why, approvedBy));
    CP_TRY_ASSIGN(const MemberRow after, m_ctx.rowById(memberId));
    CP_TRY(tx.commit());
    out.member = TillContext::toMember(after);
    return out;
}

// The closing's writes, inside the caller's transaction: the forfeit, the status, the member.close that
// carries both to the chain and the audit row. Returns the points forfeited.
Result<qint64> MemberService::closeInTransaction(const MemberRow &row, const QString &why,
                                                 const QString &approvedBy)
{
    const qint64 now = m_ctx.clock().nowMs();
    sync::ParsedOp op;
    op.kind = sync::OpKind::MemberClose;
    op.closeReason = why;
    qint64 forfeited = 0;
    if (row.balance > 0) {
        LedgerRow entry;
        entry.member = row.localId;
        entry.kind = ledgerKindId(LedgerKind::Adjust);
        entry.points = -row.balance;
        entry.atMs = now;
        entry.reason =
            why.isEmpty() ? QStringLiteral("membership closed") : QStringLiteral("membership closed: ") + why;
        entry.approvedBy = approvedBy.isEmpty() ? m_ctx.currentOperator().id : approvedBy;
        CP_TRY(m_ctx.appendEntry(entry));
        op.entries = {TillContext::wireEntry(entry)};
        forfeited = row.balance;
    }
    CP_TRY(MemberStore(m_ctx.db()).close(row.localId, now));
    CP_TRY(m_ctx.enqueue(row.id, op));
    CP_TRY(m_ctx.audit(QStringLiteral("member.close"), row.localId, why, approvedBy,
                       QJsonObject{{QStringLiteral("pointsForfeited"), forfeited}}));
    return forfeited;
}

// Personal data erased at the member's request (docs/user-guide.md, "Erasing a member's personal data"):
// an open membership is closed first (its forfeit, as a closing), then name, phone, profile and old
// numbers go, here and in this till's answered operations; one member.erase takes the erasure to the
// chain. Ledger and purchases stay, under the member's id alone, so balances and figures still add up.
Result<ClosedMembership> MemberService::eraseMember(const Uuid &memberId,
                                                    const std::optional<ManagerApproval> &approval)
{
    QString approvedBy;
    CP_TRY(m_ctx.requireManager(approval, tr("Erasing a member's personal data"), &approvedBy));
    Transaction tx(m_ctx.db());
    CP_TRY(tx.begin());
    CP_TRY_ASSIGN(const MemberRow row, m_ctx.rowById(memberId));
    if (row.erasedAtMs)
        return makeError(ErrorCode::Refused, tr("This member's personal data was erased already."));
    if (row.status == QStringLiteral("merged"))
        return makeError(ErrorCode::Refused,
                         tr("This registration was merged into another member; erase that member instead."));
    ClosedMembership out;
    if (row.status == QStringLiteral("active")) {
        CP_TRY_ASSIGN(out.pointsForfeited, closeInTransaction(row, QStringLiteral("erasure"), approvedBy));
    }
    CP_TRY(MemberStore(m_ctx.db()).erase(row.localId, m_ctx.clock().nowMs()));
    CP_TRY(OutboxStore(m_ctx.db()).scrubAnswered(row.id));
    sync::ParsedOp op;
    op.kind = sync::OpKind::MemberErase;
    CP_TRY(m_ctx.enqueue(row.id, op));
    CP_TRY(m_ctx.audit(QStringLiteral("member.erase"), row.localId, {}, approvedBy,
                       QJsonObject{{QStringLiteral("pointsForfeited"), out.pointsForfeited}}));
    CP_TRY_ASSIGN(const MemberRow after, m_ctx.rowById(memberId));
    CP_TRY(tx.commit());
    out.member = TillContext::toMember(after);
    return out;
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
