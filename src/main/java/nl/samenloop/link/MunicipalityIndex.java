package nl.samenloop.link;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import nl.samenloop.model.GeoLevel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The municipalities of the classification year numbered 0..n-1, and the unknown municipality as n: lets
 * person-level rows carry a municipality as a small number where that is cheaper than its code (see
 * {@link Linker#onPeildatum}), and turns the number back into the code.
 */
final class MunicipalityIndex {
    private final List<String> codes = new ArrayList<>();

    MunicipalityIndex(Geography geo) {
        codes.addAll(new java.util.TreeSet<>(geo.municipalities().keySet()));
        codes.add(GeoLevel.UNKNOWN);
    }

    /** The index of the unknown municipality. */
    int unknown() {
        return codes.size() - 1;
    }

    /** The code of index i (the unknown municipality's code for {@link #unknown()}). */
    String code(int i) {
        return codes.get(i);
    }

    /** A map from every known code to its index, for engines that look codes up without Spark. */
    java.util.Map<String, Integer> indexes() {
        java.util.Map<String, Integer> out = new java.util.HashMap<>();
        for (int i = 0; i < unknown(); i++) {
            out.put(codes.get(i), i);
        }
        return out;
    }

    /** Small table known_gm, known_idx of the classification year's municipalities, to broadcast-join. */
    Dataset<Row> table(SparkSession spark) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < unknown(); i++) {
            rows.add(RowFactory.create(codes.get(i), i));
        }
        StructType schema = new StructType().add("known_gm", DataTypes.StringType, false)
                .add("known_idx", DataTypes.IntegerType, false);
        return broadcast(spark.createDataFrame(rows, schema));
    }

    /** The code of an index column (a long or int from {@link #table}). */
    Column decode(Column idx) {
        return element_at(lit(codes.toArray(new String[0])), idx.cast("int").plus(lit(1)));
    }
}
