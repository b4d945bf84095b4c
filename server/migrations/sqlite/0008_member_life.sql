-- Schema 8: the member's life after registration.
-- A member's previous phone numbers, each findable until its "until" (the rules' members.oldPhoneDays
-- after the change): [{"phone": "+86...", "until": <ms>}], oldest first.
ALTER TABLE members ADD COLUMN previous_phones TEXT NOT NULL DEFAULT '[]';
-- Personal data erased at the member's request (status 'closed', phone '', profile '{}').
ALTER TABLE members ADD COLUMN erased_at INTEGER;
