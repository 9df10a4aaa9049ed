package nl.samenloop.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

/** One-line parts of a failure that came out of a Spark task, wrapped as Spark wraps it. */
class FailuresTest {
    /** As Spark reports a task that failed: stage failure → task failure → the cause. */
    private static Exception fromTask(Throwable cause) {
        return new SparkException("Job aborted due to stage failure: Task 0 in stage 3.0 failed 1 times, most recent"
                + " failure: Lost task 0.0 in stage 3.0 (TID 7) (127.0.0.1 executor driver): " + cause + "\nDriver stacktrace:",
                new SparkException("Task failed while writing rows to file:/w/.ingest-next/staging/JGDHULPBUS.", cause));
    }

    @Test
    void aFullDiskIsNamedAsSuch() {
        Exception e = fromTask(new IOException("No space left on device"));
        assertTrue(Failures.noSpace(e));
        assertEquals("no space left on device", Failures.rootCause(e));
        assertTrue(Failures.noSpace(new IOException("write failed", new IOException("Disk quota exceeded"))));
    }

    @Test
    void theFileSparkWasReadingIsTakenFromItsMessage() {
        Exception e = new SparkException("[FAILED_READ_FILE.NO_HINT] Encountered error while reading file"
                + " file:///in/VSLGWBTAB/part-00000-1a2b.c000.parquet.  SQLSTATE: KD001",
                new ArrayIndexOutOfBoundsException("arraycopy: length -1 is negative"));
        assertEquals("/in/VSLGWBTAB/part-00000-1a2b.c000.parquet", Failures.fileBeingRead(fromTask(e)));
        assertEquals("ArrayIndexOutOfBoundsException: arraycopy: length -1 is negative", Failures.rootCause(e));
        assertNull(Failures.fileBeingRead(fromTask(new IOException("x"))));
    }

    @Test
    void whatCouldBeARecordValueIsMaskedAndTheLineKeptShort() {
        // A parse error quoting a value: the person key and the date must not reach the user.
        Exception e = fromTask(new NumberFormatException("For input string: \"123456789\" at 20190230\nnext line"));
        assertEquals("NumberFormatException: For input string: '…' at … next line", Failures.rootCause(e));
        String longMessage = Failures.rootCause(new IllegalStateException("x".repeat(500)));
        assertEquals("IllegalStateException: ".length() + 160 + 1, longMessage.length());
    }
}
