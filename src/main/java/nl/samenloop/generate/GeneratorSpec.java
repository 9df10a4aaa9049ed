package nl.samenloop.generate;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What to generate: plain immutable settings, no behaviour. Rates are the calibration targets the
 * generator is built to hit (see {@link CareModel}); {@code GeneratorCalibrationTest} checks them.
 *
 * @param seed               master seed; the same spec gives byte-identical files
 * @param youth              number of persons (youth born so they are 0–22 in some year of the span)
 * @param fromYear           first data year (2015 or later)
 * @param toYear             last data year (at most 2024); the data horizon is 31 December of it
 * @param format             csv, parquet or sav
 * @param splitPerYear       JGDHULPBUS as a folder of yearly files {@code JGDHULP<Y>BUSV1} (CBS delivery)
 * @param v2Year             with split: also write a complete {@code V2} of this year, whose {@code V1} then
 *                           lacks a share of records (late deliveries); 0 = no V2
 * @param faultRate          share of care records (per file) given one injected fault; 0 = clean
 * @param municipalities     restrict placement to these municipality codes (any year's code, {@code GM0599}
 *                           or {@code 0599}); empty = all
 * @param lowWijkteam        municipalities that report (almost) no wijkteam help, any year's code
 * @param randomLowWijkteamShare extra share of municipalities, drawn from the seed, that report almost none
 * @param wijkteamShare      share of youth with an active wijkteam trajectory in a year (I2 WIJKTEAM)
 * @param concurrentShare    share of wijkteam trajectories with other care overlapping them (I3, overlap)
 * @param followUpShare      share of ended wijkteam trajectories with other care within 365 days (I4)
 * @param csvSeparator       ',' (default) or ';'
 * @param csvCharset         UTF-8 (default) or windows-1252
 * @param threads            worker threads (0 = available processors); output does not depend on it
 */
public record GeneratorSpec(
        long seed,
        int youth,
        int fromYear,
        int toYear,
        OutputFormat format,
        boolean splitPerYear,
        int v2Year,
        double faultRate,
        List<String> municipalities,
        List<String> lowWijkteam,
        double randomLowWijkteamShare,
        double wijkteamShare,
        double concurrentShare,
        double followUpShare,
        char csvSeparator,
        Charset csvCharset,
        int threads) {

    /** Named municipalities that by default report almost no wijkteam help (codes that exist 2015–2024). */
    public static final List<String> DEFAULT_LOW_WIJKTEAM = List.of("GM0513", "GM0637", "GM0772");

    public GeneratorSpec {
        if (youth < 1) {
            throw new IllegalArgumentException("youth must be at least 1, got " + youth);
        }
        if (fromYear < 2015 || toYear > 2024 || toYear < fromYear) {
            throw new IllegalArgumentException("years must lie within 2015–2024 with from <= to, got " + fromYear + "–" + toYear);
        }
        if (v2Year != 0 && (!splitPerYear || v2Year < fromYear || v2Year > toYear)) {
            throw new IllegalArgumentException("v2Year " + v2Year + " needs splitPerYear and a year in " + fromYear + "–" + toYear);
        }
        if (faultRate < 0 || faultRate > 0.5) {
            throw new IllegalArgumentException("faultRate must be within [0, 0.5], got " + faultRate);
        }
        if (csvSeparator != ',' && csvSeparator != ';') {
            throw new IllegalArgumentException("csvSeparator must be ',' or ';'");
        }
        checkShare("randomLowWijkteamShare", randomLowWijkteamShare);
        checkShare("wijkteamShare", wijkteamShare);
        checkShare("concurrentShare", concurrentShare);
        checkShare("followUpShare", followUpShare);
        if (wijkteamShare > 0.2) {
            throw new IllegalArgumentException("wijkteamShare above 0.2 is outside what the care model can reach");
        }
        municipalities = List.copyOf(municipalities);
        lowWijkteam = List.copyOf(lowWijkteam);
    }

    private static void checkShare(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be within [0, 1], got " + v);
        }
    }

    /** Defaults: 2015–2020, CSV, split per year, no V2, no faults, all municipalities. */
    public static GeneratorSpec defaults(long seed, int youth) {
        return new GeneratorSpec(seed, youth, 2015, 2020, OutputFormat.CSV, true, 0, 0.0, List.of(),
                DEFAULT_LOW_WIJKTEAM, 0.05, 0.04, 0.35, 0.70, ',', StandardCharsets.UTF_8, 0);
    }

    public GeneratorSpec withYears(int from, int to) {
        return new GeneratorSpec(seed, youth, from, to, format, splitPerYear, v2Year, faultRate, municipalities,
                lowWijkteam, randomLowWijkteamShare, wijkteamShare, concurrentShare, followUpShare, csvSeparator,
                csvCharset, threads);
    }

    public GeneratorSpec withFormat(OutputFormat f) {
        return new GeneratorSpec(seed, youth, fromYear, toYear, f, splitPerYear, v2Year, faultRate, municipalities,
                lowWijkteam, randomLowWijkteamShare, wijkteamShare, concurrentShare, followUpShare, csvSeparator,
                csvCharset, threads);
    }

    public GeneratorSpec withSplit(boolean split, int v2) {
        return new GeneratorSpec(seed, youth, fromYear, toYear, format, split, v2, faultRate, municipalities,
                lowWijkteam, randomLowWijkteamShare, wijkteamShare, concurrentShare, followUpShare, csvSeparator,
                csvCharset, threads);
    }

    public GeneratorSpec withFaultRate(double r) {
        return new GeneratorSpec(seed, youth, fromYear, toYear, format, splitPerYear, v2Year, r, municipalities,
                lowWijkteam, randomLowWijkteamShare, wijkteamShare, concurrentShare, followUpShare, csvSeparator,
                csvCharset, threads);
    }

    public GeneratorSpec withMunicipalities(List<String> restrict) {
        return new GeneratorSpec(seed, youth, fromYear, toYear, format, splitPerYear, v2Year, faultRate, restrict,
                lowWijkteam, randomLowWijkteamShare, wijkteamShare, concurrentShare, followUpShare, csvSeparator,
                csvCharset, threads);
    }

    public GeneratorSpec withLowWijkteam(List<String> named, double randomShare) {
        return new GeneratorSpec(seed, youth, fromYear, toYear, format, splitPerYear, v2Year, faultRate, municipalities,
                named, randomShare, wijkteamShare, concurrentShare, followUpShare, csvSeparator, csvCharset, threads);
    }

    public GeneratorSpec withRates(double wijkteam, double concurrent, double followUp) {
        return new GeneratorSpec(seed, youth, fromYear, toYear, format, splitPerYear, v2Year, faultRate, municipalities,
                lowWijkteam, randomLowWijkteamShare, wijkteam, concurrent, followUp, csvSeparator, csvCharset, threads);
    }

    public GeneratorSpec withCsv(char separator, Charset charset) {
        return new GeneratorSpec(seed, youth, fromYear, toYear, format, splitPerYear, v2Year, faultRate, municipalities,
                lowWijkteam, randomLowWijkteamShare, wijkteamShare, concurrentShare, followUpShare, separator, charset,
                threads);
    }

    public GeneratorSpec withThreads(int n) {
        return new GeneratorSpec(seed, youth, fromYear, toYear, format, splitPerYear, v2Year, faultRate, municipalities,
                lowWijkteam, randomLowWijkteamShare, wijkteamShare, concurrentShare, followUpShare, csvSeparator,
                csvCharset, n);
    }
}
