-- Agent state spans projected from the agent events (see AgentSpan); rebuilt with the visits.
CREATE TABLE report_agent_span (
  agent      VARCHAR(64) NOT NULL,
  seq        BIGINT      NOT NULL,   -- the event that opened the span: unique per agent
  state      VARCHAR(16) NOT NULL,
  reason     VARCHAR(200),
  started_at TIMESTAMP WITH TIME ZONE NOT NULL,
  ended_at   TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (agent, seq)
);

CREATE INDEX report_agent_span_started ON report_agent_span (started_at);
CREATE INDEX report_agent_span_open ON report_agent_span (ended_at, agent);
