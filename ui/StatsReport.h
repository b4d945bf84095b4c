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
    static void paint(QPainter &painter, const QRectF &page, const Till &till, const ReportInput &input);
};

} // namespace counterpart
