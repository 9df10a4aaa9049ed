package nl.samenloop.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.samenloop.engine.Failures;
import nl.samenloop.storage.Location;
import nl.samenloop.storage.Storage;

/**
 * Writes the data-quality report ({@code quality/report.csv} for machines, {@code report.md} for people):
 * per table files read, version choices, records read, accepted, rejected per reason, merged repeats, not
 * linkable, present optional columns and the reconciliation identity with PASS/FAIL. Counts and names
 * only — nothing record-level. When ingest fails, the report says FAILED with the reason
 * ({@link #writeFailed}), so an earlier delivery's PASS never stands beside staged data it does not describe.
 * Each file is written under a temporary name and renamed, so a reader never sees half a report.
 */
final class QualityReport {
    private QualityReport() {
    }

    static void write(IngestReport report, Location qualityDir) {
        try {
            Storage.createFolders(qualityDir);
            replace(qualityDir.resolve("report.csv"), csv(report));
            replace(qualityDir.resolve("report.md"), markdown(report));
        } catch (IOException e) {
            throw new IngestException(qualityDir + ": cannot write data-quality report (" + Failures.rootCause(e) + ")");
        }
    }

    /**
     * The report of an ingest that failed: FAILED and why (one line, no record values), and — when the tables
     * were read but did not reconcile — their counts. Best effort: a failure to write it (a full disk) must not
     * hide the failure being reported.
     */
    static void writeFailed(Location qualityDir, String reason, IngestReport partial) {
        String why = reason.replace('\r', ' ').replace('\n', ' ');
        String note = "This ingest did not finish: staging/ and rejects/ still hold the previous successful ingest (or"
                + " nothing), not this delivery.";
        String md = "# Ingest data-quality report\n\nOverall: **FAILED** — " + why + "\n\n" + note + "\n\n"
                + (partial == null ? "" : markdown(partial).replaceFirst("(?s)^# Ingest data-quality report\n\n", ""));
        String csv = (partial == null ? "table,metric,value\n" : csv(partial).replace("ALL,reconciliation,FAIL\n", ""))
                + "ALL,reconciliation,FAILED\nALL,failure," + quote(why) + "\n";
        try {
            Storage.createFolders(qualityDir);
            replace(qualityDir.resolve("report.csv"), csv);
            replace(qualityDir.resolve("report.md"), md);
        } catch (IOException | RuntimeException e) {
            // The caller is already failing with the reason; stderr gets it from there.
        }
    }

    private static void replace(Location location, String text) throws IOException {
        if (location.isLocal()) {
            Path file = location.local();
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        // HDFS renames onto no existing file: the old report goes first (a reader may briefly find none, never half).
        Location tmp = location.sibling(location.name() + ".tmp");
        Storage.writeString(tmp, text);
        Storage.deleteFile(location);
        Storage.rename(tmp, location);
    }

    static String csv(IngestReport report) {
        List<String> lines = new ArrayList<>();
        lines.add("table,metric,value");
        for (TableReport t : report.tables().values()) {
            String n = t.table();
            lines.add(n + ",present," + t.present());
            lines.add(n + ",files_read," + t.files().size());
            lines.add(n + ",records_read," + t.read());
            lines.add(n + ",accepted," + t.accepted());
            for (Map.Entry<Reason, Long> r : t.rejected().entrySet()) {
                lines.add(n + ",rejected_" + r.getKey() + "," + r.getValue());
            }
            lines.add(n + ",rejected_total," + t.rejectedTotal());
            lines.add(n + ",merged_repeats," + t.mergedRepeats());
            lines.add(n + ",not_linkable," + t.notLinkable());
            lines.add(n + ",staged_rows," + t.stagedRows());
            lines.add(n + ",latest_source_year," + (t.latestSourceYear() == null ? "" : t.latestSourceYear()));
            lines.add(n + ",optional_present," + quote(String.join(" ", t.presentOptional().values())));
            lines.add(n + ",optional_absent," + quote(String.join(" ", t.absentOptional().values())));
            lines.add(n + ",reconciliation," + (t.reconciles() ? "PASS" : "FAIL"));
        }
        lines.add("ALL,latest_yearly_file_year," + (report.latestYearlyFileYear() == null ? "" : report.latestYearlyFileYear()));
        lines.add("ALL,reconciliation," + (report.passed() ? "PASS" : "FAIL"));
        return String.join("\n", lines) + "\n";
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static String markdown(IngestReport report) {
        StringBuilder b = new StringBuilder();
        b.append("# Ingest data-quality report\n\n");
        b.append("Reconciliation per table: records read = accepted + rejected + merged repeats, and the staged and ")
                .append("rejects datasets, counted as they were written, hold exactly the accepted (VSLGWBTAB: × years) ")
                .append("and rejected records.\n\n");
        b.append("Overall: **").append(report.passed() ? "PASS" : "FAIL").append("**");
        if (report.latestYearlyFileYear() != null) {
            b.append(" · latest yearly trajectory file: ").append(report.latestYearlyFileYear());
        }
        b.append("\n\n");
        for (TableReport t : report.tables().values()) {
            b.append("## ").append(t.table()).append("\n\n");
            if (!t.present()) {
                b.append("Absent (optional table).\n\n");
                continue;
            }
            b.append("- files read (").append(t.files().size()).append("): ").append(String.join(", ", t.files())).append('\n');
            for (String v : t.versionChoices()) {
                b.append("- version choice ").append(v).append('\n');
            }
            for (String n : t.notes()) {
                b.append("- note: ").append(n).append('\n');
            }
            if (!t.presentOptional().isEmpty() || !t.absentOptional().isEmpty()) {
                b.append("- optional columns present: ").append(t.presentOptional().isEmpty() ? "none"
                        : String.join(", ", t.presentOptional().values())).append("; absent: ")
                        .append(t.absentOptional().isEmpty() ? "none" : String.join(", ", t.absentOptional().values()))
                        .append('\n');
            }
            b.append(String.format("- records read %,d; accepted %,d; rejected %,d; merged repeats %,d; not linkable %,d%n",
                    t.read(), t.accepted(), t.rejectedTotal(), t.mergedRepeats(), t.notLinkable()));
            if (t.latestSourceYear() != null) {
                b.append("- latest yearly file: ").append(t.latestSourceYear()).append('\n');
            }
            b.append("\n| reason | records |\n|---|---:|\n");
            for (Map.Entry<Reason, Long> r : t.rejected().entrySet()) {
                b.append("| ").append(r.getKey()).append(" | ").append(String.format("%,d", r.getValue())).append(" |\n");
            }
            b.append("| MERGED_REPEAT (not a reject) | ").append(String.format("%,d", t.mergedRepeats())).append(" |\n\n");
            b.append("Reconciliation: ").append(t.identity()).append("\n\n");
        }
        return b.toString();
    }
}
