#include "ui/PointsDialogs.h"

#include "core/Money.h"
#include "core/ReceiptQr.h"
#include "ui/Models.h"
#include "ui/Theme.h"
#include "ui/UiText.h"
#include "ui/Widgets.h"

#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace counterpart {

namespace {

QTableView *makeTable(QWidget *parent, const char *objectName)
{
    auto *view = new QTableView(parent);
    view->setObjectName(QString::fromLatin1(objectName));
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setTabKeyNavigation(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(theme::TouchTarget);
    view->horizontalHeader()->setHighlightSections(false);
    return view;
}

void selectFirstEnabled(QTableView *view)
{
    QAbstractItemModel *model = view->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (model->flags(index) & Qt::ItemIsSelectable) {
            view->setCurrentIndex(index);
            view->selectRow(row);
            return;
        }
    }
}

QString row(const QString &what, const QString &points)
{
    return QStringLiteral("<tr><td>%1</td><td align='right' style='padding-left:24px'>%2</td></tr>")
        .arg(what.toHtmlEscaped(), points.toHtmlEscaped());
}

} // namespace

// --- earn ----------------------------------------------------------------------------------------

EarnDialog::EarnDialog(Till &till, const Member &member, QWidget *parent)
    : TillDialog(QStringLiteral("earnDialog"), tr("Earn points for %1").arg(member.name), parent)
    , m_till(till)
    , m_member(member)
{
    QFormLayout *form = addForm();
    m_receipt = addLineEdit(form, tr("Receipt number"), "receiptEdit", tr("scan or type the receipt number"));
    m_receipt->setMaxLength(64);
    m_amount = addLineEdit(form, tr("Receipt total"), "amountEdit", tr("e.g. 268.00"));
    m_excluded = addLineEdit(form, tr("Of which earns no points"), "excludedEdit",
                             tr("tobacco, gift cards, deposits (optional)"));
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("earnPreview"));
    m_preview->setTextFormat(Qt::RichText);
    m_preview->setWordWrap(true);
    // Room for every line the breakdown can have, so the dialog never has to grow while typing.
    m_preview->setMinimumHeight(300);
    m_preview->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_preview->setStyleSheet(
        QStringLiteral("background:%1; border:1px solid %2; border-radius:6px; padding:10px;")
            .arg(theme::hex(theme::Colour::Surface), theme::hex(theme::Colour::Border)));
    body()->addWidget(m_preview, 1);
    addNumberPad(NumberPad::Keys::Money);
    addCancelButton();
    m_confirm = addButton(tr("Give points"), QKeySequence(Qt::Key_Enter), "confirmButton", true);
    m_confirm->setEnabled(false);
    connect(m_confirm, &QPushButton::clicked, this, &EarnDialog::confirm);
    // A receipt QR scanned into the receipt field fills in everything the POS signed.
    m_receipt->setMaxLength(int(ReceiptQr::MaxLength));
    connect(m_receipt, &QLineEdit::textChanged, this, &EarnDialog::readReceiptCode);
    for (QLineEdit *edit : {m_receipt, m_amount, m_excluded})
        connect(edit, &QLineEdit::textChanged, this, &EarnDialog::updatePreview);
    for (QLineEdit *edit : {m_receipt, m_amount, m_excluded})
        connect(edit, &QLineEdit::returnPressed, this, &EarnDialog::enterPressed);
    updatePreview();
    m_receipt->setFocus();
    setMinimumWidth(880);
}

// A scanner types the whole code and then Enter: the code is read as soon as it is complete (its last
// field, the signature, has 22 characters).
void EarnDialog::readReceiptCode(const QString &text)
{
    if (!ReceiptQr::looksLike(text) || text.section(QLatin1Char(':'), 7).size() < 22)
        return;
    auto claim = m_till.readReceiptQr(text);
    const QSignalBlocker block(m_receipt);
    if (!claim) {
        m_receipt->clear();
        m_scanProblem = UiText::error(claim.error());
        updatePreview();
        return;
    }
    m_scanProblem.clear();
    const QString currency = m_till.config().currency;
    m_receipt->setText(claim->receipt);
    m_amount->setText(Money(claim->totalMinor, currency).toPlainString());
    m_excluded->setText(claim->excludedMinor > 0 ? Money(claim->excludedMinor, currency).toPlainString()
                                                 : QString());
    // What the POS signed is not typed over.
    for (QLineEdit *edit : {m_receipt, m_amount, m_excluded})
        edit->setReadOnly(true);
    m_fromCode =
        tr("Read from the receipt's code: sold %1.")
            .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(claim->atMs), QLocale::ShortFormat));
    updatePreview();
}

EarnRequest EarnDialog::request(QString *problem) const
{
    EarnRequest r;
    r.member = m_member.id.toString();
    r.receipt = m_receipt->text().trimmed();
    const QString currency = m_till.config().currency;
    if (m_amount->text().trimmed().isEmpty()) {
        *problem = tr("Type the receipt total.");
        return r;
    }
    auto amount = Money::parse(m_amount->text(), currency);
    if (!amount) {
        *problem = amount.error().message;
        return r;
    }
    r.amountMinor = amount->minor();
    if (!m_excluded->text().trimmed().isEmpty()) {
        auto excluded = Money::parse(m_excluded->text(), currency);
        if (!excluded) {
            *problem = excluded.error().message;
            return r;
        }
        r.excludedMinor = excluded->minor();
    }
    if (r.receipt.isEmpty())
        *problem = tr("Type or scan the receipt number.");
    return r;
}

void EarnDialog::updatePreview()
{
    clearMessage();
    m_previewOk = false;
    m_confirm->setEnabled(false);
    m_confirm->setText(UiText::withShortcut(tr("Give points"), QKeySequence(Qt::Key_Enter)));
    if (!m_scanProblem.isEmpty()) {
        m_preview->setText(theme::paragraph(theme::Colour::Problem, m_scanProblem));
        if (!m_receipt->text().isEmpty())
            m_scanProblem.clear(); // typing again starts over
        return;
    }
    QString problem;
    const EarnRequest r = request(&problem);
    if (!problem.isEmpty()) {
        m_preview->setText(theme::paragraph(theme::Colour::Hint, problem));
        return;
    }
    auto preview = m_till.previewEarn(r);
    if (!preview) {
        m_preview->setText(theme::paragraph(theme::Colour::Problem, UiText::error(preview.error())));
        return;
    }
    const EarnOutcome &o = preview.value();
    const EarnBreakdown &b = o.breakdown;
    QString html = QStringLiteral("<table cellspacing='0' cellpadding='2'>");
    if (b.belowMinimumSpend) {
        html += row(tr("Below the minimum spend of %1: no purchase points")
                        .arg(UiText::money(m_till, m_till.rules().earning.minimumSpendMinor)),
                    QStringLiteral("0"));
    } else {
        html += row(tr("%1 that earns points").arg(UiText::money(m_till, b.eligibleMinor)),
                    QStringLiteral("+") + UiText::points(b.basePoints));
        if (b.tierExtraPoints > 0)
            html += row(tr("%1 tier %2")
                            .arg(UiText::tierName(m_till, m_member.tier),
                                 UiText::multiplier(b.tierMultiplierPercent)),
                        QStringLiteral("+") + UiText::points(b.tierExtraPoints));
        if (b.bonusExtraPoints > 0) {
            const QString why =
                b.birthdayBonusApplied && b.bonusMultiplierPercent == b.birthdayMultiplierPercent
                    ? tr("Birthday bonus %1").arg(UiText::multiplier(b.bonusMultiplierPercent))
                    : tr("Member day %1").arg(UiText::multiplier(b.bonusMultiplierPercent));
            html += row(why, QStringLiteral("+") + UiText::points(b.bonusExtraPoints));
        }
    }
    for (const GiftGrant &g : o.gifts) {
        const QString what = g.kind == GiftKind::FirstPurchase ? tr("First-purchase gift")
                             : g.kind == GiftKind::Birthday    ? tr("Birthday gift")
                                                               : tr("Welcome gift");
        html += row(what, QStringLiteral("+") + UiText::points(g.points));
    }
    html += QStringLiteral("<tr><td colspan='2'><hr/></td></tr>");
    html += QStringLiteral("<tr><td><b>%1</b></td><td align='right'><b>%2</b></td></tr>")
                .arg(tr("Points for this receipt").toHtmlEscaped(), UiText::points(o.totalPoints));
    html += QStringLiteral("</table>");
    html += QStringLiteral("<p>%1</p>")
                .arg(tr("Balance after: %1")
                         .arg(UiText::pointsPhrase(m_member.balance + o.totalPoints))
                         .toHtmlEscaped());
    if (o.tierAfter != o.tierBefore)
        html += theme::paragraph(
            theme::Colour::Moment,
            tr("This purchase lifts %1 to %2!").arg(m_member.name, UiText::tierName(m_till, o.tierAfter)),
            true);
    if (!m_fromCode.isEmpty())
        html += theme::paragraph(theme::Colour::Hint, m_fromCode);
    m_preview->setText(html);
    m_previewOk = true;
    m_confirm->setEnabled(true);
    m_confirm->setText(UiText::withShortcut(tr("Give %1").arg(UiText::pointsPhrase(o.totalPoints)),
                                            QKeySequence(Qt::Key_Enter)));
}

// Enter commits a valid form from any field; otherwise it goes to the field still to fill in (a scanned
// receipt's trailing Enter lands in the amount).
void EarnDialog::enterPressed()
{
    if (m_committed)
        return;
    updatePreview();
    if (m_previewOk) {
        confirm();
        return;
    }
    if (m_receipt->text().trimmed().isEmpty())
        m_receipt->setFocus();
    else if (m_amount->text().trimmed().isEmpty() || focusWidget() == m_receipt)
        m_amount->setFocus();
}

void EarnDialog::confirm()
{
    // Once: a second Enter (the scanner's, a double press, one queued while the earn was written) finds
    // the purchase already earned and does nothing.
    if (m_committed)
        return;
    QString problem;
    const EarnRequest r = request(&problem);
    if (!problem.isEmpty()) {
        showMessage(problem, theme::Tone::Warning);
        return;
    }
    auto outcome = m_till.earn(r);
    if (!outcome) {
        showError(outcome.error());
        if (outcome.error().code == ErrorCode::Conflict) {
            m_receipt->setFocus();
            m_receipt->selectAll();
        }
        return;
    }
    m_committed = true;
    for (QWidget *w : {static_cast<QWidget *>(m_receipt), static_cast<QWidget *>(m_amount),
                       static_cast<QWidget *>(m_excluded), static_cast<QWidget *>(m_confirm)})
        w->setEnabled(false);
    accept();
    emit earned(outcome.value());
}

// --- redeem --------------------------------------------------------------------------------------

RedeemDialog::RedeemDialog(Till &till, const Member &member, QWidget *parent, const QString &rewardId,
                           const QString &foundWith)
    : TillDialog(QStringLiteral("redeemDialog"), tr("Redeem points for %1").arg(member.name), parent)
    , m_till(till)
    , m_member(member)
    , m_foundWith(foundWith)
{
    auto *balance = new QLabel(tr("Balance: %1").arg(UiText::pointsPhrase(member.balance)), this);
    balance->setObjectName(QStringLiteral("redeemBalance"));
    QFont f = balance->font();
    f.setPointSize(13);
    f.setBold(true);
    balance->setFont(f);
    body()->addWidget(balance);

    m_model = new CatalogueModel(till, this);
    m_model->setBalance(member.balance);
    m_view = makeTable(this, "catalogueView");
    m_view->setModel(m_model);
    m_view->horizontalHeader()->setSectionResizeMode(CatalogueModel::Reward, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(CatalogueModel::Cost, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(CatalogueModel::Status, QHeaderView::ResizeToContents);
    m_view->setMinimumHeight(theme::TouchTarget * 4 + 40);
    body()->addWidget(m_view, 1);

    QFormLayout *form = addForm();
    m_quantity = new QSpinBox(this);
    m_quantity->setObjectName(QStringLiteral("quantitySpin"));
    m_quantity->setRange(1, 20);
    m_quantity->setMinimumHeight(theme::TouchTarget);
    form->addRow(tr("How many"), widgets::stepper(m_quantity));
    const RedemptionRules &rr = till.rules().redemption;
    m_discount = new QSpinBox(this);
    m_discount->setObjectName(QStringLiteral("discountSpin"));
    m_discount->setMinimumHeight(theme::TouchTarget);
    const int step = qMax(1, rr.pointsForDiscountStep);
    m_discount->setSingleStep(step);
    m_discount->setRange(0, int(qMax<qint64>(0, qMin<qint64>(member.balance, 1'000'000) / step * step)));
    m_discount->setSpecialValueText(tr("none"));
    m_discount->setSuffix(tr(" points"));
    form->addRow(tr("Or points off the bill"), widgets::stepper(m_discount));
    m_receipt =
        addLineEdit(form, tr("Receipt number"), "receiptEdit", tr("optional: the receipt they are spent on"));

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("redeemSummary"));
    m_summary->setWordWrap(true);
    body()->addWidget(m_summary);
    buildAsk();
    addNumberPad(NumberPad::Keys::Digits);

    addCancelButton();
    m_confirm = addButton(tr("Redeem"), QKeySequence(Qt::Key_Enter), "confirmButton", true);
    connect(m_confirm, &QPushButton::clicked, this, &RedeemDialog::confirm);
    connect(m_view, &QAbstractItemView::activated, this, &RedeemDialog::confirm);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &RedeemDialog::updateSummary);
    connect(m_quantity, &QSpinBox::valueChanged, this, &RedeemDialog::updateSummary);
    connect(m_discount, &QSpinBox::valueChanged, this, &RedeemDialog::updateSummary);
    connect(m_receipt, &QLineEdit::returnPressed, this, &RedeemDialog::confirm);
    connect(m_digits, &QLineEdit::returnPressed, this, &RedeemDialog::confirm);
    if (const int chosen = m_model->rowOf(rewardId); chosen >= 0 && m_model->isAffordable(chosen)) {
        m_view->setCurrentIndex(m_model->index(chosen, 0));
        m_view->selectRow(chosen);
    } else {
        selectFirstEnabled(m_view);
    }
    updateSummary();
    m_view->setFocus();
    resize(980, 620);
}

void RedeemDialog::updateSummary()
{
    clearMessage();
    const QModelIndex current = m_view->currentIndex();
    const RedemptionRules &rr = m_till.rules().redemption;
    if (m_discount->value() > 0) {
        const qint64 points = m_discount->value();
        m_summary->setText(tr("Take %1 off the bill for %2. %3 left after.")
                               .arg(UiText::money(m_till, points * rr.pointValueMinor),
                                    UiText::pointsPhrase(points),
                                    UiText::pointsPhrase(m_member.balance - points)));
        setConfirm(points);
        updateAsk();
        return;
    }
    if (!current.isValid() || !(m_model->flags(current) & Qt::ItemIsSelectable)) {
        m_summary->setText(m_member.balance < rr.minimumBalance
                               ? tr("%1 has %2; rewards start at %3.")
                                     .arg(m_member.name, UiText::pointsPhrase(m_member.balance),
                                          UiText::pointsPhrase(rr.minimumBalance))
                               : tr("Nothing in the catalogue is affordable yet with %1.")
                                     .arg(UiText::pointsPhrase(m_member.balance)));
        setConfirm(0);
        updateAsk();
        return;
    }
    const int cost = m_model->data(current.siblingAtColumn(0), CostPointsRole).toInt();
    const qint64 points = qint64(cost) * m_quantity->value();
    const QString name = m_model->data(current.siblingAtColumn(CatalogueModel::Reward)).toString();
    if (points > m_member.balance) {
        m_summary->setText(
            tr("%1 × %2 needs %3; the balance is %4.")
                .arg(m_quantity->value())
                .arg(name, UiText::pointsPhrase(points), UiText::pointsPhrase(m_member.balance)));
        setConfirm(0);
        updateAsk();
        return;
    }
    m_summary->setText(
        tr("%1 × %2 for %3. %4 left after.")
            .arg(m_quantity->value())
            .arg(name, UiText::pointsPhrase(points), UiText::pointsPhrase(m_member.balance - points)));
    setConfirm(points);
    updateAsk();
}

// The button says what it takes and leaves: "Redeem 300 points · balance 118".
void RedeemDialog::setConfirm(qint64 points)
{
    const bool ok = points > 0 && points <= m_member.balance;
    const QString label =
        ok ? tr("Redeem %1 · balance %2")
                 .arg(UiText::pointsPhrase(points), UiText::points(m_member.balance - points))
           : tr("Redeem");
    m_confirm->setText(UiText::withShortcut(label, QKeySequence(Qt::Key_Enter)));
    m_confirm->setEnabled(ok);
}

// The question and the field for the digits of the member's phone: large, digits only, never filled in
// by the till (the cashier does not see the number, only its last four digits on the card).
void RedeemDialog::buildAsk()
{
    m_askBox = new QWidget(this);
    m_askBox->setObjectName(QStringLiteral("phoneDigitsBox"));
    auto *layout = new QVBoxLayout(m_askBox);
    layout->setContentsMargins(0, 0, 0, 0);
    m_ask = new QLabel(m_askBox);
    m_ask->setObjectName(QStringLiteral("phoneDigitsQuestion"));
    m_ask->setWordWrap(true);
    m_ask->setStyleSheet(theme::bannerStyle(theme::Tone::Warning));
    layout->addWidget(m_ask);
    auto *form = new QFormLayout;
    m_digits = new QLineEdit(m_askBox);
    m_digits->setObjectName(QStringLiteral("phoneDigitsEdit"));
    m_digits->setMinimumHeight(theme::TouchTarget);
    m_digits->setMaxLength(4);
    m_digits->setInputMethodHints(Qt::ImhDigitsOnly);
    m_digits->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,4}")), m_digits));
    m_digits->setPlaceholderText(tr("4 digits"));
    QFont big = m_digits->font();
    big.setPointSize(18);
    big.setLetterSpacing(QFont::AbsoluteSpacing, 6);
    m_digits->setFont(big);
    m_digits->setMaximumWidth(220);
    form->addRow(tr("Phone digits"), m_digits);
    layout->addLayout(form);
    body()->addWidget(m_askBox);
    m_askBox->hide();
}

// Asks, before the cashier confirms, when this redemption needs the digits; a lock says so and stops it.
void RedeemDialog::updateAsk()
{
    const std::optional<RedeemRequest> r = request();
    if (!m_confirm->isEnabled() || !r) {
        m_askBox->hide();
        return;
    }
    auto question = m_till.phoneDigitsQuestion(*r);
    if (!question) { // spending by card is locked for the member
        showError(question.error());
        m_askBox->hide();
        m_confirm->setEnabled(false);
        return;
    }
    if (question->isEmpty())
        m_askBox->hide();
    else
        showAsk(*question);
}

void RedeemDialog::showAsk(const QString &question)
{
    m_ask->setText(question);
    m_askBox->show();
}

std::optional<RedeemRequest> RedeemDialog::request() const
{
    RedeemRequest r;
    r.member = m_member.id.toString();
    r.foundWith = m_foundWith;
    r.receipt = m_receipt->text().trimmed();
    r.phoneDigits = m_askBox->isVisible() ? m_digits->text() : QString();
    if (m_discount->value() > 0) {
        r.discountPoints = m_discount->value();
        return r;
    }
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return std::nullopt;
    r.rewardId = m_model->data(current.siblingAtColumn(0), RewardIdRole).toString();
    r.quantity = m_quantity->value();
    return r;
}

void RedeemDialog::confirm()
{
    const std::optional<RedeemRequest> r = request();
    if (!m_confirm->isEnabled() || !r)
        return;
    auto outcome = m_till.redeem(*r);
    if (!outcome) {
        refused(outcome.error());
        return;
    }
    accept();
    emit redeemed(outcome.value());
}

// The digits asked (the field takes the keyboard), wrong (typed again), or a refusal that stops the
// redemption here (spending by card locked).
void RedeemDialog::refused(const Error &error)
{
    if (error.code == ErrorCode::SecondFactorNeeded) {
        showAsk(error.message);
        m_digits->setFocus();
        return;
    }
    showError(error);
    if (!m_askBox->isVisible())
        return;
    m_digits->clear();
    m_digits->setFocus();
    // The last wrong answer may have locked spending by card: then there is nothing more to try here.
    const std::optional<RedeemRequest> r = request();
    if (r && !m_till.phoneDigitsQuestion(*r).ok()) {
        m_askBox->hide();
        m_confirm->setEnabled(false);
    }
}

// --- refund --------------------------------------------------------------------------------------

RefundDialog::RefundDialog(Till &till, const Member &member, QWidget *parent)
    : TillDialog(QStringLiteral("refundDialog"), tr("Refund a purchase of %1").arg(member.name), parent)
    , m_till(till)
    , m_member(member)
{
    auto *hint = new QLabel(tr("Pick the purchase the goods came from. The points it earned are taken back "
                               "in proportion to the refund."),
                            this);
    hint->setWordWrap(true);
    body()->addWidget(hint);
    m_model = new PurchaseModel(till, this);
    m_view = makeTable(this, "purchaseView");
    m_view->setModel(m_model);
    auto purchases = till.purchases(member.id, 100);
    if (purchases)
        m_model->setPurchases(purchases.value());
    else
        showError(purchases.error());
    m_view->resizeColumnsToContents();
    m_view->horizontalHeader()->setSectionResizeMode(PurchaseModel::Receipt, QHeaderView::Stretch);
    m_view->setMinimumHeight(theme::TouchTarget * 5 + 40);
    body()->addWidget(m_view, 1);

    QFormLayout *form = addForm();
    m_amount = addLineEdit(form, tr("Amount to refund"), "amountEdit", tr("the rest of the receipt"));
    m_reason = addLineEdit(form, tr("Reason"), "reasonEdit", tr("e.g. damaged, wrong size (optional)"));
    m_reason->setMaxLength(200);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("refundSummary"));
    m_summary->setWordWrap(true);
    body()->addWidget(m_summary);
    addNumberPad(NumberPad::Keys::Money);

    addCancelButton();
    m_confirm = addButton(tr("Refund"), QKeySequence(Qt::Key_Enter), "confirmButton", true);
    connect(m_confirm, &QPushButton::clicked, this, [this] { confirm(std::nullopt); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &RefundDialog::selectionChanged);
    connect(m_view, &QAbstractItemView::activated, m_amount, qOverload<>(&QWidget::setFocus));
    connect(m_amount, &QLineEdit::returnPressed, m_reason, qOverload<>(&QWidget::setFocus));
    connect(m_reason, &QLineEdit::returnPressed, this, [this] { confirm(std::nullopt); });
    connect(m_amount, &QLineEdit::textChanged, this, &RefundDialog::selectionChanged);
    selectFirstEnabled(m_view);
    selectionChanged();
    m_view->setFocus();
    resize(980, 640);
}

void RefundDialog::selectionChanged()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || !m_model->data(current, RefundableRole).toBool()) {
        m_summary->setText(m_model->rowCount() == 0 ? tr("%1 has no purchases to refund.").arg(m_member.name)
                                                    : tr("Pick a purchase that can be refunded."));
        setConfirm(std::nullopt);
        return;
    }
    auto request = this->request();
    if (!request) {
        m_summary->setText(request.error().message);
        setConfirm(std::nullopt);
        return;
    }
    auto preview = m_till.previewRefund(request.value());
    if (!preview) {
        m_summary->setText(UiText::error(preview.error()));
        setConfirm(std::nullopt);
        return;
    }
    m_summary->setText(refundText(request->receipt, preview.value()));
    setConfirm(preview.value());
}

// "Refund ¥120.00 of receipt R-1: 120 points taken back. Balance after: 4,430 points."
QString RefundDialog::refundText(const QString &receipt, const RefundOutcome &preview) const
{
    QStringList said{
        tr("Refund %1 of receipt %2.").arg(UiText::money(m_till, preview.refundedMinor), receipt)};
    if (preview.pointsReversed > 0)
        said << tr("%1 taken back.").arg(UiText::pointsPhrase(preview.pointsReversed));
    if (preview.pointsRestored > 0)
        said << tr("%1 redeemed on it given back.").arg(UiText::pointsPhrase(preview.pointsRestored));
    said << tr("Balance after: %1.").arg(UiText::pointsPhrase(preview.member.balance));
    // Chinese sentences follow each other without a space.
    return said.join(QLocale().language() == QLocale::Chinese ? QString() : QStringLiteral(" "));
}

// The button says what the refund does to the points: "Refund −318 points · balance 100".
void RefundDialog::setConfirm(const std::optional<RefundOutcome> &preview)
{
    QString label = tr("Refund");
    if (preview) {
        const qint64 net = preview->pointsRestored - preview->pointsReversed;
        const QString balance = UiText::points(preview->member.balance);
        label = net == 0 ? tr("Refund · balance %1").arg(balance)
                         : tr("Refund %1 · balance %2")
                               .arg((net < 0 ? QStringLiteral("−") : QStringLiteral("+")) +
                                        UiText::pointsPhrase(std::abs(net)),
                                    balance);
    }
    m_confirm->setText(UiText::withShortcut(label, QKeySequence(Qt::Key_Enter)));
    m_confirm->setEnabled(preview.has_value());
}

// The refund as the form stands: the purchase picked, the amount typed (empty: the rest), the reason.
Result<RefundRequest> RefundDialog::request() const
{
    RefundRequest r;
    const QModelIndex current = m_view->currentIndex();
    r.receipt = m_model->data(current, ReceiptRole).toString();
    r.reason = m_reason->text().trimmed();
    if (!m_amount->text().trimmed().isEmpty()) {
        auto amount = Money::parse(m_amount->text(), m_till.config().currency);
        if (!amount)
            return amount.error();
        r.amountMinor = amount->minor();
    }
    return r;
}

void RefundDialog::confirm(const std::optional<ManagerApproval> &approval)
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || !m_model->data(current, RefundableRole).toBool()) {
        showMessage(tr("Pick a purchase that can be refunded."), theme::Tone::Warning);
        m_view->setFocus();
        return;
    }
    auto r = request();
    if (!r) {
        showMessage(r.error().message, theme::Tone::Warning);
        m_amount->setFocus();
        return;
    }
    auto outcome = m_till.refund(r.value(), approval);
    if (!outcome) {
        if (outcome.error().code == ErrorCode::PermissionDenied && !approval) {
            // The app layer says a manager must approve: ask for one, then try again with it.
            auto *pin = new ManagerApprovalDialog(m_till, outcome.error().message, this);
            connect(pin, &ManagerApprovalDialog::approved, this,
                    [this](const ManagerApproval &a) { confirm(a); });
            pin->open();
            return;
        }
        showError(outcome.error());
        return;
    }
    accept();
    emit refunded(outcome.value());
}

} // namespace counterpart
