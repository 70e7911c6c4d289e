package io.bilateral.localstack;

import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Which stack the tests run on: the local one unless containers are asked for by name; anything else refused by name. */
class StackChoiceTest {

    @Test
    void nothingOrLocal_isTheLocalStack() {
        assertThat(StackChoice.of(null)).isEqualTo(StackChoice.LOCAL);
        assertThat(StackChoice.of("")).isEqualTo(StackChoice.LOCAL);
        assertThat(StackChoice.of("  ")).isEqualTo(StackChoice.LOCAL);
        assertThat(StackChoice.of("local")).isEqualTo(StackChoice.LOCAL);
    }

    @Test
    void containers_isTestcontainers_inAnyCase() {
        assertThat(StackChoice.of("containers")).isEqualTo(StackChoice.CONTAINERS);
        assertThat(StackChoice.of(" Containers ")).isEqualTo(StackChoice.CONTAINERS);
    }

    @Test
    void anyOtherValue_isRefused_namingTheChoices() {
        assertThatThrownBy(() -> StackChoice.of("docker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'docker'").hasMessageContaining("local").hasMessageContaining("containers");
    }

    @Test
    void theSystemProperty_comesBeforeTheEnvironment() {
        String before = System.getProperty(StackChoice.PROPERTY);
        try {
            System.setProperty(StackChoice.PROPERTY, "containers");
            assertThat(StackChoice.configured()).isEqualTo(StackChoice.CONTAINERS);
            System.setProperty(StackChoice.PROPERTY, "local");
            assertThat(StackChoice.configured()).isEqualTo(StackChoice.LOCAL);
        } finally {
            if (before == null) {
                System.clearProperty(StackChoice.PROPERTY);
            } else {
                System.setProperty(StackChoice.PROPERTY, before);
            }
        }
    }

    /** Where no Docker engine answers (this project's CI), asking for containers fails at once and says why. */
    @Test
    void containers_withoutADockerEngine_failSayingSo() {
        assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "a Docker engine answers here");
        assertThatThrownBy(() -> StackChoice.CONTAINERS.start(Path.of("target", "unused")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Docker engine").hasMessageContaining("local stack is the default");
    }
}
