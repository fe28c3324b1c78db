package io.jenkins.plugins.deploygates.demo;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

/**
 * The smallest SMTP server that takes mail from a local sender (RFC 5321: HELO/EHLO, MAIL, RCPT, DATA, RSET, NOOP,
 * QUIT), on loopback only. It hands each message's envelope recipients and raw bytes to a consumer.
 */
final class SmtpReceiver implements AutoCloseable {
    private final ServerSocket socket;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "demo-smtp");
        t.setDaemon(true);
        return t;
    });
    private final BiConsumer<List<String>, byte[]> delivery;

    SmtpReceiver(int port, BiConsumer<List<String>, byte[]> delivery) throws IOException {
        this.socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        this.delivery = delivery;
        workers.submit(this::accept);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                workers.submit(() -> converse(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void converse(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.ISO_8859_1)); OutputStream out = client.getOutputStream()) {
            reply(out, "220 demo-mailbox ESMTP");
            List<String> recipients = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String verb = line.length() < 4 ? line.toUpperCase(Locale.ROOT) : line.substring(0, 4).toUpperCase(Locale.ROOT);
                if (!answer(verb, line, in, out, recipients)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the sender went away; nothing to deliver
        }
    }

    /** @return false after QUIT */
    private boolean answer(String verb, String line, BufferedReader in, OutputStream out, List<String> recipients)
            throws IOException {
        switch (verb) {
            case "HELO": case "EHLO": reply(out, "250 demo-mailbox"); return true;
            case "MAIL": recipients.clear(); reply(out, "250 OK"); return true;
            case "RCPT": recipients.add(address(line)); reply(out, "250 OK"); return true;
            case "DATA":
                reply(out, "354 end with <CRLF>.<CRLF>");
                delivery.accept(List.copyOf(recipients), readData(in));
                recipients.clear();
                reply(out, "250 OK queued");
                return true;
            case "RSET": recipients.clear(); reply(out, "250 OK"); return true;
            case "NOOP": reply(out, "250 OK"); return true;
            case "QUIT": reply(out, "221 bye"); return false;
            default: reply(out, "502 command not implemented"); return true;
        }
    }

    private static String address(String line) {
        int lt = line.indexOf('<');
        int gt = line.indexOf('>', lt + 1);
        return lt >= 0 && gt > lt ? line.substring(lt + 1, gt) : line.substring(line.indexOf(':') + 1).trim();
    }

    /** Reads up to the lone dot, undoing dot-stuffing (RFC 5321, section 4.5.2). */
    private static byte[] readData(BufferedReader in) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (String line = in.readLine(); line != null && !line.equals("."); line = in.readLine()) {
            String unstuffed = line.startsWith("..") ? line.substring(1) : line;
            data.write((unstuffed + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        return data.toByteArray();
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        workers.shutdownNow();
    }
}
