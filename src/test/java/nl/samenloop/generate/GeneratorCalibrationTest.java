package nl.samenloop.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.samenloop.model.Reference;

/**
 * The generated data hit the spec's calibration targets, computed in plain Java on the files
 * ({@link GeneratedData}) with the indicator definitions of indicators.md. One data set of 20,000 youth,
 * 2015–2020, no low-wijkteam municipalities (so every municipality has the same rates).
 *
 * <p>Tolerances are about three standard errors at this size: wijkteam share ±0.5 pp per year
 * (n ≈ 16,000 a year, p = 4%: se 0.15 pp; plus the busy-time approximation), concurrency and follow-up
 * ±3.5 pp (≈ 2,000 trajectories / cohort members, p ≈ 0.35–0.7: se ≈ 1.1 pp).
 */
class GeneratorCalibrationTest {
    static final int FROM = 2015;
    static final int TO = 2020;
    static GeneratedData data;
    static GeneratorSpec spec;

    @BeforeAll
    static void generate(@TempDir Path dir) {
        spec = GeneratorSpec.defaults(20240601L, 20_000).withLowWijkteam(List.of(), 0).withSplit(false, 0);
        Generator.generate(spec, dir, Reference.load(Path.of("conf")));
        data = new GeneratedData(dir, FROM, TO);
    }

    @Test
    void wijkteamShareOfYouthPerYear() {
        for (int y = FROM; y <= TO; y++) {
            double share = data.share(y, "W");
            System.out.printf("wijkteam share %d: %.4f%n", y, share);
            assertEquals(spec.wijkteamShare(), share, 0.005, "wijkteam share " + y);
        }
    }

    @Test
    void otherCareSharesAreRealistic() {
        for (int y = FROM; y <= TO; y++) {
            double jeugdhulp = data.share(y, "WOV");
            double ambulant = data.share(y, "O");
            double verblijf = data.share(y, "V");
            double bescherming = data.share(y, "B");
            double reclassering = data.share(y, "R");
            System.out.printf("%d: jeugdhulp %.4f overig %.4f verblijf %.4f bescherming %.4f reclassering %.4f%n",
                    y, jeugdhulp, ambulant, verblijf, bescherming, reclassering);
            assertTrue(jeugdhulp >= 0.10 && jeugdhulp <= 0.13, "jeugdhulp " + jeugdhulp);
            assertTrue(ambulant > data.share(y, "W"), "care without wijkteam (02–04) is the most common");
            assertTrue(verblijf >= 0.006 && verblijf <= 0.015, "verblijf " + verblijf);
            assertTrue(bescherming >= 0.006 && bescherming <= 0.015, "bescherming " + bescherming);
            assertTrue(reclassering >= 0.0015 && reclassering <= 0.005, "reclassering " + reclassering);
        }
    }

    /** I3 with concurrency: overlap, per merged wijkteam trajectory observed from begin to end. */
    @Test
    void concurrencyShareOfWijkteamTrajectories() {
        LocalDate start = LocalDate.of(FROM, 1, 1);
        LocalDate horizon = LocalDate.of(TO, 12, 31);
        long base = 0;
        long concurrent = 0;
        for (List<GeneratedData.Spell> spells : data.care.values()) {
            for (GeneratedData.Spell w : spells) {
                if (!w.kind().equals("W") || w.begin().isBefore(start) || w.end() == null || w.end().isAfter(horizon)) {
                    continue;
                }
                base++;
                if (spells.stream().anyMatch(o -> !o.kind().equals("W") && o.activeIn(w.begin(), w.end()))) {
                    concurrent++;
                }
            }
        }
        double share = (double) concurrent / base;
        System.out.printf("concurrency: %d of %d wijkteam trajectories = %.4f%n", concurrent, base, share);
        assertTrue(base > 1500, "enough trajectories to judge: " + base);
        assertEquals(spec.concurrentShare(), share, 0.035);
    }

    /** I4: cohort of youth whose (latest) merged wijkteam trajectory ended in year P; other care in the next 365 days. */
    @Test
    void followUpShareAfterWijkteam() {
        long cohort = 0;
        long withOther = 0;
        for (int y = FROM; y < TO; y++) { // windows of TO reach past the horizon: not observable
            LocalDate a = LocalDate.of(y, 1, 1);
            LocalDate b = LocalDate.of(y, 12, 31);
            for (String p : data.population(y)) {
                List<GeneratedData.Spell> spells = data.care.getOrDefault(p, List.of());
                Optional<LocalDate> end = spells.stream()
                        .filter(s -> s.kind().equals("W") && s.end() != null && !s.end().isBefore(a) && !s.end().isAfter(b))
                        .map(GeneratedData.Spell::end).max(Comparator.naturalOrder());
                if (end.isEmpty()) {
                    continue;
                }
                cohort++;
                LocalDate w1 = end.get().plusDays(1);
                LocalDate w2 = end.get().plusDays(365);
                if (spells.stream().anyMatch(s -> !s.kind().equals("W") && s.activeIn(w1, w2))) {
                    withOther++;
                }
            }
        }
        double share = (double) withOther / cohort;
        System.out.printf("follow-up: %d of %d = %.4f%n", withOther, cohort, share);
        assertTrue(cohort > 1500, "enough cohort members to judge: " + cohort);
        assertEquals(spec.followUpShare(), share, 0.035);
    }

    /** I3 as CBS built it (concurrency: period, yearly): reported for downstream tests, higher than overlap. */
    @Test
    void concurrencyPerYearPeriodIsAtLeastTheOverlapShare() {
        long base = 0;
        long other = 0;
        for (int y = FROM; y <= TO; y++) {
            LocalDate a = LocalDate.of(y, 1, 1);
            LocalDate b = LocalDate.of(y, 12, 31);
            for (String p : data.population(y)) {
                List<GeneratedData.Spell> spells = data.care.getOrDefault(p, List.of());
                if (spells.stream().noneMatch(s -> s.kind().equals("W") && s.activeIn(a, b))) {
                    continue;
                }
                base++;
                if (spells.stream().anyMatch(s -> !s.kind().equals("W") && s.activeIn(a, b))) {
                    other++;
                }
            }
        }
        double share = (double) other / base;
        System.out.printf("I3 period (yearly) WITH_ANY_OTHER: %.4f%n", share);
        assertTrue(share >= spec.concurrentShare() - 0.035 && share <= 0.75, "period share " + share);
    }
}
