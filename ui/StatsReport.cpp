#include "ui/StatsReport.h"

#include "app/Till.h"
#include "ui/StatsCharts.h"
#include "ui/Theme.h"
#include "ui/UiText.h"

#include <QChart>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QLocale>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

#include <memory>

namespace counterpart {

namespace {

// The page is laid out in points (1/72 inch): A4 is 595 x 842.
const QSizeF A4Points(595.0, 842.0);
constexpr double Margin = 36.0;
const QColor Ink = theme::colour(theme::Colour::Text);
const QColor Muted = theme::colour(theme::Colour::Hint);
const QColor Rule = theme::colour(theme::Colour::Border);

QFont font(int size, bool bold = false)
{
    QFont f;
    f.setPixelSize(size); // in points: the painter is scaled to points
    f.setBold(bold);
    return f;
}

QString changeText(qint64 now, qint64 before)
{
    return UiText::change(now, before, QStringLiteral("="));
}

QString periodText(const Till &till, const PeriodFigures &f)
{
    const QLocale locale;
    if (f.from == f.to)
        return locale.toString(f.from, QLocale::LongFormat);
    Q_UNUSED(till);
    return locale.toString(f.from, QLocale::ShortFormat) + QStringLiteral(" – ") +
           locale.toString(f.to, QLocale::ShortFormat);
}

// A chart drawn into `target` (points) through an image three times the size, so it stays sharp on paper.
void drawChart(QPainter &painter, QChart *chart, const QRectF &target)
{
    std::unique_ptr<QChart> owned(chart);
    QGraphicsScene scene;
    scene.addItem(chart);
    const QSizeF logical(target.width() * 1.3, target.height() * 1.3); // chart pixels per point
    chart->resize(logical);
    chart->setBackgroundVisible(false);
    QImage image((logical * 3.0).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(3.0);
    image.fill(Qt::white);
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        scene.render(&p, QRectF(QPointF(0, 0), logical), QRectF(QPointF(0, 0), logical));
    }
    scene.removeItem(chart);
    painter.drawImage(target, image);
}

} // namespace

QString StatsReport::title(const Dashboard &d)
{
    return d.current.from == d.current.to ? tr("Daily member report") : tr("Member report");
}

QString StatsReport::suggestedFileName(const Till &till, const Dashboard &d)
{
    const QString days =
        d.current.from == d.current.to
            ? d.current.from.toString(Qt::ISODate)
            : d.current.from.toString(Qt::ISODate) + QLatin1Char('_') + d.current.to.toString(Qt::ISODate);
    const QString whose = d.scope == StatsScope::Chain ? QStringLiteral("chain") : till.config().storeId;
    return QStringLiteral("counterpart-%1-%2.pdf").arg(whose, days);
}

void StatsReport::paint(QPainter &painter, const QRectF &page, const Till &till, const ReportInput &input)
{
    painter.save();
    painter.translate(page.topLeft());
    painter.scale(page.width() / A4Points.width(), page.height() / A4Points.height());
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.fillRect(QRectF(QPointF(0, 0), A4Points), Qt::white);
    double y = Margin;
    paintHeading(painter, y, till, input.dashboard);
    paintFigures(painter, y, till, input.dashboard);
    y += 12;
    paintCharts(painter, y, till, input.dashboard);
    paintLists(painter, y, till, input);
    paintFooter(painter, till, input);
    painter.restore();
}

void StatsReport::paintHeading(QPainter &painter, double &y, const Till &till, const Dashboard &d)
{
    const double width = A4Points.width() - 2 * Margin;
    painter.setPen(Ink);
    painter.setFont(font(20, true));
    painter.drawText(QRectF(Margin, y, width, 26), Qt::AlignLeft | Qt::AlignVCenter,
                     title(d) + QStringLiteral(" · ") + periodText(till, d.current));
    y += 28;
    painter.setFont(font(10));
    painter.setPen(Muted);
    const QString store = d.scope == StatsScope::Chain ? tr("The whole chain, as this till knows it")
                          : till.config().storeName.isEmpty()
                              ? till.config().storeId
                              : tr("%1 (store %2)").arg(till.config().storeName, till.config().storeId);
    painter.drawText(
        QRectF(Margin, y, width, 14), Qt::AlignLeft | Qt::AlignVCenter,
        tr("%1 · days in %2 · compared with %3")
            .arg(store, QString::fromLatin1(till.config().timeZone), periodText(till, d.previous)));
    y += 24;
}

QList<StatsReport::FigureRow> StatsReport::figureRows(const Till &till, const Dashboard &d)
{
    const PeriodFigures &c = d.current;
    const PeriodFigures &b = d.previous;
    const auto count = [](qint64 v) { return UiText::points(v); };
    const auto cash = [&](qint64 v) { return UiText::money(till, v); };
    return {
        {tr("New members"), count(c.newMembers), count(b.newMembers), c.newMembers, b.newMembers, false},
        {tr("at the till / online / imported"),
         QStringLiteral("%1 / %2 / %3")
             .arg(count(c.newMembersTill), count(c.newMembersOnline), count(c.newMembersImport)),
         QStringLiteral("%1 / %2 / %3")
             .arg(count(b.newMembersTill), count(b.newMembersOnline), count(b.newMembersImport)),
         0, 0, true},
        {tr("Visits (purchases by members)"), count(c.visits), count(b.visits), c.visits, b.visits, false},
        {tr("Members who bought"), count(c.visitingMembers), count(b.visitingMembers), c.visitingMembers,
         b.visitingMembers, false},
        {tr("of whom returning"), count(c.returningMembers), count(b.returningMembers), c.returningMembers,
         b.returningMembers, true},
        {tr("Member sales (net of refunds)"), cash(c.salesMinor), cash(b.salesMinor), c.salesMinor,
         b.salesMinor, false},
        {tr("refunded"), cash(c.refundedMinor), cash(b.refundedMinor), c.refundedMinor, b.refundedMinor,
         true},
        {tr("Average ticket"), cash(c.averageTicketMinor), cash(b.averageTicketMinor), c.averageTicketMinor,
         b.averageTicketMinor, false},
        {tr("Points issued"), count(c.pointsIssued), count(b.pointsIssued), c.pointsIssued, b.pointsIssued,
         false},
        {tr("of which gifts"), count(c.pointsGifts), count(b.pointsGifts), c.pointsGifts, b.pointsGifts,
         true},
        {tr("Points redeemed"), count(c.pointsRedeemed), count(b.pointsRedeemed), c.pointsRedeemed,
         b.pointsRedeemed, false},
        {tr("Points expired"), count(c.pointsExpired), count(b.pointsExpired), c.pointsExpired,
         b.pointsExpired, false},
        {tr("Points adjusted"), count(c.pointsAdjusted), count(b.pointsAdjusted), c.pointsAdjusted,
         b.pointsAdjusted, false},
        {tr("Outstanding points at the end"), count(c.outstandingPoints), count(b.outstandingPoints),
         c.outstandingPoints, b.outstandingPoints, false, false},
        {tr("worth"), cash(c.outstandingWorthMinor), cash(b.outstandingWorthMinor), c.outstandingWorthMinor,
         b.outstandingWorthMinor, true, false},
        {tr("Gifts granted"), count(c.giftsGranted), count(b.giftsGranted), c.giftsGranted, b.giftsGranted,
         false},
        {tr("Tier upgrades"), count(c.upgrades), count(b.upgrades), c.upgrades, b.upgrades, false},
        {tr("Tier downgrades"), count(c.downgrades), count(b.downgrades), c.downgrades, b.downgrades, false,
         false},
    };
}

void StatsReport::paintFigures(QPainter &painter, double &y, const Till &till, const Dashboard &d)
{
    const double width = A4Points.width() - 2 * Margin;
    const PeriodFigures &c = d.current;
    const QList<FigureRow> rows = figureRows(till, d);
    const double col1 = Margin + 230;
    const double col2 = col1 + 110;
    const double col3 = col2 + 110;
    const double rowHeight = 16;
    painter.setFont(font(9, true));
    painter.setPen(Muted);
    painter.drawText(QRectF(col1, y, 100, rowHeight), Qt::AlignRight | Qt::AlignVCenter,
                     c.days == 1 ? tr("This day") : tr("This period"));
    painter.drawText(QRectF(col2, y, 100, rowHeight), Qt::AlignRight | Qt::AlignVCenter,
                     c.days == 1 ? tr("Day before") : tr("Period before"));
    painter.drawText(QRectF(col3, y, width - (col3 - Margin), rowHeight), Qt::AlignRight | Qt::AlignVCenter,
                     tr("Change"));
    y += rowHeight + 2;
    painter.setPen(QPen(Rule, 0.8));
    painter.drawLine(QPointF(Margin, y), QPointF(Margin + width, y));
    y += 2;
    for (const FigureRow &r : rows) {
        painter.setFont(font(r.indent ? 9 : 10, !r.indent));
        painter.setPen(r.indent ? Muted : Ink);
        painter.drawText(QRectF(Margin + (r.indent ? 14 : 0), y, 220, rowHeight),
                         Qt::AlignLeft | Qt::AlignVCenter, r.label);
        painter.setFont(font(r.indent ? 9 : 10));
        painter.drawText(QRectF(col1, y, 100, rowHeight), Qt::AlignRight | Qt::AlignVCenter, r.now);
        painter.setPen(Muted);
        painter.drawText(QRectF(col2, y, 100, rowHeight), Qt::AlignRight | Qt::AlignVCenter, r.before);
        if (!r.indent || r.n != 0 || r.p != 0) {
            painter.setPen(r.n == r.p ? Muted : theme::colour(theme::trendColour(r.n, r.p, r.upIsGood)));
            painter.drawText(QRectF(col3, y, width - (col3 - Margin), rowHeight),
                             Qt::AlignRight | Qt::AlignVCenter,
                             r.indent && r.n == 0 && r.p == 0 ? QString() : changeText(r.n, r.p));
        }
        y += rowHeight;
        painter.setPen(QPen(Rule, 0.4));
        painter.drawLine(QPointF(Margin, y), QPointF(Margin + width, y));
    }
}

// The 30-day trend and the tiers.
void StatsReport::paintCharts(QPainter &painter, double &y, const Till &till, const Dashboard &d)
{
    const double width = A4Points.width() - 2 * Margin;
    const double chartHeight = 200;
    drawChart(painter, StatsCharts::trendChart(till, d, StatsCharts::Trend::VisitsAndNewMembers, true),
              QRectF(Margin, y, width * 0.6 - 6, chartHeight));
    drawChart(painter, StatsCharts::tierChart(till, d, true),
              QRectF(Margin + width * 0.6 + 6, y, width * 0.4 - 6, chartHeight));
    y += chartHeight + 12;
}

// How many members each list holds.
void StatsReport::paintLists(QPainter &painter, double &y, const Till &till, const ReportInput &input)
{
    const double width = A4Points.width() - 2 * Margin;
    const PeriodFigures &c = input.dashboard.current;
    painter.setPen(Ink);
    painter.setFont(font(11, true));
    painter.drawText(QRectF(Margin, y, width, 16), Qt::AlignLeft | Qt::AlignVCenter,
                     tr("Members to call (lists in the manager view, as of %1)")
                         .arg(QLocale().toString(c.to, QLocale::ShortFormat)));
    y += 20;
    painter.setFont(font(10));
    if (input.lists.isEmpty()) {
        painter.setPen(Muted);
        painter.drawText(QRectF(Margin, y, width, 14), Qt::AlignLeft | Qt::AlignVCenter,
                         tr("Not counted yet: open \"Members to call\" and print again."));
        y += 16;
    } else {
        for (int i = 0; i < input.lists.size(); ++i) {
            const ListSummary &s = input.lists[i];
            const double x = Margin + (i % 2) * (width / 2);
            QString text = tr("%1: %2").arg(Statistics::listTitle(s.list), UiText::points(s.members));
            if (s.list == MemberList::ExpiringPoints && s.members > 0)
                text += tr(" (%1, worth %2)")
                            .arg(UiText::pointsPhrase(s.points), UiText::money(till, s.worthMinor));
            painter.setPen(Ink);
            painter.drawText(QRectF(x, y, width / 2 - 8, 14), Qt::AlignLeft | Qt::AlignVCenter, text);
            if (i % 2 == 1 || i == input.lists.size() - 1)
                y += 16;
        }
    }
}

void StatsReport::paintFooter(QPainter &painter, const Till &till, const ReportInput &input)
{
    const double width = A4Points.width() - 2 * Margin;
    const Dashboard &d = input.dashboard;
    painter.setFont(font(8));
    painter.setPen(Muted);
    const QRectF footer(Margin, A4Points.height() - Margin - 24, width, 24);
    painter.drawText(
        footer, Qt::AlignLeft | Qt::AlignBottom | Qt::TextWordWrap,
        tr("Prepared by %1 on %2. From this till's own records, including what sync brought from the "
           "store's other tills; days are the store's days (%3). Active members now: %4.")
            .arg(input.preparedBy, UiText::dateTime(till, input.preparedAtMs),
                 QString::fromLatin1(till.config().timeZone), UiText::points(d.activeMembers)));
}

Status StatsReport::writePdf(const Till &till, const ReportInput &input, const QString &path)
{
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setResolution(300);
    writer.setTitle(title(input.dashboard));
    writer.setCreator(QStringLiteral("Counterpart"));
    QPainter painter;
    if (!painter.begin(&writer))
        return makeError(
            ErrorCode::Storage,
            tr("Cannot write the report to %1. Choose another folder.").arg(QFileInfo(path).filePath()));
    const QRectF page(QPointF(0, 0), QSizeF(writer.width(), writer.height()));
    paint(painter, page, till, input);
    if (!painter.end())
        return makeError(
            ErrorCode::Storage,
            tr("Cannot write the report to %1. Choose another folder.").arg(QFileInfo(path).filePath()));
    return {};
}

QImage StatsReport::render(const Till &till, const ReportInput &input, int dpi)
{
    const QSize size(qRound(A4Points.width() / 72.0 * dpi), qRound(A4Points.height() / 72.0 * dpi));
    QImage image(size, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    paint(painter, QRectF(QPointF(0, 0), QSizeF(size)), till, input);
    painter.end();
    return image;
}

} // namespace counterpart
