package nl.samenloop.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * CSV records as the usual quoting rules make them (RFC 4180, as Spark's parser reads them): a field that
 * starts with {@code "} runs to the next lone {@code "}, a doubled {@code ""} inside it is a quote, and
 * a separator or line break inside it belongs to the field. So a quoted field may span lines: the record
 * is then several lines long, and its row number is the line it starts on (the header is line 0, as for
 * single-line records; the row after it keeps its own line number).
 *
 * <p>Every record also carries its shape: null when it has as many fields as the header, else the reason
 * it is rejected with ({@link Reason#WRONG_FIELD_COUNT}) — a field too many would otherwise be dropped
 * silently, and a field too few would shift nothing but leave the last columns empty.
 */
final class CsvRecords {
    private CsvRecords() {
    }

    /** Null when {@code record} has {@code expected} fields, else "7 fields where the header has 6". */
    static String shape(String record, char sep, int expected) {
        int n = fieldCount(record, sep);
        return n == expected ? null : n + (n == 1 ? " field" : " fields") + " where the header has " + expected;
    }

    /** Fields in one record, separators inside quoted fields not counted. */
    static int fieldCount(String record, char sep) {
        int fields = 1;
        boolean fieldStart = true;
        boolean quoted = false;
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < record.length() && record.charAt(i + 1) == '"') {
                        i++;
                    } else {
                        quoted = false;
                    }
                }
            } else if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
            } else if (c == sep) {
                fields++;
                fieldStart = true;
            } else {
                fieldStart = false;
            }
        }
        return fields;
    }

    /**
     * The records of a whole file, for a file with quoted line breaks (read in one task: a record may cross
     * any split boundary). Rows of (record text, row number, shape); the header and blank records skipped.
     * Line ends are those of Hadoop's line reader (LF, CRLF or a lone CR); inside a quoted field they are kept
     * as written.
     */
    static Iterator<Row> records(InputStream in, Charset cs, char sep, int expected, String path) {
        Chars r = new Chars(new InputStreamReader(in, cs));
        return new Iterator<>() {
            private long line; // line number the next record starts on
            private Row next;
            private boolean done;
            private final StringBuilder b = new StringBuilder();

            @Override
            public boolean hasNext() {
                while (next == null && !done) {
                    next = read();
                }
                return next != null;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row out = next;
                next = null;
                return out;
            }

            /** One record, or null for the header, a blank line, or the end of the file. */
            private Row read() {
                b.setLength(0);
                long start = line;
                boolean quoted = false;
                boolean fieldStart = true;
                boolean any = false;
                try {
                    while (true) {
                        int c = r.next();
                        if (c < 0) {
                            done = true;
                            r.close();
                            if (quoted) {
                                throw new IngestException(path + ": row " + start + ": a quoted field is not closed before"
                                        + " the end of the file");
                            }
                            break;
                        }
                        any = true;
                        if (c == '\r' || c == '\n') {
                            if (c == '\r' && r.peek() == '\n') {
                                r.next();
                                if (quoted) {
                                    b.append('\r');
                                    c = '\n';
                                }
                            }
                            line++;
                            if (!quoted) {
                                break;
                            }
                            b.append((char) c);
                            continue;
                        }
                        b.append((char) c);
                        if (quoted) {
                            if (c == '"') {
                                if (r.peek() == '"') {
                                    r.next();
                                    b.append('"');
                                } else {
                                    quoted = false;
                                }
                            }
                        } else if (c == '"' && fieldStart) {
                            quoted = true;
                            fieldStart = false;
                        } else {
                            fieldStart = c == sep;
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (!any || start == 0) {
                    return null;
                }
                String text = b.toString();
                if (text.isBlank()) {
                    return null;
                }
                return RowFactory.create(text, start, shape(text, sep, expected));
            }
        };
    }

    /** The characters of a reader through a buffer of its own (no lock and no call per character), with one of lookahead. */
    private static final class Chars {
        private final Reader in;
        private final char[] buf = new char[1 << 16];
        private int pos;
        private int len;

        Chars(Reader in) {
            this.in = in;
        }

        /** The next character, or -1 at the end. */
        int next() throws IOException {
            if (pos == len && !fill()) {
                return -1;
            }
            return buf[pos++];
        }

        /** The character {@link #next} would return, without consuming it. */
        int peek() throws IOException {
            if (pos == len && !fill()) {
                return -1;
            }
            return buf[pos];
        }

        private boolean fill() throws IOException {
            int n;
            do {
                n = in.read(buf, 0, buf.length);
            } while (n == 0);
            if (n < 0) {
                return false;
            }
            pos = 0;
            len = n;
            return true;
        }

        void close() throws IOException {
            in.close();
        }
    }
}
