-- Transcripts of messaging interactions (chat, email, SMS, social): one row per message, numbered
-- per conversation. A writer's clientId stores a resent message once.
CREATE TABLE conversation_message (
  interaction_id  VARCHAR(36)  NOT NULL REFERENCES interaction (id) ON DELETE CASCADE,
  seq             BIGINT       NOT NULL,
  party           VARCHAR(16)  NOT NULL,
  author          VARCHAR(200) NOT NULL,
  client_id       VARCHAR(64),
  body            TEXT         NOT NULL,
  attachment_id   VARCHAR(64),
  attachment_name VARCHAR(200),
  attachment_type VARCHAR(120),
  attachment_size BIGINT,
  visibility      VARCHAR(8)   NOT NULL,
  sent_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (interaction_id, seq)
);
CREATE UNIQUE INDEX conversation_message_client ON conversation_message (interaction_id, party, client_id);

-- How far each party received and read a conversation.
CREATE TABLE conversation_receipt (
  interaction_id VARCHAR(36) NOT NULL REFERENCES interaction (id) ON DELETE CASCADE,
  party          VARCHAR(16) NOT NULL,
  kind           VARCHAR(16) NOT NULL,
  seq            BIGINT      NOT NULL,
  PRIMARY KEY (interaction_id, party, kind)
);

-- Files sent in conversations; the content is in the attachment directory under the id.
CREATE TABLE conversation_attachment (
  id             VARCHAR(36)  PRIMARY KEY,
  interaction_id VARCHAR(36)  NOT NULL REFERENCES interaction (id) ON DELETE CASCADE,
  name           VARCHAR(200) NOT NULL,
  content_type   VARCHAR(120) NOT NULL,
  size           BIGINT       NOT NULL,
  sha256         VARCHAR(64)  NOT NULL,
  stored_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX conversation_attachment_interaction ON conversation_attachment (interaction_id);
