package io.jenkins.plugins.deploygates.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where smokeAuthFlow reads its mailbox trust store: the code being deployed owns the workspace and may plant links
 * in it, so the file is read only when its real path (links resolved) is inside the workspace. Whatever the link
 * points at outside stays unread: its content never reaches the controller.
 */
class ReadWorkspaceFileTest {
    private static final long CAP = 1024 * 1024;

    @TempDir
    Path workspace;
    @TempDir
    Path outside;

    private byte[] read(String path) throws Exception {
        return new ReadWorkspaceFile("mailboxTrustStore", path, CAP).invoke(workspace.toFile(), null);
    }

    private Path secretOutside() throws Exception {
        return Files.writeString(outside.resolve("id_rsa"), "-----BEGIN OPENSSH PRIVATE KEY-----");
    }

    @Test
    void readsAFileOfTheWorkspace() throws Exception {
        Files.createDirectories(workspace.resolve("certs"));
        Files.writeString(workspace.resolve("certs/mail-ca.pem"), "-----BEGIN CERTIFICATE-----");

        assertThat(new String(read("certs/mail-ca.pem"), StandardCharsets.US_ASCII))
                .isEqualTo("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void aTrustStorePlantedAsALinkToAFileOutsideTheWorkspaceIsRefusedUnread() throws Exception {
        Files.createDirectories(workspace.resolve("certs"));
        Files.createSymbolicLink(workspace.resolve("certs/mail-ca.pem"), secretOutside());

        assertThatThrownBy(() -> read("certs/mail-ca.pem")).isInstanceOf(ConfigurationException.class)
                .hasMessage("mailboxTrustStore 'certs/mail-ca.pem' leads outside the workspace through a symbolic"
                        + " link: give a folder that is really inside the workspace.");
    }

    @Test
    void aFolderPlantedAsALinkOutOfTheWorkspaceIsRefusedUnread() throws Exception {
        secretOutside();
        Files.createSymbolicLink(workspace.resolve("certs"), outside);

        assertThatThrownBy(() -> read("certs/id_rsa")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'certs/id_rsa' leads outside the workspace through a symbolic link");
    }

    @Test
    void aLinkThatStaysInsideTheWorkspaceIsFollowed() throws Exception {
        Files.writeString(workspace.resolve("ca.pem"), "inside");
        Files.createDirectories(workspace.resolve("certs"));
        Files.createSymbolicLink(workspace.resolve("certs/mail-ca.pem"), Path.of("../ca.pem"));

        assertThat(new String(read("certs/mail-ca.pem"), StandardCharsets.US_ASCII)).isEqualTo("inside");
    }

    @Test
    void aLinkToNothingIsRefused() throws Exception {
        Files.createSymbolicLink(workspace.resolve("mail-ca.pem"), outside.resolve("gone"));

        assertThatThrownBy(() -> read("mail-ca.pem")).isInstanceOf(ConfigurationException.class)
                .hasMessage("mailboxTrustStore 'mail-ca.pem' leads through a link to nothing: remove the link or give"
                        + " another folder.");
    }

    @Test
    void aPathOutsideTheWorkspaceByNameIsRefused() throws Exception {
        secretOutside();

        assertThatThrownBy(() -> read("../" + outside.getFileName() + "/id_rsa"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("points outside the workspace");
        assertThatThrownBy(() -> read(outside.resolve("id_rsa").toString()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("points outside the workspace");
    }
}
