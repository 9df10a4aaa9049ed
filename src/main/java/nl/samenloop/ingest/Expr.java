package nl.samenloop.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.util.Collection;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * Column expressions that turn delivered text into values (no UDFs: these stay inside Spark's generated
 * code). Every function is total: bad text gives null, never an error, also under ANSI mode — values
 * are cast only behind a regex guard, and {@code make_date} only behind a range guard.
 */
final class Expr {
    private Expr() {
    }

    /** Trimmed text; empty → null. */
    static Column text(Column c) {
        Column t = trim(c);
        return when(t.equalTo(""), lit(null).cast(DataTypes.StringType)).otherwise(t);
    }

    /**
     * Text of a number as SPSS or a spreadsheet may deliver it: "20190215.0" → "20190215", "1.0" → "1". The
     * regex runs only on text with a '.', which delivered CSV text almost never has (a regex per field per
     * record is a large share of ingest time at national scale). Takes {@link #text} output.
     */
    static Column num(Column t) {
        return when(t.contains("."), regexp_replace(t, "^(-?\\d+)\\.0*$", "$1")).otherwise(t);
    }

    /** Codes are 2-digit strings; a numeric 1 means 01 (spec data-layout.md). Takes num()-ed text. */
    static Column code2(Column n) {
        return when(n.rlike("^\\d$"), concat(lit("0"), n)).otherwise(n);
    }

    static Column isIn(Column c, Collection<String> codes) {
        return c.isin(codes.toArray());
    }

    /** True when c is not null (null-safe boolean for checks). */
    static Column is(Column condition) {
        return coalesce(condition, lit(false));
    }

    /** A 9-digit RINPERSOON (spec "Person key"). */
    static Column nineDigits(Column numText) {
        return is(numText.rlike("^\\d{9}$"));
    }

    /** Last day-of-month of (y, m), or null when y/m are out of range. */
    private static Column daysIn(Column y, Column m) {
        return when(y.between(1, 9999).and(m.between(1, 12)), dayofmonth(last_day(make_date(y, m, lit(1)))));
    }

    /**
     * A YYYYMMDD date → date, or null when unparseable or impossible (month 13, 2019-02-30). Years outside
     * 1900–2100 count as impossible for care and address spells. The parts come as separate columns
     * ({@link #datePart}) so that each is computed once per record: one nested expression would repeat the
     * regex and substrings a dozen times.
     */
    static Column date(Column y, Column m, Column d) {
        Column valid = is(y.between(1900, 2100).and(d.geq(1)).and(d.leq(daysIn(y, m))));
        return when(valid, make_date(y, m, d));
    }

    /** Whether num()-ed text is 8 digits (a candidate YYYYMMDD). */
    static Column eightDigits(Column numText) {
        return is(numText.rlike("^\\d{8}$"));
    }

    /** Part of an 8-digit text (checked by {@link #eightDigits}) as an int: pos 1 = year, 5 = month, 7 = day. */
    static Column datePart(Column numText, Column eightDigits, int pos) {
        return when(eightDigits, substring(numText, pos, pos == 1 ? 4 : 2).cast(DataTypes.IntegerType));
    }

    /** An open end (spec: empty, 88888888 or 88881231 = still running), from num()-ed text. */
    static Column isOpenEnd(Column numText) {
        return numText.isNull().or(numText.isin("88888888", "88881231"));
    }

    /** A birth-date part that is missing (spec indicators.md: empty, 0, 00, --, ----). */
    static Column missingPart(Column numText) {
        return numText.isNull().or(numText.rlike("^(0+|-+)$"));
    }

    static Column intIf(Column numText, String regex) {
        return when(is(numText.rlike(regex)), numText.cast(DataTypes.IntegerType));
    }

    /**
     * Municipality code → "GM" + 4 digits (spec: VSLGWBTAB holds 4 digits without prefix); "GM0599" is kept;
     * '----', '-' or empty → null (unknown). Anything else gives the sentinel {@link #BAD_CODE}. Takes
     * num()-ed text (a column computed once, not the nested expression).
     */
    static Column gemeente(Column s) {
        return when(s.isNull().or(s.rlike("^-+$")), lit(null).cast(DataTypes.StringType))
                .when(s.rlike("^\\d{1,4}$"), concat(lit("GM"), lpad(s, 4, "0")))
                .when(s.rlike("^(?i)GM\\d{4}$"), upper(s))
                .otherwise(lit(BAD_CODE));
    }

    static final String BAD_CODE = "\u0000bad";

    static Column notIn(Column code, Collection<String> codes) {
        return is(code.isNotNull().and(not(isIn(code, codes))));
    }

    /** A short detail naming a bad code; codes are not personal data, but cut to 12 characters anyway. */
    static Column codeDetail(Column code, String column) {
        return when(code.isNull(), lit(column + " empty"))
                .otherwise(concat(lit(column + " code '"), substring(code, 1, 12), lit("' not in code list")));
    }
}
