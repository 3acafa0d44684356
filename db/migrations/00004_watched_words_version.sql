-- Every change to a town's watched words bumps this number, so the posting path learns whether its compiled
-- list is current from a column it reads anyway, instead of aggregating the whole list for every post.
alter table municipalities add column watched_words_version int not null default 0;
