#pragma once

#include <QColor>
#include <QString>

class QApplication;
class QWidget;

namespace counterpart::theme {

// The smallest thing a finger has to hit, in device-independent pixels.
constexpr int TouchTarget = 44;
// The smallest screen the till must fit.
constexpr int MinimumWidth = 1024;
constexpr int MinimumHeight = 768;

// Fonts (Noto Sans CJK SC first, so Chinese never falls back to Japanese glyph forms), palette and
// the style sheet with touch-sized controls.
void apply(QApplication &app);

// A tier badge's colour by the tier's rank (0 = entry tier).
QColor tierColour(int rank);

// Every colour the till's screens, charts and printed report use, named for what it means. A widget
// never writes a colour of its own: one palette, so contrast is checked in one place (tst_contrast:
// text at least 4.5:1 against every background it is drawn on, chart lines 3:1, WCAG 2.1).
enum class Colour {
    Text,        // body text on white, charts' axes and titles
    Secondary,   // labels, explanations, a figure that did not change
    Hint,        // key hints under a field, a preview that is not ready yet
    Quiet,       // the sync line when nothing is happening
    Disabled,    // a reward the member cannot afford
    Gain,        // points added, a reward within reach
    Loss,        // points taken
    TrendGreen,  // a manager's figure moving: good news in English, down in Chinese (trendColour)
    TrendRed,    // a manager's figure moving: bad news in English, up in Chinese
    Success,     // connected, done
    Problem,     // an error in words
    Moment,      // a birthday or a gift: a moment for the member
    Surface,     // cards and panels
    Border,      // cards' and panels' edges, rules in the printed report
    NoteSurface, // the member's note
    NoteBorder,
    NoteText,
    SeriesFirst, // the figures' chart lines and bars, in the order a chart draws them
    SeriesSecond,
    SeriesThird,
};
QColor colour(Colour c);
// How a change in a manager's figure is coloured. In English by whether it is good news (green good,
// red bad); in Chinese as Chinese shops and markets read it, by direction: red up, green down (红涨绿跌),
// so a red ▲ is never read as bad news. A figure that did not change is Secondary.
Colour trendColour(qint64 now, qint64 before, bool upIsGood);
// "#4a5561": for style sheets and rich text.
QString hex(Colour c);
// "color:#4a5561;" (bold adds "font-weight:bold;"): a label's style sheet.
QString textStyle(Colour c, bool bold = false);
// "<p style='color:#…'>text</p>": a paragraph of rich text in that colour (text is HTML-escaped).
QString paragraph(Colour c, const QString &text, bool bold = false);

enum class Tone { Info, Success, Warning, Error, Moment };
// Style sheet of a banner or chip of that tone.
QString bannerStyle(Tone tone);

} // namespace counterpart::theme
