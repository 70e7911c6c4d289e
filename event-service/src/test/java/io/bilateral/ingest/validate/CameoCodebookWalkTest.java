package io.bilateral.ingest.validate;

import io.bilateral.events.cameo.CameoCode;
import io.bilateral.events.cameo.CameoCodebook;
import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.envelope.EventJson;
import io.bilateral.events.event.EventCoding;
import io.bilateral.events.event.Interaction;
import io.bilateral.events.problem.Violation;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Collection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every code of the shipped CAMEO codebook is a valid Interaction, coded from the codebook alone. */
class CameoCodebookWalkTest {

    private final SubmissionReader reader = new SubmissionReader(Clock.systemUTC());

    static String interaction(String cameo) {
        return """
                {"type": "Interaction", "dyad": "LTU-CHN", "occurred": "2021-08-10", "cameo": "%s", "actor": "CHN", "target": "LTU",
                 "sources": [{"url": "https://en.wikipedia.org/wiki/China%%E2%%80%%93Lithuania_relations"}]}""".formatted(cameo);
    }

    @Test
    void theShippedCodebook_hasEveryCodeOfItsTwentyRoots_eachWithAScore() {
        Collection<CameoCode> codes = CameoCodebook.all();
        assertThat(codes).hasSize(311);
        assertThat(codes).extracting(CameoCode::root).containsOnly(
                "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20");
        assertThat(codes).allSatisfy(c -> {
            assertThat(c.goldstein()).isBetween(-10.0, 10.0);
            assertThat(c.quadClass()).isBetween(1, 4);
            assertThat(c.label()).isNotBlank();
        });
        // Spot checks against GDELT's lookup files.
        assertThat(CameoCodebook.find("042")).get().satisfies(c -> assertThat(c.goldstein()).isEqualTo(1.9));
        assertThat(CameoCodebook.find("163")).get().satisfies(c -> {
            assertThat(c.goldstein()).isEqualTo(-8.0);
            assertThat(c.quadClass()).isEqualTo(4);
            assertThat(c.plover()).isEqualTo("SANCTION");
        });
        assertThat(CameoCodebook.find("0874")).get().satisfies(c -> assertThat(c.goldstein()).isEqualTo(10.0));
    }

    @Test
    void everyCodeOfTheCodebook_isAcceptedAsAnInteraction_withItsScoreAndRootFromTheCodebook() {
        for (CameoCode code : CameoCodebook.all()) {
            EventEnvelope e = reader.read(interaction(code.code()));
            assertThat(e.event()).isInstanceOf(Interaction.class);
            EventCoding coding = e.event().coding();
            assertThat(coding.cameo()).as(code.code()).isEqualTo(code.code());
            assertThat(coding.goldstein()).as(code.code()).isEqualTo(code.goldstein());
            assertThat(coding.root()).as(code.code()).isEqualTo(code.root());
            assertThat(coding.quadClass()).as(code.code()).isEqualTo(code.quadClass());
            // And so it travels in the log: the record's coding is the codebook's.
            assertThat(EventJson.toJson(e).get("coding").get("goldstein").asDouble()).isEqualTo(code.goldstein());
        }
    }

    @Test
    void anUnknownCode_isRefusedOnCameo() {
        for (String unknown : List.of("999", "0", "04a", "", "1126")) {
            assertThat(violations(interaction(unknown))).extracting(Violation::pointer).as(unknown).containsExactly("/cameo");
        }
    }

    @Test
    void aCodingInTheBody_isRefused_theServerDerivesIt() {
        String typed = interaction("042").replace("\"cameo\"", "\"coding\": {\"goldstein\": 10.0}, \"cameo\"");
        assertThat(violations(typed)).extracting(Violation::pointer).contains("/coding");
    }

    @Test
    void anInteraction_isBetweenTheTwoActorsOfItsDyad() {
        assertThat(violations(interaction("042").replace("\"target\": \"LTU\"", "\"target\": \"TWN\"")))
                .extracting(Violation::pointer).containsExactly("/target");
        assertThat(violations(interaction("042").replace("\"target\": \"LTU\"", "\"target\": \"CHN\"")))
                .extracting(Violation::pointer).containsExactly("/target");
    }

    private List<Violation> violations(String body) {
        InvalidSubmissionException e = catchThrowableOfType(InvalidSubmissionException.class, () -> reader.read(body));
        assertThat(e).as("expected a rejection of " + body).isNotNull();
        return e.violations();
    }
}
