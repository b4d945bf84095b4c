#include "cli/commands/Commands.h"

namespace counterpart::cli {

std::vector<std::unique_ptr<Command>> allCommands()
{
    using Factory = std::unique_ptr<Command> (*)();
    static constexpr Factory factories[] = {
        makeInitCommand,
        makeSeedCommand,
        makeRegisterCommand,
        makeLookupCommand,
        makeEditMemberCommand,
        makeConsentCommand,
        makeCloseMemberCommand,
        makeEraseMemberCommand,
        makeEarnCommand,
        makeRedeemCommand,
        makeRefundCommand,
        makeAdjustCommand,
        makeVoidCommand,
        makeHistoryCommand,
        makeCardCommand,
        makeExpireCommand,
        makeEvaluateTiersCommand,
        makeCheckCommand,
        makeExportCommand,
        makeImportCommand,
        makeRulesCommand,
        makeStaffAddCommand,
        makeEnrolCommand,
        makeSyncCommand,
        makeSyncStatusCommand,
        makeSyncSignCommand,
        makeStampsAheadCommand,
        makeRepairStampsCommand,
        makeJobsCommand,
        makeBackupCommand,
        makeRestoreCommand,
        makeStatsCommand,
        makeAuditCommand,
        makePosTokenCommand,
        makePosServeCommand,
        makePrintSlipCommand,
        makeCustomerDisplayCommand,
    };
    std::vector<std::unique_ptr<Command>> all;
    for (const Factory make : factories)
        all.push_back(make());
    return all;
}

} // namespace counterpart::cli
