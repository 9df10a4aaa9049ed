package nl.samenloop.link;

import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Column;

/** Age in whole years on a reference date (spec: "Age is whole years on the reference date"). */
public final class Ages {
    private Ages() {
    }

    /** Birthday not yet reached in the reference year → one year less. A 29 February birthday is reached on 1 March. */
    public static Column ageOn(Column reference, Column birth) {
        Column refMd = month(reference).multiply(100).plus(dayofmonth(reference));
        Column birthMd = month(birth).multiply(100).plus(dayofmonth(birth));
        return year(reference).minus(year(birth)).minus(when(refMd.lt(birthMd), 1).otherwise(0));
    }

    /** Plain-Java twin used by the generator and tests. */
    public static int ageOn(java.time.LocalDate reference, java.time.LocalDate birth) {
        int age = reference.getYear() - birth.getYear();
        int r = reference.getMonthValue() * 100 + reference.getDayOfMonth();
        int b = birth.getMonthValue() * 100 + birth.getDayOfMonth();
        return r < b ? age - 1 : age;
    }
}
