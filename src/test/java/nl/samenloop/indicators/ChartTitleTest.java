package nl.samenloop.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Chart titles say in Dutch what is drawn, from the indicator and the measure — never a measure code. */
class ChartTitleTest {

    static TableRequest request(Indicator ind, Map<String, Object> set) {
        Map<String, Object> options = new HashMap<>();
        ind.options().forEach((k, o) -> options.put(k, o.defaultValue()));
        options.putAll(set);
        return new TableRequest("t", ind.name(), options, List.of());
    }

    @Test
    void everyIndicatorWithAChartHasATitleWithoutCodes() {
        for (Indicator ind : Indicators.all().values()) {
            TableRequest r = request(ind, Map.of());
            String measure = ind.chartMeasure(r);
            if (measure == null) {
                continue;
            }
            String title = ind.chartTitle(r);
            assertFalse(title.contains(measure), ind.name() + ": " + title);
            assertFalse(title.matches(".*[A-Z]{2,}_[A-Z].*|.*\\bI\\d\\b.*"), ind.name() + ": a code in " + title);
        }
    }

    @Test
    void titlesFollowTheMeasureAndOptions() {
        assertEquals("Aandeel wijkteamtrajecten in alle jeugdhulptrajecten",
                new WijkteamShare().chartTitle(request(new WijkteamShare(), Map.of())));
        assertEquals("Aandeel jongeren met wijkteamhulp", new CareShare().chartTitle(request(new CareShare(), Map.of())));
        assertEquals("Aandeel jongeren met jeugdhulp met verblijf", new CareShare().chartTitle(
                request(new CareShare(), Map.of("groups", List.of("MET_VERBLIJF", "WIJKTEAM")))));
        assertEquals("Jongeren met wijkteamhulp zonder andere zorg in dezelfde periode",
                new Concurrency().chartTitle(request(new Concurrency(), Map.of())));
        assertEquals("Jongeren met wijkteamhulp zonder andere zorg naast hun wijkteamtraject",
                new Concurrency().chartTitle(request(new Concurrency(), Map.of("concurrency", "overlap"))));
        assertEquals("Gestarte jeugdhulptrajecten met verwijzer gemeentelijke toegang, zonder wijkteamtrajecten",
                new Referral().chartTitle(request(new Referral(), Map.of("exclude_wijkteam", true))));
        assertEquals("Groepen gemeenten vergeleken: aandeel jongeren met wijkteamhulp",
                new GroupComparison().chartTitle(request(new GroupComparison(), Map.of())));
        assertEquals("Groepen gemeenten vergeleken: jongeren met wijkteamhulp en jeugdhulp met verblijf",
                new GroupComparison().chartTitle(request(new GroupComparison(),
                        Map.of("measure", "concurrency:WITH_MET_VERBLIJF"))));
        assertEquals("Groepen gemeenten vergeleken: jeugdbescherming in het jaar na wijkteamhulp",
                new GroupComparison().chartTitle(request(new GroupComparison(),
                        Map.of("measure", "followup:WITH_JEUGDBESCHERMING"))));
    }
}
