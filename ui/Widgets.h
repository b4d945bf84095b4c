#pragma once

// The small builders the till's screens are made of: a control of touch size with its object name (tests
// and the screenshot tool find widgets by it), a heading, a paragraph of explanation. A dialog is its
// layout written with these, not the same five set-up lines again.

#include <QString>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QWidget;

namespace counterpart::widgets {

// A button at least theme::TouchTarget high.
QPushButton *button(QWidget *parent, const QString &label, const char *objectName);
// The one big button of a page or panel: primary, 52 px high.
QPushButton *actionButton(QWidget *parent, const QString &label, const char *objectName);
// A line edit at least theme::TouchTarget high.
QLineEdit *lineEdit(QWidget *parent, const char *objectName, const QString &placeholder = {});
// The member's gender to choose: none, female, male, other (in the screen's words); `current` selected.
QComboBox *genderCombo(QWidget *parent, const QString &current = {});
// A bold heading of `pointSize`.
QLabel *heading(QWidget *parent, const QString &text, int pointSize);
// Explanation under a heading: wrapped, in the theme's secondary text colour.
QLabel *explanation(QWidget *parent, const QString &text);
// A spin box for touch: no 14-pixel arrows, a − and a + button of touch size either side of it
// (objectName + "Less" / "More", repeating while held). Returns the row to put in a form.
QWidget *stepper(QSpinBox *spin);
// Sets the widget's font size in points (and boldness).
void setFontSize(QWidget *widget, int pointSize, bool bold = false);

} // namespace counterpart::widgets
