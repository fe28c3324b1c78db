package io.jenkins.plugins.deploygates.steps;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jenkins.MasterToSlaveFileCallable;

/**
 * Reads one small file of the workspace on the agent, for a parameter that names it (a trust store). A pure
 * function of (workspace, path, cap): the file must be inside the workspace once links are resolved (the same rule
 * as the report's folders, {@link RenderReportCallable#inside}), and no larger than the cap.
 */
final class ReadWorkspaceFile extends MasterToSlaveFileCallable<byte[]> {
    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final String path;
    private final long maxBytes;

    ReadWorkspaceFile(String parameter, String path, long maxBytes) {
        this.parameter = parameter;
        this.path = path;
        this.maxBytes = maxBytes;
    }

    @Override
    public byte[] invoke(File workspace, VirtualChannel channel) throws IOException {
        Path real = RenderReportCallable.inside(workspace.toPath().toRealPath(), parameter, path);
        ConfigurationException.require(Files.isRegularFile(real), parameter + " '" + path
                + "' is not a file in the workspace: give a path relative to the workspace.");
        ConfigurationException.require(Files.size(real) <= maxBytes, parameter + " '" + path + "' is larger than "
                + maxBytes / 1024 + " KiB: give the server's certificate (PEM) or a small trust store.");
        return Files.readAllBytes(real);
    }
}
