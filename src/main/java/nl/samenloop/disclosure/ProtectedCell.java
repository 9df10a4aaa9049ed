package nl.samenloop.disclosure;

import nl.samenloop.indicators.Cell;

/**
 * A cell as it may be published: numerator, denominator and value are null when they may not be shown.
 * {@code status} is the row's status (the worst of its counts: a suppressed numerator gives its own
 * PRIMARY/SECONDARY, a shown numerator over a suppressed denominator or extra count gives DERIVED).
 */
public record ProtectedCell(Cell cell, Status status, String rule, Long numerator, Long denominator, Double value) {
}
