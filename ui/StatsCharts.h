#pragma once

// The manager view's charts (Qt Charts): the 30-day trend and the tier distribution. Sized and labelled to
// be read at 1024x768 and on the one-page PDF report.

#include "app/Statistics.h"

#include <QCoreApplication>

class QChart;

namespace counterpart {

class Till;

class StatsCharts
{
    Q_DECLARE_TR_FUNCTIONS(StatsCharts)

public:
    enum class Trend { VisitsAndNewMembers, Sales, Points };
    static QString trendTitle(Trend trend);

    // A new chart (the caller owns it). `compact` uses smaller fonts, for the printed report.
    static QChart *trendChart(const Till &till, const Dashboard &dashboard, Trend trend,
                              bool compact = false);
    static QChart *tierChart(const Till &till, const Dashboard &dashboard, bool compact = false);
};

} // namespace counterpart
