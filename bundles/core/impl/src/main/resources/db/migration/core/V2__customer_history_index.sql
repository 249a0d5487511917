-- "Last agent" routing and customer timelines read a customer's interactions newest first.
CREATE INDEX interaction_customer ON interaction (customer_ref, created_at);
-- Routers rebuilding their view page through the active interactions by state.
CREATE INDEX interaction_state_id ON interaction (state, id);
