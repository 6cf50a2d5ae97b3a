-- What happened to each recommendation, as events that are only ever appended: a row is a fact
-- about the past and is never updated or deleted (a correction is a new event). The recommendation's
-- rule, code, measure, kind and rule-set version are copied in, so outcome reports need no join and
-- stay true to what was issued. detail is a short note, never a clinical value.
create table outcome_events (
    id                  varchar(36)  primary key,
    recommendation_id   varchar(36)  not null,
    patient_id          varchar(64)  not null,
    kind                varchar(30)  not null,
    at                  timestamp with time zone not null,
    rule_id             varchar(200) not null,
    code                varchar(100) not null,
    measure             varchar(50),
    recommendation_kind varchar(30)  not null,
    rule_set_version    varchar(100) not null,
    evidence            varchar(200),
    days_to_complete    integer,
    detail              varchar(500)
);
create index outcome_events_patient on outcome_events (patient_id, at);
create index outcome_events_code on outcome_events (code, at);
