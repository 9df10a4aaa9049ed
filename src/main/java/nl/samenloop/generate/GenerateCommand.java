package nl.samenloop.generate;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import nl.samenloop.model.Reference;

/**
 * Command-line entry for the generator, for the project CLI to delegate to ({@code samenloop generate ...})
 * or to run directly: {@code java -cp ... nl.samenloop.generate.GenerateCommand --out DIR [options]}.
 *
 * <pre>
 *   --out DIR                 output folder (required)
 *   --seed N                  default 1
 *   --youth N                 default 10000
 *   --years FROM-TO           default 2015-2020 (within 2015–2024)
 *   --format csv|parquet|sav  default csv
 *   --split | --no-split      JGDHULPBUS as yearly files (default --split)
 *   --v2 YEAR                 also write a V2 of that year (needs --split)
 *   --faults RATE             share of care records with an injected fault (default 0)
 *   --municipalities A,B      restrict to these municipality codes
 *   --low-wijkteam A,B        municipalities with almost no wijkteam help (default GM0513,GM0637,GM0772)
 *   --random-low-share X      extra random share of such municipalities (default 0.05)
 *   --wijkteam-share X  --concurrent-share X  --follow-up-share X   calibration targets (0.04, 0.35, 0.70)
 *   --sep , | ;               CSV separator       --charset UTF-8 | windows-1252
 *   --threads N               worker threads (output does not depend on it)
 *   --conf DIR                folder holding reference/ (default conf)
 * </pre>
 */
public final class GenerateCommand {
    private GenerateCommand() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("generate: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Parses {@code args}, generates, and returns the result (manifest counts). */
    public static GenerationResult run(String... args) {
        Options o = parse(args);
        Reference ref = Reference.load(o.conf);
        return Generator.generate(o.spec, o.out, ref);
    }

    /** Parsed arguments: the spec, the output folder and the conf folder. */
    public record Options(GeneratorSpec spec, Path out, Path conf) {
    }

    public static Options parse(String... args) {
        long seed = 1;
        int youth = 10_000;
        int from = 2015;
        int to = 2020;
        OutputFormat format = OutputFormat.CSV;
        boolean split = true;
        int v2 = 0;
        double faults = 0;
        List<String> restrict = List.of();
        List<String> low = GeneratorSpec.DEFAULT_LOW_WIJKTEAM;
        double randomLow = 0.05;
        double wijkteam = 0.04;
        double concurrent = 0.35;
        double followUp = 0.70;
        char sep = ',';
        Charset charset = java.nio.charset.StandardCharsets.UTF_8;
        int threads = 0;
        Path out = null;
        Path conf = Path.of("conf");
        List<String> a = new ArrayList<>(Arrays.asList(args));
        for (int i = 0; i < a.size(); i++) {
            String k = a.get(i);
            if (k.equals("--split")) {
                split = true;
                continue;
            }
            if (k.equals("--no-split")) {
                split = false;
                continue;
            }
            if (i + 1 >= a.size()) {
                throw new IllegalArgumentException("option " + k + " needs a value");
            }
            String v = a.get(++i);
            switch (k) {
                case "--out" -> out = Path.of(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--youth" -> youth = Integer.parseInt(v.replace("_", ""));
                case "--years" -> {
                    String[] p = v.split("-");
                    if (p.length != 2) {
                        throw new IllegalArgumentException("--years expects FROM-TO, e.g. 2015-2020");
                    }
                    from = Integer.parseInt(p[0]);
                    to = Integer.parseInt(p[1]);
                }
                case "--format" -> format = OutputFormat.parse(v);
                case "--v2" -> v2 = Integer.parseInt(v);
                case "--faults" -> faults = Double.parseDouble(v);
                case "--municipalities" -> restrict = list(v);
                case "--low-wijkteam" -> low = list(v);
                case "--random-low-share" -> randomLow = Double.parseDouble(v);
                case "--wijkteam-share" -> wijkteam = Double.parseDouble(v);
                case "--concurrent-share" -> concurrent = Double.parseDouble(v);
                case "--follow-up-share" -> followUp = Double.parseDouble(v);
                case "--sep" -> {
                    if (v.length() != 1) {
                        throw new IllegalArgumentException("--sep expects one character");
                    }
                    sep = v.charAt(0);
                }
                case "--charset" -> charset = Charset.forName(v);
                case "--threads" -> threads = Integer.parseInt(v);
                case "--conf" -> conf = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + k);
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out DIR is required");
        }
        GeneratorSpec spec = new GeneratorSpec(seed, youth, from, to, format, split, v2, faults, restrict, low, randomLow,
                wijkteam, concurrent, followUp, sep, charset, threads);
        return new Options(spec, out, conf);
    }

    private static List<String> list(String v) {
        List<String> l = new ArrayList<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                l.add(s.trim());
            }
        }
        return l;
    }
}
