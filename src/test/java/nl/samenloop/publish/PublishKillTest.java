package nl.samenloop.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.samenloop.register.ReleaseRegister;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped anywhere in publishing — an error, a full disk, a power cut, {@code kill -9} — never leaves,
 * at the output path or beside it, a folder that looks like a complete package but was not scanned or not
 * recorded as released; and the next run puts everything right. "Recorded" is what the release step
 * ({@code JobRunner#recordRelease}, here the same ledger call) made durable: the ledger holds the package's
 * lines. "Scanned": the scan passed before the release step (see {@link PublishLoop}).
 *
 * <p>Two ways to stop a run: at every named step of {@link Publication} in this JVM, where the disk is
 * copied at that instant (what a kill there would leave) and a new run starts from that copy; and a real
 * SIGKILL of a separate process that publishes in a loop, at random moments.
 */
class PublishKillTest {
    private static final Pattern MARKER = Pattern.compile("<!-- samenloop-package job=(.*) created=(\\S+) -->");
    private static final String JOB = PublishLoop.JOB;

    @TempDir
    Path tmp;

    /** Releases one publication adds to the register. */
    private static int entriesPerRelease() {
        return 1;
    }

    private static final class Killed extends RuntimeException {
    }

    /** Every file under a folder with its bytes, and every folder: the disk as a killed run leaves it. */
    record Snapshot(Map<String, byte[]> files, List<String> folders) {
        static Snapshot of(Path base) throws IOException {
            Map<String, byte[]> files = new TreeMap<>();
            List<String> folders = new ArrayList<>();
            try (Stream<Path> s = Files.walk(base)) {
                for (Path p : s.sorted().toList()) {
                    String rel = base.relativize(p).toString();
                    if (Files.isDirectory(p)) {
                        folders.add(rel);
                    } else {
                        files.put(rel, Files.readAllBytes(p));
                    }
                }
            }
            return new Snapshot(files, folders);
        }

        void restore(Path base) throws IOException {
            for (String f : folders) {
                Files.createDirectories(base.resolve(f));
            }
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                Files.write(base.resolve(e.getKey()), e.getValue());
            }
        }

        /** Top-level names (the output folder, its siblings, the work area). */
        List<String> top() {
            List<String> out = new ArrayList<>();
            folders.stream().filter(f -> !f.isEmpty() && !f.contains("/")).forEach(out::add);
            files.keySet().stream().filter(f -> !f.contains("/")).forEach(out::add);
            out.sort(null);
            return out;
        }

        /** The releases the register in the working area holds, read from a copy of its files as they are. */
        int ledgerEntries() {
            String prefix = "work/" + TestReleases.FOLDER + "/";
            Map<String, byte[]> reg = new TreeMap<>();
            files.forEach((k, v) -> {
                if (k.startsWith(prefix) && !k.substring(prefix.length()).contains("/")) {
                    reg.put(k.substring(prefix.length()), v);
                }
            });
            return TestReleases.count(reg);
        }

        /**
         * The creation stamp of the complete package in folder {@code dir}, or null when the folder holds no
         * output check; fails when the folder looks like a package but is not exactly the files its checksums
         * list.
         */
        String completePackage(String dir) throws Exception {
            byte[] check = files.get(dir + "/" + OutputCheck.FILE);
            if (check == null) {
                return null;
            }
            String text = new String(check, StandardCharsets.UTF_8);
            Matcher m = MARKER.matcher(text.lines().findFirst().orElse(""));
            assertTrue(m.matches(), dir + ": output check without its marker");
            Map<String, String> listed = new TreeMap<>(PackageFolder.checksums(text));
            Map<String, String> present = new TreeMap<>();
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                if (e.getKey().startsWith(dir + "/") && !e.getKey().equals(dir + "/" + OutputCheck.FILE)) {
                    present.put(e.getKey().substring(dir.length() + 1),
                            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(e.getValue())));
                }
            }
            assertEquals(listed, present, dir + " looks like a package but is not the files its output check lists");
            return m.group(2);
        }

        /** Every folder outside the working area that holds an output check. */
        List<String> packageFolders() {
            return files.keySet().stream().filter(f -> f.endsWith("/" + OutputCheck.FILE) && !f.startsWith("work/"))
                    .map(f -> f.substring(0, f.length() - OutputCheck.FILE.length() - 1)).toList();
        }

        /** Folders a person would take for a package: visible (no leading '.') and holding an output check. */
        List<String> visiblePackages() {
            return top().stream().filter(t -> !t.startsWith(".") && files.containsKey(t + "/" + OutputCheck.FILE)).toList();
        }
    }

    @Test
    void stoppedAtEveryStepOfPublishingNoUnscannedOrUnrecordedPackageAppears() throws Exception {
        int n = entriesPerRelease();
        Instant previous = Instant.parse("2030-01-01T00:00:00Z");
        Instant attempt = Instant.parse("2030-02-01T00:00:00Z");
        Instant restart = Instant.parse("2030-03-01T00:00:00Z");
        // Every starting state × every step: what the output folder holds before (nothing, an empty folder, this
        // job's package, another job's) and where the run stops (11 to 13 steps are reached; 14 completes).
        for (int seed = 0; seed < 4 * 15; seed++) {
            int start = seed % 4;
            int killAt = seed / 4;
            boolean replace = start == 3;
            Path base = Files.createDirectories(tmp.resolve("s" + seed));
            Path out = base.resolve("out");
            Path work = base.resolve("work");
            ReleaseRegister ledger = TestReleases.open(work);
            if (start == 1) {
                Files.createDirectories(out);
            } else if (start >= 2) {
                String job = start == 2 ? JOB : "other-job";
                Publication.publish(new Publication.Request(out, work, PublicationTest.info(job, previous),
                        List.of(Fixture.table()), List.of(), false),
                        check -> TestReleases.record(ledger, job, previous, check), x -> { });
            }
            int before = Snapshot.of(base).ledgerEntries();

            List<String> reached = new ArrayList<>();
            Snapshot[] atKill = {null};
            try {
                Publication.publish(new Publication.Request(out, work, PublicationTest.info(JOB, attempt),
                        List.of(Fixture.table()), List.of(), replace),
                        check -> TestReleases.record(ledger, JOB, attempt, check), x -> { },
                        step -> {
                            reached.add(step);
                            if (reached.size() - 1 == killAt) {
                                atKill[0] = Snapshot.of(base);
                                throw new Killed();
                            }
                        });
            } catch (Killed k) {
                // stopped here
            }
            Snapshot s = atKill[0] != null ? atKill[0] : Snapshot.of(base);
            String where = "seed " + seed + ", start " + start + ", stopped at " + reached.get(reached.size() - 1);

            boolean recorded = reached.contains("release recorded");
            assertEquals(before + (recorded ? n : 0), s.ledgerEntries(), where);
            String created = s.completePackage("out");
            if (attempt.toString().equals(created)) {
                assertTrue(reached.contains("scan clean") && recorded, where + ": the new package is in place unscanned"
                        + " or unrecorded");
            } else if (created != null) {
                assertEquals(previous.toString(), created, where);
            } else if (start >= 2) {
                // Stopped between the two renames: the previous package, whole, waits beside the output path.
                assertEquals(previous.toString(), s.completePackage(".out.samenloop-old"), where);
            }
            assertEquals(created == null ? List.of() : List.of("out"), s.visiblePackages(), where);
            // Beside the output path too (hidden names included): an output check of the attempted package stands
            // only in a folder whose release was scanned and recorded.
            for (String dir : s.packageFolders()) {
                if (attempt.toString().equals(s.completePackage(dir))) {
                    assertTrue(reached.contains("scan clean") && recorded, where + ": " + dir + " looks complete early");
                }
            }

            // A new run, on the disk exactly as the stopped one left it, puts everything right.
            Path again = Files.createDirectories(tmp.resolve("r" + seed));
            s.restore(again);
            Path out2 = again.resolve("out");
            Path work2 = again.resolve("work");
            PackageFolder.cleanLeftovers(out2, x -> { });
            ReleaseRegister ledger2 = TestReleases.open(work2);
            Publication.publish(new Publication.Request(out2, work2, PublicationTest.info(JOB, restart),
                    List.of(Fixture.table()), List.of(), replace),
                    check -> TestReleases.record(ledger2, JOB, restart, check), x -> { });
            Snapshot after = Snapshot.of(again);
            assertEquals(restart.toString(), after.completePackage("out"), where);
            assertEquals(List.of("out", "work"), after.top(), where + ": nothing left beside the package");
            assertEquals(s.ledgerEntries() + n, after.ledgerEntries(), where);
        }
    }

    @Test
    void killedAtRandomMomentsWhilePublishingNoUnscannedOrUnrecordedPackageAppears() throws Exception {
        int n = entriesPerRelease();
        for (int seed = 0; seed < 4; seed++) {
            Random rnd = new Random(1000 + seed);
            Path base = Files.createDirectories(tmp.resolve("k" + seed));
            Path out = base.resolve("out");
            Path work = base.resolve("work");
            Process p = child(out, work, 1000, 0);
            CompletableFuture<String> output = readAll(p);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(work.resolve("scanned.log")) && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(p.isAlive(), "the publishing process ended early: " + output.getNow(""));
            Thread.sleep(rnd.nextInt(1200));
            p.destroyForcibly();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));

            Snapshot s = Snapshot.of(base);
            String where = "seed " + seed;
            String created = s.completePackage("out");
            if (created != null) {
                int i = (int) (Instant.parse(created).getEpochSecond() - PublishLoop.T0.getEpochSecond());
                String scanned = new String(s.files().get("work/scanned.log"), StandardCharsets.UTF_8);
                assertTrue(scanned.lines().anyMatch(created::equals), where + ": package " + i + " in place, never scanned");
                assertTrue(s.ledgerEntries() >= (i + 1) * n, where + ": package " + i + " in place, not recorded ("
                        + s.ledgerEntries() + " ledger entries)");
            }
            assertEquals(created == null ? List.of() : List.of("out"), s.visiblePackages(), where);
            for (String dir : s.packageFolders()) {
                String c = s.completePackage(dir);
                int i = (int) (Instant.parse(c).getEpochSecond() - PublishLoop.T0.getEpochSecond());
                assertTrue(s.ledgerEntries() >= (i + 1) * n, where + ": " + dir + " looks complete but is not recorded");
            }

            // The next run takes over the locks the killed one left, tidies up and publishes.
            StringBuilder notes = new StringBuilder();
            PublishLoop.run(out, work, 1, 1000, x -> notes.append(x).append('\n'));
            String said = notes.toString();
            assertTrue(said.contains("took over the lock of working area " + work) && said.contains("process " + p.pid()
                    + " on host"), said);
            Snapshot after = Snapshot.of(base);
            assertEquals(PublishLoop.T0.plusSeconds(1000).toString(), after.completePackage("out"), where);
            assertEquals(List.of("out", "work"), after.top(), where + ": nothing left beside the package");
            assertNull(after.files().get("work/.samenloop.lock"), where + ": lock released");
        }
    }

    private static Process child(Path out, Path work, int count, int first) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Djava.awt.headless=true", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                PublishLoop.class.getName(), out.toString(), work.toString(), String.valueOf(count), String.valueOf(first))
                .redirectErrorStream(true).start();
    }

    private static CompletableFuture<String> readAll(Process p) {
        return CompletableFuture.supplyAsync(() -> {
            StringBuilder b = new StringBuilder();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    b.append(line).append('\n');
                }
            } catch (IOException e) {
                fail(e);
            }
            return b.toString();
        });
    }

    @Test
    void snapshotCheckRejectsAHalfWrittenPackage() throws Exception {
        // The check itself must be able to fail: a package folder missing a listed file, or with an extra one.
        Path base = Files.createDirectories(tmp.resolve("half"));
        Path out = base.resolve("out");
        PublicationTest.publish(out, base.resolve("work"), JOB, Fixture.CREATED, false);
        assertNotNull(Snapshot.of(base).completePackage("out"));
        Files.writeString(out.resolve("audit/cells.csv"), "table,count\n");
        AssertionErrorCatcher.expect(() -> Snapshot.of(base).completePackage("out"));
    }

    /** Expects an assertion failure. */
    private static final class AssertionErrorCatcher {
        static void expect(org.junit.jupiter.api.function.Executable e) {
            try {
                e.execute();
            } catch (AssertionError expected) {
                return;
            } catch (Throwable t) {
                fail(t);
            }
            fail("expected the check to fail");
        }
    }
}
