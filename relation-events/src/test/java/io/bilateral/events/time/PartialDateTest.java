package io.bilateral.events.time;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartialDateTest {

    @Test
    void day_isKeptToTheDay() {
        PartialDate d = PartialDate.parse("1971-10-25");
        assertThat(d.precision()).isEqualTo(Precision.DAY);
        assertThat(d.earliest()).isEqualTo(LocalDate.of(1971, 10, 25));
        assertThat(d.latest()).isEqualTo(LocalDate.of(1971, 10, 25));
        assertThat(d.edtf()).isEqualTo("1971-10-25");
    }

    @Test
    void month_spansTheWholeMonth_withoutInventingADay() {
        PartialDate d = PartialDate.parse("1991-04");
        assertThat(d.precision()).isEqualTo(Precision.MONTH);
        assertThat(d.earliest()).isEqualTo(LocalDate.of(1991, 4, 1));
        assertThat(d.latest()).isEqualTo(LocalDate.of(1991, 4, 30));
        assertThat(d.toString()).isEqualTo("1991-04");
    }

    @Test
    void februaryOfALeapYear_endsOnThe29th() {
        assertThat(PartialDate.parse("2024-02").latest()).isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @Test
    void year_spansTheWholeYear() {
        PartialDate d = PartialDate.parse("2019");
        assertThat(d.precision()).isEqualTo(Precision.YEAR);
        assertThat(d.earliest()).isEqualTo(LocalDate.of(2019, 1, 1));
        assertThat(d.latest()).isEqualTo(LocalDate.of(2019, 12, 31));
    }

    @Test
    void interval_runsFromTheStartOfItsFirstEndToTheEndOfItsLast_atTheCoarserPrecision() {
        PartialDate d = PartialDate.parse("1950/1953-07-27");
        assertThat(d.interval()).isTrue();
        assertThat(d.precision()).isEqualTo(Precision.YEAR);
        assertThat(d.earliest()).isEqualTo(LocalDate.of(1950, 1, 1));
        assertThat(d.latest()).isEqualTo(LocalDate.of(1953, 7, 27));
    }

    @Test
    void interval_withOpenOrUnknownEnd_leavesThatEndOpen() {
        assertThat(PartialDate.parse("1985/..").latest()).isNull();
        assertThat(PartialDate.parse("1985/..").earliest()).isEqualTo(LocalDate.of(1985, 1, 1));
        assertThat(PartialDate.parse("/1985").earliest()).isNull();
        assertThat(PartialDate.parse("../1985-06").latest()).isEqualTo(LocalDate.of(1985, 6, 30));
    }

    @Test
    void qualifiers_markApproximateAndUncertain() {
        assertThat(PartialDate.parse("2019~").approximate()).isTrue();
        assertThat(PartialDate.parse("2019~").uncertain()).isFalse();
        assertThat(PartialDate.parse("2024-04?").uncertain()).isTrue();
        assertThat(PartialDate.parse("2024-04?").precision()).isEqualTo(Precision.MONTH);
        assertThat(PartialDate.parse("2019%").approximate()).isTrue();
        assertThat(PartialDate.parse("2019%").uncertain()).isTrue();
        assertThat(PartialDate.parse("2019~/2020").approximate()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1991-02-30", "2019-13", "2019-00", "2023-02-29", "2019-04-31", "19", "2019-4",
            "2019-04-1", "71-10-25", "1971/10/25", "2019~~", "25 October 1971", "1953/1950", "/", "../..",
            "", " ", "2019-", "-2019", "2019-01-01T00:00"})
    void invalidOrImpossibleDates_areRejectedWithAReason(String edtf) {
        assertThatThrownBy(() -> PartialDate.parse(edtf))
                .isInstanceOf(InvalidPartialDateException.class)
                .hasMessageNotContaining("null");
        assertThat(PartialDate.isValid(edtf)).isFalse();
    }

    @Test
    void impossibleDay_saysItIsNotOnTheCalendar() {
        assertThatThrownBy(() -> PartialDate.parse("1991-02-30")).hasMessageContaining("not a day of the calendar");
        assertThatThrownBy(() -> PartialDate.parse("2019-13")).hasMessageContaining("months run from 01 to 12");
    }

    @Test
    void sorting_isByEarliestDay_thenFinerPrecisionFirst() {
        List<PartialDate> dates = new ArrayList<>(List.of(
                PartialDate.parse("2019"), PartialDate.parse("2019-07"), PartialDate.parse("2019-01-01"),
                PartialDate.parse("1950/1953"), PartialDate.parse("2019-01")));
        Collections.sort(dates);
        assertThat(dates).extracting(PartialDate::edtf)
                .containsExactly("1950/1953", "2019-01-01", "2019-01", "2019", "2019-07");
    }

    @Test
    void aYearOverlapsEachOfItsMonths_andNotTheNextYear() {
        PartialDate y2019 = PartialDate.parse("2019");
        assertThat(y2019.overlaps(LocalDate.of(2019, 7, 1), LocalDate.of(2019, 7, 31))).isTrue();
        assertThat(y2019.overlaps(LocalDate.of(2020, 1, 1), null)).isFalse();
        assertThat(y2019.overlaps(null, LocalDate.of(2019, 1, 1))).isTrue();
    }

    @Test
    void equalStrings_areEqualDates() {
        assertThat(PartialDate.parse("1991-04")).isEqualTo(PartialDate.parse("1991-04"))
                .hasSameHashCodeAs(PartialDate.parse("1991-04"))
                .isNotEqualTo(PartialDate.parse("1991"));
    }
}
