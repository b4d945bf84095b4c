// The till's settings and rules, and the language of its screens.

#include "app/SettingsService.h"

#include "app/Language.h"
#include "app/TillContext.h"
#include "core/Money.h"
#include "storage/Database.h"
#include "storage/StatsStore.h"
#include "storage/Stores.h"

#include <QJsonObject>
#include <QTimeZone>
#include <QUrl>

namespace counterpart {

namespace {

QString settingKey(const char *key)
{
    return QString::fromLatin1(key);
}

const char *const DemoSetting = "demo_data";
const char *const CustomerDisplayOn = "customer_display"; // "on" | "off"
const char *const CustomerJoinUrl = "customer_join_url";  // the join QR code's address

} // namespace

Status SettingsService::updateConfig(const TillConfig &config)
{
    if (config.terminalNumber < MemberCode::MinTerminal || config.terminalNumber > MemberCode::MaxTerminal)
        return makeError(ErrorCode::InvalidInput, tr("The terminal number must be between %1 and %2.")
                                                      .arg(MemberCode::MinTerminal)
                                                      .arg(MemberCode::MaxTerminal));
    if (config.storeId.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidInput, tr("The store needs an id."));
    if (!QTimeZone(config.timeZone).isValid())
        return makeError(
            ErrorCode::InvalidInput,
            tr("'%1' is not a time zone this system knows.").arg(QString::fromLatin1(config.timeZone)));
    if (Money::minorDigits(config.currency) < 0 || config.currency.size() != 3)
        return makeError(ErrorCode::InvalidInput, tr("'%1' is not a currency code.").arg(config.currency));

    SettingsStore settings(m_ctx.db());
    Transaction tx(m_ctx.db());
    CP_TRY(tx.begin());
    const QList<std::pair<const char *, QString>> values = {
        {"store_id", config.storeId.trimmed()},
        {"store_name", config.storeName},
        {"terminal_id", config.terminalId},
        {"terminal_number", QString::number(config.terminalNumber)},
        {"region", config.region.toUpper()},
        {"time_zone", QString::fromLatin1(config.timeZone)},
        {"currency", config.currency.toUpper()},
        {"language", config.language},
        {"void_window_minutes", QString::number(config.voidWindowMinutes)},
        {"cashier_refund_limit_minor", QString::number(config.cashierRefundLimitMinor)},
    };
    auto storeBefore = settings.get(QStringLiteral("store_id"));
    if (!storeBefore)
        return storeBefore.error();
    for (const auto &[key, value] : values)
        CP_TRY(settings.set(settingKey(key), value));
    // The store's figures are kept for the till's store (schema 8): another store, other rows.
    if (storeBefore->has_value() && storeBefore->value() != config.storeId.trimmed())
        CP_TRY(StatsStore(m_ctx.db()).rebuild());
    // The audit row names the terminal: on a new database that is the config being written.
    const TillConfig previous = m_ctx.config();
    m_ctx.setConfig(config);
    Status saved = m_ctx.audit(QStringLiteral("settings.update"), std::nullopt, {}, {}, QJsonObject{});
    if (saved)
        saved = tx.commit();
    if (!saved)
        m_ctx.setConfig(previous);
    return saved;
}

Status SettingsService::installRules(const QByteArray &json)
{
    CP_TRY(m_ctx.requireManager(std::nullopt, tr("Installing loyalty rules")));
    auto rules = LoyaltyRules::fromJson(json);
    if (!rules)
        return rules.error();
    if (rules->currency != m_ctx.config().currency)
        return makeError(ErrorCode::InvalidInput, tr("These rules are for %1 but this store uses %2.")
                                                      .arg(rules->currency, m_ctx.config().currency));
    Transaction tx(m_ctx.db());
    CP_TRY(tx.begin());
    CP_TRY(RulesStore(m_ctx.db()).activate(rules->version, rules->toJson(), m_ctx.clock().nowMs()));
    QJsonObject details{{QStringLiteral("version"), rules->version}};
    CP_TRY(m_ctx.audit(QStringLiteral("rules.install"), std::nullopt, {}, {}, details));
    CP_TRY(tx.commit());
    m_ctx.setRules(rules.value());
    return {};
}

Status SettingsService::setLanguage(const QString &language)
{
    if (!i18n::shippedLanguages().contains(language))
        return makeError(ErrorCode::InvalidInput,
                         tr("The till speaks %1.").arg(i18n::shippedLanguages().join(QStringLiteral(", "))));
    if (m_ctx.config().language == language)
        return {};
    TillConfig changed = m_ctx.config();
    changed.language = language;
    return updateConfig(changed);
}

Result<CustomerDisplaySetting> SettingsService::customerDisplay()
{
    SettingsStore settings(m_ctx.db());
    CP_TRY_ASSIGN(const auto on, settings.get(settingKey(CustomerDisplayOn)));
    CP_TRY_ASSIGN(const auto url, settings.get(settingKey(CustomerJoinUrl)));
    return CustomerDisplaySetting{on.value_or(QString()) == QLatin1String("on"), url.value_or(QString())};
}

Status SettingsService::setCustomerDisplay(const CustomerDisplaySetting &setting,
                                           const std::optional<ManagerApproval> &approval)
{
    const QString url = setting.joinUrl.trimmed();
    const QUrl parsed(url, QUrl::StrictMode);
    if (!url.isEmpty() &&
        (url.size() > 300 || !parsed.isValid() || parsed.host().isEmpty() ||
         (parsed.scheme() != QLatin1String("https") && parsed.scheme() != QLatin1String("http"))))
        return makeError(ErrorCode::InvalidInput,
                         tr("The join address must be a web address such as https://example.com/join, of at "
                            "most 300 characters."));
    QString approvedBy;
    CP_TRY(m_ctx.requireManager(approval, tr("Setting up the customer display"), &approvedBy));
    Transaction tx(m_ctx.db());
    CP_TRY(tx.begin());
    SettingsStore settings(m_ctx.db());
    CP_TRY(settings.set(settingKey(CustomerDisplayOn),
                        setting.on ? QStringLiteral("on") : QStringLiteral("off")));
    CP_TRY(url.isEmpty() ? settings.remove(settingKey(CustomerJoinUrl))
                         : settings.set(settingKey(CustomerJoinUrl), url));
    CP_TRY(m_ctx.audit(QStringLiteral("settings.customer_display"), std::nullopt, {}, approvedBy,
                       QJsonObject{{QStringLiteral("on"), setting.on}, {QStringLiteral("joinUrl"), url}}));
    return tx.commit();
}

bool SettingsService::isDemo()
{
    auto value = SettingsStore(m_ctx.db()).get(settingKey(DemoSetting));
    return value.ok() && value->value_or(QString()) == QLatin1String("1");
}

Status SettingsService::markDemo()
{
    return SettingsStore(m_ctx.db()).set(settingKey(DemoSetting), QStringLiteral("1"));
}

} // namespace counterpart
