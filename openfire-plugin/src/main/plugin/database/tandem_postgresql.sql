-- Tandem plugin tables, PostgreSQL. Openfire's SchemaManager runs this file once, when plugin.xml's
-- databaseKey (tandem) has no row in ofVersion yet; later versions add database/upgrade/N/ scripts.
-- Format rules set by that runner: a statement ends on the line whose trimmed text ends with a semicolon,
-- comment lines start with two dashes, and no comment may follow SQL on the same line.
-- Times are epoch milliseconds (BIGINT); flags are INTEGER 0 or 1. The same tables, columns and indexes
-- exist in tandem_hsqldb.sql and tandem_mysql.sql (SchemaScriptsTest compares them).

-- A user's choices for extension delivery. Only verified addresses are ever stored here. awaySeconds: also
-- relay messages that arrive when every device has been away that long; 0 for only when offline.
CREATE TABLE tdmNotifySettings (
  username        VARCHAR(64)   NOT NULL,
  email           VARCHAR(254),
  phone           VARCHAR(16),
  fax             VARCHAR(16),
  channels        VARCHAR(32)   NOT NULL,
  holdOffSeconds  INTEGER       NOT NULL,
  digest          INTEGER       NOT NULL,
  quietStart      VARCHAR(5),
  quietEnd        VARCHAR(5),
  timeZone        VARCHAR(64)   NOT NULL,
  smsNonContacts  INTEGER       NOT NULL,
  awaySeconds     INTEGER       DEFAULT 0 NOT NULL,
  updatedAt       BIGINT        NOT NULL,
  CONSTRAINT tdmNotifySettings_pk PRIMARY KEY (username)
);

-- An address waiting for its one-time code; the code itself is kept only as a hash.
CREATE TABLE tdmNotifyCode (
  username        VARCHAR(64)   NOT NULL,
  channel         VARCHAR(8)    NOT NULL,
  destination     VARCHAR(254)  NOT NULL,
  codeHash        VARCHAR(64)   NOT NULL,
  attemptsLeft    INTEGER       NOT NULL,
  expiresAt       BIGINT        NOT NULL,
  createdAt       BIGINT        NOT NULL,
  CONSTRAINT tdmNotifyCode_pk PRIMARY KEY (username, channel)
);

-- One row per rate-limited event (a code requested for an account, to a destination), counted in windows.
CREATE TABLE tdmRateEvent (
  rateKey         VARCHAR(100)  NOT NULL,
  happenedAt      BIGINT        NOT NULL
);
CREATE INDEX tdmRateEvent_key_idx ON tdmRateEvent (rateKey, happenedAt);

-- One row per rate-limited key, locked (updated) while the key's events are counted and the new one is added,
-- so that parallel requests for one key, on any server sharing this database, take turns instead of all
-- counting the same events and passing the limit together.
CREATE TABLE tdmRateKey (
  rateKey         VARCHAR(100)  NOT NULL,
  lockedAt        BIGINT        NOT NULL,
  CONSTRAINT tdmRateKey_pk PRIMARY KEY (rateKey)
);

-- The durable delivery queue. openKey is set only while a digest still accepts messages, and is unique,
-- so that two servers sharing this database never open two digests for the same user and channel.
CREATE TABLE tdmDelivery (
  id              VARCHAR(36)   NOT NULL,
  username        VARCHAR(64)   NOT NULL,
  channel         VARCHAR(8)    NOT NULL,
  kind            VARCHAR(8)    NOT NULL,
  state           VARCHAR(10)   NOT NULL,
  openKey         VARCHAR(80),
  destination     VARCHAR(254),
  subject         VARCHAR(255),
  body            VARCHAR(4000),
  itemCount       INTEGER       NOT NULL,
  dueAt           BIGINT        NOT NULL,
  leaseToken      VARCHAR(80),
  leaseUntil      BIGINT,
  attempts        INTEGER       NOT NULL,
  lastError       VARCHAR(1000),
  createdAt       BIGINT        NOT NULL,
  finishedAt      BIGINT,
  CONSTRAINT tdmDelivery_pk PRIMARY KEY (id)
);
CREATE UNIQUE INDEX tdmDelivery_open_idx ON tdmDelivery (openKey);
CREATE INDEX tdmDelivery_due_idx ON tdmDelivery (state, dueAt);
CREATE INDEX tdmDelivery_user_idx ON tdmDelivery (username, state);

-- The messages summed up by a digest, in arrival order.
CREATE TABLE tdmDeliveryItem (
  deliveryId      VARCHAR(36)   NOT NULL,
  seq             INTEGER       NOT NULL,
  sender          VARCHAR(255)  NOT NULL,
  excerpt         VARCHAR(1000) NOT NULL,
  sentAt          BIGINT        NOT NULL,
  CONSTRAINT tdmDeliveryItem_pk PRIMARY KEY (deliveryId, seq)
);

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

INSERT INTO ofVersion (name, version) VALUES ('tandem', 4);
