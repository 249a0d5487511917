-- The built-in CRM: customers and the identities (addresses) that lead to them.
CREATE TABLE crm_customer (
  id VARCHAR(64) PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  tier VARCHAR(40) NOT NULL,
  priority INT NOT NULL,
  tags VARCHAR(2100) NOT NULL,      -- short ids joined by '|'
  consents VARCHAR(2100) NOT NULL,  -- id=true|id=false
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  version BIGINT NOT NULL
);

CREATE INDEX crm_customer_name ON crm_customer (name);

-- One identity belongs to one customer: the primary key is what makes a lookup unambiguous.
CREATE TABLE crm_identity (
  kind VARCHAR(10) NOT NULL,
  address VARCHAR(320) NOT NULL,
  customer_id VARCHAR(64) NOT NULL REFERENCES crm_customer (id) ON DELETE CASCADE,
  PRIMARY KEY (kind, address)
);

CREATE INDEX crm_identity_customer ON crm_identity (customer_id);
