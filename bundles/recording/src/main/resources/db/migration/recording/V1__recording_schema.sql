-- Call recordings (voice storage): one row per recorded stretch of a call, and who opened which.
CREATE TABLE recording (
  id              VARCHAR(36)   PRIMARY KEY,
  interaction_id  VARCHAR(64)   NOT NULL,
  agent_id        VARCHAR(64),
  queue_id        VARCHAR(64),
  file            VARCHAR(512)  NOT NULL,
  state           VARCHAR(16)   NOT NULL,
  started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  ended_at        TIMESTAMP WITH TIME ZONE,
  duration_ms     BIGINT,
  paused_ms       BIGINT,
  bytes           BIGINT,
  sha256          VARCHAR(64),
  delete_after    TIMESTAMP WITH TIME ZONE NOT NULL,
  note            VARCHAR(256)
);
CREATE INDEX recording_interaction ON recording (interaction_id);
CREATE INDEX recording_agent ON recording (agent_id, started_at);
CREATE INDEX recording_started ON recording (started_at);
CREATE INDEX recording_expiry ON recording (state, delete_after);

CREATE TABLE recording_access (
  recording_id  VARCHAR(36)   NOT NULL,
  user_name     VARCHAR(64)   NOT NULL,
  accessed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  action        VARCHAR(16)   NOT NULL,
  purpose       VARCHAR(256)  NOT NULL
);
CREATE INDEX recording_access_recording ON recording_access (recording_id, accessed_at);
