#pragma once

// Rules documents for the till's tests, and installing them.

#include "app/Till.h"
#include "core/LoyaltyRules.h"

namespace counterpart::test {

LocalizedText text(const char *en, const char *zh);

// A small rules document whose numbers are easy to follow: 1 point per full yuan (floor), no minimum
// spend, three tiers, no member days, no birthday bonus, no gifts, no expiry.
LoyaltyRules plainRules();

// Bylaws with visits in the manner of docs/user-guide.md ("Tiers") on a rules document's first three
// tiers: silver asks 120 yuan, 3 visits and a visit at least every 30 days; gold the same spend, 6
// visits and a visit at least every 14 days. Drops any tier above gold.
void askForVisits(TierRules &tiers);

// Installs `rules` under a version of its own (the rules table keys documents by version).
Status install(Till &till, LoyaltyRules rules);

} // namespace counterpart::test
