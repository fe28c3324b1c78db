package io.jenkins.plugins.deploygates.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailText;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process mail catcher for the demo, so it needs no mail account: an SMTP receiver the example service
 * sends through, and a subset of Mailpit's API v1 ({@code GET /api/v1/messages}, {@code GET /api/v1/message/{ID}})
 * on loopback, which the smoke test reads as {@code mailpit+http://127.0.0.1:PORT}.
 */
public final class DemoMailbox implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // As in DemoAuthService: without TCP_NODELAY each answer of the JDK server waits ~40ms on Nagle.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    private final List<Stored> messages = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final SmtpReceiver smtp;
    private final HttpServer http;

    private DemoMailbox() throws IOException {
        this.smtp = new SmtpReceiver(0, this::deliver);
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/api/v1/", this::route);
        http.start();
    }

    /** Starts both servers on free loopback ports. */
    public static DemoMailbox start() throws IOException {
        return new DemoMailbox();
    }

    public int smtpPort() {
        return smtp.port();
    }

    /** The mailbox URI for {@code smoke-auth --mailbox}. */
    public String mailboxUri() {
        return "mailpit+http://127.0.0.1:" + http.getAddress().getPort();
    }

    public int size() {
        return messages.size();
    }

    private void deliver(List<String> recipients, byte[] raw) {
        try {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            String id = "demo-" + ids.incrementAndGet();
            messages.add(new Stored(id, recipients, addresses(m.getFrom()), m.getSubject(), Instant.now(),
                    MailText.collect(m, false), MailText.collect(m, true), raw.length));
        } catch (MessagingException | IOException e) {
            // an unparseable message is dropped, as a real catcher would reject it
        }
    }

    private static List<String> addresses(Address[] list) {
        List<String> out = new java.util.ArrayList<>();
        for (Address a : list == null ? new Address[0] : list) {
            out.add(a instanceof InternetAddress ? ((InternetAddress) a).getAddress() : a.toString());
        }
        return out;
    }

    private void route(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (path.equals("/api/v1/messages")) {
                send(ex, 200, list());
            } else if (path.startsWith("/api/v1/message/")) {
                Optional<Stored> m = find(path.substring("/api/v1/message/".length()));
                send(ex, m.isPresent() ? 200 : 404, m.isPresent() ? m.get().full() : error("message not found"));
            } else {
                send(ex, 404, error("not found"));
            }
        }
    }

    private ObjectNode list() {
        ObjectNode page = JSON.createObjectNode();
        ArrayNode summaries = page.putArray("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            summaries.add(messages.get(i).summary());
        }
        page.put("total", messages.size()).put("unread", messages.size()).put("count", messages.size())
                .put("messages_count", messages.size()).put("start", 0).putArray("tags");
        return page;
    }

    private Optional<Stored> find(String id) {
        return messages.stream().filter(m -> m.id.equals(id)).findFirst();
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("Error", message);
    }

    private static void send(HttpExchange ex, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() throws IOException {
        smtp.close();
        Thread stopper = new Thread(() -> http.stop(0), "demo-mailbox-stop");
        stopper.setDaemon(true);
        stopper.start();
    }

    /** One caught message, shown in Mailpit's field names. */
    private static final class Stored {
        final String id;
        final List<String> to;
        final List<String> from;
        final String subject;
        final Instant created;
        final String text;
        final String html;
        final int size;

        Stored(String id, List<String> to, List<String> from, String subject, Instant created, String text,
                String html, int size) {
            this.id = id;
            this.to = to;
            this.from = from;
            this.subject = subject == null ? "" : subject;
            this.created = created;
            this.text = text;
            this.html = html;
            this.size = size;
        }

        ObjectNode summary() {
            ObjectNode n = JSON.createObjectNode().put("ID", id).put("MessageID", id + "@demo-mailbox").put("Read", false);
            n.putObject("From").put("Name", "").put("Address", from.isEmpty() ? "" : from.get(0));
            ArrayNode toList = n.putArray("To");
            to.forEach(a -> toList.addObject().put("Name", "").put("Address", a));
            n.putArray("Cc");
            n.putArray("Bcc");
            n.putArray("ReplyTo");
            n.put("Subject", subject).put("Created", created.toString()).put("Size", size).put("Attachments", 0)
                    .put("Snippet", text.length() > 250 ? text.substring(0, 250) : text).putArray("Tags");
            return n;
        }

        ObjectNode full() {
            ObjectNode n = summary();
            n.remove(List.of("Created", "Snippet", "Read"));
            n.put("Date", created.toString()).put("Text", text).put("HTML", html);
            n.putArray("Inline");
            n.putArray("Attachments");
            return n;
        }
    }
}
