package nl.samenloop.link;

import java.time.LocalDate;
import java.util.List;
import nl.samenloop.model.Granularity;
import nl.samenloop.model.Period;

/**
 * Everything linking needs to know, resolved from a job: the periods, the classification year, the youth
 * population definition and the trajectory preparation options (spec indicators.md).
 *
 * @param periods     consecutive periods of one granularity, index 0..n-1
 * @param ageMin      youngest age in the youth population (default 0)
 * @param ageMax      oldest age, inclusive (default 22)
 * @param ageAtStart  age on the period's first day instead of the peildatum (option age_reference)
 * @param dataHorizon last observed day; null = derive from the data
 * @param responsibleBasis geography from JGDHGEMEENTE of the last active trajectory instead of residence
 */
public record LinkSpec(List<Period> periods, int classificationYear, int ageMin, int ageMax, boolean ageAtStart,
                       boolean mergeOverlapping, LocalDate dataHorizon, boolean responsibleBasis) {

    public LinkSpec {
        periods = List.copyOf(periods);
        if (periods.isEmpty()) {
            throw new IllegalArgumentException("no periods");
        }
    }

    public Granularity granularity() {
        return periods.get(0).granularity();
    }

    public int firstYear() {
        return periods.get(0).year();
    }

    public LocalDate start() {
        return periods.get(0).start();
    }

    public LocalDate end() {
        return periods.get(periods.size() - 1).end();
    }

    /** A short text that changes whenever the population definition changes: the release register tells populations apart by it. */
    public String populationSignature() {
        return "class=" + classificationYear + ";age=" + ageMin + "-" + ageMax + ";ref=" + (ageAtStart ? "start" : "peildatum")
                + ";merge=" + mergeOverlapping + ";basis=" + (responsibleBasis ? "responsible" : "residence");
    }
}
