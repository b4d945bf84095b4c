#include "ui/LookupField.h"

#include <QKeyEvent>
#include <QRegularExpression>

namespace counterpart {

LookupField::LookupField(QWidget *parent)
    : QLineEdit(parent)
{
    setObjectName(QStringLiteral("lookupField"));
    setClearButtonEnabled(true);
    // Scanners and phone numbers are plain ASCII; an input method would swallow a scan's keystrokes
    // while it composes. Names in Chinese are still typed: the hint is a preference, not a block.
    setInputMethodHints(Qt::ImhNoPredictiveText);
}

QString LookupField::lookupText() const
{
    static const QRegularExpression scan(QStringLiteral("CP[0-9]+:"),
                                         QRegularExpression::CaseInsensitiveOption);
    const QString t = text();
    qsizetype last = -1;
    for (auto it = scan.globalMatch(t); it.hasNext();)
        last = it.next().capturedStart();
    return last > 0 ? t.mid(last).trimmed() : t.trimmed();
}

void LookupField::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Up:
        emit moveSelection(-1);
        return;
    case Qt::Key_Down:
        emit moveSelection(1);
        return;
    case Qt::Key_PageUp:
        emit moveSelection(-5);
        return;
    case Qt::Key_PageDown:
        emit moveSelection(5);
        return;
    case Qt::Key_Escape:
        emit escapePressed();
        return;
    default:
        QLineEdit::keyPressEvent(event);
    }
}

} // namespace counterpart
