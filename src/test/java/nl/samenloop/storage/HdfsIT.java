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
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The main job with input, work and output on a real HDFS: Hadoop's {@link MiniDFSCluster} (a NameNode and a
 * DataNode in this JVM, listening on 127.0.0.1, storage in a temporary folder). The package it publishes on HDFS
 * equals, byte for byte and file for file, the package of the same job run on local folders. Both runs go through
 * the CLI as a user runs them, in one Spark session ({@code local[2]}), with one creation time
 * ({@code samenloop.sourceDateEpoch}) and each with its own empty release register at the same path (the register
 * is named in output-check.md, and a second run against the first one's register would be protected against it).
 *
 * <p>Measured on the shared 2-core machine: cluster start ~9 s; see the test output for the two runs.
 */
class HdfsIT {
    static final String JOB = "jobs/rijnmond-haaglanden-wijkteam.yaml";
    static final String INPUT = "test-data/rijnmond-haaglanden";

    static Path base;
    static MiniDFSCluster cluster;
    static FileSystem fs;
    /** hdfs://127.0.0.1:port */
    static String hdfs;

    @BeforeAll
    static void startHdfs() throws IOException {
        SparkTest.spark();
        base = Files.createTempDirectory("samenloop-hdfs-it");
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("dfs").toString());
        // Nothing listens beyond this machine.
        conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
        conf.set("dfs.namenode.http-address", "127.0.0.1:0");
        conf.set("dfs.datanode.address", "127.0.0.1:0");
        conf.set("dfs.datanode.http.address", "127.0.0.1:0");
        conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
        long t0 = System.nanoTime();
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        hdfs = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
        fs = FileSystem.get(java.net.URI.create(hdfs), conf);
        System.out.printf("HDFS ready after %.1f s at %s%n", (System.nanoTime() - t0) / 1e9, hdfs);
        fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(Path.of(INPUT).toAbsolutePath().toUri()),
                new org.apache.hadoop.fs.Path(hdfs + "/projects/samenloop/input"));
        // One creation time for both runs (JobRunner reads it like SOURCE_DATE_EPOCH).
        System.setProperty("samenloop.sourceDateEpoch", "1767225600");
    }

    @AfterAll
    static void stopHdfs() throws IOException {
        System.clearProperty("samenloop.sourceDateEpoch");
        if (cluster != null) {
            cluster.shutdown(true);
        }
        if (base != null) {
            Storage.deleteTree(base);
        }
    }

    @Test
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
                root + "/work/main", "--register", register.toString());
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

        // The working area is on HDFS: staged data, cell tables, the internal audit and the run's log; nothing is
        // left beside the package (no lock, no temporary or old package).
        for (String p : List.of("work/main/staging/JGDHULPBUS", "work/main/staging/_ingest.fingerprint",
                "work/main/rejects/JGDHULPBUS", "work/main/quality/report.md", "work/main/cells/wijkteam_share/cells.tsv",
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

        // A second run finds the staged input unchanged on HDFS (fingerprinted from the NameNode's listing) and reuses
        // it: the fingerprint is not written again. The package it replaces is its own.
        org.apache.hadoop.fs.Path fingerprint = new org.apache.hadoop.fs.Path(root + "/work/main/staging/_ingest.fingerprint");
        long staged = fs.getFileStatus(fingerprint).getModificationTime();
        Storage.deleteTree(register);
        code = Cli.execute("run", JOB, "--input", root + "/input", "--output", root + "/out/main",
                "--work", root + "/work/main", "--register", register.toString());
        assertEquals(Cli.OK, code, "second run on HDFS");
        assertEquals(staged, fs.getFileStatus(fingerprint).getModificationTime(), "staged data reused");
        assertEquals(onHdfs.keySet(), files(new org.apache.hadoop.fs.Path(root + "/out/main")).keySet());
        assertTrue(java.util.Arrays.equals(onHdfs.get("tables/wijkteam_share.csv"),
                files(new org.apache.hadoop.fs.Path(root + "/out/main")).get("tables/wijkteam_share.csv")));
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
