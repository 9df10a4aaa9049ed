package nl.samenloop.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import nl.samenloop.storage.Location;
import nl.samenloop.storage.Storage;

/**
 * Where each split of a text file starts counting lines, so that every line read through Hadoop's line
 * reader gets its line number in the file without a Spark job that counts the lines of every split first
 * ({@code zipWithIndex} does that: a second full read of every file). One sequential scan of the file on the
 * driver, like the encoding check of {@link CsvDialect} (through Hadoop's {@code FileSystem.open} when the file is
 * on HDFS or S3).
 *
 * <p>Hadoop's {@code LineRecordReader} ends a line at LF, CRLF or a lone CR; a split that does not start at
 * offset 0 skips everything up to and including the first line end at or after its start (the previous
 * split reads that line). So the first line a split returns is the first line start after the split's
 * start offset, and its number is the number of line starts before it. The reader side checks that the
 * first offset it gets is the one found here, so a mismatch fails loudly instead of misnumbering rows.
 */
final class LineIndex {
    private LineIndex() {
    }

    /**
     * For each split start offset: {offset of the first line the split returns, that line's 0-based number in
     * the file}. Offset 0 maps to {0, 0}. A split with no line start after its start (it returns no line) is
     * absent from the map.
     */
    static Map<Long, long[]> firstLines(Path file, long[] splitStarts) {
        return scan(Location.local(file), splitStarts, (char) 0).firstLines();
    }

    /**
     * @param firstLines          as {@link #firstLines}
     * @param quotedLineBreakLine the line on which the first record with a line break inside a quoted field
     *                            starts, or -1: such a file cannot be read line by line ({@link CsvRecords})
     */
    record Index(Map<Long, long[]> firstLines, long quotedLineBreakLine) {
    }

    /**
     * {@link #firstLines} and, when {@code sep} is a separator (not 0), whether any quoted field holds a line
     * break — found in the same pass, which then runs to the end of the file. The quoting rules are those of
     * {@link CsvRecords}; '"', ',', ';', CR and LF are the same bytes in UTF-8 and Windows-1252.
     */
    static Index scan(Location file, long[] splitStarts, char sep) {
        long[] starts = splitStarts.clone();
        Arrays.sort(starts);
        Map<Long, long[]> out = new HashMap<>();
        int next = 0;
        while (next < starts.length && starts[next] == 0) {
            out.put(0L, new long[] {0, 0});
            next++;
        }
        boolean quotes = sep != 0;
        if (next == starts.length && !quotes) {
            return new Index(out, -1);
        }
        long lines = 1; // line starts seen so far, the one at offset 0 included = number of the next one
        long pos = 0;
        boolean pendingCr = false;
        // Quote state: at the start of a field, inside a quoted field, just after a '"' inside one.
        boolean fieldStart = true;
        boolean inQuotes = false;
        boolean quoteSeen = false;
        long recordLine = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Storage.open(file)) {
            int n;
            while ((n = in.read(buf)) > 0 && (next < starts.length || quotes)) {
                for (int i = 0; i < n; i++, pos++) {
                    byte b = buf[i];
                    long lineStart = -1;
                    if (pendingCr) {
                        pendingCr = false;
                        if (b != '\n') {
                            lineStart = pos; // a lone CR ended the line before this byte
                        }
                    }
                    if (lineStart >= 0) {
                        next = assign(starts, next, lineStart, lines++, out);
                    }
                    if (b == '\n') {
                        next = assign(starts, next, pos + 1, lines++, out);
                    } else if (b == '\r') {
                        pendingCr = true;
                    }
                    if (!quotes) {
                        continue;
                    }
                    if (inQuotes) {
                        if (quoteSeen) {
                            quoteSeen = false;
                            if (b == '"') {
                                continue; // "" inside a quoted field
                            }
                            inQuotes = false; // the '"' closed it; b is read as outside
                        } else if (b == '"') {
                            quoteSeen = true;
                            continue;
                        } else if (b == '\n' || b == '\r') {
                            return new Index(out, recordLine);
                        } else {
                            continue;
                        }
                    }
                    if (b == '"' && fieldStart) {
                        inQuotes = true;
                        fieldStart = false;
                    } else if (b == '\n' || b == '\r') {
                        fieldStart = true;
                        recordLine = lines - 1 + (b == '\r' ? 1 : 0);
                    } else {
                        fieldStart = b == sep;
                    }
                }
            }
        } catch (IOException e) {
            throw new IngestException(file + ": unreadable file (" + e.getClass().getSimpleName() + ")");
        }
        return new Index(out, -1);
    }

    /** Line {@code number} starts at {@code lineStart}: the first line of the splits starting before it. */
    private static int assign(long[] starts, int next, long lineStart, long number, Map<Long, long[]> out) {
        while (next < starts.length && starts[next] < lineStart) {
            out.put(starts[next], new long[] {lineStart, number});
            next++;
        }
        return next;
    }
}
