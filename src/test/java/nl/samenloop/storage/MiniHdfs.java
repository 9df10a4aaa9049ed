package nl.samenloop.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * One real HDFS per test JVM for the integration tests: Hadoop's {@link MiniDFSCluster} — a NameNode and one
 * DataNode inside this JVM, every port on 127.0.0.1, storage in a temporary folder — started on first use (about
 * 8 s) and shut down, its folder removed, when the JVM ends. Tests use their own folder under {@link #uri()}.
 */
public final class MiniHdfs {
    private static MiniHdfs instance;

    private final MiniDFSCluster cluster;
    private final FileSystem fs;
    private final String uri;
    private final Path base;

    private MiniHdfs() throws IOException {
        base = Files.createTempDirectory("samenloop-hdfs");
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
        uri = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
        fs = FileSystem.get(java.net.URI.create(uri), conf);
        System.out.printf("HDFS ready after %.1f s at %s%n", (System.nanoTime() - t0) / 1e9, uri);
    }

    /** The running cluster, started on first use. */
    public static synchronized MiniHdfs get() {
        if (instance == null) {
            try {
                instance = new MiniHdfs();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start MiniDFSCluster", e);
            }
            MiniHdfs started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "mini-hdfs-stop"));
        }
        return instance;
    }

    /** {@code hdfs://127.0.0.1:<port>}. */
    public String uri() {
        return uri;
    }

    public FileSystem fs() {
        return fs;
    }

    /** Copies the local folder {@code from} to {@code to} (a path on this HDFS, e.g. /projects/x/in). */
    public void upload(Path from, String to) throws IOException {
        fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(from.toAbsolutePath().toUri()),
                new org.apache.hadoop.fs.Path(uri + to));
    }

    /** Every file under {@code dir} (a path on this HDFS), relative path → bytes. */
    public Map<String, byte[]> files(String dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        org.apache.hadoop.fs.Path d = new org.apache.hadoop.fs.Path(uri + dir);
        String root = fs.makeQualified(d).toUri().getPath();
        var it = fs.listFiles(d, true);
        while (it.hasNext()) {
            org.apache.hadoop.fs.Path p = it.next().getPath();
            try (InputStream in = fs.open(p)) {
                out.put(p.toUri().getPath().substring(root.length() + 1), in.readAllBytes());
            }
        }
        return out;
    }

    /** The text of a file on this HDFS. */
    public String read(String file) throws IOException {
        try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(uri + file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public boolean exists(String path) throws IOException {
        return fs.exists(new org.apache.hadoop.fs.Path(uri + path));
    }

    private void stop() {
        try {
            cluster.shutdown(true);
        } finally {
            try {
                Storage.deleteTree(base);
            } catch (IOException | RuntimeException e) {
                // a temporary folder; nothing else to do at JVM exit
            }
        }
    }
}
