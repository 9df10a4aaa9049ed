package nl.samenloop.differential;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.link.LinkedData;
import nl.samenloop.model.Codes;
import nl.samenloop.reference.EdgeFixtures;
import nl.samenloop.reference.PlainIndicators;
import nl.samenloop.reference.RandomRefData;
import nl.samenloop.reference.RefData;
import nl.samenloop.reference.RefOptions;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import org.junit.jupiter.api.Test;

/**
 * Differential test: the Spark pipeline (Linker + indicators I1–I5) against the plain-Java reference on
 * random staged data, for several option sets. Every count, at every geography and period, must agree in
 * value and distinct persons. One try is a full link + five indicators on local[2], so tries are few; run
 * more with {@code -Dsamenloop.diff.sweep=N} (seeds 0..N-1), and minimise a failure with
 * {@code -Dsamenloop.diff.minimize=true}.
 */
class DifferentialTest {

    /** Option variants, chosen by seed, so each run covers the main job settings. */
    static RefOptions options(long seed) {
        RefOptions o = RandomRefData.defaultOptions()
                .withPooledSpans(List.of(RandomRefData.PERIODS.subList(0, 4), RandomRefData.PERIODS));
        return switch ((int) Math.floorMod(seed, 4)) {
            case 1 -> o.withConcurrencyOverlap(true).withAgeRange(0, 17);
            // new_wijkteam_counts is left to the edge-fixture test: the spec leaves open whether a wijkteam
            // trajectory already running when the ended one stops is "new" (see EdgeFixtures)
            case 2 -> o.withAgeAtStart(true).withNewWijkteamCounts(true).withExcludeWijkteam(true);
            case 3 -> o.withMergeOverlapping(false)
                    .withOtherKinds(List.of(Codes.Kind.MET_VERBLIJF, Codes.Kind.JEUGDBESCHERMING));
            default -> o;
        };
    }

    /** Differences between reference and Spark for one dataset and option set; empty when they agree. */
    static List<String> compare(RefData d, RefOptions o) {
        try {
            Path work = Files.createTempDirectory("samenloop-diff");
            DifferentialHarness.stage(d, work);
            boolean withProvider = d.trajectories().stream().anyMatch(t -> t.aanbieder() != null);
            LinkedData linked = DifferentialHarness.link(work, o, withProvider);
            Map<String, Map<CountRef, long[]>> expected = new PlainIndicators(d, o).all();
            List<String> out = new ArrayList<>();
            for (String code : List.of("I1", "I2", "I3", "I4", "I5")) {
                CellTable table = DifferentialHarness.table(linked, code, o);
                for (String line : DifferentialHarness.differences(expected.get(code), DifferentialHarness.toMap(table))) {
                    out.add(code + " " + line);
                }
                for (String line : DifferentialHarness.relationViolations(table)) {
                    out.add(code + " relation broken: " + line);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Differences for one seed, minimised and printed first when -Dsamenloop.diff.minimize=true. */
    static List<String> differencesFor(long seed) {
        RefData d = RandomRefData.generate(seed);
        RefOptions o = options(seed);
        List<String> diff = compare(d, o);
        if (!diff.isEmpty() && Boolean.getBoolean("samenloop.diff.minimize")) {
            RefData small = DifferentialHarness.minimize(d, x -> !compare(x, o).isEmpty());
            System.err.println("minimal failing example (seed " + seed + "):\n" + DifferentialHarness.describe(small)
                    + String.join("\n", compare(small, o)));
        }
        return diff.stream().map(line -> "seed " + seed + " (variant " + Math.floorMod(seed, 4) + ") " + line).toList();
    }

    static void check(long seed) {
        List<String> diff = differencesFor(seed);
        assertTrue(diff.isEmpty(), diff.size() + " differences:\n" + String.join("\n", diff.subList(0, Math.min(30, diff.size()))));
    }

    @Property(tries = 1, shrinking = ShrinkingMode.OFF)
    void sparkAgreesWithTheReference(@ForAll long seed) {
        check(seed);
    }

    /**
     * Fixed seeds (default 0..3: one per option variant), for reproducible sweeps:
     * -Dsamenloop.diff.first=F -Dsamenloop.diff.sweep=N checks seeds F..F+N-1 and reports all differences.
     */
    @Test
    void sparkAgreesWithTheReferenceOnFixedSeeds() {
        int first = Integer.getInteger("samenloop.diff.first", 0);
        int n = Integer.getInteger("samenloop.diff.sweep", 4);
        List<String> all = new ArrayList<>();
        for (long seed = first; seed < first + n; seed++) {
            List<String> d = differencesFor(seed);
            System.err.println("differential seed " + seed + ": " + d.size() + " differences");
            d.stream().limit(30).forEach(System.err::println);
            all.addAll(d);
        }
        assertTrue(all.isEmpty(), all.size() + " differences:\n" + String.join("\n", all.subList(0, Math.min(40, all.size()))));
    }

    /**
     * The hand-worked edge fixtures of PlainIndicatorsTest, all in one dataset (one Spark link), under the
     * default options and, for I4, with new_wijkteam_counts and for I3 with concurrency overlap (indicator
     * options only, so the link is shared).
     */
    /** The options the edge fixtures are checked under: the defaults with two pooled spans. */
    static RefOptions edgeOptions() {
        return RandomRefData.defaultOptions().withPooledSpans(List.of(RandomRefData.PERIODS.subList(0, 2), RandomRefData.PERIODS));
    }

    @Test
    void sparkAgreesWithTheReferenceOnTheEdgeFixtures() throws IOException {
        RefData d = EdgeFixtures.all(true);
        RefOptions o = edgeOptions();
        Path work = Files.createTempDirectory("samenloop-diff-edges");
        DifferentialHarness.stage(d, work);
        LinkedData linked = DifferentialHarness.link(work, o, true);
        List<String> diff = new ArrayList<>();
        Map<String, Map<CountRef, long[]>> expected = new PlainIndicators(d, o).all();
        for (String code : List.of("I1", "I2", "I3", "I4", "I5")) {
            CellTable table = DifferentialHarness.table(linked, code, o);
            DifferentialHarness.differences(expected.get(code), DifferentialHarness.toMap(table))
                    .forEach(line -> diff.add(code + " " + line));
            DifferentialHarness.relationViolations(table).forEach(line -> diff.add(code + " relation broken: " + line));
        }
        RefOptions overlap = o.withConcurrencyOverlap(true);
        DifferentialHarness.differences(new PlainIndicators(d, overlap).i3(), DifferentialHarness.compute(linked, "I3", overlap))
                .forEach(line -> diff.add("I3 overlap " + line));
        RefOptions newWijkteam = o.withNewWijkteamCounts(true);
        DifferentialHarness.differences(new PlainIndicators(d, newWijkteam).i4(), DifferentialHarness.compute(linked, "I4", newWijkteam))
                .forEach(line -> diff.add("I4 new_wijkteam_counts " + line));
        diff.forEach(System.err::println);
        assertTrue(diff.isEmpty(), diff.size() + " differences:\n" + String.join("\n", diff.subList(0, Math.min(40, diff.size()))));
    }
}
