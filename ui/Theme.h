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

enum class Tone { Info, Success, Warning, Error, Moment };
// Style sheet of a banner or chip of that tone.
QString bannerStyle(Tone tone);

} // namespace counterpart::theme
