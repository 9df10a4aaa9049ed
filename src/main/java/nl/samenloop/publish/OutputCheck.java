package nl.samenloop.publish;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import nl.samenloop.disclosure.Decision;
import nl.samenloop.disclosure.ProtectedCell;
import nl.samenloop.disclosure.ProtectedTable;
import nl.samenloop.disclosure.Status;
import nl.samenloop.indicators.CountRef;

/**
 * {@code output-check.md}, the page the CBS output checker reads (spec disclosure.md, "Package
 * contents"): job, data version, classification year, data horizon, rules and thresholds; per table how
 * many rows and how many counts have each status and how many counts each rule suppressed; the audit
 * verdict; and a SHA-256 checksum of every other file in the package. It holds tallies of cells, never
 * a suppressed number. It is written last: the folder is walked when it is written, so files others put
 * there after the table writers (audit/cells.csv) are covered too.
 */
public final class OutputCheck {
    public static final String FILE = "output-check.md";
    /** First line; {@link PackageFolder} reads it back to recognise the package a folder holds. */
    static final String MARKER_PREFIX = "<!-- samenloop-package job=";

    private OutputCheck() {
    }

    public static Path write(Path packageDir, PackageInfo info, List<ProtectedTable> tables) throws IOException {
        Path file = packageDir.resolve(FILE);
        Files.writeString(file, text(packageDir, info, tables), StandardCharsets.UTF_8);
        return file;
    }

    /** The text {@link #write} writes, with the checksums of the files now in {@code packageDir}. */
    public static String text(Path packageDir, PackageInfo info, List<ProtectedTable> tables) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append(marker(info)).append('\n');
        md.append("# Output check: ").append(oneLine(info.title())).append("\n\n");
        md.append("| | |\n|---|---|\n");
        row(md, "Job", info.job());
        row(md, "Created", info.created().toString());
        row(md, "Data version", info.dataVersion());
        row(md, "Classification year", Integer.toString(info.classificationYear()));
        row(md, "Data horizon", info.dataHorizon() == null ? "" : info.dataHorizon().toString());
        md.append("\n## Rules and thresholds\n\n");
        if (info.rules().isEmpty()) {
            md.append("(none stated)\n");
        } else {
            md.append("| rule | setting |\n|---|---|\n");
            for (Map.Entry<String, String> e : info.rules().entrySet()) {
                row(md, e.getKey(), e.getValue());
            }
        }

        if (!info.acrossReleases().isEmpty()) {
            md.append("\n## Earlier releases\n\n");
            for (Map.Entry<String, String> e : info.acrossReleases().entrySet()) {
                md.append("- ").append(oneLine(e.getKey())).append(": ").append(oneLine(e.getValue())).append('\n');
            }
        }
        md.append("\n## Tables\n");
        for (ProtectedTable t : tables) {
            tableSection(md, t);
        }

        md.append("\n## Audit verdict\n\n").append(info.auditVerdict().isBlank() ? "(no verdict given)" : info.auditVerdict())
                .append('\n');
        if (!info.notes().isEmpty()) {
            md.append("\n## Notes\n\n");
            for (String n : info.notes()) {
                md.append("- ").append(oneLine(n)).append('\n');
            }
        }

        md.append("\n## Checksums (SHA-256)\n\n");
        md.append("Every file in the package except this one; check with `sha256sum -c` from the package folder.\n\n");
        md.append("```\n");
        for (Map.Entry<String, String> e : checksums(packageDir).entrySet()) {
            md.append(e.getValue()).append("  ").append(e.getKey()).append('\n');
        }
        md.append("```\n");
        return md.toString();
    }

    static String marker(PackageInfo info) {
        return MARKER_PREFIX + oneLine(info.job()).replace("-->", "") + " created=" + info.created() + " -->";
    }

    private static void tableSection(StringBuilder md, ProtectedTable t) {
        Map<Status, Integer> rows = zeroes();
        Set<CountRef> releasedRefs = new HashSet<>();
        for (ProtectedCell pc : t.rows()) {
            if (pc.cell().released()) {
                rows.merge(pc.status(), 1, Integer::sum);
                releasedRefs.addAll(pc.cell().refs());
            }
        }
        // Tally the counts the package releases (shown or dotted); counts decided only so the audit sees
        // the whole hierarchy (municipalities outside the requested regions) are reported as a number.
        Map<Status, Integer> counts = zeroes();
        Map<String, Integer> byRule = new TreeMap<>();
        int auditOnly = 0;
        for (Decision d : t.decisions().values()) {
            if (!releasedRefs.contains(d.ref())) {
                auditOnly++;
                continue;
            }
            counts.merge(d.status(), 1, Integer::sum);
            if (!d.status().shown()) {
                byRule.merge(d.rule() == null ? "(no rule named)" : d.rule(), 1, Integer::sum);
            }
        }
        int released = rows.values().stream().mapToInt(Integer::intValue).sum();
        int releasedCounts = counts.values().stream().mapToInt(Integer::intValue).sum();
        md.append("\n### ").append(oneLine(t.source().name())).append(": ").append(oneLine(t.source().title())).append("\n\n");
        md.append("Indicator ").append(oneLine(t.source().indicator())).append("; ").append(released)
                .append(" released rows resting on ").append(releasedCounts).append(" counts");
        if (auditOnly > 0) {
            md.append("; ").append(auditOnly).append(" further counts were decided for the audit only (not released)");
        }
        md.append(".\n\n");
        md.append("| status | rows | counts |\n|---|---:|---:|\n");
        for (Status s : Status.values()) {
            md.append("| ").append(s.name()).append(" | ").append(rows.get(s)).append(" | ").append(counts.get(s)).append(" |\n");
        }
        md.append("\nSuppressed counts by rule:\n\n");
        if (byRule.isEmpty()) {
            md.append("(none)\n");
        } else {
            md.append("| rule | counts |\n|---|---:|\n");
            for (Map.Entry<String, Integer> e : byRule.entrySet()) {
                md.append("| ").append(cell(e.getKey())).append(" | ").append(e.getValue()).append(" |\n");
            }
        }
        // Information loss, so a method that suppresses much more is visible at a glance.
        int shownRows = 0;
        for (Map.Entry<Status, Integer> e : rows.entrySet()) {
            shownRows += e.getKey().shown() ? e.getValue() : 0;
        }
        md.append(String.format(java.util.Locale.ROOT, "%nInformation loss: %d of %d released rows shown (%.1f %%); %d of %d"
                        + " released counts suppressed.%n", shownRows, released, released == 0 ? 0.0 : 100.0 * shownRows / released,
                byRule.values().stream().mapToInt(Integer::intValue).sum(), releasedCounts));
    }

    /**
     * SHA-256 of every regular file under the package folder except the output check itself, keyed by
     * the path relative to the folder with '/' separators, in sorted order.
     */
    public static Map<String, String> checksums(Path packageDir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(packageDir)) {
            s.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path f : files) {
            String rel = packageDir.relativize(f).toString().replace('\\', '/');
            if (rel.equals(FILE)) {
                continue;
            }
            out.put(rel, sha256(f));
        }
        return out;
    }

    /** As {@link #sha256(Path)} for a file on any file system. */
    public static String sha256(nl.samenloop.storage.Location file) throws IOException {
        return file.isLocal() ? sha256(file.local()) : sha256(nl.samenloop.storage.Storage.open(file));
    }

    public static String sha256(Path file) throws IOException {
        return sha256(Files.newInputStream(file));
    }

    /** SHA-256 of everything {@code stream} holds; closes it. */
    static String sha256(InputStream stream) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = stream) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static Map<Status, Integer> zeroes() {
        Map<Status, Integer> m = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            m.put(s, 0);
        }
        return m;
    }

    private static void row(StringBuilder md, String k, String v) {
        md.append("| ").append(cell(k)).append(" | ").append(cell(v)).append(" |\n");
    }

    private static String cell(String s) {
        return oneLine(s).replace("|", "\\|");
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\r', ' ').replace('\n', ' ');
    }
}
