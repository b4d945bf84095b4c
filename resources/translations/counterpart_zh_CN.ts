<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Crypto</name>
    <message>
        <source>Encryption failed. Nothing was saved; call a technician.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A protected field could not be read: it was changed, or this till does not have the key it was saved with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file at %1 cannot be read. Ask a technician to check its permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file at %1 is not a valid key (wrong size). It was left unchanged; ask a technician to restore the right key file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file at %1 is missing, so protected fields cannot be read. Ask a technician to restore it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder for the key file at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the key file at %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Csv</name>
    <message>
        <source>Line %1 has text after a closing quote. A quote inside a quoted field is written twice (&quot;&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quoted field that starts on line %1 is never closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a CSV text file (it holds binary data).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not UTF-8 text. Save it from the spreadsheet as &quot;CSV UTF-8&quot; and try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>The database file at %1 cannot be used safely: SQLite would not switch it to write-ahead logging. Ask a technician to check that the folder is on a local disk and writable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal error: empty query.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk is full. Free some space on the till and try again; nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database file can only be read, so nothing was saved. Ask a technician to check the file&apos;s permissions and the disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database file is damaged. Do not delete it: ask a technician to run `counterpart-admin check`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is busy with another task on this till. Wait a moment and try again; nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the database file. Check that its folder exists and that this user may write to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the database file at %1. Check that the folder exists and that this user may write to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is already recorded, or it conflicts with something that is; nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The till&apos;s database reported an error (storage error). Try again; if it happens again, call a technician.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal error: a transaction was begun twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal error: commit without a transaction.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoSeeder</name>
    <message>
        <source>The till must run on the seeder&apos;s clock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number of demo members must be between 0 and %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The history must be between 0 and %1 months.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No free receipt number was found for %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoyaltyRules</name>
    <message>
        <source>%1 is not a field of the rules (misspelt?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be an object ({...})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a list ([...])</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a whole number, not %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be between %2 and %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be text (&quot;...&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be one of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs text in at least one language (en or zh)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may only contain letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos; (at most 64)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a category name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 repeats &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs at least one tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.id &quot;%2&quot; is already used by %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.thresholdSpendMinor must be 0: the first tier is the one every member starts in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.thresholdSpendMinor must be higher than %2.thresholdSpendMinor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must have weekday or dayOfMonth, not both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs weekday (1 = Monday ... 7 = Sunday) or dayOfMonth (1-31)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rules are not valid JSON: %1 at character %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rules must be a JSON object ({...})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schema must be %1; these rules were written for another version of Counterpart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>version must be at most 64 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>currency must be a three-letter ISO 4217 code such as CNY</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemberCode</name>
    <message>
        <source>The terminal number must be between %1 and %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A member code sequence starts at 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This till has used up its member codes. Ask for the terminal to be enrolled again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A member code has only digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please enter a member code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>A member code has 12 digits; this has %n.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>That member code has a typing error (check digit).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not a member code.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemberCsv</name>
    <message>
        <source>Exporting members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the export file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is empty. The first line must name the columns: phone, name, and optionally gender, birthday, marketing_consent, note.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The column &quot;%1&quot; appears twice in the first line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first line of the file must name the columns, with at least &quot;phone&quot; and &quot;name&quot; (and optionally gender, birthday, marketing_consent, note). Nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has more values than the first line has columns (a comma inside a value needs quotes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the gender &quot;%1&quot; is not female, male or other.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>marketing_consent &quot;%1&quot; is not yes or no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the birthday &quot;%1&quot; is not a date written as YYYY-MM-DD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the phone number is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 The import stopped at line %2; members imported before it were kept: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this phone number is already registered (member %1); row skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this phone number is already registered; row skipped.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemberQrPayload</name>
    <message>
        <source>This code is not a Counterpart member card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This member card is from a newer version of Counterpart. Update this till, or type the member&apos;s phone number.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Money</name>
    <message>
        <source>Please enter an amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not an amount. Type it like 12.34.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An amount cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This amount has another currency&apos;s sign; this till takes %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 amounts have no decimals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 amounts have at most %2 decimals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amounts above 100,000,000 %1 are not accepted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PhoneNumber</name>
    <message>
        <source>This phone number is too short. Check for a missing digit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This phone number is too long. Check for an extra digit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This phone number has an unknown country code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This phone number has an unknown country code (+%1...).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a valid phone number in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store&apos;s country (%1) is not known, so a number without a country code cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This phone number is too short. Add the area code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please enter a phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A phone number has only digits, and this one contains letters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A phone number has only digits, spaces, dashes, dots, brackets and a leading +.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Schema</name>
    <message>
        <source>The file at %1 is not a Counterpart database, or it is damaged beyond reading, so the till did not open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The member database at %1 is damaged, so the till did not open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A copy was kept at %1 and nothing was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A copy could not be kept beside it (is the disk full?); nothing was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Technician: keep both files, run `counterpart-admin check` for details, then restore this till from the server or a backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal error: no schema version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database was written by a newer version of Counterpart (schema %1; this program knows up to %2). Install the newer version; the file has not been changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal error: cannot migrate to that schema version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal error: migration inside a transaction.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal error: a schema migration is missing.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Stores</name>
    <message>
        <source>A value is not allowed here (for example a negative amount); nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What this refers to does not exist; nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record was not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal error: no result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal error: a record has no id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This phone number already belongs to an active member; nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This member code is already in use; nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The terminal number must be between %1 and %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal error: a stored member code is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points were already earned on this receipt at this store; nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refund is more than what is left of this purchase; nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The purchase was not found, or it was voided.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This purchase was already voided.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The purchase was not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal error: a points entry is incomplete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loyalty rules version %1 is already stored with different content.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Till</name>
    <message>
        <source>The loyalty rules stored in this till are not valid (%1). Install the rules again with counterpart-admin rules --install FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The terminal number must be between %1 and %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store needs an id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a time zone this system knows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a currency code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installing loyalty rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These rules are for %1 but this store uses %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A staff id has 1 to 32 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please type the staff member&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff are cashiers or managers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PIN has 4 to 8 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That staff id and PIN do not match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again after %1, or ask a manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many wrong PINs. This staff id is locked for 5 minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>That staff id and PIN do not match. %n more tries before the lock.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>This till&apos;s settings are incomplete (no terminal number). Run counterpart-admin check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The encryption key for ID numbers and birth dates is missing (%1). Restore it from the technician&apos;s backup; until then those fields cannot be read or saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file %1 does not belong to this database. Restore the right key from the technician&apos;s backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a manager&apos;s PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a manager; %2 is a cashier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That member is not in this till&apos;s records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say which member: a phone number, member code or card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member has the code %1 in this till.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is neither a member code nor a phone number: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member has the phone number %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This membership is closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema is version %1; this program expects %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database file is damaged; a copy was kept at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member #%1: balance %2 but the ledger adds up to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please type the member&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That name is too long (at most %1 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name has a character that cannot be shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gender is female, male, other, or left empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That birthday is not a real date in the past.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That ID number is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The note is too long (at most %1 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown registration channel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already %2&apos;s number (%3, member %4). Open that card instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This till has used up its member codes. Ask the technician to give it a new terminal number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was registered a moment ago at this till. Search for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a phone number, member code or name, or scan the member&apos;s card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member has the code %1 in this till. If the member joined at another store, the till may not have synced yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member&apos;s phone number ends in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member has the code %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member has the phone number %1. Register them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the full phone number, its last four digits, or the 12-digit member code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member&apos;s name starts with &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type exactly the last four digits of the phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the first letters of the member&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seeing an ID number or full birth date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the receipt number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That receipt number is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount must be more than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That amount is too large for one receipt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The part that earns no points cannot be more than the receipt total.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt %1 already earned %2 points for %3 on %4. Points are given once per receipt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That amount is too large to earn points on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt %1 already earned points. Points are given once per receipt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A gift was about to be given twice; nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quantity must be between 1 and 100.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no reward &apos;%1&apos; in the catalogue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 can be redeemed %n time(s) a day per member; that is used up for today.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a reward or the points to take off the bill.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points come off the bill in steps of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has %2 points; rewards start at %3 points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This needs %1 points; %2 has %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The till is offline: at most %1 points per member can be redeemed until it is back online (%2 already used). Try a smaller reward.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the receipt number of the purchase to refund.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member purchase has receipt %1 at this store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt %1 has already been refunded in full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refund must be more than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only %1 of receipt %2 is left to refund.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A refund above %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The purchase&apos;s member is missing; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An adjustment must add or take away some points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An adjustment is at most %1 points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the reason for the adjustment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjusting points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no earn or redemption that can be voided.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The last transaction is older than %n minute(s) and can no longer be voided. Use a refund instead.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Voiding another cashier&apos;s transaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The transaction to void is missing; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UiText</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping after the current step. What is done stays done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points off the bill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>d MMM</source>
        <extracomment>Date format of a day in this year, for QDate::toString (31 Dec).</extracomment>
        <translation>M月d日</translation>
    </message>
    <message>
        <source>d MMM yyyy</source>
        <extracomment>Date format of a day in another year, for QDate::toString (31 Dec 2027).</extracomment>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome gift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First-purchase gift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday gift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points given back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Female</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Male</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Nothing was changed. Try once more; if it happens again, call a technician.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Finding members, earning and redeeming still work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong inside the till (%1). Nothing was changed; please call a technician.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>The till database (default: $COUNTERPART_DB, else ./counterpart.db).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key for encrypted fields (default: $COUNTERPART_KEY_FILE, else beside the program&apos;s data).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print one JSON document on standard output.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run as if it were this time (ISO 8601; without an offset, the store&apos;s local time). For scripts and tests.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TIME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of messages: en or zh_CN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LANG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>say which command to run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no command &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--lang is en or zh_CN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give the text to search as one argument (in quotes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give one of %1, or a text to search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give one of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no till database at %1. Set one up with: %2 --db %1 init</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--now needs a time written as ISO 8601, such as 2026-03-08T10:00:00+08:00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: %1 [global options] %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run &quot;%1 %2 --help&quot; for more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: %1 [--db FILE] [--json] COMMAND [options]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run &quot;%1 --help&quot; for the list of commands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: %1 [global options] COMMAND [options]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The technician&apos;s tool for a Counterpart till database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global options:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the till database (default: $COUNTERPART_DB, else ./counterpart.db)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the key for encrypted fields (default: $COUNTERPART_KEY_FILE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print one JSON document on standard output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run as if it were this time (ISO 8601), for scripts and tests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>en or zh_CN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit status: 0 done, 1 refused or invalid request, 2 wrong command line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run &quot;%1 COMMAND --help&quot; for a command&apos;s options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points off the bill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome gift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First purchase gift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday gift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points given back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a whole number from %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID|CODE|PHONE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The member: phone number, member code, card payload or member id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up a new till database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store id (default S001).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store name, for people.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This till&apos;s number, 10000-99999, unique in the chain (default: random).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where phone numbers are read (default CN).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store&apos;s time zone (default Asia/Shanghai).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ZONE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ISO 4217 currency (default CNY).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CODE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill the database with realistic demo members and history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many demo members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random seed: the same seed gives the same data (default 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Months of history (default 18).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed even though the database already has members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register a new member.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile number, as typed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The member&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>female, male or other.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>G</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birth date (kept encrypted; month and day are used).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID number (kept encrypted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The member agrees to marketing messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A note for cashiers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find members by phone, last four digits, name, code, card, or any of these as text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last four digits of the phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NNNN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First letters of the name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PREFIX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>12-digit member code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the scanner read from a card (CP1:...).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PAYLOAD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give points for a purchase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receipt total.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMOUNT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt number (earns once per store).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part of the total that earns no points (tobacco...).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show what would be earned, and save nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend points on a reward or on money off the bill.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Catalogue reward id (see: rules --show).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many of the reward (default 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points to take off the bill.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receipt the points are spent on (a full refund gives them back).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply the offline redemption cap.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund a purchase, in full or in part, and take back its points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt number of the purchase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount refunded (default: all that is left).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store of the purchase (default: this one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add or take away points, with a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points to add (negative: to take away).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why (kept in the audit trail).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take back the member&apos;s last earn or redemption, within the void window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show a member&apos;s points history, newest first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many entries (default 20).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show everything the member card shows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expire points that are past their date (normally run by the till every day).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the scheduled tier evaluation (downgrades after the grace period).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the database: integrity, balances against the ledger, sync queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full integrity check (slower).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export members to a CSV file (personal data: keep it safe).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CSV file to write (- for standard output).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register members from a CSV file; bad rows are reported by line and skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CSV file to read (- for standard input).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import nothing if any row has a problem.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the loyalty rules, or install a new rules document.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the active rules.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install this rules document (JSON).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a cashier or manager (the PIN is read from standard input unless --pin is given).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff id used to log in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cashier or manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ROLE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4 to 8 digits (visible to other users of this computer: prefer standard input).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--region is a two-letter country code such as CN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time zone this system knows (for example Asia/Shanghai).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--store needs a store id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is already a database at %1. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up the encryption key file with the database: without it, ID numbers and birth dates cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database already has %1 members. Demo members and purchases would sync to head office like real ones: use a new database, or add --force.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seeding demo data...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seeding was stopped; what was done so far was kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seeded %1 members in %2 s (%3 members a second).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purchases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redemptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 earned, %2 redeemed, %3 expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthdays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 this week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--birthday is a date written as YYYY-MM-DD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered %1: member %2 (%3), phone %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome gift: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member has that phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member&apos;s phone number ends in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member&apos;s name starts with &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member has that code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member has the scanned card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 member matches:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 members match:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Would earn %1 for %2 on receipt %3 (%4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earned %1 for %2 on receipt %3 (%4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>below the minimum spend of %1: no points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier bonus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+%1 (%2, %3%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday bonus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+%1 (%2%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>up from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--quantity goes with --reward.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Took %1 off the bill for %2 (%3 off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redeemed %1 × %2 for %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunded %1 of receipt %2 for %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points taken back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redeemed points given back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Took %1 from %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voided %1&apos;s last purchase: %2 taken back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voided %1&apos;s last redemption: %2 given back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2), %3 — newest first:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No points history yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, the top tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 more to spend for %2 (spent %3 in the last %4 months)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (worth %2) by %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can redeem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this week, and the birthday gift is waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this week (gift already given)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>today, %1% points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent purchases:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No points were due to expire.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired %1 from 1 member.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired %1 from %2 members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluated %1 members above the entry tier: %2 moved up, %3 moved down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integrity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ledger entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all agree with the ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 do not agree with the ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting to sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The check found 1 problem.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The check found %1 problems.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--json and --out - both write to standard output; choose one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 members to %2. The file holds personal data: keep it safe and delete it when it is no longer needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>standard output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is larger than %2 MB; split it into smaller files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was imported: rows with problems: %1 (--all-or-nothing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1 of %2 rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows with a phone number already registered: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns not imported: %1 (balances and tiers are never imported: points come only from the ledger).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The import was stopped; nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The import was stopped; the rows before it were kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 row was not imported; see the list above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows were not imported; see the list above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installed loyalty rules version %1. They apply from now on; earlier entries keep the version they were made under.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 per %2, from %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gifts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>welcome %1, first purchase %2, birthday %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 months after earning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend (%1 months)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Benefits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 a day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--role is cashier or manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN for %1: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added manager %1 (staff id %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added cashier %1 (staff id %2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>counterpart::CandidateModel</name>
    <message>
        <source>%1   ·   %2   ·   %3   ·   %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>counterpart::CatalogueModel</name>
    <message numerus="yes">
        <source>Can redeem (%n a day)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Can redeem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 more points needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>counterpart::EarnDialog</name>
    <message>
        <source>Earn points for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scan or type the receipt number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 268.00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of which earns no points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tobacco, gift cards, deposits (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the receipt total.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type or scan the receipt number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Below the minimum spend of %1: no purchase points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 that earns points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tier %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday bonus %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member day %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First-purchase gift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday gift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome gift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points for this receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance after: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This purchase lifts %1 to %2!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>counterpart::HistoryDialog</name>
    <message>
        <source>History of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance now: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>counterpart::HistoryModel</name>
    <message>
        <source>receipt %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>counterpart::LoginScreen</name>
    <message>
        <source>Staff id</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to the till</source>
        <translation>登录收银台</translation>
    </message>
    <message>
        <source>Type your staff id and PIN. Five wrong PINs lock the staff id for five minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Screen locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is on shift. Type the PIN to unlock, or let someone else sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up this till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This till has no staff yet. Create the first manager: they add the cashiers from Manager functions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your staff id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the manager&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two PINs are different. Type the same PIN twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your PIN.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>counterpart::MainWindow</name>
    <message>
        <source>manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cashier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counterpart till</source>
        <translation>Counterpart 收银台</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Scan the card, or type a phone number, its last 4 digits, or a name</source>
        <translation>扫会员码，或输入手机号、手机尾号4位或姓名</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>注册</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁屏</translation>
    </message>
    <message>
        <source>Scan the member&apos;s card, or type their phone number, its last four digits, or the first letters of their name, then press Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a member yet? F2 registers them in half a minute. Esc always comes back here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earn</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Redeem</source>
        <translation>兑换</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>History</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>QR card</source>
        <translation>会员码</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <source>Today is a member day: %1 points on every purchase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hello, %1. Scan a member&apos;s card to begin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody is signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On shift: %1 (%2) · screen locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On shift: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · till %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: redemptions limited to %1 per member until back online</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n member(s) found. Up and down arrows choose, Enter opens, Esc goes back.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 F2 registers this number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Happy birthday, %1! Wish them a happy birthday: their birthday gift of %2 comes with today&apos;s purchase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Happy birthday, %1! Wish them a happy birthday.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is registered: member %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 earned %2. Balance: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is now %2! Tell them the good news.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is now %2: %3. Tell them the good news!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Happy birthday, %1! Their birthday gift of %2 is on the card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First purchase: a gift of %1 is on the card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take %1 off the bill. %2 used; balance: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand over: %1. %2 used; balance: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunded %1: %2 taken back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 spent on that receipt given back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a cashier. Manager functions need a manager&apos;s staff id and PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager functions need a manager. A manager types their staff id and PIN; what they do is recorded in their name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>counterpart::ManagerApprovalDialog</name>
    <message>
        <source>A manager&apos;s PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager&apos;s staff id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the manager&apos;s staff id and PIN.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>counterpart::ManagerDialog</name>
    <message>
        <source>Manager functions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is approving. Open member: %2 (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is approving. No member is open: member functions need one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjust points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adds or takes away points, with a reason. It is a new entry in the member&apos;s history; nothing is ever edited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points (+ or −)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. points missed on receipt 1234</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjust</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo the last earn or redemption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Takes back the member&apos;s last earn or redemption, if it was made in the last few minutes. Its receipt can then be used again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. wrong member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo last transaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID number and birth date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These are stored encrypted. Looking at them is recorded in the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cashiers and managers sign in with a staff id and a PIN of 4 to 8 digits. The same id again sets a new PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. c02</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import members from a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns: phone and name, and optionally gender, birthday (YYYY-MM-DD), marketing_consent and note. Numbers that are already members are skipped. It runs in the background; Cancel keeps the rows imported so far.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All or nothing: keep no row if any row is wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a CSV file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adds made-up members with 18 months of purchases, for training and trade shows. Never on a till in service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add demo members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiry, tiers and the points check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These run by themselves on schedule; run them now after changing the rules or the clock. They run in the background.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expire old points now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate tiers now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check every balance against its history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiring old points…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 expired from %n member(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Evaluating tiers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 members evaluated: %2 moved up, %3 moved down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking every balance…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All %1 members&apos; balances match their histories. %2 changes wait to be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems found: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiry, tiers, check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the points to add (or, with a minus, to take away).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done. %1 now has %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last earn was undone: %1 taken back. Balance: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last redemption was undone: %1 given back. Balance: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birth date: %1
ID number: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two PINs are different. Type the same PIN twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 can now sign in with staff id %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1. Check the file and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing members…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Nothing was imported: %n row(s) had problems.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 rows imported, %3 already members, %4 with problems.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 demo members added with %2 purchases.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding demo members…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>counterpart::MemberCardView</name>
    <message>
        <source>Phone %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is the top tier. Thank the member for their loyalty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend %1 more by %2 for %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend %1 more for %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 expire by %2 (worth %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 expire by %2 (worth %3). The balance buys a %4 now: suggest redeeming.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday time! A gift of %1 comes with today&apos;s purchase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday time! This year&apos;s birthday gift has been given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member day: %1 points today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>welcome gift given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no welcome gift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first-purchase gift given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 waiting for the first purchase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no birthday on file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>birthday gift waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>birthday gift given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>birthday %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gifts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No note yet. F8 adds one: preferred name, what they like.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Recent visits (%n in all, last on %1)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Recent visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No purchases yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>part refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+%1 pts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>counterpart::NoteDialog</name>
    <message>
        <source>Note on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What a good shop assistant remembers: the name they like to be called, what they usually buy, sizes, allergies. Other cashiers see it on the card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. likes to be called Xiao Li; oat milk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>counterpart::PurchaseModel</name>
    <message>
        <source>Voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunded in full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can be refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>counterpart::QrCardDialog</name>
    <message>
        <source>Member card of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The member can photograph this code and show it next time, or keep the printed card. Scanning it opens the card at any till.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer could not be used. Check that it is on and has paper, or save a PDF instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>member-card-%1.pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the member card as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1. Choose another folder.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>counterpart::RedeemDialog</name>
    <message>
        <source>Redeem points for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or points off the bill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: the receipt they are spent on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redeem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take %1 off the bill for %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has %2; rewards start at %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing in the catalogue is affordable yet with %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 needs %3; the balance is %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 for %3. %4 left after.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>counterpart::RefundDialog</name>
    <message>
        <source>Refund a purchase of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick the purchase the goods came from. The points it earned are taken back in proportion to the refund.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount to refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the rest of the receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. damaged, wrong size (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no purchases to refund.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a purchase that can be refunded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund %1 of receipt %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>counterpart::RegisterDialog</name>
    <message>
        <source>Register a member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 138 0013 8000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as the member likes it written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>year-month-day, e.g. 1990-05-20 (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional; stored encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agrees to receive offers by SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter goes to the next field; Enter on the last one registers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already %2&apos;s number (%3). Open that card?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open %1&apos;s card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a new number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the birthday as year-month-day, e.g. 1990-05-20, or leave it empty.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>counterpart::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock the screen when idle for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store %1 · terminal %2 · loyalty rules %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>counterpart::TillDialog</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>counterpart::WelcomeDialog</name>
    <message>
        <source>Welcome, %1!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>our store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is now a member of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A welcome gift of %1 is already on the card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points start with today&apos;s purchase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 more with the first purchase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A birthday gift every year around %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member code %1. Scan the QR code to save it, or show it next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the card</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Counterpart: the member till.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The till&apos;s database (default: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key for encrypted fields (default: $COUNTERPART_KEY_FILE, else beside the user&apos;s data).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of the screens: en or zh_CN (kept as the till&apos;s language).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counterpart cannot start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
