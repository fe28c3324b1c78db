package io.jenkins.plugins.deploygates.steps;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.report.DeployGatesReport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import jenkins.MasterToSlaveFileCallable;

/**
 * Renders a report folder of the workspace into its HTML page, on the agent where the records are. A pure
 * function of (workspace, dir, out); returns the page's path relative to the workspace.
 */
final class RenderReportCallable extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;

    private final String dir;
    private final String out;

    /** @param out the page, relative to the workspace, or null for the default page inside {@code dir} */
    RenderReportCallable(String dir, String out) {
        this.dir = dir;
        this.out = out;
    }

    @Override
    public String invoke(File workspace, VirtualChannel channel) throws IOException {
        Path root = workspace.toPath().toAbsolutePath().normalize();
        Path records = inside(root, "dir", dir);
        Path page = out == null ? null : inside(root, "out", out);
        Path written = new DeployGatesReport(Redactor.byShape(), Clock.systemUTC()).write(records, page);
        return root.relativize(written).toString().replace(File.separatorChar, '/');
    }

    /** Both paths come from the Jenkinsfile; neither may leave the workspace. */
    private static Path inside(Path root, String parameter, String relative) {
        Path resolved = root.resolve(relative).normalize();
        ConfigurationException.require(resolved.startsWith(root), parameter + " '" + relative
                + "' points outside the workspace: give a path relative to the workspace.");
        // The whole workspace holds the checkout's own JSON files, which would all be listed as skipped.
        ConfigurationException.require(!resolved.equals(root), parameter + " '" + relative
                + "' is the workspace itself: give the folder the steps wrote into, such as deploy-gates-reports.");
        return resolved;
    }
}
