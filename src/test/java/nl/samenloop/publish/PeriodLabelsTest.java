package nl.samenloop.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Chart axes and legends name periods as a reader says them; every code form of spec indicators.md "Periods". */
class PeriodLabelsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2015JJ00 | 2015",
        "2019HJ01 | 1e helft 2019",
        "2019HJ02 | 2e helft 2019",
        "2019KW01 | 1e kwartaal 2019",
        "2020KW04 | 4e kwartaal 2020",
        // Pools of whole years, whatever the granularity: the span of years.
        "2016JJ00-2020JJ00 | 2016–2020",
        "2016HJ01-2020HJ02 | 2016–2020",
        "2017KW01-2018KW04 | 2017–2018",
        "2019HJ01-2019HJ02 | 2019",
        // A span that does not cover whole years names its ends.
        "2019HJ02-2020HJ01 | 2e helft 2019 – 1e helft 2020",
        "2019KW02-2019KW03 | 2e kwartaal 2019 – 3e kwartaal 2019",
        // Not a period code: left as it is rather than guessed.
        "2019MM05 | 2019MM05",
        "totaal | totaal"})
    void labels(String code, String label) {
        assertEquals(label, PeriodLabels.of(code));
    }
}
