package nl.samenloop.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * Columns of one output table (spec data-layout.md "Tables"). A column is either NUMBER (dates
 * {@code YYYYMMDD} and numeric codes: written as text in CSV, INT32 in Parquet, F8.0 in SPSS, as CBS
 * delivers them) or STRING of a fixed width (keys, codes that need their leading zero, '----').
 */
record TableSchema(String table, List<Column> columns) {

    enum Type { NUMBER, STRING }

    record Column(String name, Type type, int width) {
    }

    TableSchema {
        columns = List.copyOf(columns);
    }

    int size() {
        return columns.size();
    }

    static Column num(String name) {
        return new Column(name, Type.NUMBER, 8);
    }

    static Column str(String name, int width) {
        return new Column(name, Type.STRING, width);
    }

    static final TableSchema JGDHULPBUS = new TableSchema("JGDHULPBUS", List.of(
            str("RINPERSOONS", 1), str("RINPERSOON", 9), num("JGDHHULPVORM"), num("JGDHGELDIGHEIDBEGINDATUM"),
            num("JGDHGELDIGHEIDEINDDATUM"), num("JGDHVERWIJZER"), num("JGDHPERSPECTIEF"), num("JGDHREDENBEEINDIGING"),
            str("JGDHAANBIEDER", 8), str("JGDHGEMEENTE", 4)));

    static final TableSchema JGDBESCHERMBUS = new TableSchema("JGDBESCHERMBUS", List.of(
            str("RINPERSOONS", 1), str("RINPERSOON", 9), num("JGDBMAATREGEL"), num("JGDBGELDIGHEIDBEGINDATUM"),
            num("JGDBGELDIGHEIDEINDDATUM")));

    static final TableSchema JGDRECLASSERINGBUS = new TableSchema("JGDRECLASSERINGBUS", List.of(
            str("RINPERSOONS", 1), str("RINPERSOON", 9), num("JGDRMAATREGEL"), num("JGDRGELDIGHEIDBEGINDATUM"),
            num("JGDRGELDIGHEIDEINDDATUM")));

    static final TableSchema GBAPERSOONTAB = new TableSchema("GBAPERSOONTAB", List.of(
            str("RINPERSOONS", 1), str("RINPERSOON", 9), num("GBAGESLACHT"), str("GBAGEBOORTEJAAR", 4),
            str("GBAGEBOORTEMAAND", 2), str("GBAGEBOORTEDAG", 2)));

    static final TableSchema GBAADRESOBJECTBUS = new TableSchema("GBAADRESOBJECTBUS", List.of(
            str("RINPERSOONS", 1), str("RINPERSOON", 9), num("GBADATUMAANVANGADRESHOUDING"),
            num("GBADATUMEINDEADRESHOUDING"), str("SOORTOBJECTNUMMER", 3), str("RINOBJECTNUMMER", 9)));

    static TableSchema vslgwbtab(int fromYear, int toYear) {
        List<Column> c = new ArrayList<>(List.of(str("SOORTOBJECTNUMMER", 3), str("RINOBJECTNUMMER", 9)));
        for (int y = fromYear; y <= toYear; y++) {
            c.add(str("GEM" + y, 4));
        }
        return new TableSchema("VSLGWBTAB", c);
    }
}
