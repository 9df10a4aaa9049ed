-- The release register (spec disclosure.md "Across releases"; issue 13): every release of the secure environment,
-- and what all releases of the same data together let a reader know. Aggregates only: no person key, no record,
-- no value of a suppressed count. Portable SQL: the same script runs on SQLite and PostgreSQL.

-- One row per "universe": the same data (delivery) counted for the same population definition. Counts of one
-- universe with the same key are the same number; version counts the releases recorded, so that a release can
-- only be recorded against the knowledge it was protected with.
CREATE TABLE universe (
    id          VARCHAR(64)  PRIMARY KEY,
    description TEXT         NOT NULL,
    version     BIGINT       NOT NULL
);

CREATE TABLE release (
    id               BIGINT       PRIMARY KEY,
    universe_id      VARCHAR(64)  NOT NULL REFERENCES universe (id),
    job              VARCHAR(200) NOT NULL,
    title            TEXT,
    user_name        VARCHAR(200),
    host             VARCHAR(200),
    created          VARCHAR(40)  NOT NULL,
    profile          TEXT,
    package_path     TEXT,
    manifest_sha256  VARCHAR(64),
    earlier_releases INTEGER      NOT NULL,
    earlier_checked  INTEGER      NOT NULL,
    counts_shown     INTEGER      NOT NULL,
    counts_primary   INTEGER      NOT NULL,
    counts_secondary INTEGER      NOT NULL,
    counts_other     INTEGER      NOT NULL
);
CREATE INDEX release_universe ON release (universe_id);
CREATE INDEX release_manifest ON release (manifest_sha256);

-- Canonical count keys (concept, geography set, period) of a universe, with what the releases did with them.
-- id: the first 8 bytes of SHA-256 over universe, concept, geo and period (the same in every environment).
CREATE TABLE count_key (
    id                BIGINT       PRIMARY KEY,
    universe_id       VARCHAR(64)  NOT NULL REFERENCES universe (id),
    concept           TEXT         NOT NULL,
    geo               VARCHAR(64)  NOT NULL,
    period            VARCHAR(64)  NOT NULL,
    family            TEXT         NOT NULL,
    published_value   BIGINT,
    published_persons BIGINT,
    published_by      BIGINT,
    suppressed_by     BIGINT
);
CREATE INDEX count_key_universe ON count_key (universe_id);
CREATE INDEX count_key_family ON count_key (family);

-- Municipality sets behind multi-member geography keys (REST rows, regions, I6 groups).
CREATE TABLE geo_set (
    id      VARCHAR(64) PRIMARY KEY,
    members TEXT        NOT NULL
);

-- Relations a reader of some release can use, over count_key ids: "S total part part ..." or "A total part".
CREATE TABLE relation (
    id            BIGINT      PRIMARY KEY,
    universe_id   VARCHAR(64) NOT NULL REFERENCES universe (id),
    body          TEXT        NOT NULL,
    first_release BIGINT      NOT NULL
);
CREATE INDEX relation_universe ON relation (universe_id);

-- Every count of every table of a release as the package shows it: status, rule, published value (null when
-- suppressed), audit interval of suppressed counts.
CREATE TABLE release_count (
    release_id  BIGINT       NOT NULL REFERENCES release (id),
    table_name  VARCHAR(200) NOT NULL,
    count_name  VARCHAR(200) NOT NULL,
    geo         VARCHAR(64)  NOT NULL,
    period      VARCHAR(64)  NOT NULL,
    key_id      BIGINT       NOT NULL,
    status      VARCHAR(20)  NOT NULL,
    rule        VARCHAR(80),
    value       BIGINT,
    audit_lower DOUBLE PRECISION,
    audit_upper DOUBLE PRECISION,
    PRIMARY KEY (release_id, table_name, count_name, geo, period)
);
