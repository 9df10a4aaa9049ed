package nl.samenloop.disclosure;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.Count;
import org.junit.jupiter.api.Test;

/** An inconsistent table is an indicator error: named, without any count's value in the message. */
class InputErrorsTest {
    static final String P = "2020HJ01";

    @Test
    void relationThatDoesNotHoldIsRejected() {
        CellTable t = new TableBuilder("bad")
                .share("GM0001", P, "WIJKTEAM", 37, "POP", 500)
                .share("GM0002", P, "WIJKTEAM", 41, "POP", 600)
                .share("RG01", P, "WIJKTEAM", 79, "POP", 1100)
                .sum("WIJKTEAM", P, "RG01", "GM0001", "GM0002")
                .build();
        String m = assertThrows(IllegalArgumentException.class,
                () -> Disclosure.protect(t, Profile.cbsMicrodata(), null)).getMessage();
        assertTrue(m.contains("table bad") && m.contains("WIJKTEAM|RG01|" + P) && m.contains("does not hold"), m);
        assertFalse(m.contains("37") || m.contains("41") || m.contains("79"), m);
    }

    @Test
    void oneReferenceWithTwoValuesIsRejected() {
        CellTable t = new TableBuilder("bad")
                .share("GM0001", P, new Count("WIJKTEAM", 37, 37), new Count("POP", 500, 500), true)
                .share("GM0001", P, new Count("JEUGDHULP", 41, 41), new Count("POP", 501, 501), true)
                .build();
        String m = assertThrows(IllegalArgumentException.class,
                () -> Disclosure.protect(t, Profile.cbsMicrodata(), null)).getMessage();
        assertTrue(m.contains("POP|GM0001|" + P) && m.contains("two different values"), m);
        assertFalse(m.contains("500") || m.contains("501"), m);
    }

    @Test
    void relationToAMissingCountIsRejected() {
        CellTable t = new TableBuilder("bad")
                .share("GM0001", P, "WIJKTEAM", 37, "POP", 500)
                .sum("WIJKTEAM", P, "RG01", "GM0001")
                .build();
        String m = assertThrows(IllegalArgumentException.class,
                () -> Disclosure.protect(t, Profile.cbsMicrodata(), null)).getMessage();
        assertTrue(m.contains("WIJKTEAM|RG01|" + P) && m.contains("which no cell holds"), m);
    }
}
