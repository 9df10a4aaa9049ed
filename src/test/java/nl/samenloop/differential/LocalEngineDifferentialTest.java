package nl.samenloop.differential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import nl.samenloop.engine.Progress;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.CellTableFiles;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.LocalTables;
import nl.samenloop.indicators.TableRequest;
import nl.samenloop.link.LinkedData;
import nl.samenloop.link.LocalLink;
import nl.samenloop.link.LocalLinked;
import nl.samenloop.reference.EdgeFixtures;
import nl.samenloop.reference.PlainIndicators;
import nl.samenloop.reference.RandomRefData;
import nl.samenloop.reference.RefData;
import nl.samenloop.reference.RefOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local engine ({@link LocalLink} + {@link LocalTables}) against the plain-Java reference ({@link PlainIndicators},
 * written from the spec independently of both engines) on random staged data under every option variant of
 * {@link DifferentialTest} (pooled spans, overlap mode, age range and reference day, new_wijkteam_counts,
 * exclude_wijkteam, merging off, other_kinds), and on the hand-worked edge fixtures; and against the Spark engine table for table, file for
 * file (cells, relations, notes, member counts), so a local run publishes exactly what a Spark run would.
 */
class LocalEngineDifferentialTest {
    private static final List<String> CODES = List.of("I1", "I2", "I3", "I4", "I5");

    @TempDir
    Path tmp;

    private static Map<String, CellTable> local(Path work, RefOptions o, int threads, List<TableRequest> requests) {
        LocalLinked d = LocalLink.link(work, DifferentialHarness.linkSpec(o), DifferentialHarness.geography(o), null,
                new Progress("local-differential"), threads);
        return LocalTables.compute(d, requests, threads);
    }

    private static List<TableRequest> requests(RefOptions o) {
        List<TableRequest> out = new ArrayList<>();
        for (String code : CODES) {
            out.add(DifferentialHarness.request(code, o));
        }
        return out;
    }

    private static List<String> againstReference(RefData d, RefOptions o, Map<String, CellTable> tables) {
        Map<String, Map<CountRef, long[]>> expected = new PlainIndicators(d, o).all();
        List<String> out = new ArrayList<>();
        for (String code : CODES) {
            CellTable t = tables.get("differential_" + code);
            DifferentialHarness.differences(expected.get(code), DifferentialHarness.toMap(t)).forEach(l -> out.add(code + " " + l));
            DifferentialHarness.relationViolations(t).forEach(l -> out.add(code + " relation broken: " + l));
        }
        return out;
    }

    @Test
    void localEngineAgreesWithTheReference() throws IOException {
        List<String> all = new ArrayList<>();
        for (long seed = 0; seed < 12; seed++) {
            RefData d = RandomRefData.generate(seed);
            RefOptions o = DifferentialTest.options(seed);
            Path work = Files.createDirectories(tmp.resolve("seed" + seed));
            DifferentialHarness.stage(d, work);
            Map<String, CellTable> tables = local(work, o, 2, requests(o));
            long s = seed;
            againstReference(d, o, tables).forEach(l -> all.add("seed " + s + " (variant " + Math.floorMod(s, 4) + ") " + l));
            // The counts are not all zero: the comparison has something to compare.
            assertTrue(DifferentialHarness.toMap(tables.get("differential_I2")).size() > 20, "seed " + seed + ": I2 counts");
        }
        assertTrue(all.isEmpty(), all.size() + " differences:\n" + String.join("\n", all.subList(0, Math.min(40, all.size()))));
    }

    @Test
    void localEngineAgreesWithTheReferenceOnTheEdgeFixtures() throws IOException {
        RefData d = EdgeFixtures.all(true);
        RefOptions o = DifferentialTest.edgeOptions();
        Path work = Files.createDirectories(tmp.resolve("edges"));
        DifferentialHarness.stage(d, work);
        List<String> diff = new ArrayList<>(againstReference(d, o, local(work, o, 2, requests(o))));
        RefOptions overlap = o.withConcurrencyOverlap(true);
        DifferentialHarness.differences(new PlainIndicators(d, overlap).i3(),
                        DifferentialHarness.toMap(local(work, overlap, 1, List.of(DifferentialHarness.request("I3", overlap)))
                                .get("differential_I3")))
                .forEach(l -> diff.add("I3 overlap " + l));
        RefOptions newWijkteam = o.withNewWijkteamCounts(true);
        DifferentialHarness.differences(new PlainIndicators(d, newWijkteam).i4(),
                        DifferentialHarness.toMap(local(work, newWijkteam, 1, List.of(DifferentialHarness.request("I4", newWijkteam)))
                                .get("differential_I4")))
                .forEach(l -> diff.add("I4 new_wijkteam_counts " + l));
        assertTrue(diff.isEmpty(), diff.size() + " differences:\n" + String.join("\n", diff.subList(0, Math.min(40, diff.size()))));
    }

    /**
     * Table for table the same files as the Spark engine writes (cells, relations, notes, identity, member counts),
     * on one or three threads; also for the quality table (I7), which the reference does not compute.
     */
    @Test
    void localEngineWritesTheSparkEnginesCellTables() throws IOException {
        for (long seed : new long[] {1, 2, 3}) {
            RefData d = RandomRefData.generate(100 + seed);
            RefOptions o = DifferentialTest.options(seed);
            Path work = Files.createDirectories(tmp.resolve("files" + seed));
            DifferentialHarness.stage(d, work);
            LinkedData linked = DifferentialHarness.link(work, o, true);
            List<TableRequest> requests = new ArrayList<>(requests(o));
            requests.add(quality(o));
            Map<String, CellTable> one = local(work, o, 1, requests);
            Map<String, CellTable> three = local(work, o, 3, requests);
            for (TableRequest r : requests) {
                CellTable spark = nl.samenloop.indicators.Indicators.get(r.indicator()).compute(linked, r);
                Map<String, byte[]> expected = files(tmp.resolve("spark" + seed + r.name()), spark);
                assertEquals(expected.keySet(), files(tmp.resolve("one" + seed + r.name()), one.get(r.name())).keySet());
                for (Map.Entry<String, byte[]> e : files(tmp.resolve("one" + seed + r.name()), one.get(r.name())).entrySet()) {
                    assertArrayEquals(expected.get(e.getKey()), e.getValue(), "seed " + seed + " " + r.name() + " " + e.getKey());
                }
                for (Map.Entry<String, byte[]> e : files(tmp.resolve("three" + seed + r.name()), three.get(r.name())).entrySet()) {
                    assertArrayEquals(expected.get(e.getKey()), e.getValue(), "3 threads: seed " + seed + " " + r.name() + " " + e.getKey());
                }
            }
        }
    }

    /** The quality table (I7) with its defaults and the options' pooled spans. */
    private static TableRequest quality(RefOptions o) {
        Map<String, Object> opts = new java.util.HashMap<>();
        nl.samenloop.indicators.Indicators.get("quality").options().forEach((k, v) -> opts.put(k, v.defaultValue()));
        return new TableRequest("differential_I7", "quality", opts, DifferentialHarness.request("I2", o).pools());
    }

    private static Map<String, byte[]> files(Path dir, CellTable t) throws IOException {
        CellTableFiles.write(dir, t);
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString(), Files.readAllBytes(f));
            }
        }
        assertTrue(!out.isEmpty(), "no files written for " + t.name());
        return out;
    }
}
