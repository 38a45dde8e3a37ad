-- 004: one-time links to the web view and the sessions they opened (hashes of the secrets only).
CREATE TABLE web_passes (id text PRIMARY KEY, seq bigint GENERATED ALWAYS AS IDENTITY, data jsonb NOT NULL);
CREATE INDEX web_passes_seq ON web_passes (seq);
CREATE INDEX web_passes_data ON web_passes USING gin (data jsonb_path_ops);
