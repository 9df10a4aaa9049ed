package nl.samenloop.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.samenloop.disclosure.Canonical;
import nl.samenloop.publish.OutputCheck;
import nl.samenloop.publish.PackageFolder;

/**
 * What a package's {@code output-check.md} (written by {@link OutputCheck}) declares, read back by the output
 * checker: the rules table, the released rows per table and status, and the checksum of every file. Its own
 * SHA-256 is the manifest hash the release register keeps for the release.
 *
 * @param rules     the "Rules and thresholds" table, in order
 * @param rowTally  per table: status → released rows, from the "| status | rows | counts |" tables
 * @param checksums relative path → SHA-256
 * @param sha256    SHA-256 of the whole text (UTF-8), as recorded at publish
 */
public record Manifest(String text, Map<String, String> rules, Map<String, Map<String, Integer>> rowTally,
                       Map<String, String> checksums, String sha256) {
    private static final Pattern ROW = Pattern.compile("\\|\\s*(.*?)\\s*\\|\\s*(.*?)\\s*\\|");
    private static final Pattern TABLE = Pattern.compile("### (\\S+?): .*");
    private static final Pattern TALLY = Pattern.compile("\\| ([A-Z_]+) \\| (\\d+) \\| (\\d+) \\|");

    public static Manifest parse(String text) {
        Map<String, String> rules = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> tally = new LinkedHashMap<>();
        String section = "";
        String table = null;
        for (String line : text.lines().toList()) {
            if (line.startsWith("## ")) {
                section = line.substring(3).trim();
                table = null;
                continue;
            }
            if (section.equals("Rules and thresholds")) {
                Matcher m = ROW.matcher(line);
                if (m.lookingAt() && !m.group(1).equals("rule") && !m.group(1).startsWith("---")) {
                    rules.put(m.group(1).replace("\\|", "|"), m.group(2).replace("\\|", "|"));
                }
            } else if (section.equals("Tables")) {
                Matcher t = TABLE.matcher(line);
                if (t.matches()) {
                    table = t.group(1);
                    tally.put(table, new LinkedHashMap<>());
                    continue;
                }
                Matcher m = TALLY.matcher(line);
                if (table != null && m.matches()) {
                    tally.get(table).put(m.group(1), Integer.parseInt(m.group(2)));
                }
            }
        }
        return new Manifest(text, rules, tally, PackageFolder.checksums(text), Canonical.sha256(text));
    }

    /**
     * The disclosure profile the package says it applied. Reads the keys {@code JobRunner} writes
     * ("threshold (minimum distinct persons)", "zero cells", "rounding") and the plain profile keys
     * ({@code threshold}/{@code min_persons}, {@code zero_is_safe}, {@code round_to}).
     */
    public Rules profile() {
        Integer threshold = null;
        Boolean zeroSafe = null;
        Integer roundTo = null;
        String roundingText = null;
        for (Map.Entry<String, String> e : rules.entrySet()) {
            String k = e.getKey().toLowerCase(java.util.Locale.ROOT);
            String v = e.getValue().trim().toLowerCase(java.util.Locale.ROOT);
            if (k.startsWith("threshold") || k.equals("min_persons")) {
                threshold = firstNumber(v);
            } else if (k.equals("zero cells") || k.equals("zero_is_safe")) {
                zeroSafe = v.equals("safe") || v.equals("true");
            } else if (k.equals("rounding") || k.equals("round_to")) {
                roundingText = v;
                roundTo = List.of("off", "false", "null", "none", "").contains(v) ? null : firstNumber(v);
            }
        }
        return new Rules(threshold, zeroSafe, roundTo, roundingText);
    }

    private static Integer firstNumber(String v) {
        Matcher m = Pattern.compile("\\d+").matcher(v);
        return m.find() ? Integer.valueOf(m.group()) : null;
    }

    /** The profile as stated; a null field was not stated (or not readable) in the package. */
    public record Rules(Integer threshold, Boolean zeroIsSafe, Integer roundTo, String roundingText) {
        @Override
        public String toString() {
            return "threshold " + (threshold == null ? "?" : threshold) + ", zero cells "
                    + (zeroIsSafe == null ? "?" : zeroIsSafe ? "safe" : "unsafe") + ", rounding "
                    + (roundTo == null ? (roundingText == null ? "?" : "off") : "to multiples of " + roundTo);
        }
    }
}
