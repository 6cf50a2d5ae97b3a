-- Rule sets as versioned bundles of files. A version moves draft -> approved -> active -> retired;
-- exactly one version per rule set is active. Only a draft's files change; the files of any other
-- version are history and are never rewritten.
create table rule_set_versions (
    name         varchar(100) not null,
    version      integer      not null,
    status       varchar(20)  not null,
    content_hash varchar(64)  not null,
    based_on     integer,
    created_by   varchar(100) not null,
    created_at   timestamp with time zone not null,
    approved_by  varchar(100),
    approved_at  timestamp with time zone,
    activated_at timestamp with time zone,
    primary key (name, version)
);

create table rule_set_files (
    name      varchar(100) not null,
    version   integer      not null,
    file_name varchar(200) not null,
    content   text         not null,
    primary key (name, version, file_name),
    foreign key (name, version) references rule_set_versions (name, version)
);

-- Who did what to which version, when; detail holds the diff of an edit or the problems found.
create table rule_set_audit (
    id      varchar(36)  primary key,
    name    varchar(100) not null,
    version integer,
    action  varchar(30)  not null,
    actor   varchar(100) not null,
    at      timestamp with time zone not null,
    detail  text
);
create index rule_set_audit_name on rule_set_audit (name, at);
