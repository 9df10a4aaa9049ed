package nl.samenloop.job;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import nl.samenloop.model.Reference;
import nl.samenloop.model.Reference.Municipality;

/**
 * Checks a parsed job against the public reference data (conf/reference) before anything runs (STYLE habit 6):
 * the codes under {@code geography.regions} and {@code geography.municipalities} must exist in the job's
 * classification year, or the filter would silently publish nothing for them. The parser checks only
 * their form, so it needs no conf folder; the CLI runs this check when it has one.
 */
public final class ReferenceCheck {
    private ReferenceCheck() {
    }

    /** One-line problems, in the order of the job file; empty when every code exists. */
    public static List<String> problems(JobSpec job, Reference reference) {
        int year = job.classificationYear();
        Map<String, Municipality> municipalities = reference.classification(year);
        Set<String> regions = new LinkedHashSet<>();
        municipalities.values().forEach(m -> {
            if (m.regionCode() != null) {
                regions.add(m.regionCode());
            }
        });
        List<String> out = new ArrayList<>();
        List<String> givenRegions = job.geography().regions();
        for (int i = 0; i < givenRegions.size(); i++) {
            String code = givenRegions.get(i);
            if (!regions.contains(code)) {
                out.add("geography.regions[" + i + "]: " + code + " is not a jeugdregio in classification year " + year);
            }
        }
        List<String> givenMunicipalities = job.geography().municipalities();
        for (int i = 0; i < givenMunicipalities.size(); i++) {
            String code = givenMunicipalities.get(i);
            if (!municipalities.containsKey(code)) {
                String now = reference.toClassification(code, year);
                out.add("geography.municipalities[" + i + "]: " + code + " is not a municipality in classification year "
                        + year + (now == null ? "" : "; it is part of " + now + " (" + municipalities.get(now).name()
                                + ") in that year"));
            }
        }
        return out;
    }
}
