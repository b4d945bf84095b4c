#pragma once

// A member as the use cases and screens see them (storage's MemberRow is the row as stored).

#include "core/MemberCode.h"
#include "core/PhoneNumber.h"
#include "core/Uuid.h"

#include <QString>

#include <optional>

namespace counterpart {

struct Member {
    qint64 localId = 0;
    Uuid id;
    MemberCode code;
    PhoneNumber phone;
    QString name;
    QString gender;
    std::optional<int> birthMonth;
    std::optional<int> birthDay;
    QString tier;
    qint64 tierSinceMs = 0;
    qint64 balance = 0;
    QString status;
    QString channel;
    bool marketingConsent = false;
    std::optional<qint64> consentAtMs;
    QString note;
    qint64 createdAtMs = 0;
    std::optional<qint64> firstPurchaseAtMs;
    std::optional<qint64> lastVisitAtMs;
    int visits = 0;
    std::optional<qint64> erasedAtMs; // personal data erased at the member's request (status closed)
};

} // namespace counterpart
