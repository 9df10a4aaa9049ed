package nl.samenloop.disclosure;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A disclosure-control profile, {@code conf/disclosure/<name>.yaml} (spec disclosure.md "Primary rules":
 * all configurable in {@code conf/}). Keys missing from the file take the strict defaults of
 * {@code cbs-microdata}; unknown keys are an error so a typo never silently weakens protection.
 *
 * @param threshold      T: a count with fewer distinct persons is unsafe; also the minimum audit width
 * @param zeroIsSafe     whether zero counts may be published
 * @param complementRule whether denominator − numerator persons must also reach T
 * @param roundTo        rounding base for published counts (applied after suppression), null for none
 * @param ledgerCheck    whether to check new counts against the release ledger
 * @param ledgerMode     what a ledger difference does: suppress the count or refuse the package
 */
public record Profile(String name, int threshold, boolean zeroIsSafe, boolean complementRule, Integer roundTo,
                      boolean ledgerCheck, LedgerMode ledgerMode) {

    public enum LedgerMode { SUPPRESS, REFUSE }

    public static final List<String> KEYS =
            List.of("threshold", "zero_is_safe", "complement_rule", "round_to", "ledger_check", "ledger_mode");

    public Profile {
        if (threshold < 1) {
            throw new IllegalArgumentException("profile " + name + ": threshold must be at least 1");
        }
        if (roundTo != null && roundTo < 2) {
            throw new IllegalArgumentException("profile " + name + ": round_to must be at least 2, or null/off");
        }
        ledgerMode = ledgerMode == null ? LedgerMode.SUPPRESS : ledgerMode;
    }

    /** The defaults of spec disclosure.md: T = 10, zeros unsafe, no complement rule, no rounding, ledger on. */
    public static Profile cbsMicrodata() {
        return new Profile("cbs-microdata", 10, false, false, null, true, LedgerMode.SUPPRESS);
    }

    public Profile withRoundTo(Integer base) {
        return new Profile(name, threshold, zeroIsSafe, complementRule, base, ledgerCheck, ledgerMode);
    }

    public Profile withZeroIsSafe(boolean z) {
        return new Profile(name, threshold, z, complementRule, roundTo, ledgerCheck, ledgerMode);
    }

    public Profile withComplementRule(boolean c) {
        return new Profile(name, threshold, zeroIsSafe, c, roundTo, ledgerCheck, ledgerMode);
    }

    public Profile withLedgerMode(LedgerMode m) {
        return new Profile(name, threshold, zeroIsSafe, complementRule, roundTo, ledgerCheck, m);
    }

    /** Reads {@code confDir/disclosure/<name>.yaml}, or {@code confDir/<name>.yaml} when confDir is already the disclosure folder. */
    public static Profile load(Path confDir, String name) {
        Path file = confDir.resolve("disclosure").resolve(name + ".yaml");
        if (!Files.exists(file) && Files.exists(confDir.resolve(name + ".yaml"))) {
            file = confDir.resolve(name + ".yaml");
        }
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("disclosure profile '" + name + "' not found: " + file
                    + available(file.getParent()));
        }
        Object doc;
        try (Reader r = Files.newBufferedReader(file)) {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read disclosure profile " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("disclosure profile " + file + " is not valid YAML: " + e.getMessage(), e);
        }
        if (doc == null) {
            doc = Map.of();
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("disclosure profile " + file + ": expected a mapping of keys "
                    + String.join(", ", KEYS));
        }
        Profile d = cbsMicrodata();
        for (Object k : map.keySet()) {
            if (!KEYS.contains(String.valueOf(k))) {
                throw new IllegalArgumentException("disclosure profile " + file + ": unknown key '" + k
                        + "'; allowed keys: " + String.join(", ", KEYS));
            }
        }
        int threshold = map.containsKey("threshold") ? integer(file, "threshold", map.get("threshold")) : d.threshold();
        boolean zero = map.containsKey("zero_is_safe") ? bool(file, "zero_is_safe", map.get("zero_is_safe")) : d.zeroIsSafe();
        boolean complement = map.containsKey("complement_rule")
                ? bool(file, "complement_rule", map.get("complement_rule")) : d.complementRule();
        Integer round = roundTo(file, map.get("round_to"));
        boolean ledger = map.containsKey("ledger_check") ? bool(file, "ledger_check", map.get("ledger_check")) : d.ledgerCheck();
        LedgerMode mode = map.containsKey("ledger_mode") ? ledgerMode(file, map.get("ledger_mode")) : d.ledgerMode();
        try {
            return new Profile(name, threshold, zero, complement, round, ledger, mode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static String available(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return "";
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
            return names.isEmpty() ? "" : "; available: " + String.join(", ", names);
        } catch (IOException e) {
            return "";
        }
    }

    private static int integer(Path file, String key, Object v) {
        if (v instanceof Integer i) {
            return i;
        }
        throw new IllegalArgumentException("disclosure profile " + file + ": key '" + key
                + "' must be a whole number, got '" + v + "'");
    }

    private static boolean bool(Path file, String key, Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("disclosure profile " + file + ": key '" + key
                + "' must be true or false, got '" + v + "'");
    }

    /** null, {@code off} (which YAML 1.1 reads as false) or {@code false} mean no rounding. */
    private static Integer roundTo(Path file, Object v) {
        if (v == null || Boolean.FALSE.equals(v) || "off".equalsIgnoreCase(String.valueOf(v))) {
            return null;
        }
        if (v instanceof Integer i) {
            return i;
        }
        throw new IllegalArgumentException("disclosure profile " + file
                + ": key 'round_to' must be a whole number or null/off, got '" + v + "'");
    }

    private static LedgerMode ledgerMode(Path file, Object v) {
        for (LedgerMode m : LedgerMode.values()) {
            if (m.name().equalsIgnoreCase(String.valueOf(v))) {
                return m;
            }
        }
        throw new IllegalArgumentException("disclosure profile " + file
                + ": key 'ledger_mode' must be suppress or refuse, got '" + v + "'");
    }
}
