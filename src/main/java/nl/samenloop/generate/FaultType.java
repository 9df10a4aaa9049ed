package nl.samenloop.generate;

/**
 * Faults the generator can inject into care records (spec data-layout.md "Bad input"). One record gets at
 * most one fault. All but NOT_LINKABLE make ingest reject the record; NOT_LINKABLE records are kept and
 * counted as not linkable.
 */
public enum FaultType {
    /** Begin or end date with month 13 or 30 February. */
    IMPOSSIBLE_DATE,
    /** End date before the begin date. */
    END_BEFORE_BEGIN,
    /** A hulpvorm or maatregel code outside the code list. */
    UNKNOWN_CODE,
    /** The record written twice in the same file: the count is the number of extra copies. */
    DUPLICATE,
    /** Empty RINPERSOON. */
    MISSING_KEY,
    /** RINPERSOONS other than 'R'. */
    NOT_LINKABLE
}
