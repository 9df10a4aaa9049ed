package nl.samenloop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The module flags live in three places that must not drift: {@code conf/jvm-module-options} (launcher script,
 * test cluster, docs), pom.xml's {@code spark.module.opts} (surefire/failsafe argLine) and Spark's own list,
 * {@link JavaModuleOptions#defaultModuleOptionArray()}, which is what the Spark version on the classpath needs.
 * A Spark upgrade that adds a flag fails here instead of as an IllegalAccessError deep inside a cluster run.
 */
class JvmModuleOptionsTest {
    private final BuildLayout layout = BuildLayout.detect();

    @Test
    void confFileListsExactlySparksFlagsInSparksOrder() {
        assertEquals(Arrays.asList(JavaModuleOptions.defaultModuleOptionArray()), JvmModuleOptions.of(layout));
    }

    @Test
    void pomPropertyListsTheSameFlagsAsTheConfFile() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document pom = f.newDocumentBuilder().parse(layout.projectRoot().resolve("pom.xml").toFile());
        NodeList nodes = pom.getElementsByTagNameNS("*", "spark.module.opts");
        assertEquals(1, nodes.getLength(), "pom.xml defines <spark.module.opts> once");
        List<String> pomFlags = Arrays.asList(nodes.item(0).getTextContent().strip().split("\\s+"));
        assertEquals(JvmModuleOptions.of(layout), pomFlags);
    }

    @Test
    void commentsAndBlankLinesAreNotFlags(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("opts");
        Files.writeString(file, "# header\n\n  --add-opens=a/b=ALL-UNNAMED  \n#--not-this\n-Dx=y\n");
        assertEquals(List.of("--add-opens=a/b=ALL-UNNAMED", "-Dx=y"), JvmModuleOptions.read(file));
    }

    /** The launcher script reads the same file: its dry run prints the java command one argument per line. */
    @Test
    void launcherScriptPassesTheConfFlagsToJava() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", layout.projectRoot().resolve("samenloop").toString(),
                "plan", "x.yaml").redirectErrorStream(true);
        pb.environment().put("SAMENLOOP_DRY_RUN", "1");
        pb.environment().put("SAMENLOOP_HEAP", "2g");
        pb.environment().remove("SAMENLOOP_JAVA_OPTS");
        Process dry = pb.start();
        List<String> argv = Arrays.asList(
                new String(dry.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().split("\n"));
        assertTrue(dry.waitFor(30, TimeUnit.SECONDS), "dry run finished");
        assertEquals(0, dry.exitValue(), String.join("\n", argv));
        List<String> flags = JvmModuleOptions.of(layout);
        int first = argv.indexOf(flags.get(0));
        assertTrue(first > 0, "module flags in " + argv);
        assertEquals(flags, argv.subList(first, first + flags.size()));
        assertTrue(argv.contains("-Xmx2g"), "heap from SAMENLOOP_HEAP in " + argv);
        assertEquals(List.of("nl.samenloop.job.Cli", "plan", "x.yaml"), argv.subList(argv.size() - 3, argv.size()));
    }
}
