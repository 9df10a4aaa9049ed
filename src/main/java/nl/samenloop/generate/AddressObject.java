package nl.samenloop.generate;

import java.util.SplittableRandom;

/**
 * What is fixed about one address object, derived from (seed, object index) alone: the two uniforms that
 * place it among the receivers of a split (forward) and the predecessors of a 2016 merger (back to 2015),
 * its kind, and whether VSLGWBTAB lacks it or shows '----' (municipality unknown) for it.
 */
record AddressObject(double uForward, double uBack, String soort, boolean missing, boolean unknownAllYears,
                     int unknownYearOffset) {

    static AddressObject of(long seed, long object, int years) {
        SplittableRandom o = Seeds.stream(seed, Seeds.OBJECT, object);
        double uf = o.nextDouble();
        double ub = o.nextDouble();
        double k = o.nextDouble();
        String soort = k < 0.97 ? "VBO" : k < 0.985 ? "LIG" : "STA";
        double v = o.nextDouble();
        int oneYear = o.nextInt(years);
        boolean missing = v < Geography.OBJECT_MISSING;
        boolean all = !missing && v < Geography.OBJECT_MISSING + Geography.OBJECT_UNKNOWN_ALL;
        boolean one = !missing && !all
                && v < Geography.OBJECT_MISSING + Geography.OBJECT_UNKNOWN_ALL + Geography.OBJECT_UNKNOWN_ONE_YEAR;
        return new AddressObject(uf, ub, soort, missing, all, one ? oneYear : -1);
    }
}
