#pragma once

// Every counterpart-admin command, one file each in this folder (the stamps pair shares one file: the
// two differ only in whether they repair). allCommands() lists them in the order of --help.

#include "cli/Command.h"

#include <memory>
#include <vector>

namespace counterpart::cli {

std::unique_ptr<Command> makeInitCommand();
std::unique_ptr<Command> makeSeedCommand();
std::unique_ptr<Command> makeRegisterCommand();
std::unique_ptr<Command> makeLookupCommand();
std::unique_ptr<Command> makeEditMemberCommand();
std::unique_ptr<Command> makeConsentCommand();
std::unique_ptr<Command> makeEarnCommand();
std::unique_ptr<Command> makeRedeemCommand();
std::unique_ptr<Command> makeRefundCommand();
std::unique_ptr<Command> makeAdjustCommand();
std::unique_ptr<Command> makeCloseMemberCommand();
std::unique_ptr<Command> makeEraseMemberCommand();
std::unique_ptr<Command> makeVoidCommand();
std::unique_ptr<Command> makeHistoryCommand();
std::unique_ptr<Command> makeCardCommand();
std::unique_ptr<Command> makeExpireCommand();
std::unique_ptr<Command> makeEvaluateTiersCommand();
std::unique_ptr<Command> makeCheckCommand();
std::unique_ptr<Command> makeExportCommand();
std::unique_ptr<Command> makeImportCommand();
std::unique_ptr<Command> makeRulesCommand();
std::unique_ptr<Command> makeStaffAddCommand();
std::unique_ptr<Command> makeEnrolCommand();
std::unique_ptr<Command> makeSyncCommand();
std::unique_ptr<Command> makeSyncStatusCommand();
std::unique_ptr<Command> makeSyncSignCommand();
std::unique_ptr<Command> makeStampsAheadCommand();
std::unique_ptr<Command> makeRepairStampsCommand();
std::unique_ptr<Command> makeJobsCommand();
std::unique_ptr<Command> makeBackupCommand();
std::unique_ptr<Command> makeRestoreCommand();
std::unique_ptr<Command> makeStatsCommand();
std::unique_ptr<Command> makeAuditCommand();
std::unique_ptr<Command> makePosTokenCommand();
std::unique_ptr<Command> makePosServeCommand();
std::unique_ptr<Command> makeCustomerDisplayCommand();
std::unique_ptr<Command> makePrintSlipCommand();

// Built after the translator is installed: the words for --help are translated as they are made.
std::vector<std::unique_ptr<Command>> allCommands();

} // namespace counterpart::cli
