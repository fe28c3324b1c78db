package io.jenkins.plugins.deploygates.engine.smoke.mail;

import io.jenkins.plugins.deploygates.engine.common.DaemonThreads;
import jakarta.mail.Address;
import jakarta.mail.FetchProfile;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * One IMAP connection for a whole run, logged in once: providers throttle clients that log in on every poll. Only
 * messages that arrived after the run connected are looked at (by UID), and the run waits with IDLE where the
 * server offers it, so new mail is seen the moment it lands.
 */
final class ImapSession implements MailSession {
    /** An IDLE is ended and renewed this often, so a notification lost between two reads costs at most this. */
    private static final Duration IDLE_SLICE = Duration.ofSeconds(5);
    /** Headers that carry the envelope recipient, which is the only trace of a Bcc'd test address. */
    private static final String[] ENVELOPE_HEADERS = {"Delivered-To", "X-Original-To"};

    private final IMAPStore store;
    private final IMAPFolder folder;
    private final String where;
    private final long firstUid;
    private final boolean idle;
    private final String summary;
    private final ScheduledExecutorService wakeUps =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("smoke-imap-idle-wake"));

    ImapSession(IMAPStore store, IMAPFolder folder, String where, boolean idle, boolean tls) throws MessagingException {
        this.store = store;
        this.folder = folder;
        this.where = where;
        this.firstUid = folder.getUIDNext();
        this.idle = idle;
        this.summary = "logged in " + (tls ? "over TLS" : "IN CLEAR TEXT") + " to " + where + ", "
                + folder.getFullName() + " holds " + folder.getMessageCount() + " messages"
                + (idle ? ", waiting with IDLE" : ", polling (the server offers no IDLE)");
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    public List<MailMessage> messagesSince(Instant since) throws IOException {
        try {
            noop(); // servers announce new mail (EXISTS) in answer to a command
            Message[] found = folder.getMessagesByUID(firstUid, UIDFolder.LASTUID);
            FetchProfile profile = new FetchProfile();
            profile.add(FetchProfile.Item.ENVELOPE);
            profile.add(UIDFolder.FetchProfileItem.UID);
            for (String header : ENVELOPE_HEADERS) {
                profile.add(header);
            }
            folder.fetch(found, profile);
            List<MailMessage> out = new ArrayList<>();
            for (Message m : found) {
                // "UID n:*" also answers the newest older message when nothing is new
                if (m != null && folder.getUID(m) >= firstUid && !receivedAt(m).isBefore(since)) {
                    out.add(new MailMessage(recipients(m), receivedAt(m), () -> text(m)));
                }
            }
            return out;
        } catch (MessagingException e) {
            throw new IOException("reading " + where + " failed: " + e.getMessage(), e);
        }
    }

    private String text(Message m) throws IOException {
        try {
            return MailText.of(m);
        } catch (MessagingException e) {
            throw new IOException("reading an email from " + where + " failed: " + e.getMessage(), e);
        }
    }

    private static Instant receivedAt(Message m) throws MessagingException {
        Date at = m.getReceivedDate() != null ? m.getReceivedDate() : m.getSentDate();
        return at == null ? Instant.EPOCH : at.toInstant();
    }

    private static List<String> recipients(Message m) throws MessagingException {
        List<String> out = new ArrayList<>();
        Address[] all = m.getAllRecipients();
        for (Address a : all == null ? new Address[0] : all) {
            out.add(a instanceof InternetAddress ? ((InternetAddress) a).getAddress() : a.toString());
        }
        for (String header : ENVELOPE_HEADERS) {
            String[] values = m.getHeader(header);
            for (String value : values == null ? new String[0] : values) {
                try {
                    for (InternetAddress a : InternetAddress.parseHeader(value, false)) {
                        out.add(a.getAddress());
                    }
                } catch (AddressException unreadable) {
                    // a header no one can read names no recipient
                }
            }
        }
        return out;
    }

    @Override
    public void awaitChange(Duration pollInterval, Duration max) throws IOException, InterruptedException {
        if (!idle) {
            Thread.sleep(Math.max(1, Math.min(pollInterval.toMillis(), max.toMillis())));
            return;
        }
        long slice = Math.max(1, Math.min(IDLE_SLICE.toMillis(), max.toMillis()));
        // a command on the folder from another thread ends the IDLE: the wake-up is that command
        ScheduledFuture<?> wakeUp = wakeUps.schedule(this::endIdle, slice, TimeUnit.MILLISECONDS);
        try {
            folder.idle(true);
        } catch (MessagingException e) {
            throw new IOException("waiting on " + where + " failed: " + e.getMessage(), e);
        } finally {
            wakeUp.cancel(false);
        }
    }

    private void endIdle() {
        try {
            noop();
        } catch (MessagingException | RuntimeException e) {
            // the IDLE ended some other way, or the connection is gone: the next read says so
        }
    }

    /**
     * A NOOP on the folder's connection, always sent (the folder's own getMessageCount skips it within a second of
     * the last command), which also ends a running IDLE.
     */
    private void noop() throws MessagingException {
        folder.doCommand(protocol -> {
            protocol.noop();
            return null;
        });
    }

    @Override
    public void close() {
        wakeUps.shutdownNow();
        try {
            folder.close(false);
        } catch (MessagingException | RuntimeException e) {
            // logging out of a broken connection: nothing left to do
        }
        closeQuietly(store);
    }

    @Override
    public void abort() {
        wakeUps.shutdownNow();
        DaemonThreads.named("smoke-imap-abort").newThread(() -> {
            try {
                folder.forceClose();
            } catch (MessagingException | RuntimeException e) {
                // already gone
            }
            closeQuietly(store);
        }).start();
    }

    static void closeQuietly(Store store) {
        try {
            store.close();
        } catch (MessagingException | RuntimeException e) {
            // a connection that failed to open or broke has nothing to log out of
        }
    }
}
