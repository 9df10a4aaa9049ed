package nl.samenloop.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import nl.samenloop.storage.Location;
import nl.samenloop.storage.Storage;

/**
 * Ingest writes a new generation of the staged datasets and rejects in {@code <work>/.ingest-next/} and
 * switches to it only when every table was read, classified, written and reconciled: a failed ingest
 * leaves {@code staging/} and {@code rejects/} as the last successful ingest made them, never a mix of
 * new and old tables. The switch renames each folder in one step (rejects first, staging last: link
 * reads staging); the staged data is only reused by a later run when {@code IngestCache} wrote its
 * fingerprint after the switch, so even a run stopped between two renames is never mistaken for a
 * finished ingest. The caller holds the working area's lock.
 */
final class StagingGeneration {
    static final String NEXT = ".ingest-next";
    /** Switched in this order; the folder names are those of {@link Staging}. */
    private static final List<String> FOLDERS = List.of("rejects", "staging");

    private StagingGeneration() {
    }

    /** A new, empty generation folder; what an earlier, stopped ingest left there is removed. */
    static Location begin(Location work) {
        Location next = work.resolve(NEXT);
        try {
            Storage.deleteTree(next);
            Storage.createFolders(next);
        } catch (IOException e) {
            throw new IngestException(next + ": cannot prepare the new staging generation (" + e.getMessage() + ")");
        }
        return next;
    }

    /** Makes {@code next} the working area's staging and rejects; the previous ones are removed. */
    static void switchTo(Location next, Location work) {
        try {
            for (String name : FOLDERS) {
                Location current = work.resolve(name);
                Location fresh = next.resolve(name);
                Location old = work.resolve("." + name + "-old");
                Storage.deleteTree(old);
                if (Storage.exists(current)) {
                    Storage.rename(current, old);
                }
                if (Storage.exists(fresh)) {
                    Storage.rename(fresh, current);
                } else {
                    Storage.createFolders(current);
                }
                Storage.deleteTree(old);
            }
            Storage.deleteTree(next);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot switch to the new staging generation in " + work, e);
        }
    }

    /** Removes a generation that is not switched in (best effort: the next ingest removes it anyway). */
    static void discard(Location next) {
        try {
            Storage.deleteTree(next);
        } catch (IOException | RuntimeException e) {
            // Left for the next ingest's begin().
        }
    }
}
