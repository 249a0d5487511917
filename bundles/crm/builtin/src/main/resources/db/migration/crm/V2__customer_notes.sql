-- Notes agents and supervisors write about a customer, newest read first.
CREATE TABLE crm_note (
  id VARCHAR(64) PRIMARY KEY,
  customer_id VARCHAR(64) NOT NULL REFERENCES crm_customer (id) ON DELETE CASCADE,
  author VARCHAR(100) NOT NULL,
  body VARCHAR(2000) NOT NULL,
  interaction_id VARCHAR(64),
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX crm_note_customer ON crm_note (customer_id, created_at);
