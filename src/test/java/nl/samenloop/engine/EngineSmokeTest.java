package nl.samenloop.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EngineSmokeTest {
    @Test
    void sharedSessionRunsAQuery() {
        assertEquals(5050L, SparkTest.spark().range(1, 101).selectExpr("sum(id)").first().getLong(0));
    }
}
