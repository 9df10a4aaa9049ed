package nl.samenloop.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class ComponentsTest {
    @Test
    void resultsComeBackInTheOrderOfThePiecesOnSeveralThreads() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Integer> got = Components.solve(200, 3, i -> i % 7, i -> {
            threads.add(Thread.currentThread().getName());
            busy(i % 7);
            return i * i;
        });
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            expected.add(i * i);
        }
        assertEquals(expected, got);
        assertTrue(threads.size() >= 2, "more than one thread worked: " + threads);
    }

    @Test
    void theLargestPieceStartsFirst() {
        List<Integer> started = Collections.synchronizedList(new ArrayList<>());
        Components.solve(5, 1, i -> i, i -> started.add(i)); // one thread: in order
        assertEquals(List.of(0, 1, 2, 3, 4), started);
        started.clear();
        Components.solve(5, 2, i -> i == 3 ? 100 : 1, i -> started.add(i));
        // Two threads take the first two pieces of the order at once; the largest is one of them.
        assertTrue(started.subList(0, 2).contains(3), "started " + started);
    }

    @Test
    void aFailureInAnyPieceReachesTheCaller() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Components.solve(50, 2, i -> 1, i -> {
            if (i == 37) {
                throw new IllegalStateException("piece 37");
            }
            return i;
        }));
        assertEquals("piece 37", e.getMessage());
    }

    private static void busy(int ms) {
        long end = System.nanoTime() + ms * 200_000L;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
