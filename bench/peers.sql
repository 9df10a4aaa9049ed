-- The peer of issue 18: I2 (care_share), I3 in both modes (concurrency period / overlap) and I4 (followup) per
-- half-year, written as plain DuckDB SQL from the spec (shared/spec/data-layout.md and indicators.md), reading the
-- delivered CSV files directly. Run by bench/Peers.java, which fills in the ${...} placeholders and times each
-- step (a line "-- step: NAME" starts one). Counts are distinct persons per municipality and period; the
-- Netherlands (NL01) is everyone, the unknown municipality included. Assumes valid input (a generated data set
-- without faults): the rejection rules of ingest are not repeated here, only the rules that decide what counts.

-- step: read
SET threads = ${THREADS};
SET preserve_insertion_order = false;

CREATE MACRO ymd(s) AS CASE WHEN s IS NULL OR trim(s) IN ('', '88888888', '88881231') THEN NULL
                            ELSE strptime(trim(s), '%Y%m%d')::DATE END;
CREATE MACRO code2(s) AS CASE WHEN length(trim(s)) = 1 THEN '0' || trim(s) ELSE trim(s) END;
CREATE MACRO missing_part(s) AS s IS NULL OR regexp_full_match(trim(s), '|0+|-+');
-- Age in whole years on a reference date (spec "Preparing trajectories").
CREATE MACRO age_on(ref, birth) AS year(ref) - year(birth)
    - CASE WHEN month(ref) * 100 + day(ref) < month(birth) * 100 + day(birth) THEN 1 ELSE 0 END;

CREATE TABLE periods AS
SELECT (y - ${FROM}) * 2 + h - 1 AS p, y || 'HJ0' || h AS code,
       make_date(y, CASE WHEN h = 1 THEN 1 ELSE 7 END, 1) AS pstart,
       CASE WHEN h = 1 THEN make_date(y, 6, 30) ELSE make_date(y, 12, 31) END AS pend
FROM range(${FROM}, ${TO} + 1) t(y), range(1, 3) s(h);

-- A table is a file or a folder of yearly files; of several versions of one year the highest is read. A spell
-- repeated in several yearly files (same person, code, begin, and provider) is the record of the latest year.
-- Exact duplicates within a file count once. Only linkable keys (RINPERSOONS = 'R') can be in the population.
CREATE TABLE jh_files AS
SELECT *, try_cast(regexp_extract(filename, '(\d{4})BUS', 1) AS INT) AS fyear,
       coalesce(try_cast(regexp_extract(filename, 'BUSV(\d+)', 1) AS INT), 1) AS fver
FROM read_csv(${JH}, all_varchar = true, header = true, filename = true);
CREATE TABLE jh AS
WITH latest_version AS (
    SELECT * FROM jh_files QUALIFY fver = max(fver) OVER (PARTITION BY fyear)),
typed AS (
    SELECT DISTINCT filename, fyear, RINPERSOON::BIGINT AS person, code2(JGDHHULPVORM) AS hulpvorm,
           ymd(JGDHGELDIGHEIDBEGINDATUM) AS b, ymd(JGDHGELDIGHEIDEINDDATUM) AS e,
           nullif(trim(JGDHAANBIEDER), '') AS aanbieder
    FROM latest_version WHERE trim(RINPERSOONS) = 'R')
SELECT person, hulpvorm, b, e, aanbieder FROM typed
QUALIFY fyear IS NULL OR fyear = max(fyear) OVER (PARTITION BY person, hulpvorm, b, aanbieder);

CREATE TABLE jb AS
SELECT DISTINCT RINPERSOON::BIGINT AS person, ymd(JGDBGELDIGHEIDBEGINDATUM) AS b, ymd(JGDBGELDIGHEIDEINDDATUM) AS e
FROM read_csv(${JB}, all_varchar = true, header = true) WHERE trim(RINPERSOONS) = 'R';
CREATE TABLE jr AS
SELECT DISTINCT RINPERSOON::BIGINT AS person, ymd(JGDRGELDIGHEIDBEGINDATUM) AS b, ymd(JGDRGELDIGHEIDEINDDATUM) AS e
FROM read_csv(${JR}, all_varchar = true, header = true) WHERE trim(RINPERSOONS) = 'R';

-- Birth date from its parts: a missing part is empty, 0, 00, -- or ----; missing day → the 15th, missing
-- month → 1 July, missing year → no birth date (not in any population).
CREATE TABLE persons AS
SELECT RINPERSOON::BIGINT AS person,
       CASE WHEN missing_part(GBAGEBOORTEJAAR) THEN NULL
            WHEN missing_part(GBAGEBOORTEMAAND) THEN make_date(GBAGEBOORTEJAAR::INT, 7, 1)
            WHEN missing_part(GBAGEBOORTEDAG) THEN make_date(GBAGEBOORTEJAAR::INT, GBAGEBOORTEMAAND::INT, 15)
            ELSE make_date(GBAGEBOORTEJAAR::INT, GBAGEBOORTEMAAND::INT, GBAGEBOORTEDAG::INT) END AS birth
FROM read_csv(${PERSONS}, all_varchar = true, header = true) WHERE trim(RINPERSOONS) = 'R';

-- Address spells with the municipality of their object in the classification year (GEM<year>, 4 digits).
CREATE TABLE addr AS
SELECT a.person, a.b, a.e, a.object, coalesce(o.gm, 'GM----') AS gm
FROM (SELECT RINPERSOON::BIGINT AS person, ymd(GBADATUMAANVANGADRESHOUDING) AS b, ymd(GBADATUMEINDEADRESHOUDING) AS e,
             trim(SOORTOBJECTNUMMER) || ':' || trim(RINOBJECTNUMMER) AS object
      FROM read_csv(${ADDRESSES}, all_varchar = true, header = true) WHERE trim(RINPERSOONS) = 'R') a
LEFT JOIN (SELECT DISTINCT trim(SOORTOBJECTNUMMER) || ':' || trim(RINOBJECTNUMMER) AS object,
                  CASE WHEN regexp_full_match(trim(GEM${CLASS}), '\d{1,4}') THEN 'GM' || lpad(trim(GEM${CLASS}), 4, '0') END AS gm
           FROM read_csv(${OBJECTS}, all_varchar = true, header = true)) o USING (object);

-- step: link
-- Trajectories of one person, hulpvorm and provider that overlap by at least one day are one (earliest begin,
-- latest end, open wins): a new trajectory starts where the begin lies after every earlier end.
CREATE TABLE traj AS
WITH t AS (SELECT *, coalesce(e, DATE '9999-12-31') AS ef FROM jh),
g AS (SELECT *, CASE WHEN max(ef) OVER w IS NULL OR b > max(ef) OVER w THEN 1 ELSE 0 END AS starts
      FROM t WINDOW w AS (PARTITION BY person, hulpvorm, aanbieder ORDER BY b, ef ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)),
n AS (SELECT *, sum(starts) OVER (PARTITION BY person, hulpvorm, aanbieder ORDER BY b, ef ROWS UNBOUNDED PRECEDING) AS grp FROM g)
SELECT person, hulpvorm, min(b) AS b, nullif(max(ef), DATE '9999-12-31') AS e FROM n GROUP BY person, hulpvorm, aanbieder, grp;

-- Every care spell with its kind: W wijkteam (01), O other without stay (02-04), M with stay (11-14),
-- B jeugdbescherming, R jeugdreclassering.
CREATE TABLE care AS
SELECT person, CASE WHEN hulpvorm = '01' THEN 'W' WHEN hulpvorm LIKE '0%' THEN 'O' ELSE 'M' END AS kind, b, e FROM traj
UNION ALL SELECT person, 'B', b, e FROM jb
UNION ALL SELECT person, 'R', b, e FROM jr;

-- Residence on the peildatum (the period's last day): the active address spell containing it, the later
-- begin on a move day, else the latest-starting active spell; ties by object.
CREATE TABLE pop AS
WITH res AS (
    SELECT a.person, pr.p, pr.pstart, pr.pend, a.gm,
           row_number() OVER (PARTITION BY a.person, pr.p
                              ORDER BY (a.b <= pr.pend AND (a.e IS NULL OR a.e >= pr.pend)) DESC, a.b DESC, a.object) AS rn
    FROM addr a JOIN periods pr ON a.b <= pr.pend AND (a.e IS NULL OR a.e >= pr.pstart))
SELECT r.person, r.p, r.gm
FROM res r JOIN persons s USING (person)
WHERE r.rn = 1 AND s.birth IS NOT NULL AND age_on(${AGE_REF}, s.birth) BETWEEN 0 AND 22;

-- Care flags per person and period: a spell is active when begin <= period end and (open or end >= start).
CREATE TABLE flags AS
SELECT c.person, pr.p, max((kind = 'W')::INT) AS w, max((kind = 'O')::INT) AS o, max((kind = 'M')::INT) AS m,
       max((kind = 'B')::INT) AS jb, max((kind = 'R')::INT) AS jr
FROM care c JOIN periods pr ON c.b <= pr.pend AND (c.e IS NULL OR c.e >= pr.pstart)
GROUP BY c.person, pr.p;

-- step: indicators
CREATE TABLE selected(gm VARCHAR);
INSERT INTO selected SELECT unnest(string_split('${MUNICIPALITIES}', ','));

-- I2: youth-population members with an active spell of the group, and the population.
CREATE TABLE i2 AS
SELECT p, gm, 1 AS population, coalesce(w, 0) AS w, coalesce(o, 0) AS o, coalesce(m, 0) AS m,
       coalesce(jb, 0) AS jb, coalesce(jr, 0) AS jr
FROM pop LEFT JOIN flags USING (person, p);

-- I3 period mode: base = population members with wijkteam help active in P; other kinds active in P.
-- I3 overlap mode: another spell counts only when it shares a day with a wijkteam trajectory inside P.
CREATE TABLE overlap AS
SELECT w.person, pr.p, max((x.kind = 'O')::INT) AS o, max((x.kind = 'M')::INT) AS m,
       max((x.kind = 'B')::INT) AS jb, max((x.kind = 'R')::INT) AS jr
FROM care w JOIN care x ON x.person = w.person AND x.kind <> 'W'
JOIN periods pr ON w.b <= pr.pend AND (w.e IS NULL OR w.e >= pr.pstart)
WHERE w.kind = 'W'
  AND greatest(w.b, x.b, pr.pstart) <= least(coalesce(w.e, DATE '9999-12-31'), coalesce(x.e, DATE '9999-12-31'), pr.pend)
GROUP BY w.person, pr.p;

-- I4: cohort of P = population members of P whose merged wijkteam trajectory ended in P (latest end); other care
-- active on any day of the 365 days after; geography the address containing the end date, else the one of P.
CREATE TABLE i4 AS
WITH endings AS (
    SELECT t.person, pr.p, max(t.e) AS wend FROM traj t JOIN periods pr ON t.e BETWEEN pr.pstart AND pr.pend
    WHERE t.hulpvorm = '01' GROUP BY t.person, pr.p),
cohort AS (SELECT e.person, e.p, e.wend, pop.gm AS pgm FROM endings e JOIN pop USING (person, p)),
on_end AS (
    SELECT c.person, c.p, a.gm AS egm FROM cohort c JOIN addr a ON a.person = c.person
        AND a.b <= c.wend AND (a.e IS NULL OR a.e >= c.wend)
    QUALIFY row_number() OVER (PARTITION BY c.person, c.p ORDER BY a.b DESC, a.object) = 1),
hits AS (
    SELECT c.person, c.p, max((x.kind = 'O')::INT) AS o, max((x.kind = 'M')::INT) AS m,
           max((x.kind = 'B')::INT) AS jb, max((x.kind = 'R')::INT) AS jr
    FROM cohort c JOIN care x ON x.person = c.person AND x.kind <> 'W'
        AND x.b <= c.wend + 365 AND (x.e IS NULL OR x.e >= c.wend + 1)
    GROUP BY c.person, c.p)
SELECT c.p, coalesce(o.egm, c.pgm) AS gm, coalesce(h.o, 0) AS o, coalesce(h.m, 0) AS m,
       coalesce(h.jb, 0) AS jb, coalesce(h.jr, 0) AS jr
FROM cohort c LEFT JOIN on_end o USING (person, p) LEFT JOIN hits h USING (person, p);

-- Counts per selected municipality and for the Netherlands, in long form: table, count name, geography, period.
CREATE TABLE result AS
WITH i2_counts AS (
    SELECT p, CASE WHEN grouping(gm) = 1 THEN 'NL01' ELSE gm END AS geo,
           count(*) AS "POPULATION", sum(w) AS "WIJKTEAM", sum(o) AS "OVERIG_ZONDER_VERBLIJF",
           sum(greatest(w, o)) AS "ZONDER_VERBLIJF", sum(m) AS "MET_VERBLIJF", sum(greatest(w, o, m)) AS "JEUGDHULP",
           sum(jb) AS "JEUGDBESCHERMING", sum(jr) AS "JEUGDRECLASSERING"
    FROM i2 GROUP BY GROUPING SETS ((p, gm), (p))),
i3p AS (
    SELECT p, CASE WHEN grouping(gm) = 1 THEN 'NL01' ELSE gm END AS geo,
           count(*) AS "WIJKTEAM_BASE", sum(1 - greatest(o, m, jb, jr)) AS "ONLY_WIJKTEAM",
           sum(o) AS "WITH_OVERIG_ZONDER_VERBLIJF", sum(m) AS "WITH_MET_VERBLIJF", sum(jb) AS "WITH_JEUGDBESCHERMING",
           sum(jr) AS "WITH_JEUGDRECLASSERING", sum(greatest(o, m, jb, jr)) AS "WITH_ANY_OTHER"
    FROM i2 WHERE w = 1 GROUP BY GROUPING SETS ((p, gm), (p))),
i3o AS (
    SELECT p, CASE WHEN grouping(gm) = 1 THEN 'NL01' ELSE gm END AS geo,
           count(*) AS "WIJKTEAM_BASE", sum(1 - greatest(o, m, jb, jr)) AS "ONLY_WIJKTEAM",
           sum(o) AS "WITH_OVERIG_ZONDER_VERBLIJF", sum(m) AS "WITH_MET_VERBLIJF", sum(jb) AS "WITH_JEUGDBESCHERMING",
           sum(jr) AS "WITH_JEUGDRECLASSERING", sum(greatest(o, m, jb, jr)) AS "WITH_ANY_OTHER"
    FROM (SELECT b.p, b.gm, coalesce(v.o, 0) AS o, coalesce(v.m, 0) AS m, coalesce(v.jb, 0) AS jb, coalesce(v.jr, 0) AS jr
          FROM pop b JOIN flags f USING (person, p) LEFT JOIN overlap v USING (person, p) WHERE f.w = 1)
    GROUP BY GROUPING SETS ((p, gm), (p))),
i4_counts AS (
    SELECT p, CASE WHEN grouping(gm) = 1 THEN 'NL01' ELSE gm END AS geo,
           count(*) AS "COHORT", sum(1 - greatest(o, m, jb, jr)) AS "NO_OTHER_CARE", sum(greatest(o, m, jb, jr)) AS "WITH_OTHER_CARE",
           sum(o) AS "WITH_OVERIG_ZONDER_VERBLIJF", sum(m) AS "WITH_MET_VERBLIJF", sum(jb) AS "WITH_JEUGDBESCHERMING",
           sum(jr) AS "WITH_JEUGDRECLASSERING"
    FROM i4 GROUP BY GROUPING SETS ((p, gm), (p))),
long AS (
    SELECT 'care_share' AS tbl, * FROM (UNPIVOT i2_counts ON COLUMNS(* EXCLUDE (p, geo)) INTO NAME name VALUE value)
    UNION ALL SELECT 'concurrency-period', * FROM (UNPIVOT i3p ON COLUMNS(* EXCLUDE (p, geo)) INTO NAME name VALUE value)
    UNION ALL SELECT 'concurrency-overlap', * FROM (UNPIVOT i3o ON COLUMNS(* EXCLUDE (p, geo)) INTO NAME name VALUE value)
    UNION ALL SELECT 'followup', * FROM (UNPIVOT i4_counts ON COLUMNS(* EXCLUDE (p, geo)) INTO NAME name VALUE value))
SELECT l.tbl, l.name, l.geo, pr.code AS period, l.value::BIGINT AS value
FROM long l JOIN periods pr USING (p)
WHERE l.geo = 'NL01' OR l.geo IN (SELECT gm FROM selected);
