package nl.samenloop.ingest;

/**
 * A fatal input problem (spec data-layout.md "Bad input": missing files, missing required columns or an
 * unreadable file stop the run). The message is one line naming the file and the column; it never holds
 * record values. Unchecked so it can travel out of Spark tasks (the cause chain is kept in local mode).
 */
public final class IngestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IngestException(String message) {
        super(message);
    }

    public IngestException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The first IngestException in a cause chain (Spark wraps task failures), or null. */
    static IngestException find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IngestException ie) {
                return ie;
            }
        }
        return null;
    }
}
