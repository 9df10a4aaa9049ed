package nl.samenloop.ingest;

/**
 * Why a record was rejected. The declaration order is the fixed checking order: a record gets the FIRST
 * reason it fails (spec data-layout.md "Bad input").
 */
public enum Reason {
    /**
     * A CSV record with more or fewer fields than the header: its values cannot be matched to columns (an extra
     * one would be dropped, a missing one read as empty), so none of them is trusted. First: nothing else about
     * such a record means anything.
     */
    WRONG_FIELD_COUNT,
    /** RINPERSOON empty or not 9 digits (or, for VSLGWBTAB, an empty object key). */
    MISSING_KEY,
    /** RINPERSOONS is not 'R'. A rejection only for the GBA tables; JGD records are kept as not linkable. */
    NOT_LINKABLE,
    /** An unparseable or impossible date (month 13, 2019-02-30), or an empty begin date. */
    BAD_DATE,
    END_BEFORE_BEGIN,
    /** A code not in the code lists of {@link nl.samenloop.model.Codes}. */
    UNKNOWN_CODE,
    /** An exact duplicate of an earlier record in the same file; the first is kept. */
    DUPLICATE
}
