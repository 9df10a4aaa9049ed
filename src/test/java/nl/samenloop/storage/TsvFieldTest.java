package nl.samenloop.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import org.junit.jupiter.api.Test;

class TsvFieldTest {
    @Test
    void writtenByHand() {
        assertEquals("GM0599|2020|n", TsvField.escape("GM0599|2020|n"));
        assertEquals("a\\tb\\nc\\rd\\\\e", TsvField.escape("a\tb\nc\rd\\e"));
        assertEquals("a\tb\nc\rd\\e", TsvField.unescape("a\\tb\\nc\\rd\\\\e"));
        // A backslash before another character stands for that character; a lone one at the end for itself.
        assertEquals("x|y\\", TsvField.unescape("\\x|y\\"));
    }

    /** Any text comes back as it was, and its escaped form never holds a tab or a line break. */
    @Property(tries = 500)
    void roundTrips(@ForAll @Chars({'\\', '\t', '\n', '\r', 't', 'n', 'r', '|', ' '}) @CharRange(from = 'a', to = 'c') String s) {
        String e = TsvField.escape(s);
        assertFalse(e.contains("\t") || e.contains("\n") || e.contains("\r"), e);
        assertEquals(s, TsvField.unescape(e));
    }
}
