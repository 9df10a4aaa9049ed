package nl.samenloop.engine;

import java.util.Arrays;

/** Small helpers for Spark's Java API. */
public final class Joins {
    private Joins() {
    }

    /** Join columns as the Scala sequence {@code Dataset.join(other, Seq, type)} wants. */
    public static scala.collection.immutable.Seq<String> on(String... columns) {
        return scala.jdk.javaapi.CollectionConverters.asScala(Arrays.asList(columns)).toList();
    }
}
