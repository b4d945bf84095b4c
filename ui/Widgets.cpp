#include "ui/Widgets.h"

#include "ui/Theme.h"
#include "ui/UiText.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace counterpart::widgets {

QPushButton *button(QWidget *parent, const QString &label, const char *objectName)
{
    auto *b = new QPushButton(label, parent);
    b->setObjectName(QString::fromLatin1(objectName));
    b->setMinimumHeight(theme::TouchTarget);
    return b;
}

QPushButton *actionButton(QWidget *parent, const QString &label, const char *objectName)
{
    QPushButton *b = button(parent, label, objectName);
    b->setProperty("primary", true);
    b->setMinimumHeight(52);
    return b;
}

QLineEdit *lineEdit(QWidget *parent, const char *objectName, const QString &placeholder)
{
    auto *e = new QLineEdit(parent);
    e->setObjectName(QString::fromLatin1(objectName));
    e->setPlaceholderText(placeholder);
    e->setMinimumHeight(theme::TouchTarget);
    return e;
}

QWidget *stepper(QSpinBox *spin)
{
    auto *row = new QWidget(spin->parentWidget());
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    spin->setParent(row);
    spin->setButtonSymbols(QAbstractSpinBox::NoButtons);
    spin->setMinimumHeight(theme::TouchTarget);
    auto step = [row, spin](const QString &label, const char *suffix, int direction) {
        auto *b = new QPushButton(label, row);
        b->setObjectName(spin->objectName() + QLatin1String(suffix));
        // The theme's padding would make it taller than the box beside it: a square of touch size.
        b->setStyleSheet(QStringLiteral("QPushButton { padding: 0px; min-width: 52px; max-width: 52px; "
                                        "min-height: 42px; max-height: 42px; }"));
        b->setFocusPolicy(Qt::NoFocus);
        b->setAutoRepeat(true);
        setFontSize(b, 16, true);
        QObject::connect(b, &QPushButton::clicked, spin, [spin, direction] { spin->stepBy(direction); });
        return b;
    };
    layout->addWidget(step(QStringLiteral("−"), "Less", -1));
    layout->addWidget(spin, 1);
    layout->addWidget(step(QStringLiteral("+"), "More", 1));
    return row;
}

QComboBox *genderCombo(QWidget *parent, const QString &current)
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(QStringLiteral("genderCombo"));
    combo->setMinimumHeight(theme::TouchTarget);
    for (const QString &g :
         {QString(), QStringLiteral("female"), QStringLiteral("male"), QStringLiteral("other")})
        combo->addItem(UiText::gender(g), g);
    combo->setCurrentIndex(qMax(0, combo->findData(current)));
    return combo;
}

QLabel *heading(QWidget *parent, const QString &text, int pointSize)
{
    auto *label = new QLabel(text, parent);
    setFontSize(label, pointSize, true);
    return label;
}

QLabel *explanation(QWidget *parent, const QString &text)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setStyleSheet(theme::textStyle(theme::Colour::Secondary));
    return label;
}

void setFontSize(QWidget *widget, int pointSize, bool bold)
{
    QFont f = widget->font();
    f.setPointSize(pointSize);
    f.setBold(bold);
    widget->setFont(f);
}

} // namespace counterpart::widgets
