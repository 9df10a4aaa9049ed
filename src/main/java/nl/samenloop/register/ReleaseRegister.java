package nl.samenloop.register;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import nl.samenloop.disclosure.Canonical;
import nl.samenloop.disclosure.Decision;
import nl.samenloop.disclosure.Disclosure;
import nl.samenloop.disclosure.History;
import nl.samenloop.disclosure.ProtectedTable;
import nl.samenloop.disclosure.Status;
import nl.samenloop.indicators.Count;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Relation;
import org.flywaydb.core.Flyway;

/**
 * The release register of a secure environment (spec disclosure.md "Across releases"): every release that
 * left it, and what all releases of the same data together let a reader know — the counts they published,
 * the counts they suppressed, the relations among them. Disclosure control reads it as a {@link History};
 * a release is recorded here once its package passed, inside one transaction, and only if no other release
 * of the same data was recorded since the history was read ({@link Changed}): two releases finishing at the
 * same moment never both pass on stale knowledge.
 *
 * <p>It holds aggregates only: counts, their persons where published, statuses and relations. Never a person
 * key, never the value of a suppressed count. What it keeps grows with the distinct counts of a data delivery,
 * not with the number of releases: a count or relation released again is stored once.
 *
 * <p>A SQLite file by default, PostgreSQL for a team ({@link RegisterLocation}); the schema is versioned with
 * Flyway ({@code db/register/V*.sql}, portable SQL).
 */
public final class ReleaseRegister implements AutoCloseable {
    /** Another release of the same data was recorded after this one's history was read: protect again. */
    public static final class Changed extends RuntimeException {
        Changed(String message) {
            super(message);
        }
    }

    /** The same data counted for the same population: counts with one key in one universe are one number. */
    public record Universe(String id, String description) {
        public static Universe of(String description) {
            return new Universe(Canonical.sha256(description).substring(0, 32), description);
        }
    }

    /** Who released what, for the record. */
    public record ReleaseInfo(String job, String title, String user, String host, Instant created, String profile,
                              String packagePath, String manifestSha256) {
    }

    /** One release as {@code samenloop releases} lists it. */
    public record Summary(long id, String job, String title, String user, String host, String created, String universe,
                          String profile, String packagePath, String manifestSha256, int earlierReleases,
                          int earlierChecked, int shown, int primary, int secondary, int other) {
    }

    private static final int BATCH = 500;
    private final RegisterLocation location;
    private final Connection c;

    private ReleaseRegister(RegisterLocation location, Connection c) {
        this.location = location;
        this.c = c;
    }

    /** Opens (and creates or migrates) the register. */
    public static ReleaseRegister open(RegisterLocation location) {
        try {
            Properties props = new Properties();
            String password = System.getenv("SAMENLOOP_REGISTER_PASSWORD");
            if (location.isServer()) {
                if (password != null) {
                    props.setProperty("password", password);
                }
            } else {
                Files.createDirectories(location.file().getParent());
                // BEGIN IMMEDIATE: a recording transaction takes the write lock at once, so a second process waits
                // (busy timeout) instead of failing when it upgrades a read to a write.
                props.setProperty("transaction_mode", "IMMEDIATE");
                props.setProperty("busy_timeout", "120000");
            }
            Flyway.configure().dataSource(location.jdbcUrl(), props.getProperty("user"), password)
                    .locations("classpath:db/register").table("register_schema_history").load().migrate();
            Connection c = DriverManager.getConnection(location.jdbcUrl(), props);
            if (!location.isServer()) {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA journal_mode=WAL");
                    s.execute("PRAGMA synchronous=FULL");
                    s.execute("PRAGMA foreign_keys=ON");
                }
            }
            return new ReleaseRegister(location, c);
        } catch (SQLException | java.io.IOException | org.flywaydb.core.api.FlywayException e) {
            throw new IllegalStateException("cannot open the release register " + location.display() + ": "
                    + rootMessage(e), e);
        }
    }

    public RegisterLocation location() {
        return location;
    }

    @Override
    public void close() {
        try {
            c.close();
        } catch (SQLException e) {
            // nothing to do: the connection is gone either way
        }
    }

    /**
     * What the earlier releases of this universe tell a reader, and the published counts of the families
     * {@code families} in any universe (for the differencing rule).
     */
    public History history(Universe u, Set<String> families) {
        try {
            c.setAutoCommit(true);
            History.Builder b = new History.Builder(location.display());
            Map<Long, String> releaseLabels = new HashMap<>();
            int releases = 0;
            try (PreparedStatement s = c.prepareStatement("SELECT id, job, created FROM release WHERE universe_id = ?")) {
                s.setString(1, u.id());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        releases++;
                        releaseLabels.put(r.getLong(1), label(r.getLong(1), r.getString(2), r.getString(3)));
                    }
                }
            }
            b.releases(releases, version(u));
            Map<Long, CountRef> keys = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, concept, geo, period, published_value, "
                    + "published_persons, suppressed_by FROM count_key WHERE universe_id = ?")) {
                s.setString(1, u.id());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        CountRef k = new CountRef(r.getString(2), r.getString(3), r.getString(4));
                        keys.put(r.getLong(1), k);
                        long v = r.getLong(5);
                        if (!r.wasNull()) {
                            b.published(k, v, r.getLong(6));
                        }
                        long by = r.getLong(7);
                        if (!r.wasNull()) {
                            b.suppressed(k, releaseLabels.getOrDefault(by, "release " + by));
                        }
                    }
                }
            }
            java.util.Set<String> geos = new java.util.HashSet<>();
            try (PreparedStatement s = c.prepareStatement("SELECT body FROM relation WHERE universe_id = ?")) {
                s.setString(1, u.id());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Relation rel = parse(r.getString(1), keys);
                        b.relation(rel);
                        geos.add(rel.total().geoCode());
                        rel.parts().forEach(p -> geos.add(p.geoCode()));
                    }
                }
            }
            keys.values().forEach(k -> geos.add(k.geoCode()));
            for (List<String> batch : batches(new ArrayList<>(geos))) {
                try (PreparedStatement s = c.prepareStatement("SELECT id, members FROM geo_set WHERE id IN (" + marks(batch.size()) + ")")) {
                    for (int i = 0; i < batch.size(); i++) {
                        s.setString(i + 1, batch.get(i));
                    }
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            b.geoSet(r.getString(1), List.of(r.getString(2).split(" ")));
                        }
                    }
                }
            }
            differencing(b, families);
            return b.build();
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private void differencing(History.Builder b, Set<String> families) throws SQLException {
        Map<Long, String> labels = new HashMap<>();
        for (List<String> batch : batches(new ArrayList<>(families))) {
            try (PreparedStatement s = c.prepareStatement("SELECT k.family, k.universe_id, k.concept, k.geo, k.period, "
                    + "k.published_value, k.published_persons, k.published_by, r.job, r.created FROM count_key k "
                    + "JOIN release r ON r.id = k.published_by WHERE k.published_value IS NOT NULL AND k.family IN ("
                    + marks(batch.size()) + ")")) {
                for (int i = 0; i < batch.size(); i++) {
                    s.setString(i + 1, batch.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        long by = r.getLong(8);
                        String label = labels.computeIfAbsent(by, x -> {
                            try {
                                return label(by, r.getString(9), r.getString(10));
                            } catch (SQLException e) {
                                return "release " + by;
                            }
                        });
                        b.differencing(r.getString(1), new History.Earlier(r.getString(2),
                                new CountRef(r.getString(3), r.getString(4), r.getString(5)), r.getLong(6), r.getLong(7), label));
                    }
                }
            }
        }
    }

    private static String label(long id, String job, String created) {
        return "release " + id + " (job " + job + ", " + (created.length() >= 10 ? created.substring(0, 10) : created) + ")";
    }

    /** The universe's change counter (0 when nothing of it was recorded). */
    public long version(Universe u) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT version FROM universe WHERE id = ?")) {
            s.setString(1, u.id());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    /**
     * Records a release in one transaction, if the universe is still at {@code expectedVersion} (the version of
     * the history it was protected with); else throws {@link Changed} and records nothing.
     *
     * @return the release number
     */
    public long record(Universe u, ReleaseInfo info, Disclosure.Release release, long expectedVersion) {
        for (int attempt = 1; ; attempt++) {
            try {
                return recordOnce(u, info, release, expectedVersion);
            } catch (SQLException e) {
                rollback();
                // Two environments' releases of different data may pick the same next number at once (PostgreSQL):
                // the loser sees a unique-key violation and simply tries again.
                if ("23505".equals(e.getSQLState()) && attempt < 5) {
                    continue;
                }
                throw failure("write", e);
            } catch (RuntimeException e) {
                rollback();
                throw e;
            }
        }
    }

    private long recordOnce(Universe u, ReleaseInfo info, Disclosure.Release release, long expectedVersion) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO universe (id, description, version) VALUES (?, ?, 0) ON CONFLICT (id) DO NOTHING")) {
            s.setString(1, u.id());
            s.setString(2, u.description());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE universe SET version = version + 1 WHERE id = ? AND version = ?")) {
            s.setString(1, u.id());
            s.setLong(2, expectedVersion);
            if (s.executeUpdate() != 1) {
                throw new Changed("another release of the same data was recorded in " + location.display()
                        + " while this one was being protected");
            }
        }
        long id;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM release")) {
            r.next();
            id = r.getLong(1);
        }
        Map<Status, Integer> byStatus = new TreeMap<>();
        release.decisions().values().forEach(d -> byStatus.merge(d.status(), 1, Integer::sum));
        int shown = (int) release.decisions().values().stream().filter(d -> d.status().shown() && d.shownValue() != null).count();
        int primary = byStatus.getOrDefault(Status.PRIMARY, 0);
        int secondary = byStatus.getOrDefault(Status.SECONDARY, 0);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO release (id, universe_id, job, title, user_name, host, "
                + "created, profile, package_path, manifest_sha256, earlier_releases, earlier_checked, counts_shown, "
                + "counts_primary, counts_secondary, counts_other) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, id);
            s.setString(2, u.id());
            s.setString(3, info.job());
            s.setString(4, info.title());
            s.setString(5, info.user());
            s.setString(6, info.host());
            s.setString(7, info.created().toString());
            s.setString(8, info.profile());
            s.setString(9, info.packagePath());
            s.setString(10, info.manifestSha256());
            s.setInt(11, release.history().releases());
            s.setInt(12, release.earlierTargets().size());
            s.setInt(13, shown);
            s.setInt(14, primary);
            s.setInt(15, secondary);
            s.setInt(16, release.decisions().size() - shown - primary - secondary);
            s.executeUpdate();
        }
        keys(u, id, release);
        relations(u, id, release);
        geoSets(release);
        counts(u, id, release);
        c.commit();
        c.setAutoCommit(true);
        return id;
    }

    private void keys(Universe u, long id, Disclosure.Release release) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO count_key (id, universe_id, concept, geo, period, "
                + "family) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING");
             PreparedStatement published = c.prepareStatement("UPDATE count_key SET published_value = ?, "
                     + "published_persons = ?, published_by = ? WHERE id = ? AND published_value IS NULL");
             PreparedStatement suppressed = c.prepareStatement("UPDATE count_key SET suppressed_by = ? WHERE id = ? "
                     + "AND suppressed_by IS NULL")) {
            int n = 0;
            for (Map.Entry<CountRef, Decision> e : new TreeMap<>(release.decisions()).entrySet()) {
                CountRef k = e.getKey();
                Decision d = e.getValue();
                long kid = keyId(u, k);
                insert.setLong(1, kid);
                insert.setString(2, u.id());
                insert.setString(3, k.name());
                insert.setString(4, k.geoCode());
                insert.setString(5, k.period());
                insert.setString(6, Canonical.family(k));
                insert.addBatch();
                if (d.status().shown() && d.shownValue() != null) {
                    Count count = release.counts().get(k);
                    published.setLong(1, count.value());
                    published.setLong(2, count.persons());
                    published.setLong(3, id);
                    published.setLong(4, kid);
                    published.addBatch();
                } else if ((d.status() == Status.PRIMARY || d.status() == Status.SECONDARY)
                        && !"PUBLISHED_BEFORE".equals(d.rule())) {
                    suppressed.setLong(1, id);
                    suppressed.setLong(2, kid);
                    suppressed.addBatch();
                }
                if (++n % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            // Relations may name keys this release has no decision for (e.g. an unreleased rest row it only relates).
            for (Relation r : release.relations()) {
                for (CountRef k : members(r)) {
                    if (!release.decisions().containsKey(k)) {
                        insert.setLong(1, keyId(u, k));
                        insert.setString(2, u.id());
                        insert.setString(3, k.name());
                        insert.setString(4, k.geoCode());
                        insert.setString(5, k.period());
                        insert.setString(6, Canonical.family(k));
                        insert.addBatch();
                    }
                }
            }
            insert.executeBatch();
            published.executeBatch();
            suppressed.executeBatch();
        }
    }

    private void relations(Universe u, long id, Disclosure.Release release) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO relation (id, universe_id, body, first_release) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
            int n = 0;
            for (Relation r : release.relations()) {
                StringBuilder body = new StringBuilder(r.type() == Relation.Type.SUM ? "S" : "A");
                for (CountRef k : members(r)) {
                    body.append(' ').append(keyId(u, k));
                }
                s.setLong(1, hashId(u.id() + "|" + body));
                s.setString(2, u.id());
                s.setString(3, body.toString());
                s.setLong(4, id);
                s.addBatch();
                if (++n % BATCH == 0) {
                    s.executeBatch();
                }
            }
            s.executeBatch();
        }
    }

    private void geoSets(Disclosure.Release release) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO geo_set (id, members) VALUES (?, ?) ON CONFLICT (id) DO NOTHING")) {
            for (Map.Entry<String, List<String>> e : release.geoSets().entrySet()) {
                s.setString(1, e.getKey());
                s.setString(2, String.join(" ", e.getValue()));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private void counts(Universe u, long id, Disclosure.Release release) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO release_count (release_id, table_name, count_name, geo, "
                + "period, key_id, status, rule, value, audit_lower, audit_upper) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int n = 0;
            for (int i = 0; i < release.tables().size(); i++) {
                ProtectedTable t = release.tables().get(i);
                Map<CountRef, CountRef> keyOf = release.keyOf().get(i);
                for (Decision d : new TreeMap<>(t.decisions()).values()) {
                    s.setLong(1, id);
                    s.setString(2, t.source().name());
                    s.setString(3, d.ref().name());
                    s.setString(4, d.ref().geoCode());
                    s.setString(5, d.ref().period());
                    s.setLong(6, keyId(u, keyOf.get(d.ref())));
                    s.setString(7, d.status().name());
                    s.setString(8, d.rule());
                    setLong(s, 9, d.status().shown() ? d.shownValue() : null);
                    setDouble(s, 10, d.auditLower());
                    setDouble(s, 11, d.auditUpper());
                    s.addBatch();
                    if (++n % BATCH == 0) {
                        s.executeBatch();
                    }
                }
            }
            s.executeBatch();
        }
    }

    /** Every release, oldest first. */
    public List<Summary> releases() {
        return query("SELECT " + SUMMARY + " FROM release ORDER BY id", null);
    }

    public Optional<Summary> release(long id) {
        List<Summary> l = query("SELECT " + SUMMARY + " FROM release WHERE id = ?", id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** The release whose package manifest has this SHA-256, if any (an output checker's "was this released?"). */
    public Optional<Summary> releaseOfManifest(String sha256) {
        try (PreparedStatement s = c.prepareStatement("SELECT " + SUMMARY + " FROM release WHERE manifest_sha256 = ? ORDER BY id")) {
            s.setString(1, sha256);
            List<Summary> l = summaries(s);
            return l.isEmpty() ? Optional.empty() : Optional.of(l.get(l.size() - 1));
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** Per table of a release: counts by status. */
    public Map<String, Map<String, Integer>> countsByStatus(long id) {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT table_name, status, COUNT(*) FROM release_count "
                + "WHERE release_id = ? GROUP BY table_name, status ORDER BY table_name, status")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.computeIfAbsent(r.getString(1), k -> new TreeMap<>()).put(r.getString(2), r.getInt(3));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private static final String SUMMARY = "id, job, title, user_name, host, created, universe_id, profile, package_path, "
            + "manifest_sha256, earlier_releases, earlier_checked, counts_shown, counts_primary, counts_secondary, counts_other";

    private List<Summary> query(String sql, Long id) {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (id != null) {
                s.setLong(1, id);
            }
            return summaries(s);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private static List<Summary> summaries(PreparedStatement s) throws SQLException {
        List<Summary> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new Summary(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getString(10), r.getInt(11),
                        r.getInt(12), r.getInt(13), r.getInt(14), r.getInt(15), r.getInt(16)));
            }
        }
        return out;
    }

    private static Relation parse(String body, Map<Long, CountRef> keys) {
        String[] f = body.split(" ");
        List<CountRef> parts = new ArrayList<>(f.length - 2);
        for (int i = 2; i < f.length; i++) {
            parts.add(keys.get(Long.parseLong(f[i])));
        }
        CountRef total = keys.get(Long.parseLong(f[1]));
        if (total == null || parts.contains(null)) {
            throw new IllegalStateException("release register: a relation names a count it does not hold (damaged register)");
        }
        return new Relation(f[0].equals("S") ? Relation.Type.SUM : Relation.Type.AT_MOST, total, parts);
    }

    private static List<CountRef> members(Relation r) {
        List<CountRef> m = new ArrayList<>(r.parts().size() + 1);
        m.add(r.total());
        m.addAll(r.parts());
        return m;
    }

    private static long keyId(Universe u, CountRef k) {
        return hashId(u.id() + "|" + k.name() + "|" + k.geoCode() + "|" + k.period());
    }

    static long hashId(String s) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(Canonical.sha256(s).substring(0, 16))).getLong();
    }

    private static List<List<String>> batches(List<String> all) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += BATCH) {
            out.add(all.subList(i, Math.min(all.size(), i + BATCH)));
        }
        return out;
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static void setLong(PreparedStatement s, int i, Long v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.BIGINT);
        } else {
            s.setLong(i, v);
        }
    }

    private static void setDouble(PreparedStatement s, int i, Double v) throws SQLException {
        if (v == null || v.isInfinite() || v.isNaN()) {
            s.setNull(i, Types.DOUBLE);
        } else {
            s.setDouble(i, v);
        }
    }

    private void rollback() {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // the transaction is gone with the connection
        }
    }

    private IllegalStateException failure(String what, Exception e) {
        return new IllegalStateException("cannot " + what + " the release register " + location.display() + ": "
                + rootMessage(e), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
