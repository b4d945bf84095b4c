#include "ui/StatsCharts.h"

#include "app/Till.h"
#include "core/Money.h"
#include "ui/Theme.h"
#include "ui/UiText.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QDateTimeAxis>
#include <QHorizontalBarSeries>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>

#include <cmath>

namespace counterpart {

namespace {

const QColor Ink = theme::colour(theme::Colour::Text);
const QColor Blue = theme::colour(theme::Colour::SeriesFirst);
const QColor Green = theme::colour(theme::Colour::SeriesSecond);
const QColor Orange = theme::colour(theme::Colour::SeriesThird);

void style(QChart *chart, bool compact)
{
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(compact ? 2 : 6, compact ? 2 : 6, compact ? 2 : 6, compact ? 2 : 6));
    chart->setAnimationOptions(QChart::NoAnimation);
    QFont title = chart->titleFont();
    title.setPointSize(compact ? 9 : 12);
    title.setBold(true);
    chart->setTitleFont(title);
    chart->setTitleBrush(Ink);
    QFont legend = chart->legend()->font();
    legend.setPointSize(compact ? 7 : 10);
    chart->legend()->setFont(legend);
    chart->legend()->setAlignment(Qt::AlignBottom);
}

void styleAxis(QAbstractAxis *axis, bool compact)
{
    QFont f = axis->labelsFont();
    f.setPointSize(compact ? 7 : 10);
    axis->setLabelsFont(f);
    QFont t = axis->titleFont();
    t.setPointSize(compact ? 7 : 10);
    t.setBold(false);
    axis->setTitleFont(t);
}

// A value axis from 0 to a round number above `max` in four steps of 1, 2, 2.5 or 5 times a power of ten,
// so every tick is a number a person would write.
QValueAxis *countAxis(double max, bool compact)
{
    auto *axis = new QValueAxis;
    const double rough = qMax(1.0, max) / 4.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    double step = magnitude;
    for (double f : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (f * magnitude >= rough) {
            step = f * magnitude;
            break;
        }
    }
    axis->setRange(0, step * 4);
    axis->setTickCount(5);
    axis->setLabelFormat(step == std::floor(step) ? QStringLiteral("%.0f") : QStringLiteral("%.1f"));
    styleAxis(axis, compact);
    return axis;
}

qint64 noon(const QDate &date)
{
    return QDateTime(date, QTime(12, 0)).toMSecsSinceEpoch();
}

QLineSeries *line(const QString &name, const QColor &colour, bool compact)
{
    auto *series = new QLineSeries;
    series->setName(name);
    QPen pen(colour);
    pen.setWidthF(compact ? 1.5 : 2.5);
    series->setPen(pen);
    series->setPointsVisible(true);
    return series;
}

} // namespace

QString StatsCharts::trendTitle(Trend trend)
{
    switch (trend) {
    case Trend::VisitsAndNewMembers:
        return tr("Visits and new members, last 30 days");
    case Trend::Sales:
        return tr("Member sales, last 30 days");
    case Trend::Points:
        return tr("Points issued and redeemed, last 30 days");
    }
    return {};
}

namespace {

// The days of the trend, "M/d" in Chinese and "d MMM" otherwise.
QDateTimeAxis *dateAxis(const Till &till, const Dashboard &d, bool compact)
{
    auto *dates = new QDateTimeAxis;
    const bool chinese = till.config().language.startsWith(QLatin1String("zh"));
    dates->setFormat(chinese ? QStringLiteral("M/d") : QStringLiteral("d MMM"));
    dates->setTickCount(compact ? 6 : 7);
    if (!d.trend.isEmpty())
        dates->setRange(QDateTime::fromMSecsSinceEpoch(noon(d.trend.first().date)),
                        QDateTime::fromMSecsSinceEpoch(noon(d.trend.last().date)));
    styleAxis(dates, compact);
    return dates;
}

} // namespace

QChart *StatsCharts::trendChart(const Till &till, const Dashboard &d, Trend trend, bool compact)
{
    auto *chart = new QChart;
    style(chart, compact);
    chart->setTitle(trendTitle(trend));

    QDateTimeAxis *dates = dateAxis(till, d, compact);
    chart->addAxis(dates, Qt::AlignBottom);

    const int digits = Money::minorDigits(d.currency);
    const double unit = std::pow(10.0, digits);
    QList<QLineSeries *> left;
    QList<QLineSeries *> right;
    double maxLeft = 0;
    double maxRight = 0;
    switch (trend) {
    case Trend::VisitsAndNewMembers: {
        QLineSeries *visits = line(tr("Visits"), Blue, compact);
        QLineSeries *joined = line(tr("New members"), Green, compact);
        for (const DayFigures &day : d.trend) {
            visits->append(double(noon(day.date)), double(day.visits));
            joined->append(double(noon(day.date)), double(day.newMembers));
            maxLeft = qMax(maxLeft, double(day.visits));
            maxRight = qMax(maxRight, double(day.newMembers));
        }
        left << visits;
        right << joined;
        break;
    }
    case Trend::Sales: {
        QLineSeries *sales = line(tr("Member sales (%1)").arg(d.currency), Blue, compact);
        for (const DayFigures &day : d.trend) {
            const double major = double(day.salesMinor) / unit; // display only
            sales->append(double(noon(day.date)), major);
            maxLeft = qMax(maxLeft, major);
        }
        left << sales;
        break;
    }
    case Trend::Points: {
        QLineSeries *issued = line(tr("Points issued"), Green, compact);
        QLineSeries *redeemed = line(tr("Points redeemed"), Orange, compact);
        for (const DayFigures &day : d.trend) {
            issued->append(double(noon(day.date)), double(day.pointsIssued));
            redeemed->append(double(noon(day.date)), double(day.pointsRedeemed));
            maxLeft = qMax(maxLeft, double(qMax(day.pointsIssued, day.pointsRedeemed)));
        }
        left << issued << redeemed;
        break;
    }
    }
    QValueAxis *leftAxis = countAxis(maxLeft, compact);
    chart->addAxis(leftAxis, Qt::AlignLeft);
    for (QLineSeries *s : std::as_const(left)) {
        chart->addSeries(s);
        s->attachAxis(dates);
        s->attachAxis(leftAxis);
    }
    if (!right.isEmpty()) {
        QValueAxis *rightAxis = countAxis(maxRight, compact);
        rightAxis->setLinePenColor(Green);
        rightAxis->setLabelsColor(Green);
        rightAxis->setGridLineVisible(false);
        chart->addAxis(rightAxis, Qt::AlignRight);
        leftAxis->setLinePenColor(Blue);
        leftAxis->setLabelsColor(Blue);
        for (QLineSeries *s : std::as_const(right)) {
            chart->addSeries(s);
            s->attachAxis(dates);
            s->attachAxis(rightAxis);
        }
    }
    return chart;
}

QChart *StatsCharts::tierChart(const Till &till, const Dashboard &d, bool compact)
{
    Q_UNUSED(till);
    auto *chart = new QChart;
    style(chart, compact);
    chart->setTitle(tr("Members by tier, now"));
    chart->legend()->hide();

    auto *set = new QBarSet(tr("Members"));
    set->setColor(Blue);
    set->setBorderColor(Blue);
    set->setLabelColor(Ink);
    QFont labels = set->labelFont();
    labels.setPointSize(compact ? 7 : 10);
    set->setLabelFont(labels);
    QStringList names;
    double max = 0;
    // Top tier at the top: a horizontal bar chart draws its first category at the bottom.
    for (const TierShare &t : d.tiers) {
        const double share = d.activeMembers > 0 ? 100.0 * double(t.members) / double(d.activeMembers) : 0.0;
        names << t.name + QStringLiteral(" (%1%)").arg(QString::number(share, 'f', share < 10 ? 1 : 0));
        set->append(double(t.members));
        max = qMax(max, double(t.members));
    }
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    series->setLabelsFormat(QStringLiteral("@value"));
    series->setBarWidth(0.6);
    chart->addSeries(series);

    auto *categories = new QBarCategoryAxis;
    categories->append(names);
    styleAxis(categories, compact);
    chart->addAxis(categories, Qt::AlignLeft);
    series->attachAxis(categories);
    QValueAxis *counts = countAxis(max * 1.12, compact);
    chart->addAxis(counts, Qt::AlignBottom);
    series->attachAxis(counts);
    return chart;
}

} // namespace counterpart
