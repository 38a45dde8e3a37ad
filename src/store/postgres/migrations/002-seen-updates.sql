-- 002: updates already handled (de-duplication across instances and restarts).
CREATE TABLE seen_updates (id text PRIMARY KEY, seq bigint GENERATED ALWAYS AS IDENTITY, data jsonb NOT NULL);
CREATE INDEX seen_updates_seq ON seen_updates (seq);
CREATE INDEX seen_updates_data ON seen_updates USING gin (data jsonb_path_ops);
