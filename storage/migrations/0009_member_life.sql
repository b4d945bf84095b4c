-- Schema 9: the member's life after registration (docs/user-guide.md, "Changing a member's phone number"
-- and "Erasing a member's personal data").
--
-- A member's previous phone numbers: after a phone change the old number still finds the member until
-- `until` (the rules' members.oldPhoneDays), unless another active member holds it by then. The server
-- keeps the same list and every member change carries it, so each till finds the member by it.
CREATE TABLE member_phones (
    phone  TEXT NOT NULL,                               -- E.164
    member INTEGER NOT NULL REFERENCES members(local_id),
    until  INTEGER NOT NULL,                            -- ms since the epoch
    PRIMARY KEY (phone, member)
) WITHOUT ROWID;
CREATE INDEX member_phones_member ON member_phones(member);

-- Personal data erased at the member's request: the membership is closed, and name, phone, gender,
-- birthday, ID number and note are gone; the member's id, code, ledger and purchases stay, anonymous, so
-- balances and figures still add up.
ALTER TABLE members ADD COLUMN erased_at INTEGER;
