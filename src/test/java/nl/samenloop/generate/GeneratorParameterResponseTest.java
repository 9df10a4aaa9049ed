package nl.samenloop.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.samenloop.model.Reference;

/**
 * The calibration targets drive the output, not just the defaults: with other targets (wijkteam 6%,
 * concurrency 55%, follow-up 50%) the measured shares follow. 12,000 youth; tolerances ~3 standard errors
 * (wijkteam pooled over six years ±0.6 pp, shares ±4 pp).
 */
class GeneratorParameterResponseTest {
    @Test
    void otherTargetsAreHitToo(@TempDir Path d) {
        GeneratorSpec spec = GeneratorSpec.defaults(99, 12_000).withLowWijkteam(List.of(), 0).withSplit(false, 0)
                .withRates(0.06, 0.55, 0.50);
        Generator.generate(spec, d, Reference.load(Path.of("conf")));
        GeneratedData data = new GeneratedData(d, 2015, 2020);
        double sum = 0;
        for (int y = 2015; y <= 2020; y++) {
            sum += data.share(y, "W");
        }
        assertEquals(0.06, sum / 6, 0.006, "wijkteam share");
        long base = 0;
        long conc = 0;
        for (List<GeneratedData.Spell> spells : data.care.values()) {
            for (GeneratedData.Spell w : spells) {
                if (w.kind().equals("W") && !w.begin().isBefore(LocalDate.of(2015, 1, 1)) && w.end() != null) {
                    base++;
                    conc += spells.stream().anyMatch(o -> !o.kind().equals("W") && o.activeIn(w.begin(), w.end())) ? 1 : 0;
                }
            }
        }
        assertEquals(0.55, (double) conc / base, 0.04, "concurrency");
        long cohort = 0;
        long other = 0;
        for (int y = 2015; y < 2020; y++) {
            LocalDate a = LocalDate.of(y, 1, 1);
            LocalDate b = LocalDate.of(y, 12, 31);
            for (String p : data.population(y)) {
                List<GeneratedData.Spell> spells = data.care.getOrDefault(p, List.of());
                Optional<LocalDate> end = spells.stream()
                        .filter(s -> s.kind().equals("W") && s.end() != null && !s.end().isBefore(a) && !s.end().isAfter(b))
                        .map(GeneratedData.Spell::end).max(Comparator.naturalOrder());
                if (end.isPresent()) {
                    cohort++;
                    LocalDate w1 = end.get().plusDays(1);
                    LocalDate w2 = end.get().plusDays(365);
                    other += spells.stream().anyMatch(s -> !s.kind().equals("W") && s.activeIn(w1, w2)) ? 1 : 0;
                }
            }
        }
        assertEquals(0.50, (double) other / cohort, 0.04, "follow-up");
    }
}
