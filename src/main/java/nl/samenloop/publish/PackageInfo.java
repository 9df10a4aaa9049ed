package nl.samenloop.publish;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a publication package says about itself (spec disclosure.md, "Package contents"): the job, when
 * it was made, which data and classification it rests on, the disclosure rules it applied and the audit
 * verdict. {@code created} is passed in rather than read from the clock so the same input writes the
 * same package. {@code rules} keeps its order (it is printed as given: threshold first reads best).
 * {@code acrossReleases} says which release register the package was checked against and how many earlier
 * releases of the same data it held (spec disclosure.md "Across releases").
 */
public record PackageInfo(String job, String title, Instant created, String dataVersion, int classificationYear,
                          LocalDate dataHorizon, Map<String, String> rules, String auditVerdict, List<String> notes,
                          Map<String, String> acrossReleases) {

    public PackageInfo {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(created, "created");
        title = title == null ? job : title;
        dataVersion = dataVersion == null ? "" : dataVersion;
        rules = rules == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(rules));
        auditVerdict = auditVerdict == null ? "" : auditVerdict;
        notes = notes == null ? List.of() : List.copyOf(notes);
        acrossReleases = acrossReleases == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(acrossReleases));
    }

    /** A package checked against no release register (tests, and tools that write packages of their own). */
    public PackageInfo(String job, String title, Instant created, String dataVersion, int classificationYear,
                       LocalDate dataHorizon, Map<String, String> rules, String auditVerdict, List<String> notes) {
        this(job, title, created, dataVersion, classificationYear, dataHorizon, rules, auditVerdict, notes, Map.of());
    }

    /** The verdict is known only after the audit ran, between the table writers and the output check. */
    public PackageInfo withAuditVerdict(String verdict) {
        return new PackageInfo(job, title, created, dataVersion, classificationYear, dataHorizon, rules, verdict, notes,
                acrossReleases);
    }
}
