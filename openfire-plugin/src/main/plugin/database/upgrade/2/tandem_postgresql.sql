-- Tandem plugin schema 1 to 2, PostgreSQL. Openfire's SchemaManager runs database/upgrade/2/ when ofVersion
-- says 1 for tandem; the script records the new version itself. Same format rules as the install script.

-- Relaying while every device is away, as a per-user choice; 0 (off) for everyone at first.
ALTER TABLE tdmNotifySettings ADD COLUMN awaySeconds INTEGER DEFAULT 0 NOT NULL;

-- Which of the messages Openfire keeps offline (its ofOffline rows) the plugin has taken into the queue.
-- The offline store is the source of truth: whatever is in ofOffline and not here is still to be taken,
-- so a message stored just before a crash is taken after the restart. The key makes two servers sharing
-- this database take each message once.
CREATE TABLE tdmOfflineSeen (
  username        VARCHAR(64)   NOT NULL,
  messageID       BIGINT        NOT NULL,
  seenAt          BIGINT        NOT NULL,
  CONSTRAINT tdmOfflineSeen_pk PRIMARY KEY (username, messageID)
);

-- Schema 1 took messages into the queue as Openfire stored them: those still offline were taken already.
INSERT INTO tdmOfflineSeen (username, messageID, seenAt) SELECT username, messageID, 0 FROM ofOffline;

UPDATE ofVersion SET version = 2 WHERE name = 'tandem';
