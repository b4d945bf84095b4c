#include "ui/Theme.h"

#include <QApplication>
#include <QFont>
#include <QLocale>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace counterpart::theme {

void apply(QApplication &app)
{
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QFont font = app.font();
    font.setFamilies({QStringLiteral("Noto Sans CJK SC"), QStringLiteral("DejaVu Sans")});
    font.setPointSize(11);
    app.setFont(font);

    QPalette palette = app.style()->standardPalette();
    palette.setColor(QPalette::Window, QColor(0xf3, 0xf5, 0xf8));
    palette.setColor(QPalette::Highlight, QColor(0x1f, 0x6f, 0xeb));
    // Fusion's placeholder is the text colour at half strength: too faint to read at a counter.
    palette.setColor(QPalette::PlaceholderText, colour(Colour::Hint));
    app.setPalette(palette);

    app.setStyleSheet(QStringLiteral(R"(
QPushButton, QToolButton {
    min-height: 44px; min-width: 44px; padding: 4px 14px;
    border: 1px solid #b8c2cc; border-radius: 6px; background: #ffffff;
}
QPushButton:hover { background: #eef4ff; }
QPushButton:pressed { background: #dbe7ff; }
QPushButton:focus { border: 2px solid #1f6feb; }
QPushButton:disabled { color: #9aa5b1; background: #eef1f4; border-color: #d5dbe1; }
QPushButton[primary="true"] { background: #1f6feb; color: #ffffff; border-color: #1a5fcc; font-weight: bold; }
QPushButton[primary="true"]:disabled { background: #9dbcf0; color: #eef3fb; }
QPushButton[action="true"] { text-align: center; font-size: 15px; min-height: 56px; }
QLineEdit, QPlainTextEdit {
    min-height: 40px; padding: 2px 8px; border: 1px solid #b8c2cc; border-radius: 5px; background: #ffffff;
}
QLineEdit:focus, QPlainTextEdit:focus { border: 2px solid #1f6feb; }
QComboBox, QSpinBox, QDateEdit {
    min-height: 44px; padding: 0 8px; border: 1px solid #b8c2cc; border-radius: 5px; background: #ffffff;
}
QComboBox:focus, QSpinBox:focus, QDateEdit:focus { border: 2px solid #1f6feb; }
QComboBox::drop-down, QDateEdit::drop-down {
    subcontrol-origin: padding; subcontrol-position: center right; width: 44px; height: 44px;
    border-left: 1px solid #d5dbe1;
}
QComboBox::down-arrow, QDateEdit::down-arrow { image: url(:/counterpart/icons/down-arrow.png); width: 14px; height: 14px; }
QTabBar::tab { min-height: 44px; min-width: 44px; padding: 0 16px; }
QScrollBar:vertical { width: 44px; background: #eef1f4; border: none; margin: 0; }
QScrollBar:horizontal { height: 44px; background: #eef1f4; border: none; margin: 0; }
QScrollBar::handle:vertical { background: #aab4bf; border-radius: 6px; min-height: 44px; margin: 4px 10px; }
QScrollBar::handle:horizontal { background: #aab4bf; border-radius: 6px; min-width: 44px; margin: 10px 4px; }
QScrollBar::handle:pressed { background: #7d8894; }
QScrollBar::add-line, QScrollBar::sub-line { width: 0; height: 0; border: none; background: none; }
QScrollBar::add-page, QScrollBar::sub-page { background: none; }
QCalendarWidget QAbstractItemView { min-width: 320px; min-height: 300px; font-size: 15px; }
QCalendarWidget QToolButton { min-height: 44px; min-width: 44px; }
QPushButton:checked { background: #dbe7ff; border: 2px solid #1f6feb; font-weight: bold; }
QLineEdit#lookupField { min-height: 52px; font-size: 20px; padding: 2px 12px; }
QCheckBox { min-height: 44px; }
QCheckBox::indicator { width: 22px; height: 22px; }
QListView, QTableView { background: #ffffff; border: 1px solid #c8d0d8; border-radius: 5px; }
QTableView::item, QListView::item { padding: 4px 6px; }
QListView::item:selected, QTableView::item:selected { background: #1f6feb; color: #ffffff; }
QHeaderView::section { padding: 6px; background: #eef1f4; border: none; border-bottom: 1px solid #c8d0d8; }
QStatusBar { background: #e6eaef; }
QStatusBar QLabel { padding: 0 8px; }
QFrame[panel="true"] { background: #ffffff; border: 1px solid #d5dbe1; border-radius: 8px; }
QProgressBar { border: 1px solid #c8d0d8; border-radius: 5px; background: #eef1f4; text-align: center; min-height: 14px; max-height: 14px; }
QProgressBar::chunk { background: #c9a227; border-radius: 4px; }
)"));
}

Colour trendColour(qint64 now, qint64 before, bool upIsGood)
{
    if (now == before)
        return Colour::Secondary;
    if (QLocale().language() == QLocale::Chinese)
        return now > before ? Colour::TrendRed : Colour::TrendGreen;
    return (now > before) == upIsGood ? Colour::TrendGreen : Colour::TrendRed;
}

QColor colour(Colour c)
{
    switch (c) {
    case Colour::Text:
        return QColor(0x1f, 0x2a, 0x37);
    case Colour::Secondary:
        return QColor(0x4a, 0x55, 0x61);
    case Colour::Hint:
        return QColor(0x5b, 0x66, 0x73);
    case Colour::Quiet:
        return QColor(0x5e, 0x69, 0x76);
    case Colour::Disabled:
        return QColor(0x63, 0x6e, 0x7a);
    case Colour::Gain:
        return QColor(0x16, 0x6a, 0x34);
    case Colour::Loss:
        return QColor(0xa1, 0x1d, 0x1d);
    case Colour::TrendGreen:
        return QColor(0x1e, 0x7d, 0x45);
    case Colour::TrendRed:
        return QColor(0xb4, 0x3c, 0x2a);
    case Colour::Success:
        return QColor(0x14, 0x53, 0x2d);
    case Colour::Problem:
        return QColor(0x7a, 0x10, 0x10);
    case Colour::Moment:
        return QColor(0x6d, 0x10, 0x43);
    case Colour::Surface:
        return QColor(0xff, 0xff, 0xff);
    case Colour::Border:
        return QColor(0xd5, 0xdb, 0xe1);
    case Colour::NoteSurface:
        return QColor(0xff, 0xfb, 0xea);
    case Colour::NoteBorder:
        return QColor(0xe0, 0xc9, 0x6b);
    case Colour::NoteText:
        return QColor(0x3d, 0x33, 0x00);
    case Colour::SeriesFirst:
        return QColor(0x1f, 0x6f, 0xd1);
    case Colour::SeriesSecond:
        return QColor(0x2e, 0x9d, 0x5b);
    case Colour::SeriesThird:
        return QColor(0xc9, 0x6a, 0x10);
    }
    return QColor(0x1f, 0x2a, 0x37);
}

QString hex(Colour c)
{
    return colour(c).name(QColor::HexRgb);
}

QString textStyle(Colour c, bool bold)
{
    return QStringLiteral("color:%1;").arg(hex(c)) +
           (bold ? QStringLiteral(" font-weight:bold;") : QString());
}

QString paragraph(Colour c, const QString &text, bool bold)
{
    const QString escaped = text.toHtmlEscaped();
    return QStringLiteral("<p style='color:%1'>%2</p>")
        .arg(hex(c), bold ? QStringLiteral("<b>%1</b>").arg(escaped) : escaped);
}

QColor tierColour(int rank)
{
    switch (rank) {
    case 0:
        return QColor(0x6b, 0x77, 0x85);
    case 1:
        return QColor(0x5f, 0x6f, 0x85); // silver, dark enough for white text
    case 2:
        return QColor(0x8a, 0x65, 0x08); // gold, likewise
    case 3:
        return QColor(0x4b, 0x4f, 0x8c);
    default:
        return QColor(0x2d, 0x2d, 0x5a);
    }
}

QString bannerStyle(Tone tone)
{
    const char *style = "";
    switch (tone) {
    case Tone::Info:
        style = "background:#e8f0fe; color:#17376b; border:1px solid #b6cdf7;";
        break;
    case Tone::Success:
        style = "background:#e6f4ea; color:#14532d; border:1px solid #a7d7b5;";
        break;
    case Tone::Warning:
        style = "background:#fff4d6; color:#5c4200; border:1px solid #f0d27a;";
        break;
    case Tone::Error:
        style = "background:#fde8e8; color:#7a1010; border:1px solid #f3b1b1;";
        break;
    case Tone::Moment:
        style = "background:#fff0f6; color:#6d1043; border:1px solid #f5b5d2;";
        break;
    }
    return QString::fromLatin1(style) + QStringLiteral(" border-radius:6px; padding:8px 12px;");
}

} // namespace counterpart::theme
