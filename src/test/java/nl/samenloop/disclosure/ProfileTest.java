package nl.samenloop.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileTest {
    @TempDir
    Path conf;

    @Test
    void shippedProfileIsTheSpecDefault() {
        Profile p = Profile.load(Path.of("conf"), "cbs-microdata");
        assertEquals(10, p.threshold());
        assertFalse(p.zeroIsSafe());
        assertFalse(p.complementRule());
        assertNull(p.roundTo());
        assertTrue(p.ledgerCheck());
        assertEquals(Profile.LedgerMode.SUPPRESS, p.ledgerMode());
        assertEquals(Profile.cbsMicrodata(), p);
    }

    Path write(String name, String yaml) throws Exception {
        Files.createDirectories(conf.resolve("disclosure"));
        return Files.writeString(conf.resolve("disclosure").resolve(name + ".yaml"), yaml);
    }

    @Test
    void readsEveryKey() throws Exception {
        write("loose", "threshold: 5\nzero_is_safe: true\ncomplement_rule: true\nround_to: 5\nledger_check: false\n"
                + "ledger_mode: refuse\n");
        assertEquals(new Profile("loose", 5, true, true, 5, false, Profile.LedgerMode.REFUSE), Profile.load(conf, "loose"));
        write("off", "round_to: off\n");
        assertNull(Profile.load(conf, "off").roundTo());
    }

    @Test
    void unknownKeyIsNamedWithTheAllowedOnes() throws Exception {
        write("typo", "thresold: 5\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Profile.load(conf, "typo"));
        assertTrue(e.getMessage().contains("unknown key 'thresold'"), e.getMessage());
        assertTrue(e.getMessage().contains("threshold, zero_is_safe, complement_rule, round_to, ledger_check, ledger_mode"),
                e.getMessage());
        assertTrue(e.getMessage().contains("typo.yaml"), e.getMessage());
    }

    @Test
    void badValuesAndMissingProfilesAreNamed() throws Exception {
        write("bad", "threshold: ten\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Profile.load(conf, "bad"))
                .getMessage().contains("key 'threshold' must be a whole number"));
        write("mode", "ledger_mode: maybe\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Profile.load(conf, "mode"))
                .getMessage().contains("ledger_mode' must be suppress or refuse"));
        String missing = assertThrows(IllegalArgumentException.class, () -> Profile.load(conf, "nope")).getMessage();
        assertTrue(missing.contains("'nope' not found") && missing.contains("available: bad, mode"), missing);
    }
}
