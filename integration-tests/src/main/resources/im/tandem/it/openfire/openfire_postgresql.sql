-- Tandem's own PostgreSQL schema for the tables Openfire 4.2.0 (xmppserver 4.2.0) uses, written for the
-- test harness; it is not Openfire's distribution file. It holds the same tables, columns, keys, indexes
-- and seed rows as openfire_hsqldb.sql beside it, in PostgreSQL's types.
--
-- How Openfire finds it: DbConnectionManager reads the JDBC product name, and any name containing
-- "postgres" makes the database type postgresql. On a database without an ofVersion row SchemaManager
-- then runs resources/database/openfire_postgresql.sql from the Openfire home. PostgresSchemaTest
-- prepares every SQL statement compiled into the xmppserver jar against this file on a real server.
--
-- Format rules, set by Openfire's script runner (SchemaManager):
--   a statement ends on the line whose trimmed text ends with a semicolon, so no comment may end with one
--   lines starting with two dashes are dropped, and so are lines starting with //, #, REM, /* or *
--   kept lines are joined with spaces, so a comment after SQL on the same line would swallow the rest
--   for PostgreSQL the closing semicolon stays in the statement sent, which the driver accepts
--
-- Types, chosen by how Openfire binds each column (PostgreSQL converts nothing implicitly between
-- numbers and strings, so a mismatch fails at run time, not at prepare time):
--   CHAR(15)     dates: epoch milliseconds written by Openfire as strings zero-padded to 15 characters
--                and compared as strings (logTime > ?, emptyDate > ?)
--   BIGINT       ids from Openfire's SequenceManager and other values bound with setLong
--   INTEGER      flags, counts and enum ordinals bound with setInt (Openfire stores booleans as 0 and 1)
--   TEXT         XML and free text of any size: stanzas, vCards, private XML, pubsub payloads, property
--                values, read and written with getString and setString
--   VARCHAR(n)   sizes from XMPP's limits (RFC 7622): a localpart or a domain at most 1023, a full JID
--                3071. Names a person types get 255, descriptions 1024, fixed keywords 100.
-- PostgreSQL folds unquoted names to lower case; Openfire never quotes them, so both sides agree.
-- PostgreSQL caps one index entry at about 2700 bytes: a key whose JIDs together exceed that is
-- refused on insert. Real JIDs are far shorter, so the XMPP-sized columns stay.
-- Only keys are NOT NULL (and the ofUser dates, which Openfire parses on every load): Openfire writes
-- NULL into most other columns at some point.


-- Schema version: SchemaManager reads ofVersion and runs upgrade scripts for anything below 26.

CREATE TABLE ofVersion (
  name     VARCHAR(100) NOT NULL,
  version  INTEGER      NOT NULL,
  CONSTRAINT ofVersion_pk PRIMARY KEY (name)
);

-- Id counters for SequenceManager: id is the next value to hand out. Each server takes a block by an
-- update that names the old value, so several servers on one database never hand out the same id.

CREATE TABLE ofID (
  idType  INTEGER NOT NULL,
  id      BIGINT  NOT NULL,
  CONSTRAINT ofID_pk PRIMARY KEY (idType)
);

-- Server-wide properties (JiveProperties). Shared by every server on this database.

CREATE TABLE ofProperty (
  name       VARCHAR(255) NOT NULL,
  propValue  TEXT,
  encrypted  INTEGER,
  CONSTRAINT ofProperty_pk PRIMARY KEY (name)
);


-- Users and their passwords (plain, encrypted or SCRAM), properties and lockout flags.

CREATE TABLE ofUser (
  username           VARCHAR(1023) NOT NULL,
  storedKey          VARCHAR(255),
  serverKey          VARCHAR(255),
  salt               VARCHAR(255),
  iterations         INTEGER,
  plainPassword      VARCHAR(1024),
  encryptedPassword  VARCHAR(1024),
  name               VARCHAR(255),
  email              VARCHAR(1024),
  creationDate       CHAR(15)      NOT NULL,
  modificationDate   CHAR(15)      NOT NULL,
  CONSTRAINT ofUser_pk PRIMARY KEY (username)
);

CREATE TABLE ofUserProp (
  username   VARCHAR(1023) NOT NULL,
  name       VARCHAR(255)  NOT NULL,
  propValue  TEXT,
  CONSTRAINT ofUserProp_pk PRIMARY KEY (username, name)
);

-- The column order is part of the contract: DefaultLockOutProvider inserts without naming columns.

CREATE TABLE ofUserFlag (
  username   VARCHAR(1023) NOT NULL,
  name       VARCHAR(100)  NOT NULL,
  startTime  CHAR(15),
  endTime    CHAR(15),
  CONSTRAINT ofUserFlag_pk PRIMARY KEY (username, name)
);

CREATE TABLE ofVCard (
  username  VARCHAR(1023) NOT NULL,
  vcard     TEXT,
  CONSTRAINT ofVCard_pk PRIMARY KEY (username)
);

-- Each user's last unavailable presence, the answer to presence probes while the user is offline.

CREATE TABLE ofPresence (
  username         VARCHAR(1023) NOT NULL,
  offlinePresence  TEXT,
  offlineDate      CHAR(15),
  CONSTRAINT ofPresence_pk PRIMARY KEY (username)
);

-- XEP-0049 private XML storage.

CREATE TABLE ofPrivate (
  username     VARCHAR(1023) NOT NULL,
  name         VARCHAR(255)  NOT NULL,
  namespace    VARCHAR(1024) NOT NULL,
  privateData  TEXT,
  CONSTRAINT ofPrivate_pk PRIMARY KEY (username, name, namespace)
);

-- XEP-0016 privacy lists, each kept as its XML.

CREATE TABLE ofPrivacyList (
  username   VARCHAR(1023) NOT NULL,
  name       VARCHAR(255)  NOT NULL,
  isDefault  INTEGER,
  list       TEXT,
  CONSTRAINT ofPrivacyList_pk PRIMARY KEY (username, name)
);

-- Offline messages (XEP-0160). XEP-0013 retrieval and deletion find a message by its creationDate.

CREATE TABLE ofOffline (
  username      VARCHAR(1023) NOT NULL,
  messageID     BIGINT        NOT NULL,
  creationDate  CHAR(15),
  messageSize   INTEGER,
  stanza        TEXT,
  CONSTRAINT ofOffline_pk PRIMARY KEY (username, messageID)
);


-- Rosters (RFC 6121). sub, ask and recv hold Openfire's enum values.

CREATE TABLE ofRoster (
  rosterID  BIGINT        NOT NULL,
  username  VARCHAR(1023) NOT NULL,
  jid       VARCHAR(3071) NOT NULL,
  sub       INTEGER,
  ask       INTEGER,
  recv      INTEGER,
  nick      VARCHAR(255),
  CONSTRAINT ofRoster_pk PRIMARY KEY (rosterID)
);

CREATE INDEX ofRoster_username_idx ON ofRoster (username);

CREATE INDEX ofRoster_jid_idx ON ofRoster (jid);

CREATE TABLE ofRosterGroups (
  rosterID   BIGINT       NOT NULL,
  rank       INTEGER      NOT NULL,
  groupName  VARCHAR(255),
  CONSTRAINT ofRosterGroups_pk PRIMARY KEY (rosterID, rank)
);


-- Server-side groups. Shared rosters are stored as group properties.

CREATE TABLE ofGroup (
  groupName    VARCHAR(255) NOT NULL,
  description  VARCHAR(1024),
  CONSTRAINT ofGroup_pk PRIMARY KEY (groupName)
);

CREATE TABLE ofGroupProp (
  groupName  VARCHAR(255) NOT NULL,
  name       VARCHAR(255) NOT NULL,
  propValue  TEXT,
  CONSTRAINT ofGroupProp_pk PRIMARY KEY (groupName, name)
);

-- Shared-roster lookups search one property name across all groups.

CREATE INDEX ofGroupProp_name_idx ON ofGroupProp (name);

-- administrator belongs to the key: Openfire keeps a group's admins and its members as two lists.

CREATE TABLE ofGroupUser (
  groupName      VARCHAR(255)  NOT NULL,
  username       VARCHAR(1023) NOT NULL,
  administrator  INTEGER       NOT NULL,
  CONSTRAINT ofGroupUser_pk PRIMARY KEY (groupName, username, administrator)
);

CREATE INDEX ofGroupUser_username_idx ON ofGroupUser (username);


-- Who may connect: external components (XEP-0114) and remote servers.

CREATE TABLE ofExtComponentConf (
  subdomain   VARCHAR(1023) NOT NULL,
  wildcard    INTEGER       NOT NULL,
  secret      VARCHAR(1024),
  permission  VARCHAR(100),
  CONSTRAINT ofExtComponentConf_pk PRIMARY KEY (subdomain, wildcard)
);

CREATE TABLE ofRemoteServerConf (
  xmppDomain  VARCHAR(1023) NOT NULL,
  remotePort  INTEGER,
  permission  VARCHAR(100),
  CONSTRAINT ofRemoteServerConf_pk PRIMARY KEY (xmppDomain)
);

-- Security audit log. entryStamp is epoch milliseconds as a number (bound with setLong); node names
-- the server that wrote the entry.

CREATE TABLE ofSecurityAuditLog (
  msgID       BIGINT        NOT NULL,
  username    VARCHAR(1023),
  entryStamp  BIGINT,
  summary     VARCHAR(1024),
  node        VARCHAR(255),
  details     TEXT,
  CONSTRAINT ofSecurityAuditLog_pk PRIMARY KEY (msgID)
);

CREATE INDEX ofSecurityAuditLog_username_idx ON ofSecurityAuditLog (username);

CREATE INDEX ofSecurityAuditLog_stamp_idx ON ofSecurityAuditLog (entryStamp);


-- Multi-user chat (XEP-0045): services, rooms, affiliations, registered members and history.

CREATE TABLE ofMucService (
  serviceID    BIGINT        NOT NULL,
  subdomain    VARCHAR(1023) NOT NULL,
  description  VARCHAR(1024),
  isHidden     INTEGER,
  CONSTRAINT ofMucService_pk PRIMARY KEY (subdomain),
  CONSTRAINT ofMucService_id_uq UNIQUE (serviceID)
);

CREATE TABLE ofMucServiceProp (
  serviceID  BIGINT       NOT NULL,
  name       VARCHAR(255) NOT NULL,
  propValue  TEXT,
  CONSTRAINT ofMucServiceProp_pk PRIMARY KEY (serviceID, name)
);

CREATE TABLE ofMucRoom (
  serviceID          BIGINT        NOT NULL,
  roomID             BIGINT        NOT NULL,
  creationDate       CHAR(15),
  modificationDate   CHAR(15),
  name               VARCHAR(1023) NOT NULL,
  naturalName        VARCHAR(255),
  description        VARCHAR(1024),
  lockedDate         CHAR(15),
  emptyDate          CHAR(15),
  canChangeSubject   INTEGER,
  maxUsers           INTEGER,
  publicRoom         INTEGER,
  moderated          INTEGER,
  membersOnly        INTEGER,
  canInvite          INTEGER,
  roomPassword       VARCHAR(255),
  canDiscoverJID     INTEGER,
  logEnabled         INTEGER,
  subject            TEXT,
  rolesToBroadcast   INTEGER,
  useReservedNick    INTEGER,
  canChangeNick      INTEGER,
  canRegister        INTEGER,
  allowpm            INTEGER,
  CONSTRAINT ofMucRoom_pk PRIMARY KEY (serviceID, name),
  CONSTRAINT ofMucRoom_id_uq UNIQUE (roomID)
);

-- Only Openfire's one-off upgrade fix for schema version 21 (bugfix OF33) reads this table; it exists
-- so that code finds what it expects.

CREATE TABLE ofMucRoomProp (
  roomID     BIGINT       NOT NULL,
  name       VARCHAR(255) NOT NULL,
  propValue  TEXT,
  CONSTRAINT ofMucRoomProp_pk PRIMARY KEY (roomID, name)
);

CREATE TABLE ofMucAffiliation (
  roomID       BIGINT        NOT NULL,
  jid          VARCHAR(3071) NOT NULL,
  affiliation  INTEGER,
  CONSTRAINT ofMucAffiliation_pk PRIMARY KEY (roomID, jid)
);

-- Deleting a user removes their affiliations and memberships in every room, found by jid.

CREATE INDEX ofMucAffiliation_jid_idx ON ofMucAffiliation (jid);

-- firstName to faqentry are read only by the OF33 upgrade fix; current code uses roomID, jid, nickname.

CREATE TABLE ofMucMember (
  roomID     BIGINT        NOT NULL,
  jid        VARCHAR(3071) NOT NULL,
  nickname   VARCHAR(255),
  firstName  VARCHAR(255),
  lastName   VARCHAR(255),
  url        VARCHAR(1024),
  email      VARCHAR(1024),
  faqentry   VARCHAR(1024),
  CONSTRAINT ofMucMember_pk PRIMARY KEY (roomID, jid)
);

CREATE INDEX ofMucMember_jid_idx ON ofMucMember (jid);

-- No key: Openfire numbers messageID by counting the table's rows, which two writers can do at once.
-- History is loaded per room and per service, newer than a logTime.

CREATE TABLE ofMucConversationLog (
  roomID     BIGINT        NOT NULL,
  messageID  BIGINT,
  sender     VARCHAR(3071),
  nickname   VARCHAR(255),
  logTime    CHAR(15)      NOT NULL,
  subject    TEXT,
  body       TEXT,
  stanza     TEXT
);

CREATE INDEX ofMucConversationLog_room_idx ON ofMucConversationLog (roomID, logTime);

CREATE INDEX ofMucConversationLog_time_idx ON ofMucConversationLog (logTime);


-- Publish-subscribe (XEP-0060) and PEP (XEP-0163). serviceID is "pubsub", or a user's bare JID for PEP.

CREATE TABLE ofPubsubNode (
  serviceID            VARCHAR(3071) NOT NULL,
  nodeID               VARCHAR(1024) NOT NULL,
  leaf                 INTEGER,
  creationDate         CHAR(15),
  modificationDate     CHAR(15),
  parent               VARCHAR(1024),
  deliverPayloads      INTEGER,
  maxPayloadSize       INTEGER,
  persistItems         INTEGER,
  maxItems             INTEGER,
  notifyConfigChanges  INTEGER,
  notifyDelete         INTEGER,
  notifyRetract        INTEGER,
  presenceBased        INTEGER,
  sendItemSubscribe    INTEGER,
  publisherModel       VARCHAR(100),
  subscriptionEnabled  INTEGER,
  configSubscription   INTEGER,
  accessModel          VARCHAR(100),
  payloadType          VARCHAR(1024),
  bodyXSLT             VARCHAR(1024),
  dataformXSLT         VARCHAR(1024),
  creator              VARCHAR(3071),
  description          VARCHAR(1024),
  language             VARCHAR(255),
  name                 VARCHAR(255),
  replyPolicy          VARCHAR(100),
  associationPolicy    VARCHAR(100),
  maxLeafNodes         INTEGER,
  CONSTRAINT ofPubsubNode_pk PRIMARY KEY (serviceID, nodeID)
);

CREATE TABLE ofPubsubNodeJIDs (
  serviceID        VARCHAR(3071) NOT NULL,
  nodeID           VARCHAR(1024) NOT NULL,
  jid              VARCHAR(3071) NOT NULL,
  associationType  VARCHAR(100),
  CONSTRAINT ofPubsubNodeJIDs_pk PRIMARY KEY (serviceID, nodeID, jid)
);

CREATE TABLE ofPubsubNodeGroups (
  serviceID    VARCHAR(3071) NOT NULL,
  nodeID       VARCHAR(1024) NOT NULL,
  rosterGroup  VARCHAR(255)  NOT NULL
);

CREATE INDEX ofPubsubNodeGroups_node_idx ON ofPubsubNodeGroups (serviceID, nodeID);

CREATE TABLE ofPubsubAffiliation (
  serviceID    VARCHAR(3071) NOT NULL,
  nodeID       VARCHAR(1024) NOT NULL,
  jid          VARCHAR(3071) NOT NULL,
  affiliation  VARCHAR(100),
  CONSTRAINT ofPubsubAffiliation_pk PRIMARY KEY (serviceID, nodeID, jid)
);

CREATE TABLE ofPubsubItem (
  serviceID     VARCHAR(3071) NOT NULL,
  nodeID        VARCHAR(1024) NOT NULL,
  id            VARCHAR(1024) NOT NULL,
  jid           VARCHAR(3071),
  creationDate  CHAR(15),
  payload       TEXT,
  CONSTRAINT ofPubsubItem_pk PRIMARY KEY (serviceID, nodeID, id)
);

-- A node's items are loaded newest first and old ones trimmed by creationDate.

CREATE INDEX ofPubsubItem_date_idx ON ofPubsubItem (serviceID, nodeID, creationDate);

CREATE TABLE ofPubsubSubscription (
  serviceID          VARCHAR(3071) NOT NULL,
  nodeID             VARCHAR(1024) NOT NULL,
  id                 VARCHAR(1024) NOT NULL,
  jid                VARCHAR(3071),
  owner              VARCHAR(3071),
  state              VARCHAR(100),
  deliver            INTEGER,
  digest             INTEGER,
  digest_frequency   INTEGER,
  expire             CHAR(15),
  includeBody        INTEGER,
  showValues         VARCHAR(1024),
  subscriptionType   VARCHAR(100),
  subscriptionDepth  INTEGER,
  keyword            VARCHAR(1024),
  CONSTRAINT ofPubsubSubscription_pk PRIMARY KEY (serviceID, nodeID, id)
);

-- Each service's default node configuration: one row for leaf nodes, one for collection nodes.

CREATE TABLE ofPubsubDefaultConf (
  serviceID            VARCHAR(3071) NOT NULL,
  leaf                 INTEGER       NOT NULL,
  deliverPayloads      INTEGER,
  maxPayloadSize       INTEGER,
  persistItems         INTEGER,
  maxItems             INTEGER,
  notifyConfigChanges  INTEGER,
  notifyDelete         INTEGER,
  notifyRetract        INTEGER,
  presenceBased        INTEGER,
  sendItemSubscribe    INTEGER,
  publisherModel       VARCHAR(100),
  subscriptionEnabled  INTEGER,
  accessModel          VARCHAR(100),
  language             VARCHAR(255),
  replyPolicy          VARCHAR(100),
  associationPolicy    VARCHAR(100),
  maxLeafNodes         INTEGER,
  CONSTRAINT ofPubsubDefaultConf_pk PRIMARY KEY (serviceID, leaf)
);


-- Seed rows.

INSERT INTO ofVersion (name, version) VALUES ('openfire', 26);

-- A counter for each id type Openfire draws from SequenceManager: 18 roster items, 19 offline messages,
-- 23 MUC rooms, 25 security audit entries, 26 MUC services. MUC services start at 2 because the
-- conference service below holds id 1.

INSERT INTO ofID (idType, id) VALUES (18, 1);
INSERT INTO ofID (idType, id) VALUES (19, 1);
INSERT INTO ofID (idType, id) VALUES (23, 1);
INSERT INTO ofID (idType, id) VALUES (25, 1);
INSERT INTO ofID (idType, id) VALUES (26, 2);

-- The admin account Openfire's autosetup looks up to give it a password. It has none here, so nobody
-- can log in as admin until a setup chooses one. Its dates are epoch 0, zero-padded.

INSERT INTO ofUser (username, name, creationDate, modificationDate) VALUES ('admin', 'Administrator', '000000000000000', '000000000000000');

-- Openfire creates no MUC service by itself: this is the usual conference.<domain> service.

INSERT INTO ofMucService (serviceID, subdomain, isHidden) VALUES (1, 'conference', 0);
