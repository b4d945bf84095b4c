#pragma once

// A number pad for a till without a keyboard. It types into the field last focused inside its scope (a
// line edit or a spin box) by sending that field the keys a keyboard would, so validators, Enter and the
// fields' own signals behave exactly as when typed. Its keys never take the focus.

#include <QPointer>
#include <QWidget>

namespace counterpart {

class NumberPad : public QWidget
{
    Q_OBJECT

public:
    enum class Keys {
        Digits, // 1–9, Clear, 0, Delete: PINs, phone digits, receipts, quantities
        Money,  // as Digits, with the decimal point in place of Clear
    };
    // `scope`: the dialog or screen whose fields the pad types into. `keySize`: each key's size.
    // `enterLabel`, when given: a wide key under the others that presses Enter in the field ("Find").
    NumberPad(QWidget *scope, Keys keys, QSize keySize, QWidget *parent, const QString &enterLabel = {});
    // Types into this field only (the counter's lookup field), whatever had the focus last.
    void setTarget(QWidget *field) { m_fixed = field; }

    // The field the keys go to: the one focused last in the scope, else the scope's first such field.
    QWidget *target() const;
    // Types one key as the pad's button would: "0"–"9", ".", "clear", "back" or "enter".
    void press(const QString &key);

private:
    static bool takesNumbers(const QWidget *widget);
    void remember(QWidget *now);

    QWidget *m_scope = nullptr;
    QPointer<QWidget> m_last;
    QPointer<QWidget> m_fixed;
};

} // namespace counterpart
