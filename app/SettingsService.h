#pragma once

// The till's settings (TillConfig), its loyalty rules and the language of its screens.

#include "app/Till.h"

namespace counterpart {

class TillContext;

class SettingsService
{
    Q_DECLARE_TR_FUNCTIONS(Till)

public:
    explicit SettingsService(TillContext &ctx)
        : m_ctx(ctx)
    {}

    // Validates and stores `config`, with an audit row; the context holds it from then on.
    Status updateConfig(const TillConfig &config);
    Status setLanguage(const QString &language);
    // Manager only.
    Status installRules(const QByteArray &json);
    // A demo database is one the demo seeder has filled (setting demo_data): its members are made up,
    // and the till offers to make more of them. A live till never is.
    bool isDemo();
    Result<CustomerDisplaySetting> customerDisplay();
    // Manager only; the join address must be an http(s) URL of at most 300 characters.
    Status setCustomerDisplay(const CustomerDisplaySetting &setting,
                              const std::optional<ManagerApproval> &approval = {});
    Status markDemo();

private:
    TillContext &m_ctx;
};

} // namespace counterpart
