package nl.samenloop.disclosure;

/** Cell status codes of spec disclosure.md, in every machine-readable table. */
public enum Status {
    SAFE, PRIMARY, SECONDARY, DERIVED, ROUNDED, NOT_OBSERVABLE, EMPTY;

    /** Whether a cell with this status shows its value. */
    public boolean shown() {
        return this == SAFE || this == ROUNDED;
    }
}
