package nl.samenloop.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which input, output and work folders may be combined: each case with the one problem it must give. */
class FolderRulesTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("/p/in", "/p/out/x", "/p/work/x", null),
                Arguments.of("/p/in", "/p/x", "/p/x", "output and work are the same folder"),
                Arguments.of("/p/in", "/p/out", "/p/out/audit", "work: the secure working area must not be inside the output folder"),
                Arguments.of("/p/in", "/p/work/out", "/p/work", "output: the publication package must not be inside the secure working area"),
                Arguments.of("/p/in", "/p/in", "/p/work", "output: the publication package folder is the input folder"),
                Arguments.of("/p/in", "/p/in/out", "/p/work", "output: the publication package must not be inside the input folder"),
                Arguments.of("/p/out/in", "/p/out", "/p/work", "output: the input folder (/p/out/in) lies inside the output folder"),
                Arguments.of("/p/in", "/p/out", "/p/in", "work: the secure working area is the input folder"),
                Arguments.of("/p/in", "/p/out", "/p/in/work", "work: the secure working area must not be inside the input folder"),
                Arguments.of("/p/in", "/etc", "/p/work", "output: /etc is a system folder"),
                Arguments.of("/p/in", "/usr/share/x", "/p/work", "output: /usr/share/x is a system folder"),
                Arguments.of("/p/in", "/", "/p/work", "output: / is a top-level folder"),
                Arguments.of("/p/in", "/tmp", "/p/work", "output: /tmp is a top-level folder"),
                Arguments.of("/p/in", "/p/out", "/var/lib/x", "work: /var/lib/x is a system folder"),
                Arguments.of("/p/in", "/home", "/p/work", "output: /home is a top-level folder"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void eachCombinationGivesItsOneProblem(String in, String out, String work, String expected) {
        List<String> problems = FolderRules.problems(Path.of(in), Path.of(out), Path.of(work));
        if (expected == null) {
            assertEquals(List.of(), problems);
        } else {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(expected)), problems.toString());
            // "/" also holds the input and work folders: those problems are named too.
            assertEquals(out.equals("/") ? 3 : 1, problems.size(), problems.toString());
        }
    }

    @Test
    void relativeClimbToAsystemFolderIsRefused() {
        Path out = Path.of("").toAbsolutePath().resolve("../../../../../../../../etc");
        List<String> problems = FolderRules.problems(null, out, tmp.resolve("work"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("is a system folder"), problems.get(0));
    }

    @Test
    void foldersAreComparedWhereTheyReallyPoint() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path link = Files.createSymbolicLink(tmp.resolve("work-link"), out);
        // The work area given through a link to the output folder is the output folder.
        List<String> same = FolderRules.problems(null, out, link.resolve("audit"));
        assertEquals(1, same.size(), same.toString());
        assertTrue(same.get(0).startsWith("work: the secure working area must not be inside the output folder"), same.get(0));
        // An output folder that is a link to /etc is /etc.
        Path etc = Files.createSymbolicLink(tmp.resolve("pkg"), Path.of("/etc"));
        List<String> sys = FolderRules.problems(null, etc.resolve("x"), tmp.resolve("work"));
        assertEquals(1, sys.size(), sys.toString());
        assertTrue(sys.get(0).contains("(that is /etc/x) is a system folder"), sys.get(0));
    }
}
