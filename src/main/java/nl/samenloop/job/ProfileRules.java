package nl.samenloop.job;

import java.util.LinkedHashMap;
import java.util.Map;

import nl.samenloop.disclosure.Profile;

/**
 * A disclosure profile's rules as people read them (spec disclosure.md "Primary rules"): the same lines in
 * {@code samenloop plan} (before anything runs) and in the package's {@code output-check.md} (after).
 */
public final class ProfileRules {
    private ProfileRules() {
    }

    /** Rule name → setting, in the order the spec introduces them. */
    public static Map<String, String> of(Profile p) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("profile", p.name());
        m.put("threshold (minimum distinct persons)", String.valueOf(p.threshold()));
        m.put("zero cells", p.zeroIsSafe() ? "safe" : "unsafe");
        m.put("complement rule", p.complementRule() ? "on" : "off");
        m.put("rounding", p.roundTo() == null ? "off" : "to multiples of " + p.roundTo());
        m.put("differencing against earlier releases (ledger_check)", p.ledgerCheck() ? String.valueOf(p.ledgerMode()).toLowerCase() : "off");
        return m;
    }

    /** The profile a job runs under: the named one, with the job's {@code round_to} when it sets one. */
    public static Profile effective(Profile named, JobSpec job) {
        return job.disclosure().roundTo().isPresent() ? named.withRoundTo(job.disclosure().roundTo().getAsInt()) : named;
    }
}
