#pragma once

#include <QLabel>

namespace counterpart {

// A one-line label that, when its row is too narrow, shows the start of its text and "…" instead of
// pushing its neighbours (the status bar's buttons) out of the window. text() stays the whole text;
// the tooltip shows it while it is cut short.
class ElidedLabel : public QLabel
{
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    QSize minimumSizeHint() const override;

    // Whether the text is cut short at the current width.
    bool isElided() const;

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
};

} // namespace counterpart
