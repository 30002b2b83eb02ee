-- The change feed other instances follow (TokenStore.changesSince): each update stamps its row with the new value of
-- the 'tokens' counter; inserts and deletes stamp 'tokens_structure' instead, which sends followers to a full read.
ALTER TABLE tokens ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;
CREATE INDEX idx_tokens_change_seq ON tokens (change_seq);
INSERT INTO change_counters (name, counter_value) SELECT 'tokens_structure', counter_value FROM change_counters WHERE name = 'tokens';
