package io.bilateral.events.actor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DyadIdTest {

    @Test
    void eitherOrder_givesTheSameCanonicalDyad() {
        assertThat(DyadId.parse("CHN-BEL")).isEqualTo(DyadId.parse("BEL-CHN"));
        assertThat(DyadId.parse("CHN-BEL").toString()).isEqualTo("BEL-CHN");
        assertThat(DyadId.of("CHN", "EU").toString()).isEqualTo("CHN-EU");
    }

    @Test
    void territoriesAndOrganisations_areKnownActors() {
        assertThat(Actors.isKnown("TWN")).isTrue();
        assertThat(Actors.isKnown("HKG")).isTrue();
        assertThat(Actors.find("EU")).get().extracting(Actor::kind).isEqualTo(Actor.Kind.ORGANISATION);
        assertThat(Actors.find("BEL")).get().extracting(Actor::name).isEqualTo("Belgium");
    }

    @Test
    void unknownCode_isRejectedNamingIt() {
        assertThatThrownBy(() -> DyadId.parse("BEL-XYZ"))
                .isInstanceOf(InvalidDyadException.class).hasMessageContaining("'XYZ' is not a known actor code");
        assertThatThrownBy(() -> DyadId.parse("bel-chn")).isInstanceOf(InvalidDyadException.class);
    }

    @Test
    void sameActorTwice_isRejected() {
        assertThatThrownBy(() -> DyadId.parse("BEL-BEL"))
                .isInstanceOf(InvalidDyadException.class).hasMessageContaining("two different actors");
    }

    @Test
    void malformedIds_areRejected() {
        for (String bad : new String[] {"BEL", "BEL-CHN-FRA", "BELCHN", "-", "BEL-"}) {
            assertThatThrownBy(() -> DyadId.parse(bad)).as(bad).isInstanceOf(InvalidDyadException.class);
        }
    }

    @Test
    void dyad_knowsItsActors() {
        assertThat(DyadId.parse("CHN-BEL").involves("BEL")).isTrue();
        assertThat(DyadId.parse("CHN-BEL").involves("FRA")).isFalse();
    }
}
