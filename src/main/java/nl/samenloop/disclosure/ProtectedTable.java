package nl.samenloop.disclosure;

import java.util.List;
import java.util.Map;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.CountRef;

/** A table after disclosure control: the released rows and the decision for every count. */
public record ProtectedTable(CellTable source, List<ProtectedCell> rows, Map<CountRef, Decision> decisions) {
    public ProtectedTable {
        rows = List.copyOf(rows);
        decisions = Map.copyOf(decisions);
    }
}
