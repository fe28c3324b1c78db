package io.jenkins.plugins.deploygates.steps;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.report.DeployGatesReport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/**
 * Renders a report folder of the workspace into its HTML page and stylesheet, on the agent where the records
 * are. A pure function of (workspace, dir, out); returns the two files written, relative to the workspace, page
 * first. Each skipped record is reported on the build's console.
 */
final class RenderReportCallable extends MasterToSlaveFileCallable<ArrayList<String>> {
    private static final long serialVersionUID = 1L;

    private final String dir;
    private final String out;
    private final TaskListener listener;

    /** @param out the page, relative to the workspace, or null for the default page inside {@code dir} */
    RenderReportCallable(String dir, String out, TaskListener listener) {
        this.dir = dir;
        this.out = out;
        this.listener = listener;
    }

    @Override
    public ArrayList<String> invoke(File workspace, VirtualChannel channel) throws IOException {
        Path root = workspace.toPath().toRealPath();
        Path records = inside(root, "dir", dir);
        ConfigurationException.require(!records.equals(root), "dir '" + dir + "' is the workspace itself: give the "
                + "folder the steps wrote into, such as deploy-gates-reports.");
        Path page = out == null ? null : inside(root, "out", out);
        DeployGatesReport.Written written = new DeployGatesReport(Redactor.byShape(), Clock.systemUTC(),
                line -> listener.getLogger().println("[" + DeployGatesReportStep.STEP + "] " + line))
                .write(records, page);
        return new ArrayList<>(List.of(relative(root, written.page()), relative(root, written.stylesheet())));
    }

    /**
     * Both paths come from the Jenkinsfile; neither may leave the workspace, by name or through a link: the path
     * is checked as written, then by the real path of the part that exists (links resolved), so a folder planted as
     * a link to somewhere else on the agent is refused before anything is read or written there.
     *
     * @return the path with the existing part replaced by its real path
     */
    static Path inside(Path root, String parameter, String relative) throws IOException {
        Path resolved = root.resolve(relative).normalize();
        ConfigurationException.require(resolved.startsWith(root), parameter + " '" + relative
                + "' points outside the workspace: give a path relative to the workspace.");
        Path existing = resolved;
        while (!existing.equals(root) && Files.notExists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(parameter + " '" + relative + "' leads through a link to nothing: "
                    + "remove the link or give another folder.");
        }
        ConfigurationException.require(real.startsWith(root), parameter + " '" + relative + "' leads outside the "
                + "workspace through a symbolic link: give a folder that is really inside the workspace.");
        return real.resolve(existing.relativize(resolved));
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(File.separatorChar, '/');
    }
}
