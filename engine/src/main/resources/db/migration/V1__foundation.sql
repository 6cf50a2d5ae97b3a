-- Cocare foundation schema. Portable between H2 (embedded default) and PostgreSQL (production):
-- no vendor upserts, identity columns or partial indexes.

-- Every body received, stored raw before anything else. Rows are never deleted; status moves
-- received -> processed | rejected | failed | duplicate (failed -> processed on replay).
create table messages (
    id               varchar(36)  primary key,
    received_at      timestamp with time zone not null,
    last_received_at timestamp with time zone not null,
    receive_count    integer      not null,
    source           varchar(300) not null,
    content_type     varchar(200),
    content_hash     varchar(64)  not null,
    business_key     varchar(300),
    body             bytea        not null,
    status           varchar(20)  not null,
    status_detail    text,
    duplicate_of     varchar(36),
    processed_at     timestamp with time zone
);
create unique index messages_content_hash on messages (content_hash);
create index messages_business_key on messages (business_key);
create index messages_status on messages (status, received_at);

-- Messages whose processing failed after receipt; replayable. One open entry per message.
create table dead_letters (
    id          varchar(36) primary key,
    message_id  varchar(36) not null references messages (id),
    failed_at   timestamp with time zone not null,
    attempts    integer     not null,
    error       text        not null,
    status      varchar(20) not null,
    replayed_at timestamp with time zone
);
create index dead_letters_message on dead_letters (message_id);
create index dead_letters_status on dead_letters (status, failed_at);

-- The accumulated record: the newest version of each resource, by type and id.
create table patient_resources (
    resource_type varchar(64) not null,
    resource_id   varchar(64) not null,
    patient_id    varchar(64) not null,
    version_id    varchar(64),
    last_updated  timestamp with time zone,
    content       text        not null,
    message_id    varchar(36),
    stored_at     timestamp with time zone not null,
    primary key (resource_type, resource_id)
);
create index patient_resources_patient on patient_resources (patient_id);

-- Recommendations issued to patients, open until completed (gap closed) or closed (no longer fires).
create table recommendations (
    id               varchar(36)  primary key,
    patient_id       varchar(64)  not null,
    code             varchar(100) not null,
    kind             varchar(30)  not null,
    measure          varchar(50),
    guideline        varchar(500),
    rule_id          varchar(200) not null,
    rule_set_version varchar(100) not null,
    reason           text         not null,
    evidence         text         not null,
    due              date         not null,
    priority         varchar(10)  not null,
    catalogue_item   varchar(100),
    status           varchar(20)  not null,
    issued_at        timestamp with time zone not null,
    closed_at        timestamp with time zone,
    close_reason     text,
    close_evidence   varchar(200)
);
create index recommendations_patient on recommendations (patient_id, status);
