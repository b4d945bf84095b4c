#include "core/Figures.h"

#include "core/LedgerKind.h"

namespace counterpart {

void FigureCounts::addNewMembers(QStringView channel, qint64 n)
{
    newMembers += n;
    if (channel == u"online")
        newMembersOnline += n;
    else if (channel == u"import")
        newMembersImport += n;
    else
        newMembersTill += n;
}

void FigureCounts::addPoints(QStringView kind, bool negative, qint64 points)
{
    switch (pointsUse(kind, negative)) {
    case PointsUse::Gift:
        pointsGifts += points;
        pointsIssued += points;
        break;
    case PointsUse::Issued:
        pointsIssued += points;
        break;
    case PointsUse::Redeemed:
        pointsRedeemed -= points;
        break;
    case PointsUse::Expired:
        pointsExpired -= points;
        break;
    case PointsUse::Adjusted:
        pointsAdjusted += points;
        break;
    }
}

void FigureCounts::add(const FigureCounts &o)
{
    newMembers += o.newMembers;
    newMembersTill += o.newMembersTill;
    newMembersOnline += o.newMembersOnline;
    newMembersImport += o.newMembersImport;
    visits += o.visits;
    visitingMembers += o.visitingMembers;
    salesMinor += o.salesMinor;
    refundedMinor += o.refundedMinor;
    pointsIssued += o.pointsIssued;
    pointsGifts += o.pointsGifts;
    pointsRedeemed += o.pointsRedeemed;
    pointsExpired += o.pointsExpired;
    pointsAdjusted += o.pointsAdjusted;
}

} // namespace counterpart
