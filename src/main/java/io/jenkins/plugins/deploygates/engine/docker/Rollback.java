package io.jenkins.plugins.deploygates.engine.docker;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the images the services run before a rebuild under a rollback tag
 * ({@code shop-web:deploy-gates-previous-shop-web}),
 * and puts them back: re-tag them as the names the services use, recreate the containers without building, and
 * verify again.
 */
final class Rollback {
    private Rollback() {}

    static List<ServiceImage> keepPrevious(ComposeSession session, List<ContainerState> before)
            throws IOException, InterruptedException {
        List<ServiceImage> kept = new ArrayList<>();
        for (String service : session.services) {
            for (ContainerState c : before) {
                if (c.service().equals(service) && kept.stream().noneMatch(k -> k.service().equals(service))) {
                    ServiceImage image = ServiceImage.of(c);
                    session.commands.check(session.commands.docker("tag", c.imageId(), image.rollbackTag()),
                            session.commands.quick(), false);
                    kept.add(image);
                }
            }
        }
        if (kept.isEmpty()) {
            session.commands.log().line("No running containers yet: this first deployment cannot be rolled back.");
        }
        return kept;
    }

    static Verification restore(ComposeSession session, List<ServiceImage> previous, Verifier verifier,
            ComposeOptions options) throws IOException, InterruptedException {
        DockerCommands commands = session.commands;
        List<String> services = previous.stream().map(ServiceImage::service).toList();
        commands.log().line("Rolling back " + String.join(", ", services) + " to the images they ran before.");
        for (ServiceImage image : previous) {
            commands.check(commands.docker("tag", image.rollbackTag(), image.imageRef()),
                    commands.quick(), false);
        }
        List<String> up = new ArrayList<>(List.of("up", "-d", "--force-recreate", "--no-build"));
        up.addAll(waitArgs(session.flavour, options));
        up.addAll(services);
        ProcessResult result = commands.attempt(commands.compose(up), options.commandTimeout(), true);
        if (!result.succeeded()) {
            commands.log().line(DockerCommands.failure(commands.compose(up), result, options.commandTimeout()) + ".");
        }
        return withHang(verifier.verify(services, !session.flavour.supportsWait()), commands.compose(up), result,
                options);
    }

    /** A failed verification after a command that hung says so: the hang, not the containers, is the news. */
    static Verification withHang(Verification verification, List<String> argv, ProcessResult result,
            ComposeOptions options) {
        if (verification.ok() || !result.timedOut()) {
            return verification;
        }
        return new Verification(verification.failingService(), verification.reason() + " (after "
                + DockerCommands.failure(argv, result, options.commandTimeout()) + ")", verification.containers());
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
