package io.bilateral.importer.gdelt;

import io.bilateral.events.actor.Actors;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CameoCountriesTest {

    @Test
    void isoCodes_passThroughAsTheyAre() {
        assertThat(CameoCountries.actor("BEL")).contains("BEL");
        assertThat(CameoCountries.actor("TWN")).contains("TWN");
    }

    @Test
    void everyRenamedCode_namesAnActorOfTheProject_andIsNotOneItself() {
        for (Map.Entry<String, String> renamed : CameoCountries.RENAMED.entrySet()) {
            assertThat(Actors.isKnown(renamed.getValue())).as(renamed.getValue()).isTrue();
            assertThat(Actors.isKnown(renamed.getKey())).as("%s is an actor code of its own", renamed.getKey()).isFalse();
            assertThat(CameoCountries.actor(renamed.getKey())).contains(renamed.getValue());
        }
    }

    @Test
    void noRegion_isAnActor_evenIfAnActorHadItsCode() {
        for (String region : CameoCountries.REGIONS.keySet()) {
            assertThat(Actors.isKnown(region)).as(region).isFalse();
            assertThat(CameoCountries.actor(region)).as(region).isEmpty();
        }
    }

    @Test
    void organisations_areNeverMatchedByACountryCode() {
        assertThat(CameoCountries.actor("EU")).isEmpty();
        assertThat(CameoCountries.actor("NATO")).isEmpty();
        assertThat(CameoCountries.actor(null)).isEmpty();
    }

    @Test
    void formerStates_areActors_theirYearsAreTheFactRulesConcern() {
        assertThat(CameoCountries.actor("USR")).contains("SUN");
        assertThat(CameoCountries.actor("YUG")).contains("YUG");
    }
}
