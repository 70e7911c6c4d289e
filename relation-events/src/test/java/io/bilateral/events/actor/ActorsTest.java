package io.bilateral.events.actor;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActorsTest {

    @Test
    void formerStates_andKosovo_areActors_withTheYearsTheyExisted() {
        assertThat(Actors.find("SUN")).get().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Actor.Kind.FORMER_STATE);
            assertThat(a.years()).isEqualTo("1922–1991");
            assertThat(a.existedWithin(1991, 1991)).isTrue();
            assertThat(a.existedWithin(1992, 2000)).isFalse();
        });
        for (String code : List.of("SUN", "YUG", "DDR", "CSK", "SCG", "ANT", "ZAR", "XKX")) {
            assertThat(Actors.isKnown(code)).as(code).isTrue();
        }
        assertThat(Actors.find("XKX")).get().satisfies(a -> assertThat(a.years()).isEqualTo("since 2008"));
        assertThat(DyadId.parse("SUN-USA").toString()).isEqualTo("SUN-USA");
    }

    @Test
    void anOperatorsOrganisations_becomeActors_whileStateCodesCannotBeTaken() {
        assertThat(Actors.isKnown("OSCE")).isFalse();
        Actors.addOrganisations(List.of("OSCE=Organization for Security and Co-operation in Europe"));
        assertThat(Actors.find("OSCE")).get().satisfies(a -> assertThat(a.kind()).isEqualTo(Actor.Kind.ORGANISATION));
        assertThat(DyadId.parse("RUS-OSCE").toString()).isEqualTo("OSCE-RUS");
        assertThat(Actors.organisationCodes()).contains("OSCE", "EU");

        assertThatThrownBy(() -> Actors.addOrganisations(List.of("BEL=Not Belgium"))).hasMessageContaining("already Belgium");
        assertThatThrownBy(() -> Actors.addOrganisations(List.of("osce"))).hasMessageContaining("CODE=Name");
        assertThatThrownBy(() -> Actors.addOrganisations(List.of("o=lower case"))).hasMessageContaining("upper-case");
        assertThat(Actors.find("BEL")).get().satisfies(a -> assertThat(a.name()).isEqualTo("Belgium"));
    }
}
