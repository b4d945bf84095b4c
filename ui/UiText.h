#pragma once

// Wording shared by the screens: money, points, dates, tier and reward names in the screen's
// language, and errors as a cashier should read them.

#include "app/Till.h"

#include <QCoreApplication>
#include <QDate>
#include <QKeySequence>
#include <QString>

namespace counterpart {

class UiText
{
    Q_DECLARE_TR_FUNCTIONS(UiText)

public:
    static QString money(const Till &till, qint64 minor);
    static QString points(qint64 points);       // "1,234" / "1,234" with the locale's grouping
    static QString pointsPhrase(qint64 points); // "1,234 points"
    // What the points are worth at the rules' point value: "¥12.34".
    static QString pointsWorth(const Till &till, qint64 points);
    static QString multiplier(int percent); // 150 -> "1.5×"
    static QString tierName(const Till &till, const QString &tierId);
    // What it takes to reach the next tier: "Spend ¥1,200.00 more by 31 Dec for Gold." (and the visits
    // it asks); empty at the top tier.
    static QString nextTierSteps(const Till &till, const MemberCard &card);
    // How far towards the next tier, 0–1000 (by spend, else by visits).
    static int nextTierPermille(const Till &till, const TierProgress &progress);
    // "1234 5678 9012", or words saying there is none (a member the server keeps without a code).
    static QString memberNumber(const MemberCode &code);
    static QString rewardName(const Till &till, const QString &rewardId);
    // "31 Dec" this year, "31 Dec 2027" otherwise (the screen's language decides the form).
    static QString day(const Till &till, const QDate &date);
    static QString monthDay(int month, int day); // a birthday: "20 May"
    // A date as cashiers type it: 1990-05-20, 1990/5/20, 1990.5.20, 1990年5月20日, 19900520.
    static std::optional<QDate> parseDate(const QString &text);
    static QString dateTime(const Till &till, qint64 ms); // store's local time, "2026-03-08 14:05"
    // A figure against the period before: "▲ 12%", "▼ 3.5%", `same` when equal, an arrow alone when
    // there was nothing before.
    static QString change(qint64 now, qint64 before, const QString &same);
    static QString historyKind(const QString &kind);
    static QString gender(const QString &gender);
    // A button's label with its shortcut under it.
    static QString withShortcut(const QString &label, const QKeySequence &key);
    // The app layer's message, plus what to do next when the cause is not the cashier's input.
    static QString error(const Error &error);
};

} // namespace counterpart
