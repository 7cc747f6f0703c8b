-- Tandem plugin schema 3 to 4, MySQL. Openfire's SchemaManager runs database/upgrade/4/ when ofVersion
-- says 3 for tandem; the script records the new version itself. Same format rules as the install script.

-- The verified fax number, for delivery by fax; a column of its own, since a fax number is rarely the mobile
-- number SMS go to.
ALTER TABLE tdmNotifySettings ADD COLUMN fax VARCHAR(16);

UPDATE ofVersion SET version = 4 WHERE name = 'tandem';
