-- The transactional outbox of patient notifications: rows are written in the transaction that
-- issues the recommendations they announce, and delivered afterwards by a route that retries with
-- backoff. The id is the idempotency key a gateway sees; a row leaves 'planned' once, to 'sent' or
-- 'failed', so a restart never sends it twice.
create table notifications (
    id              varchar(36)  primary key,
    patient_id      varchar(64)  not null,
    channel         varchar(10)  not null,
    address         varchar(320) not null,
    language        varchar(35)  not null,
    urgent          boolean      not null,
    status          varchar(10)  not null,
    not_before      timestamp with time zone not null,
    attempts        integer      not null,
    next_attempt_at timestamp with time zone not null,
    last_error      varchar(500),
    created_at      timestamp with time zone not null,
    sent_at         timestamp with time zone
);
create index notifications_due on notifications (status, next_attempt_at);
create index notifications_patient on notifications (patient_id, created_at);

-- Which recommendations a notification announces (several items bundle into one message).
create table notification_items (
    notification_id   varchar(36) not null references notifications (id),
    recommendation_id varchar(36) not null,
    primary key (notification_id, recommendation_id)
);
create index notification_items_recommendation on notification_items (recommendation_id);
