package nl.samenloop.indicators;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import nl.samenloop.engine.Joins;
import nl.samenloop.link.Geography;
import nl.samenloop.link.LinkedData;
import nl.samenloop.model.Codes;
import nl.samenloop.model.GeoLevel;
import nl.samenloop.model.Period;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * I6 — group comparison (spec indicators.md I6): the pooled rate of one I2/I3/I4 measure per named group of
 * municipalities over a span of periods, and the difference between the groups in percentage points.
 *
 * <p>Groups are listed in the job ({@code groups: {name: [GM codes]}}) or derived: the municipalities whose
 * pooled I2 share of {@code derive} over the span is at least {@code min_share}% against all other
 * municipalities. Spans are the job's pools, or all periods when there are none (then also derived per span).
 *
 * <p>Counts are person-period sums over the span, as every pooled I2–I4 figure (spec I3: "sum of numerators
 * over sum of bases"); contributors are the distinct persons of the group over the whole span, counted in
 * Spark, never added up from municipalities (a person who moved within a group counts once).
 */
public final class GroupComparison implements Indicator {
    static final String DIFFERENCE_SUFFIX = "_VERSCHIL_PUNTEN";
    static final String AT_LEAST = "at_least";
    static final String REST = "rest";
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_\\-]{0,39}");
    private static final Pattern GEO_CODE = Pattern.compile("(?i)(GM\\d{4}|GM----|JZ\\d{2}|NL01)");

    /** What a measure counts: facts source, numerator column, denominator column. */
    record Measure(String source, String numerator, String denominator) {
    }

    /** One named group of municipalities, within one span. */
    record Group(String code, String name, List<String> members) {
    }

    @Override
    public String name() {
        return "group_comparison";
    }

    @Override
    public String code() {
        return "I6";
    }

    @Override
    public String title() {
        return "Vergelijking van groepen gemeenten";
    }

    @Override
    public Map<String, Option> options() {
        Map<String, Option> m = new LinkedHashMap<>();
        m.put("measure", Option.choice("measure", measures(), "care_share:WIJKTEAM",
                "the I2/I3/I4 measure compared, as indicator:measure"));
        m.put("groups", Option.map("groups", Map.of(),
                "named groups of municipalities, e.g. {rijnmond: [GM0599, GM0606]}; empty: derive them"));
        m.put("derive", Option.choice("derive", Codes.GROUPS.keySet().stream().map(g -> "care_share:" + g).toList(),
                "care_share:WIJKTEAM", "without listed groups: the I2 share that splits municipalities in two"));
        m.put("min_share", Option.number("min_share", 1.0,
                "derived groups: municipalities whose pooled share over the span is at least this % against the rest")
                .within(0, 100));
        m.put("concurrency", Option.choice("concurrency", List.of("period", "overlap"), "period", "as I3 concurrency"));
        m.put("other_kinds", Option.list("other_kinds", Concurrency.otherKindNames(), Concurrency.otherKindNames(),
                "as I3/I4 other_kinds"));
        m.put("new_wijkteam_counts", Option.bool("new_wijkteam_counts", false, "as I4 new_wijkteam_counts"));
        return m;
    }

    /** Every measure a job may compare: I2 groups, I3 and I4 outcomes. */
    static List<String> measures() {
        List<String> out = new ArrayList<>();
        Codes.GROUPS.keySet().forEach(g -> out.add("care_share:" + g));
        out.add("concurrency:" + Concurrency.ONLY);
        Codes.DEFAULT_OTHER_KINDS.forEach(k -> out.add("concurrency:" + Concurrency.with(k)));
        out.add("concurrency:" + Concurrency.ANY);
        out.add("followup:" + FollowUp.NONE);
        out.add("followup:" + FollowUp.ANY);
        Codes.DEFAULT_OTHER_KINDS.forEach(k -> out.add("followup:" + FollowUp.with(k)));
        return out;
    }

    static Measure measure(String key) {
        String[] p = key.split(":", 2);
        if (p.length != 2) {
            throw new IllegalArgumentException("measure '" + key + "': expected indicator:measure, e.g. care_share:WIJKTEAM");
        }
        return switch (p[0]) {
            case "care_share" -> new Measure(p[0], p[1], CareShare.POPULATION);
            case "concurrency" -> new Measure(p[0], p[1], Concurrency.BASE);
            case "followup" -> new Measure(p[0], p[1], FollowUp.COHORT);
            default -> throw new IllegalArgumentException("measure '" + key + "': indicator must be care_share, concurrency or followup");
        };
    }

    /** Person-level facts person, p, gm, num, den of the measure, from the indicator's own public facts. */
    static Dataset<Row> facts(LinkedData data, TableRequest request, Measure m) {
        List<Codes.Kind> others = CareFacts.kinds(request.list("other_kinds"));
        Dataset<Row> f = switch (m.source()) {
            case "care_share" -> CareShare.facts(data, List.of(m.numerator()));
            case "concurrency" -> Concurrency.facts(data, request.string("concurrency"), others);
            default -> FollowUp.facts(data, others, request.bool("new_wijkteam_counts"));
        };
        if (!List.of(f.columns()).contains(m.numerator())) {
            throw new IllegalArgumentException("measure " + m.source() + ":" + m.numerator()
                    + " is not computed with other_kinds " + request.list("other_kinds"));
        }
        return f.select(col("person"), col("p"), col("gm"), col(m.numerator()).cast("long").as("num"),
                col(m.denominator()).cast("long").as("den"));
    }

    /** The spans compared: the job's pools, or one span of all periods. */
    static List<Pool> spans(LinkedData data, TableRequest request) {
        if (!request.pools().isEmpty()) {
            return request.pools();
        }
        List<Period> ps = data.index().periods();
        return List.of(new Pool(ps.get(0).code() + "-" + ps.get(ps.size() - 1).code(), ps.stream().map(Period::index).toList()));
    }

    @Override
    public CellTable compute(LinkedData data, TableRequest request) {
        Measure m = measure(request.string("measure"));
        List<Pool> spans = spans(data, request);
        Map<String, List<Group>> groupsBySpan = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        Map<String, List<String>> listed = groupsOption(request);
        if (!listed.isEmpty()) {
            List<Group> groups = listedGroups(listed, data.geography());
            spans.forEach(s -> groupsBySpan.put(s.code(), groups));
            for (Group g : groups) {
                notes.put("Groep " + g.code(), memberNames(g, data.geography()));
            }
        } else {
            derivedGroups(data, request, spans, groupsBySpan, notes);
        }

        Dataset<Row> counts = groupCounts(facts(data, request, m), groupsBySpan, spans, data.population().sparkSession());
        Map<CountRef, Count> byRef = new LinkedHashMap<>();
        for (Row r : counts.collectAsList()) {
            String span = r.getString(0);
            String group = r.getString(1);
            byRef.put(new CountRef(m.numerator(), group, span), new Count(m.numerator(), r.getLong(2), r.getLong(3)));
            byRef.put(new CountRef(m.denominator(), group, span), new Count(m.denominator(), r.getLong(4), r.getLong(5)));
        }

        List<Cell> cells = new ArrayList<>();
        List<Relation> relations = new ArrayList<>();
        for (Pool span : spans) {
            List<Group> groups = groupsBySpan.get(span.code());
            Group reference = groups.get(groups.size() - 1);
            Count refNum = get(byRef, m.numerator(), reference.code(), span.code());
            Count refDen = get(byRef, m.denominator(), reference.code(), span.code());
            for (Group g : groups) {
                Count num = get(byRef, m.numerator(), g.code(), span.code());
                Count den = get(byRef, m.denominator(), g.code(), span.code());
                Cell rate = Cell.share(m.numerator(), GeoLevel.GROUP, g.code(), g.name(), span.code(), num, den, true);
                cells.add(rate);
                // The only relation a reader knows within this table: a numerator never exceeds its
                // denominator. Groups are disjoint (checked for listed groups, true by construction for derived
                // ones), so no group is the sum of others here. Their sum does equal counts of other tables (the
                // Netherlands minus "unknown" for a derived split, municipal I2 rows for any group): such
                // differencing across tables is what the differencing rule checks against the release register, not a relation of this table.
                relations.add(Relation.atMost(new CountRef(m.denominator(), g.code(), span.code()),
                        new CountRef(m.numerator(), g.code(), span.code())));
                if (g != reference) {
                    cells.add(difference(m, g, span.code(), rate, refNum, refDen, reference));
                }
            }
        }
        notes.put("Definitie", "Gepoolde waarde per groep over de periode: som van de tellers (" + m.numerator()
                + ") gedeeld door som van de noemers (" + m.denominator() + ") over alle perioden, × 100; "
                + "personen: verschillende personen in de groep over de hele periode.");
        notes.put("Verschil", m.numerator() + DIFFERENCE_SUFFIX + ": waarde van de groep min de waarde van de laatste groep ("
                + spans.stream().map(s -> groupsBySpan.get(s.code())).map(gs -> gs.get(gs.size() - 1).name()).distinct()
                        .reduce((a, b) -> a + ", " + b).orElse("") + "), in procentpunten.");
        notes.put("Onbekend", "Personen zonder bekende woongemeente (onbekend) horen bij geen enkele groep.");
        // Identity beyond this table: a group is the set of its members; its counts are the underlying I2/I3/I4
        // counts pooled over the span — the same numbers as those indicators' pooled municipal counts add up to.
        Map<String, List<String>> sets = new LinkedHashMap<>();
        for (Pool span : spans) {
            for (Group g : groupsBySpan.get(span.code())) {
                sets.put(g.code() + "@" + span.code(), new java.util.TreeSet<>(g.members()).stream().toList());
            }
        }
        Map<String, String> concepts = new LinkedHashMap<>();
        concepts.put(m.numerator(), concept(request, m.numerator()));
        concepts.put(m.denominator(), concept(request, m.denominator()));
        return new CellTable(request.name(), code(), title(), cells, relations, notes).withIdentity(concepts, sets);
    }

    /** The concept of the compared indicator's count, under this table's options for that indicator. */
    @Override
    public String concept(TableRequest request, String countName) {
        Measure m = measure(request.string("measure"));
        Indicator source = Indicators.get(m.source());
        Map<String, Object> options = new LinkedHashMap<>();
        for (String k : source.options().keySet()) {
            Object v = request.options().containsKey(k) ? request.options().get(k) : source.options().get(k).defaultValue();
            options.put(k, v);
        }
        return source.concept(new TableRequest(request.name(), m.source(), options, request.pools()), countName);
    }

    /** Difference cell: rate of g − rate of the reference group; depends on the reference group's counts too. */
    static Cell difference(Measure m, Group g, String span, Cell rate, Count refNum, Count refDen, Group reference) {
        Double refRate = refDen.value() == 0 ? null : 100.0 * refNum.value() / refDen.value();
        Double diff = rate.value() == null || refRate == null ? null : rate.value() - refRate;
        List<Count> extra = List.of(
                new Count(m.numerator() + "@" + reference.code() + "@" + span, refNum.value(), refNum.persons()),
                new Count(m.denominator() + "@" + reference.code() + "@" + span, refDen.value(), refDen.persons()));
        return new Cell(m.numerator() + DIFFERENCE_SUFFIX, GeoLevel.GROUP, g.code(), g.name(), span,
                rate.numerator(), rate.denominator(), diff, extra, true, null);
    }

    private static Count get(Map<CountRef, Count> byRef, String name, String group, String span) {
        Count c = byRef.get(new CountRef(name, group, span));
        return c != null ? c : new Count(name, 0, 0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> groupsOption(TableRequest request) {
        Object v = request.options().get("groups");
        return v instanceof Map<?, ?> map ? (Map<String, List<String>>) map : Map.of();
    }

    /** Listed groups: at least two, readable names, known municipalities, no municipality in two groups. */
    static List<Group> listedGroups(Map<String, List<String>> listed, Geography geo) {
        if (listed.size() < 2) {
            throw new IllegalArgumentException("groups: a comparison needs at least two groups, got " + listed.size());
        }
        Map<String, String> groupOf = new LinkedHashMap<>();
        List<Group> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : listed.entrySet()) {
            String name = e.getKey();
            if (!NAME.matcher(name).matches() || GEO_CODE.matcher(name).matches()) {
                throw new IllegalArgumentException("groups." + name + ": a group name is a letter followed by letters, "
                        + "digits, _ or - (at most 40), and not a geography code");
            }
            if (e.getValue().isEmpty()) {
                throw new IllegalArgumentException("groups." + name + ": the group lists no municipality");
            }
            for (String gm : e.getValue()) {
                if (!geo.municipalities().containsKey(gm)) {
                    throw new IllegalArgumentException("groups." + name + ": " + gm + " is not a municipality in classification year " + geo.year());
                }
                // Overlapping groups would publish the counts of their difference set through the difference of
                // two released rows, which no relation of this table describes: refused instead.
                String before = groupOf.putIfAbsent(gm, name);
                if (before != null) {
                    throw new IllegalArgumentException("groups." + name + ": " + gm + " is also in group " + before
                            + "; groups must not share a municipality");
                }
            }
            out.add(new Group(name, name, List.copyOf(e.getValue())));
        }
        return out;
    }

    /**
     * Derived groups per span: municipalities whose pooled I2 share of the {@code derive} group over the span
     * (person-periods with care / youth-population person-periods) is at least {@code min_share}%, against
     * every other municipality of the classification year. The unknown municipality belongs to neither.
     */
    private static void derivedGroups(LinkedData data, TableRequest request, List<Pool> spans,
                                      Map<String, List<Group>> groupsBySpan, Map<String, String> notes) {
        String derive = request.string("derive");
        String careGroup = derive.substring(derive.indexOf(':') + 1);
        double min = ((Number) request.options().get("min_share")).doubleValue();
        if (!(min >= 0 && min <= 100)) {
            throw new IllegalArgumentException("min_share: " + min + " is not a percentage from 0 to 100");
        }
        // Municipal person-period sums per period are small (municipalities × periods): collected and pooled here.
        Dataset<Row> facts = CareShare.facts(data, List.of(careGroup));
        List<Row> rows = facts.where(col("gm").notEqual(GeoLevel.UNKNOWN))
                .groupBy("p", "gm").agg(sum(col(careGroup)).as("num"), sum(col(CareShare.POPULATION)).as("den"))
                .collectAsList();
        String minText = String.format(Locale.ROOT, "%s", min).replaceAll("\\.0$", "");
        for (Pool span : spans) {
            Map<String, long[]> byGm = new LinkedHashMap<>();
            for (Row r : rows) {
                if (span.periodIndexes().contains(r.getInt(0))) {
                    long[] a = byGm.computeIfAbsent(r.getString(1), k -> new long[2]);
                    a[0] += r.getLong(2);
                    a[1] += r.getLong(3);
                }
            }
            List<String> high = new ArrayList<>();
            List<String> rest = new ArrayList<>();
            for (String gm : data.geography().municipalities().keySet()) {
                long[] a = byGm.get(gm);
                boolean atLeast = a != null && a[1] > 0 && 100.0 * a[0] / a[1] >= min;
                (atLeast ? high : rest).add(gm);
            }
            Group a = new Group(AT_LEAST, "Gemeenten met aandeel " + careGroup + " ≥ " + minText + "%", high);
            Group b = new Group(REST, "Overige gemeenten", rest);
            groupsBySpan.put(span.code(), List.of(a, b));
            notes.put("Groep " + AT_LEAST + " " + span.code(), memberNames(a, data.geography()));
            // The rest holds every other municipality of the classification year; naming the ones with youth in
            // the data keeps the note readable when the input covers a few municipalities only.
            List<String> restWithYouth = rest.stream().filter(gm -> byGm.containsKey(gm) && byGm.get(gm)[1] > 0).toList();
            notes.put("Groep " + REST + " " + span.code(), "alle overige gemeenten (" + rest.size() + "); met jongeren in de gegevens: "
                    + memberNames(new Group(REST, "", restWithYouth), data.geography()));
        }
        notes.put("Afleiding", "Groepen afgeleid uit het gepoolde aandeel " + careGroup + " (I2) per gemeente over de periode: "
                + "ten minste " + minText + "% tegen alle overige gemeenten.");
    }

    static String memberNames(Group g, Geography geo) {
        if (g.members().isEmpty()) {
            return "(geen gemeenten)";
        }
        return g.members().stream().map(gm -> geo.name(GeoLevel.MUNICIPALITY, gm) + " (" + gm + ")")
                .reduce((a, b) -> a + ", " + b).orElse("");
    }

    /**
     * Per span and group: numerator and denominator value (person-period sums) and distinct persons with a
     * positive count. Membership (span, gm → group) and span periods are small tables, broadcast-joined onto
     * the facts; persons are summed first, so a person is counted once per group and span.
     */
    static Dataset<Row> groupCounts(Dataset<Row> facts, Map<String, List<Group>> groupsBySpan, List<Pool> spans, SparkSession spark) {
        List<Row> spanRows = new ArrayList<>();
        for (Pool s : spans) {
            s.periodIndexes().forEach(p -> spanRows.add(RowFactory.create(p, s.code())));
        }
        List<Row> memberRows = new ArrayList<>();
        groupsBySpan.forEach((span, groups) -> groups.forEach(g -> g.members().forEach(gm -> memberRows.add(RowFactory.create(span, gm, g.code())))));
        Dataset<Row> spanTable = broadcast(spark.createDataFrame(spanRows,
                new StructType().add("p", DataTypes.IntegerType, false).add("span", DataTypes.StringType, false)));
        Dataset<Row> members = broadcast(spark.createDataFrame(memberRows, new StructType()
                .add("span", DataTypes.StringType, false).add("gm", DataTypes.StringType, false).add("grp", DataTypes.StringType, false)));
        Dataset<Row> perPerson = facts.join(spanTable, "p").join(members, Joins.on("span", "gm"))
                .groupBy("span", "grp", "person").agg(sum("num").as("num"), sum("den").as("den"));
        return perPerson.groupBy("span", "grp").agg(
                sum("num").cast("long").as("num_v"), sum(when(col("num").gt(0), 1L).otherwise(0L)).as("num_n"),
                sum("den").cast("long").as("den_v"), sum(when(col("den").gt(0), 1L).otherwise(0L)).as("den_n"))
                .select("span", "grp", "num_v", "num_n", "den_v", "den_n");
    }

    @Override
    public String chartMeasure(TableRequest request) {
        return measure(request.string("measure")).numerator();
    }

    @Override
    public String chartTitle(TableRequest request) {
        Measure m = measure(request.string("measure"));
        String n = m.numerator();
        String kind = n.startsWith("WITH_") ? Codes.GROUP_LABELS.get(n.substring("WITH_".length())) : null;
        String what = switch (m.source()) {
            case "care_share" -> "aandeel jongeren met " + Codes.GROUP_LABELS.get(n);
            case "concurrency" -> n.equals(Concurrency.ONLY) ? "jongeren met alleen wijkteamhulp"
                    : n.equals(Concurrency.ANY) ? "jongeren met wijkteamhulp en andere zorg"
                    : "jongeren met wijkteamhulp en " + kind;
            default -> n.equals(FollowUp.NONE) ? "geen andere zorg in het jaar na wijkteamhulp"
                    : n.equals(FollowUp.ANY) ? "andere zorg in het jaar na wijkteamhulp"
                    : kind + " in het jaar na wijkteamhulp";
        };
        return "Groepen gemeenten vergeleken: " + what;
    }

    @Override
    public boolean chartAsBars() {
        return true;
    }
}
