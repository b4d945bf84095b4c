// Text a cashier can read at a glance: every colour of the theme against every background it is drawn on
// reaches the WCAG 2.1 contrast for body text (4.5:1), chart lines the one for graphics (3:1). Computed
// from the theme itself (ui/Theme.h) and the style sheet the till applies, so a colour changed there is
// checked here; disabled controls are left out, as WCAG leaves them out.

#include "ui/Theme.h"

#include <QApplication>
#include <QRegularExpression>
#include <QTest>

#include <cmath>

using namespace counterpart;
using theme::Colour;

namespace {

double channel(double c)
{
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(const QColor &c)
{
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// The background a style-sheet rule gives the widgets it names ("QStatusBar { background: #e6eaef; }").
QColor ruleBackground(const QString &selector)
{
    const QRegularExpression rule(QRegularExpression::escape(selector) +
                                  QStringLiteral(R"(\s*\{[^}]*background:\s*(#[0-9a-fA-F]{6}))"));
    const auto m = rule.match(qApp->styleSheet());
    return m.hasMatch() ? QColor(m.captured(1)) : QColor();
}

} // namespace

class TestContrast : public QObject
{
    Q_OBJECT

    static void readable(const QColor &text, const QColor &background, double needed, const QString &what)
    {
        QVERIFY2(text.isValid() && background.isValid(), qPrintable(what));
        const double ratio = contrast(text, background);
        QVERIFY2(ratio >= needed, qPrintable(QStringLiteral("%1: %2 on %3 is %4:1, needs %5:1")
                                                 .arg(what, text.name(), background.name())
                                                 .arg(ratio, 0, 'f', 2)
                                                 .arg(needed)));
    }

private Q_SLOTS:
    void initTestCase() { theme::apply(*qApp); }

    // The formula itself, on values everyone knows: black on white 21:1, a colour on itself 1:1.
    void theFormula()
    {
        QCOMPARE(qRound(contrast(Qt::black, Qt::white) * 100), 2100);
        QCOMPARE(contrast(QColor(0x77, 0x77, 0x77), QColor(0x77, 0x77, 0x77)), 1.0);
        QVERIFY(contrast(QColor(0x76, 0x76, 0x76), Qt::white) >= 4.5); // the lightest grey that passes
        QVERIFY(contrast(QColor(0x78, 0x78, 0x78), Qt::white) < 4.5);
    }

    void textOnCardsAndWindows()
    {
        const QList<std::pair<Colour, const char *>> text = {
            {Colour::Text, "Text"},       {Colour::Secondary, "Secondary"},   {Colour::Hint, "Hint"},
            {Colour::Quiet, "Quiet"},     {Colour::Disabled, "Disabled"},     {Colour::Gain, "Gain"},
            {Colour::Loss, "Loss"},       {Colour::TrendGreen, "TrendGreen"}, {Colour::TrendRed, "TrendRed"},
            {Colour::Success, "Success"}, {Colour::Problem, "Problem"},       {Colour::Moment, "Moment"},
        };
        const QColor window = qApp->palette().color(QPalette::Window);
        for (const auto &[c, name] : text) {
            readable(theme::colour(c), theme::colour(Colour::Surface), 4.5, QLatin1String(name));
            readable(theme::colour(c), window, 4.5, QLatin1String(name) + QStringLiteral(" on the window"));
        }
        readable(theme::colour(Colour::NoteText), theme::colour(Colour::NoteSurface), 4.5,
                 QStringLiteral("note"));
    }

    // The status bar shows the sync line and the operator; table headers their titles.
    void textInTheStatusBarAndHeaders()
    {
        const QColor bar = ruleBackground(QStringLiteral("QStatusBar"));
        for (Colour c : {Colour::Text, Colour::Secondary, Colour::Quiet, Colour::Success, Colour::Problem})
            readable(theme::colour(c), bar, 4.5, QStringLiteral("status bar"));
        readable(theme::colour(Colour::Text), ruleBackground(QStringLiteral("QHeaderView::section")), 4.5,
                 QStringLiteral("table header"));
    }

    // Rules that set both a background and a text colour: primary buttons, selected rows.
    void styleSheetPairs()
    {
        const QRegularExpression rule(QStringLiteral(
            R"(([^{}]+)\{[^}]*background:\s*(#[0-9a-fA-F]{6});[^}]*[^-]color:\s*(#[0-9a-fA-F]{6}))"));
        int pairs = 0;
        for (auto it = rule.globalMatch(qApp->styleSheet()); it.hasNext();) {
            const auto m = it.next();
            const QString selector = m.captured(1).trimmed();
            if (selector.contains(QLatin1String(":disabled")))
                continue;
            readable(QColor(m.captured(3)), QColor(m.captured(2)), 4.5, selector);
            ++pairs;
        }
        QVERIFY2(pairs >= 2, "the primary button and the selected row were not found in the style sheet");
    }

    void bannersAndBadges()
    {
        const QRegularExpression colours(
            QStringLiteral(R"(background:\s*(#[0-9a-fA-F]{6});\s*color:\s*(#[0-9a-fA-F]{6}))"));
        for (theme::Tone tone : {theme::Tone::Info, theme::Tone::Success, theme::Tone::Warning,
                                 theme::Tone::Error, theme::Tone::Moment}) {
            const auto m = colours.match(theme::bannerStyle(tone));
            QVERIFY(m.hasMatch());
            readable(QColor(m.captured(2)), QColor(m.captured(1)), 4.5,
                     QStringLiteral("banner tone %1").arg(int(tone)));
        }
        for (int rank = 0; rank < 6; ++rank)
            readable(theme::colour(Colour::Surface), theme::tierColour(rank), 4.5,
                     QStringLiteral("tier badge %1").arg(rank));
    }

    void placeholdersAndCharts()
    {
        const QPalette p = qApp->palette();
        readable(p.color(QPalette::PlaceholderText), p.color(QPalette::Base), 4.5,
                 QStringLiteral("placeholder"));
        for (Colour c : {Colour::SeriesFirst, Colour::SeriesSecond, Colour::SeriesThird})
            readable(theme::colour(c), theme::colour(Colour::Surface), 3.0, QStringLiteral("chart series"));
    }
};

QTEST_MAIN(TestContrast)
#include "tst_contrast.moc"
