package nl.samenloop.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where a packaged build lives: {@code ${build.dir}/samenloop.jar} (our classes only, shipped to executors as
 * the application jar) and {@code ${build.dir}/lib} (the runtime classpath the maven-dependency-plugin copies
 * at {@code package}). Integration tests run after {@code package}, so both exist by then.
 */
public record BuildLayout(Path projectRoot, Path buildDir) {

    /**
     * The build dir this test code was compiled into ({@code <build.dir>/test-classes/..}), so
     * {@code -Dbuild.dir=target-x} just works; {@code -Dsamenloop.build.dir} overrides it.
     */
    public static BuildLayout detect() {
        Path root = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        String override = System.getProperty("samenloop.build.dir");
        if (override != null) {
            return new BuildLayout(root, root.resolve(override).normalize());
        }
        try {
            Path classes = Path.of(BuildLayout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new BuildLayout(root, classes.toAbsolutePath().getParent());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the build dir of " + BuildLayout.class, e);
        }
    }

    public Path appJar() {
        return buildDir.resolve("samenloop.jar");
    }

    public Path lib() {
        return buildDir.resolve("lib");
    }

    /** {@code lib/*} as a JVM classpath wildcard. */
    public String libClasspath() {
        return lib() + "/*";
    }

    public Path moduleOptionsFile() {
        return projectRoot.resolve("conf/jvm-module-options");
    }

    /** Fails with the command to run when the packaged pieces are missing (e.g. a test run without package). */
    public BuildLayout requirePackaged() {
        if (!Files.isRegularFile(appJar())) {
            throw new IllegalStateException(appJar() + " is missing: run `mvn -Dbuild.dir=" + buildDir.getFileName()
                    + " verify` (or package) first");
        }
        try (Stream<Path> jars = Files.list(lib())) {
            if (jars.noneMatch(p -> p.getFileName().toString().startsWith("spark-core_"))) {
                throw new IllegalStateException(lib() + " holds no spark-core jar: run `mvn package` first");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(lib() + " is missing: run `mvn package` first", e);
        }
        return this;
    }
}
