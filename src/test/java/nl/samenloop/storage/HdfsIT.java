package nl.samenloop.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.samenloop.engine.SparkTest;
import nl.samenloop.job.Cli;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The main job with input, work and output on a real HDFS: Hadoop's MiniDFSCluster ({@link MiniHdfs}: a NameNode and
 * a DataNode in this JVM, listening on 127.0.0.1, storage in a temporary folder). The package it publishes on HDFS
 * equals, byte for byte and file for file, the package of the same job run on local folders. Both runs go through
 * the CLI as a user runs them, in one Spark session ({@code local[2]}), with one creation time
 * ({@code samenloop.sourceDateEpoch}) and each with its own empty release register at the same path (the register
 * is named in output-check.md, and a second run against the first one's register would be protected against it).
 *
 * <p>Measured on the shared 2-core machine at load average ~8: HDFS start 9 s, the local run 103 s (the JVM's first
 * job: Spark and the JIT warm up), the run on HDFS 47 s, the class 158 s; in a whole {@code mvn verify} at load ~5:
 * local 45 s, HDFS 27 s, the class 81 s (HdfsIngestIT 21 s, IngestCacheHdfsIT 12 s with the HDFS start). {@code MiniHdfs} also serves {@code HdfsIngestIT} (.sav, Parquet and CSV read from HDFS) and
 * {@code IngestCacheHdfsIT} (the staged input is reused when the delivery on HDFS is unchanged).
 */
class HdfsIT {
    static final String JOB = "jobs/rijnmond-haaglanden-wijkteam.yaml";
    static final String INPUT = "test-data/rijnmond-haaglanden";

    static Path base;
    static FileSystem fs;
    /** hdfs://127.0.0.1:port */
    static String hdfs;

    @BeforeAll
    static void startHdfs() throws IOException {
        SparkTest.spark();
        base = Files.createTempDirectory("samenloop-hdfs-it");
        hdfs = MiniHdfs.get().uri();
        fs = MiniHdfs.get().fs();
        MiniHdfs.get().upload(Path.of(INPUT), "/projects/samenloop/input");
        // One creation time for both runs (JobRunner reads it like SOURCE_DATE_EPOCH).
        System.setProperty("samenloop.sourceDateEpoch", "1767225600");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        System.clearProperty("samenloop.sourceDateEpoch");
        if (base != null) {
            Storage.deleteTree(base);
        }
    }

    @Test
    // A stall (as writing the linked data once did) fails the test instead of hanging the build.
    @org.junit.jupiter.api.Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
    void mainJobOnHdfsPublishesTheSamePackageAsLocally() throws IOException {
        Path local = base.resolve("local");
        Path register = base.resolve("register");
        long t0 = System.nanoTime();
        int code = Cli.execute("run", JOB, "--output", local.resolve("out").toString(), "--work",
                local.resolve("work").toString(), "--register", register.toString());
        assertEquals(Cli.OK, code, "local run");
        long t1 = System.nanoTime();

        Storage.deleteTree(register); // a first release again, at the same path
        String root = hdfs + "/projects/samenloop";
        code = Cli.execute("run", JOB, "--input", root + "/input", "--output", root + "/out/main", "--work",
                root + "/work/main", "--register", register.toString(), "--keep-linked");
        assertEquals(Cli.OK, code, "run on HDFS");
        long t2 = System.nanoTime();
        System.out.printf("main job: local %.1f s, on HDFS %.1f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9);

        // The package on HDFS, file by file, byte for byte.
        Map<String, byte[]> onHdfs = files(new org.apache.hadoop.fs.Path(root + "/out/main"));
        Map<String, Path> onDisk = new TreeMap<>();
        for (String rel : Storage.listTree(local.resolve("out"), false)) {
            onDisk.put(rel, local.resolve("out").resolve(rel));
        }
        assertEquals(onDisk.keySet(), onHdfs.keySet(), "files of the package");
        assertTrue(onDisk.keySet().containsAll(List.of("output-check.md", "tables/wijkteam_share.csv",
                "tables/wijkteam_share.xlsx", "audit/cells.csv")), onDisk.keySet().toString());
        for (Map.Entry<String, Path> e : onDisk.entrySet()) {
            byte[] expected = Files.readAllBytes(e.getValue());
            if (!java.util.Arrays.equals(expected, onHdfs.get(e.getKey()))) {
                fail(e.getKey() + " differs between the local package and the one on HDFS");
            }
        }
        String check = new String(onHdfs.get("output-check.md"), StandardCharsets.UTF_8);
        assertTrue(check.contains("PASS"), "audit verdict");

        // The working area is on HDFS: staged data, the linked data (--keep-linked), the cell tables and the
        // protection as stage outputs with their markers, the internal audit and the run's log; nothing is left
        // beside the package (no lock, no temporary or old package).
        for (String p : List.of("work/main/staging/JGDHULPBUS", "work/main/staging/_ingest.fingerprint",
                "work/main/linked/rijnmond-haaglanden-wijkteam/_stage",
                "work/main/linked/rijnmond-haaglanden-wijkteam/population",
                "work/main/rejects/JGDHULPBUS", "work/main/quality/report.md", "work/main/cells/rijnmond-haaglanden-wijkteam/wijkteam_share/cells.tsv",
                "work/main/cells/rijnmond-haaglanden-wijkteam/_stage",
                "work/main/protected/rijnmond-haaglanden-wijkteam/_stage",
                "work/main/audit/rijnmond-haaglanden-wijkteam/cells-internal.csv")) {
            assertTrue(fs.exists(new org.apache.hadoop.fs.Path(root + "/" + p)), p + " on HDFS");
        }
        assertEquals(Files.readString(local.resolve("work/quality/report.md")),
                read(new org.apache.hadoop.fs.Path(root + "/work/main/quality/report.md")), "data-quality report");
        FileStatus[] logs = fs.listStatus(new org.apache.hadoop.fs.Path(root + "/work/main/logs"));
        assertEquals(1, logs.length, "the run's log, copied into the working area");
        assertTrue(logs[0].getLen() > 0);
        List<String> beside = new java.util.ArrayList<>();
        for (FileStatus s : fs.listStatus(new org.apache.hadoop.fs.Path(root + "/out"))) {
            beside.add(s.getPath().getName());
        }
        assertEquals(List.of("main"), beside, "beside the package");
        assertFalse(fs.exists(new org.apache.hadoop.fs.Path(root + "/work/main/.samenloop.lock")), "work lock released");

        // Resumed from indicators, the linked data is read back from HDFS and gives the same cells. (Writing it there
        // used to wait forever: Spark's delay scheduling in local mode, now off, see Engine.session.)
        org.apache.hadoop.fs.Path cells = new org.apache.hadoop.fs.Path(root
                + "/work/main/cells/rijnmond-haaglanden-wijkteam/wijkteam_share/cells.tsv");
        String before = read(cells);
        code = Cli.execute("run", JOB, "--input", root + "/input", "--output", root + "/resumed/main", "--work",
                root + "/work/main", "--register", register.toString(), "--from", "indicators");
        assertEquals(Cli.OK, code, "run --from indicators on HDFS");
        assertEquals(before, read(cells), "cells from the linked data kept on HDFS");
        assertTrue(fs.exists(new org.apache.hadoop.fs.Path(root + "/resumed/main/output-check.md")));

        // The staged data is reused by a later run when the input is unchanged: IngestCacheHdfsIT.
    }

    @Test
    void aJobFileWithHdfsFoldersParsesAndPlanShowsThem() throws IOException {
        String root = hdfs + "/projects/plan";
        fs.mkdirs(new org.apache.hadoop.fs.Path(root + "/input"));
        String job = Files.readString(Path.of(JOB), StandardCharsets.UTF_8)
                .replaceAll("(?m)^input:.*$", "input: " + root + "/input")
                .replaceAll("(?m)^output:.*$", "output: " + root + "/out\nwork: " + root + "/work");
        Path file = base.resolve("hdfs-job.yaml");
        Files.writeString(file, job, StandardCharsets.UTF_8);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = captured(out, () -> Cli.execute("plan", file.toString()));
        String plan = out.toString(StandardCharsets.UTF_8);
        assertEquals(Cli.OK, code, plan);
        assertTrue(plan.contains("  input:  " + root + "/input\n"), plan);
        assertTrue(plan.contains("  work:   " + root + "/work  (secure working area"), plan);
        assertTrue(plan.contains("  out:    " + root + "/out  (publication package)"), plan);

        // The folder rules hold on HDFS too: a package inside the input folder is refused before anything runs.
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        code = quietly(err, () -> Cli.execute("plan", file.toString(), "--output", root + "/input/out"));
        assertEquals(Cli.USAGE, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("output: the publication package must not be inside the"
                + " input folder (" + root + "/input)"), err.toString(StandardCharsets.UTF_8));
        // A folder that does not exist on HDFS is named as such, in one line.
        err.reset();
        code = quietly(err, () -> Cli.execute("plan", file.toString(), "--input", root + "/nothing-here"));
        assertEquals(Cli.USAGE, code);
        assertEquals("samenloop: input folder not found: " + root + "/nothing-here (key 'input' in " + file + ")",
                err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void aLockOnHdfsAdmitsOneRunAndNamesItsHolder() throws Exception {
        Location work = Location.parse(hdfs + "/projects/locks/work", Path.of(""));
        List<String> notes = new java.util.ArrayList<>();
        // Eight runs race for one working area: the NameNode's create(overwrite=false) lets exactly one in.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<FolderLock>> tries = new java.util.ArrayList<>();
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        for (int i = 0; i < 8; i++) {
            String job = "job-" + i;
            tries.add(pool.submit(() -> {
                start.await();
                try {
                    return FolderLock.workArea(work, job, notes::add);
                } catch (FolderLock.Held e) {
                    return null;
                }
            }));
        }
        start.countDown();
        List<FolderLock> won = new java.util.ArrayList<>();
        for (var t : tries) {
            FolderLock l = t.get();
            if (l != null) {
                won.add(l);
            }
        }
        pool.shutdown();
        assertEquals(1, won.size(), "runs that got the lock");
        FolderLock held = won.get(0);
        assertEquals(hdfs + "/projects/locks/work/.samenloop.lock", held.file().toString());
        String text = read(new org.apache.hadoop.fs.Path(held.file().toString()));
        assertTrue(text.startsWith("job=" + held.holder().job() + "\npid=" + ProcessHandle.current().pid()), text);

        FolderLock.Held refused = org.junit.jupiter.api.Assertions.assertThrows(FolderLock.Held.class,
                () -> FolderLock.workArea(work, "another", n -> { }));
        assertTrue(refused.getMessage().startsWith("working area " + work + " is in use by job " + held.holder().job()),
                refused.getMessage());
        held.close();
        assertFalse(fs.exists(new org.apache.hadoop.fs.Path(held.file().toString())), "released");
        FolderLock.workArea(work, "another", n -> { }).close();
        assertEquals(List.of(), notes);
    }

    /** Every file under {@code dir} on HDFS, relative path → bytes. */
    static Map<String, byte[]> files(org.apache.hadoop.fs.Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        String root = fs.makeQualified(dir).toUri().getPath();
        var it = fs.listFiles(dir, true);
        while (it.hasNext()) {
            org.apache.hadoop.fs.Path p = it.next().getPath();
            try (InputStream in = fs.open(p)) {
                out.put(p.toUri().getPath().substring(root.length() + 1), in.readAllBytes());
            }
        }
        return out;
    }

    static String read(org.apache.hadoop.fs.Path p) throws IOException {
        try (InputStream in = fs.open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    interface Command {
        int run();
    }

    static int captured(ByteArrayOutputStream out, Command c) {
        PrintStream before = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            return c.run();
        } finally {
            System.setOut(before);
        }
    }

    static int quietly(ByteArrayOutputStream err, Command c) {
        PrintStream before = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return c.run();
        } finally {
            System.setErr(before);
        }
    }
}
