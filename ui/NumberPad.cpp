#include "ui/NumberPad.h"

#include "ui/Widgets.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>

namespace counterpart {

NumberPad::NumberPad(QWidget *scope, Keys keys, QSize keySize, QWidget *parent, const QString &enterLabel)
    : QWidget(parent)
    , m_scope(scope)
{
    setObjectName(QStringLiteral("numberPad"));
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(8);
    QStringList names = {QStringLiteral("1"),     QStringLiteral("2"), QStringLiteral("3"),
                         QStringLiteral("4"),     QStringLiteral("5"), QStringLiteral("6"),
                         QStringLiteral("7"),     QStringLiteral("8"), QStringLiteral("9"),
                         QStringLiteral("clear"), QStringLiteral("0"), QStringLiteral("back")};
    if (keys == Keys::Money)
        names[9] = QStringLiteral(".");
    for (int i = 0; i < names.size(); ++i) {
        const QString key = names.at(i);
        const QString label = key == QLatin1String("clear")  ? tr("Clear")
                              : key == QLatin1String("back") ? tr("Delete")
                                                             : key;
        auto *b = new QPushButton(label, this);
        b->setObjectName(QStringLiteral("padKey_") + key);
        b->setFocusPolicy(Qt::NoFocus);
        b->setFixedSize(keySize);
        b->setAutoRepeat(key == QLatin1String("back"));
        widgets::setFontSize(b, key.size() == 1 ? 18 : 11);
        connect(b, &QPushButton::clicked, this, [this, key] { press(key); });
        grid->addWidget(b, i / 3, i % 3);
    }
    if (!enterLabel.isEmpty()) {
        auto *enter = new QPushButton(enterLabel, this);
        enter->setObjectName(QStringLiteral("padKey_enter"));
        enter->setFocusPolicy(Qt::NoFocus);
        enter->setProperty("primary", true);
        enter->setFixedHeight(keySize.height());
        widgets::setFontSize(enter, 14, true);
        connect(enter, &QPushButton::clicked, this, [this] { press(QStringLiteral("enter")); });
        grid->addWidget(enter, 4, 0, 1, 3);
    }
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *, QWidget *now) { remember(now); });
}

bool NumberPad::takesNumbers(const QWidget *widget)
{
    if (!widget || !widget->isVisible() || !widget->isEnabled())
        return false;
    if (const auto *edit = qobject_cast<const QLineEdit *>(widget))
        return !edit->isReadOnly() && !qobject_cast<const QAbstractSpinBox *>(edit->parentWidget());
    if (const auto *spin = qobject_cast<const QAbstractSpinBox *>(widget))
        return !spin->isReadOnly();
    return false;
}

void NumberPad::remember(QWidget *now)
{
    if (takesNumbers(now) && m_scope->isAncestorOf(now))
        m_last = now;
}

QWidget *NumberPad::target() const
{
    if (m_fixed)
        return m_fixed->isEnabled() ? m_fixed.data() : nullptr;
    if (takesNumbers(m_last))
        return m_last;
    if (QWidget *focused = m_scope->focusWidget(); takesNumbers(focused))
        return focused;
    const auto fields = m_scope->findChildren<QWidget *>();
    for (QWidget *w : fields) {
        if (takesNumbers(w))
            return w;
    }
    return nullptr;
}

void NumberPad::press(const QString &key)
{
    QWidget *field = target();
    if (!field)
        return;
    field->setFocus();
    auto send = [field](int code, const QString &text) {
        QKeyEvent down(QEvent::KeyPress, code, Qt::NoModifier, text);
        QCoreApplication::sendEvent(field, &down);
        QKeyEvent up(QEvent::KeyRelease, code, Qt::NoModifier, text);
        QCoreApplication::sendEvent(field, &up);
    };
    if (key == QLatin1String("clear")) {
        if (auto *edit = qobject_cast<QLineEdit *>(field))
            edit->selectAll();
        else if (auto *spin = qobject_cast<QAbstractSpinBox *>(field))
            spin->selectAll();
        send(Qt::Key_Backspace, {});
    } else if (key == QLatin1String("back")) {
        send(Qt::Key_Backspace, {});
    } else if (key == QLatin1String("enter")) {
        send(Qt::Key_Return, QStringLiteral("\r"));
    } else if (key == QLatin1String(".")) {
        send(Qt::Key_Period, QStringLiteral("."));
    } else {
        send(Qt::Key_0 + key.toInt(), key);
    }
}

} // namespace counterpart
