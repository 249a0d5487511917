-- SIP credentials of agents' phones (digest HA1 values, never passwords) and their registrations.
CREATE TABLE sip_credential (
  agent_id    VARCHAR(64)  PRIMARY KEY,
  realm       VARCHAR(128) NOT NULL,
  ha1_md5     VARCHAR(32)  NOT NULL,
  ha1_sha256  VARCHAR(64)  NOT NULL,
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE sip_registration (
  agent_id    VARCHAR(64)   NOT NULL,
  contact     VARCHAR(512)  NOT NULL,
  expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  call_id     VARCHAR(256)  NOT NULL,
  cseq        BIGINT        NOT NULL,
  source      VARCHAR(64)   NOT NULL,
  user_agent  VARCHAR(256)  NOT NULL,
  PRIMARY KEY (agent_id, contact)
);
CREATE INDEX sip_registration_expiry ON sip_registration (expires_at);
