-- Tandem plugin schema 2 to 3, MySQL. Openfire's SchemaManager runs database/upgrade/3/ when ofVersion
-- says 2 for tandem; the script records the new version itself. Same format rules as the install script.

-- One row per rate-limited key, locked (updated) while the key's events are counted and the new one is added,
-- so that parallel requests for one key, on any server sharing this database, take turns instead of all
-- counting the same events and passing the limit together.
CREATE TABLE tdmRateKey (
  rateKey         VARCHAR(100)  NOT NULL,
  lockedAt        BIGINT        NOT NULL,
  CONSTRAINT tdmRateKey_pk PRIMARY KEY (rateKey)
) ENGINE=InnoDB;

UPDATE ofVersion SET version = 3 WHERE name = 'tandem';
