#pragma once

// The counts a period's member figures are made of: the till's (app/Statistics.h) and head office's
// (server/Figures.cpp) alike, with one definition of what each points entry and new member counts as
// (docs/statistics.md).

#include <QStringView>

namespace counterpart {

struct FigureCounts {
    qint64 newMembers = 0; // joined in the period (merged duplicates not counted)
    qint64 newMembersTill = 0;
    qint64 newMembersOnline = 0;
    qint64 newMembersImport = 0;

    qint64 visits = 0;          // purchases with points (voided ones not counted)
    qint64 visitingMembers = 0; // distinct members who bought
    qint64 salesMinor = 0;      // members' purchases net of refunds, by purchase time
    qint64 refundedMinor = 0;   // refunded so far of the period's purchases

    qint64 pointsIssued = 0;   // earned and gifts, less refund reversals and voids of them
    qint64 pointsGifts = 0;    // of which gift points (welcome, first purchase, birthday)
    qint64 pointsRedeemed = 0; // spent, less voided and restored redemptions
    qint64 pointsExpired = 0;
    qint64 pointsAdjusted = 0; // adjustments, merge corrections and opening balances, net

    // `n` members who joined through `channel` ("till", "online", "import").
    void addNewMembers(QStringView channel, qint64 n);
    // `points` of ledger entries of `kind` (as stored) and sign, counted by what they were for.
    void addPoints(QStringView kind, bool negative, qint64 points);
    // Another store's counts (visiting members added too: the caller counts distinct members itself
    // where a member may be in both).
    void add(const FigureCounts &other);
};

} // namespace counterpart
