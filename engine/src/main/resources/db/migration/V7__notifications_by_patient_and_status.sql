-- The planner reads a patient's planned and sent notifications on every message (what was already
-- announced, how many items this week, what to cancel). With only (status, next_attempt_at) and
-- (patient_id, created_at) to choose from, H2 took the status index: every planned or sent
-- notification in the database was read for each message, so ingest slowed as the outbox grew.
-- An index on both columns is chosen for all four queries, on H2 and PostgreSQL alike.
create index notifications_patient_status on notifications (patient_id, status);
