package nl.samenloop.ingest;

import static nl.samenloop.ingest.Expr.code2;
import static nl.samenloop.ingest.Expr.codeDetail;
import static nl.samenloop.ingest.Expr.is;
import static nl.samenloop.ingest.Expr.nineDigits;
import static nl.samenloop.ingest.Expr.notIn;
import static nl.samenloop.ingest.Expr.num;
import static nl.samenloop.ingest.Expr.text;
import static org.apache.spark.sql.functions.ascii;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.samenloop.model.Codes;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * What ingest does with one table: the parsed values it derives from the raw text, the checks in their
 * fixed order (spec data-layout.md "Bad input"; the first failing check is the reason), the key that makes
 * repeats of a year-split spell one spell, and the staged columns of {@link Staging}.
 */
final class TableRules {
    /** One check: records where {@code fails} is true are rejected for {@code reason} on {@code column}. */
    record Check(Reason reason, String column, Column fails, Column detail) {
    }

    /** Parsed values, computed in order (later ones may use earlier ones by name). */
    final Map<String, Column> derived = new LinkedHashMap<>();
    final List<Check> checks = new ArrayList<>();
    /** Columns identifying one spell across yearly files; empty = no repeat merge. */
    final List<String> spellKey = new ArrayList<>();
    /** Staged output column name → expression over the derived values. */
    final Map<String, Column> staged = new LinkedHashMap<>();
    /** Accepted-record expression: is the key linkable (null for tables without a person key). */
    Column linkable;
    /** Latest date a record shows (for the data horizon with unsplit input), or null. */
    Column latestDate;

    private TableRules() {
    }

    static TableRules of(TableSpec spec, RawTable raw) {
        TableRules r = new TableRules();
        r.checks.add(new Check(Reason.WRONG_FIELD_COUNT, Classifier.DUPLICATE_COLUMN, col(SourceReader.SHAPE).isNotNull(),
                col(SourceReader.SHAPE)));
        switch (spec.table()) {
            case Staging.JEUGDHULP -> r.jeugdhulp(spec, raw);
            case Staging.BESCHERMING -> r.measure(spec, Codes.JEUGDBESCHERMING);
            case Staging.RECLASSERING -> r.measure(spec, Codes.JEUGDRECLASSERING);
            case Staging.PERSONS -> r.persons(spec);
            case Staging.ADDRESSES -> r.addresses(spec);
            case Staging.OBJECTS -> r.objects(spec, raw);
            default -> throw new IllegalArgumentException("no rules for table " + spec.table());
        }
        return r;
    }

    private static Column v(String name) {
        return col(name);
    }

    // ---- person key (spec "Person key") ----

    /**
     * person = RINPERSOON for linkable keys; otherwise {@link Staging#nonLinkableKey}'s number
     * 1e9 × (1 + code of the RINPERSOONS char, '?' when empty) + RINPERSOON, which never equals a 9-digit one.
     */
    private void personKey(TableSpec spec, boolean rejectNotLinkable) {
        derived.put("v_rs", text(col("rinpersoons")));
        number("v_rin", col("rinpersoon"));
        derived.put("v_linkable", is(v("v_rs").equalTo("R")));
        derived.put("v_rin_ok", nineDigits(v("v_rin")));
        derived.put("v_rin_long", when(v("v_rin_ok"), v("v_rin").cast(DataTypes.LongType)));
        derived.put("v_person", when(v("v_linkable"), v("v_rin_long"))
                .otherwise(lit(1_000_000_000L).multiply(lit(1L).plus(ascii(coalesce(v("v_rs"), lit("?")))))
                        .plus(v("v_rin_long"))));
        String rin = spec.source("rinpersoon");
        checks.add(new Check(Reason.MISSING_KEY, rin, not(v("v_rin_ok")),
                when(v("v_rin").isNull(), lit(rin + " empty")).otherwise(lit(rin + " not 9 digits"))));
        if (rejectNotLinkable) {
            // GBA tables: only linkable persons appear there (Staging); others are rejected.
            checks.add(new Check(Reason.NOT_LINKABLE, spec.source("rinpersoons"), not(v("v_linkable")),
                    lit(spec.source("rinpersoons") + " is not R")));
        } else {
            // JGD tables: kept with linkable = false, counted as not linkable (I1 counts them as 'unknown').
            linkable = v("v_linkable");
        }
    }

    /** begin/end as dates, with BAD_DATE and END_BEFORE_BEGIN checks in that order. */
    private void spellDates(TableSpec spec) {
        date("v_begin", col("begin"));
        date("v_end_date", col("end"));
        derived.put("v_end_open", Expr.isOpenEnd(v("v_end_date_s")));
        derived.put("v_end", when(not(v("v_end_open")), v("v_end_date")));
        String b = spec.source("begin");
        String e = spec.source("end");
        checks.add(new Check(Reason.BAD_DATE, b, v("v_begin").isNull(),
                when(v("v_begin_s").isNull(), lit(b + " empty")).otherwise(lit(b + " not a valid YYYYMMDD date"))));
        checks.add(new Check(Reason.BAD_DATE, e, is(not(v("v_end_open")).and(v("v_end").isNull())),
                lit(e + " not a valid YYYYMMDD date")));
        checks.add(new Check(Reason.END_BEFORE_BEGIN, e, is(v("v_end").lt(v("v_begin"))),
                lit(e + " before " + b)));
        latestDate = greatest(v("v_begin"), v("v_end"));
    }

    /**
     * The text of a number (see {@link Expr#num}) as derived column {@code name}, the trimmed text first as
     * {@code name_t}. Steps are columns of their own so that generated code stays small: expressions nest by
     * copy, and a stage's generated method over 8,000 bytes of bytecode is never JIT-compiled by HotSpot.
     */
    private void number(String name, Column raw) {
        derived.put(name + "_t", text(raw));
        derived.put(name, num(v(name + "_t")));
    }

    /**
     * A YYYYMMDD date (string or number) as derived column {@code name}, through one column per step
     * ({@code name_s} the number text, then its parts), so each step runs once per record.
     */
    private void date(String name, Column raw) {
        number(name + "_s", raw);
        derived.put(name + "_8", Expr.eightDigits(v(name + "_s")));
        derived.put(name + "_y", Expr.datePart(v(name + "_s"), v(name + "_8"), 1));
        derived.put(name + "_m", Expr.datePart(v(name + "_s"), v(name + "_8"), 5));
        derived.put(name + "_d", Expr.datePart(v(name + "_s"), v(name + "_8"), 7));
        derived.put(name, Expr.date(v(name + "_y"), v(name + "_m"), v(name + "_d")));
    }

    /** A municipality code (see {@link Expr#gemeente}) as derived column {@code name}. */
    private void gemeente(String name, Column raw) {
        number(name + "_s", raw);
        derived.put(name, Expr.gemeente(v(name + "_s")));
    }

    private void codeCheck(TableSpec spec, String canonical, Map<String, String> list, boolean required) {
        String name = "v_" + canonical;
        number(name + "_s", col(canonical));
        derived.put(name, code2(v(name + "_s")));
        Column bad = required ? is(v(name).isNull()).or(notIn(v(name), list.keySet())) : notIn(v(name), list.keySet());
        checks.add(new Check(Reason.UNKNOWN_CODE, spec.source(canonical), bad, codeDetail(v(name), spec.source(canonical))));
    }

    private void jeugdhulp(TableSpec spec, RawTable raw) {
        personKey(spec, false);
        spellDates(spec);
        codeCheck(spec, "hulpvorm", Codes.HULPVORM, true);
        // Optional code columns: empty is allowed (null), a value must be in its list.
        codeCheck(spec, "verwijzer", Codes.VERWIJZER, false);
        codeCheck(spec, "perspectief", Codes.PERSPECTIEF, false);
        codeCheck(spec, "reden", Codes.REDEN_BEEINDIGING, false);
        derived.put("v_aanbieder", text(col("aanbieder")));
        gemeente("v_gemeente", col("gemeente"));
        checks.add(new Check(Reason.UNKNOWN_CODE, spec.source("gemeente"), is(v("v_gemeente").equalTo(Expr.BAD_CODE)),
                lit(spec.source("gemeente") + " not a 4-digit municipality code")));
        spellKey.addAll(List.of("v_person", "v_hulpvorm", "v_begin"));
        if (raw.presentOptional.contains("aanbieder")) {
            spellKey.add("v_aanbieder");
        }
        staged.put("person", v("v_person"));
        staged.put("linkable", v("v_linkable"));
        staged.put("hulpvorm", v("v_hulpvorm"));
        staged.put("begin", v("v_begin"));
        staged.put("end", v("v_end"));
        staged.put("verwijzer", v("v_verwijzer"));
        staged.put("perspectief", v("v_perspectief"));
        staged.put("reden", v("v_reden"));
        staged.put("aanbieder", v("v_aanbieder"));
        staged.put("gemeente", v("v_gemeente"));
        staged.put("source_year", col(RawTable.YEAR));
    }

    private void measure(TableSpec spec, Map<String, String> list) {
        personKey(spec, false);
        spellDates(spec);
        codeCheck(spec, "maatregel", list, true);
        spellKey.addAll(List.of("v_person", "v_maatregel", "v_begin"));
        staged.put("person", v("v_person"));
        staged.put("linkable", v("v_linkable"));
        staged.put("maatregel", v("v_maatregel"));
        staged.put("begin", v("v_begin"));
        staged.put("end", v("v_end"));
        staged.put("source_year", col(RawTable.YEAR));
    }

    /**
     * Birth date from its parts (spec indicators.md "Preparing trajectories"): a missing part is empty, 0,
     * 00, -- or ----; missing day → the 15th (DAY), missing month → 1 July (MONTH_DAY), missing year →
     * no birth date (NO_YEAR). A present part out of range (month 13, 30 February) is a BAD_DATE.
     */
    private void persons(TableSpec spec) {
        personKey(spec, true);
        number("v_py", col("geboortejaar"));
        number("v_pm", col("geboortemaand"));
        number("v_pd", col("geboortedag"));
        derived.put("v_y_miss", Expr.missingPart(v("v_py")));
        derived.put("v_m_miss", Expr.missingPart(v("v_pm")));
        derived.put("v_d_miss", Expr.missingPart(v("v_pd")));
        derived.put("v_y", Expr.intIf(v("v_py"), "^\\d{4}$"));
        derived.put("v_m", Expr.intIf(v("v_pm"), "^\\d{1,2}$"));
        derived.put("v_d", Expr.intIf(v("v_pd"), "^\\d{1,2}$"));
        derived.put("v_y_ok", is(v("v_y").between(1850, 2100)));
        derived.put("v_m_ok", is(v("v_m").between(1, 12)));
        // The day is checked against its month when year and month are known, else against 31.
        derived.put("v_max_day", when(v("v_y_ok").and(v("v_m_ok")),
                org.apache.spark.sql.functions.dayofmonth(org.apache.spark.sql.functions.last_day(
                        make_date(v("v_y"), v("v_m"), lit(1))))).otherwise(lit(31)));
        derived.put("v_d_ok", is(v("v_d").between(lit(1), v("v_max_day"))));
        String jaar = spec.source("geboortejaar");
        String maand = spec.source("geboortemaand");
        String dag = spec.source("geboortedag");
        checks.add(new Check(Reason.BAD_DATE, jaar, not(v("v_y_miss")).and(not(v("v_y_ok"))),
                lit(jaar + " not a year")));
        checks.add(new Check(Reason.BAD_DATE, maand, not(v("v_m_miss")).and(not(v("v_m_ok"))),
                lit(maand + " not a month 1-12")));
        checks.add(new Check(Reason.BAD_DATE, dag, not(v("v_d_miss")).and(not(v("v_d_ok"))),
                lit(dag + " not a day of that month")));
        number("v_sex", col("geslacht"));
        String g = spec.source("geslacht");
        checks.add(new Check(Reason.UNKNOWN_CODE, g,
                is(v("v_sex").isNotNull().and(not(v("v_sex").rlike("^-+$"))).and(not(Expr.isIn(v("v_sex"), Codes.GESLACHT.keySet())))),
                codeDetail(v("v_sex"), g)));
        Column ok = v("v_y_ok").and(v("v_m_miss").or(v("v_m_ok"))).and(v("v_d_miss").or(v("v_d_ok")));
        staged.put("person", v("v_person"));
        staged.put("sex", when(Expr.isIn(v("v_sex"), Codes.GESLACHT.keySet()), v("v_sex")));
        staged.put("birth_date", when(v("v_y_miss").or(not(ok)), lit(null).cast(DataTypes.DateType))
                .when(v("v_m_miss"), make_date(v("v_y"), lit(7), lit(1)))
                .when(v("v_d_miss"), make_date(v("v_y"), v("v_m"), lit(15)))
                .otherwise(make_date(v("v_y"), v("v_m"), v("v_d"))));
        staged.put("birth_imputed", when(v("v_y_miss"), lit("NO_YEAR")).when(v("v_m_miss"), lit("MONTH_DAY"))
                .when(v("v_d_miss"), lit("DAY")).otherwise(lit("NONE")));
    }

    /** "soort:rinobject", or null when either part is empty. */
    private void objectKey(TableSpec spec) {
        number("v_soort", col("soortobject"));
        number("v_rinobject", col("rinobject"));
        derived.put("v_object", concat(v("v_soort"), lit(":"), v("v_rinobject")));
        String s = spec.source("soortobject");
        String o = spec.source("rinobject");
        checks.add(new Check(Reason.MISSING_KEY, s, v("v_soort").isNull(), lit(s + " empty")));
        checks.add(new Check(Reason.MISSING_KEY, o, v("v_rinobject").isNull(), lit(o + " empty")));
    }

    private void addresses(TableSpec spec) {
        personKey(spec, true);
        objectKey(spec);
        spellDates(spec);
        spellKey.addAll(List.of("v_person", "v_object", "v_begin"));
        staged.put("person", v("v_person"));
        staged.put("begin", v("v_begin"));
        staged.put("end", v("v_end"));
        staged.put("object", v("v_object"));
    }

    /** VSLGWBTAB: one staged row per object and GEM&lt;year&gt; column (long form, see {@link Classifier}). */
    private void objects(TableSpec spec, RawTable raw) {
        objectKey(spec);
        staged.put("object", v("v_object"));
        for (int y : raw.years) {
            String name = "v_gem_" + y;
            gemeente(name, col(RawTable.GEM + y));
            String src = spec.yearColumnPrefix() + y;
            checks.add(new Check(Reason.UNKNOWN_CODE, src, is(v(name).equalTo(Expr.BAD_CODE)),
                    lit(src + " not a 4-digit municipality code")));
            staged.put(RawTable.GEM + y, v(name));
        }
    }
}
