package io.bilateral.ingest.validate;

import io.bilateral.events.envelope.EventEnvelope;
import io.bilateral.events.problem.Violation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Former states and Kosovo are actors, for the years they existed; a fact dated outside them is refused on /occurred. */
class HistoricalActorsTest {

    private final SubmissionReader reader = new SubmissionReader(Clock.systemUTC());

    private static String established(String dyad, String occurred) {
        return """
                {"type": "DiplomaticRelationsEstablished", "dyad": "%s", "occurred": "%s",
                 "sources": [{"url": "https://example.org/history"}]}""".formatted(dyad, occurred);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"SUN-USA, 1933-11-16", "YUG-FRA, 1945", "DDR-BEL, 1973-01", "CSK-AUT, 1919", "XKX-ALB, 2008-02-18",
            "ZAR-BEL, 1971/1997", "SCG-ITA, 2003-02-04", "ANT-NLD, 1990", "DDR-DEU, ../1975"})
    void aFormerState_isAnActor_forTheYearsItExisted(String dyad, String occurred) {
        EventEnvelope e = reader.read(established(dyad, occurred));
        assertThat(e.dyad().toString()).contains(dyad.substring(0, 3));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"SUN-USA, 1992-01-01", "SUN-USA, 1918", "YUG-FRA, 2004", "DDR-BEL, 1991-03", "CSK-AUT, 1993-01-01",
            "XKX-ALB, 2007-12", "ZAR-BEL, 1998/2001", "SUN-CHN, 1995/.."})
    void aFactDatedWhenItsStateDidNotExist_isRefusedOnOccurred(String dyad, String occurred) {
        List<Violation> v = violations(established(dyad, occurred));
        assertThat(v).extracting(Violation::pointer).containsExactly("/occurred");
        assertThat(v.get(0).detail()).contains("outside the years");
    }

    @Test
    void anIncidentKnownOnlyByItsDisclosure_isCheckedOnDisclosed() {
        String body = """
                {"type": "EspionageAllegation", "dyad": "SUN-GBR", "disclosed": "1995", "accused": "SUN", "kind": "intelligence",
                 "sources": [{"url": "https://example.org/history"}]}""";
        assertThat(violations(body)).extracting(Violation::pointer).containsExactly("/disclosed");
    }

    @Test
    void alsoConcerns_namesOtherDyads_onceEach() {
        String office = """
                {"type": "MissionOpened", "dyad": "LTU-TWN", "occurred": "2021-11-18", "alsoConcerns": %s,
                 "mission": {"kind": "REPRESENTATIVE_OFFICE", "sendingState": "TWN", "hostState": "LTU", "city": "Vilnius"},
                 "sources": [{"url": "https://example.org/office"}]}""";
        assertThat(reader.read(office.formatted("[\"CHN-LTU\"]")).event().alsoConcerns()).hasSize(1);
        assertThat(violations(office.formatted("[\"TWN-LTU\"]"))).extracting(Violation::pointer).containsExactly("/alsoConcerns/0");
        assertThat(violations(office.formatted("[\"CHN-LTU\", \"LTU-CHN\"]"))).extracting(Violation::pointer).containsExactly("/alsoConcerns/1");
        assertThat(violations(office.formatted("[\"CHN-XYZ\"]"))).extracting(Violation::pointer).containsExactly("/alsoConcerns/0");
        String retraction = """
                {"type": "FactRetracted", "dyad": "LTU-TWN", "factId": "ltu-twn-office", "basedOnRevision": 1, "reason": "ERRONEOUS",
                 "alsoConcerns": ["CHN-LTU"], "sources": [{"url": "https://example.org/office"}]}""";
        assertThat(violations(retraction)).extracting(Violation::pointer).containsExactly("/alsoConcerns");
    }

    private List<Violation> violations(String body) {
        InvalidSubmissionException e = catchThrowableOfType(InvalidSubmissionException.class, () -> reader.read(body));
        assertThat(e).as("expected a rejection of " + body).isNotNull();
        return e.violations();
    }
}
