package nl.samenloop.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import nl.samenloop.job.JobSpec;
import nl.samenloop.job.JobSpecException;
import nl.samenloop.job.JobSpecParser;
import nl.samenloop.job.RegistryCatalog;
import nl.samenloop.register.RegisterLocation;
import org.junit.jupiter.api.Test;

/** How folders are written in job files and on the command line, and the rules that hold for them on HDFS and S3. */
class LocationTest {
    static final Path BASE = Path.of("/project");

    @Test
    void plainPathsAndFileUrisAreLocalAndGoToSparkAsBefore() {
        Location rel = Location.parse("test-data/basic", BASE);
        assertTrue(rel.isLocal());
        assertEquals(Path.of("/project/test-data/basic"), rel.local());
        assertEquals("/project/test-data/basic", rel.spark());
        assertEquals("/project/test-data/basic", rel.toString());
        assertEquals(rel, Location.parse("/project/test-data/./basic/", BASE));
        assertEquals(rel, Location.parse("file:/project/test-data/basic", BASE));
        assertEquals(rel, Location.parse("file:///project/test-data/basic", BASE));
        assertEquals(Location.local(Path.of("/project/work/staging/JGDHULPBUS")), rel.parent().parent().resolve("work")
                .resolve("staging").resolve("JGDHULPBUS"));
    }

    @Test
    void hdfsAndS3aUrisKeepTheirSchemeAuthorityAndPath() {
        Location full = Location.parse("hdfs://namenode:8020/projects/samenloop/in/", BASE);
        assertFalse(full.isLocal());
        assertEquals("hdfs://namenode:8020/projects/samenloop/in", full.spark());
        assertEquals("in", full.name());
        assertEquals("hdfs://namenode:8020/projects/samenloop/work/staging/JGDHULPBUS",
                full.sibling("work").resolve("staging").resolve("JGDHULPBUS").toString());
        assertEquals("hdfs://namenode:8020/projects/samenloop/.out.samenloop-lock",
                full.sibling(".out.samenloop-lock").toString());

        Location defaultFs = Location.parse("hdfs:///projects/samenloop/out", BASE);
        assertEquals("hdfs:///projects/samenloop/out", defaultFs.spark());
        assertEquals("hdfs:///projects/samenloop", defaultFs.parent().toString());
        assertEquals("hdfs:///", defaultFs.parent().parent().parent().toString());
        assertTrue(defaultFs.parent().parent().parent().isRoot());
        assertNull(defaultFs.parent().parent().parent().parent());

        Location s3 = Location.parse("s3a://bucket/samenloop/out", BASE);
        assertEquals("s3a://bucket/samenloop/out", s3.spark());
        assertEquals("s3a://bucket/", s3.parent().parent().toString());
        assertTrue(s3.startsWith(s3.parent()));
        assertFalse(s3.startsWith(Location.parse("s3a://other/samenloop", BASE)));
        assertFalse(Location.parse("hdfs:///samenloop-x", BASE).startsWith(Location.parse("hdfs:///samenloop", BASE)));
    }

    @Test
    void unusableUrisAreNamed() {
        IllegalArgumentException opaque = assertThrows(IllegalArgumentException.class,
                () -> Location.parse("hdfs:projects/x", BASE));
        assertEquals("'hdfs:projects/x' is not a usable folder URI; write it as hdfs://host/folder or hdfs:///folder"
                + " (the default file system)", opaque.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Location.parse("file:relative/x", BASE));
        assertThrows(IllegalArgumentException.class, () -> Location.parse("hdfs:///x?y=1", BASE));
    }

    @Test
    void folderRulesHoldOnHdfs() {
        Location in = Location.parse("hdfs:///data/in", BASE);
        assertEquals(List.of(), FolderRules.problems(in, Location.parse("hdfs:///data/out", BASE),
                Location.parse("hdfs:///data/work", BASE)));
        assertEquals(List.of("output: the publication package must not be inside the input folder (hdfs:///data/in)"),
                FolderRules.problems(in, Location.parse("hdfs:///data/in/out", BASE), null));
        assertEquals(List.of("output and work are the same folder; the publication package must be kept apart from the"
                + " secure working area"), FolderRules.problems(null, Location.parse("hdfs:///data/x", BASE),
                Location.parse("hdfs:///data/x/", BASE)));
        assertEquals(List.of("work: hdfs:/// is the root of its file system; give the working area a folder of its own,"
                + " e.g. hdfs:///work/<job name>"), FolderRules.problems(in, null, Location.parse("hdfs:///", BASE)));
        // Another cluster, another bucket, or the local disk: never inside each other.
        assertEquals(List.of(), FolderRules.problems(in, Location.parse("hdfs://other:8020/data/in/out", BASE),
                Location.parse("/project/work/x", BASE)));
    }

    @Test
    void aJobFileNamesFoldersOnHdfsAndS3() throws JobSpecException {
        JobSpec job = JobSpecParser.parse("""
                name: on-a-cluster
                input: hdfs:///projects/samenloop/in
                output: s3a://published/samenloop/on-a-cluster
                work: hdfs://namenode:8020/projects/samenloop/work/on-a-cluster
                classification_year: 2020
                periods: {from: 2018, to: 2019}
                tables: [{indicator: followup}]
                """, "test.yaml", new RegistryCatalog(), BASE);
        assertEquals("hdfs:///projects/samenloop/in", job.input().toString());
        assertEquals("s3a://published/samenloop/on-a-cluster", job.output().spark());
        assertEquals("hdfs://namenode:8020/projects/samenloop/work/on-a-cluster", job.work().spark());

        JobSpecException e = assertThrows(JobSpecException.class, () -> JobSpecParser.parse("""
                name: bad
                input: hdfs:projects/in
                classification_year: 2020
                periods: {from: 2018, to: 2019}
                tables: [{indicator: followup}]
                """, "test.yaml", new RegistryCatalog(), BASE));
        assertTrue(e.getMessage().contains("input: 'hdfs:projects/in' is not a usable folder path or URI"), e.getMessage());
    }

    @Test
    void theReleaseRegisterStaysOnTheDriver() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegisterLocation.parse("hdfs:///projects/samenloop/register", BASE));
        assertTrue(e.getMessage().startsWith("register 'hdfs:///projects/samenloop/register': the release register is a"
                + " SQLite file on the driver's local disk"), e.getMessage());
        assertEquals("jdbc:sqlite:/project/environment/register.db", RegisterLocation.parse("environment", BASE).jdbcUrl());
    }
}
