-- Patients who opted out of outreach themselves (an unsubscribe link, the portal): one row while the
-- opt-out stands, removed when they opt back in. Like a Consent that denies outreach, it stops every
-- non-urgent message. source says how they opted out: 'unsubscribe-link' or 'portal'.
create table outreach_opt_outs (
    patient_id varchar(64) primary key,
    at         timestamp with time zone not null,
    source     varchar(20) not null
);

-- Every opt-out and opt-in as it happened, appended only: the current state above says what holds
-- now, this says since when and how it got there.
create table outreach_opt_out_events (
    id         varchar(36) primary key,
    patient_id varchar(64) not null,
    at         timestamp with time zone not null,
    action     varchar(10) not null,
    source     varchar(20) not null
);
create index outreach_opt_out_events_patient on outreach_opt_out_events (patient_id, at);
