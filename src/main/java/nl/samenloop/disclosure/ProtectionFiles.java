package nl.samenloop.disclosure;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.storage.Location;
import nl.samenloop.storage.Storage;
import nl.samenloop.storage.TsvField;

/**
 * What disclosure control decided for a release, on disk: the disclosure stage's output
 * {@code work:protected/<job>} (plan), from which a resumed run publishes without solving again
 * ({@link Disclosure#reassemble}). One decision per canonical count key — status, rule, the value to show,
 * the audit interval of a suppressed count — and the new intervals of counts earlier releases suppressed.
 * Suppressed values are not in it (a decision has none); it still describes person counts and belongs in the
 * secure working area, never in a package.
 *
 * <p>Tab-separated text, readable for inspection: {@code decisions.tsv}, {@code earlier.tsv},
 * {@code release.tsv} (rounds and programs of the audit). Doubles are written as Java prints them, so they
 * read back exactly ({@code Infinity} for an unbounded interval).
 */
public final class ProtectionFiles {
    private static final String DECISIONS = "decisions.tsv";
    private static final String EARLIER = "earlier.tsv";
    private static final String RELEASE = "release.tsv";

    /** The decisions of a release as {@link #read} gives them back. */
    public record Stored(Map<CountRef, Decision> decisions, Map<CountRef, Interval> earlier, int rounds, int programs) {
    }

    private ProtectionFiles() {
    }

    public static void write(Location dir, Disclosure.Release release) {
        try {
            Storage.createFolders(dir);
            try (BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(Storage.create(dir.resolve(DECISIONS)), StandardCharsets.UTF_8))) {
                w.write("key\tstatus\trule\tshown\tlower\tupper\n");
                for (Decision d : new TreeMap<>(release.decisions()).values()) {
                    w.write(String.join("\t", TsvField.escape(d.ref().toString()), d.status().name(), opt(d.rule()),
                            opt(d.shownValue()), opt(d.auditLower()), opt(d.auditUpper())) + "\n");
                }
            }
            try (BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(Storage.create(dir.resolve(EARLIER)), StandardCharsets.UTF_8))) {
                w.write("key\tlower\tupper\n");
                for (Map.Entry<CountRef, Interval> e : new TreeMap<>(release.earlierTargets()).entrySet()) {
                    w.write(TsvField.escape(e.getKey().toString()) + "\t" + e.getValue().lower() + "\t" + e.getValue().upper() + "\n");
                }
            }
            Storage.writeString(dir.resolve(RELEASE), "rounds\t" + release.rounds() + "\nprograms\t" + release.programs() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the protection to " + dir, e);
        }
    }

    /** @throws IllegalArgumentException when the files are missing or damaged */
    public static Stored read(Location dir) {
        try {
            Map<CountRef, Decision> decisions = new TreeMap<>();
            for (String[] f : rows(dir.resolve(DECISIONS), 6)) {
                CountRef k = ref(TsvField.unescape(f[0]));
                decisions.put(k, new Decision(k, Status.valueOf(f[1]), f[2].isEmpty() ? null : TsvField.unescape(f[2]),
                        f[3].isEmpty() ? null : Long.valueOf(f[3]), f[4].isEmpty() ? null : Double.valueOf(f[4]),
                        f[5].isEmpty() ? null : Double.valueOf(f[5])));
            }
            Map<CountRef, Interval> earlier = new TreeMap<>();
            for (String[] f : rows(dir.resolve(EARLIER), 3)) {
                earlier.put(ref(TsvField.unescape(f[0])), new Interval(Double.parseDouble(f[1]), Double.parseDouble(f[2])));
            }
            Map<String, Integer> stats = new TreeMap<>();
            for (String line : Storage.readString(dir.resolve(RELEASE)).lines().toList()) {
                String[] f = line.split("\t");
                stats.put(f[0], Integer.valueOf(f[1]));
            }
            return new Stored(decisions, earlier, stats.get("rounds"), stats.get("programs"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the protection in " + dir + " is missing or damaged (" + e.getMessage() + ")", e);
        }
    }

    private static List<String[]> rows(Location file, int fields) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(Storage.open(file), StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split("\t", -1);
                if (f.length != fields) {
                    throw new IllegalArgumentException(file.name() + ": a line with " + f.length + " fields");
                }
                out.add(f);
            }
        }
        return out;
    }

    private static CountRef ref(String s) {
        // Names and periods never hold '|'; a geography key may not either (Canonical), so three fields.
        String[] p = s.split("\\|", -1);
        if (p.length != 3) {
            throw new IllegalArgumentException("not a count key: " + s);
        }
        return new CountRef(p[0], p[1], p[2]);
    }

    private static String opt(Object o) {
        return o == null ? "" : TsvField.escape(o.toString());
    }
}
