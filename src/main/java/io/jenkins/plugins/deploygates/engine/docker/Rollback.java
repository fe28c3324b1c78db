package io.jenkins.plugins.deploygates.engine.docker;

import io.jenkins.plugins.deploygates.engine.common.Durations;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the images the services ran before a deploy under a rollback tag
 * ({@code shop-web:deploy-gates-previous-shop-web}), and puts them back: re-tag them as the names the services use,
 * recreate the containers without building, and verify again. The tag moves only once the new images are built
 * and about to replace the old containers, so a build that fails leaves it on the release before.
 */
final class Rollback {
    private Rollback() {}

    /** The image each chosen service runs now (its first container), by id: a later build cannot move it. */
    static List<ServiceImage> running(ComposeSession session, List<ContainerState> before) {
        List<ServiceImage> running = new ArrayList<>();
        for (String service : session.services) {
            before.stream().filter(c -> c.service().equals(service)).findFirst()
                    .ifPresent(c -> running.add(ServiceImage.of(c)));
        }
        return running;
    }

    /** Tags the images about to be replaced, so this deploy can be rolled back. */
    static void keep(ComposeSession session, List<ServiceImage> images) throws IOException, InterruptedException {
        DockerCommands commands = session.commands;
        commands.checkAll(images.stream().map(image -> commands.docker("tag", image.imageId(), image.rollbackTag()))
                .toList(), commands.quick());
        if (images.isEmpty()) {
            session.commands.log().line("No running containers yet: this first deployment cannot be rolled back.");
        }
    }

    static Verification restore(ComposeSession session, List<ServiceImage> previous, Verifier verifier,
            ComposeOptions options) throws IOException, InterruptedException {
        DockerCommands commands = session.commands;
        List<String> services = previous.stream().map(ServiceImage::service).toList();
        commands.log().line("Rolling back " + String.join(", ", services) + " to the images they ran before.");
        commands.checkAll(previous.stream().map(image -> commands.docker("tag", image.rollbackTag(), image.imageRef()))
                .toList(), commands.quick());
        List<String> up = new ArrayList<>(List.of("up", "-d", "--force-recreate", "--no-build"));
        up.addAll(waitArgs(session.flavour, options));
        List<String> argv = commands.composeForServices(up, services);
        ProcessResult result = commands.attempt(argv, options.commandTimeout(), true);
        if (!result.succeeded()) {
            commands.log().line(DockerCommands.failure(argv, result, options.commandTimeout()) + ".");
        }
        return explain(verifier.verify(services, !session.flavour.supportsWait()), argv, result, options);
    }

    /**
     * A failed verification after {@code up} says what ended the wait: a command that hung, or the wait running out
     * while a service was still starting; otherwise the containers' own state is the news.
     */
    static Verification explain(Verification verification, List<String> argv, ProcessResult result,
            ComposeOptions options) {
        if (verification.ok()) {
            return verification;
        }
        if (result.timedOut()) {
            return verification.because(verification.reason() + " (after "
                    + DockerCommands.failure(argv, result, options.commandTimeout()) + ")");
        }
        if (verification.pending()) {
            return verification.because("waitTimeout " + Durations.format(options.waitTimeout()) + " ran out: "
                    + verification.reason());
        }
        return verification;
    }

    /** {@code --wait --wait-timeout N} where Compose has them (N in whole seconds, at least 1). */
    static List<String> waitArgs(ComposeFlavour flavour, ComposeOptions options) {
        if (!flavour.supportsWait()) {
            return List.of();
        }
        long seconds = Math.max(1, (options.waitTimeout().toMillis() + 999) / 1000);
        return List.of("--wait", "--wait-timeout", String.valueOf(seconds));
    }

    static String describe(List<ServiceImage> previous) {
        return String.join(", ", previous.stream().map(i -> i.service() + " " + ContainerState.shortId(i.imageId()))
                .toList());
    }
}
