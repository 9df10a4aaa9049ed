package nl.samenloop.job;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.samenloop.disclosure.Profile;
import nl.samenloop.job.Plan.StageKind;

/**
 * What {@code samenloop plan} says about the working area: per stage, whether a run would reuse its output or
 * compute it again, and why; and the latest stage {@code run --from} can start at. Reads markers and
 * fingerprints only; takes no lock and does not open the release register.
 */
record ResumeView(Map<String, String> status, String summary) {

    static ResumeView of(Plan plan, Path conf) {
        Profile profile = Profile.load(conf, plan.job().disclosure().profile());
        StageOutputs outputs = StageOutputs.of(plan, conf, profile);
        Map<StageKind, StageOutputs.Status> byKind = new LinkedHashMap<>();
        for (StageKind k : StageKind.values()) {
            byKind.put(k, outputs.status(k));
        }
        Map<String, String> status = new LinkedHashMap<>();
        for (Plan.Stage st : plan.stages()) {
            StageOutputs.Status s = byKind.get(st.kind());
            status.put(st.name(), line(st.kind(), s));
        }
        StageKind latest = outputs.latestResumable();
        String summary = latest == StageKind.INGEST
                ? "resume: nothing to resume from in " + plan.job().work() + "; run computes every stage (the staged data"
                        + " is reused when current)\n"
                : "resume: run --from " + latest.key + " reuses the output of " + String.join(", ",
                        StageOutputs.needs(latest).stream().map(k -> k.key).toList()) + "; a run without --from reuses"
                        + " only the staged data\n";
        return new ResumeView(status, summary);
    }

    private static String line(StageKind kind, StageOutputs.Status s) {
        if (kind == StageKind.PUBLISH) {
            return "always runs: the package is written, scanned and recorded as a release";
        }
        if (kind == StageKind.INGEST) {
            return s.line() + (s.current() ? ": reused by run (--fresh ingests again)" : ": run ingests");
        }
        if (!s.current()) {
            return s.line() + ": a run computes it";
        }
        StageKind next = StageKind.values()[kind.ordinal() + 1];
        String reuse = switch (kind) {
            case LINK -> "run --from indicators reuses it";
            case INDICATOR -> "run --from disclosure reuses it"
                    + (StageOutputs.failed(s.marker()).isEmpty() ? "" : " (" + StageOutputs.failed(s.marker()).size()
                    + " table(s) failed then)");
            case DISCLOSURE -> "protected against " + s.marker().get("history_releases") + " earlier release(s) of the"
                    + " same data; run --from publish reuses it if the register still holds exactly those, and"
                    + " protects again if not";
            default -> "run --from " + next.key + " reuses it";
        };
        return s.line() + "; " + reuse;
    }
}
