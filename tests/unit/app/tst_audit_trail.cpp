// The audit trail as a manager reads it: filtered by store days, member and staff; manager only; the
// CSV export is itself audited.

#include "app/AuditTrail.h"
#include "tests/support/TillFixture.h"

#include <QBuffer>
#include <QTest>

using namespace counterpart;
using namespace counterpart::test;

class TestAuditTrail : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TillFixture> m_fx;

    AuditFilter today() const
    {
        AuditFilter f;
        f.from = m_fx->till->today();
        f.to = f.from;
        return f;
    }

    static QStringList actions(const QList<AuditLine> &lines)
    {
        QStringList out;
        for (const AuditLine &l : lines)
            out << l.staffId + QLatin1Char(' ') + l.action;
        return out;
    }

private slots:
    void init()
    {
        m_fx = std::make_unique<TillFixture>();
        m_fx->options().staff = counterStaff();
        m_fx->options().signedIn = QStringLiteral("c1");
        CP_VERIFY_OK(m_fx->open());
    }
    void cleanup() { m_fx.reset(); }

    void filtersByDayMemberAndStaff()
    {
        const Member li = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        m_fx->clock.advanceDays(1);
        const Member wang = m_fx->join(QStringLiteral("13900139000"), QStringLiteral("Wang Fang"));
        CP_VERIFY_OK(m_fx->till->setNote(li.id, QStringLiteral("oat milk")));
        CP_VERIFY_OK(m_fx->signIn(QStringLiteral("m1"), QStringLiteral("2468")));
        AuditTrail trail(*m_fx->till);

        // Today: Wang's registration and the note by c1, then m1's sign-in; newest first.
        auto day = trail.read(today());
        CP_VERIFY_OK(day);
        QCOMPARE(actions(day.value()),
                 (QStringList{QStringLiteral("m1 login"), QStringLiteral("c1 member.note"),
                              QStringLiteral("c1 member.register")}));
        QCOMPARE(day->at(1).memberName, QStringLiteral("Li Na"));
        QCOMPARE(day->at(1).memberCode, li.code.digits());

        // One member over both days; one staff id; a limit.
        AuditFilter both = today();
        both.from = both.from.addDays(-1);
        both.member = li.id;
        auto ofLi = trail.read(both);
        CP_VERIFY_OK(ofLi);
        QCOMPARE(actions(ofLi.value()),
                 (QStringList{QStringLiteral("c1 member.note"), QStringLiteral("c1 member.register")}));
        both.member.reset();
        both.staffId = QStringLiteral("m1");
        QCOMPARE(actions(trail.read(both).value()), QStringList{QStringLiteral("m1 login")});
        both.staffId.clear();
        both.limit = 1;
        QCOMPARE(trail.read(both)->size(), 1);
        Q_UNUSED(wang);
    }

    void managerOnlyAndExportAudited()
    {
        m_fx->join(QStringLiteral("13800138000"), QStringLiteral("=HYPERLINK(\"x\")"));
        AuditTrail trail(*m_fx->till);
        CP_VERIFY_FAILS(trail.read(today()), ErrorCode::PermissionDenied);
        QBuffer refused;
        refused.open(QIODevice::WriteOnly);
        CP_VERIFY_FAILS(trail.exportCsv(today(), refused), ErrorCode::PermissionDenied);
        QVERIFY(refused.data().isEmpty());

        CP_VERIFY_OK(m_fx->signIn(QStringLiteral("m1"), QStringLiteral("2468")));
        auto before = trail.read(today()); // reading is not itself a line of the trail
        CP_VERIFY_OK(before);
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        auto written = trail.exportCsv(today(), out);
        CP_VERIFY_OK(written);
        QCOMPARE(written.value(), int(before->size()));
        const QStringList lines =
            QString::fromUtf8(out.data()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), before->size() + 1);
        QVERIFY(lines.first().endsWith(QStringLiteral("approved_by,details")));
        // A name a spreadsheet would run as a formula is written so that it is not.
        const QStringList registered = lines.filter(QStringLiteral("member.register"));
        QCOMPARE(registered.size(), 1);
        QVERIFY2(registered.first().contains(QStringLiteral("\"'=HYPERLINK")),
                 qPrintable(registered.first()));

        auto after = trail.read(today());
        CP_VERIFY_OK(after);
        QCOMPARE(after->first().action, QStringLiteral("audit.export"));
        QCOMPARE(after->first().staffId, QStringLiteral("m1"));
        QCOMPARE(after->first().details.value(QStringLiteral("lines")).toInt(), int(before->size()));
    }

    void badFiltersSayWhy()
    {
        CP_VERIFY_OK(m_fx->signIn(QStringLiteral("m1"), QStringLiteral("2468")));
        AuditTrail trail(*m_fx->till);
        AuditFilter backwards = today();
        backwards.from = backwards.to.addDays(1);
        CP_VERIFY_FAILS(trail.read(backwards), ErrorCode::InvalidInput);
        AuditFilter tooMany = today();
        tooMany.limit = AuditTrail::MaxLines + 1;
        CP_VERIFY_FAILS(trail.read(tooMany), ErrorCode::InvalidInput);
        AuditFilter nobody = today();
        nobody.member = Uuid::createV7(m_fx->clock);
        CP_VERIFY_FAILS(trail.read(nobody), ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestAuditTrail)
#include "tst_audit_trail.moc"
