package nl.samenloop.generate;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The options of {@code samenloop generate} (and of {@link GenerateCommand} run on its own), as a picocli mixin:
 * declared once, with their defaults and help text, checked with one clear line per bad value
 * ({@code --youth ten} → "Invalid value for option '--youth': 'ten' is not a whole number"). {@link #spec()}
 * turns them into a {@link GeneratorSpec}, which checks the ranges.
 */
public final class GenerateOptions {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", converter = WholeNumber.class,
            description = "master seed: the same options give byte-identical files (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--youth", paramLabel = "N", defaultValue = "10000", converter = WholeNumber.class,
            description = "number of persons, e.g. 25000 or 25_000 (default: ${DEFAULT-VALUE})")
    long youth;

    @Option(names = "--years", paramLabel = "FROM-TO", defaultValue = "2015-2020", converter = YearSpan.class,
            description = "data years, within 2015-2024 (default: ${DEFAULT-VALUE})")
    Years years;

    @Option(names = "--format", paramLabel = "csv|parquet|sav", defaultValue = "csv", converter = Format.class,
            description = "file format (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    @Option(names = "--split", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "JGDHULPBUS as one file per year, as CBS delivers it (default: --split)")
    boolean split;

    @Option(names = "--v2", paramLabel = "YEAR", defaultValue = "0", converter = WholeNumber.class,
            description = "also write a complete V2 of this year, whose V1 then lacks some records (needs --split)")
    long v2;

    @Option(names = "--faults", paramLabel = "RATE", defaultValue = "0", converter = Fraction.class,
            description = "share of care records given one injected fault, 0 to 0.5 (default: ${DEFAULT-VALUE})")
    double faults;

    @Option(names = "--municipalities", paramLabel = "A,B", split = ",",
            description = "place persons only in these municipality codes (default: all)")
    List<String> municipalities = new ArrayList<>();

    @Option(names = "--low-wijkteam", paramLabel = "A,B", split = ",",
            description = "municipalities that report almost no wijkteam help (default: GM0513,GM0637,GM0772)")
    List<String> lowWijkteam;

    @Option(names = "--random-low-share", paramLabel = "X", defaultValue = "0.05", converter = Fraction.class,
            description = "extra share of municipalities, drawn from the seed, with almost no wijkteam help"
                    + " (default: ${DEFAULT-VALUE})")
    double randomLowShare;

    @Option(names = "--wijkteam-share", paramLabel = "X", defaultValue = "0.04", converter = Fraction.class,
            description = "share of youth with wijkteam help in a year (default: ${DEFAULT-VALUE})")
    double wijkteamShare;

    @Option(names = "--concurrent-share", paramLabel = "X", defaultValue = "0.35", converter = Fraction.class,
            description = "share of wijkteam trajectories with overlapping other care (default: ${DEFAULT-VALUE})")
    double concurrentShare;

    @Option(names = "--follow-up-share", paramLabel = "X", defaultValue = "0.70", converter = Fraction.class,
            description = "share of ended wijkteam trajectories with other care within a year (default: ${DEFAULT-VALUE})")
    double followUpShare;

    @Option(names = "--sep", paramLabel = ", or ;", defaultValue = ",", converter = Separator.class,
            description = "CSV separator (default: ${DEFAULT-VALUE})")
    char sep;

    @Option(names = "--charset", paramLabel = "NAME", defaultValue = "UTF-8", converter = CharsetName.class,
            description = "CSV character set: UTF-8 or windows-1252 (default: ${DEFAULT-VALUE})")
    Charset charset;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", converter = WholeNumber.class,
            description = "worker threads, 0 = one per processor; the output does not depend on it")
    long threads;

    public Path out() {
        return out;
    }

    /** GeneratorSpec's names for what the user typed as an option. */
    private static final String[][] OPTION_NAMES = {{"randomLowWijkteamShare", "--random-low-share"},
        {"wijkteamShare", "--wijkteam-share"}, {"concurrentShare", "--concurrent-share"},
        {"followUpShare", "--follow-up-share"}, {"faultRate", "--faults"}, {"v2Year", "--v2"},
        {"splitPerYear", "--split"}, {"csvSeparator", "--sep"}, {"youth", "--youth"}, {"years", "--years"}};

    /**
     * The generator spec. Its constructor checks ranges and combinations; its message is given back in the
     * options' names ({@code --faults must be within [0, 0.5], got 0.9}).
     */
    public GeneratorSpec spec() {
        try {
            return build();
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            for (String[] n : OPTION_NAMES) {
                m = m.replaceAll("\\b" + n[0] + "\\b", n[1]);
            }
            throw new IllegalArgumentException(m, e);
        }
    }

    private GeneratorSpec build() {
        return new GeneratorSpec(seed, narrow("--youth", youth), years.from(), years.to(), format, split, narrow("--v2", v2),
                faults, municipalities, lowWijkteam == null ? GeneratorSpec.DEFAULT_LOW_WIJKTEAM : lowWijkteam,
                randomLowShare, wijkteamShare, concurrentShare, followUpShare, sep,
                charset == null ? StandardCharsets.UTF_8 : charset, narrow("--threads", threads));
    }

    private static int narrow(String option, long v) {
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(option + ": " + v + " is out of range (0 to " + Integer.MAX_VALUE + ")");
        }
        return (int) v;
    }

    /** A whole number; {@code _} may group digits ({@code 5_000_000}). */
    static final class WholeNumber implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Long.parseLong(value.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number");
            }
        }
    }

    /** A number such as {@code 0.02}. */
    static final class Fraction implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                double d = Double.parseDouble(value.trim());
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a number such as 0.05");
            }
        }
    }

    /** First and last data year. */
    record Years(int from, int to) {
    }

    /** {@code FROM-TO}: two years. */
    static final class YearSpan implements ITypeConverter<Years> {
        @Override
        public Years convert(String value) {
            String[] p = value.trim().split("-");
            try {
                if (p.length == 2) {
                    return new Years(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
                }
            } catch (NumberFormatException e) {
                // the message below
            }
            throw new TypeConversionException("'" + value + "' is not a span of years FROM-TO, e.g. 2015-2020");
        }
    }

    static final class Format implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a format; expected csv, parquet or sav");
            }
        }
    }

    static final class Separator implements ITypeConverter<Character> {
        @Override
        public Character convert(String value) {
            if (!value.equals(",") && !value.equals(";")) {
                throw new TypeConversionException("'" + value + "' is not a CSV separator; expected , or ;");
            }
            return value.charAt(0);
        }
    }

    static final class CharsetName implements ITypeConverter<Charset> {
        @Override
        public Charset convert(String value) {
            try {
                return Charset.forName(value.trim());
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new TypeConversionException("'" + value + "' is not a character set; expected UTF-8 or windows-1252");
            }
        }
    }
}
