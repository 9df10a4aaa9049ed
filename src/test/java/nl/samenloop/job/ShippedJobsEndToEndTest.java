package nl.samenloop.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nl.samenloop.engine.SparkTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped job file runs, as a user runs it, through the CLI against {@code test-data/}, and leaves
 * a package that passes its own re-audit; the properties a reader relies on hold in every package: no
 * shown count rests on fewer than ten persons (checked against the internal audit copy), and the tidy
 * CSV has the agreed columns. The jobs share one working area, as a researcher's would: the delivery is
 * staged once and reused.
 */
class ShippedJobsEndToEndTest {
    static Path work;
    static Path out;
    /** One release register for all jobs, as in one secure environment. */
    static Path register;
    static final String MAIN_JOB = "rijnmond-haaglanden-wijkteam.yaml";

    @BeforeAll
    static void setUp() throws IOException {
        SparkTest.spark();
        work = Files.createTempDirectory("samenloop-work");
        out = Files.createTempDirectory("samenloop-out");
        register = Files.createTempDirectory("samenloop-register");
    }

    static Stream<String> jobs() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("jobs"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList().stream();
        }
    }

    /** Every shipped job, the README's main job among them. */
    @ParameterizedTest
    @MethodSource("jobs")
    void shippedJobRunsAndItsPackageHolds(String job) throws IOException {
        Path pkg = out.resolve(job.replace(".yaml", ""));
        // The README's main job is a newcomer's first run: its own, empty register (the others share one, so
        // each is protected against the releases before it, as in one secure environment).
        Path reg = job.equals(MAIN_JOB) ? Files.createTempDirectory("samenloop-first-register") : register;
        int code = Cli.execute("run", "jobs/" + job, "--output", pkg.toString(), "--work", work.toString(),
                "--register", reg.toString());
        assertEquals(Cli.OK, code, job);

        assertTrue(Files.isRegularFile(pkg.resolve("output-check.md")));
        assertTrue(Files.readString(pkg.resolve("output-check.md")).contains("PASS"));
        // The output checker's whole verdict (issue 15): tables, workbooks, relations, checksums, the release, and the
        // interval audit re-solved by ojAlgo (PackageRecheck, run once inside the verdict: it is the slow part).
        nl.samenloop.check.PackageCheck.Result verdict = nl.samenloop.check.PackageCheck.check(pkg,
                nl.samenloop.register.RegisterLocation.parse(reg.toString(), Path.of("")));
        assertTrue(verdict.passed(), job + ":\n" + String.join("\n", verdict.findings()));
        assertTrue(verdict.release() != null && verdict.release().startsWith("release "), job + ": " + verdict.release());

        List<Path> csvs = list(pkg.resolve("tables"), ".csv");
        assertFalse(csvs.isEmpty());
        for (Path csv : csvs) {
            assertEquals("indicator,measure,geography_level,geography_code,geography_name,period,numerator,denominator,value,status",
                    Files.readAllLines(csv, StandardCharsets.UTF_8).get(0));
        }
        assertFalse(list(pkg.resolve("tables"), ".xlsx").isEmpty());
        // No shown count rests on fewer than T = 10 distinct persons (zeros are unsafe in the default profile).
        String name = job.replace(".yaml", "");
        Path internal = work.resolve("audit").resolve(name).resolve("cells-internal.csv");
        List<String> lines = Files.readAllLines(internal, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(","));
        int published = header.indexOf("published_value");
        int persons = header.indexOf("persons");
        int shown = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            // Shown = a number in the package. SAFE counts of unreleased rows (rule UNRELEASED, e.g. the rest of
            // a region) only inform the audit and print as "." — they may be small.
            if (f[published].matches("-?[0-9]+")) {
                shown++;
                assertTrue(Long.parseLong(f[persons]) >= 10, job + ": shown count below threshold: " + line.split(",")[1]);
            }
        }
        assertTrue(shown > 0, job + ": nothing shown at all");
        if (job.equals(MAIN_JOB)) {
            mainTableLooksLikeTheFactsheet(pkg.resolve("tables").resolve("wijkteam_share.csv"));
            // The linked data is kept only when asked (run --keep-linked, issue 18): resuming from indicators says so.
            assertFalse(Files.exists(work.resolve("linked").resolve(name)), "linked data written without --keep-linked");
            Captured c = capture(() -> Cli.execute("run", "jobs/" + job, "--output", pkg.toString(), "--work",
                    work.toString(), "--register", reg.toString(), "--from", "indicators"));
            assertEquals(Cli.USAGE, c.code, c.err);
            assertEquals(List.of("samenloop: cannot resume from indicators: the link output is missing (not kept in this"
                    + " working area: a run keeps the linked data only with --keep-linked (or it stopped while writing it));"
                    + " --from publish can resume (what it reads is current), or run --from link"), c.err.lines().toList());
        }
    }

    /**
     * The README's first table: most municipality cells shown, as in the factsheet it imitates, with the values
     * test-data/README.md gives for test-data/rijnmond-haaglanden (computed there by an independent script).
     */
    static void mainTableLooksLikeTheFactsheet(Path csv) throws IOException {
        java.util.Map<String, String[]> rows = new java.util.HashMap<>();
        int municipalities = 0;
        int shownMunicipalities = 0;
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            rows.put(f[3] + "|" + f[5], f);
            if (f[2].equals("municipality")) {
                municipalities++;
                shownMunicipalities += f[9].equals("SAFE") ? 1 : 0;
            }
        }
        assertEquals(150, municipalities, "25 municipalities of JZ29 and JZ24 (2020) x 6 years");
        assertTrue(shownMunicipalities >= 110, "most municipality cells shown: " + shownMunicipalities + " of 150");
        // Wijkteam / all trajectories (persons behind the wijkteam ones), from test-data/README.md.
        String[][] figures = {
            {"NL01|2015JJ00", "1202", "4607", "26.1"}, {"NL01|2018JJ00", "1302", "4774", "27.3"},
            {"NL01|2020JJ00", "1247", "4791", "26.0"}, {"GM0599|2015JJ00", "331", "1202", "27.5"},
            {"GM0599|2018JJ00", "346", "1272", "27.2"}, {"GM0599|2020JJ00", "365", "1332", "27.4"},
            {"GM0518|2015JJ00", "281", "1018", "27.6"}, {"GM0518|2018JJ00", "290", "1015", "28.6"},
            {"GM0518|2020JJ00", "289", "1084", "26.7"}, {"GM1842|2018JJ00", "15", "38", "39.5"},
            {"GM1842|2020JJ00", "10", "31", "32.3"}};
        for (String[] x : figures) {
            String[] f = rows.get(x[0]);
            if (x[0].startsWith("NL01") || x[0].startsWith("GM0599") || x[0].startsWith("GM0518")) {
                assertEquals("SAFE", f[9], x[0] + " is shown");
            }
            if (f[9].equals("SAFE")) {
                assertEquals(List.of(x[1], x[2], x[3]), List.of(f[6], f[7], f[8]), x[0]);
            }
        }
        // Fewer than 10 persons behind the wijkteam trajectories: Midden-Delfland 2015 (8), Westvoorne every year (4-7).
        assertEquals("PRIMARY", rows.get("GM1842|2015JJ00")[9]);
        for (int year = 2015; year <= 2020; year++) {
            assertEquals("PRIMARY", rows.get("GM0614|" + year + "JJ00")[9], "Westvoorne " + year);
        }
    }

    @Test
    void mistypedKeyGivesOneLineNamingItAndExitTwo() throws IOException {
        Path job = Files.createTempFile("typo", ".yaml");
        Files.writeString(job, Files.readString(Path.of("jobs/rijnmond-haaglanden-wijkteam.yaml")).replace("tables:", "tabels:"));
        Captured c = capture(() -> Cli.execute("run", job.toString()));
        assertEquals(Cli.USAGE, c.code);
        assertTrue(c.err.contains("tabels"), c.err);
        assertTrue(c.err.lines().filter(l -> l.contains("tabels")).count() >= 1);
    }

    @Test
    void missingInputFolderGivesOneLineAndNonZeroExit() {
        Captured c = capture(() -> Cli.execute("run", "jobs/rijnmond-haaglanden-wijkteam.yaml", "--input", "no/such/folder"));
        assertEquals(Cli.USAGE, c.code);
        assertEquals(1, c.err.lines().count(), c.err);
        assertTrue(c.err.contains("input folder not found"), c.err);
    }

    @Test
    void indicatorWhoseInputColumnIsAbsentGivesOneLineAndExitThree() throws IOException {
        // A copy of test-data/basic without JGDHVERWIJZER: the referral job needs it.
        Path input = Files.createTempDirectory("no-verwijzer");
        copyWithoutColumn(Path.of("test-data/basic"), input, "JGDHVERWIJZER");
        Captured c = capture(() -> Cli.execute("run", "jobs/referral-sources.yaml", "--input", input.toString(),
                "--work", work.resolveSibling(work.getFileName() + "-noverwijzer").toString(),
                "--output", out.resolve("noverwijzer").toString()));
        assertEquals(Cli.BAD_INPUT, c.code, c.err);
        List<String> lines = c.err.lines().filter(l -> l.startsWith("samenloop:")).toList();
        assertEquals(1, lines.size(), c.err);
        assertTrue(lines.get(0).contains("JGDHVERWIJZER"), lines.get(0));
        assertFalse(Files.exists(out.resolve("noverwijzer").resolve("output-check.md")));
    }

    static void copyWithoutColumn(Path from, Path to, String column) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (p.toString().endsWith(".csv") && p.toString().contains("JGDHULP")) {
                    List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                    int drop = List.of(lines.get(0).split(",", -1)).indexOf(column);
                    List<String> kept = new ArrayList<>();
                    for (String line : lines) {
                        List<String> f = new ArrayList<>(List.of(line.split(",", -1)));
                        f.remove(drop);
                        kept.add(String.join(",", f));
                    }
                    Files.write(target, kept, StandardCharsets.UTF_8);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    record Captured(int code, String err) {
    }

    static Captured capture(java.util.function.IntSupplier run) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = run.getAsInt();
            return new Captured(code, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    static List<Path> list(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).toList();
        }
    }
}
