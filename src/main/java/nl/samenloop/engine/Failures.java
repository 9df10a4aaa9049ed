package nl.samenloop.engine;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkThrowable;

/**
 * Turns an exception — typically one that came out of a Spark task, wrapped three or four times — into
 * the parts of a one-line message: the file being read, the root cause, and whether the disk is full.
 * Messages of causes are made safe to print: they are cut to one short line, and quoted text and long
 * digit runs (where a record value such as a RINPERSOON or a date could appear) are masked.
 */
public final class Failures {
    private static final Pattern READING = Pattern.compile("(?i)error while reading file (\\S+?)\\.?(?:\\s|$)");
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");
    private static final Pattern LONG_NUMBER = Pattern.compile("\\d{6,}");
    private static final int MAX = 160;

    private Failures() {
    }

    /** The innermost cause (guarded against cause cycles). */
    public static Throwable root(Throwable t) {
        Throwable r = t;
        for (int i = 0; i < 50 && r.getCause() != null && r.getCause() != r; i++) {
            r = r.getCause();
        }
        return r;
    }

    /** True when some cause says the file system is full ("No space left on device", ENOSPC, or a quota). */
    public static boolean noSpace(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("ENOSPC") || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The file a Spark task failed on, from Spark's FAILED_READ_FILE error (or its message text), or null:
     * a data page that does not decode is reported against the part file, not the table folder.
     */
    public static String fileBeingRead(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SparkThrowable st) {
                Map<String, String> p = st.getMessageParameters();
                String path = p == null ? null : p.get("path");
                if (path != null && !path.isBlank()) {
                    return unquote(path);
                }
            }
            String m = c.getMessage();
            if (m != null) {
                Matcher x = READING.matcher(m);
                if (x.find()) {
                    return unquote(x.group(1));
                }
            }
        }
        return null;
    }

    /** "no space left on device" or "ExceptionClass: masked message" of the root cause, on one short line. */
    public static String rootCause(Throwable t) {
        if (noSpace(t)) {
            return "no space left on device";
        }
        Throwable r = root(t);
        String m = r.getMessage();
        String name = r.getClass().getSimpleName();
        if (m == null || m.isBlank()) {
            return name;
        }
        return name + ": " + safe(m);
    }

    /** A cause's message made printable: one line, quoted text and long numbers masked, cut short. */
    public static String safe(String message) {
        String s = message.replace('\r', ' ').replace('\n', ' ').replace('\t', ' ').strip();
        s = QUOTED.matcher(s).replaceAll("'…'");
        s = LONG_NUMBER.matcher(s).replaceAll("…");
        return s.length() > MAX ? s.substring(0, MAX) + "…" : s;
    }

    private static String unquote(String p) {
        String s = p.strip();
        if (s.length() > 1 && (s.startsWith("`") && s.endsWith("`") || s.startsWith("'") && s.endsWith("'")
                || s.startsWith("\"") && s.endsWith("\""))) {
            s = s.substring(1, s.length() - 1);
        }
        return s.startsWith("file://") ? s.substring("file://".length()) : s.startsWith("file:") ? s.substring("file:".length()) : s;
    }
}
