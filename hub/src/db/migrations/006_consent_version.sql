-- Which text of the privacy notice a member accepted (PIPL: consent is to a specific notice).
ALTER TABLE members ADD COLUMN privacy_notice_version TEXT;
