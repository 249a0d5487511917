-- Web chat sessions: who the visitor said they are and the hash of their chat's secret token, so a
-- chat can be resumed after a reconnect or a restart. Messages are the core's transcript.
CREATE TABLE webchat_session (
  interaction_id VARCHAR(36)  PRIMARY KEY,
  token_hash     VARCHAR(64)  NOT NULL,
  entry          VARCHAR(64)  NOT NULL,
  visitor_name   VARCHAR(100) NOT NULL,
  visitor_email  VARCHAR(254),
  language       VARCHAR(8)   NOT NULL,
  offline        BOOLEAN      NOT NULL,
  rating         INT,
  rating_comment VARCHAR(1000),
  created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  ended_at       TIMESTAMP WITH TIME ZONE
);
