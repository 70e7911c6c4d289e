package io.bilateral.importer.gdelt;

import io.bilateral.events.actor.DyadId;
import io.bilateral.events.event.Certainty;
import io.bilateral.events.event.Interaction;
import io.bilateral.events.time.PartialDate;
import io.bilateral.importer.FactIds;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class GdeltRowConverterTest {

    private final GdeltRowConverter converter = new GdeltRowConverter();

    private GdeltRowConverter.Converted converted(GdeltRowWriter row) {
        GdeltRowConverter.Result result = converter.convert(row.line());
        assertThat(result).isInstanceOf(GdeltRowConverter.Converted.class);
        return (GdeltRowConverter.Converted) result;
    }

    private SkipReason skipped(GdeltRowWriter row) {
        GdeltRowConverter.Result result = converter.convert(row.line());
        assertThat(result).isInstanceOf(GdeltRowConverter.Skipped.class);
        return ((GdeltRowConverter.Skipped) result).reason();
    }

    @Test
    void stateToStateRow_becomesAnInteraction_actorFirstTargetSecond_withTheRowsDayCodeAndSource() {
        GdeltRowConverter.Converted row = converted(new GdeltRowWriter(1234567890L)
                .day("20250314").actor1("DEU", "GERMANY").actor2("CHN", "BEIJING").code("0211")
                .url("https://news.example.org/a?id=1"));

        Interaction fact = (Interaction) row.fact().event();
        assertThat(row.gdeltEventId()).isEqualTo(1234567890L);
        assertThat(fact.dyad()).isEqualTo(DyadId.of("CHN", "DEU"));
        assertThat(fact.actor().code()).isEqualTo("DEU");
        assertThat(fact.target().code()).isEqualTo("CHN");
        assertThat(fact.cameo()).isEqualTo("0211");
        assertThat(fact.occurred()).isEqualTo(PartialDate.parse("2025-03-14"));
        assertThat(fact.sources()).hasSize(1);
        assertThat(fact.sources().get(0).url()).isEqualTo(URI.create("https://news.example.org/a?id=1"));
        assertThat(fact.sources().get(0).retrievedAt()).isEqualTo(Instant.parse("2025-03-14T12:00:00Z"));
        assertThat(fact.certainty()).isEqualTo(Certainty.REPORTED);
        assertThat(fact.gdeltEventId()).isEqualTo(1234567890L);
        assertThat(fact.summary()).isEqualTo("GERMANY → BEIJING: Appeal for economic cooperation");
        assertThat(fact.coding().cameo()).isEqualTo("0211");
    }

    @Test
    void idsDeriveFromTheGlobalEventId_sameRowSameIds_andTheFactIdStartsWithItsDyad() {
        GdeltRowConverter.Converted once = converted(new GdeltRowWriter(42L).actor1("USA", "UNITED STATES").actor2("MEX", "MEXICO"));
        GdeltRowConverter.Converted again = converted(new GdeltRowWriter(42L).actor1("USA", "UNITED STATES").actor2("MEX", "MEXICO"));

        assertThat(once.fact().eventId()).isEqualTo(again.fact().eventId()).isEqualTo(FactIds.gdeltEventId(42L));
        assertThat(once.fact().eventId().version()).isEqualTo(3);
        assertThat(once.fact().factId()).isEqualTo("mex-usa-gdelt-42").isEqualTo(again.fact().factId());
        assertThat(FactIds.gdeltEventId(43L)).isNotEqualTo(FactIds.gdeltEventId(42L));
    }

    @Test
    void cameoCountryCodesThatDifferFromIso_areMappedToTheProjectsActors() {
        Interaction fact = (Interaction) converted(new GdeltRowWriter(7L).actor1("ROM", "ROMANIA").actor2("KSV", "KOSOVO")).fact().event();

        assertThat(fact.actor().code()).isEqualTo("ROU");
        assertThat(fact.target().code()).isEqualTo("XKX");
        assertThat(fact.dyad().toString()).isEqualTo("ROU-XKX");
    }

    @Test
    void anActorWithoutName_isNamedByItsStateInTheSummary() {
        Interaction fact = (Interaction) converted(new GdeltRowWriter(8L).actor1("BEL", "").actor2("JPN", "JAPAN").code("042")).fact().event();

        assertThat(fact.summary()).isEqualTo("Belgium → JAPAN: Make a visit");
    }

    @Test
    void aLineEndingInCarriageReturn_isReadAsTheSameRow() {
        GdeltRowWriter row = new GdeltRowWriter(9L);
        GdeltRowConverter.Result result = converter.convert(row.line() + "\r");

        assertThat(result).isInstanceOf(GdeltRowConverter.Converted.class);
        assertThat(((Interaction) ((GdeltRowConverter.Converted) result).fact().event()).sources().get(0).url().toString())
                .endsWith("story-9.html");
    }

    @Test
    void rowWithTooFewColumns_isSkipped() {
        assertThat(skipped(new GdeltRowWriter(1L).columns(58))).isEqualTo(SkipReason.TOO_FEW_COLUMNS);
        assertThat(converter.convert("garbage")).isEqualTo(new GdeltRowConverter.Skipped(SkipReason.TOO_FEW_COLUMNS, "1 columns, not 61"));
    }

    @Test
    void rowWithoutAPositiveNumericEventId_isSkipped() {
        assertThat(skipped(new GdeltRowWriter(1L).eventId("abc"))).isEqualTo(SkipReason.BAD_EVENT_ID);
        assertThat(skipped(new GdeltRowWriter(1L).eventId("0"))).isEqualTo(SkipReason.BAD_EVENT_ID);
        assertThat(skipped(new GdeltRowWriter(1L).eventId(""))).isEqualTo(SkipReason.BAD_EVENT_ID);
    }

    @Test
    void rowWithAnActorOfNoCountry_isSkipped() {
        assertThat(skipped(new GdeltRowWriter(1L).actor1("", "PROTESTER"))).isEqualTo(SkipReason.NO_COUNTRY);
        assertThat(skipped(new GdeltRowWriter(1L).actor2("", ""))).isEqualTo(SkipReason.NO_COUNTRY);
    }

    @Test
    void rowWithARegionOrAnUnknownCountryCode_isSkippedAsNotAState() {
        assertThat(skipped(new GdeltRowWriter(1L).actor1("EUR", "EUROPE"))).isEqualTo(SkipReason.NOT_A_STATE);
        assertThat(skipped(new GdeltRowWriter(1L).actor2("AFR", "AFRICA"))).isEqualTo(SkipReason.NOT_A_STATE);
        assertThat(skipped(new GdeltRowWriter(1L).actor2("WST", "WESTERN"))).isEqualTo(SkipReason.NOT_A_STATE);
        assertThat(skipped(new GdeltRowWriter(1L).actor1("QQQ", "NOWHERE"))).isEqualTo(SkipReason.NOT_A_STATE);
        assertThat(((GdeltRowConverter.Skipped) converter.convert(new GdeltRowWriter(1L).actor1("EUR", "EUROPE").line())).detail())
                .contains("region (Europe)");
    }

    @Test
    void rowWithTheSameStateOnBothSides_isSkipped_alsoWhenOneSideIsWrittenTheCameoWay() {
        assertThat(skipped(new GdeltRowWriter(1L).actor1("USA", "WASHINGTON").actor2("USA", "CONGRESS"))).isEqualTo(SkipReason.SAME_ACTOR);
        assertThat(skipped(new GdeltRowWriter(1L).actor1("ROM", "ROMANIA").actor2("ROU", "BUCHAREST"))).isEqualTo(SkipReason.SAME_ACTOR);
    }

    @Test
    void rowWithACodeOutsideTheCameoCodebook_isSkipped() {
        assertThat(skipped(new GdeltRowWriter(1L).code("999"))).isEqualTo(SkipReason.UNKNOWN_CAMEO_CODE);
        assertThat(skipped(new GdeltRowWriter(1L).code(""))).isEqualTo(SkipReason.UNKNOWN_CAMEO_CODE);
        assertThat(skipped(new GdeltRowWriter(1L).code("42"))).as("the leading zero is part of the code").isEqualTo(SkipReason.UNKNOWN_CAMEO_CODE);
    }

    @Test
    void rowWithoutARealDay_isSkipped() {
        assertThat(skipped(new GdeltRowWriter(1L).day("20250230"))).isEqualTo(SkipReason.BAD_DATE);
        assertThat(skipped(new GdeltRowWriter(1L).day("2025031"))).isEqualTo(SkipReason.BAD_DATE);
        assertThat(skipped(new GdeltRowWriter(1L).day("20251301"))).isEqualTo(SkipReason.BAD_DATE);
        assertThat(skipped(new GdeltRowWriter(1L).day(""))).isEqualTo(SkipReason.BAD_DATE);
    }

    @Test
    void rowWithoutSourceUrl_isSkipped() {
        assertThat(skipped(new GdeltRowWriter(1L).url(""))).isEqualTo(SkipReason.NO_SOURCE_URL);
        assertThat(skipped(new GdeltRowWriter(1L).url("  "))).isEqualTo(SkipReason.NO_SOURCE_URL);
    }

    @Test
    void rowWhoseSourceIsNotAnAbsoluteWebUrl_isSkipped() {
        assertThat(skipped(new GdeltRowWriter(1L).url("news.example.org/story"))).isEqualTo(SkipReason.BAD_SOURCE_URL);
        assertThat(skipped(new GdeltRowWriter(1L).url("ftp://news.example.org/story"))).isEqualTo(SkipReason.BAD_SOURCE_URL);
        assertThat(skipped(new GdeltRowWriter(1L).url("https://news.example.org/a story"))).isEqualTo(SkipReason.BAD_SOURCE_URL);
    }

    @Test
    void rowTheFactRulesRefuse_isSkipped_suchAsAStateBeforeItExisted() {
        // Kosovo's facts start in 2008 (Actors); GDELT's back file reaches 1979.
        GdeltRowConverter.Result result = converter.convert(new GdeltRowWriter(1L).day("20050601").actor1("KSV", "KOSOVO").line());

        assertThat(result).isInstanceOf(GdeltRowConverter.Skipped.class);
        assertThat(((GdeltRowConverter.Skipped) result).reason()).isEqualTo(SkipReason.REFUSED_BY_RULES);
        assertThat(((GdeltRowConverter.Skipped) result).detail()).startsWith("/occurred").contains("Kosovo");
        assertThat(skipped(new GdeltRowWriter(1L).day("19990101").actor2("USR", "SOVIET UNION"))).isEqualTo(SkipReason.REFUSED_BY_RULES);
    }

    @Test
    void aRowWithSeveralDefects_isCountedUnderTheFirstCheckedReason() {
        assertThat(skipped(new GdeltRowWriter(1L).actor1("EUR", "EUROPE").code("999").url(""))).isEqualTo(SkipReason.NOT_A_STATE);
        assertThat(skipped(new GdeltRowWriter(1L).code("999").day("2025").url(""))).isEqualTo(SkipReason.UNKNOWN_CAMEO_CODE);
    }
}
