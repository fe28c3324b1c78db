package io.jenkins.plugins.deploygates.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComposeOptionsTest {
    @Test
    void defaultsAreTheIssuesDefaults() {
        ComposeOptions o = new ComposeOptions().validate();
        assertThat(o.files()).containsExactly("docker-compose.yml");
        assertThat(o.noCache()).isTrue();
        assertThat(o.pull()).isTrue();
        assertThat(o.removeOrphans()).isTrue();
        assertThat(o.rollbackOnFailure()).isTrue();
        assertThat(o.waitTimeout()).isEqualTo(Duration.ofMinutes(3));
        assertThat(o.stableFor()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void eachMistakeNamesItsParameter() {
        assertThatThrownBy(() -> new ComposeOptions().dockerHost("ssh://a").context("b").validate())
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("dockerHost and context");
        assertThatThrownBy(() -> new ComposeOptions().projectName("My App").validate())
                .hasMessageStartingWith("projectName 'My App' is not a valid Compose project name");
        assertThatThrownBy(() -> new ComposeOptions().buildSecrets(List.of("NPM_TOKEN=abc")).validate())
                .hasMessageStartingWith("buildSecrets 'NPM_TOKEN=abc' is not an environment variable name");
        assertThatThrownBy(() -> new ComposeOptions().waitTimeout(Duration.ZERO).validate())
                .hasMessageStartingWith("waitTimeout must be longer than zero");
    }

    @Test
    void splitsListsAsTypedInForms() {
        assertThat(ComposeOptions.split(" web, worker  db ,")).containsExactly("web", "worker", "db");
        assertThat(ComposeOptions.split(null)).isEmpty();
    }

    @Test
    void rollbackTagKeepsTheRepositoryAndItsRegistryPort() {
        assertThat(ContainerReader.rollbackTag("shop-web", "shop", "web"))
                .isEqualTo("shop-web:deploy-gates-previous-shop-web");
        assertThat(ContainerReader.rollbackTag("registry:5000/shop/web:1.2", "shop", "web"))
                .isEqualTo("registry:5000/shop/web:deploy-gates-previous-shop-web");
        assertThat(ContainerReader.rollbackTag("postgres:16", "my app", "db"))
                .isEqualTo("postgres:deploy-gates-previous-my-app-db");
        assertThat(ContainerReader.fullName("registry:5000/web")).isEqualTo("registry:5000/web:latest");
    }
}
