// The composition root of the till's use cases: Till opens the database into a TillContext and
// forwards each use case to the service that holds it (docs/design.md, "Layers").

#include "app/Till.h"

#include "app/ChainSyncService.h"
#include "app/KeyService.h"
#include "app/MaintenanceService.h"
#include "app/MemberService.h"
#include "app/PointsService.h"
#include "app/ReceiptCodes.h"
#include "app/SettingsService.h"
#include "app/StaffService.h"
#include "app/TillContext.h"
#include "storage/Database.h"
#include "storage/Schema.h"
#include "storage/Stores.h"
#include "storage/SyncStore.h"
#include "sync/client/SyncEngine.h"

#include <QLoggingCategory>
#include <QRandomGenerator>

Q_LOGGING_CATEGORY(lcTill, "counterpart.app", QtInfoMsg)

namespace counterpart {

namespace {

QString settingKey(const char *key)
{
    return QString::fromLatin1(key);
}

} // namespace

Till::Till(std::unique_ptr<Database> db, const Clock &clock)
    : m_ctx(std::make_unique<TillContext>(std::move(db), clock))
{}

Till::~Till() = default;

Result<std::unique_ptr<Till>> Till::open(const QString &path, const Clock &clock, const TillOptions &options,
                                         const std::optional<TillConfig> &initial)
{
    OpenOptions openOptions;
    openOptions.unsafeFastWrites = options.unsafeFastWrites;
    auto db = openTillDatabase(path, openOptions);
    if (!db)
        return db.error();
    std::unique_ptr<Till> till(new Till(std::move(db.value()), clock));
    TillContext &ctx = *till->m_ctx;
    SettingsStore settings(ctx.db());

    // Configuration: made once, when the database is new.
    auto terminal = settings.get(settingKey("terminal_id"));
    if (!terminal)
        return terminal.error();
    if (!terminal->has_value()) {
        TillConfig config = initial.value_or(TillConfig{});
        if (config.terminalId.isEmpty())
            config.terminalId = Uuid::createV7(clock).toString();
        if (config.terminalNumber == 0)
            config.terminalNumber = int(
                QRandomGenerator::system()->bounded(MemberCode::MinTerminal, MemberCode::MaxTerminal + 1));
        CP_TRY(till->updateConfig(config));
    }
    CP_TRY(ctx.loadConfig());

    // Rules: the active version, or the shipped defaults on a new database.
    RulesStore rulesStore(ctx.db());
    auto active = rulesStore.active();
    if (!active)
        return active.error();
    if (!active->has_value()) {
        const LoyaltyRules defaults = LoyaltyRules::defaults();
        CP_TRY(rulesStore.activate(defaults.version, defaults.toJson(), clock.nowMs()));
        ctx.setRules(defaults);
    } else {
        auto rules = LoyaltyRules::fromJson(active->value());
        if (!rules)
            return makeError(ErrorCode::Storage,
                             tr("The loyalty rules stored in this till are not valid (%1). Install the rules "
                                "again with counterpart-admin rules --install FILE.")
                                 .arg(rules.error().message));
        ctx.setRules(rules.value());
    }

    CP_TRY(ctx.loadCipher(options.keyFile));

    // An enrolled till cannot know what other tills spent until its sync engine reaches the server:
    // it starts offline, so the offline redemption rule applies until then.
    auto server = SyncStore(ctx.db()).setting(SyncKeys::ServerUrl);
    if (!server)
        return server.error();
    ctx.setEnrolled(server->has_value());
    ctx.setOffline(ctx.isEnrolled());
    ctx.setKeyFile(options.keyFile);
    // What this till sealed with its own key before it had the chain's key, sealed again for the chain
    // (once per key; a failure leaves those fields readable here and is tried at the next open).
    if (auto resealed = KeyService(ctx).resealWithChainKey(); !resealed)
        qCWarning(lcTill) << "re-sealing for the chain failed:" << resealed.error().detail;
    // Names indexed by a version without pinyin get it, once (a failure is tried at the next open).
    if (auto indexed = MaintenanceService(ctx).indexPinyin(); !indexed)
        qCWarning(lcTill) << "pinyin for the name search failed:" << indexed.error().detail;

    if (options.backgroundCheckpoints && !options.unsafeFastWrites)
        CP_TRY(ctx.startCheckpointer(path));

    // Indexes left aside by a bootstrap that is no longer going on (the till was
    // unenrolled or its database replaced mid-way) are built now; a bootstrap still to be resumed
    // builds them at its last page.
    auto snapshot = SyncStore(ctx.db()).setting(SyncKeys::SnapshotCursor);
    if (!snapshot)
        return snapshot.error();
    if (!snapshot->has_value())
        CP_TRY(Schema::finishBulkLoad(ctx.db()));
    return till;
}

// --- state ---------------------------------------------------------------------------------------

const TillConfig &Till::config() const
{
    return m_ctx->config();
}

const LoyaltyRules &Till::rules() const
{
    return m_ctx->rules();
}

Database &Till::database()
{
    return m_ctx->db();
}

qint64 Till::backgroundCheckpoints() const
{
    return m_ctx->backgroundCheckpoints();
}

const Clock &Till::clock() const
{
    return m_ctx->clock();
}

void Till::setOffline(bool offline)
{
    m_ctx->setOffline(offline);
}

bool Till::isOffline() const
{
    return m_ctx->isOffline();
}

void Till::setOperator(const Operator &op)
{
    m_ctx->setOperator(op);
}

const Operator &Till::currentOperator() const
{
    return m_ctx->currentOperator();
}

std::optional<QString> Till::operatorSwitchedOff()
{
    Status active = m_ctx->requireActiveOperator();
    if (active.ok() || active.error().code != ErrorCode::PermissionDenied)
        return std::nullopt;
    return active.error().message;
}

bool Till::isEnrolled() const
{
    return m_ctx->isEnrolled();
}

const QString &Till::keyFile() const
{
    return m_ctx->keyFile();
}

const QString &Till::keyProblem() const
{
    return m_ctx->cipherProblem();
}

QDate Till::today() const
{
    return m_ctx->today();
}

QDate Till::localDate(qint64 ms) const
{
    return m_ctx->localDate(ms);
}

TillContext &Till::context()
{
    return *m_ctx;
}

// --- settings ------------------------------------------------------------------------------------

Status Till::updateConfig(const TillConfig &config)
{
    return SettingsService(*m_ctx).updateConfig(config);
}

Status Till::setLanguage(const QString &language)
{
    return SettingsService(*m_ctx).setLanguage(language);
}

Status Till::installRules(const QByteArray &json)
{
    return SettingsService(*m_ctx).installRules(json);
}

Result<CustomerDisplaySetting> Till::customerDisplay()
{
    return SettingsService(*m_ctx).customerDisplay();
}

Status Till::setCustomerDisplay(const CustomerDisplaySetting &setting,
                                const std::optional<ManagerApproval> &approval)
{
    return SettingsService(*m_ctx).setCustomerDisplay(setting, approval);
}

bool Till::isDemo()
{
    return SettingsService(*m_ctx).isDemo();
}

// --- operators -----------------------------------------------------------------------------------

Status Till::createOperator(const QString &id, const QString &name, Role role, const QString &pin,
                            int iterations)
{
    return StaffService(*m_ctx).createOperator(id, name, role, pin, iterations);
}

Result<PinHash> Till::hashNewPin(const QString &pin, int iterations)
{
    return StaffService::hashNewPin(pin, iterations);
}

Status Till::createOperator(const QString &id, const QString &name, Role role, const PinHash &pin)
{
    return StaffService(*m_ctx).createOperator(id, name, role, pin);
}

Result<Operator> Till::login(const QString &id, const QString &pin)
{
    return StaffService(*m_ctx).login(id, pin);
}

Result<Operator> Till::login(const ManagerApproval &approval)
{
    return StaffService(*m_ctx).login(approval);
}

Result<PinCheck> Till::startLogin(const QString &id)
{
    return StaffService(*m_ctx).startLogin(id);
}

QByteArray Till::hashPin(const QString &pin, const PinCheck &check)
{
    return StaffService::hashPin(pin, check);
}

Result<Operator> Till::finishLogin(const PinCheck &check, const QByteArray &hash)
{
    return StaffService(*m_ctx).finishLogin(check, hash);
}

Result<QList<Operator>> Till::staffToPick(bool managersOnly)
{
    return StaffService(*m_ctx).staffToPick(managersOnly);
}

bool Till::hasOperators()
{
    return StaffService(*m_ctx).hasOperators();
}

// --- members -------------------------------------------------------------------------------------

Result<RegisterOutcome> Till::registerMember(const RegisterRequest &request)
{
    return MemberService(*m_ctx).registerMember(request);
}

Result<LookupResult> Till::lookup(const QString &text)
{
    return MemberService(*m_ctx).lookup(text);
}

Result<std::optional<Member>> Till::findByPhone(const QString &phoneText)
{
    return MemberService(*m_ctx).findByPhone(phoneText);
}

Result<QList<Member>> Till::findByLast4(const QString &digits, int limit)
{
    return MemberService(*m_ctx).findByLast4(digits, limit);
}

Result<QList<Member>> Till::findByNamePrefix(const QString &prefix, int limit)
{
    return MemberService(*m_ctx).findByNamePrefix(prefix, limit);
}

Result<std::optional<Member>> Till::findByCode(const QString &code)
{
    return MemberService(*m_ctx).findByCode(code);
}

Result<std::optional<Member>> Till::findByScan(const QString &payload)
{
    return MemberService(*m_ctx).findByScan(payload);
}

Result<std::optional<Member>> Till::findById(const Uuid &id)
{
    return MemberService(*m_ctx).findById(id);
}

Result<qint64> Till::memberCount()
{
    return MemberService(*m_ctx).memberCount();
}

Result<Member> Till::resolve(const QString &reference, bool includeClosed)
{
    return MemberService(*m_ctx).resolve(reference, includeClosed);
}

Result<MemberCard> Till::card(const Uuid &memberId)
{
    return MemberService(*m_ctx).card(memberId);
}

Status Till::setNote(const Uuid &memberId, const QString &note)
{
    return MemberService(*m_ctx).setNote(memberId, note);
}

Status Till::setMarketingConsent(const Uuid &memberId, bool consent)
{
    return MemberService(*m_ctx).setMarketingConsent(memberId, consent);
}

Result<Member> Till::updateProfile(const Uuid &memberId, const ProfileChange &change,
                                   const std::optional<ManagerApproval> &approval)
{
    return MemberService(*m_ctx).updateProfile(memberId, change, approval);
}

Result<Member> Till::changePhone(const Uuid &memberId, const QString &phone,
                                 const std::optional<ManagerApproval> &approval)
{
    return MemberService(*m_ctx).changePhone(memberId, phone, approval);
}

Result<QStringList> Till::previousPhones(const Uuid &memberId)
{
    return MemberService(*m_ctx).previousPhones(memberId);
}

Result<ClosedMembership> Till::closeMembership(const Uuid &memberId, const QString &reason,
                                               const std::optional<ManagerApproval> &approval)
{
    return MemberService(*m_ctx).closeMembership(memberId, reason, approval);
}

Result<ClosedMembership> Till::eraseMember(const Uuid &memberId,
                                           const std::optional<ManagerApproval> &approval)
{
    return MemberService(*m_ctx).eraseMember(memberId, approval);
}

Result<std::pair<std::optional<QDate>, QString>>
Till::privateDetails(const Uuid &memberId, const std::optional<ManagerApproval> &approval)
{
    return MemberService(*m_ctx).privateDetails(memberId, approval);
}

// --- points --------------------------------------------------------------------------------------

Result<EarnOutcome> Till::previewEarn(const EarnRequest &request)
{
    return PointsService(*m_ctx).previewEarn(request);
}

Result<EarnOutcome> Till::earn(const EarnRequest &request)
{
    return PointsService(*m_ctx).earn(request);
}

Result<RedeemOutcome> Till::redeem(const RedeemRequest &request)
{
    return PointsService(*m_ctx).redeem(request);
}

Result<QString> Till::receiptQr(const QString &receipt, qint64 totalMinor, qint64 eligibleMinor)
{
    return ReceiptCodes(*m_ctx).make(receipt, totalMinor, eligibleMinor);
}

Result<ReceiptClaim> Till::readReceiptQr(const QString &text)
{
    return ReceiptCodes(*m_ctx).read(text);
}

Result<RedeemOutcome> Till::previewRedeem(const RedeemRequest &request)
{
    return PointsService(*m_ctx).previewRedeem(request);
}

Result<QString> Till::phoneDigitsQuestion(const RedeemRequest &request)
{
    return PointsService(*m_ctx).phoneDigitsQuestion(request);
}

Result<RefundOutcome> Till::previewRefund(const RefundRequest &request)
{
    return PointsService(*m_ctx).previewRefund(request);
}

Result<RefundOutcome> Till::refund(const RefundRequest &request,
                                   const std::optional<ManagerApproval> &approval)
{
    return PointsService(*m_ctx).refund(request, approval);
}

Result<Member> Till::adjust(const QString &member, qint64 points, const QString &reason,
                            const std::optional<ManagerApproval> &approval)
{
    return PointsService(*m_ctx).adjust(member, points, reason, approval);
}

Result<VoidOutcome> Till::voidLast(const QString &member, const QString &reason,
                                   const std::optional<ManagerApproval> &approval)
{
    return PointsService(*m_ctx).voidLast(member, reason, approval);
}

Result<QList<HistoryItem>> Till::history(const Uuid &memberId, int limit)
{
    return PointsService(*m_ctx).history(memberId, limit);
}

Result<std::optional<PurchaseSummary>> Till::purchaseOnReceipt(const Uuid &memberId, const QString &receipt)
{
    return PointsService(*m_ctx).purchaseOnReceipt(memberId, receipt);
}

Result<QList<PurchaseSummary>> Till::purchases(const Uuid &memberId, int limit)
{
    return PointsService(*m_ctx).purchases(memberId, limit);
}

// --- scheduled and maintenance -------------------------------------------------------------------

Result<ResealOutcome> Till::resealWithChainKey()
{
    return KeyService(*m_ctx).resealWithChainKey();
}

Result<SweepOutcome> Till::expirePoints()
{
    return MaintenanceService(*m_ctx).expirePoints();
}

Result<TierEvaluationOutcome> Till::evaluateTiers()
{
    return MaintenanceService(*m_ctx).evaluateTiers();
}

QList<Job> Till::jobs()
{
    return MaintenanceService::jobs();
}

bool Till::ownsJob(Job job) const
{
    return MaintenanceService(*m_ctx).ownsJob(job);
}

Result<QList<JobStatus>> Till::jobStatus()
{
    return MaintenanceService(*m_ctx).jobStatus();
}

Result<QList<JobRunReport>> Till::runDueJobs()
{
    return MaintenanceService(*m_ctx).runDueJobs();
}

Result<BackupOutcome> Till::backup(const QString &reason, const QString &dir, int keep)
{
    return MaintenanceService(*m_ctx).backup(reason, dir, keep);
}

Result<CheckReport> Till::check(bool fullIntegrity)
{
    return MaintenanceService(*m_ctx).check(fullIntegrity);
}

Result<CounterReport> Till::repairCounters(int exampleLimit)
{
    return MaintenanceService(*m_ctx).repairCounters(exampleLimit);
}

QString Till::counterMismatchText(const CounterMismatch &m)
{
    return MaintenanceService::counterMismatchText(m);
}

// --- sync ----------------------------------------------------------------------------------------

Result<EnrolmentOutcome> Till::enrol(const EnrolmentRequest &request)
{
    return ChainSyncService(*m_ctx).enrol(request);
}

Result<sync::EnrolRequest> Till::enrolmentRequest(const EnrolmentRequest &request)
{
    return ChainSyncService(*m_ctx).enrolmentRequest(request);
}

Result<EnrolmentOutcome> Till::applyEnrolment(const sync::EnrolResponse &response, const QString &serverUrl,
                                              const QString &caFile)
{
    return ChainSyncService(*m_ctx).applyEnrolment(response, serverUrl, caFile);
}

Status Till::reloadRules()
{
    return ChainSyncService(*m_ctx).reloadRules();
}

Result<SyncOverview> Till::syncOverview(int listLimit)
{
    return ChainSyncService(*m_ctx).syncOverview(listLimit);
}

Result<QList<StampAhead>> Till::stampsAhead(bool repair)
{
    return ChainSyncService(*m_ctx).stampsAhead(repair);
}

Status Till::markSyncFlagsSeen()
{
    return ChainSyncService(*m_ctx).markSyncFlagsSeen();
}

sync::CycleReport Till::syncOnce(const std::function<void(const sync::SyncStatus &)> &onStatus)
{
    return ChainSyncService(*m_ctx).syncOnce(onStatus);
}

Result<QList<std::pair<QByteArray, QByteArray>>>
Till::signRequest(const QByteArray &method, const QByteArray &pathAndQuery, const QByteArray &body)
{
    return ChainSyncService(*m_ctx).signRequest(method, pathAndQuery, body);
}

} // namespace counterpart
