-- Queue visits projected from the event log (see QueueVisit); rebuilt from the log at any time.
CREATE TABLE report_visit (
  interaction_id VARCHAR(64) NOT NULL,
  visit          INT         NOT NULL,
  channel        VARCHAR(32) NOT NULL,
  queue          VARCHAR(64) NOT NULL,
  customer_ref   VARCHAR(256),
  queued_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  callback_at    TIMESTAMP WITH TIME ZONE,
  answered_at    TIMESTAMP WITH TIME ZONE,
  agent          VARCHAR(64),
  ended_at       TIMESTAMP WITH TIME ZONE,
  completed_at   TIMESTAMP WITH TIME ZONE,
  outcome        VARCHAR(32) NOT NULL,
  hold_ms        BIGINT      NOT NULL,
  hold_since     TIMESTAMP WITH TIME ZONE,
  transfers      INT         NOT NULL,
  disposition    VARCHAR(64),
  open           BOOLEAN     NOT NULL,
  PRIMARY KEY (interaction_id, visit)
);

CREATE INDEX report_visit_queued ON report_visit (queued_at);
CREATE INDEX report_visit_queue_queued ON report_visit (queue, queued_at);
CREATE INDEX report_visit_open ON report_visit (open, interaction_id);

-- How far the projection has read the event log.
CREATE TABLE report_cursor (
  name     VARCHAR(64) PRIMARY KEY,
  last_seq BIGINT      NOT NULL
);
INSERT INTO report_cursor (name, last_seq) VALUES ('visits', 0);
