<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>MemberCode</name>
    <message numerus="yes">
        <source>A member code has 12 digits; this has %n.</source>
        <translation>
            <numerusform>A member code has 12 digits; this has %n.</numerusform>
            <numerusform>A member code has 12 digits; this has %n.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PosLink</name>
    <message numerus="yes">
        <source>%1 quoted receipt %2: %n point(s) to earn.</source>
        <translation>
            <numerusform>%1 quoted receipt %2: %n point to earn.</numerusform>
            <numerusform>%1 quoted receipt %2: %n points to earn.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: receipt %2 earned %n point(s).</source>
        <translation>
            <numerusform>%1: receipt %2 earned %n point.</numerusform>
            <numerusform>%1: receipt %2 earned %n points.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 holds %n point(s) for receipt %2.</source>
        <translation>
            <numerusform>%1 holds %n point for receipt %2.</numerusform>
            <numerusform>%1 holds %n points for receipt %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n point(s) spent on the sale.</source>
        <translation>
            <numerusform>%1: %n point spent on the sale.</numerusform>
            <numerusform>%1: %n points spent on the sale.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: return %2 took back %n point(s).</source>
        <translation>
            <numerusform>%1: return %2 took back %n point.</numerusform>
            <numerusform>%1: return %2 took back %n points.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Till</name>
    <message numerus="yes">
        <source>That staff id and PIN do not match. %n more tries before the lock.</source>
        <translation>
            <numerusform>That staff id and PIN do not match. %n more try before the lock.</numerusform>
            <numerusform>That staff id and PIN do not match. %n more tries before the lock.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 can be redeemed %n time(s) a day per member; that is used up for today.</source>
        <translation>
            <numerusform>%1 can be redeemed %n time a day per member; that is used up for today.</numerusform>
            <numerusform>%1 can be redeemed %n times a day per member; that is used up for today.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The last transaction is older than %n minute(s) and can no longer be voided. Use a refund instead.</source>
        <translation>
            <numerusform>The last transaction is older than %n minute and can no longer be voided. Use a refund instead.</numerusform>
            <numerusform>The last transaction is older than %n minutes and can no longer be voided. Use a refund instead.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UiText</name>
    <message numerus="yes">
        <source>%n more visit(s) for %1.</source>
        <translation>
            <numerusform>%n more visit for %1.</numerusform>
            <numerusform>%n more visits for %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 asks for a visit at least every %n day(s).</source>
        <translation>
            <numerusform>%1 asks for a visit at least every day.</numerusform>
            <numerusform>%1 asks for a visit at least every %n days.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message numerus="yes">
        <source>Repaired %n clock stamps.</source>
        <translation>
            <numerusform>Repaired %n clock stamp.</numerusform>
            <numerusform>Repaired %n clock stamps.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clock stamps are ahead. Repair them with &quot;%1 repair-stamps&quot;.</source>
        <translation>
            <numerusform>%n clock stamp is ahead. Repair it with &quot;%1 repair-stamps&quot;.</numerusform>
            <numerusform>%n clock stamps are ahead. Repair them with &quot;%1 repair-stamps&quot;.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mended the visit counters of %n member(s):</source>
        <translation>
            <numerusform>Mended the visit counters of %n member:</numerusform>
            <numerusform>Mended the visit counters of %n members:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>counterpart::CatalogueModel</name>
    <message numerus="yes">
        <source>Can redeem (%n a day)</source>
        <translation>
            <numerusform>Can redeem (%n a day)</numerusform>
            <numerusform>Can redeem (%n a day)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>counterpart::CloseMembershipDialog</name>
    <message numerus="yes">
        <source>%Ln point(s) left will be forfeited. If the member wants them, redeem them first.</source>
        <translation>
            <numerusform>%Ln point left will be forfeited. If the member wants it, redeem it first.</numerusform>
            <numerusform>%Ln points left will be forfeited. If the member wants them, redeem them first.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>counterpart::MainWindow</name>
    <message numerus="yes">
        <source>%n thing(s) from the server for a manager to look at.</source>
        <translation>
            <numerusform>%n thing from the server for a manager to look at.</numerusform>
            <numerusform>%n things from the server for a manager to look at.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n member(s) found. Up and down arrows choose, Enter opens, Esc goes back.</source>
        <translation>
            <numerusform>%n member found. Up and down arrows choose, Enter opens, Esc goes back.</numerusform>
            <numerusform>%n members found. Up and down arrows choose, Enter opens, Esc goes back.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>counterpart::ManagerAuditPage</name>
    <message numerus="yes">
        <source>%n line(s), newest first.</source>
        <translation>
            <numerusform>%n line, newest first.</numerusform>
            <numerusform>%n lines, newest first.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) written to %1. The file names members: keep it safe.</source>
        <translation>
            <numerusform>%n line written to %1. The file names members: keep it safe.</numerusform>
            <numerusform>%n lines written to %1. The file names members: keep it safe.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>counterpart::ManagerDashboard</name>
    <message numerus="yes">
        <source>%n days, compared with the %n days before</source>
        <translation>
            <numerusform>%n day, compared with the %n day before</numerusform>
            <numerusform>%n days, compared with the %n days before</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>counterpart::ManagerDialog</name>
    <message numerus="yes">
        <source>%1 expired from %n member(s).</source>
        <translation>
            <numerusform>%1 expired from %n member.</numerusform>
            <numerusform>%1 expired from %n members.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing was imported: %n row(s) had problems.</source>
        <translation>
            <numerusform>Nothing was imported: %n row had problems.</numerusform>
            <numerusform>Nothing was imported: %n rows had problems.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>counterpart::ManagerSyncPage</name>
    <message numerus="yes">
        <source>%n change(s) waiting to be sent.</source>
        <translation>
            <numerusform>%n change waiting to be sent.</numerusform>
            <numerusform>%n changes waiting to be sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refused by the server: %n change(s). The till has taken them back (balances match the server&apos;s); redo the ones that were right.</source>
        <translation>
            <numerusform>Refused by the server: %n change. The till has taken them back (balances match the server&apos;s); redo the ones that were right.</numerusform>
            <numerusform>Refused by the server: %n changes. The till has taken them back (balances match the server&apos;s); redo the ones that were right.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>counterpart::MemberCardView</name>
    <message numerus="yes">
        <source>Recent visits (%n in all, last on %1)</source>
        <translation>
            <numerusform>Recent visits (%n in all, last on %1)</numerusform>
            <numerusform>Recent visits (%n in all, last on %1)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>counterpart::ResultPanel</name>
    <message numerus="yes">
        <source>+%Ln point(s)</source>
        <translation>
            <numerusform>+%Ln point</numerusform>
            <numerusform>+%Ln points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>−%Ln point(s)</source>
        <translation>
            <numerusform>−%Ln point</numerusform>
            <numerusform>−%Ln points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln point(s) given back</source>
        <translation>
            <numerusform>%Ln point given back</numerusform>
            <numerusform>%Ln points given back</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>counterpart::SetupWizard</name>
    <message numerus="yes">
        <source>Done: the till has %n member(s) of the chain.</source>
        <translation>
            <numerusform>Done: the till has %n member of the chain.</numerusform>
            <numerusform>Done: the till has %n members of the chain.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>counterpart::SyncStatusView</name>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused — see manager</source>
        <translation>
            <numerusform>%n refused — see manager</numerusform>
            <numerusform>%n refused — see manager</numerusform>
        </translation>
    </message>
</context>
</TS>
