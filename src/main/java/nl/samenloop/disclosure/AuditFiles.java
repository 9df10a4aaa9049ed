package nl.samenloop.disclosure;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.samenloop.storage.Location;
import nl.samenloop.storage.Storage;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.samenloop.indicators.Count;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Relation;

/**
 * The audit files of a publication package (spec disclosure.md "Package contents"):
 * <ul>
 *   <li>{@code audit/cells.csv} — every count: status, rule, the published value ({@code .} when
 *       suppressed) and, for suppressed counts, the audit interval. No persons column and no value of a
 *       suppressed count. Counts that are only computed for the audit (unreleased rows) and safe are left
 *       out; a reader knows them only as non-negative members of relations.</li>
 *   <li>{@code audit/relations.csv} — every relation a reader can use: type, total and parts as
 *       {@code name|geo|period}, parts joined by {@code ;}.</li>
 * </ul>
 * Together they let anyone re-run the audit ({@link PackageRecheck}). The internal copy with raw values and
 * persons goes to the secure working area only ({@link #writeInternal}).
 */
public final class AuditFiles {
    public static final String CELLS_HEADER = "table,count,geography_code,period,status,rule,value,audit_lower,audit_upper";
    public static final String RELATIONS_HEADER = "table,type,total,parts";
    static final String INTERNAL_HEADER =
            "table,count,geography_code,period,status,rule,value,persons,published_value,audit_lower,audit_upper";

    private AuditFiles() {
    }

    public static void write(Path packageDir, List<ProtectedTable> tables) {
        Path dir = packageDir.resolve("audit");
        try {
            Files.createDirectories(dir);
            try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("cells.csv"), StandardCharsets.UTF_8)) {
                w.write(CELLS_HEADER);
                w.newLine();
                for (ProtectedTable t : tables) {
                    for (Decision d : sorted(t)) {
                        if (TableProtector.UNRELEASED.equals(d.rule())) {
                            continue;
                        }
                        boolean suppressed = d.status() == Status.PRIMARY || d.status() == Status.SECONDARY;
                        w.write(Csv.line(t.source().name(), d.ref().name(), d.ref().geoCode(), d.ref().period(),
                                d.status(), d.rule(), published(d),
                                suppressed ? Interval.format(d.auditLower()) : "",
                                suppressed ? Interval.format(d.auditUpper()) : ""));
                        w.newLine();
                    }
                }
            }
            try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("relations.csv"), StandardCharsets.UTF_8)) {
                w.write(RELATIONS_HEADER);
                w.newLine();
                for (ProtectedTable t : tables) {
                    for (Relation r : t.source().relations()) {
                        w.write(Csv.line(t.source().name(), r.type(), r.total(),
                                r.parts().stream().map(CountRef::toString).collect(Collectors.joining(";"))));
                        w.newLine();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write audit files in " + dir, e);
        }
    }

    /**
     * The internal copy for the secure working area: {@code <work>/audit/<job>/cells-internal.csv}, every
     * count with its raw value and persons next to the decision. Never part of a package.
     */
    public static Path writeInternal(Path workDir, String job, List<ProtectedTable> tables) {
        return writeInternal(Location.local(workDir), job, tables).local();
    }

    /** As {@link #writeInternal(Path, String, List)} into a working area on any file system. */
    public static Location writeInternal(Location workDir, String job, List<ProtectedTable> tables) {
        Location dir = workDir.resolve("audit").resolve(job);
        Location file = dir.resolve("cells-internal.csv");
        try {
            Storage.createFolders(dir);
            try (BufferedWriter w = file.isLocal() ? Files.newBufferedWriter(file.local(), StandardCharsets.UTF_8)
                    : new BufferedWriter(new java.io.OutputStreamWriter(Storage.create(file), StandardCharsets.UTF_8))) {
                w.write(INTERNAL_HEADER);
                w.newLine();
                for (ProtectedTable t : tables) {
                    Map<CountRef, Count> counts = t.source().counts();
                    for (Decision d : sorted(t)) {
                        Count c = counts.get(d.ref());
                        w.write(Csv.line(t.source().name(), d.ref().name(), d.ref().geoCode(), d.ref().period(),
                                d.status(), d.rule(), c.value(), c.persons(), published(d),
                                d.auditLower() == null ? "" : Interval.format(d.auditLower()),
                                d.auditUpper() == null ? "" : Interval.format(d.auditUpper())));
                        w.newLine();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write internal audit file " + file, e);
        }
        return file;
    }

    private static String published(Decision d) {
        return d.shownValue() != null && d.status().shown() ? String.valueOf(d.shownValue()) : ".";
    }

    private static List<Decision> sorted(ProtectedTable t) {
        return t.decisions().values().stream().sorted((a, b) -> a.ref().compareTo(b.ref())).toList();
    }
}
