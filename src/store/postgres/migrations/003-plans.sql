-- 003: the bloc's training plans over time, and training done elsewhere waiting for an officer.
CREATE TABLE plans (id text PRIMARY KEY, seq bigint GENERATED ALWAYS AS IDENTITY, data jsonb NOT NULL);
CREATE INDEX plans_seq ON plans (seq);
CREATE INDEX plans_data ON plans USING gin (data jsonb_path_ops);
CREATE TABLE training_submissions (id text PRIMARY KEY, seq bigint GENERATED ALWAYS AS IDENTITY, data jsonb NOT NULL);
CREATE INDEX training_submissions_seq ON training_submissions (seq);
CREATE INDEX training_submissions_data ON training_submissions USING gin (data jsonb_path_ops);
