package io.jenkins.plugins.deploygates.engine.docker;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.GateFailedException;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code dockerRollback}: on demand, puts back the images {@link DockerRebuild} kept when it last replaced the
 * containers, and verifies the services the same way. A service that already runs its kept image is left alone;
 * when every one does, there is nothing to go back to and it says so.
 */
public final class DockerRollback {
    private final ProcessRunner runner;
    private final Path directory;
    private final Map<String, String> environment;
    private final ProgressLog log;
    private final Timing timing;

    public DockerRollback(ProcessRunner runner, Path directory, Map<String, String> environment, ProgressLog log,
            Timing timing) {
        this.runner = runner;
        this.directory = directory;
        this.environment = environment;
        this.log = log;
        this.timing = timing;
    }

    /**
     * @throws ConfigurationException when nothing was kept to roll back to (or docker / the file is not usable)
     * @throws GateFailedException when the restored services fail verification
     * @throws InterruptedException when stopped from outside; its message says what to do
     */
    public Map<String, Object> run(ComposeOptions options) throws IOException, InterruptedException {
        options.validate();
        RecordFile record = RecordFile.prepare(directory, options.reportDir(), "dockerRollback");
        Redactor redactor = Redactor.byShape();
        ProgressLog redacted = log.redacting(redactor);
        DockerReport report = new DockerReport("dockerRollback", options.projectName(), redactor);
        boolean restoring = false;
        try {
            ComposeSession session = ComposeSession.open(runner, directory, environment, options, redacted);
            report.session(session);
            List<ServiceImage> previous = kept(session);
            restoring = true;
            Verification back = Rollback.restore(session, previous, new Verifier(session, options, timing), options);
            DockerRebuild.printTable(session.commands.log(), "After rollback:", session.services, back);
            report.services(back.containers());
            report.rolledBack(previous, back);
            if (!back.ok()) {
                report.failed(back.reason());
                throw new GateFailedException("rollback failed: " + back.reason() + ".");
            }
            report.passed();
            session.commands.log().line("dockerRollback passed: " + Rollback.describe(previous) + " run again.");
            return report.toMap();
        } catch (ConfigurationException e) {
            report.failed(e.getMessage());
            throw e;
        } catch (CommandFailedException e) {
            report.failed(e.getMessage());
            throw new GateFailedException("rollback failed: " + e.getMessage() + ".");
        } catch (InterruptedException e) {
            String what = restoring ? "the rollback was under way; run docker-rollback again to finish it"
                    : "nothing was changed yet";
            report.interrupted(what);
            redacted.line("dockerRollback stopped: " + what + ".");
            throw new InterruptedException(what);
        } finally {
            record.write(report.toMap());
        }
    }

    /** The services whose kept image differs from the one they run, learnt from the containers that run now. */
    private static List<ServiceImage> kept(ComposeSession session) throws IOException, InterruptedException {
        List<ServiceImage> running = Rollback.running(session, session.before);
        Map<String, String> tagged = session.reader.imageIds(running.stream().map(ServiceImage::rollbackTag).toList());
        List<ServiceImage> previous = new ArrayList<>();
        List<ServiceImage> current = new ArrayList<>();
        for (ServiceImage image : running) {
            String id = tagged.get(image.rollbackTag());
            if (id != null && id.equals(image.imageId())) {
                current.add(image);
            } else if (id != null) {
                previous.add(new ServiceImage(image.project(), image.service(), image.imageRef(), id));
            }
        }
        ConfigurationException.require(!previous.isEmpty() || !current.isEmpty(), "There is no previous image to "
                + "roll back to for " + String.join(", ", session.services) + ": dockerRebuild keeps one (tagged "
                + "deploy-gates-previous) only when it replaces running containers.");
        ConfigurationException.require(!previous.isEmpty(), String.join(", ", current.stream()
                .map(ServiceImage::service).toList()) + (current.size() == 1 ? " already runs the image" : " already run"
                + " the images") + " kept for rollback (" + Rollback.describe(current) + "): there is nothing older "
                + "to go back to, so nothing was changed.");
        if (!current.isEmpty()) {
            session.commands.log().line(Rollback.describe(current) + ": already the image kept for rollback; left as"
                    + " it is.");
        }
        return previous;
    }
}
