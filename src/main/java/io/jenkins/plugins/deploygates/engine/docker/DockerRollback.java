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
 * {@code dockerRollback}: on demand, puts back the images {@link DockerRebuild} kept before its last build and
 * verifies the services the same way.
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
     */
    public Map<String, Object> run(ComposeOptions options) throws IOException, InterruptedException {
        options.validate();
        Redactor redactor = Redactor.byShape();
        ComposeSession session = ComposeSession.open(runner, directory, environment, options,
                log.redacting(redactor));
        DockerReport report = new DockerReport("dockerRollback", session.flavour.describe(), options.projectName(),
                redactor);
        try {
            List<ServiceImage> previous = kept(session);
            Verification back = Rollback.restore(session, previous, new Verifier(session.reader, options, timing),
                    options);
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
        } catch (CommandFailedException e) {
            report.failed(e.getMessage());
            throw new GateFailedException("rollback failed: " + e.getMessage() + ".");
        } catch (InterruptedException e) {
            report.interrupted("the rollback");
            throw e;
        } finally {
            report.write(directory, options);
        }
    }

    /** The services whose image has a rollback tag, learnt from the containers that run now. */
    private static List<ServiceImage> kept(ComposeSession session) throws IOException, InterruptedException {
        List<ContainerState> now = session.reader.snapshot();
        List<ServiceImage> wanted = new ArrayList<>();
        for (String service : session.services) {
            now.stream().filter(c -> c.service().equals(service)).findFirst()
                    .ifPresent(c -> wanted.add(ServiceImage.of(c)));
        }
        Map<String, String> tagged = session.reader.imageIds(wanted.stream().map(ServiceImage::rollbackTag).toList());
        List<ServiceImage> previous = new ArrayList<>();
        for (ServiceImage image : wanted) {
            String id = tagged.get(image.rollbackTag());
            if (id != null) {
                previous.add(new ServiceImage(image.project(), image.service(), image.imageRef(), id));
            }
        }
        ConfigurationException.require(!previous.isEmpty(), "There is no previous image to roll back to for "
                + String.join(", ", session.services) + ": dockerRebuild keeps one (tagged deploy-gates-previous) "
                + "only when it replaces running containers.");
        return previous;
    }
}
