package nl.samenloop.generate;

import java.util.SplittableRandom;

/**
 * The care process of one person: episodes arrive one after another (a person is in at most one episode at
 * a time), each with its own spells. Five episode kinds:
 * <ul>
 * <li>WIJKTEAM: a hulpvorm 01 trajectory; with probability {@code concurrentShare} other care starts during
 *   it (the wijkteam coordinating it), and other care is active in the 365 days after its end with
 *   probability {@code followUpShare} (either that concurrent spell running on, or a new follow-up spell).
 *   The episode lasts until the end of that window, so nothing else can overlap the trajectory or fall in
 *   the window: the I3 (overlap) and I4 shares are the parameters by construction, up to sampling.</li>
 * <li>OVERIG: care without wijkteam (02 ambulant most of all, 03, 04), sometimes a second form;</li>
 * <li>VERBLIJF: 11–14, often with ambulant care and a child-protection measure;</li>
 * <li>BESCHERMING: a child-protection measure (minors), usually with jeugdhulp;</li>
 * <li>RECLASSERING: juvenile probation (12+), sometimes with ambulant care.</li>
 * </ul>
 * Yearly hazards are chosen so that, with the busy time of episodes, about 4% of youth have wijkteam help
 * in a year, 10–13% some jeugdhulp, ~1% verblijf, ~1% a protection measure and ~0.3% probation.
 */
final class CareModel {
    enum Episode { WIJKTEAM, OVERIG, VERBLIJF, BESCHERMING, RECLASSERING }

    /**
     * Wijkteam episode starts per person-year per unit of target share. With a mean trajectory of ~8 months a
     * start touches 1 + 0.67 calendar years on average; episodes also block new starts while busy (≈10% of
     * person-time). Tuned on generated data (GeneratorCalibrationTest).
     */
    static final double WIJKTEAM_START_PER_SHARE = 0.70;
    static final double OVERIG_START = 0.032;
    static final double VERBLIJF_START = 0.0026;
    static final double BESCHERMING_START_MINOR = 0.0038;
    static final double RECLASSERING_START_12PLUS = 0.0042;
    /** Municipalities that report almost no wijkteam help: 1% of the usual starts, the rest go to providers. */
    static final double LOW_WIJKTEAM_FACTOR = 0.01;

    private final double wijkteamStart;

    CareModel(GeneratorSpec spec) {
        this.wijkteamStart = spec.wijkteamShare() * WIJKTEAM_START_PER_SHARE;
    }

    /** Age profile of wijkteam help, mean 1 over ages 0–22. */
    static double wijkteamAgeWeight(int age) {
        double w = age <= 3 ? 0.5 : age <= 17 ? 1.25 : 0.5;
        return w / ((4 * 0.5 + 14 * 1.25 + 5 * 0.5) / 23.0);
    }

    /** Age profile of other jeugdhulp, mean 1 over ages 0–22. */
    static double overigAgeWeight(int age) {
        double w = age <= 3 ? 0.4 : age <= 17 ? 1.3 : 0.6;
        return w / ((4 * 0.4 + 14 * 1.3 + 5 * 0.6) / 23.0);
    }

    /** Yearly hazards per episode kind for a person of {@code age} living in a (low-wijkteam) municipality. */
    void hazards(int age, boolean lowWijkteam, double[] h) {
        double w = wijkteamStart * wijkteamAgeWeight(age);
        h[0] = lowWijkteam ? w * LOW_WIJKTEAM_FACTOR : w;
        h[1] = OVERIG_START * overigAgeWeight(age) + (lowWijkteam ? w * (1 - LOW_WIJKTEAM_FACTOR) * 0.9 : 0);
        h[2] = VERBLIJF_START;
        h[3] = age < 18 ? BESCHERMING_START_MINOR : 0;
        h[4] = age >= 12 ? RECLASSERING_START_12PLUS : 0;
    }

    // ---- code mixes (spec data-layout.md code lists) ----

    static final String[] VERWIJZER_WIJKTEAM = {"01", "06", "02", "03", "07"};
    static final double[] VERWIJZER_WIJKTEAM_P = {0.84, 0.06, 0.03, 0.03, 0.04};
    static final String[] VERWIJZER_OVERIG = {"02", "01", "03", "05", "06", "07", "04", "08"};
    static final double[] VERWIJZER_OVERIG_P = {0.34, 0.24, 0.12, 0.12, 0.05, 0.06, 0.04, 0.03};
    static final String[] VERWIJZER_AFTER_WIJKTEAM = {"01", "02", "03", "05", "04", "06", "07"};
    static final double[] VERWIJZER_AFTER_WIJKTEAM_P = {0.45, 0.20, 0.10, 0.10, 0.05, 0.04, 0.06};
    static final String[] VERWIJZER_VERBLIJF = {"01", "04", "08", "02", "05", "07"};
    static final double[] VERWIJZER_VERBLIJF_P = {0.35, 0.30, 0.15, 0.05, 0.05, 0.10};

    static final String[] PERSPECTIEF_WIJKTEAM = {"03", "01", "02", "04", null};
    static final double[] PERSPECTIEF_WIJKTEAM_P = {0.70, 0.05, 0.10, 0.10, 0.05};
    static final String[] PERSPECTIEF_OVERIG = {"04", "03", "02", "01", null};
    static final double[] PERSPECTIEF_OVERIG_P = {0.45, 0.30, 0.15, 0.05, 0.05};

    static final String[] REDEN = {"01", "02", "03", "04", "05"};
    static final double[] REDEN_P = {0.60, 0.15, 0.12, 0.05, 0.08};

    static final String[] ZONDER_VERBLIJF = {"02", "03", "04"};
    static final double[] ZONDER_VERBLIJF_P = {0.72, 0.10, 0.18};
    static final String[] VERBLIJF = {"11", "12", "13", "14"};
    static final double[] VERBLIJF_P = {0.40, 0.15, 0.07, 0.38};

    /** Other care next to or after wijkteam help: kind codes, with "B"/"R" for a measure. */
    static final String[] AROUND_WIJKTEAM = {"02", "03", "04", "11", "14", "B", "R"};
    static final double[] AROUND_WIJKTEAM_P = {0.64, 0.08, 0.11, 0.04, 0.04, 0.06, 0.03};

    static final String[] BESCHERMING = {"11", "12", "21", "22", "23", "31"};
    static final double[] BESCHERMING_P = {0.58, 0.15, 0.10, 0.03, 0.02, 0.12};
    static final String[] RECLASSERING = {"41", "42", "50", "51", "61", "62", "63"};
    static final double[] RECLASSERING_P = {0.30, 0.10, 0.20, 0.10, 0.15, 0.10, 0.05};

    static String pick(SplittableRandom r, String[] v, double[] p) {
        double u = r.nextDouble();
        double acc = 0;
        for (int i = 0; i < v.length; i++) {
            acc += p[i];
            if (u < acc) {
                return v[i];
            }
        }
        return v[v.length - 1];
    }

    /** Days for a duration of {@code min} months plus an exponential part with mean {@code mean} months, capped. */
    static int months(SplittableRandom r, double min, double mean, double cap) {
        double m = Math.min(cap, min - mean * Math.log(1 - r.nextDouble()));
        return Math.max(1, (int) Math.round(m * 30.44));
    }
}
