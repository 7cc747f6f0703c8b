-- The two Openfire 4.2.0 tables the plugin's MySQL scripts touch, in the column types Openfire 4.2.0's own
-- MySQL schema gives them, written for the test; it is not Openfire's distribution file, and the rest of
-- Openfire's tables are left out because the plugin's scripts never name them.
-- The plugin's install script records its version in ofVersion; upgrade/2 marks what waits in ofOffline.
-- Same format rules as every script Openfire's runner takes: a statement ends on the line whose trimmed
-- text ends with a semicolon, and a line starting with two dashes is dropped.

-- Schema versions, one row per component: Openfire's own and each plugin's databaseKey.
CREATE TABLE ofVersion (
  name     VARCHAR(50)  NOT NULL,
  version  INTEGER      NOT NULL,
  PRIMARY KEY (name)
);

-- Messages stored for users who were offline. creationDate is epoch milliseconds as a string zero-padded
-- to 15 characters; messageID comes from Openfire's id counter.
CREATE TABLE ofOffline (
  username      VARCHAR(64)  NOT NULL,
  messageID     BIGINT       NOT NULL,
  creationDate  CHAR(15)     NOT NULL,
  messageSize   INTEGER      NOT NULL,
  stanza        TEXT         NOT NULL,
  PRIMARY KEY (username, messageID)
);
