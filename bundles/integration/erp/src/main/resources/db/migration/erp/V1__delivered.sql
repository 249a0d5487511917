-- What idempotent integrations delivered (e.g. one ticket per interaction), so that an event
-- delivered twice or replayed does not reach the target system twice.
CREATE TABLE erp_delivered (
  delivery VARCHAR(64) NOT NULL,
  delivery_key VARCHAR(256) NOT NULL,
  delivered_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (delivery, delivery_key)
);
