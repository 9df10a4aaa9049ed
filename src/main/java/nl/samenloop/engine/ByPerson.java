package nl.samenloop.engine;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Person-level data partitioned by person, the same way everywhere: every person's rows in one partition of
 * {@code spark.sql.shuffle.partitions}. Residence, the youth population and the care flags are all built from
 * data partitioned like this, so their joins and aggregations on (person, period) find the rows already in
 * place and shuffle nothing; only the small side of a join moves. (Spark accepts a partitioning on a subset of
 * the join keys as co-partitioning when {@code spark.sql.requireAllClusterKeysForCoPartition} is false, which
 * {@link Engine} sets.)
 */
public final class ByPerson {
    private ByPerson() {
    }

    /** Repartitions by person into the session's number of shuffle partitions. */
    public static Dataset<Row> partition(Dataset<Row> rows) {
        int n = Integer.parseInt(rows.sparkSession().conf().get("spark.sql.shuffle.partitions"));
        return rows.repartition(n, col("person"));
    }
}
