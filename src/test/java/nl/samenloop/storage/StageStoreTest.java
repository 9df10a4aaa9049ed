package nl.samenloop.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stage output is whole or absent at its name, its marker reads back as written, and leftovers go. */
class StageStoreTest {
    @TempDir
    Path tmp;

    @Test
    void commitReplacesTheOutputWithItsMarkerAndLeavesNothingBeside() throws Exception {
        Path target = tmp.resolve("cells").resolve("job");
        Path first = StageStore.begin(target);
        Files.writeString(first.resolve("a.tsv"), "one\n");
        assertEquals(Optional.empty(), StageStore.marker(target), "nothing at the name before the commit");
        Map<String, String> m = new LinkedHashMap<>();
        m.put("stage", "indicators");
        m.put("failed.0", "t: IllegalStateException: two\nlines \\ and a backslash");
        StageStore.commit(first, target, m);
        assertEquals(m, StageStore.marker(target).orElseThrow());
        assertEquals("one\n", Files.readString(target.resolve("a.tsv")));

        Path second = StageStore.begin(target);
        Files.writeString(second.resolve("b.tsv"), "two\n");
        StageStore.commit(second, target, Map.of("stage", "indicators"));
        assertFalse(Files.exists(target.resolve("a.tsv")), "the previous output is replaced as a whole");
        assertEquals("two\n", Files.readString(target.resolve("b.tsv")));
        try (Stream<Path> s = Files.list(target.getParent())) {
            assertEquals(List.of("job"), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void beginRemovesWhatAStoppedRunLeftAndAFolderWithoutMarkerIsNoOutput() throws Exception {
        Path target = tmp.resolve("protected").resolve("job");
        Path stopped = StageStore.begin(target);
        Files.writeString(stopped.resolve("decisions.tsv"), "half");
        Files.createDirectories(target);
        Files.writeString(target.resolve("decisions.tsv"), "no marker: a copy, or an older layout");
        assertEquals(Optional.empty(), StageStore.marker(target));
        Path again = StageStore.begin(target);
        assertEquals(stopped, again);
        try (Stream<Path> s = Files.list(again)) {
            assertEquals(0, s.count(), "the stopped run's half output is gone");
        }
    }

    @Test
    void theContentDigestSeesEveryByteButNotTheMarker() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("d"));
        Files.writeString(dir.resolve("x.tsv"), "1\t2\n");
        String before = StageStore.contentDigest(dir).orElseThrow();
        Files.writeString(dir.resolve(StageStore.MARKER), "computed: now\n");
        assertEquals(before, StageStore.contentDigest(dir).orElseThrow());
        Files.writeString(dir.resolve("x.tsv"), "1\t3\n");
        assertNotEquals(before, StageStore.contentDigest(dir).orElseThrow());
        assertTrue(StageStore.contentDigest(tmp.resolve("absent")).isEmpty());
    }
}
