package io.jenkins.plugins.deploygates.engine.smoke.mail;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What a wait for the run's email found: the newest message to the run's address, how many came to that address,
 * and which other runs of the same mailbox got mail meanwhile (so a failed check can say who read what).
 */
public final class MailWait {
    private final MailMessage message;
    private final int toAddress;
    private final Set<String> otherRuns;

    private MailWait(MailMessage message, int toAddress, Set<String> otherRuns) {
        this.message = message;
        this.toAddress = toAddress;
        this.otherRuns = otherRuns;
    }

    static MailWait of(List<MailMessage> arrived, String address, Predicate<String> otherRun) {
        List<MailMessage> ours = arrived.stream().filter(m -> m.isFor(address)).toList();
        Set<String> others = new TreeSet<>();
        // the run's own email may also name the bare address (Delivered-To): only other emails speak of other runs
        arrived.stream().filter(m -> !m.isFor(address))
                .forEach(m -> m.recipients().stream().filter(otherRun).forEach(r -> others.add(r.toLowerCase())));
        // servers stamp arrival to the second: of two in the same second, the one listed later arrived later
        MailMessage newest = ours.stream().reduce((a, b) -> b.receivedAt().isBefore(a.receivedAt()) ? a : b)
                .orElse(null);
        return new MailWait(newest, ours.size(), others);
    }

    public Optional<MailMessage> message() {
        return Optional.ofNullable(message);
    }

    /** How many messages to the run's own address arrived after the request. */
    public int toAddress() {
        return toAddress;
    }

    /** Other runs' addresses (the same mailbox, another tag) that got mail after the request. */
    public Set<String> otherRuns() {
        return otherRuns;
    }
}
