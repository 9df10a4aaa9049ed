package nl.samenloop.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.samenloop.attack.AtomAttack;
import nl.samenloop.disclosure.Decision;
import nl.samenloop.disclosure.Disclosure;
import nl.samenloop.disclosure.History;
import nl.samenloop.disclosure.Profile;
import nl.samenloop.disclosure.ProtectedTable;
import nl.samenloop.disclosure.Status;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.TinyWorld;
import nl.samenloop.model.GeoLevel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The release register on both back ends: the embedded SQLite file and a real PostgreSQL server. */
class ReleaseRegisterTest {
    static final Profile PROFILE = Profile.cbsMicrodata();
    static final TinyWorld WORLD = new TinyWorld(42, 600);
    static final ReleaseRegister.Universe U = ReleaseRegister.Universe.of("tiny world 42; ages 0-22");

    static TinyWorld.Request everything(String name, boolean pool) {
        return new TinyWorld.Request(name, true, true, Set.of(GeoLevel.COUNTRY, GeoLevel.REGION, GeoLevel.MUNICIPALITY),
                Set.of(), Set.of(), 0, 3, pool);
    }

    static TinyWorld.Request someMunicipalities(String name) {
        return new TinyWorld.Request(name, false, true, Set.of(GeoLevel.COUNTRY, GeoLevel.MUNICIPALITY), Set.of(),
                Set.of("GM9001", "GM9004", "GM9005"), 1, 3, true);
    }

    static ReleaseRegister.ReleaseInfo info(String job) {
        return new ReleaseRegister.ReleaseInfo(job, "title of " + job, "tester", "localhost", Instant.parse("2026-12-03T10:00:00Z"),
                "cbs-microdata (T = 10)", "/out/" + job, "ab".repeat(32));
    }

    static Publisher.Writer writer(String job) {
        return (release, record) -> record.record(info(job));
    }

    static Publisher.Result publish(ReleaseRegister reg, TinyWorld.Request q) {
        return Publisher.publish(WORLD.tables(q), PROFILE, reg, U, writer(q.name()), line -> { });
    }

    /** What a reader knows after a release comes back from the register exactly: shown values, suppressed keys, relations. */
    @ParameterizedTest
    @EnumSource(Registers.Kind.class)
    void aRecordedReleaseIsWhatTheNextOneIsProtectedAgainst(Registers.Kind kind) throws Exception {
        RegisterLocation where = Registers.fresh(kind);
        try (ReleaseRegister reg = ReleaseRegister.open(where)) {
            assertEquals(0, reg.history(U, Set.of()).releases());
            Publisher.Result first = publish(reg, everything("first", true));
            assertEquals(1, first.id());
            History h = reg.history(U, Set.of());
            assertEquals(1, h.releases());
            assertEquals(1, h.version());
            int shown = 0;
            int suppressed = 0;
            for (Map.Entry<CountRef, Decision> e : first.release().decisions().entrySet()) {
                Decision d = e.getValue();
                if (d.status().shown() && d.shownValue() != null) {
                    shown++;
                    assertEquals(first.release().counts().get(e.getKey()).value(), h.published().get(e.getKey()).value());
                } else if (d.status() == Status.PRIMARY || d.status() == Status.SECONDARY) {
                    suppressed++;
                    assertTrue(h.suppressed().containsKey(e.getKey()), e.getKey().toString());
                    assertFalse(h.published().containsKey(e.getKey()), e.getKey().toString());
                }
            }
            assertTrue(shown > 20 && suppressed > 20, "a realistic mix: " + shown + " shown, " + suppressed + " suppressed");
            assertEquals(shown, h.published().size());
            assertEquals(suppressed, h.suppressed().size());
            assertEquals(Set.copyOf(first.release().relations()), Set.copyOf(h.relations()));
            first.release().geoSets().forEach((id, members) -> assertEquals(members, h.geoSets().get(id)));

            // The same request again: nothing new to learn, the same pattern, nothing stored twice.
            Publisher.Result again = publish(reg, everything("again", true));
            assertEquals(2, again.id());
            for (Map.Entry<CountRef, Decision> e : first.release().decisions().entrySet()) {
                assertEquals(e.getValue().status().shown(), again.release().decisions().get(e.getKey()).status().shown(),
                        e.getKey().toString());
            }
            History h2 = reg.history(U, Set.of());
            assertEquals(h.relations().size(), h2.relations().size());
            assertEquals(h.published(), h2.published());

            List<ReleaseRegister.Summary> all = reg.releases();
            assertEquals(List.of("first", "again"), all.stream().map(ReleaseRegister.Summary::job).toList());
            assertEquals(shown, all.get(0).shown());
            assertEquals(1, all.get(1).earlierReleases());
            Map<String, Map<String, Integer>> byStatus = reg.countsByStatus(1);
            assertEquals(Set.of("care_share", "concurrency"), byStatus.keySet());
            assertEquals("title of first", reg.release(1).orElseThrow().title());
            assertEquals(2L, reg.releaseOfManifest("ab".repeat(32)).orElseThrow().id());
        }
        assertNoSuppressedValueStored(where);
    }

    /** Aggregates only: no value is stored for any count a release suppressed. */
    static void assertNoSuppressedValueStored(RegisterLocation where) throws Exception {
        try (Connection c = DriverManager.getConnection(where.jdbcUrl()); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM release_count WHERE status IN ('PRIMARY', 'SECONDARY') "
                    + "AND value IS NOT NULL")) {
                r.next();
                assertEquals(0, r.getInt(1));
            }
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM count_key WHERE suppressed_by IS NOT NULL "
                    + "AND published_value IS NOT NULL")) {
                r.next();
                assertEquals(0, r.getInt(1));
            }
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM count_key WHERE suppressed_by IS NOT NULL")) {
                r.next();
                assertTrue(r.getInt(1) > 0);
            }
        }
    }

    /** A release protected against a history that is no longer current is not recorded. */
    @ParameterizedTest
    @EnumSource(Registers.Kind.class)
    void aReleaseProtectedAgainstStaleKnowledgeIsRefused(Registers.Kind kind) {
        try (ReleaseRegister reg = ReleaseRegister.open(Registers.fresh(kind))) {
            History before = reg.history(U, Set.of());
            Disclosure.Release late = Disclosure.protectRelease(WORLD.tables(someMunicipalities("late")), PROFILE, before);
            publish(reg, everything("first", false));
            ReleaseRegister.Changed e = assertThrows(ReleaseRegister.Changed.class,
                    () -> reg.record(U, info("late"), late, before.version()));
            assertTrue(e.getMessage().contains("another release of the same data was recorded"), e.getMessage());
            assertEquals(1, reg.releases().size());
            assertEquals(1, reg.history(U, Set.of()).version());
        }
    }

    /**
     * Two releases of one dataset finish at the same moment against one register (two connections, as two
     * processes): both protected against version 0, both try to record. One is recorded; the other finds the
     * register changed, is protected again against the first and recorded second. Attacked together, neither
     * leaks; nothing is lost.
     */
    @ParameterizedTest
    @EnumSource(Registers.Kind.class)
    void twoReleasesAtOnceBothEndProtectedAgainstEachOther(Registers.Kind kind) throws Exception {
        RegisterLocation where = Registers.fresh(kind);
        try (ReleaseRegister setup = ReleaseRegister.open(where)) {
            assertEquals(0, setup.releases().size());
        }
        CyclicBarrier bothProtected = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Publisher.Result>> results = new ArrayList<>();
        List<TinyWorld.Request> requests = List.of(everything("a", true), someMunicipalities("b"));
        for (TinyWorld.Request q : requests) {
            results.add(pool.submit(() -> {
                try (ReleaseRegister reg = ReleaseRegister.open(where)) {
                    int[] attempts = {0};
                    return Publisher.publish(WORLD.tables(q), PROFILE, reg, U, (release, record) -> {
                        if (attempts[0]++ == 0) {
                            try {
                                bothProtected.await(60, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                        record.record(info(q.name()));
                    }, line -> { });
                }
            }));
        }
        Map<String, List<ProtectedTable>> releases = new LinkedHashMap<>();
        List<Publisher.Result> done = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Publisher.Result r = results.get(i).get(120, TimeUnit.SECONDS);
            done.add(r);
            releases.put(requests.get(i).name(), r.release().tables());
        }
        pool.shutdown();
        assertEquals(Set.of(1L, 2L), Set.of(done.get(0).id(), done.get(1).id()));
        Publisher.Result second = done.get(0).id() == 2 ? done.get(0) : done.get(1);
        assertEquals(1, second.release().history().releases(), "the later one was protected against the first");
        try (ReleaseRegister reg = ReleaseRegister.open(where)) {
            assertEquals(2, reg.releases().size());
            assertEquals(2, reg.history(U, Set.of()).version());
        }
        for (AtomAttack.Finding f : new AtomAttack(releases).attack()) {
            assertTrue(f.width() >= PROFILE.threshold(), f.toString());
        }
    }

    /** Another population of the same data (another age range): close counts are differenced, not linked. */
    @ParameterizedTest
    @EnumSource(Registers.Kind.class)
    void anotherPopulationIsComparedByFamily(Registers.Kind kind) {
        try (ReleaseRegister reg = ReleaseRegister.open(Registers.fresh(kind))) {
            Publisher.Result first = publish(reg, everything("first", false));
            ReleaseRegister.Universe other = ReleaseRegister.Universe.of("tiny world 42; ages 0-17");
            List<CellTable> tables = WORLD.tables(everything("older", false));
            History h = reg.history(other, Publisher.families(tables));
            assertEquals(0, h.releases());
            assertTrue(h.published().isEmpty());
            assertEquals(first.release().decisions().values().stream().filter(d -> d.status().shown() && d.shownValue() != null).count(),
                    h.differencing().values().stream().mapToLong(List::size).sum());
            assertTrue(h.differencing().values().stream().flatMap(List::stream)
                    .allMatch(e -> e.release().startsWith("release 1 (job first")));
            // The same numbers under another population: no difference, nothing to suppress for it.
            Disclosure.Release second = Disclosure.protectRelease(tables, PROFILE, h);
            assertTrue(second.decisions().values().stream().noneMatch(d -> "LEDGER_DIFFERENCE".equals(d.rule())));
            assertNull(h.suppressed().get(first.release().decisions().keySet().iterator().next()));
        }
    }
}
