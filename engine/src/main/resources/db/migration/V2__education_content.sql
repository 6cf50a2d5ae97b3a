-- What the patient was sent for an education recommendation: the catalogue text in the language
-- and variant chosen at issue time, kept as sent (a later catalogue may word it differently).
alter table recommendations add column content_language varchar(35);
alter table recommendations add column content_variant  varchar(10);
alter table recommendations add column content_format   varchar(30);
alter table recommendations add column content_title    text;
alter table recommendations add column content_summary  text;
