package nl.samenloop.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.samenloop.cluster.JvmModuleOptions;
import nl.samenloop.engine.SparkTest;
import nl.samenloop.register.RegisterLocation;
import nl.samenloop.register.ReleaseRegister;
import nl.samenloop.storage.StageStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Restartable stages (issue 16): a run writes the outputs {@code samenloop plan} names — linked data, cell
 * tables, the protection — with fingerprints; {@code run --from STAGE} reuses the ones before STAGE when they are
 * current and refuses in one line when not; a stored protection is published only against the register history
 * it was made for; and a run killed while publishing resumes with {@code --from publish} in seconds, giving the
 * package an uninterrupted run gives.
 *
 * <p>One shipped job (I3, five municipalities) on 3,000 generated youth living there, run once through the CLI;
 * the tests then resume from its outputs in the order below (later ones change the working area).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResumeTest {
    static final String JOB = "jobs/concurrency-custom-table.yaml";
    static final String NAME = "concurrency-custom-table";
    static Path base;
    static Path input;
    static Path work;

    @BeforeAll
    static void firstRun() throws IOException {
        SparkTest.spark();
        base = Files.createTempDirectory("samenloop-resume");
        input = base.resolve("input");
        assertEquals(Cli.OK, Cli.execute("generate", "--out", input.toString(), "--youth", "3000", "--seed", "16",
                "--years", "2016-2020", "--municipalities", "GM0599,GM0518,GM0363,GM0344,GM0014", "--format", "parquet"));
        work = base.resolve("work");
        CliRun r = run(JOB, "a", "register-a", "--keep-linked");
        assertEquals(Cli.OK, r.code(), r.err());
    }

    static CliRun run(String job, String out, String register, String... more) {
        List<String> args = new ArrayList<>(List.of("run", job, "--input", input.toString(), "--work", work.toString(),
                "--output", base.resolve(out).toString(), "--register", base.resolve(register).toString()));
        args.addAll(List.of(more));
        return CliRun.run(args.toArray(String[]::new));
    }

    static CliRun plan(String job) {
        return CliRun.run("plan", job, "--input", input.toString(), "--work", work.toString(), "--output",
                base.resolve("a").toString());
    }

    static Map<String, String> marker(String stage) {
        return StageStore.marker(work.resolve(stage).resolve(NAME)).orElseThrow(() -> new AssertionError("no " + stage + " output"));
    }

    /** The job file with {@code from} replaced, as a new file. */
    static String variant(String name, String from, String to) throws IOException {
        String text = Files.readString(Path.of(JOB));
        assertTrue(text.contains(from), from);
        Path p = base.resolve(name + ".yaml");
        Files.writeString(p, text.replace(from, to));
        return p.toString();
    }

    @Test
    @Order(1)
    void aRunWritesEveryStageOutputAndPlanSaysEachIsCurrent() throws IOException {
        assertTrue(Files.isRegularFile(work.resolve("cells").resolve(NAME).resolve("concurrency").resolve("cells.tsv")));
        assertTrue(Files.isRegularFile(work.resolve("protected").resolve(NAME).resolve("decisions.tsv")));
        for (String dataset : nl.samenloop.link.LinkedDataFiles.DATASETS) {
            try (Stream<Path> s = Files.list(work.resolve("linked").resolve(NAME).resolve(dataset))) {
                assertTrue(s.anyMatch(p -> p.getFileName().toString().endsWith(".parquet")), dataset);
            }
        }
        assertEquals("0", marker("protected").get("history_releases"), "protected against an empty register");

        CliRun p = plan(JOB);
        assertEquals(Cli.OK, p.code(), p.err());
        List<String> status = p.out().lines().filter(l -> l.startsWith("   status: ")).toList();
        assertEquals(5, status.size(), p.out());
        assertTrue(status.get(0).startsWith("   status: current — staged from this same input"), status.get(0));
        for (int i = 1; i <= 3; i++) {
            assertTrue(status.get(i).startsWith("   status: current — computed 20"), status.get(i));
        }
        assertTrue(status.get(3).contains("run --from publish reuses it if the register still holds exactly those"), status.get(3));
        assertTrue(p.out().contains("\nresume: run --from publish reuses the output of ingest, indicators, disclosure;"), p.out());
    }

    @Test
    @Order(2)
    void resumedFromPublishOnTheSameRegisterStateTakesUpTheStoredProtection() throws IOException {
        String computed = marker("protected").get("computed");
        // A new, empty register: what the protection was made against.
        CliRun r = run(JOB, "b", "register-b", "--from", "publish");
        assertEquals(Cli.OK, r.code(), r.err());
        assertEquals(computed, marker("protected").get("computed"), "taken up, not protected again");
        for (String file : List.of("tables/concurrency.csv", "audit/cells.csv", "audit/relations.csv", "charts/concurrency.png")) {
            assertEquals(-1, Files.mismatch(base.resolve("a").resolve(file), base.resolve("b").resolve(file)), file);
        }
        assertTrue(Files.readString(base.resolve("b/tables/concurrency.csv")).contains(",SECONDARY"), "a real protection");
    }

    @Test
    @Order(3)
    void aReleaseRecordedSinceTheProtectionMeansProtectingAgainNeverPublishingTheStaleOne() throws IOException {
        // register-a holds run a's release of the same data: the stored protection (0 earlier releases) is stale.
        CliRun r = run(JOB, "c", "register-a", "--from", "publish");
        assertEquals(Cli.OK, r.code(), r.err());
        assertEquals("1", marker("protected").get("history_releases"));
        assertTrue(Files.readString(base.resolve("c/output-check.md")).contains("- earlier releases of the same data: 1\n"));
        try (ReleaseRegister reg = ReleaseRegister.open(RegisterLocation.parse(base.resolve("register-a").toString(), Path.of("")))) {
            assertEquals(2, reg.releases().size());
        }
    }

    @Test
    @Order(4)
    void aChangedRuleMakesTheProtectionStaleResumingFromPublishIsRefusedAndDisclosureRunsAgain() throws IOException {
        String job = variant("rounded", "disclosure: {profile: cbs-microdata}", "disclosure: {profile: cbs-microdata, round_to: 5}");
        CliRun refused = run(job, "d", "register-d", "--from", "publish");
        assertEquals(Cli.USAGE, refused.code());
        assertEquals(List.of("samenloop: cannot resume from publish: the disclosure output is stale (the disclosure rules"
                + " changed since (profile, round_to or samenloop.audit settings)); resume from an earlier stage: --from"
                + " disclosure"), refused.err().lines().toList());
        assertFalse(Files.exists(base.resolve("d/output-check.md")));
        assertTrue(plan(job).out().contains("   status: stale — the disclosure rules changed since"), plan(job).out());

        CliRun again = run(job, "d", "register-d", "--from", "disclosure");
        assertEquals(Cli.OK, again.code(), again.err());
        List<String> rows = Files.readAllLines(base.resolve("d/tables/concurrency.csv"));
        assertTrue(rows.stream().anyMatch(l -> l.endsWith(",ROUNDED")), "round_to 5 applied");
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",", -1);
            assertTrue(!f[6].matches("[0-9]+") || Long.parseLong(f[6]) % 5 == 0, row);
        }
    }

    @Test
    @Order(5)
    void changedPeriodsMakeTheLinkedDataStale() throws IOException {
        String job = variant("later", "periods: {from: 2016, to: 2020, granularity: halfyear}\npools: [{from: 2016, to: 2020}]",
                "periods: {from: 2017, to: 2020, granularity: halfyear}\npools: [{from: 2017, to: 2020}]");
        CliRun r = run(job, "e", "register-e", "--from", "indicators");
        assertEquals(Cli.USAGE, r.code());
        assertEquals(List.of("samenloop: cannot resume from indicators: the link output is stale (the job's link settings"
                + " changed since (classification year, periods, population, geography or merging)); resume from an earlier"
                + " stage: --from link"), r.err().lines().toList());
    }

    @Test
    @Order(6)
    void anOutputARunLeftHalfWrittenIsNeverReusedAndIndicatorsFromTheLinkedDataGiveTheSameCells() throws IOException {
        Path cells = work.resolve("cells").resolve(NAME);
        byte[] before = Files.readAllBytes(cells.resolve("concurrency").resolve("cells.tsv"));
        // Stopped between the two renames of StageStore.commit: the new output still under its temporary name.
        Files.move(cells, cells.resolveSibling("." + NAME + ".next"));
        CliRun r = run(JOB, "f", "register-f", "--from", "disclosure");
        assertEquals(Cli.USAGE, r.code());
        assertTrue(r.err().startsWith("samenloop: cannot resume from disclosure: the indicators output is missing"), r.err());

        CliRun again = run(JOB, "f", "register-f", "--from", "indicators");
        assertEquals(Cli.OK, again.code(), again.err());
        assertEquals(-1, Files.mismatch(base.resolve("a/tables/concurrency.csv"), base.resolve("f/tables/concurrency.csv")));
        assertEquals(new String(before, StandardCharsets.UTF_8),
                Files.readString(cells.resolve("concurrency").resolve("cells.tsv")), "cells from the stored linked data");
        assertFalse(Files.exists(cells.resolveSibling("." + NAME + ".next")), "the leftover is removed");
    }

    private static final Pattern RUN1 = Pattern.compile("run1-ms (\\d+)");

    /**
     * The "done when": a run killed in publish (SIGKILL, a separate JVM) resumes with {@code --from publish}
     * in seconds and gives the package byte for byte that an uninterrupted run gave on the same register state.
     */
    @Test
    @Order(7)
    void aRunKilledWhilePublishingResumesFromPublishInSecondsWithTheSamePackage() throws Exception {
        Path kill = Files.createDirectories(base.resolve("kill"));
        Path killWork = kill.resolve("work");
        // The delivery staged once (as a researcher's working area holds it), so the child starts at link.
        copyTree(work.resolve("staging"), killWork.resolve("staging"));
        Path reference = kill.resolve("reference");
        Path out = kill.resolve("out");
        Path register = kill.resolve("register");
        Path signal = kill.resolve("second-run");
        Process child = java(ResumeKillChild.class.getName(), JOB, input.toString(), killWork.toString(),
                reference.toString(), out.toString(), register.toString(), signal.toString());
        CompletableFuture<String> said = readAll(child);
        Path unfinished = out.resolveSibling(".out.samenloop-new");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!Files.exists(signal) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long secondStart = System.nanoTime();
        while (!Files.exists(unfinished) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertTrue(child.isAlive(), "the child ended before its second run published: " + said.getNow(""));
        child.destroyForcibly();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        double secondRun = (System.nanoTime() - secondStart) / 1e9;
        Matcher m = RUN1.matcher(said.get(10, TimeUnit.SECONDS));
        assertTrue(m.find(), said.get());
        double fullRun = Long.parseLong(m.group(1)) / 1000.0;

        // Killed inside publish: nothing at the output path, nothing recorded, the protection written.
        assertFalse(Files.exists(out.resolve("output-check.md")), "killed before the package was in place");
        try (ReleaseRegister reg = ReleaseRegister.open(RegisterLocation.parse(register.toString(), Path.of("")))) {
            assertEquals(0, reg.releases().size(), "killed before the release was recorded");
        }
        assertTrue(StageStore.marker(killWork.resolve("protected").resolve(NAME)).isPresent());

        long t0 = System.nanoTime();
        Process resume = java(Cli.class.getName(), "run", JOB, "--input", input.toString(), "--work", killWork.toString(),
                "--output", out.toString(), "--register", register.toString(), "--from", "publish");
        CompletableFuture<String> resumed = readAll(resume);
        assertTrue(resume.waitFor(3, TimeUnit.MINUTES));
        double resumeSeconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, resume.exitValue(), resumed.get());
        assertTrue(resumed.get().contains("took over the lock of working area"), resumed.get());
        assertTrue(resumed.get().contains("reusing the protection of"), resumed.get());
        System.out.printf("ResumeTest: full run %.1f s (staged data reused), killed run %.1f s into its run,"
                + " resume from publish %.1f s (a new JVM)%n", fullRun, secondRun, resumeSeconds);
        // The resume redoes nothing before publish: it links nothing and reuses the cell tables (and, asserted above,
        // the protection). A full run of this job links and computes in seconds on the local engine, so comparing
        // wall clocks no longer tells.
        for (String line : resumed.get().split("\n")) {
            assertFalse(line.contains("] link "), "the resume linked: " + line);
            assertTrue(!line.contains("] indicator ") || line.contains("reusing"), "the resume computed: " + line);
        }
        assertTrue(resumed.get().contains("] indicator    reusing 1 cell table(s)"), resumed.get());
        assertTrue(resumeSeconds < 60, "resume " + resumeSeconds + " s");

        assertEquals(files(reference).keySet(), files(out).keySet());
        for (Map.Entry<String, Path> f : files(reference).entrySet()) {
            assertEquals(-1, Files.mismatch(f.getValue(), out.resolve(f.getKey())), f.getKey() + " differs");
        }
        try (Stream<Path> s = Files.list(kill)) {
            assertEquals(List.of("out", "reference", "register", "second-run", "work"),
                    s.map(p -> p.getFileName().toString()).sorted().toList(), "nothing left beside the package");
        }
    }

    private static Process java(String main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JvmModuleOptions.read(Path.of("conf/jvm-module-options")));
        cmd.addAll(List.of("-Xmx1g", "-Djava.awt.headless=true", "-Dsamenloop.partitions=2", "-cp",
                System.getProperty("java.class.path"), main));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // Both runs stamp the package with one creation time, as reproducible builds do.
        pb.environment().put("SOURCE_DATE_EPOCH", "1767225600");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start();
    }

    private static CompletableFuture<String> readAll(Process p) {
        return CompletableFuture.supplyAsync(() -> {
            StringBuilder b = new StringBuilder();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    b.append(line).append('\n');
                }
            } catch (IOException e) {
                // The process was killed: what it said until then.
            }
            return b.toString();
        });
    }

    static Map<String, Path> files(Path dir) throws IOException {
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(p -> out.put(dir.relativize(p).toString(), p));
        }
        assertFalse(out.isEmpty(), dir.toString());
        return out;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
