#pragma once

// The one-page daily report (A4, PDF): the figures with the period before, the tiers, the 30-day trend and
// how many members each list holds. No names or phone numbers: a printed page gets left on counters.
// Written in the screen's language.

#include "app/Statistics.h"

#include <QCoreApplication>
#include <QImage>
#include <QList>
#include <QString>

class QPainter;

namespace counterpart {

class Till;

struct ReportInput {
    Dashboard dashboard;
    QList<ListSummary> lists; // may be empty (not counted yet)
    QString preparedBy;       // the manager's name
    qint64 preparedAtMs = 0;
};

class StatsReport
{
    Q_DECLARE_TR_FUNCTIONS(StatsReport)

public:
    // Writes the PDF. Errors are for the manager ("cannot write ...").
    static Status writePdf(const Till &till, const ReportInput &input, const QString &path);
    // The same page as an image (`dpi` dots per inch), for a preview and the documentation.
    static QImage render(const Till &till, const ReportInput &input, int dpi = 110);
    // "Daily report" for one day, "Report" for a range: the title on the page and the file name's stem.
    static QString title(const Dashboard &dashboard);
    static QString suggestedFileName(const Till &till, const Dashboard &dashboard);

private:
    // One line of the figures' table: this period, the one before, and which way is good.
    struct FigureRow {
        QString label;
        QString now;
        QString before;
        qint64 n;
        qint64 p;
        bool indent;
        bool upIsGood = true;
    };
    static void paint(QPainter &painter, const QRectF &page, const Till &till, const ReportInput &input);
    // paint's parts, top to bottom; `y` is where the next part starts (points from the page's top).
    static void paintHeading(QPainter &painter, double &y, const Till &till, const Dashboard &d);
    static QList<FigureRow> figureRows(const Till &till, const Dashboard &d);
    static void paintFigures(QPainter &painter, double &y, const Till &till, const Dashboard &d);
    static void paintCharts(QPainter &painter, double &y, const Till &till, const Dashboard &d);
    static void paintLists(QPainter &painter, double &y, const Till &till, const ReportInput &input);
    static void paintFooter(QPainter &painter, const Till &till, const ReportInput &input);
};

} // namespace counterpart
