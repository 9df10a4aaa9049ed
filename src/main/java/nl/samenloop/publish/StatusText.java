package nl.samenloop.publish;

import java.util.LinkedHashMap;
import java.util.Map;
import nl.samenloop.disclosure.Status;

/** Dutch explanations of the status codes of spec disclosure.md, for the notes sheet and the output check. */
final class StatusText {
    private StatusText() {
    }

    static final String SOURCE_LINE = "Bron: CBS microdata, bewerking Samenloop";
    static final String DOT_LEGEND = "Verklaring van tekens: . = geheim of niet waarneembaar (zie Toelichting)";

    static final Map<Status, String> DUTCH = dutch();

    private static Map<Status, String> dutch() {
        Map<Status, String> m = new LinkedHashMap<>();
        m.put(Status.SAFE, "Veilig: het getal wordt getoond.");
        m.put(Status.PRIMARY, "Primair geheim: te weinig personen achter het getal (onder de drempel, of nul); getoond als '.'.");
        m.put(Status.SECONDARY, "Secundair geheim: weggelaten zodat een ander geheim getal niet door optellen of aftrekken "
                + "te herleiden is; getoond als '.'.");
        m.put(Status.DERIVED, "Afgeleid geheim: een percentage of verhouding waarvan de teller of noemer geheim is; getoond als '.'.");
        m.put(Status.ROUNDED, "Afgerond: het getal is na de geheimhouding afgerond (zie de regels).");
        m.put(Status.NOT_OBSERVABLE, "Niet waarneembaar: de volgperiode loopt voorbij de datahorizon; getoond als '.'.");
        m.put(Status.EMPTY, "Leeg: deze combinatie kan niet voorkomen; getoond als '.'.");
        return java.util.Collections.unmodifiableMap(m);
    }
}
