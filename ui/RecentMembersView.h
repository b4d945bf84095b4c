#pragma once

#include "app/Till.h"

#include <QFrame>

class QLabel;
class QTableView;

namespace counterpart {

class CandidateModel;

// The idle screen's "Served recently": the last few members this till served since the cashier signed
// in (earn, redeem, refund, registration), most recent first, with what the candidate list shows of
// them (the phone masked). A tap opens one. Kept in memory only: nothing is written or logged.
class RecentMembersView : public QFrame
{
    Q_OBJECT

public:
    static constexpr int Remembered = 5;

    explicit RecentMembersView(Till &till, QWidget *parent = nullptr);
    // Puts the member first (once), dropping the oldest beyond Remembered.
    void remember(const Uuid &memberId);
    void forget(const Uuid &memberId);
    void clear();
    // The members another view remembered (the window is built again when the language changes).
    void restore(const QList<Uuid> &memberIds) { m_ids = memberIds; }
    const QList<Uuid> &members() const { return m_ids; }
    // Reads the members again (balance, last visit) and shows them; hidden when there are none.
    void refresh();

signals:
    void openRequested(const Uuid &memberId);

private:
    Till &m_till;
    QList<Uuid> m_ids;
    QLabel *m_title = nullptr;
    CandidateModel *m_model = nullptr;
    QTableView *m_view = nullptr;
};

} // namespace counterpart
