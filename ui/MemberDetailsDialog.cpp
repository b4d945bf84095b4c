#include "ui/MemberDetailsDialog.h"

#include "ui/UiText.h"
#include "ui/Widgets.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace counterpart {

MemberDetailsDialog::MemberDetailsDialog(Till &till, const Member &member, QWidget *parent)
    : TillDialog(QStringLiteral("detailsDialog"), tr("Details of %1").arg(member.name), parent)
    , m_till(till)
    , m_member(member)
{
    QFormLayout *form = addForm();
    m_note = addLineEdit(form, tr("Note"), "noteEdit", tr("e.g. likes to be called Xiao Li; oat milk"));
    m_note->setMaxLength(500);
    m_note->setText(member.note);
    m_note->setToolTip(tr("What a good shop assistant remembers: the name they like to be called, what they "
                          "usually buy, sizes, allergies. Other cashiers see it on the card."));
    m_name = addLineEdit(form, tr("Name"), "nameEdit");
    m_name->setMaxLength(60);
    m_name->setText(member.name);
    m_gender = widgets::genderCombo(this, member.gender);
    form->addRow(tr("Gender"), m_gender);
    m_consent = new QCheckBox(tr("Agrees to receive offers by SMS"), this);
    m_consent->setObjectName(QStringLiteral("consentCheck"));
    m_consent->setChecked(member.marketingConsent);
    form->addRow(QString(), m_consent);
    addPersonalFields(form);
    addNumberPad(NumberPad::Keys::Digits);
    QPushButton *close = addButton(tr("Close membership…"), QKeySequence(), "closeMembershipButton", false);
    connect(close, &QPushButton::clicked, this, [this] {
        reject();
        emit closeRequested();
    });
    addCancelButton();
    QPushButton *ok = addButton(tr("Save"), QKeySequence(Qt::Key_Enter), "confirmButton", true);
    connect(ok, &QPushButton::clicked, this, [this] { save(std::nullopt); });
    for (QLineEdit *edit : {m_note, m_name, m_phone, m_birthday, m_idNumber})
        connect(edit, &QLineEdit::returnPressed, this, [this] { save(std::nullopt); });
    setMinimumWidth(900);
    m_note->setFocus();
}

// The birthday and ID number are never shown here (a cashier cannot read them back): a field left
// empty keeps what the member has.
void MemberDetailsDialog::addPersonalFields(QFormLayout *form)
{
    const QString keep = tr("unchanged (a new one needs a manager's PIN)");
    m_phone = addLineEdit(
        form, tr("New phone number"), "phoneEdit",
        tr("now %1 (a new one needs a manager's PIN)").arg(m_member.phone.masked(m_till.config().region)));
    m_phone->setMaxLength(32);
    m_phone->setInputMethodHints(Qt::ImhDialableCharactersOnly);
    m_birthday = addLineEdit(form, tr("New birthday"), "birthdayEdit", keep);
    m_idNumber = addLineEdit(form, tr("New ID number"), "idNumberEdit", keep);
    m_idNumber->setMaxLength(32);
    m_idNumber->setEchoMode(QLineEdit::Password);
}

std::optional<ProfileChange> MemberDetailsDialog::change()
{
    ProfileChange change;
    change.note = m_note->text();
    change.name = m_name->text();
    change.gender = m_gender->currentData().toString();
    if (const QString typed = m_birthday->text().trimmed(); !typed.isEmpty()) {
        change.birthDate = UiText::parseDate(typed);
        if (!*change.birthDate) {
            showMessage(tr("Type the birthday as year-month-day, e.g. 1990-05-20, or leave it empty."),
                        theme::Tone::Warning);
            m_birthday->setFocus();
            m_birthday->selectAll();
            return std::nullopt;
        }
    }
    if (!m_idNumber->text().trimmed().isEmpty())
        change.idNumber = m_idNumber->text();
    return change;
}

// A new number first (a number that cannot be taken leaves the rest unsaved, for the cashier to see).
Result<Member> MemberDetailsDialog::savePhone(const std::optional<ManagerApproval> &approval)
{
    const QString typed = m_phone->text().trimmed();
    if (typed.isEmpty())
        return m_member;
    const auto parsed = PhoneNumber::parse(typed, m_till.config().region);
    if (parsed && parsed->e164() == m_member.phone.e164())
        return m_member; // saved already (a save asked for a PIN after the number went through)
    auto changed = m_till.changePhone(m_member.id, typed, approval);
    if (changed)
        m_member.phone = changed->phone;
    return changed;
}

void MemberDetailsDialog::save(const std::optional<ManagerApproval> &approval)
{
    const auto wanted = change();
    if (!wanted)
        return;
    auto updated = savePhone(approval);
    if (updated)
        updated = m_till.updateProfile(m_member.id, *wanted, approval);
    if (!updated && updated.error().code == ErrorCode::PermissionDenied && !approval) {
        // A new phone, birthday or ID number: a manager comes over, then the same save again with the PIN.
        auto *pin = new ManagerApprovalDialog(m_till, updated.error().message, this);
        connect(pin, &ManagerApprovalDialog::approved, this, [this](const ManagerApproval &a) { save(a); });
        pin->open();
        return;
    }
    if (!updated) {
        showError(updated.error());
        return;
    }
    if (m_consent->isChecked() != m_member.marketingConsent) {
        if (Status s = m_till.setMarketingConsent(m_member.id, m_consent->isChecked()); !s) {
            showError(s.error());
            return;
        }
    }
    accept();
    emit saved();
}

} // namespace counterpart
