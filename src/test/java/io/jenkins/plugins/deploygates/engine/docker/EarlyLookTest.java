package io.jenkins.plugins.deploygates.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The name the first look is taken under before Compose has read the file: Compose v2's own order of choice. */
class EarlyLookTest {
    @TempDir
    Path root;

    @Test
    void projectNameOptionWinsOverTheEnvironmentAndTheFolder() {
        assertThat(EarlyLook.expectedName(new ComposeOptions().projectName("shop"),
                Map.of("COMPOSE_PROJECT_NAME", "other"), root)).isEqualTo("shop");
    }

    @Test
    void composeProjectNameWinsOverTheFolder() {
        assertThat(EarlyLook.expectedName(new ComposeOptions(), Map.of("COMPOSE_PROJECT_NAME", "other"), root))
                .isEqualTo("other");
    }

    @Test
    void theFolderOfTheFirstFileIsLowerCasedAndStrippedOfWhatANameCannotHave() throws Exception {
        Path app = Files.createDirectories(root.resolve("_My Shop.v2"));

        assertThat(EarlyLook.expectedName(new ComposeOptions(), Map.of(), app)).isEqualTo("myshopv2");
        assertThat(EarlyLook.expectedName(new ComposeOptions().files(List.of("deploy/compose.yml")),
                Map.of(), app)).isEqualTo("deploy");
    }
}
