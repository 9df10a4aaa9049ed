package nl.samenloop.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OptionSpecTest {

    private static Object check(OptionSpec spec, Object raw, List<String> errors) {
        return spec.check("o", raw, errors);
    }

    @Test
    void codesAcceptYamlNumbersForTwoDigitCodesAndDropRepeats() {
        OptionSpec hulpvorm = OptionSpec.codes(List.of("01"), List.of("01", "02", "11"));
        List<String> errors = new ArrayList<>();
        assertEquals(List.of("01", "11", "02"), check(hulpvorm, List.of(1, 11, "02", "01"), errors));
        assertEquals(List.of(), errors);
    }

    @Test
    void emptyAllowedMeansAnyTextAndMissingBoundsMeanUnbounded() {
        List<String> errors = new ArrayList<>();
        assertEquals("whatever", check(OptionSpec.choice("x").describedAs("free"), "whatever", errors));
        OptionSpec big = new OptionSpec(OptionSpec.Type.INTEGER, List.of(), null, null, 1L, "");
        assertEquals(-5L, check(big, -5, errors));
        assertEquals("whole numbers", big.allowedText());
        // How the registry catalog says "any": the extreme values are no bounds, and are not printed.
        assertEquals("whole numbers", OptionSpec.integer(Long.MIN_VALUE, Long.MAX_VALUE, 1L).allowedText());
        assertEquals("numbers from 0", OptionSpec.number(0, Double.MAX_VALUE, 1.0).allowedText());
        assertEquals(Long.MAX_VALUE, check(OptionSpec.integer(Long.MIN_VALUE, Long.MAX_VALUE, 1L), Long.MAX_VALUE, errors));
        assertEquals(List.of(), errors);
    }

    @Test
    void mapsOfNamedCodeListsForGroups() {
        OptionSpec groups = OptionSpec.map(null, List.of());
        List<String> errors = new ArrayList<>();
        Object v = check(groups, Map.of("rijnmond", List.of("GM0599", "GM0606")), errors);
        assertEquals(Map.of("rijnmond", List.of("GM0599", "GM0606")), v);
        assertNull(check(groups, Map.of("rijnmond", "GM0599"), errors));
        assertEquals(List.of("o.rijnmond: expected a list such as [...], got text 'GM0599'"), errors);
    }

    @Test
    void aNullDefaultMakesAnOptionRequired() {
        assertEquals(true, OptionSpec.choice(null, "a", "b").required());
        assertEquals(false, OptionSpec.bool(false).required());
    }

    @Test
    void suggestionsAreOnlyMadeForPlausibleTypos() {
        assertEquals(1, Suggest.distance("tabels", "tables"));
        assertEquals(3, Suggest.distance("kitten", "sitting"));
        assertEquals("tables", Suggest.closest("tabels", JobSpecParser.TOP_KEYS));
        assertEquals("periods", Suggest.closest("Period", JobSpecParser.TOP_KEYS));
        assertNull(Suggest.closest("xyz", JobSpecParser.TOP_KEYS));
        assertNull(Suggest.closest("zzzzzzzzzz", JobSpecParser.TOP_KEYS));
    }
}
